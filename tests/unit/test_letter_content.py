"""What the letters say and when they may be issued (issue 15 items 2, 3, 6, 7): no number
before the organ and legal basis are set, a veto grade names its 否决项, every problem cites
a basis, the deadline runs from the day the settings say, one measure per problem in a
decision with the issuer, grace days and 催办 the settings ask for, and the opinion scope."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from app.config import LettersNotReady, Settings
from app.documents.decision_text import measure_table
from app.documents.letter_requests import DecisionRequest, OpinionRequest
from app.documents.letters import LetterService
from app.errors import UserError
from app.review.campaigns import CampaignService
from app.review.rectification import RectificationService
from app.store.models import Letter, LetterSequence
from tests.review_support import LETTER_SETTINGS, ReviewedLibrary
from tests.unit.test_letters import MARKET, TRANSPORT, service, text_of

ISSUED = date(2026, 9, 1)
OVERDUE = date(2026, 10, 9)  # the day after the opinion's deadline 2026-10-08


def test_no_number_is_taken_while_the_organ_is_unset_or_the_basis_keeps_a_placeholder(
    reviewed: ReviewedLibrary, tmp_path: Path
) -> None:
    unset = LetterService(reviewed.db, Settings(), reviewed.paths.calendar_dir, who="王")
    with pytest.raises(LettersNotReady) as refused:
        unset.issue_opinion(OpinionRequest(reviewed.spotcheck, MARKET, ISSUED), tmp_path / "o.docx")
    message = str(refused.value)
    assert "发文机关（organ_name）" in message and "意见书依据" not in message
    assert "anjuan settings set" in message
    assert not (tmp_path / "o.docx").exists()
    with reviewed.db.session() as s:
        assert s.scalars(select(Letter)).first() is None
        assert s.scalars(select(LetterSequence)).first() is None
    pasted = service(reviewed, legal_basis_opinion="《行政执法监督条例》第×条")
    with pytest.raises(LettersNotReady, match="含有占位符"):
        pasted.issue_opinion(
            OpinionRequest(reviewed.spotcheck, MARKET, ISSUED), tmp_path / "o.docx"
        )
    assert (
        service(reviewed)
        .issue_opinion(OpinionRequest(reviewed.spotcheck, MARKET, ISSUED), tmp_path / "o.docx")
        .number.endswith("1号")
    )


def test_the_basis_is_cited_as_set_or_by_the_regulation_with_no_article_to_retype(
    reviewed: ReviewedLibrary, tmp_path: Path
) -> None:
    """Nobody verified the 条例's article: unset, a letter cites 《行政执法监督条例》有关规定
    (no “×” to fill in); a bureau's basis naming its article is cited 的规定."""
    default = service(reviewed, legal_basis_opinion="")
    default.issue_opinion(OpinionRequest(reviewed.spotcheck, MARKET, ISSUED), tmp_path / "d.docx")
    text = text_of(tmp_path / "d.docx")
    assert "根据《行政执法监督条例》有关规定，现将" in text and "×" not in text
    typed = service(reviewed)  # LETTER_SETTINGS: 《某省行政执法监督办法》第二十条
    typed.issue_opinion(OpinionRequest(reviewed.spotcheck, TRANSPORT, ISSUED), tmp_path / "t.docx")
    assert "根据《某省行政执法监督办法》第二十条的规定，现将" in text_of(tmp_path / "t.docx")


def test_a_veto_grade_names_its_veto_item_and_every_problem_has_a_basis(
    reviewed: ReviewedLibrary, tmp_path: Path
) -> None:
    letters = service(reviewed)
    context = letters.opinion_context(OpinionRequest(reviewed.spotcheck, MARKET, ISSUED))
    vetoed = context["vetoed_cases"]
    assert vetoed and all(c["grade"] == "不合格" and c["vetoes"] for c in vetoed)
    assert all(not c["vetoes"] for c in context["cases"] if c not in vetoed)
    assert all(p["basis"] for p in context["problems"])
    issued = letters.issue_opinion(
        OpinionRequest(reviewed.spotcheck, MARKET, ISSUED), tmp_path / "o.docx"
    )
    text = text_of(issued.file)
    first = vetoed[0]
    assert f"{first['case_no']}不符合否决项{first['vetoes']}的要求，按评查标准评为不合格。" in text
    assert "P-" not in first["vetoes"]  # the item's wording, never its code


def test_all_deductions_when_the_scope_says_all(reviewed: ReviewedLibrary) -> None:
    supervision = service(reviewed).opinion_context(
        OpinionRequest(reviewed.spotcheck, MARKET, ISSUED)
    )
    everything = service(reviewed, opinion_scope="all").opinion_context(
        OpinionRequest(reviewed.spotcheck, MARKET, ISSUED)
    )
    assert len(everything["problems"]) > len(supervision["problems"])
    texts = " ".join(p["text"] for p in everything["problems"])
    assert "询问笔录未由当事人" in texts  # P-2.2 is not a supervision item
    assert all(p["basis"] for p in everything["problems"])


def test_why_a_department_gets_no_opinion(reviewed: ReviewedLibrary) -> None:
    campaigns = CampaignService(reviewed.db)
    fresh = campaigns.create("2026年第四季度抽查", "spotcheck", "2026Q4").id
    market = [e.case_id for e in campaigns.cases(reviewed.spotcheck) if e.department == MARKET]
    campaigns.add_cases(fresh, [c for c in market if c is not None][:2])
    letters = service(reviewed)
    assert letters.candidates(fresh) == []
    assert letters.no_opinion_reasons(fresh) == {
        MARKET: "2件案卷均未评定完毕（未评分或双人评查未合议），暂不出具。"
    }
    with pytest.raises(UserError, match="均未评定完毕"):
        letters.opinion_context(OpinionRequest(fresh, MARKET, date(2026, 12, 1)))
    # In the reviewed campaign every department either gets an opinion or a reason.
    named = {c.department for c in letters.candidates(reviewed.spotcheck)}
    named |= set(letters.no_opinion_reasons(reviewed.spotcheck))
    assert {MARKET, TRANSPORT} <= named


def test_the_deadline_runs_from_service_when_the_settings_say_so(
    reviewed: ReviewedLibrary, tmp_path: Path
) -> None:
    letters = service(reviewed, deadline_from="service")
    with pytest.raises(UserError, match=r"送达日期.*不能早于印发日期"):
        letters.opinion_context(
            OpinionRequest(reviewed.spotcheck, MARKET, ISSUED, served_on=date(2026, 8, 31))
        )
    issued = letters.issue_opinion(
        OpinionRequest(reviewed.spotcheck, MARKET, ISSUED, served_on=date(2026, 9, 20)),
        tmp_path / "o.docx",
    )
    # 30 days from the service on 09-20 (from the issue on 09-01 they would end 10-08).
    assert issued.deadline == date(2026, 10, 20)
    text = text_of(issued.file)
    assert "请于2026年10月20日前完成整改" in text and "2026年10月8日" not in text


def test_a_decision_has_one_measure_per_problem_and_the_complaint_path(
    reviewed: ReviewedLibrary, tmp_path: Path
) -> None:
    letters = service(reviewed, copy_to="市人民政府办公室")
    opinion = letters.issue_opinion(
        OpinionRequest(reviewed.spotcheck, MARKET, ISSUED), tmp_path / "o.docx"
    )
    context = letters.decision_context(DecisionRequest(opinion.number, OVERDUE))
    table = measure_table()
    problems = context["problems"]
    assert [p["measure"] for p in problems] == [
        table.default_for(p["category"], p["item"]) for p in problems
    ]
    assert len({p["measure"] for p in problems}) == len(context["decisions"])
    others = {p["seq"]: "变更" for p in problems[2:]}
    chosen = letters.decision_context(
        DecisionRequest(opinion.number, OVERDUE, measures={1: "撤销", 2: "revoke"} | others)
    )
    assert chosen["decisions"][0].startswith("对上述第1、2项问题，责令你单位依法撤销该行政行为")
    with pytest.raises(UserError, match="决定书没有第9项问题"):
        letters.decision_context(DecisionRequest(opinion.number, OVERDUE, measures={9: "撤销"}))
    with pytest.raises(UserError, match="没有名为“罚款”的监督措施"):
        letters.decision_context(DecisionRequest(opinion.number, OVERDUE, measures={1: "罚款"}))
    decision = letters.issue_decision(
        DecisionRequest(
            opinion.number, OVERDUE, measures={p["seq"]: "变更" for p in problems} | {1: "确认违法"}
        ),
        tmp_path / "d.docx",
    )
    text = text_of(decision.file)
    assert "（一）对上述第1项问题，确认该行政执法行为违法" in text
    assert "（二）对上述第2、3项问题，责令你单位依法变更该行政行为" in text
    assert "本机关于2026年9月1日向你单位发出" in text
    assert "自收到本决定书之日起10日内向本机关书面申请复查" in text
    assert "纳入法治政府建设考核" in text and "依法追究" in text


def test_a_decision_the_government_issues_at_the_bureaus_request(
    reviewed: ReviewedLibrary, tmp_path: Path
) -> None:
    letters = service(reviewed, decision_issuer="government", decision_organ="某市人民政府")
    opinion = letters.issue_opinion(
        OpinionRequest(reviewed.spotcheck, MARKET, ISSUED), tmp_path / "o.docx"
    )
    decision = letters.issue_decision(DecisionRequest(opinion.number, OVERDUE), tmp_path / "d.docx")
    text = text_of(decision.file)
    assert "某市司法局于2026年9月1日向你单位发出" in text
    assert "经某市司法局报请，本机关依法作出行政执法监督决定" in text
    with reviewed.db.session() as s:
        letter = s.scalars(select(Letter).where(Letter.kind == "decision")).one()
        assert letter.content["organ"] == "某市人民政府"


def test_grace_days_and_a_required_reminder_come_before_a_decision(
    reviewed: ReviewedLibrary, tmp_path: Path
) -> None:
    letters = service(reviewed, decision_grace_days=5, decision_needs_reminder=True)
    opinion = letters.issue_opinion(
        OpinionRequest(reviewed.spotcheck, MARKET, ISSUED), tmp_path / "o.docx"
    )
    with pytest.raises(UserError, match=r"逾期满5天后.*2026年10月13日之后"):
        letters.decision_context(DecisionRequest(opinion.number, OVERDUE))
    later = date(2026, 10, 13)
    with pytest.raises(UserError, match="须先催办"):
        letters.decision_context(DecisionRequest(opinion.number, later))
    rect = RectificationService(reviewed.db, tmp_path / "att", "王")
    with pytest.raises(UserError, match="只对逾期未整改的意见书催办"):
        rect.remind(opinion.number, date(2026, 10, 8))
    rect.remind(opinion.number, date(2026, 10, 10), "电话催办")
    assert letters.decision_context(DecisionRequest(opinion.number, later))["problems"]


def test_letters_issued_by_a_day(reviewed: ReviewedLibrary, tmp_path: Path) -> None:
    letters = service(reviewed)
    letters.issue_opinion(OpinionRequest(reviewed.spotcheck, MARKET, ISSUED), tmp_path / "a.docx")
    letters.issue_opinion(
        OpinionRequest(reviewed.spotcheck, TRANSPORT, date(2026, 9, 10)), tmp_path / "b.docx"
    )
    assert [r["department"] for r in letters.letters(until=date(2026, 9, 5))] == [MARKET]
    assert len(letters.letters()) == 2


def test_demo_letters_use_the_demo_organ_and_basis(tmp_path: Path) -> None:
    from app.config import Paths
    from app.demo.folder import DEMO_CODE_OPINION, DEMO_ORGAN, mark_demo_folder

    paths = Paths(tmp_path / "demo")
    mark_demo_folder(paths)
    settings = Settings.load(paths.settings_file)
    assert (
        settings.issuing_organ == DEMO_ORGAN and settings.letter_code_opinion == DEMO_CODE_OPINION
    )
    assert settings.letter_gaps() == []
    assert settings.letter_code_opinion != Settings(**LETTER_SETTINGS).letter_code_opinion


def test_a_circular_number_is_checked_like_a_letter_number(
    reviewed: ReviewedLibrary, tmp_path: Path
) -> None:
    from app.documents.reports import ReportService

    reports = ReportService(
        reviewed.db, Settings(**LETTER_SETTINGS), RectificationService(reviewed.db, tmp_path)
    )
    with pytest.raises(UserError, match="不是有效的发文字号"):
        reports.circular(reviewed.spotcheck, tmp_path / "c.docx", ISSUED, number="第5号通报")
    assert not (tmp_path / "c.docx").exists()
    context = reports.circular_context(reviewed.spotcheck, ISSUED, tmp_path, "司通[2026]5号")
    assert context["number"] == "司通〔2026〕5号"
