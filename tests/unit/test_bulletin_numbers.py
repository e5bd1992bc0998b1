"""The 评查情况通报 takes its 文号 from the registry (通报代字): one 通报 per campaign, the
number never used twice, listed with the letters, written again only under its own number,
and known to ``db check``."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from app.config import Settings
from app.documents.letter_requests import OpinionRequest
from app.documents.letters import LetterService
from app.documents.reports import ReportService
from app.errors import UserError
from app.review.consistency import check
from app.review.letter_numbers import LetterNumberRegistry
from app.review.rectification import RectificationService
from tests.review_support import LETTER_SETTINGS, ReviewedLibrary

DAY = date(2026, 7, 15)


def reports(reviewed: ReviewedLibrary, tmp_path: Path) -> ReportService:
    return ReportService(
        reviewed.db,
        Settings(**LETTER_SETTINGS),
        RectificationService(reviewed.db, tmp_path),
        "王评查",
    )


def body_text(path: Path) -> str:
    document = docx.Document(str(path))
    return "".join(t.text or "" for t in document.element.body.iter(qn("w:t")))


def test_a_circular_takes_the_next_bulletin_number_once(
    reviewed: ReviewedLibrary, tmp_path: Path
) -> None:
    service = reports(reviewed, tmp_path)
    written, number = service.issue_circular(reviewed.spotcheck, tmp_path / "a.docx", DAY)
    assert number == "司监通〔2026〕1号" and number in body_text(written)
    # the campaign's name says 抽查: not repeated as "…案卷抽查（抽查）"
    assert "某市司法局组织开展了2026年第二季度行政执法案卷抽查。" in body_text(written)
    with pytest.raises(UserError, match=r"已于2026年7月15日印发评查情况通报司监通〔2026〕1号"):
        service.issue_circular(reviewed.spotcheck, tmp_path / "b.docx", DAY)
    # another campaign's 通报 gets the next number of the same sequence
    _, second = service.issue_circular(reviewed.spotcheck_previous, tmp_path / "c.docx", DAY)
    assert second == "司监通〔2026〕2号"

    rows = LetterService(reviewed.db, Settings(**LETTER_SETTINGS), None).letters()
    assert [(r["number"], r["kind"]) for r in rows] == [
        (number, "bulletin"),
        (second, "bulletin"),
    ]
    assert LetterService(reviewed.db, Settings(), None).letters(until=date(2026, 7, 14)) == []
    registry = LetterNumberRegistry(reviewed.db)
    assert registry.peek("bulletin", "司监通", 2026) == "司监通〔2026〕3号"
    report = check(reviewed.db, reviewed.paths.library_dir)
    assert [p.message for p in report.problems if p.area == "letters"] == []


def test_a_circular_is_written_again_only_under_its_own_number(
    reviewed: ReviewedLibrary, tmp_path: Path
) -> None:
    service = reports(reviewed, tmp_path)
    _, number = service.issue_circular(reviewed.spotcheck, tmp_path / "a.docx", DAY)
    later = date(2026, 8, 1)
    again = service.circular(reviewed.spotcheck, tmp_path / "again.docx", later, "司监通[2026]1号")
    assert number in body_text(again) and "2026年7月15日" in body_text(again)  # as issued
    with pytest.raises(UserError, match="不是已印发的评查情况通报文号"):
        service.circular(reviewed.spotcheck, tmp_path / "x.docx", DAY, "司监通〔2026〕7号")
    with pytest.raises(UserError, match="另一次评查活动"):
        service.circular(reviewed.spotcheck_previous, tmp_path / "x.docx", DAY, number)
    LetterService(
        reviewed.db, Settings(**LETTER_SETTINGS), reviewed.paths.calendar_dir
    ).issue_opinion(
        OpinionRequest(reviewed.spotcheck, "某市市场监督管理局", DAY), tmp_path / "o.docx"
    )
    with pytest.raises(UserError, match="是其他文书的文号"):
        service.circular(reviewed.spotcheck, tmp_path / "x.docx", DAY, "司监意〔2026〕1号")
    assert not (tmp_path / "x.docx").exists()
    # a preview takes no number and prints none
    draft = service.circular(reviewed.spotcheck, tmp_path / "draft.docx", DAY)
    assert "司监通" not in body_text(draft)


def test_a_circular_that_cannot_be_written_gives_its_number_back(
    reviewed: ReviewedLibrary, tmp_path: Path
) -> None:
    service = reports(reviewed, tmp_path)
    folder = tmp_path / "a folder"
    folder.mkdir()
    with pytest.raises(UserError):
        service.issue_circular(reviewed.spotcheck, folder, DAY)
    _, number = service.issue_circular(reviewed.spotcheck, tmp_path / "a.docx", DAY)
    assert number == "司监通〔2026〕1号"


def test_no_bulletin_number_while_the_organ_is_unset(
    reviewed: ReviewedLibrary, tmp_path: Path
) -> None:
    service = ReportService(reviewed.db, Settings(), RectificationService(reviewed.db, tmp_path))
    with pytest.raises(UserError, match="发文机关（organ_name）"):
        service.issue_circular(reviewed.spotcheck, tmp_path / "a.docx", DAY)


def test_the_bulletin_code_is_checked_like_the_others() -> None:
    settings = Settings(**LETTER_SETTINGS)
    with pytest.raises(UserError, match="意见书和通报的机关代字应当不同"):
        settings.set_text("bulletin_code", "司监意")
    with pytest.raises(UserError, match="通报机关代字“司监通〔2026〕”不应含括号"):
        settings.set_text("bulletin_code", "司监通〔2026〕")
    with pytest.raises(UserError, match="通报机关代字不能为空"):
        settings.set_text("bulletin_code", " ")
    settings.set_text("bulletin_code", "某司通")
    assert settings.letter_code("bulletin") == "某司通"
    assert settings.public()["bulletin_code"] == "某司通"


def test_db_check_finds_a_bulletin_number_without_its_record(
    reviewed: ReviewedLibrary, tmp_path: Path
) -> None:
    from app.review.letter_numbers import take_number

    with reviewed.db.session() as s:  # a number taken behind the 通报 service's back
        take_number(s, "bulletin", "司监通", 2026, "某人")
    found = [p.message for p in check(reviewed.db, reviewed.paths.library_dir).problems]
    assert any(
        "通报文号司监通〔2026〕1号已登记为发出，但没有印发评查情况通报的记录" in m for m in found
    )
