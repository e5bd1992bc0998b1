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

from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.documents.stats_aggregate import (
    category_stats,
    department_stats,
    exact_stats,
    grade_order_of,
    item_stats,
    self_vs_spot,
)
from app.documents.stats_cases import CaseReader, ScoredCase, personal_names
from app.documents.stats_results import (
    NO_DEPARTMENT,
    STANDARD_GRADES,
    STATUS_SCORED,
    STATUS_UNREVIEWED,
    STATUS_UNSETTLED,
    CampaignStats,
    CampaignSummary,
    CaseStat,
    CategoryStat,
    DeductionRow,
    DepartmentStat,
    GradeCount,
    ItemStat,
    SelfSpotRow,
    percent,
    period_key,
    round1,
)
from app.review.campaigns import KIND_LABELS, get_campaign, period_label, settings_of
from app.store import repositories
from app.store.database import Database
from app.store.models import Campaign, CampaignCase, CaseFile
from scoring.checklist import CASE_KIND_LABELS

__all__ = [
    "CASE_KIND_LABELS",
    "NO_DEPARTMENT",
    "STANDARD_GRADES",
    "STATUS_SCORED",
    "STATUS_UNREVIEWED",
    "STATUS_UNSETTLED",
    "CampaignStats",
    "CampaignSummary",
    "CaseStat",
    "CategoryStat",
    "DeductionRow",
    "DepartmentStat",
    "GradeCount",
    "ItemStat",
    "SelfSpotRow",
    "campaign_stats",
    "percent",
    "period_key",
    "period_label",
    "round1",
]


def _stats(session: Session, campaign_id: int) -> CampaignStats:
    campaign = get_campaign(session, campaign_id)
    reader = CaseReader(session)
    rows: list[DeductionRow] = []
    cases: list[CaseStat] = []
    scored: list[ScoredCase] = []
    for entry in reader.entries(campaign_id):
        outcome = reader.case(campaign, entry, rows)
        if isinstance(outcome, ScoredCase):
            scored.append(outcome)
            cases.append(outcome.stat)
        else:
            cases.append(outcome)
    checklists = reader.pinned(campaign)
    grade_order = grade_order_of(checklists, (s.stat.grade for s in scored))
    grade_counts = dict.fromkeys(grade_order, 0)
    for s in scored:
        grade_counts[s.stat.grade] += 1
    average, median, highest, lowest = exact_stats([s.exact_total for s in scored])
    return CampaignStats(
        campaign_id=campaign.id,
        name=campaign.name,
        kind=campaign.kind,
        kind_label=KIND_LABELS.get(campaign.kind, campaign.kind),
        period=campaign.period,
        period_label=period_label(campaign.period),
        cases=cases,
        departments=department_stats(
            cases, scored, settings_of(session, campaign_id)["departments"], grade_order
        ),
        grade_order=grade_order,
        grades=[GradeCount(g, n, percent(n, len(scored))) for g, n in grade_counts.items()],
        categories=category_stats(checklists, scored, rows),
        items=item_stats(scored, rows),
        deductions=rows,
        scored=len(scored),
        average=average,
        median=median,
        highest=highest,
        lowest=lowest,
        vetoed=sum(1 for s in scored if s.stat.vetoed),
        personal_names=personal_names(session, cases),
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
    return replace(
        stats,
        previous=previous,
        trend=trend,
        counterpart=counterpart.summary() if counterpart is not None else None,
        self_vs_spot=self_vs_spot(stats, counterpart) if counterpart is not None else [],
    )
