"""卷内目录 rows as real OCR read them on the demo library (issue 13): two rows glued into one
line, and a row whose wrapped first line stands above its 序号 (no OCR: the lines as read)."""

from __future__ import annotations

from datetime import date

from app.casefiles.contents_table import parse_contents
from app.casefiles.splitting import PageInput, TextLine
from tests.unit.test_fact_checks import page


def test_two_contents_rows_read_as_one_line_give_no_pages_or_date() -> None:

    rows = parse_contents(
        [
            page(
                "卷内目录",
                "序号 文号 责任者 题名 日期 页号",
                "8 本机关先行登记保存证据通知书 20240808 9",
                "910 本机关先行登记保存证据处理决定书案件调查终结报告 2024082220241111 1011",
                "11 本机关行政处罚事先告知书 20241113 12",
            )
        ]
    )
    assert [(r.number, r.first_page, r.date) for r in rows] == [
        (8, 9, date(2024, 8, 8)),
        (9, None, None),
        (11, 12, date(2024, 11, 13)),
    ]
    single = parse_contents(
        [page("卷内目录", "序号 题名 日期 页号", "9 本机关询问笔录 20240808 10")]
    )
    assert [(r.number, r.first_page) for r in single] == [(9, 10)]


def test_a_row_whose_first_line_stands_above_its_number_is_not_read_into_the_row_before() -> None:

    def at(text: str, y0: float, y1: float) -> TextLine:
        return TextLine(text, (77.0, y0, 520.0, y1))

    rows = parse_contents(
        [
            PageInput(
                [
                    at("卷内目录", 79, 104),
                    at("序号 文号 责任者 题名 日期 页号", 111, 135),
                    at("13 本机关送达回证 20250623 15", 465, 488),
                    at("望城管罚决字加〔2025〕第155 加处罚款决定书", 493, 511),
                    at("14号 本机关 20250711 16", 501, 527),
                    at("15 本机关送达回证 20250711 17", 535, 555),
                ],
                595.3,
                841.9,
            )
        ]
    )
    assert [(r.number, r.first_page) for r in rows] == [(13, 15), (14, 16), (15, 17)]
    assert "加处罚款决定书" not in rows[0].title and "加处罚款决定书" in rows[1].title
