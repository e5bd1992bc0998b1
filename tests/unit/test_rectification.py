"""Rectification tracking: issued → replied → verified, or issued → overdue → decided;
replies with per-problem outcomes and documents, send-backs, extensions across holidays."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from app.documents.letter_requests import DecisionRequest, OpinionRequest
from app.errors import NotFoundError, UserError
from app.review.rectification import RectificationService
from app.store.models import AuditEntry, ReplyAttachment
from tests.review_support import ReviewedLibrary
from tests.unit.test_letters import MARKET, TRANSPORT, service

ISSUED = date(2026, 9, 1)
DEADLINE = date(2026, 10, 8)


@pytest.fixture
def opinion(reviewed: ReviewedLibrary, tmp_path: Path) -> str:
    return (
        service(reviewed)
        .issue_opinion(OpinionRequest(reviewed.spotcheck, MARKET, ISSUED), tmp_path / "o.docx")
        .number
    )


def rect(reviewed: ReviewedLibrary, tmp_path: Path) -> RectificationService:
    return RectificationService(reviewed.db, tmp_path / "attachments", who="王评查")


def test_status_moves_with_today_alone(
    reviewed: ReviewedLibrary, tmp_path: Path, opinion: str
) -> None:
    r = rect(reviewed, tmp_path)
    assert r.show(opinion, date(2026, 9, 30)).status == "issued"
    assert r.show(opinion, date(2026, 9, 30)).days_left == 8
    assert r.show(opinion, DEADLINE).status == "issued"  # the last day still counts
    late = r.show(opinion, date(2026, 10, 20))
    assert late.status == "overdue" and late.days_overdue == 12
    assert [i.number for i in r.list(date(2026, 10, 20), status="overdue")] == [opinion]
    assert r.list(date(2026, 9, 30), status="overdue") == []


def test_reply_on_time_then_verified(
    reviewed: ReviewedLibrary, tmp_path: Path, opinion: str
) -> None:
    scan = tmp_path / "整改报告.pdf"
    scan.write_bytes(b"%PDF-1.4 reply")
    r = rect(reviewed, tmp_path)
    info = r.record_reply(opinion, date(2026, 9, 28), files=[scan], note="已组织整改")
    assert info.status == "replied" and info.replied_on == date(2026, 9, 28)
    assert all(p.outcome == "rectified" for p in info.problems)
    # Waiting for the reviewer's verdict after the deadline is not the department's delay.
    assert r.show(opinion, date(2026, 10, 20)).status == "replied"
    with reviewed.db.session() as s:
        stored = s.scalars(select(ReplyAttachment)).one()
        assert Path(stored.stored_path).read_bytes() == b"%PDF-1.4 reply"
        assert stored.original_name == "整改报告.pdf" and stored.size == 14
    done = r.verify(opinion, date(2026, 10, 9), note="现场核查属实")
    assert done.status == "verified" and done.verified_on == date(2026, 10, 9)
    assert r.show(opinion, date(2027, 3, 1)).status == "verified"
    with pytest.raises(UserError, match="验收"):
        r.record_reply(opinion, date(2026, 10, 10))
    with reviewed.db.session() as s:
        actions = s.scalars(
            select(AuditEntry.action).where(AuditEntry.entity == "rectification")
        ).all()
    assert actions == ["reply", "verify"]


def test_partial_reply_cannot_pass_and_a_returned_reply_lets_the_clock_run(
    reviewed: ReviewedLibrary,
    tmp_path: Path,
    opinion: str,
) -> None:
    r = rect(reviewed, tmp_path)
    info = r.record_reply(opinion, date(2026, 9, 20), outcomes={2: "partly", 3: "未整改"})
    assert [p.outcome for p in info.problems] == ["rectified", "partly", "not"]
    with pytest.raises(UserError, match="2个问题未完全整改"):
        r.verify(opinion, date(2026, 9, 21))
    back = r.verify(opinion, date(2026, 9, 21), accept=False, note="第2、3项须补充整改")
    assert back.status == "issued"
    assert back.replies[-1].status == "returned"
    assert r.show(opinion, date(2026, 10, 9)).status == "overdue"


def test_extension_moves_the_deadline_and_keeps_the_history(
    reviewed: ReviewedLibrary,
    tmp_path: Path,
    opinion: str,
) -> None:
    r = rect(reviewed, tmp_path)
    with pytest.raises(UserError, match="理由"):
        r.extend(opinion, date(2026, 10, 30), " ", date(2026, 9, 25))
    with pytest.raises(UserError, match="应晚于现有期限"):
        r.extend(opinion, date(2026, 10, 8), "涉及多部门", date(2026, 9, 25))
    r.extend(opinion, date(2026, 10, 30), "涉及多部门协调", date(2026, 9, 25))
    info = r.extend(opinion, date(2026, 11, 16), "需重新作出决定", date(2026, 10, 28))
    assert info.deadline == date(2026, 11, 16)
    assert [e["new_deadline"] for e in info.extensions] == ["2026-10-30", "2026-11-16"]
    assert info.extensions[0]["previous_deadline"] == "2026-10-08"
    assert r.show(opinion, date(2026, 11, 10)).status == "issued"
    assert r.show(opinion, date(2026, 11, 17)).status == "overdue"


def test_dashboard_sorts_the_mornings_work(reviewed: ReviewedLibrary, tmp_path: Path) -> None:
    letters = service(reviewed)
    first = letters.issue_opinion(
        OpinionRequest(reviewed.spotcheck, MARKET, ISSUED), tmp_path / "a.docx"
    ).number
    second = letters.issue_opinion(
        OpinionRequest(reviewed.spotcheck, TRANSPORT, date(2026, 9, 15)), tmp_path / "b.docx"
    ).number
    r = rect(reviewed, tmp_path)
    board = r.dashboard(date(2026, 10, 12))
    assert [i.number for i in board["overdue"]] == [first]
    assert board["overdue"][0].days_overdue == 4
    assert [i.number for i in board["due_soon"]] == [
        second
    ]  # 09-15 + 30 days = 10-15, a working day
    states = r.department_states(date(2026, 10, 12), reviewed.spotcheck)
    assert states[MARKET] == f"{first} 逾期未整改（逾期4天）"


def test_bad_replies_are_refused_in_chinese(
    reviewed: ReviewedLibrary, tmp_path: Path, opinion: str
) -> None:
    r = rect(reviewed, tmp_path)
    with pytest.raises(NotFoundError, match="没有文号"):
        r.record_reply("司监意〔2026〕9号", date(2026, 9, 20))
    with pytest.raises(UserError, match="早于意见书印发日期"):
        r.record_reply(opinion, date(2026, 8, 20))
    with pytest.raises(UserError, match="找不到回复材料"):
        r.record_reply(opinion, date(2026, 9, 20), files=[tmp_path / "missing.pdf"])
    exe = tmp_path / "virus.exe"
    exe.write_bytes(b"MZ")
    with pytest.raises(UserError, match="格式不受支持"):
        r.record_reply(opinion, date(2026, 9, 20), files=[exe])
    with pytest.raises(UserError, match="没有第7个问题"):
        r.record_reply(opinion, date(2026, 9, 20), outcomes={7: "not"})
    with pytest.raises(UserError, match="整改结果应为"):
        r.record_reply(opinion, date(2026, 9, 20), outcomes={1: "maybe"})
    with pytest.raises(UserError, match="没有待验收"):
        r.verify(opinion, date(2026, 9, 20))
    assert r.show(opinion, date(2026, 9, 20)).replies == []  # nothing half-recorded


def test_the_whole_letter_flow_on_postgresql(postgres_url: str, tmp_path: Path) -> None:
    """Numbers, letters, replies and the overdue state on a team's PostgreSQL server."""
    from tests.review_support import build_reviewed_library

    lib = build_reviewed_library(tmp_path, postgres_url)
    try:
        letters = service(lib)
        first = letters.issue_opinion(
            OpinionRequest(lib.spotcheck, MARKET, ISSUED), tmp_path / "a.docx"
        )
        second = letters.issue_opinion(
            OpinionRequest(lib.spotcheck, TRANSPORT, ISSUED), tmp_path / "b.docx"
        )
        assert (first.number, second.number) == ("司监意〔2026〕1号", "司监意〔2026〕2号")
        r = rect(lib, tmp_path)
        r.record_reply(second.number, date(2026, 9, 20), outcomes={1: "partly"})
        assert [(i.number, i.status) for i in r.list(date(2026, 10, 9))] == [
            (first.number, "overdue"),
            (second.number, "replied"),
        ]
        decision = letters.issue_decision(
            DecisionRequest(first.number, date(2026, 10, 9)), tmp_path / "d.docx"
        )
        assert decision.number == "司监决〔2026〕1号"
        assert r.show(first.number, date(2026, 10, 9)).status == "decided"
    finally:
        lib.db.dispose()
