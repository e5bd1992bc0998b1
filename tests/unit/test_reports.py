"""The report service joins what the documents need from elsewhere: each department's
rectification state (circular and workbook) and its 纠错案件 of the period (circular and
charts)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl

from app.config import Settings
from app.documents.letter_requests import OpinionRequest
from app.documents.letters import LetterService
from app.documents.reports import ReportService
from app.review.corrected_cases import CorrectedCaseService
from app.review.rectification import RectificationService
from tests.review_support import LETTER_SETTINGS, ReviewedLibrary

MARKET = "某市市场监督管理局"


def test_rectification_and_corrections_reach_the_circular_workbook_and_charts(
    reviewed: ReviewedLibrary, tmp_path: Path
) -> None:
    settings = Settings(**LETTER_SETTINGS)
    LetterService(reviewed.db, settings, None, "王").issue_opinion(
        OpinionRequest(reviewed.spotcheck, MARKET, date(2026, 9, 1)), tmp_path / "o.docx"
    )
    CorrectedCaseService(reviewed.db, "王").add(
        MARKET, "某市1罚〔2026〕5号", "复议", "某市人民政府", date(2026, 5, 10), "撤销", "事实不清"
    )
    reports = ReportService(reviewed.db, settings, RectificationService(reviewed.db, tmp_path))

    context = reports.circular_context(reviewed.spotcheck, date(2026, 10, 20), tmp_path / "c")
    assert context["corrections"] == [{"department": MARKET, "count": 1}]
    row = next(d for d in context["departments"] if d["name"] == MARKET)
    assert row["rectification"] == "司监意〔2026〕1号 逾期未整改（逾期12天）"
    assert any("纠错案件" in c["title"] for c in context["charts"])

    book = openpyxl.load_workbook(
        reports.workbook(reviewed.spotcheck, tmp_path / "x.xlsx", date(2026, 9, 2))
    )
    values = [c.value for row in book["单位汇总"].iter_rows() for c in row]
    assert "司监意〔2026〕1号 整改中" in values

    names = {p.stem for p in reports.charts(reviewed.spotcheck, tmp_path / "charts", ("png",))}
    assert "corrections" in names
