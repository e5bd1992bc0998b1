"""What a mutating operation changed: the one description every write returns.

Modelled on Anki's ``OpChanges``: a service call that writes returns an :class:`OpChanges`
(or an :class:`OpResult` carrying a value *and* its changes); queries return plain data.
The window runs writes through its one database worker and emits the changes on one
app-wide signal; each panel looks at the flags it cares about and refreshes itself. No panel
calls another to say "refresh", and the CLI prints the value and ignores the flags.

Flags are coarse on purpose (what a panel shows), ids narrow them where that is cheap.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any, Generic, TypeVar

T = TypeVar("T")

_FLAG_NAMES = (
    "library",
    "case_facts",
    "campaign",
    "review",
    "letters",
    "rectification",
    "ledger",
    "checklists",
    "roster",
    "settings",
)


@dataclass(frozen=True)
class OpChanges:
    """Which kinds of stored data an operation changed.

    ``library``: dossiers added, removed, re-read or their status; ``case_facts``: facts,
    outline or page corrections of dossiers; ``campaign``: a campaign, its scope, catalogue,
    sample, group or 分工; ``review``: deductions, pre-check decisions, reconciliation,
    sign-off; ``letters``: letters drafted or issued, numbers; ``rectification``: replies,
    verification, extensions; ``ledger``: the 纠错案件台账; ``checklists``: imported or
    synced checklists; ``roster``: certified officers; ``settings``: settings or who is working.
    """

    library: bool = False
    case_facts: bool = False
    campaign: bool = False
    review: bool = False
    letters: bool = False
    rectification: bool = False
    ledger: bool = False
    checklists: bool = False
    roster: bool = False
    settings: bool = False
    campaign_id: int | None = None
    case_ids: frozenset[int] = field(default_factory=frozenset)

    def __or__(self, other: OpChanges) -> OpChanges:
        """Both operations' changes (a batch, or an operation that calls another)."""
        merged: dict[str, Any] = {n: getattr(self, n) or getattr(other, n) for n in _FLAG_NAMES}
        same_campaign = self.campaign_id == other.campaign_id
        merged["campaign_id"] = self.campaign_id if same_campaign else None
        merged["case_ids"] = self.case_ids | other.case_ids
        return OpChanges(**merged)

    @property
    def anything(self) -> bool:
        return any(getattr(self, n) for n in _FLAG_NAMES)

    def touches_case(self, case_id: int) -> bool:
        """Whether a panel showing ``case_id`` must refresh (no ids means 'maybe all')."""
        return not self.case_ids or case_id in self.case_ids

    def touches_campaign(self, campaign_id: int) -> bool:
        return self.campaign_id is None or self.campaign_id == campaign_id

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {n: getattr(self, n) for n in _FLAG_NAMES if getattr(self, n)}
        if self.campaign_id is not None:
            out["campaign_id"] = self.campaign_id
        if self.case_ids:
            out["case_ids"] = sorted(self.case_ids)
        return out

    def with_ids(self, campaign_id: int | None = None, *case_ids: int) -> OpChanges:
        return replace(self, campaign_id=campaign_id, case_ids=frozenset(case_ids))


NOTHING = OpChanges()


@dataclass(frozen=True)
class OpResult(Generic[T]):
    """A write that also returns something (the new row's id, the issued number ...)."""

    value: T
    changes: OpChanges


def changes_of(result: object) -> OpChanges:
    """The changes of whatever a write returned (``OpChanges``, ``OpResult`` or an object
    with a ``changes`` attribute); used by the window's one operation runner."""
    if isinstance(result, OpChanges):
        return result
    found = getattr(result, "changes", None)
    if isinstance(found, OpChanges):
        return found
    raise TypeError(f"{type(result).__name__} is not a change description")


assert {f.name for f in fields(OpChanges)} >= set(_FLAG_NAMES)
