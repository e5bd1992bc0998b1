"""The review group and the 分工: who sees which case, who may score and sign off, on SQLite
and PostgreSQL; and the rev-0003 library whose group lived in the audit log."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import text

from app.config import Paths
from app.errors import UserError
from app.review.campaigns import CampaignService
from app.review.checklists import ChecklistService
from app.review.reviews import DeductionUpdate, ReviewService
from app.review.team import TeamService
from app.store.database import Database
from app.store.migrations import ensure_ready
from tests.review_support import add_stored_case

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "db"
DEPARTMENTS = ("某市市场监督管理局", "某市交通运输局")


def open_library(tmp_path: Path, url: str | None = None) -> Database:
    db = ensure_ready(url or f"sqlite:///{tmp_path / 'anjuan.sqlite3'}", None)
    ChecklistService(db, Paths(tmp_path / "data")).sync_bundled()
    return db


def seed_cases(db: Database, per_department: int = 3) -> list[int]:
    return [
        add_stored_case(db, d * 10 + n + 1, name, f"某市{d}罚〔2026〕{n + 1}号", pages=20)
        for d, name in enumerate(DEPARTMENTS)
        for n in range(per_department)
    ]


def team_campaign(db: Database, *, double: bool) -> tuple[int, list[int]]:
    ids = seed_cases(db)
    campaigns = CampaignService(db)
    campaign = campaigns.create(
        "2026年第四季度行政执法案卷抽查",
        "spotcheck",
        "2026Q4",
        departments=DEPARTMENTS,
        reviewers=["甲", "乙", "丙"],
        leads=["赵组长"],
        double_review=double,
    ).id
    campaigns.add_cases(campaign, ids)
    return campaign, ids


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = open_library(tmp_path)
    yield database
    database.dispose()


def test_the_group_and_scope_are_kept_in_their_own_tables(db: Database) -> None:
    campaign, _ids = team_campaign(db, double=False)
    info = CampaignService(db).show(campaign)
    assert info.departments == list(DEPARTMENTS)
    assert info.reviewers == ["甲", "乙", "丙"]
    assert info.leads == ["赵组长"]
    assert info.team_mode is False
    assert [(m.name, m.role) for m in TeamService(db).members(campaign)] == [
        ("甲", "reviewer"),
        ("乙", "reviewer"),
        ("丙", "reviewer"),
        ("赵组长", "lead"),
    ]


def test_a_person_cannot_be_reviewer_and_lead(db: Database) -> None:
    with pytest.raises(UserError, match="甲 不能同时担任评查人和组长"):
        CampaignService(db).create("x", "spotcheck", "2026Q4", reviewers=["甲"], leads=["甲"])


def test_auto_assignment_of_a_double_review_gives_each_case_two_people_evenly(
    db: Database,
) -> None:
    campaign, ids = team_campaign(db, double=True)
    entries = TeamService(db).auto_assign(campaign).value
    assert len(entries) == len(ids)
    assert all(len(set(e.reviewers)) == 2 for e in entries)
    load = Counter(name for e in entries for name in e.reviewers)
    assert sum(load.values()) == 2 * len(ids)
    assert max(load.values()) - min(load.values()) <= 1
    assert CampaignService(db).show(campaign).team_mode is True
    # Nothing left to share out.
    with pytest.raises(UserError, match="没有待分配的案卷"):
        TeamService(db).auto_assign(campaign)


def test_in_team_mode_each_person_sees_their_part(db: Database) -> None:
    campaign, ids = team_campaign(db, double=False)
    campaigns, team = CampaignService(db), TeamService(db)
    assert len(campaigns.cases(campaign, viewer="甲")) == len(ids)  # single mode: all
    team.assign(campaign, ids[:2], ["甲"])
    team.assign(campaign, [ids[2]], ["乙"])

    assert [e.case_id for e in campaigns.cases(campaign, viewer="甲")] == ids[:2]
    assert [e.case_id for e in campaigns.cases(campaign, viewer="乙")] == [ids[2]]
    assert campaigns.cases(campaign, viewer="丙") == []
    assert len(campaigns.cases(campaign, viewer="赵组长")) == len(ids)
    assert campaigns.cases(campaign, viewer="路人") == []
    assert campaigns.cases(campaign, viewer="") == []
    assert len(campaigns.cases(campaign)) == len(ids)  # no viewer: the whole campaign
    assert "不在评查组中" in team.visibility(campaign, "路人").note
    assert "填写您的姓名" in team.visibility(campaign, "").note
    assert team.visibility(campaign, "甲").role == "reviewer"


def test_a_reviewer_scores_only_their_cases_and_only_a_lead_signs_off(db: Database) -> None:
    campaign, ids = team_campaign(db, double=False)
    TeamService(db).assign(campaign, [ids[0]], ["甲"])
    reviews = ReviewService(db)
    with pytest.raises(UserError, match="没有分配给 乙"):
        reviews.deduct(campaign, ids[0], "P-2.2", 1, "笔录未签名", reviewer="乙")
    reviews.deduct(campaign, ids[0], "P-2.2", 1, "笔录未签名", reviewer="甲")
    with pytest.raises(UserError, match="只有本活动的组长（赵组长）"):
        reviews.signoff(campaign, ids[0], lead="甲")
    assert reviews.signoff(campaign, ids[0], lead="赵组长").action == "signoff"
    assert reviews.status(campaign, ids[0])["signed_off"]


def test_a_started_review_is_not_taken_away(db: Database) -> None:
    campaign, ids = team_campaign(db, double=False)
    team = TeamService(db)
    team.assign(campaign, [ids[0]], ["甲"])
    ReviewService(db).deduct(campaign, ids[0], "P-2.2", 1, "笔录未签名", reviewer="甲")
    with pytest.raises(UserError, match="甲 已开始评查"):
        team.assign(campaign, [ids[0]], ["乙"])
    with pytest.raises(UserError, match="每卷应分配给一名评查人"):
        team.assign(campaign, [ids[1]], ["甲", "乙"])
    with pytest.raises(UserError, match="赵组长 是本活动的组长"):
        team.assign(campaign, [ids[1]], ["赵组长"])
    with pytest.raises(UserError, match="丁 不在本活动的评查组中"):
        team.assign(campaign, [ids[1]], ["丁"])
    # A reviewer holding cases cannot leave the group; one without can.
    with pytest.raises(UserError, match="甲 还分配有 1 卷案卷"):
        team.set_team(campaign, ["乙", "丙"], ["赵组长"])
    members = team.set_team(campaign, ["甲", "乙", "丁"], ["赵组长", "钱副组长"]).value
    assert [(m.name, m.role, m.assigned) for m in members] == [
        ("甲", "reviewer", 1),
        ("乙", "reviewer", 0),
        ("丁", "reviewer", 0),
        ("赵组长", "lead", 0),
        ("钱副组长", "lead", 0),
    ]
    assert team.clear(campaign).value == 1
    assert CampaignService(db).show(campaign).team_mode is False


def test_the_team_flow_on_postgresql(tmp_path: Path, postgres_url: str) -> None:
    db = open_library(tmp_path, postgres_url)
    try:
        campaign, ids = team_campaign(db, double=True)
        entries = TeamService(db).auto_assign(campaign).value
        first = entries[0]
        one, two = first.reviewers
        reviews = ReviewService(db)
        reviews.deduct(campaign, first.case_id, "P-2.2", 1, "笔录未签名", reviewer=one)
        reviews.deduct(campaign, first.case_id, "P-2.2", 1, "笔录未签名", reviewer=two)
        reviews.reconcile(campaign, first.case_id, lead="赵组长")
        reviews.signoff(campaign, first.case_id, lead="赵组长")
        shown = CampaignService(db).cases(campaign, viewer=one)
        assert first.case_id in [e.case_id for e in shown] and len(shown) < len(ids)
    finally:
        db.dispose()


def test_a_rev0003_library_gets_its_groups_from_the_audit_log(tmp_path: Path) -> None:
    file = tmp_path / "library.sqlite3"
    shutil.copyfile(FIXTURES / "library-rev0003.sqlite3", file)
    db = ensure_ready(f"sqlite:///{file}", tmp_path / "backups")
    try:
        campaigns = {c.name: c for c in CampaignService(db).list()}
        spot = campaigns["2026年第三季度行政执法案卷抽查"]
        assert spot.departments == ["某市市场监督管理局", "某市交通运输局"]
        assert spot.reviewers == ["甲评查", "乙评查"]
        assert spot.leads == [] and spot.team_mode is False
        # The self-review's reviewer signed off himself: he stays a reviewer, not a lead.
        solo = campaigns["2026年第三季度案卷自评"]
        assert (solo.reviewers, solo.leads) == (["钱科长"], [])
        # Nothing assigned: everybody still sees every case.
        assert len(CampaignService(db).cases(spot.id, viewer="甲评查")) == spot.cases == 2
    finally:
        db.dispose()


def test_in_a_single_review_the_lead_adds_to_the_one_review_and_is_audited(db: Database) -> None:
    from app.store import audit

    campaign, ids = team_campaign(db, double=False)
    ReviewService(db, who="甲").deduct(campaign, ids[0], "P-2.2", 1, "笔录未签名", reviewer="甲")
    lead = ReviewService(db, default_reviewer="赵组长", who="赵组长")
    added = lead.deduct(campaign, ids[0], "P-2.3", 1, "证据未相互印证")  # nobody named
    status = lead.status(campaign, ids[0])
    assert status["reviewers"] == ["甲"]  # still one review: no second one to merge
    assert lead.signoff(campaign, ids[0]).action == "signoff"
    with db.session() as s:
        assert [e.who for e in audit.history(s, "deduction", added.deduction_id)] == ["赵组长"]


def test_in_team_mode_nobody_writes_into_a_colleagues_review(db: Database) -> None:
    campaign, ids = team_campaign(db, double=False)
    TeamService(db).assign(campaign, [ids[0]], ["甲"])
    with pytest.raises(UserError, match="乙 不能修改 甲 的评分"):
        ReviewService(db, who="乙").deduct(campaign, ids[0], "P-2.2", 1, "理由", reviewer="甲")
    done = ReviewService(db, who="甲").deduct(campaign, ids[0], "P-2.2", 1, "理由")
    with pytest.raises(UserError, match="乙 不能修改 甲 的评分"):
        ReviewService(db, who="乙").delete_deduction(done.deduction_id, reviewer="甲")
    # The lead may correct it (the audit log names the lead).
    ReviewService(db, who="赵组长").update_deduction(
        done.deduction_id, DeductionUpdate(count=2), reviewer="甲"
    )


def test_a_double_review_needs_a_lead_before_cases_are_assigned(db: Database) -> None:
    ids = seed_cases(db)
    campaigns = CampaignService(db)
    campaign = campaigns.create(
        "无组长", "spotcheck", "2026Q4", reviewers=["甲", "乙"], double_review=True
    ).id
    campaigns.add_cases(campaign, ids)
    with pytest.raises(UserError, match="请先在评查组中指定组长"):
        TeamService(db).auto_assign(campaign)
    with pytest.raises(UserError, match="请先在评查组中指定组长"):
        TeamService(db).assign(campaign, [ids[0]], ["甲", "乙"])


def test_a_rev0003_signer_becomes_lead_but_not_the_placeholder_name(tmp_path: Path) -> None:
    import sqlite3

    file = tmp_path / "library.sqlite3"
    shutil.copyfile(FIXTURES / "library-rev0003.sqlite3", file)
    with sqlite3.connect(file) as raw:  # signed off by a named lead, and by the placeholder
        raw.execute(
            "INSERT INTO reviewers (id, name, active, created_at) VALUES (8, '赵组长', 1, '2026-11-01')"
        )
        raw.execute(
            "INSERT INTO reviewers (id, name, active, created_at) VALUES (9, '组长', 1, '2026-11-01')"
        )
        for review_id, case, signer in ((20, 2, 8), (21, 3, 9)):
            campaign = 2 if case == 2 else 3
            raw.execute(
                "INSERT INTO reviews (id, campaign_id, case_file_id, reviewer_id, role,"
                " checklist_version_id, created_at, signed_off_at, signed_off_by)"
                " VALUES (?, ?, ?, ?, 'final', 3, '2026-11-02', '2026-11-02', ?)",
                (review_id, campaign, case, signer, signer),
            )
    db = ensure_ready(f"sqlite:///{file}", tmp_path / "backups")
    try:
        campaigns = {c.id: c for c in CampaignService(db).list()}
        assert campaigns[2].leads == ["赵组长"]
        assert campaigns[3].leads == []  # 组长 was nobody: anyone may still sign off there
    finally:
        db.dispose()


def test_a_refused_write_on_postgresql_is_no_tampering(tmp_path: Path, postgres_url: str) -> None:
    """On PostgreSQL an audit entry takes its id from a sequence: a write refused after its
    entry was added rolls back and leaves a gap. ``db verify`` called that gap a deleted
    entry (a false alarm after every refused write); the chain shows nothing was removed."""
    from app.store import audit
    from app.store.audit_chain import verify

    db = open_library(tmp_path, postgres_url)
    try:
        for n in (0, 1):
            with db.session() as s:
                audit.record(s, "甲", "campaign", n, "create", None, {"n": n})
        with pytest.raises(RuntimeError), db.session() as s:
            audit.record(s, "甲", "campaign", 2, "create", None, {"n": 2})
            raise RuntimeError("refused after the entry took its id")
        with db.session() as s:
            audit.record(s, "甲", "campaign", 3, "create", None, {"n": 3})
        with db.session() as s:
            ids = list(s.scalars(text("SELECT id FROM audit_log ORDER BY id")))
            assert ids[-1] - ids[-2] == 2  # the gap the rollback left
            assert verify(s) == []
            s.execute(text(f"DELETE FROM audit_log WHERE id = {ids[-2]}"))
            (deleted,) = verify(s)  # a real deletion still breaks the chain
            assert "已被删除" in deleted.message
    finally:
        db.dispose()
