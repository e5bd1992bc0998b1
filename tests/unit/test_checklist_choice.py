"""One rule for "which checklist applies to this case": a coercion case in a campaign that
pinned only the penalty checklist is scored, shown and counted with the coercion checklist."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import delete, select

from app.config import Paths
from app.documents.campaign_stats import campaign_stats
from app.errors import UserError
from app.review import checklist_choice
from app.review.campaigns import CampaignService
from app.review.checklists import ChecklistService
from app.review.reviews import ReviewService
from app.store.database import Database
from app.store.models import AuditEntry, Campaign
from app.store.models import Checklist as ChecklistRow
from tests.unit.test_reviews import add_case, make_db


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = make_db(f"sqlite:///{tmp_path / 'anjuan.sqlite3'}", tmp_path)
    yield database
    database.dispose()


def penalty_only(db: Database, cases: list[int]) -> int:
    service = CampaignService(db)
    campaign = service.create(
        "2024年处罚案卷抽查", "spotcheck", "2024Q2", checklists=["penalty-assembled"]
    ).id
    service.add_cases(campaign, cases)
    return campaign


def test_deduction_on_a_coercion_case_in_a_penalty_only_campaign(db: Database) -> None:
    penalty = add_case(db, 1, "某县市场监督管理局")
    coercion = add_case(db, 2, "某县市场监督管理局", kind="coercion")
    campaign = penalty_only(db, [penalty, coercion])
    reviews = ReviewService(db, default_reviewer="王五", who="王五")
    assert reviews.checklist_for(campaign, coercion).kind == "coercion"
    assert reviews.checklist_for(campaign, penalty).kind == "penalty"
    change = reviews.deduct(campaign, coercion, "C-1.2", 1, "强制措施未经批准")
    assert change.points > 0
    with pytest.raises(UserError, match=r"没有编号为 P-2\.2"):
        reviews.deduct(campaign, coercion, "P-2.2", 1, "理由")
    # The choice is pinned to the campaign, with who did it in the audit log.
    pinned = CampaignService(db).show(campaign).checklists
    assert sorted(c["kind"] for c in pinned) == ["coercion", "penalty"]
    with db.session() as s:
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "pin_checklist"))
        assert entry is not None and entry.who == "王五"


def test_statistics_use_the_coercion_checklists_categories(db: Database) -> None:
    coercion = add_case(db, 2, "某县市场监督管理局", kind="coercion")
    campaign = penalty_only(db, [coercion])
    reviews = ReviewService(db, default_reviewer="王五", who="王五")
    reviews.deduct(campaign, coercion, "C-1.2", 1, "强制措施未经批准")
    stats = campaign_stats(db, campaign)
    row = stats.deductions[0]
    assert row.item_id == "C-1.2"
    coercion_checklist = reviews.checklist_for(campaign, coercion)
    assert row.category == coercion_checklist.categories[0].name
    assert row.category in [c.name for c in stats.categories]


def test_choice_for_unknown_kind(db: Database) -> None:
    case = add_case(db, 1, "某县市场监督管理局")
    campaign = penalty_only(db, [case])
    both = CampaignService(db).create("乙", "spotcheck", "2024Q2").id
    with db.session() as s:
        only = s.get(Campaign, campaign)
        assert checklist_choice.choose(s, only, None).row.kind == "penalty"
        with pytest.raises(UserError, match="尚未确定案件类型"):
            checklist_choice.choose(s, s.get(Campaign, both), None)
        choice = checklist_choice.choose(s, only, "coercion")
        assert choice.row.kind == "coercion" and not choice.pinned


def test_no_checklist_of_the_kind_at_all_is_refused_in_chinese(db: Database) -> None:
    case = add_case(db, 1, "某县市场监督管理局", kind="coercion")
    campaign = penalty_only(db, [case])
    with db.session() as s:
        s.execute(delete(ChecklistRow).where(ChecklistRow.kind == "coercion"))
    with pytest.raises(UserError, match=r"没有适用于行政强制案卷的评查标准.*请先导入或同步"):
        ReviewService(db, default_reviewer="王五").deduct(campaign, case, "C-1.2", 1, "理由")


def test_outside_a_campaign_the_same_choice_is_made(db: Database, tmp_path: Path) -> None:
    service = ChecklistService(db, Paths(tmp_path / "data"))
    assert service.current("coercion").id == "coercion-assembled"
    assert service.current("penalty").id == "penalty-assembled"
    with pytest.raises(UserError, match="案件类型未知"):
        service.current(None)
