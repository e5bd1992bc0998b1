"""Double review (复核): comparing two reviewers item by item and the lead's choice per item.

Pure functions over plain data, so the rules are tested without a database: the review
service loads the deductions, calls these, and stores the final review.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.errors import UserError
from scoring.json_fields import JsonFields

NONE_CHOICE = ("", "none", "无", "不扣分")


@dataclass(frozen=True)
class Side(JsonFields):
    """What one reviewer deducted on one item."""

    reviewer: str
    count: int
    points: float
    deduction_ids: tuple[int, ...]
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class ItemDifference(JsonFields):
    item_id: str
    text: str
    sides: tuple[Side, ...]
    agree: bool


@dataclass(frozen=True)
class Differences:
    reviewers: tuple[str, ...]
    items: tuple[ItemDifference, ...] = field(default_factory=tuple)

    @property
    def disagreements(self) -> list[ItemDifference]:
        return [i for i in self.items if not i.agree]

    def as_json(self) -> dict[str, Any]:
        return {
            "reviewers": list(self.reviewers),
            "items": [i.as_json() for i in self.items],
            "disagreements": len(self.disagreements),
        }


def compare(
    deductions: Mapping[str, Sequence[Mapping[str, Any]]], item_texts: Mapping[str, str]
) -> Differences:
    """``deductions``: reviewer → rows with ``id``, ``item_id``, ``count``, ``points``, ``reason``.

    Every item either reviewer deducted on, in checklist order; two reviewers agree on an item
    when they deducted the same number of occurrences and the same points."""
    reviewers = tuple(deductions)
    order = {item_id: n for n, item_id in enumerate(item_texts)}
    touched = sorted(
        {row["item_id"] for rows in deductions.values() for row in rows},
        key=lambda i: (order.get(i, len(order)), i),
    )
    items = []
    for item_id in touched:
        sides = []
        for reviewer in reviewers:
            rows = [r for r in deductions[reviewer] if r["item_id"] == item_id]
            sides.append(
                Side(
                    reviewer=reviewer,
                    count=sum(int(r["count"]) for r in rows),
                    points=round(sum(float(r["points"]) for r in rows), 4),
                    deduction_ids=tuple(int(r["id"]) for r in rows),
                    reasons=tuple(str(r["reason"]) for r in rows),
                )
            )
        agree = len({(s.count, s.points) for s in sides}) == 1
        items.append(ItemDifference(item_id, item_texts.get(item_id, item_id), tuple(sides), agree))
    return Differences(reviewers, tuple(items))


def choose(differences: Differences, choices: Mapping[str, str | None]) -> dict[str, str | None]:
    """Item → the reviewer whose deductions the final review takes (None: no deduction).

    Items both reviewers agree on take the first reviewer's rows unless a choice says
    otherwise; every disagreement needs a choice."""
    known = {i.item_id for i in differences.items}
    unknown = sorted(set(choices) - known)
    if unknown:
        raise UserError(f"以下评查项目两位评查人均未扣分，无需选择：{'、'.join(unknown)}。")
    result: dict[str, str | None] = {}
    missing = []
    for item in differences.items:
        if item.item_id in choices:
            choice = choices[item.item_id]
            if choice is None or str(choice).strip().lower() in NONE_CHOICE:
                result[item.item_id] = None
            elif choice in differences.reviewers:
                result[item.item_id] = choice
            else:
                raise UserError(
                    f"评查项目 {item.item_id} 的选择“{choice}”不是本案卷的评查人"
                    f"（{'、'.join(differences.reviewers)}），也不是“无”。"
                )
        elif item.agree:
            result[item.item_id] = differences.reviewers[0]
        else:
            missing.append(item.item_id)
    if missing:
        raise UserError(f"以下评查项目两位评查人意见不一致，请组长逐项选定：{'、'.join(missing)}。")
    return result
