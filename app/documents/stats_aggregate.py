"""Figures over a campaign's scored cases: average, median, extremes, grade order, and
the per-department (ranked), per-category and per-item tables. Exact ``Decimal`` sums,
rounded once."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from decimal import Decimal

from app.documents.stats_cases import ScoredCase
from app.documents.stats_results import (
    STANDARD_GRADES,
    CampaignStats,
    CaseStat,
    CategoryStat,
    DeductionRow,
    DepartmentStat,
    ItemStat,
    SelfSpotRow,
    round1,
)
from scoring.checklist import Checklist


def exact_stats(totals: Sequence[Decimal]) -> tuple[float, float, float, float]:
    """average, median, highest, lowest (rounded from exact values; zeros when empty)."""
    if not totals:
        return 0.0, 0.0, 0.0, 0.0
    average = sum(totals, Decimal(0)) / len(totals)
    median = statistics.median(sorted(totals))
    return round1(average), round1(median), round1(max(totals)), round1(min(totals))


def grade_order_of(checklists: Iterable[Checklist], seen: Iterable[str]) -> list[str]:
    order: list[str] = []
    for checklist in checklists:
        for band in checklist.grades:
            if band.grade not in order:
                order.append(band.grade)
        if checklist.veto_grade not in order:
            order.append(checklist.veto_grade)
    if not order:
        order = list(STANDARD_GRADES)
    for grade in seen:
        if grade and grade not in order:
            order.append(grade)
    return order


def _rank(averages: dict[str, Decimal]) -> dict[str, int]:
    """Competition ranking by exact average, highest first (95, 95, 90 → 1, 1, 3)."""
    ordered = sorted(averages.items(), key=lambda kv: (-kv[1], kv[0]))
    ranks: dict[str, int] = {}
    for position, (name, value) in enumerate(ordered, start=1):
        earlier = ordered[position - 2] if position > 1 else None
        ranks[name] = ranks[earlier[0]] if earlier is not None and earlier[1] == value else position
    return ranks


def department_stats(
    cases: list[CaseStat], scored: list[ScoredCase], scope: Sequence[str], grade_order: list[str]
) -> list[DepartmentStat]:
    names = list(dict.fromkeys([*(c.department for c in cases), *scope]))
    exact: dict[str, list[Decimal]] = {n: [] for n in names}
    for s in scored:
        exact[s.stat.department].append(s.exact_total)
    ranks = _rank({n: sum(v, Decimal(0)) / len(v) for n, v in exact.items() if v})
    result = []
    for name in names:
        mine = [s for s in scored if s.stat.department == name]
        average, median, highest, lowest = exact_stats(exact[name])
        grades = dict.fromkeys(grade_order, 0)
        for s in mine:
            grades[s.stat.grade] = grades.get(s.stat.grade, 0) + 1
        result.append(
            DepartmentStat(
                name=name,
                cases=sum(1 for c in cases if c.department == name),
                scored=len(mine),
                average=average,
                median=median,
                highest=highest,
                lowest=lowest,
                grades=grades,
                vetoed=sum(1 for s in mine if s.stat.vetoed),
                deductions=sum(s.stat.deductions for s in mine),
                points_lost=round1(
                    sum((Decimal(str(s.stat.points_lost)) for s in mine), Decimal(0))
                ),
                rank=ranks.get(name),
            )
        )
    result.sort(key=lambda d: (d.rank is None, d.rank or 0, names.index(d.name)))
    return result


def category_stats(
    checklists: list[Checklist], scored: list[ScoredCase], rows: list[DeductionRow]
) -> list[CategoryStat]:
    names = list(dict.fromkeys(c.name for cl in checklists for c in cl.categories))
    names += [r.category for r in rows if r.category not in names]
    result = []
    for name in dict.fromkeys(names):
        mine = [r for r in rows if r.category == name]
        lost = sum((Decimal(str(s.category_lost.get(name, 0.0))) for s in scored), Decimal(0))
        result.append(
            CategoryStat(
                name=name,
                count=len(mine),
                occurrences=sum(r.count for r in mine),
                points_lost=round1(lost),
                cases_affected=len({r.case_id for r in mine}),
            )
        )
    return result


def item_stats(scored: list[ScoredCase], rows: list[DeductionRow]) -> list[ItemStat]:
    by_item: dict[str, list[DeductionRow]] = {}
    for r in rows:
        by_item.setdefault(r.item_id, []).append(r)
    result = []
    for item_id, mine in by_item.items():
        lost = sum((Decimal(str(s.item_lost.get(item_id, 0.0))) for s in scored), Decimal(0))
        result.append(
            ItemStat(
                item_id=item_id,
                text=mine[0].item_text,
                category=mine[0].category,
                count=len(mine),
                occurrences=sum(r.count for r in mine),
                points_lost=round1(lost),
                cases_affected=len({r.case_id for r in mine}),
            )
        )
    result.sort(key=lambda i: (-i.count, -i.cases_affected, -i.points_lost, i.item_id))
    return result


def self_vs_spot(stats: CampaignStats, counterpart: CampaignStats) -> list[SelfSpotRow]:
    """Each department's self-review and spot-check averages, from a campaign and its
    counterpart of the other kind for the same period."""
    own = stats.summary()
    other = counterpart.summary()
    mine, theirs = (own, other) if stats.kind == "selfreview" else (other, own)
    names = list(
        dict.fromkeys(
            [
                *(d.name for d in stats.departments),
                *(d.name for d in counterpart.departments),
            ]
        )
    )
    return [
        SelfSpotRow(
            department=name,
            selfreview_cases=mine.department_cases.get(name, 0),
            selfreview_average=mine.department_averages.get(name),
            spotcheck_cases=theirs.department_cases.get(name, 0),
            spotcheck_average=theirs.department_averages.get(name),
        )
        for name in names
    ]
