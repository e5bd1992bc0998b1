"""Reviews: audited deductions, scores, pre-checks, blind double review, reconcile,
sign-off, findings, and no acknowledged edit lost to a kill -9."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.changes import OpChanges, changes_of
from app.config import Paths
from app.errors import UserError
from app.review.campaigns import CampaignService
from app.review.checklists import ChecklistService
from app.review.findings import findings, store_findings
from app.review.reviews import DeductionUpdate, ReviewService
from app.store import audit, repositories
from app.store.database import Database, open_database
from app.store.migrations import ensure_ready
from app.store.models import Deduction, Finding, PrecheckSuggestion, Reviewer

ROOT = Path(__file__).resolve().parents[2]


def make_db(url: str, tmp_path: Path) -> Database:
    database = ensure_ready(url, None)
    ChecklistService(database, Paths(tmp_path / "data")).sync_bundled()
    return database


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = make_db(f"sqlite:///{tmp_path / 'anjuan.sqlite3'}", tmp_path)
    yield database
    database.dispose()


def add_case(db: Database, n: int, department: str, kind: str = "penalty") -> int:
    with db.session() as s:
        dept = repositories.get_or_create_department(s, department)
        return repositories.add_case_file(
            s,
            sha256=f"{n:064x}",
            original_name=f"{n}.pdf",
            stored_path=f"{n}.pdf",
            source_kind="pdf",
            page_count=30,
            department_id=dept.id,
            kind=kind,
            case_no=f"某县罚〔2024〕{n}号",
        ).id


def campaign_with(db: Database, cases: list[int], **options) -> int:  # type: ignore[no-untyped-def]
    service = CampaignService(db)
    campaign = service.create("2024年第二季度抽查", "spotcheck", "2024Q2", **options).id
    service.add_cases(campaign, cases)
    return campaign


def test_deduction_points_follow_the_rule_capped_and_validated(db: Database) -> None:
    case = add_case(db, 1, "某县市场监督管理局")
    campaign = campaign_with(db, [case])
    reviews = ReviewService(db, default_reviewer="王五")
    change = reviews.deduct(campaign, case, "P-2.2", 2, "询问笔录未签名", page=5)
    assert change.points == 2.0
    capped = reviews.deduct(
        campaign, case, "P-2.2", 9, "又有多处未签名", basis="《行政处罚法》第五十五条"
    )
    assert capped.points == 3.0  # the item is worth 3
    result = reviews.score(campaign, case)
    assert result.items["P-2.2"] == 3.0  # two deductions together still capped
    assert result.total == 97.0 and not result.vetoed
    with pytest.raises(UserError, match="没有编号为 X-9 的评查项目"):
        reviews.deduct(campaign, case, "X-9", 1, "理由")
    with pytest.raises(UserError, match="扣分理由"):
        reviews.deduct(campaign, case, "P-2.2", 1, "  ")
    with pytest.raises(UserError, match="页码 99 超出案卷范围"):
        reviews.deduct(campaign, case, "P-2.2", 1, "理由", page=99)
    other = add_case(db, 2, "某县市场监督管理局")
    with pytest.raises(UserError, match="不在评查活动"):
        reviews.deduct(campaign, other, "P-2.2", 1, "理由")
    # The case may also be named by its 案号, in any bracket style.
    assert reviews.deductions(campaign, "某县罚[2024]1号")[0].reason == "询问笔录未签名"


def test_veto_item_makes_the_file_fail_and_coercion_uses_its_checklist(db: Database) -> None:
    penalty = add_case(db, 1, "某县市场监督管理局")
    coercion = add_case(db, 2, "某县市场监督管理局", kind="coercion")
    campaign = campaign_with(db, [penalty, coercion])
    reviews = ReviewService(db, default_reviewer="张评查")
    reviews.deduct(campaign, penalty, "P-1.1", 1, "超越职权实施处罚")
    result = reviews.score(campaign, penalty)
    assert result.vetoed and result.grade == "不合格" and result.veto_items == ("P-1.1",)
    assert result.total == 97.0
    with pytest.raises(UserError, match=r"没有编号为 P-2\.2"):
        reviews.deduct(campaign, coercion, "P-2.2", 1, "理由")


def test_edits_are_audited_with_before_and_after(db: Database) -> None:
    case = add_case(db, 1, "某县市场监督管理局")
    campaign = campaign_with(db, [case])
    reviews = ReviewService(db)
    created = reviews.deduct(campaign, case, "P-2.2", 1, "笔录未签名", reviewer="王五")
    updated = reviews.update_deduction(
        created.deduction_id, DeductionUpdate(count=2, reason="两份笔录未签名")
    )
    assert updated.points == 2.0
    with pytest.raises(UserError, match="属于评查人 王五"):
        reviews.update_deduction(created.deduction_id, DeductionUpdate(count=3), reviewer="赵六")
    reviews.delete_deduction(created.deduction_id, reviewer="王五")
    with db.session() as s:
        entries = audit.history(s, "deduction", created.deduction_id)
        assert [e.action for e in entries] == ["create", "update", "delete"]
        assert {e.who for e in entries} == {"王五"}
        assert entries[1].before["count"] == 1 and entries[1].after["count"] == 2
        assert entries[1].after["reason"] == "两份笔录未签名"
        assert entries[2].after is None
        assert s.get(Deduction, created.deduction_id) is None
    assert reviews.score(campaign, case).total == 100.0


FINE_BASIS = "《大气污染防治法》第一百一十九条第一款"


def test_prechecks_accepted_into_deductions_and_rejected_with_reason(db: Database) -> None:
    case = add_case(db, 1, "某县市场监督管理局")
    campaign = campaign_with(db, [case])
    with db.session() as s:
        for item, points in (("P-2.2", 1.0), ("P-4.1", None), ("NOPE", 1.0)):
            s.add(
                PrecheckSuggestion(
                    case_file_id=case,
                    rule="r",
                    item_id=item,
                    message=f"{item} 预检提示",
                    pages=[7],
                    suggested_points=points,
                )
            )
        s.add(
            PrecheckSuggestion(case_file_id=case, rule="late", item_id="P-2.3", message="送达超期")
        )
        s.add(  # a fine outside its range: the deduction cites the provision, not P-3.3's words
            PrecheckSuggestion(
                case_file_id=case,
                rule="fine_out_of_range",
                item_id="P-3.3",
                message="罚款超过法定上限",
                pages=[3],
                facts=[{"name": "fine_basis", "label": "罚款幅度依据", "value": FINE_BASIS}],
            )
        )
    with db.session() as s:
        ids = {sg.item_id: sg.id for sg in s.scalars(select(PrecheckSuggestion))}
    with pytest.raises(UserError, match="请先填写您的姓名"):
        ReviewService(db).accept_prechecks(campaign, case)  # nobody named: no placeholder
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Reviewer)) == 0
    reviews = ReviewService(db, default_reviewer="张评查")
    rejected = reviews.reject_precheck(ids["P-2.3"], "当事人书面放弃陈述申辩")
    # A pre-check decision belongs to the case in every campaign: no made-up campaign id.
    assert rejected.campaign_id is None
    assert changes_of(rejected) == OpChanges(review=True, case_ids=frozenset({case}))
    result = reviews.accept_prechecks(campaign, case)
    assert result["accepted"] == 3 and result["skipped"] == [ids["NOPE"]]
    assert changes_of(result) == OpChanges(review=True).with_ids(campaign, case)
    rows = reviews.deductions(campaign, case)
    assert {(d.item_id, d.origin, d.page, d.points) for d in rows} == {
        ("P-2.2", "precheck", 7, 1.0),
        ("P-4.1", "precheck", 7, 0.5),
        ("P-3.3", "precheck", 3, 3.0),
    }
    assert {d.suggestion_id for d in rows} == {ids["P-2.2"], ids["P-4.1"], ids["P-3.3"]}
    basis = {d.item_id: d.basis for d in rows}
    assert basis["P-3.3"] == FINE_BASIS
    assert basis["P-2.2"] != FINE_BASIS  # its item's own basis (or none)
    with db.session() as s:
        states = {
            sg.item_id: (sg.state, sg.reject_reason) for sg in s.scalars(select(PrecheckSuggestion))
        }
    assert states["P-2.2"] == ("accepted", None)
    assert states["P-2.3"] == ("rejected", "当事人书面放弃陈述申辩")
    assert states["NOPE"] == ("pending", None)
    assert reviews.accept_prechecks(campaign, case)["accepted"] == 0  # nothing twice
    with pytest.raises(UserError, match="理由"):
        reviews.reject_precheck(ids["NOPE"], "")


def test_blind_double_review_reconcile_and_signoff_cleared_by_a_later_edit(db: Database) -> None:
    case = add_case(db, 1, "某县市场监督管理局")
    campaign = campaign_with(db, [case], double_review=True, reviewers=["王五", "赵六"])
    reviews = ReviewService(db)
    with pytest.raises(UserError, match="请指明评查人"):
        reviews.deduct(campaign, case, "P-2.2", 1, "理由")
    reviews.deduct(campaign, case, "P-2.2", 1, "笔录未签名", reviewer="王五")
    reviews.deduct(campaign, case, "P-4.1", 1, "文书错字", reviewer="王五")
    reviews.deduct(campaign, case, "P-2.2", 2, "两份笔录未签名", reviewer="赵六")
    reviews.deduct(campaign, case, "P-4.1", 1, "文书有错字", reviewer="赵六")
    # Blind: each reviewer's queries show only that reviewer's own deductions.
    assert {d.reviewer for d in reviews.deductions(campaign, case, reviewer="王五")} == {"王五"}
    assert reviews.score(campaign, case, reviewer="赵六").items["P-2.2"] == 2.0
    assert reviews.score(campaign, case, reviewer="王五").items["P-2.2"] == 1.0
    with pytest.raises(UserError, match="尚未由组长合并"):
        reviews.score(campaign, case)
    with pytest.raises(UserError, match="尚未由组长合并"):
        reviews.signoff(campaign, case, lead="组长甲")

    diff = reviews.differences(campaign, case)
    assert diff.reviewers == ("王五", "赵六")
    assert [(i.item_id, i.agree) for i in diff.items] == [("P-2.2", False), ("P-4.1", True)]
    with pytest.raises(UserError, match=r"P-2\.2"):
        reviews.reconcile(campaign, case, lead="组长甲", choices={})
    reviews.reconcile(campaign, case, lead="组长甲", choices={"P-2.2": "赵六"})
    final = reviews.score(campaign, case)
    assert final.items["P-2.2"] == 2.0 and final.items["P-4.1"] == 0.5 and final.total == 97.5

    reviews.signoff(campaign, case, lead="组长甲")
    status = reviews.status(campaign, case)
    assert status["signed_off"] and status["signed_off_by"] == "组长甲"
    change = reviews.deduct(campaign, case, "P-2.3", 1, "证据未编号", reviewer="王五")
    assert change.signoff_cleared
    assert not reviews.status(campaign, case)["signed_off"]
    assert reviews.status(campaign, case)["signoff_cleared"], "known after a restart too"
    reviews.signoff(campaign, case, lead="组长甲")
    assert not reviews.status(campaign, case)["signoff_cleared"]
    final_ids = [d.id for d in reviews.deductions(campaign, case)]
    reviews.update_deduction(final_ids[0], DeductionUpdate(reason="组长修改理由"))
    assert not reviews.status(campaign, case)["signed_off"]


def test_findings_roll_up_supervision_items_per_department(db: Database) -> None:
    market = add_case(db, 1, "某县市场监督管理局")
    env = add_case(db, 2, "某县生态环境局")
    campaign = campaign_with(db, [market, env])
    reviews = ReviewService(db, default_reviewer="张评查")
    reviews.deduct(campaign, market, "P-3.4", 1, "未经法制审核即作出重大决定", page=12)
    reviews.deduct(campaign, market, "P-2.2", 1, "笔录未签名")  # not a supervision matter
    reviews.deduct(campaign, env, "P-1.1", 1, "超越职权", page=3)
    rolled = findings(db, campaign)
    assert set(rolled) == {"某县市场监督管理局", "某县生态环境局"}
    market_rows = rolled["某县市场监督管理局"]
    assert [(f.item, f.case_no, f.page, f.text) for f in market_rows] == [
        ("P-3.4", "某县罚〔2024〕1号", 12, "未经法制审核即作出重大决定")
    ]
    assert store_findings(db, campaign) == {"某县市场监督管理局": 1, "某县生态环境局": 1}
    store_findings(db, campaign)  # rebuilt, not doubled
    with db.session() as s:
        assert len(s.scalars(select(Finding).where(Finding.campaign_id == campaign)).all()) == 2


_WRITER = textwrap.dedent(
    """
    import sys
    from app.store.database import open_database
    from app.review.reviews import ReviewService

    db = open_database(sys.argv[1])
    reviews = ReviewService(db, default_reviewer="王五")
    campaign, case = int(sys.argv[2]), int(sys.argv[3])
    for n in range(100000):
        change = reviews.deduct(campaign, case, "P-2.2", 1, f"第{n}处问题", page=1)
        print(change.deduction_id, flush=True)
    """
)


def test_kill_9_while_scoring_loses_no_acknowledged_edit(db: Database, tmp_path: Path) -> None:
    case = add_case(db, 1, "某县市场监督管理局")
    campaign = campaign_with(db, [case])
    url = db.url.render_as_string(hide_password=False)
    db.dispose()
    proc = subprocess.Popen(
        [sys.executable, "-c", _WRITER, url, str(campaign), str(case)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    acknowledged: list[int] = []
    assert proc.stdout is not None
    for line in proc.stdout:
        acknowledged.append(int(line))
        if len(acknowledged) == 40:
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    reopened = open_database(url)
    try:
        with reopened.session() as s:
            stored = set(s.scalars(select(Deduction.id)))
            assert set(acknowledged) <= stored
            for deduction_id in acknowledged:
                assert audit.history(s, "deduction", deduction_id)[0].action == "create"
    finally:
        reopened.dispose()


@pytest.mark.postgres
def test_review_flow_on_postgresql(postgres_url: str, tmp_path: Path) -> None:
    pg = make_db(postgres_url, tmp_path)
    try:
        case = add_case(pg, 1, "某县市场监督管理局")
        campaign = campaign_with(pg, [case], double_review=True)
        reviews = ReviewService(pg)
        reviews.deduct(campaign, case, "P-2.2", 1, "笔录未签名", reviewer="王五")
        reviews.deduct(campaign, case, "P-2.2", 1, "笔录未签名", reviewer="赵六")
        reviews.reconcile(campaign, case, lead="组长")
        reviews.signoff(campaign, case, lead="组长")
        assert reviews.score(campaign, case).total == 99.0
        assert reviews.status(campaign, case)["signed_off"]
    finally:
        pg.dispose()
