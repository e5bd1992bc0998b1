"""What a reviewer asks for when a supervision letter is drafted or issued.

The window's preview, its issue button and the command line all ask the same question
(which campaign and department, which day, what deadline), first for the draft and then
for the letter. Each builds one frozen request and hands the same object to both the
``*_context`` (the fields shown) and the ``issue_*`` (the letter recorded) service, so the
draft a reviewer checked and the letter issued cannot differ in a parameter."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class OpinionRequest:
    """A 《行政执法监督意见书》 to one department on the findings of one campaign.

    ``deadline``: typed by hand (else ``days`` after the start, the settings' number when
    None); ``served_on``: the day it is served, when the deadline runs from service."""

    campaign_id: int
    department: str
    issued_on: date
    deadline: date | None = None
    days: int | None = None
    served_on: date | None = None


@dataclass(frozen=True)
class DecisionRequest:
    """A 《行政执法监督决定书》 on an overdue opinion.

    ``measures``: problem number → measure (id or label), the others get their default;
    ``decisions``: decision sentences typed in instead (the command line's ``--decision``);
    ``deadline``/``days``: as for :class:`OpinionRequest`."""

    opinion_number: str
    issued_on: date
    measures: Mapping[int, str] | None = None
    decisions: list[str] | None = None
    days: int | None = None
    deadline: date | None = None
