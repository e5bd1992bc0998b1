"""Statistics of one campaign (评查活动) for the circular, the charts and the Excel workbook.

Plain dataclasses built from the database in one read. A case counts as scored when it is in
the sample and has a settled review — the final (reconciled) review, or the only review of a
single-reviewer case (the rule of :mod:`app.review.findings`); every other sampled case is
listed as 未评查 (no review, or no dossier yet) or 未定稿 (reviewers not yet reconciled).

Averages and medians are computed exactly (``Decimal``) and rounded once, to one decimal
place, half up. Departments are ranked by their exact average (ties share a rank). A campaign
with no scored case gives zeros and empty lists, never an error.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TypedDict

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.review import checklist_choice
from app.review.campaigns import (
    KIND_LABELS,
    entry_case_no,
    entry_department,
    get_campaign,
    in_sample,
    period_label,
    settings_of,
)
from app.review.findings import settled_review
from app.review.reviews import load_checklist
from app.store import repositories
from app.store.database import Database
from app.store.models import Campaign, CampaignCase, CaseFile, Review
from scoring.checklist import Checklist
from scoring.scores import Deduction as ScoredDeduction
from scoring.scores import score_review

STANDARD_GRADES = ("优秀", "良好", "合格", "不合格")
CASE_KIND_LABELS = {"penalty": "行政处罚", "coercion": "行政强制"}
NO_DEPARTMENT = "（未确定执法单位）"
STATUS_SCORED = "已评查"
STATUS_UNREVIEWED = "未评查"
STATUS_UNSETTLED = "未定稿"

_ONE_DECIMAL = Decimal("0.1")


# ------------------------------------------------------------------ numbers and periods
def round1(value: Decimal | float | int) -> float:
    """One decimal place, half up, from the exact value (95.45 → 95.5, never 95.4)."""
    exact = value if isinstance(value, Decimal) else Decimal(str(value))
    return float(exact.quantize(_ONE_DECIMAL, rounding=ROUND_HALF_UP))


def percent(part: int, whole: int) -> float:
    """``part`` of ``whole`` in per cent, one decimal place (0 when ``whole`` is 0)."""
    if not whole:
        return 0.0
    return round1(Decimal(part) * 100 / Decimal(whole))


def period_key(period: str) -> tuple[str, int, int] | None:
    """(granularity, year, index) of a normalised period, so that periods of the same
    granularity compare in time order; None for a period that is not normalised."""
    text = str(period or "")
    for pattern, granularity in (
        (r"(\d{4})Q([1-4])", "Q"),
        (r"(\d{4})H([12])", "H"),
        (r"(\d{4})-(\d{2})", "M"),
    ):
        m = re.fullmatch(pattern, text)
        if m:
            return granularity, int(m[1]), int(m[2])
    if re.fullmatch(r"\d{4}", text):
        return "Y", int(text), 0
    return None


# ------------------------------------------------------------------ plain results
@dataclass(frozen=True)
class DeductionRow:
    """One deduction of a scored case's settled review (a row of 扣分明细)."""

    case_id: int
    case_no: str
    department: str
    party: str
    item_id: str
    item_text: str
    category: str
    count: int
    points: float
    reason: str
    basis: str
    page: int | None
    reviewer: str
    veto: bool


@dataclass(frozen=True)
class CaseStat:
    entry_id: int
    case_id: int | None
    department: str
    case_no: str
    party: str
    kind: str
    checklist: str
    status: str
    total: float | None
    grade: str
    vetoed: bool
    veto_items: tuple[str, ...]
    deductions: int
    points_lost: float
    reviewers: tuple[str, ...]
    signed_off: bool
    signed_off_by: str = ""

    @property
    def scored(self) -> bool:
        return self.status == STATUS_SCORED


class _CaseFields(TypedDict):
    """The fields of a :class:`CaseStat` known before its review is looked at."""

    entry_id: int
    case_id: int | None
    department: str
    case_no: str
    party: str
    kind: str


@dataclass(frozen=True)
class DepartmentStat:
    name: str
    cases: int
    scored: int
    average: float
    median: float
    highest: float
    lowest: float
    grades: dict[str, int]
    vetoed: int
    deductions: int
    points_lost: float
    rank: int | None


@dataclass(frozen=True)
class GradeCount:
    grade: str
    count: int
    share: float


@dataclass(frozen=True)
class CategoryStat:
    name: str
    count: int
    occurrences: int
    points_lost: float
    cases_affected: int


@dataclass(frozen=True)
class ItemStat:
    item_id: str
    text: str
    category: str
    count: int
    occurrences: int
    points_lost: float
    cases_affected: int


@dataclass(frozen=True)
class CampaignSummary:
    """The headline figures of a campaign (for the comparison, the trend, self vs spot)."""

    campaign_id: int
    name: str
    kind: str
    period: str
    period_label: str
    scored: int
    average: float
    vetoed: int
    grades: dict[str, int]
    department_averages: dict[str, float]
    department_cases: dict[str, int]


@dataclass(frozen=True)
class SelfSpotRow:
    """A department's self-review and spot-check averages for the same period."""

    department: str
    selfreview_cases: int
    selfreview_average: float | None
    spotcheck_cases: int
    spotcheck_average: float | None

    @property
    def difference(self) -> float | None:
        """Self-review minus spot-check (positive: the department scored itself higher)."""
        if self.selfreview_average is None or self.spotcheck_average is None:
            return None
        return round1(Decimal(str(self.selfreview_average)) - Decimal(str(self.spotcheck_average)))


@dataclass(frozen=True)
class CampaignStats:
    campaign_id: int
    name: str
    kind: str
    kind_label: str
    period: str
    period_label: str
    cases: list[CaseStat]
    departments: list[DepartmentStat]
    grade_order: list[str]
    grades: list[GradeCount]
    categories: list[CategoryStat]
    items: list[ItemStat]
    deductions: list[DeductionRow]
    scored: int
    average: float
    median: float
    highest: float
    lowest: float
    vetoed: int
    previous: CampaignSummary | None = None
    trend: list[CampaignSummary] = field(default_factory=list)
    counterpart: CampaignSummary | None = None
    self_vs_spot: list[SelfSpotRow] = field(default_factory=list)
    # 纠错案件 per department in the campaign's period (from the ledger; set by the caller
    # with dataclasses.replace, since the ledger is not part of the campaign).
    corrections: dict[str, int] = field(default_factory=dict)

    @property
    def listed(self) -> int:
        return len(self.cases)

    def summary(self) -> CampaignSummary:
        return CampaignSummary(
            campaign_id=self.campaign_id,
            name=self.name,
            kind=self.kind,
            period=self.period,
            period_label=self.period_label,
            scored=self.scored,
            average=self.average,
            vetoed=self.vetoed,
            grades={g.grade: g.count for g in self.grades},
            department_averages={d.name: d.average for d in self.departments if d.scored},
            department_cases={d.name: d.scored for d in self.departments},
        )


# ------------------------------------------------------------------ reading the database
@dataclass
class _Scored:
    """A case with its exact total and what the deductions cost, per item and category."""

    stat: CaseStat
    exact_total: Decimal
    item_lost: dict[str, float]
    category_lost: dict[str, float]


class _Reader:
    def __init__(self, session: Session) -> None:
        self.session = session
        self._checklists: dict[int, Checklist] = {}

    def checklist(self, row: object) -> Checklist:
        key = row.id  # type: ignore[attr-defined]
        if key not in self._checklists:
            self._checklists[key] = load_checklist(row)  # type: ignore[arg-type]
        return self._checklists[key]

    def pinned(self, campaign: Campaign) -> list[Checklist]:
        """The campaign's pinned checklists, then any other one a review was scored with (so
        every deduction's category is listed in the checklist's order)."""
        pinned = [self.checklist(c.checklist) for c in campaign.checklists]
        return pinned + [c for c in self._checklists.values() if all(c is not p for p in pinned)]

    def entries(self, campaign_id: int) -> list[CampaignCase]:
        return [
            e
            for e in self.session.scalars(
                select(CampaignCase)
                .where(CampaignCase.campaign_id == campaign_id)
                .order_by(CampaignCase.id)
            )
            if in_sample(e) and repositories.is_used_for_real_work(self.session, e.case_file)
        ]

    def reviews(self, campaign_id: int, case_id: int) -> list[Review]:
        return list(
            self.session.scalars(
                select(Review)
                .where(Review.campaign_id == campaign_id, Review.case_file_id == case_id)
                .order_by(Review.id)
            )
        )

    def review_checklist(self, campaign: Campaign, review: Review, kind: str | None) -> Checklist:
        if review.checklist is not None:
            return self.checklist(review.checklist)
        return self.checklist(checklist_choice.choose(self.session, campaign, kind).row)

    def case(
        self, campaign: Campaign, entry: CampaignCase, rows: list[DeductionRow]
    ) -> _Scored | CaseStat:
        case = entry.case_file
        department = entry_department(entry) or NO_DEPARTMENT
        base: _CaseFields = {
            "entry_id": entry.id,
            "case_id": entry.case_file_id,
            "department": department,
            "case_no": entry_case_no(entry) or "",
            "party": (case.party if case is not None else None) or _catalogue(entry, "party"),
            "kind": CASE_KIND_LABELS.get(case.kind or "", "") if case is not None else "",
        }
        reviews = self.reviews(campaign.id, case.id) if case is not None else []
        review = settled_review(reviews)
        names = tuple(dict.fromkeys(r.reviewer.name for r in reviews if r.role == "reviewer"))
        signed = next((r for r in reviews if r.signed_off_at is not None), None)
        signer = signed.signer.name if signed is not None and signed.signer else ""
        if review is None or case is None:
            return CaseStat(
                **base,
                checklist="",
                status=STATUS_UNSETTLED if reviews else STATUS_UNREVIEWED,
                total=None,
                grade="",
                vetoed=False,
                veto_items=(),
                deductions=0,
                points_lost=0.0,
                reviewers=names,
                signed_off=signed is not None,
                signed_off_by=signer,
            )
        checklist = self.review_checklist(campaign, review, case.kind)
        category_of = {i.id: c.name for c in checklist.categories for i in c.items}
        deductions = sorted(review.deductions, key=lambda d: d.id)
        result = score_review(
            checklist, [ScoredDeduction(d.item_id, d.count, d.points) for d in deductions]
        )
        for d in deductions:
            item = checklist.item(d.item_id)
            rows.append(
                DeductionRow(
                    case_id=case.id,
                    case_no=base["case_no"],
                    department=department,
                    party=base["party"],
                    item_id=item.id,
                    item_text=item.text,
                    category=category_of[item.id],
                    count=d.count,
                    points=float(d.points),
                    reason=d.reason,
                    basis=d.basis or "",
                    page=d.page,
                    reviewer=review.reviewer.name,
                    veto=item.veto,
                )
            )
        stat = CaseStat(
            **base,
            checklist=f"{checklist.name}（{checklist.version}）",
            status=STATUS_SCORED,
            total=result.total,
            grade=result.grade,
            vetoed=result.vetoed,
            veto_items=tuple(f"{i} {checklist.item(i).text}" for i in result.veto_items),
            deductions=len(deductions),
            points_lost=result.lost,
            reviewers=names or (review.reviewer.name,),
            signed_off=signed is not None,
            signed_off_by=signer,
        )
        return _Scored(
            stat,
            Decimal(str(result.total)),
            {k: v for k, v in result.items.items() if v},
            {c.name: c.lost for c in result.categories},
        )


def _catalogue(entry: CampaignCase, key: str) -> str:
    row = entry.catalogue_row
    if isinstance(row, dict):
        value = row.get("fields", {}).get(key)
        if value:
            return str(value)
    return ""


def _exact_stats(totals: Sequence[Decimal]) -> tuple[float, float, float, float]:
    """average, median, highest, lowest (rounded from exact values; zeros when empty)."""
    if not totals:
        return 0.0, 0.0, 0.0, 0.0
    average = sum(totals, Decimal(0)) / len(totals)
    median = statistics.median(sorted(totals))
    return round1(average), round1(median), round1(max(totals)), round1(min(totals))


def _grade_order(checklists: Iterable[Checklist], seen: Iterable[str]) -> list[str]:
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


def _departments(
    cases: list[CaseStat], scored: list[_Scored], scope: Sequence[str], grade_order: list[str]
) -> list[DepartmentStat]:
    names = list(dict.fromkeys([*(c.department for c in cases), *scope]))
    exact: dict[str, list[Decimal]] = {n: [] for n in names}
    for s in scored:
        exact[s.stat.department].append(s.exact_total)
    ranks = _rank({n: sum(v, Decimal(0)) / len(v) for n, v in exact.items() if v})
    result = []
    for name in names:
        mine = [s for s in scored if s.stat.department == name]
        average, median, highest, lowest = _exact_stats(exact[name])
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


def _categories(
    checklists: list[Checklist], scored: list[_Scored], rows: list[DeductionRow]
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


def _items(scored: list[_Scored], rows: list[DeductionRow]) -> list[ItemStat]:
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


def _stats(session: Session, campaign_id: int) -> CampaignStats:
    campaign = get_campaign(session, campaign_id)
    reader = _Reader(session)
    rows: list[DeductionRow] = []
    cases: list[CaseStat] = []
    scored: list[_Scored] = []
    for entry in reader.entries(campaign_id):
        outcome = reader.case(campaign, entry, rows)
        if isinstance(outcome, _Scored):
            scored.append(outcome)
            cases.append(outcome.stat)
        else:
            cases.append(outcome)
    checklists = reader.pinned(campaign)
    grade_order = _grade_order(checklists, (s.stat.grade for s in scored))
    grade_counts = dict.fromkeys(grade_order, 0)
    for s in scored:
        grade_counts[s.stat.grade] += 1
    average, median, highest, lowest = _exact_stats([s.exact_total for s in scored])
    return CampaignStats(
        campaign_id=campaign.id,
        name=campaign.name,
        kind=campaign.kind,
        kind_label=KIND_LABELS.get(campaign.kind, campaign.kind),
        period=campaign.period,
        period_label=period_label(campaign.period),
        cases=cases,
        departments=_departments(
            cases, scored, settings_of(session, campaign_id)["departments"], grade_order
        ),
        grade_order=grade_order,
        grades=[GradeCount(g, n, percent(n, len(scored))) for g, n in grade_counts.items()],
        categories=_categories(checklists, scored, rows),
        items=_items(scored, rows),
        deductions=rows,
        scored=len(scored),
        average=average,
        median=median,
        highest=highest,
        lowest=lowest,
        vetoed=sum(1 for s in scored if s.stat.vetoed),
    )


def _demo_only(session: Session) -> set[int]:
    """Campaigns made only of demo dossiers in a real library (the demo campaign an older
    version built there): never a previous period or a counterpart of real work."""
    if repositories.is_demo_library(session):
        return set()
    demo: set[int] = set()
    real: set[int] = set()
    for campaign_id, is_demo in session.execute(
        select(CampaignCase.campaign_id, CaseFile.demo).join(
            CaseFile, CampaignCase.case_file_id == CaseFile.id
        )
    ):
        (demo if is_demo else real).add(campaign_id)
    return demo - real


def _related(session: Session, campaign: Campaign) -> dict[str, list[Campaign]]:
    """Campaigns of the same kind and period granularity up to this one (time order), and
    campaigns of the other kind with the same period."""
    key = period_key(campaign.period)
    same: list[tuple[tuple[int, int], int, Campaign]] = []
    other: list[Campaign] = []
    skip = _demo_only(session) - {campaign.id}
    for c in session.scalars(select(Campaign).order_by(Campaign.id)):
        if c.id in skip:
            continue
        k = period_key(c.period)
        if c.kind != campaign.kind:
            if c.period == campaign.period:
                other.append(c)
            continue
        if key is None or k is None or k[0] != key[0]:
            if c.id == campaign.id:
                same.append(((0, 0), c.id, c))
            continue
        if (k[1], k[2]) <= (key[1], key[2]):
            same.append(((k[1], k[2]), c.id, c))
    same.sort(key=lambda t: (t[0], t[1]))
    return {"same": [c for _k, _i, c in same], "other": other}


def campaign_stats(db: Database, campaign_id: int, *, related: bool = True) -> CampaignStats:
    """Everything the reports need about one campaign. With ``related``: the previous
    campaign of the same kind (the latest earlier period), the trend over all campaigns of
    the same kind up to this one, and the self-review / spot-check comparison for the same
    period (the latest campaign of the other kind)."""
    with db.session() as session:
        stats = _stats(session, campaign_id)
        if not related:
            return stats
        campaign = get_campaign(session, campaign_id)
        found = _related(session, campaign)
        summaries: dict[int, CampaignSummary] = {campaign_id: stats.summary()}
        for c in found["same"]:
            if c.id not in summaries:
                summaries[c.id] = _stats(session, c.id).summary()
        trend = [summaries[c.id] for c in found["same"]]
        earlier = [s for s in trend if s.period != stats.period and s.campaign_id != campaign_id]
        previous = earlier[-1] if earlier else None
        counterpart = _stats(session, found["other"][-1].id) if found["other"] else None
    self_vs_spot: list[SelfSpotRow] = []
    if counterpart is not None:
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
        self_vs_spot = [
            SelfSpotRow(
                department=name,
                selfreview_cases=mine.department_cases.get(name, 0),
                selfreview_average=mine.department_averages.get(name),
                spotcheck_cases=theirs.department_cases.get(name, 0),
                spotcheck_average=theirs.department_averages.get(name),
            )
            for name in names
        ]
    return CampaignStats(
        **{
            **{k: getattr(stats, k) for k in stats.__dataclass_fields__},
            "previous": previous,
            "trend": trend,
            "counterpart": counterpart.summary() if counterpart is not None else None,
            "self_vs_spot": self_vs_spot,
        }
    )
