"""Score, grade and veto of one reviewed file: the arithmetic every report depends on.

The rules (published standards agree on them): each deduction costs what the item's rule
says; an item never loses more than its points (扣完为止，不计负分); the file scores
100 minus the losses; any deduction on a veto item makes the file the checklist's veto
grade whatever the score; otherwise the grade is the first band the score reaches.
Arithmetic is in ``Decimal`` so that 0.5 and 0.1 steps never drift.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from scoring.checklist import TOTAL_POINTS, Checklist, Item, PerOccurrenceRule, dec

_ZERO = Decimal(0)


class ScoringError(ValueError):
    """A deduction that cannot be scored. ``str()`` is the Chinese message to show."""


@dataclass(frozen=True)
class Deduction:
    """One finding: ``count`` occurrences of a defect on an item.

    ``points`` None lets the item's rule decide; an explicit value (a reviewer's
    judgement, or a pre-check's suggestion) is still capped at the item's points.
    """

    item_id: str
    count: int = 1
    points: float | None = None


@dataclass(frozen=True)
class CategoryScore:
    name: str
    points: float
    lost: float
    score: float


@dataclass(frozen=True)
class ScoreResult:
    total: float
    lost: float
    grade: str
    vetoed: bool
    veto_items: tuple[str, ...]
    categories: tuple[CategoryScore, ...]
    items: dict[str, float] = field(default_factory=dict)
    """Points lost per item id, for every item of the checklist (0 when untouched)."""


def _item_cost(item: Item, count: int) -> Decimal:
    if isinstance(item.rule, PerOccurrenceRule):
        return min(dec(item.rule.amount) * count, dec(item.points))
    return dec(item.points)


def points_for(item: Item, count: int = 1) -> float:
    """What ``count`` occurrences on this item cost, for the UI to show before saving."""
    if count < 1:
        return 0.0
    return float(_item_cost(item, count))


def _deduction_cost(checklist: Checklist, deduction: Deduction) -> tuple[Item, Decimal]:
    if not checklist.has_item(deduction.item_id):
        raise ScoringError(
            f"评查标准《{checklist.name}》（{checklist.version}）中没有编号为 "
            f"{deduction.item_id} 的评查项目"
        )
    item = checklist.item(deduction.item_id)
    if deduction.count < 1:
        raise ScoringError(f"评查项目 {item.id} 的问题处数应至少为 1，实际为 {deduction.count}")
    if deduction.points is None:
        return item, _item_cost(item, deduction.count)
    if deduction.points < 0:
        raise ScoringError(f"评查项目 {item.id} 的扣分不能为负数（{deduction.points:g}）")
    return item, min(dec(deduction.points), dec(item.points))


def score_review(checklist: Checklist, deductions: Iterable[Deduction]) -> ScoreResult:
    """Score one file against one checklist."""
    lost: dict[str, Decimal] = {item.id: _ZERO for item in checklist.iter_items()}
    vetoes: list[str] = []
    for deduction in deductions:
        item, cost = _deduction_cost(checklist, deduction)
        lost[item.id] = min(lost[item.id] + cost, dec(item.points))
        if item.veto and item.id not in vetoes:
            vetoes.append(item.id)

    categories = []
    for category in checklist.categories:
        category_lost = sum((lost[i.id] for i in category.items), _ZERO)
        points = dec(category.points)
        categories.append(
            CategoryScore(
                name=category.name,
                points=float(points),
                lost=float(category_lost),
                score=float(points - category_lost),
            )
        )
    total_lost = sum(lost.values(), _ZERO)
    total = max(TOTAL_POINTS - total_lost, _ZERO)
    vetoed = bool(vetoes)
    grade = checklist.veto_grade if vetoed else checklist.grade_for(float(total))
    return ScoreResult(
        total=float(total),
        lost=float(total_lost),
        grade=grade,
        vetoed=vetoed,
        veto_items=tuple(vetoes),
        categories=tuple(categories),
        items={item_id: float(value) for item_id, value in lost.items()},
    )
