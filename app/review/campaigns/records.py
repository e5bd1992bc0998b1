"""Plain results of campaign calls, and what they changed."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from app.audited import snapshot
from app.changes import OpChanges
from app.store.models import Campaign
from scoring.json_fields import JsonFields


def campaign_changed(campaign_id: int) -> OpChanges:
    """What a write to one campaign (its sample, catalogue, review group or 分工) changed."""
    return OpChanges(campaign=True, campaign_id=campaign_id)


# ------------------------------------------------------------------ plain results
@dataclass(frozen=True)
class CaseEntry(JsonFields):
    """One case of a campaign: its dossier in the library (if any) and its catalogue row."""

    entry_id: int
    case_id: int | None
    case_no: str | None
    department: str | None
    drawn_by: str
    in_sample: bool
    catalogue: dict[str, Any] | None
    reviewers: tuple[str, ...] = ()  # assigned to (分工); empty outside team mode

    json_skip = ("catalogue",)

    def as_json(self) -> dict[str, Any]:
        return {"id": self.case_id, **super().as_json()}  # "id": the dossier, as elsewhere


@dataclass(frozen=True)
class CampaignInfo:
    id: int
    name: str
    kind: str
    period: str
    double_review: bool
    seed: int | None
    departments: list[str]
    reviewers: list[str]
    leads: list[str]
    team_mode: bool  # cases are assigned to reviewers (分工): each sees only their own
    checklists: list[dict[str, str]]
    cases: int
    catalogue_rows: int

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def changes(self) -> OpChanges:
        """What creating (or changing) this campaign changed."""
        return campaign_changed(self.id)


@dataclass(frozen=True)
class CatalogueImport:
    """What a catalogue import changed."""

    campaign_id: int
    sheet: str
    header_row: int
    mapping: dict[str, str | None]
    rows: int
    linked: int
    skipped: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def changes(self) -> OpChanges:
        return campaign_changed(self.campaign_id)


def campaign_snapshot(campaign: Campaign) -> dict[str, Any]:
    return snapshot(campaign, ("name", "kind", "period", "double_review", "seed"))
