"""A new version of a bundled checklist (issue 14): the items 评查通报 cite most are added in
2026.2, and a review scored with 2026.1 keeps 2026.1."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.config import Paths
from app.review.campaigns import CampaignService
from app.review.checklists import ChecklistService
from app.review.reviews import ReviewService
from app.store.database import Database
from scoring.checklist_loader import load_checklist
from tests.unit.test_reviews import add_case, make_db

BUNDLED = Path(__file__).resolve().parents[2] / "scoring" / "checklists"
NEW_ITEMS = {
    "penalty-assembled": {"P-3.7": "责令", "P-4.17": "全过程记录", "P-4.18": "法律职业资格"},
    "coercion-assembled": {
        "C-4.16": "强制拆除",
        "C-4.17": "加处罚款",
        "C-4.18": "代履行三日前",
        "C-4.19": "音像记录",
    },
}


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = make_db(f"sqlite:///{tmp_path / 'anjuan.sqlite3'}", tmp_path)
    yield database
    database.dispose()


@pytest.mark.parametrize("checklist_id", sorted(NEW_ITEMS))
def test_new_version_adds_the_items_and_keeps_the_old_file(checklist_id: str) -> None:
    new = load_checklist(BUNDLED / f"{checklist_id}.yaml")
    old = load_checklist(BUNDLED / "superseded" / f"{checklist_id}-2026.1.yaml")
    assert (old.id, old.version) == (checklist_id, "2026.1")
    assert new.id == checklist_id and new.version != old.version
    assert new.effective_date > old.effective_date
    for item_id, word in NEW_ITEMS[checklist_id].items():
        assert word in new.item(item_id).text
        assert new.item(item_id).basis or new.item(item_id).source
        assert not old.has_item(item_id)
    assert new.total_points == old.total_points == 100


def test_library_stores_both_versions_and_defaults_to_the_newest(
    db: Database, tmp_path: Path
) -> None:
    service = ChecklistService(db, Paths(tmp_path / "data"))
    service.sync_bundled()
    versions = {(i.id, i.version) for i in service.list()}
    assert {("penalty-assembled", "2026.1"), ("penalty-assembled", "2026.2")} <= versions
    assert {("coercion-assembled", "2026.1"), ("coercion-assembled", "2026.2")} <= versions
    assert service.current("penalty").version == "2026.2"
    assert service.default_for("coercion").version == "2026.2"
    assert service.get("penalty-assembled").has_item("P-3.7")


def test_review_scored_on_the_old_version_keeps_it(db: Database) -> None:
    case = add_case(db, 1, "某县市场监督管理局")
    campaigns = CampaignService(db)
    old = campaigns.create(
        "旧标准抽查", "spotcheck", "2026Q3", checklists=["penalty-assembled@2026.1"]
    ).id
    new = campaigns.create("新标准抽查", "spotcheck", "2026Q4").id
    campaigns.add_cases(old, [case])
    campaigns.add_cases(new, [case])
    reviews = ReviewService(db, default_reviewer="王五", who="王五")
    assert reviews.checklist_for(old, case).version == "2026.1"
    assert reviews.checklist_for(new, case).version == "2026.2"
    reviews.deduct(new, case, "P-3.7", 1, "只罚款未责令改正")
    with pytest.raises(Exception, match=r"P-3\.7"):
        reviews.deduct(old, case, "P-3.7", 1, "只罚款未责令改正")
