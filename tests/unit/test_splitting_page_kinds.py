"""Untitled pages the splitter must still place: covers, 卷内目录, evidence sheets, blanks,
and documents the dossier's own 目录 says start on a page whose title was unread."""

from __future__ import annotations

import json
from pathlib import Path

from app.casefiles.splitting import PageInput, TextLine, pages_from_records, split_dossier

WIDTH, HEIGHT = 595.3, 841.9
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ocr"


def title(text: str, y: float = 70.0, size: float = 22.0) -> TextLine:
    half = len(text) * size / 2
    return TextLine(text, (WIDTH / 2 - half, y, WIDTH / 2 + half, y + size))


def body(text: str, y: float, x: float = 77.0, size: float = 14.0) -> TextLine:
    return TextLine(text, (x, y, x + len(text) * size * 0.9, y + size))


def page(*lines: TextLine, picture: float | None = None) -> PageInput:
    return PageInput(list(lines), WIDTH, HEIGHT, picture)


def spans(pages: list[PageInput]) -> list[tuple[str, int, int]]:
    return [(d.type, d.first_page, d.last_page) for d in split_dossier(pages)]


def inquiry(*more: PageInput) -> list[PageInput]:
    return [page(title("询问笔录"), body("询问时间：2024年3月5日", 120)), *more]


def test_a_cover_without_a_title_band_is_recognised_by_its_archival_fields() -> None:
    cover = page(
        body("江州市市场监督管理局", 60, x=220),
        body("案由 销售不合格产品", 300),
        body("当事人 江州市某某商贸有限公司", 330),
        body("立案日期 2024年3月1日  结案日期 2024年5月6日", 360),
        body("保管期限 长期", 390),
        body("全宗号 602  目录号 9  案卷号 349", 600, x=170),
    )
    assert spans([cover, *inquiry()]) == [("case_cover", 1, 1), ("inquiry_record", 2, 2)]


def test_a_cover_is_also_known_by_its_large_title_mid_page() -> None:
    big = TextLine("行政处罚案卷", (WIDTH / 2 - 120, 380.0, WIDTH / 2 + 120, 420.0))
    cover = page(body("江州市市场监督管理局", 60, x=220), big, body("二〇二四年", 700, x=260))
    assert spans([cover, *inquiry()])[0] == ("case_cover", 1, 1)


def test_a_form_page_quoting_case_fields_is_not_a_cover() -> None:
    second = page(body("当事人 江州市某某商贸有限公司", 80), body("案由 销售不合格产品", 110))
    assert spans(inquiry(second)) == [("inquiry_record", 1, 2)]


def test_a_contents_page_is_recognised_by_its_table_header() -> None:
    contents = page(
        body("序号", 120, x=80), body("文件名称", 120, x=220),
        body("日期", 120, x=400), body("页号", 120, x=470), body("备注", 120, x=520),
        body("1", 150, x=85), body("询问笔录", 150, x=220), body("20240305", 150, x=390),
        body("1-2", 150, x=472),
    )  # fmt: skip
    contents_only_text = page(body("序号 题名 日期 页次", 100), body("1 询问笔录 20240305 1", 130))
    assert spans([contents, *inquiry()])[0] == ("table_of_contents", 1, 1)
    assert spans([contents_only_text, contents, *inquiry()])[0] == ("table_of_contents", 1, 2)


def test_a_photo_sheet_starts_evidence_instead_of_continuing_the_record() -> None:
    photos = page(
        body("照片1：仓库内待售电线全景", 330, x=150),
        body("拍摄时间：2024年3月5日 拍摄人：李明、王芳", 350, x=150),
        body("证明对象：当事人仓库存放涉案产品", 610, x=150),
    )
    more = page(body("照片3：产品标签近景", 330, x=150))
    assert spans(inquiry(photos, more)) == [("inquiry_record", 1, 1), ("evidence", 2, 3)]


def test_a_page_mostly_picture_with_little_text_is_evidence_when_measured() -> None:
    picture = page(body("2024.3.5", 700, x=400), picture=0.6)
    unmeasured = page(body("2024.3.5", 700, x=400))
    assert spans(inquiry(picture))[-1] == ("evidence", 2, 2)
    assert spans(inquiry(unmeasured)) == [("inquiry_record", 1, 2)]  # a signature page


def test_a_blank_sheet_between_documents_is_its_own_span() -> None:
    blank = page(body("3", 800, x=290))  # only the archivist's page number
    pages = [*inquiry(), blank, page(title("现场检查笔录")), page()]
    assert spans(pages) == [
        ("inquiry_record", 1, 1),
        ("blank", 2, 2),
        ("inspection_record", 3, 3),
        ("blank", 4, 4),
    ]


def test_a_blank_back_inside_a_document_belongs_to_it() -> None:
    pages = inquiry(page(), page(body("问：以上记录是否属实？", 80)), page(title("现场检查笔录")))
    assert spans(pages) == [("inquiry_record", 1, 3), ("inspection_record", 4, 4)]


def test_the_contents_table_marks_documents_whose_title_was_not_read() -> None:
    record = json.loads((FIXTURES / "演示01-行政处罚案卷.json").read_text(encoding="utf-8"))
    truth = [(d["type"], d["first_page"], d["last_page"]) for d in record["truth"]["documents"]]
    pages = pages_from_records(record["pages"])
    unread = {5, 10, 12}  # 询问笔录, 事先告知书, 决定审批表: their title lines dropped
    for number in unread:
        old = pages[number - 1]
        pages[number - 1] = PageInput(
            [ln for ln in old.lines if ln.text.strip() not in ("询问笔录", "行政处罚事先告知书", "行政处罚决定审批表")],
            old.width,
            old.height,
        )  # fmt: skip
    docs = split_dossier(pages)
    assert [(d.type, d.first_page, d.last_page) for d in docs] == truth
    assert {d.first_page for d in docs if d.confidence == 0.8} == unread
