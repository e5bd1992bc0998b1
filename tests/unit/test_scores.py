"""Scores: worked examples, and the invariants checked over generated checklists."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.checklist import Checklist
from scoring.checklist_loader import load_checklist
from scoring.scores import Deduction, ScoringError, points_for, score_review

BUNDLED = Path(__file__).resolve().parents[2] / "scoring" / "checklists"


def build(
    items: list[dict[str, Any]], cuts: int = 1, grades: list[tuple[str, float]] | None = None
) -> Checklist:
    """A checklist from flat item dicts, split into ``cuts`` categories."""
    size = max(1, -(-len(items) // cuts))
    categories = []
    for n, start in enumerate(range(0, len(items), size)):
        chunk = items[start : start + size]
        categories.append(
            {"name": f"类别{n + 1}", "points": sum(i["points"] for i in chunk), "items": chunk}
        )
    bands = grades or [("优秀", 90), ("良好", 80), ("合格", 70), ("不合格", 0)]
    return Checklist.model_validate(
        {
            "id": "generated",
            "name": "生成的标准",
            "province": "测试",
            "kind": "penalty",
            "version": "1",
            "effective_date": "2024-01-01",
            "source": "测试",
            "categories": categories,
            "grades": [{"grade": g, "min": m} for g, m in bands],
        }
    )


def item(
    item_id: str, points: float, amount: float | None = None, veto: bool = False
) -> dict[str, Any]:
    rule = (
        {"mode": "all_or_nothing"}
        if amount is None
        else {"mode": "per_occurrence", "amount": amount}
    )
    return {
        "id": item_id,
        "text": item_id,
        "points": points,
        "rule": rule,
        "veto": veto,
        "source": "s",
    }


SIMPLE = build(
    [
        item("A", 40, veto=True),
        item("B", 30, amount=0.5),
        item("C", 29.5, amount=0.1),
        item("V", 0, veto=True),
        item("D", 0.5),
    ],
    cuts=2,
)


# ------------------------------------------------------------------ worked examples
def test_no_deductions_is_full_marks() -> None:
    result = score_review(SIMPLE, [])
    assert (result.total, result.lost, result.grade, result.vetoed) == (100, 0, "优秀", False)
    assert set(result.items) == {"A", "B", "C", "V", "D"}
    assert sum(c.points for c in result.categories) == 100


def test_per_occurrence_is_capped_at_item_points() -> None:
    result = score_review(SIMPLE, [Deduction("B", count=7), Deduction("B", count=100)])
    assert result.items["B"] == 30
    assert result.total == 70 and result.grade == "合格"


def test_tenths_do_not_drift() -> None:
    result = score_review(SIMPLE, [Deduction("C", count=3), Deduction("C", count=1)])
    assert result.items["C"] == 0.4
    assert result.total == 99.6
    assert points_for(SIMPLE.item("C"), 3) == 0.3


def test_all_or_nothing_takes_whole_item() -> None:
    result = score_review(SIMPLE, [Deduction("D", count=3)])
    assert result.items["D"] == 0.5 and result.total == 99.5


def test_explicit_points_are_capped() -> None:
    result = score_review(SIMPLE, [Deduction("B", points=12.5), Deduction("B", points=50)])
    assert result.items["B"] == 30


def test_veto_only_item_makes_file_fail_with_full_score() -> None:
    result = score_review(SIMPLE, [Deduction("V")])
    assert result.total == 100 and result.vetoed and result.grade == "不合格"
    assert result.veto_items == ("V",)


def test_categories_add_up() -> None:
    result = score_review(SIMPLE, [Deduction("A"), Deduction("C", count=5)])
    first, second = result.categories
    assert (first.name, first.points, first.lost, first.score) == ("类别1", 99.5, 40.5, 59)
    assert second.lost == 0 and second.score == second.points


def test_unknown_item_is_a_chinese_error() -> None:
    with pytest.raises(ScoringError, match=r"生成的标准.*没有编号为 Z-9 的评查项目"):
        score_review(SIMPLE, [Deduction("Z-9")])


@pytest.mark.parametrize(
    ("deduction", "words"), [(Deduction("B", count=0), "处数"), (Deduction("B", points=-1), "负数")]
)
def test_bad_deductions_are_refused(deduction: Deduction, words: str) -> None:
    with pytest.raises(ScoringError, match=words):
        score_review(SIMPLE, [deduction])


def test_points_for_previews_cost() -> None:
    assert points_for(SIMPLE.item("B"), 3) == 1.5
    assert points_for(SIMPLE.item("B"), 1000) == 30
    assert points_for(SIMPLE.item("A"), 2) == 40
    assert points_for(SIMPLE.item("B"), 0) == 0


def test_bundled_penalty_example() -> None:
    checklist = load_checklist(BUNDLED / "penalty-assembled.yaml")
    result = score_review(
        checklist,
        [
            Deduction("P-4.12"),
            Deduction("P-2.6", count=3),
            Deduction("P-5.4"),
            Deduction("P-6.2", count=5),
        ],
    )
    assert result.total == 100 - 3 - 1.5 - 1 - 2
    assert result.grade == "优秀" and not result.vetoed
    vetoed = score_review(checklist, [Deduction("P-4.5")])
    assert vetoed.grade == "不合格" and vetoed.total == 96


# ------------------------------------------------------------------ properties
HALF = st.integers(min_value=1, max_value=60).map(lambda n: n / 2)


@st.composite
def checklists(draw: st.DrawFn) -> Checklist:
    items: list[dict[str, Any]] = []
    remaining = 200  # in half points
    while remaining > 0:
        halves = min(draw(st.integers(min_value=1, max_value=60)), remaining)
        remaining -= halves
        points = halves / 2
        per_occurrence = draw(st.booleans())
        amount = None
        if per_occurrence:
            tenths = draw(st.integers(min_value=1, max_value=int(points * 10)))
            amount = tenths / 10
        items.append(
            item(
                f"I-{len(items)}", points, amount, veto=draw(st.booleans()) and draw(st.booleans())
            )
        )
    if draw(st.booleans()):
        items.append(item(f"I-{len(items)}", 0, veto=True))
    cuts = draw(st.integers(min_value=1, max_value=max(1, len(items))))
    mins = sorted(draw(st.sets(st.integers(min_value=1, max_value=100), max_size=4)), reverse=True)
    grades = [(f"等次{n}", float(m)) for n, m in enumerate(mins)] + [("末等", 0.0)]
    return build(items, cuts=cuts, grades=grades)


@st.composite
def reviews(draw: st.DrawFn) -> tuple[Checklist, list[Deduction], list[Deduction]]:
    checklist = draw(checklists())
    ids = [i.id for i in checklist.iter_items()]

    def deductions() -> st.SearchStrategy[list[Deduction]]:
        one = st.builds(
            Deduction,
            item_id=st.sampled_from(ids),
            count=st.integers(min_value=1, max_value=20),
            points=st.none() | st.integers(min_value=0, max_value=300).map(lambda n: n / 4),
        )
        return st.lists(one, max_size=15)

    return checklist, draw(deductions()), draw(deductions())


@given(reviews())
def test_score_invariants(case: tuple[Checklist, list[Deduction], list[Deduction]]) -> None:
    checklist, deductions, _ = case
    result = score_review(checklist, deductions)
    for it in checklist.iter_items():
        assert 0 <= result.items[it.id] <= it.points
    assert 0 <= result.total <= 100
    assert round(result.total + result.lost, 9) == 100
    assert round(sum(result.items.values()), 9) == round(result.lost, 9)
    assert round(sum(c.lost for c in result.categories), 9) == round(result.lost, 9)
    touched_vetoes = {d.item_id for d in deductions if checklist.item(d.item_id).veto}
    assert set(result.veto_items) == touched_vetoes
    assert result.vetoed == bool(touched_vetoes)
    if result.vetoed:
        assert result.grade == checklist.veto_grade
    else:
        assert result.grade == checklist.grade_for(result.total)


@given(reviews())
def test_more_deductions_never_raise_the_score(
    case: tuple[Checklist, list[Deduction], list[Deduction]],
) -> None:
    checklist, deductions, extra = case
    before = score_review(checklist, deductions)
    after = score_review(checklist, deductions + extra)
    assert after.total <= before.total
    assert all(after.items[k] >= v for k, v in before.items.items())
    assert before.vetoed <= after.vetoed


@given(
    checklists(), st.integers(min_value=0, max_value=200), st.integers(min_value=0, max_value=200)
)
def test_grade_is_monotone_in_score(checklist: Checklist, a: int, b: int) -> None:
    low, high = sorted((a / 2, b / 2))
    order = [band.grade for band in checklist.grades]
    assert order.index(checklist.grade_for(high)) <= order.index(checklist.grade_for(low))
