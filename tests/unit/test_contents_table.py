"""Reading a 卷内目录: rows from one-line-per-row OCR and from cell-by-cell OCR, page ranges,
OCR's glued date and page label, wrapped titles, rows without pages; rows against the dossier."""

from __future__ import annotations

from datetime import date

import pytest

from app.casefiles.contents_table import best_offset, parse_contents, row_title_date, row_type
from app.casefiles.splitting import PageInput, TextLine, load_split_config

WIDTH, HEIGHT = 595.3, 841.9


def line(text: str, y: float, x: float = 85.0, width: float | None = None) -> TextLine:
    return TextLine(text, (x, y, x + (width or len(text) * 11.0), y + 16.0))


def sheet(*lines: TextLine) -> PageInput:
    return PageInput([line("卷内目录", 70, x=260), *lines], WIDTH, HEIGHT)


def rows_of(*pages: PageInput) -> list[tuple[int | None, str, int | None, int | None, date | None]]:
    return [
        (r.number, r.title, r.first_page, r.last_page, r.date) for r in parse_contents(list(pages))
    ]


def test_one_line_rows_with_single_pages_and_ranges() -> None:
    page = sheet(
        line("序号 文号 责任者 题名 日期 页号 备注", 110, width=440),
        line("1 本机关 立案审批表 20240301 1", 140, width=430),
        line("2 本机关 询问笔录 2024.3.5 2-4", 165, width=430),
        line("3 本机关 现场照片 2024年3月5日 5－6", 190, width=430),
        line("4 本机关 案件调查终结报告 20240320 7至8", 215, width=430),
    )
    assert rows_of(page) == [
        (1, "本机关 立案审批表", 1, 1, date(2024, 3, 1)),
        (2, "本机关 询问笔录", 2, 4, date(2024, 3, 5)),
        (3, "本机关 现场照片", 5, 6, date(2024, 3, 5)),
        (4, "本机关 案件调查终结报告", 7, 8, date(2024, 3, 20)),
    ]


def test_ocr_glue_between_date_and_pages_and_between_number_and_doc_no() -> None:
    page = sheet(
        line("序号 文号 责任者 题名 日期页号", 110, width=440),
        line("10云市监处罚〔2025〕148号本机关行政处罚决定书 2025052711-12", 140, width=440),
        line("11 本机关送达回证 .20250527 13", 165, width=430),
    )
    rows = parse_contents([page])
    assert [(r.number, r.first_page, r.last_page, r.date) for r in rows] == [
        (10, 11, 12, date(2025, 5, 27)),
        (11, 13, 13, date(2025, 5, 27)),
    ]
    assert rows[0].doc_no == "云市监处罚〔2025〕148号"
    assert rows[0].title == "本机关行政处罚决定书"


def test_cell_by_cell_ocr_is_read_by_the_header_columns() -> None:
    page = sheet(
        line("序号", 110, x=70), line("文件名称", 110, x=200), line("页次", 110, x=420),
        line("日期", 110, x=480), line("备注", 110, x=540),
        line("1", 140, x=75), line("立案审批表", 140, x=190), line("1", 140, x=425),
        line("2024-3-1", 140, x=470),
        line("2", 165, x=75), line("询问笔录", 165, x=195), line("2-3", 165, x=422),
        line("2024-3-5", 165, x=470), line("复印件", 165, x=540),
    )  # fmt: skip
    assert rows_of(page) == [
        (1, "立案审批表", 1, 1, date(2024, 3, 1)),
        (2, "询问笔录", 2, 3, date(2024, 3, 5)),
    ]


def test_wrapped_titles_rows_without_pages_and_footers() -> None:
    page = sheet(
        line("序号 题名 日期 页号", 110, width=400),
        line("1 重大执法决定法制审核 20240325 9", 140, width=400),
        line("意见书", 160, x=120),
        line("2 结案审批表", 185, width=120),
        line("（以下空白）", 210, x=250),
        line("3", 800, x=290),
    )
    assert rows_of(page) == [
        (1, "重大执法决定法制审核意见书", 9, 9, date(2024, 3, 25)),
        (2, "结案审批表", None, None, None),
    ]


def test_a_page_without_a_header_holds_no_rows_and_rows_span_sheets() -> None:
    first = sheet(line("序号 题名 日期 页号", 110, width=400), line("1 立案审批表 20240301 1", 140))
    second = sheet(
        line("序号 题名 日期 页号", 110, width=400), line("2 结案审批表 20240501 2", 140)
    )
    stray = PageInput([line("立案审批表", 70, x=250)], WIDTH, HEIGHT)
    rows = parse_contents([first, stray, second], first_page=2)
    assert [(r.number, r.page) for r in rows] == [(1, 2), (2, 4)]


def test_row_types_and_the_offset_between_listed_and_pdf_pages() -> None:
    aliases = [(a, t.id) for t in load_split_config().types for a in t.aliases]
    assert row_type("本机关行政处罚决定书", aliases) == "penalty_decision"
    assert row_type("本机关营业执照(复印件)", aliases) == "evidence"
    assert row_type("会议签到表", aliases) is None
    listed = [("filing_approval", 1), ("inquiry_record", 2), ("penalty_decision", 5)]
    starts = {1: {"case_cover"}, 2: {"table_of_contents"}, 3: {"filing_approval"},
              4: {"inquiry_record"}, 7: {"penalty_decision"}}  # fmt: skip
    assert best_offset(listed, starts, 8) == 2
    assert best_offset(listed, {1: {"case_cover"}}, 8) is None
    assert best_offset([("evidence", 1)], {1: {"evidence"}, 3: {"evidence"}}, 4, (2,)) == 2


@pytest.mark.parametrize(
    ("text", "title", "day"),
    [
        ("10行政处罚决定书 10-11 2024.02.26", "行政处罚决定书", date(2024, 2, 26)),  # 页号 日期
        ("10 行政处罚决定书 10-11 20240226", "行政处罚决定书", date(2024, 2, 26)),
        ("3 本机关询问笔录 20250506 3-4", "本机关询问笔录", date(2025, 5, 6)),  # 日期 页号
        ("7 集体讨论记录 7 2024年2月13日", "集体讨论记录", date(2024, 2, 13)),
        ("9 送达回证 9", "送达回证", None),
    ],
)
def test_a_row_line_gives_its_title_and_date_wherever_its_page_label_stands(
    text: str, title: str, day: date | None
) -> None:
    assert row_title_date(text) == (title, day)
