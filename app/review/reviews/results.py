"""What review calls return: plain results, the change they made, the CLI's score document."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from app.audited import snapshot
from app.changes import OpChanges
from app.store.models import Checklist as ChecklistRow
from app.store.models import Deduction
from scoring.checklist import Checklist
from scoring.checklist_loader import checklist_from_data
from scoring.json_fields import JsonFields
from scoring.scores import ScoreResult


@dataclass(frozen=True)
class DeductionInfo(JsonFields):
    id: int
    review_id: int
    reviewer: str
    role: str
    item_id: str
    item_text: str
    count: int
    points: float
    reason: str
    basis: str | None
    page: int | None
    region: Any
    origin: str
    suggestion_id: int | None
    veto: bool
    supervision: bool


@dataclass(frozen=True)
class Change(JsonFields):
    """What a review write did (the CLI prints it); :attr:`changes` is the same in the
    app-wide change model. ``campaign_id`` is None for a write that belongs to the case in
    every campaign (a pre-check decision), never a made-up id."""

    action: str
    campaign_id: int | None
    case_id: int
    review_id: int | None = None
    deduction_id: int | None = None
    points: float | None = None
    signoff_cleared: bool = False

    @property
    def changes(self) -> OpChanges:
        return OpChanges(review=True).with_ids(self.campaign_id, self.case_id)


class PrecheckAcceptance(dict[str, Any]):
    """``accept_prechecks``' document (``accepted``, ``deduction_ids``, ``skipped``,
    ``signoff_cleared``: printed by the CLI as it is) that also says what it changed."""

    changes: OpChanges

    def __init__(self, data: dict[str, Any], changes: OpChanges) -> None:
        super().__init__(data)
        self.changes = changes


def score_json(result: ScoreResult) -> dict[str, Any]:
    """The CLI's ``review score`` document (keys fixed by CLI.md; more may be added)."""
    return {
        "total": result.total,
        "grade": result.grade,
        "vetoed": result.vetoed,
        "veto_items": list(result.veto_items),
        "lost": result.lost,
        "categories": [
            {"name": c.name, "points": c.points, "lost": c.lost, "score": c.score}
            for c in result.categories
        ],
        "items": {k: v for k, v in result.items.items() if v},
    }


_DEDUCTION_AUDITED = (
    "review_id",
    "item_id",
    "count",
    "points",
    "reason",
    "basis",
    "page",
    "region",
    "origin",
    "suggestion_id",
)


def deduction_snapshot(d: Deduction) -> dict[str, Any]:
    return snapshot(d, _DEDUCTION_AUDITED)


def load_checklist(row: ChecklistRow) -> Checklist:
    return checklist_from_data(json.loads(row.definition), f"数据库中的评查标准 {row.checklist_id}")
