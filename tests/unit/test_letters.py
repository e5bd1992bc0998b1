"""Issuing 监督意见书 and 监督决定书 from a reviewed campaign: numbers, deadlines on the
working-day calendar, the problems as issued, and nothing consumed when writing fails."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from sqlalchemy import select

from app.config import Settings
from app.documents.letter_requests import DecisionRequest, OpinionRequest
from app.documents.letters import LetterService
from app.errors import UserError
from app.review.campaigns import CampaignService
from app.review.rectification import RectificationService
from app.store.models import AuditEntry, Letter, LetterProblem, Rectification
from tests.review_support import LETTER_SETTINGS, ReviewedLibrary

MARKET = "某市市场监督管理局"
TRANSPORT = "某市交通运输局"


def service(reviewed: ReviewedLibrary, **settings: object) -> LetterService:
    return LetterService(
        reviewed.db,
        Settings(**(LETTER_SETTINGS | settings)),
        reviewed.paths.calendar_dir,
        who="王评查",
    )


def text_of(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    # the 版记 (抄送, 印发) stands in a text box at the foot of the last page
    for box in document.element.body.iter(qn("w:txbxContent")):
        parts.extend("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in box.iter(qn("w:p")))
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(parts)


def test_opinion_carries_number_department_deadline_and_problems(
    reviewed: ReviewedLibrary, tmp_path: Path
) -> None:
    letters = service(reviewed, issuing_organ="某市司法局", copy_to="市人民政府办公室")
    issued = letters.issue_opinion(
        OpinionRequest(reviewed.spotcheck, MARKET, date(2026, 9, 1)), tmp_path / "o.docx"
    )
    # 30 days from 2026-09-01 end on 10-01 (国庆), moved to the first working day after it.
    assert issued.number == "司监意〔2026〕1号" and issued.deadline == date(2026, 10, 8)
    text = text_of(issued.file)
    for expected in ("司监意〔2026〕1号", MARKET, "2026年10月8日", "第12页", "某市司法局"):
        assert expected in text
    assert "有从轻情节未适用" in text and "先行登记保存超过七个工作日" in text
    assert "询问笔录未由当事人" not in text  # P-2.2 is not a supervision item
    assert "市人民政府办公室" in text
    with reviewed.db.session() as s:
        letter = s.scalars(select(Letter)).one()
        assert letter.content["deadline"] == "2026年10月8日"
        scores = [(c["score"], c["grade"]) for c in letter.content["cases"]]
        assert scores == [("96", "优秀"), ("98", "优秀"), ("100", "优秀"), ("96", "不合格")]
        problems = s.scalars(select(LetterProblem).order_by(LetterProblem.seq)).all()
        assert [p.seq for p in problems] == list(range(1, len(problems) + 1))
        assert {p.item_id for p in problems} == {"P-3.4", "P-4.4", "P-1.1"}
        assert s.scalars(select(Rectification)).one().state == "issued"
        assert s.scalar(
            select(AuditEntry.id).where(AuditEntry.entity == "letter", AuditEntry.action == "issue")
        )


def test_one_opinion_per_department_and_campaign_and_numbers_follow_on(
    reviewed: ReviewedLibrary, tmp_path: Path
) -> None:
    letters = service(reviewed)
    letters.issue_opinion(
        OpinionRequest(reviewed.spotcheck, MARKET, date(2026, 9, 1)), tmp_path / "a.docx"
    )
    with pytest.raises(
        UserError, match="已于2026年9月1日向某市市场监督管理局出具司监意〔2026〕1号"
    ):
        letters.issue_opinion(
            OpinionRequest(reviewed.spotcheck, MARKET, date(2026, 9, 2)), tmp_path / "b.docx"
        )
    assert not (tmp_path / "b.docx").exists()
    second = letters.issue_opinion(
        OpinionRequest(reviewed.spotcheck, TRANSPORT, date(2026, 9, 2)), tmp_path / "c.docx"
    )
    assert second.number == "司监意〔2026〕2号"
    assert [c.issued_number for c in letters.candidates(reviewed.spotcheck)].count(None) == 1


def test_a_broken_template_is_refused_before_a_number_is_taken(
    reviewed: ReviewedLibrary, tmp_path: Path
) -> None:
    folder = tmp_path / "bureau-templates"
    folder.mkdir()
    (folder / "opinion.docx").write_bytes(b"not a word file")
    letters = service(reviewed, template_dir=str(folder))
    with pytest.raises(UserError, match=r"opinion\.docx"):
        letters.issue_opinion(
            OpinionRequest(reviewed.spotcheck, MARKET, date(2026, 9, 1)), tmp_path / "o.docx"
        )
    assert not (tmp_path / "o.docx").exists()
    fixed = service(reviewed)
    assert (
        fixed.issue_opinion(
            OpinionRequest(reviewed.spotcheck, MARKET, date(2026, 9, 1)), tmp_path / "o.docx"
        ).number
        == "司监意〔2026〕1号"
    )


def test_no_problems_no_opinion(reviewed: ReviewedLibrary, tmp_path: Path) -> None:
    empty = CampaignService(reviewed.db).create("2026年第四季度抽查", "spotcheck", "2026Q4").id
    with pytest.raises(UserError, match="未发现某市市场监督管理局需要整改的问题"):
        service(reviewed).issue_opinion(
            OpinionRequest(empty, MARKET, date(2026, 12, 1)), tmp_path / "o.docx"
        )


def test_a_deadline_in_a_year_without_a_holiday_table_asks_for_one_or_a_date(
    reviewed: ReviewedLibrary, tmp_path: Path
) -> None:
    letters = service(reviewed)
    with pytest.raises(UserError, match="节假日安排"):
        letters.issue_opinion(
            OpinionRequest(reviewed.spotcheck, MARKET, date(2026, 12, 20)), tmp_path / "o.docx"
        )
    issued = letters.issue_opinion(
        OpinionRequest(reviewed.spotcheck, MARKET, date(2026, 12, 20), deadline=date(2027, 1, 29)),
        tmp_path / "o.docx",
    )
    assert issued.deadline == date(2027, 1, 29) and issued.number == "司监意〔2026〕1号"


def test_working_day_periods_cross_the_spring_festival(reviewed: ReviewedLibrary) -> None:
    natural = service(reviewed)
    # 2026-01-17 + 30 days = 02-16, inside 春节 (02-15 … 02-23): the 24th.
    assert natural.deadline_for(date(2026, 1, 17)) == date(2026, 2, 24)
    working = service(reviewed, rectification_day_kind="working", rectification_days=10)
    # 10 working days from Saturday 2025-09-20 count the 调休 Sunday 09-28 and skip 国庆.
    assert working.deadline_for(date(2025, 9, 20)) == date(2025, 10, 10)


def test_decision_follows_an_overdue_opinion_only(
    reviewed: ReviewedLibrary, tmp_path: Path
) -> None:
    letters = service(reviewed)
    opinion = letters.issue_opinion(
        OpinionRequest(reviewed.spotcheck, MARKET, date(2026, 9, 1)), tmp_path / "o.docx"
    )
    with pytest.raises(UserError, match="尚未届满"):
        letters.issue_decision(
            DecisionRequest(opinion.number, date(2026, 10, 8)), tmp_path / "d.docx"
        )
    decision = letters.issue_decision(
        DecisionRequest(opinion.number, date(2026, 10, 9)), tmp_path / "d.docx"
    )
    assert decision.number == "司监决〔2026〕1号"
    text = text_of(decision.file)
    assert "司监决〔2026〕1号" in text and opinion.number in text and MARKET in text
    assert "有从轻情节未适用" in text
    rect = RectificationService(reviewed.db, tmp_path / "att")
    assert rect.show(opinion.number, date(2026, 10, 9)).status == "decided"
    assert rect.show(opinion.number, date(2026, 10, 9)).decision_number == decision.number
    with pytest.raises(UserError, match="已经出具过监督决定书"):
        letters.issue_decision(
            DecisionRequest(opinion.number, date(2026, 10, 10)), tmp_path / "d2.docx"
        )


def test_decision_names_only_what_the_reply_left_unrectified(
    reviewed: ReviewedLibrary, tmp_path: Path
) -> None:
    letters = service(reviewed)
    opinion = letters.issue_opinion(
        OpinionRequest(reviewed.spotcheck, MARKET, date(2026, 9, 1)), tmp_path / "o.docx"
    )
    rect = RectificationService(reviewed.db, tmp_path / "att")
    # A late reply, claiming only problem 1 rectified; still overdue (late, not accepted).
    rect.record_reply(opinion.number, date(2026, 10, 12), outcomes={2: "not", 3: "partly"})
    assert rect.show(opinion.number, date(2026, 10, 12)).status == "overdue"
    context = letters.decision_context(DecisionRequest(opinion.number, date(2026, 10, 13)))
    assert [p["seq"] for p in context["problems"]] == [2, 3]


def test_rewrite_gives_the_letter_as_issued(reviewed: ReviewedLibrary, tmp_path: Path) -> None:
    letters = service(reviewed)
    first = letters.issue_opinion(
        OpinionRequest(reviewed.spotcheck, MARKET, date(2026, 9, 1)), tmp_path / "o.docx"
    )
    again = letters.rewrite("司监意[2026]1号", tmp_path / "again.docx")
    assert again.number == first.number
    assert text_of(again.file) == text_of(first.file)
