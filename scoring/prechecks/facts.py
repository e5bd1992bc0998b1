"""The pre-checks' input and output: plain facts of one dossier in, suggestions out.

Why a module of its own: the caller (``app.review.prechecks``) and the demo build these
objects without needing the rule table or any check; ``None`` everywhere means "unknown",
and a check never fires on an unknown fact.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from scoring.fine_ranges import Provision
from scoring.json_fields import JsonFields
from scoring.town_powers import PowerList

__all__ = [
    "CONFIRMED",
    "DOUBTFUL",
    "SINGLE",
    "DocumentRef",
    "DocumentText",
    "DossierFacts",
    "FactReading",
    "FactUse",
    "Finding",
    "Kind",
    "ListedDocument",
    "OfficerRecord",
    "RosterEntry",
    "Suggestion",
]

Kind = Literal["penalty", "coercion"]

# How far a fact can be trusted; the same codes as app.casefiles.facts (stored in
# case_fields.status). A DOUBTFUL fact never drives a deduction suggestion by itself.
CONFIRMED, SINGLE, DOUBTFUL = "confirmed", "single", "doubtful"
FactValue = _dt.date | float | str


@dataclass(frozen=True)
class FactReading(JsonFields):
    """One candidate reading of a doubtful fact: the value, where it was read, how sure.

    ``source`` is the place in words a reviewer knows ("决定书落款", "送达回证")."""

    value: FactValue
    page: int | None = None
    source: str = ""
    confidence: float | None = None
    region: tuple[float, float, float, float] | None = None


@dataclass(frozen=True)
class DocumentRef:
    """A document of the dossier by type; pages 1-based inclusive; ``serves`` on a 送达回证."""

    type: str
    first_page: int
    last_page: int
    serves: str | None = None
    order: int | None = None  # usual position of the type (document_types.yaml), if known
    name: str | None = None  # the type's Chinese name (document_types.yaml), if known

    @property
    def pages(self) -> list[int]:
        return list(range(self.first_page, self.last_page + 1))

    @property
    def page_text(self) -> str:
        if self.first_page == self.last_page:
            return f"第{self.first_page}页"
        return f"第{self.first_page}-{self.last_page}页"


@dataclass(frozen=True)
class ListedDocument:
    """A row of the dossier's own 卷内目录, its page numbers as printed (``listed_first``
    …) and as pages of the file (``first``/``last``: None when the 目录's numbering could
    not be matched to the file). ``type`` None: a title no known document type ends with."""

    number: int | None
    title: str
    type: str | None
    listed_first: int
    listed_last: int
    first: int | None
    last: int | None
    contents_page: int  # the page of the 目录 the row is printed on


@dataclass(frozen=True)
class DocumentText:
    """The words of one document of the dossier (whitespace removed), for the rules that
    read what a document says (``document_text``: 责令改正 in a decision, 执法记录仪 on a
    现场笔录, 见证人 on a 留置送达 receipt)."""

    type: str
    first_page: int
    last_page: int
    text: str

    @property
    def pages(self) -> list[int]:
        return list(range(self.first_page, self.last_page + 1))


@dataclass(frozen=True)
class OfficerRecord:
    """The officers named on one 笔录 (询问笔录, 现场笔录 …)."""

    document: str
    first_page: int
    last_page: int
    names: tuple[str, ...] = ()
    cert_nos: tuple[str, ...] = ()

    record_date: _dt.date | None = None

    @property
    def count(self) -> int:
        return max(len(self.names), len(self.cert_nos))


@dataclass(frozen=True)
class RosterEntry:
    """One certified officer of the roster (执法人员名册); validity bounds None = open."""

    name: str
    cert_no: str
    valid_from: _dt.date | None = None
    valid_to: _dt.date | None = None
    #: The officer's own organ (所属单位) and 执法类别 as the roster states them; None = not stated.
    department: str | None = None
    category: str | None = None
    #: 法律职业资格证书编号 (or 有); None = the roster records none for him.
    legal_qualification: str | None = None

    def valid_on(self, day: _dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


@dataclass(frozen=True)
class DossierFacts:
    """What the pre-checks know about one dossier. ``None`` everywhere means "unknown".

    ``dates`` uses the event names of ``time_limits.yaml`` (discovered, filed, notice_served,
    decided, served, seized, released, extension_decided …) plus ``legal_review`` and
    ``discussed``; ``date_pages`` gives the page each date was read from.
    ``documents`` None means the split is unknown (no missing-document finding then).
    """

    kind: Kind
    major: bool | None = None
    dates: Mapping[str, _dt.date] = field(default_factory=dict)
    date_pages: Mapping[str, int] = field(default_factory=dict)
    documents: Sequence[DocumentRef] | None = None
    decision_case_no: bool | None = None
    decision_remedy_notice: bool | None = None
    hearing_offered: bool | None = None
    officer_records: Sequence[OfficerRecord] | None = None
    page_numbers: Sequence[int | None] | None = None
    fine_yuan: float | None = None
    fine_range: tuple[float, float] | None = None  # the statutory range of the basis (yuan)
    fine_basis: str | None = None  # the provision(s) the range comes from, as a label
    fine_note: str | None = None  # why the range is a higher law's, not the cited one's
    fine_page: int | None = None  # the page of the decision citing the basis
    party_is_organisation: bool | None = None
    excluded_periods: Sequence[Any] = ()
    roster: Sequence[RosterEntry] | None = None  # None or empty: no roster, no roster finding
    #: The organ that made the decision, as printed (江州市市场监督管理局), and its sector
    #: (market, urban …; None = unknown: taken from the organ's name by the rule table).
    organ: str | None = None
    sector: str | None = None
    #: Periods the dossier's own documents state, by name (``defence_period`` of the
    #: 告知书, ``demand_period`` of the 催告书): (length, time_limits unit).
    stated_periods: Mapping[str, tuple[int, str]] = field(default_factory=dict)
    #: The decision's sentences telling the party how to seek a remedy (复议/诉讼).
    remedy_text: str | None = None
    #: How far each stored fact can be trusted, by the engine's name (a date by its event,
    #: ``fine_yuan``): CONFIRMED, SINGLE or DOUBTFUL; a fact not named here is SINGLE.
    fact_status: Mapping[str, str] = field(default_factory=dict)
    #: The candidate readings of each DOUBTFUL fact (the value in ``dates``/``fine_yuan`` is
    #: one of them): a rule resting on it asks the reviewer instead of suggesting a deduction.
    readings: Mapping[str, Sequence[FactReading]] = field(default_factory=dict)
    #: The clock times the enforcement record (强制执行现场笔录) states for its day
    #: (``dates["enforced"]``): start, and end when stated; None = not read.
    enforcement_times: tuple[_dt.time, _dt.time | None] | None = None
    #: Whether that record states 情况紧急 (《行政强制法》第四十三条's exception); None = no record.
    enforcement_urgent: bool | None = None
    #: The 审核意见 of the 法制审核 (its opinion text, whitespace removed); None = not read.
    legal_review_opinion: str | None = None
    #: Who signed the 法制审核 as 审核人 (names joined with 、, as read); None = not read.
    legal_reviewers: str | None = None
    #: The 加处罚款 (or 滞纳金) amount the dossier decides or demands, in yuan; None = not read.
    late_fine_yuan: float | None = None
    #: The page each fact that is not a date was read from (legal_reviewers, late_fine_yuan).
    fact_pages: Mapping[str, int] = field(default_factory=dict)
    #: The text of the documents the ``document_text`` rules read; None = no text read.
    document_texts: Sequence[DocumentText] | None = None
    #: The provisions the decision cites as its penalty basis (None = not read), and the
    #: 赋权事项清单 that applies to the organ when it is a 乡镇（街道） (None = none known).
    basis_provisions: Sequence[Provision] | None = None
    town_powers: PowerList | None = None

    def is_doubtful(self, name: str) -> bool:
        return self.fact_status.get(name) == DOUBTFUL

    def value_of(self, name: str) -> FactValue | None:
        """A fact by the engine's name: a date by its event, else the attribute (fine_yuan)."""
        if name in self.dates:
            return self.dates[name]
        value = getattr(self, name, None)
        return value if isinstance(value, _dt.date | float | int | str) else None

    def page_of(self, name: str) -> int | None:
        if name in self.date_pages:
            return self.date_pages[name]
        if name in self.fact_pages:
            return self.fact_pages[name]
        return self.fine_page if name == "fine_yuan" else None

    #: The rows of the dossier's 卷内目录 that give pages (None: no 目录 read) and the
    #: number of pages of the file.
    contents: Sequence[ListedDocument] | None = None
    page_count: int | None = None

    def has(self, doc_type: str, serves: str | None = None) -> bool:
        return any(
            d.type == doc_type and (serves is None or d.serves == serves)
            for d in self.documents or ()
        )

    def pages_of(self, doc_types: Sequence[str]) -> list[int]:
        return [p for d in self.documents or () if d.type in doc_types for p in d.pages]


@dataclass(frozen=True)
class FactUse(JsonFields):
    """A fact a suggestion rests on, as the reviewer is shown it: label, value, page, trust;
    a doubtful one with its candidate readings."""

    name: str
    label: str
    value: str | None
    page: int | None
    status: str = SINGLE
    readings: tuple[FactReading, ...] = ()


@dataclass(frozen=True)
class Suggestion(JsonFields):
    """One finding: the rule, the checklist item, a Chinese message, the pages, the points.

    ``needs_check`` (需核实): the rule rests on a doubtful fact; it is no deduction
    suggestion and cannot be accepted until the fact is confirmed. ``facts``: what the
    finding rests on, with pages."""

    rule: str
    item_id: str | None
    message: str
    pages: tuple[int, ...]
    suggested_points: float | None
    count: int = 1
    needs_check: bool = False
    facts: tuple[FactUse, ...] = ()
    json_skip = ("count",)


@dataclass
class Finding:
    """What one check found, before it is tied to a checklist item and its points."""

    message: str
    pages: list[int]
    count: int = 1
