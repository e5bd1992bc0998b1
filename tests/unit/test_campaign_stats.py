"""Campaign statistics from a real reviewed library (SQLite, real services)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from app.documents.campaign_stats import (
    STATUS_SCORED,
    STATUS_UNREVIEWED,
    STATUS_UNSETTLED,
    campaign_stats,
    percent,
    period_key,
    period_label,
    round1,
)
from app.errors import NotFoundError
from app.review.campaigns import CampaignService
from app.review.reviews import ReviewService
from tests.review_support import DEPARTMENTS, ReviewedLibrary, build_reviewed_library

MARKET, CITY, TRANSPORT = DEPARTMENTS


@pytest.fixture
def lib(tmp_path: Path) -> ReviewedLibrary:
    return build_reviewed_library(tmp_path)


def test_rounding_is_half_up_from_exact_values() -> None:
    assert round1(Decimal("95.45")) == 95.5
    assert round1(Decimal("97.375")) == 97.4
    assert round1(0.05) == 0.1
    assert percent(1, 3) == 33.3
    assert percent(2, 3) == 66.7
    assert percent(0, 0) == 0.0


def test_period_labels_and_order() -> None:
    assert period_label("2026Q3") == "2026年第三季度"
    assert period_label("2026H1") == "2026年上半年"
    assert period_label("2026-05") == "2026年5月"
    assert period_label("2026") == "2026年"
    assert period_key("2025Q4") < period_key("2026Q1")  # type: ignore[operator]


def test_spot_check_totals_grades_and_deductions(lib: ReviewedLibrary) -> None:
    stats = campaign_stats(lib.db, lib.spotcheck)
    assert stats.kind_label == "抽查"
    assert stats.period_label == "2026年第二季度"
    assert stats.scored == 12 and stats.listed == 12
    assert (stats.average, stats.median, stats.highest, stats.lowest) == (97.5, 97.0, 100.0, 96.0)
    assert stats.vetoed == 3
    assert [(g.grade, g.count, g.share) for g in stats.grades] == [
        ("优秀", 9, 75.0),
        ("良好", 0, 0.0),
        ("合格", 0, 0.0),
        ("不合格", 3, 25.0),
    ]
    vetoed = [c for c in stats.cases if c.vetoed]
    assert all(c.grade == "不合格" and c.veto_items[0].startswith("P-1.1") for c in vetoed)
    first = stats.cases[0]
    assert first.party == "张三" and first.kind == "行政处罚"
    assert first.total == 96.0 and first.deductions == 2 and first.points_lost == 4.0
    assert first.reviewers == ("王评查",) and first.signed_off and first.signed_off_by == "赵组长"
    # one row per deduction of the settled reviews, with page, reason and reviewer
    assert len(stats.deductions) == sum(c.deductions for c in stats.cases) == 15
    row = next(r for r in stats.deductions if r.item_id == "P-3.4")
    assert row.category == "法律适用" and row.page == 12 and row.reviewer == "王评查"
    assert "李四" in row.reason


def test_categories_and_item_frequency(lib: ReviewedLibrary) -> None:
    stats = campaign_stats(lib.db, lib.spotcheck)
    by_name = {c.name: c for c in stats.categories}
    assert [c.name for c in stats.categories][:2] == ["执法主体", "事实证据"]
    assert by_name["执法主体"].points_lost == 9.0 and by_name["执法主体"].count == 3
    assert by_name["执法程序"].count == 3 and by_name["执法程序"].occurrences == 6
    assert by_name["案卷管理"].count == 0
    # the category losses add up to the points lost by all cases
    assert sum(c.points_lost for c in stats.categories) == sum(c.points_lost for c in stats.cases)
    items = {i.item_id: i for i in stats.items}
    assert items["P-4.4"].cases_affected == 3 and items["P-4.4"].occurrences == 6
    assert items["P-4.4"].points_lost == 6.0
    assert stats.items[0].count >= stats.items[-1].count


def test_department_ranking_by_exact_average_with_ties(lib: ReviewedLibrary) -> None:
    reviews = ReviewService(lib.db, default_reviewer="王评查")
    # half a point off one case each in two departments: 389.5 / 4 = 97.375 → 97.4
    reviews.deduct(lib.spotcheck, lib.cases[TRANSPORT][-1], "P-6.1", 1, "封面未填写完整")
    reviews.deduct(lib.spotcheck, lib.cases[CITY][-1], "P-6.1", 1, "封面未填写完整")
    stats = campaign_stats(lib.db, lib.spotcheck)
    ranked = [(d.name, d.rank, d.average) for d in stats.departments]
    assert ranked == [(MARKET, 1, 97.5), (CITY, 2, 97.4), (TRANSPORT, 2, 97.4)]
    assert stats.average == 97.4  # 1169 / 12 = 97.4166…
    market = stats.departments[0]
    assert market.grades == {"优秀": 3, "良好": 0, "合格": 0, "不合格": 1}
    assert (market.median, market.highest, market.lowest, market.vetoed) == (97.0, 100, 96, 1)


def test_unreviewed_and_unsettled_cases_are_listed_not_scored(lib: ReviewedLibrary) -> None:
    stats = campaign_stats(lib.db, lib.selfreview)
    statuses = [c.status for c in stats.cases]
    assert statuses.count(STATUS_SCORED) == 6 and statuses.count(STATUS_UNREVIEWED) == 6
    assert stats.scored == 6 and stats.average == 98.0
    unreviewed = next(c for c in stats.cases if c.status == STATUS_UNREVIEWED)
    assert unreviewed.total is None and unreviewed.grade == ""

    service = CampaignService(lib.db)
    double = service.create("双人评查", "spotcheck", "2026Q4", double_review=True).id
    market = lib.cases[MARKET]
    service.add_cases(double, market[:3])
    reviews = ReviewService(lib.db)
    reviews.deduct(double, market[0], "P-2.2", 1, "笔录未签名", reviewer="甲")
    reviews.deduct(double, market[0], "P-5.1", 1, "文书不规范", reviewer="乙")
    reviews.deduct(double, market[1], "P-2.2", 2, "笔录未签名", reviewer="甲")
    stats = campaign_stats(lib.db, double)
    assert [c.status for c in stats.cases] == [STATUS_UNSETTLED, STATUS_SCORED, STATUS_UNREVIEWED]
    assert stats.cases[0].reviewers == ("甲", "乙") and stats.cases[0].total is None
    assert stats.scored == 1 and stats.average == 98.0
    assert stats.departments[0].cases == 3 and stats.departments[0].scored == 1
    # the reconciled (final) review is the one that counts
    reviews.reconcile(double, market[0], lead="组长", choices={"P-2.2": "甲", "P-5.1": None})
    stats = campaign_stats(lib.db, double)
    assert stats.cases[0].status == STATUS_SCORED and stats.cases[0].total == 99.0


def test_previous_trend_and_self_review_comparison(lib: ReviewedLibrary) -> None:
    stats = campaign_stats(lib.db, lib.spotcheck)
    assert stats.previous is not None and stats.previous.campaign_id == lib.spotcheck_previous
    assert stats.previous.period_label == "2026年第一季度"
    assert [t.period for t in stats.trend] == ["2026Q1", "2026Q2"]
    assert stats.trend[-1].department_averages[MARKET] == 97.5
    assert stats.counterpart is not None and stats.counterpart.campaign_id == lib.selfreview
    rows = {r.department: r for r in stats.self_vs_spot}
    assert rows[MARKET].selfreview_average == 98.0 and rows[MARKET].spotcheck_average == 97.5
    assert rows[MARKET].selfreview_cases == 2 and rows[MARKET].spotcheck_cases == 4
    assert rows[MARKET].difference == 0.5

    earlier = campaign_stats(lib.db, lib.spotcheck_previous)
    assert earlier.previous is None
    assert [t.period for t in earlier.trend] == ["2026Q1"]  # later quarters are not shown
    assert earlier.counterpart is None and earlier.self_vs_spot == []

    own = campaign_stats(lib.db, lib.selfreview)
    assert own.counterpart is not None and own.counterpart.campaign_id == lib.spotcheck
    assert own.previous is None


def test_campaign_without_scored_cases_gives_zeros(lib: ReviewedLibrary) -> None:
    empty = CampaignService(lib.db).create("空活动", "spotcheck", "2026Q4", departments=[MARKET]).id
    stats = campaign_stats(lib.db, empty)
    assert stats.scored == 0 and stats.cases == [] and stats.deductions == []
    assert (stats.average, stats.median, stats.highest, stats.lowest) == (0.0, 0.0, 0.0, 0.0)
    assert all(g.count == 0 and g.share == 0.0 for g in stats.grades)
    assert all(c.count == 0 for c in stats.categories) and stats.items == []
    assert [(d.name, d.cases, d.rank, d.average) for d in stats.departments] == [
        (MARKET, 0, None, 0.0)
    ]
    assert stats.previous is not None and stats.previous.campaign_id == lib.spotcheck


def test_unknown_campaign_is_a_clear_error(lib: ReviewedLibrary) -> None:
    with pytest.raises(NotFoundError, match="评查活动"):
        campaign_stats(lib.db, 999)


def test_demo_dossiers_an_older_version_drew_are_not_counted(lib: ReviewedLibrary) -> None:
    from sqlalchemy import update

    from app.store.models import CaseFile

    demo_case = lib.cases[MARKET][0]
    with lib.db.session() as s:  # an older version put demo dossiers into real campaigns
        s.execute(update(CaseFile).where(CaseFile.id == demo_case).values(demo=True))
    stats = campaign_stats(lib.db, lib.spotcheck)
    assert stats.listed == 11 and stats.scored == 11
    assert demo_case not in {c.case_id for c in stats.cases}
    from app.review.findings import findings

    found = findings(lib.db, lib.spotcheck)
    assert found and all(f.case_id != demo_case for rows in found.values() for f in rows)


def test_a_demo_campaign_an_older_version_built_is_no_real_previous_period(
    lib: ReviewedLibrary,
) -> None:
    from app.store.models import CampaignCase, CaseFile
    from tests.review_support import add_stored_case

    demo_case = add_stored_case(lib.db, 999, MARKET)
    demo = CampaignService(lib.db).create("演示：2026年第二季度抽查", "spotcheck", "2026Q2").id
    with lib.db.session() as s:  # as an older version left it: demo dossiers in a campaign
        s.get(CaseFile, demo_case).demo = True
        s.add(CampaignCase(campaign_id=demo, case_file_id=demo_case, drawn_by="manual"))
    stats = campaign_stats(lib.db, lib.spotcheck)
    assert [t.campaign_id for t in stats.trend] == [lib.spotcheck_previous, lib.spotcheck]
