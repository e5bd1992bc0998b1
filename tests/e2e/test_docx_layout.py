"""The letters as LibreOffice lays them out: A4, GB/T 9704 margins, "— 1 —" page numbers
(odd right, even left) and the key texts, read back from the PDF with PyMuPDF."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pymupdf
import pytest

from app.config import Settings
from app.documents import pdf_convert
from app.documents.docx_render import render_document
from app.documents.letter_requests import DecisionRequest, OpinionRequest
from app.documents.letters import LetterService
from app.documents.pdf_convert import docx_to_pdf, find_soffice
from app.documents.reports import ReportService
from app.documents.sheet import sheet_context, write_sheet
from app.review.rectification import RectificationService
from app.review.reviews import ReviewService
from tests.review_support import (
    DEPARTMENTS,
    LETTER_SETTINGS,
    ReviewedLibrary,
    build_reviewed_library,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) 未安装，无法检查版式"),
]

MM = 72 / 25.4
A4 = (595.3, 841.9)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, list[str]]]:
    """Each kind rendered, converted, and the texts that must appear in it."""
    folder = tmp_path_factory.mktemp("layout")
    lib = build_reviewed_library(folder / "lib")
    case = lib.cases[DEPARTMENTS[0]][3]
    ctx = sheet_context(lib.db, lib.spotcheck, case)
    # The letters as the letter service issues them, not hand-built contexts.
    settings = Settings(**{**LETTER_SETTINGS, "copy_to": "市人民政府办公室"})
    letters = LetterService(
        lib.db,
        settings,
        lib.paths.calendar_dir,
        who="王评查",
    )
    market = DEPARTMENTS[0]
    opinion = letters.issue_opinion(
        OpinionRequest(lib.spotcheck, market, date(2026, 9, 1)), folder / "opinion.docx"
    )
    decision = letters.issue_decision(
        DecisionRequest(opinion.number, date(2026, 10, 9)), folder / "decision.docx"
    )
    busy = _ten_deductions(lib)
    clean = lib.cases[DEPARTMENTS[0]][2]  # pattern 2: no deduction
    reports = ReportService(
        lib.db,
        settings,
        RectificationService(lib.db, lib.paths.library_dir / "rectification"),
    )
    docs = {
        "opinion": (
            opinion.file,
            [opinion.number, f"{market}：", "请于2026年10月8日前", "（第12页）", "抄送："],
        ),
        "decision": (
            decision.file,
            [decision.number, opinion.number, "执行本决定", "纳入法治政府建设考核"],
        ),
        "circular": (
            reports.circular(lib.spotcheck, folder / "circular.docx", date(2026, 10, 15)),
            [
                "抽查情况的通报",
                "某市城市管理和综合执法局",
                "三、优秀案卷",
                "附件：不合格案卷名单",
                "不合格案卷名单",
                opinion.number,  # the market department's rectification, in its own table
            ],
        ),
        "sheet": (
            write_sheet(lib.db, lib.spotcheck, case, folder / "sheet.docx"),
            ["行政执法案卷评查表", ctx["case"]["case_no"], "（第3页）", "不合格", "赵组长"],
        ),
        "busy_sheet": (
            write_sheet(lib.db, lib.spotcheck, busy, folder / "busy_sheet.docx"),
            ["行政执法案卷评查表", "项未扣分", *BUSY_REASONS],
        ),
        # no deduction: the categories' rows end near page 1's foot, where the signature
        # table stood alone on page 2 (the demo's 乡镇 file)
        "clean_sheet": (
            write_sheet(lib.db, lib.spotcheck, clean, folder / "clean_sheet.docx"),
            ["行政执法案卷评查表", "本类", "评查签名"],
        ),
    }
    # a category that lost 13.5 points, as the demo's 执法程序 did
    points = sheet_context(lib.db, lib.spotcheck, busy)
    points["categories"][3].update(lost="13.5")
    rendered = {
        kind: (docx_to_pdf(docx, folder / "pdf"), expected)
        for kind, (docx, expected) in docs.items()
    }
    with pytest.MonkeyPatch.context() as patch:
        # the paper as saved, on a PC without the GB/T 9704 faces: LibreOffice's own stand-in
        # for 黑体 (DejaVu Sans) has wider figures than the preview's CJK face
        patch.setattr(pdf_convert, "preview_copy", lambda docx, work: docx)
        sheet = render_document("sheet", points, folder / "points_sheet.docx")
        rendered["points_sheet"] = (docx_to_pdf(sheet, folder / "pdf"), ["小计得分"])
    return rendered


# reasons as long as the prechecks write them (dates, the limit, the day it was due), so
# that a sheet with ten deductions is a realistic one to fit on 3 pages: the demo's files
# with seven and eight such deductions ran to 4 pages at 小四
BUSY_REASONS = tuple(
    f"第{n}项问题：送达行政处罚事先告知书日期2025年1月21日，作出处罚决定日期2025年1月22日，"
    "5个工作日的告知书载明的陈述申辩期限尚未届满（至2025年1月27日届满，应于其后作出处罚决定），"
    "卷内也无当事人书面放弃陈述申辩的记录"
    for n in range(1, 9)
)


def _ten_deductions(lib: ReviewedLibrary) -> int:
    """A case of the third department with ten deductions: its two and eight more."""
    case = lib.cases[DEPARTMENTS[2]][2]  # pattern 0: two deductions
    reviews = ReviewService(lib.db, default_reviewer="王评查")
    taken = {d.item_id for d in reviews.deductions(lib.spotcheck, case)}
    checklist = reviews.checklist_for(lib.spotcheck, case)
    free = [i for c in checklist.categories for i in c.items if not i.veto and i.id not in taken]
    for item, reason in zip(free[::4], BUSY_REASONS, strict=False):
        reviews.deduct(lib.spotcheck, case, item.id, 1, reason, page=9)
    assert len(reviews.deductions(lib.spotcheck, case)) == 10
    return case


def _norm(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("kind", ["opinion", "decision", "circular", "sheet", "busy_sheet"])
def test_layout_and_text(pdfs: dict[str, tuple[Path, list[str]]], kind: str) -> None:
    pdf, expected = pdfs[kind]
    with pymupdf.open(pdf) as doc:
        assert doc.page_count >= 1
        first = doc[0]
        assert abs(first.rect.width - A4[0]) <= 2 and abs(first.rect.height - A4[1]) <= 2
        words = first.get_text("words")
        body = [w for w in words if w[1] < first.rect.height - 30 * MM]
        left = min(w[0] for w in body)
        top = min(w[1] for w in body)
        assert abs(left - 28 * MM) <= 3 * MM, f"left margin {left / MM:.1f} mm"
        assert abs(top - 37 * MM) <= 3 * MM, f"top margin {top / MM:.1f} mm"
        right = max(w[2] for w in body)
        # LibreOffice hangs a closing 。，into the margin (Word does not: overflowPunct is
        # off in the templates); one full-width character of 16 pt at most.
        assert right <= first.rect.width - 26 * MM + 16.5, f"text reaches {right / MM:.1f} mm"

        footer = first.get_text(
            "text",
            clip=pymupdf.Rect(0, first.rect.height - 35 * MM, first.rect.width, first.rect.height),
        )
        assert "— 1 —" in footer
        number = first.search_for("— 1 —")
        assert number and number[0].x0 > first.rect.width / 2  # odd page: right
        if doc.page_count >= 2:
            second = doc[1]
            number = second.search_for("— 2 —")
            assert number and number[0].x1 < second.rect.width / 2  # even page: left

        text = _norm("".join(page.get_text() for page in doc))
        for snippet in expected:
            assert _norm(snippet) in text, snippet
        assert "{{" not in text and "{%" not in text


def test_fonts_embedded_are_cjk(pdfs: dict[str, tuple[Path, list[str]]]) -> None:
    """No boxes: the letters embed real CJK faces, chosen from the fallback list."""
    pdf, _ = pdfs["opinion"]
    with pymupdf.open(pdf) as doc:
        names = {f[3] for page in doc for f in page.get_fonts()}
    assert any("CJK" in n or "UKai" in n or "Sungti" in n or "FangSong" in n for n in names), names


ITEM_CODE = re.compile(r"[PC]\s*-\s*\d+\s*\.\s*\d+")


@pytest.mark.parametrize("kind", ["opinion", "decision", "circular"])
def test_letters_cite_wording_not_item_codes(
    pdfs: dict[str, tuple[Path, list[str]]], kind: str
) -> None:
    """A letter goes to another organ: it names what the file lacks, never our item codes."""
    pdf, _ = pdfs[kind]
    with pymupdf.open(pdf) as doc:
        text = "".join(page.get_text() for page in doc)
    assert not ITEM_CODE.search(text), ITEM_CODE.search(text)
    if kind != "circular":
        assert "不符合“" in _norm(text)


SIGNOFF = ("印发", "抄送")


@pytest.mark.parametrize("kind", ["opinion", "decision", "circular"])
def test_no_page_holds_only_the_signature_or_banji(
    pdfs: dict[str, tuple[Path, list[str]]], kind: str
) -> None:
    """GB/T 9704: the 署名 and 成文日期 stand with the last body lines; a page that holds
    nothing but them (and the 版记) is retyped before signing."""
    pdf, _ = pdfs[kind]
    with pymupdf.open(pdf) as doc:
        last = doc[doc.page_count - 1]
        banji = last.search_for("印发")
        assert banji, "no 版记 on the last page"
        # the 署名: the organ's name off the 印发 line, on the last page or (the circular
        # with an annex) on the page before the annex
        signed = None
        for page in reversed(list(doc)):
            hits = [r for r in page.search_for("某市司法局") if abs(r.y1 - banji[0].y1) > 2]
            if hits:
                signed, signature_top = page, min(r.y0 for r in hits)
                break
        assert signed is not None, "no 署名"
        above = [
            w
            for w in signed.get_text("words")
            if w[3] < signature_top - 1 and w[1] < signed.rect.height - 35 * MM
        ]
        assert len("".join(w[4] for w in above)) >= 10, "the signature stands alone on its page"
        if signed.number == last.number:
            assert banji[0].y0 > signature_top
        else:  # the annex's page holds its table above the 版记, not the 版记 alone
            assert "不合格案卷名单" in last.get_text()


@pytest.mark.parametrize("kind", ["opinion", "decision"])
def test_no_page_before_the_last_is_left_half_blank(
    pdfs: dict[str, tuple[Path, list[str]]], kind: str
) -> None:
    """The closing lines move with the 署名 only as far as they must: when the decision's
    deadline paragraph was chained to the 署名 too, both went to page 3 and left page 2
    half blank (a page an official has the typist redo)."""
    pdf, _ = pdfs[kind]
    top, bottom = 37 * MM, A4[1] - 35 * MM  # the 版心 (GB/T 9704: 37 mm top, 225 mm high)
    with pymupdf.open(pdf) as doc:
        for page in list(doc)[:-1]:
            body = [w for w in page.get_text("words") if w[3] < bottom]
            filled = (max(w[3] for w in body) - top) / (bottom - top)
            assert filled > 0.6, f"page {page.number + 1} is {filled:.0%} filled"


def _is_red(rgb: tuple[float, ...]) -> bool:
    r, g, b = rgb[:3]
    return r > 0.7 and g < 0.3 and b < 0.3


@pytest.mark.parametrize("kind", ["opinion", "decision"])
def test_red_letterhead_and_rule_across_the_text_block(
    pdfs: dict[str, tuple[Path, list[str]]], kind: str
) -> None:
    """GB/T 9704 版头: the organ's name in red above the 发文字号, and a red 分隔线 as wide
    as the 156 mm text block between the 发文字号 and the title."""
    pdf, _ = pdfs[kind]
    with pymupdf.open(pdf) as doc:
        first = doc[0]
        spans = [
            span
            for block in first.get_text("dict")["blocks"]
            for line in block.get("lines", [])
            for span in line["spans"]
            if span["text"].strip()
        ]
        top = min(spans, key=lambda s: s["bbox"][1])
        assert "某市司法局" in top["text"]
        assert _is_red(pymupdf.sRGB_to_pdf(top["color"])), top["color"]
        number = first.search_for("司监")[0]
        title = first.search_for("行政执法监督")[0]
        rules = [
            d
            for d in first.get_drawings()
            if (d.get("color") and _is_red(d["color"])) or (d.get("fill") and _is_red(d["fill"]))
        ]
        assert rules, "no red 分隔线"
        rule = rules[0]["rect"]
        assert number.y1 < rule.y0 + 1 and rule.y1 < title.y0
        assert abs(rule.width - 156 * MM) <= 3 * MM, f"rule {rule.width / MM:.1f} mm"


def test_a_sheet_with_ten_deductions_fits_three_pages_and_splits_no_row(
    pdfs: dict[str, tuple[Path, list[str]]],
) -> None:
    """评查表: the deducted items in full, the others counted; ≤ 3 pages for ≤ 10
    deductions, and no item's row (its reason) broken over two pages."""
    pdf, _ = pdfs["busy_sheet"]
    with pymupdf.open(pdf) as doc:
        assert doc.page_count <= 3, doc.page_count
        pages = [_norm(page.get_text()) for page in doc]
        last = pages[-1]
    for reason in BUSY_REASONS:
        assert any(_norm(reason) in page for page in pages), f"row split: {reason}"
    # the hand-signed lines stand together on the last page
    for signer in ("评查签名", "复核签名", "组长签名"):
        assert signer in last


# a row of the 评查表's item table: a category's subtotal, a count of the others, a deduction
ITEM_ROW = re.compile(r"小计得分|项未扣分|扣\d+(\.\d+)?分")


@pytest.mark.parametrize("kind", ["clean_sheet", "sheet", "busy_sheet"])
def test_the_sheets_signature_table_never_stands_alone_on_its_page(
    pdfs: dict[str, tuple[Path, list[str]]], kind: str
) -> None:
    """评查表: the result and the hand-signed rows move to a new page with the last rows of
    the item table; a page holding only them is one a 法制科 has retyped."""
    pdf, _ = pdfs[kind]
    with pymupdf.open(pdf) as doc:
        page = next(p for p in doc if p.search_for("评查签名"))
        result_top = min(r.y0 for r in page.search_for("等次"))
        above = "".join(w[4] for w in page.get_text("words") if w[3] < result_top - 1)
    assert ITEM_ROW.search(above), f"page {page.number + 1} starts with the signatures: {above}"


def test_the_sheets_point_columns_hold_a_decimal_on_one_line(
    pdfs: dict[str, tuple[Path, list[str]]],
) -> None:
    """评查表: 扣分 wide enough for "13.5" (13 mm wrapped it to "13." over "5", a figure a
    法制科 corrects by hand)."""
    pdf, _ = pdfs["points_sheet"]
    with pymupdf.open(pdf) as doc:
        words = [w[4] for page in doc for w in page.get_text("words")]
    assert "13.5" in words, words
    assert "13." not in words


def test_the_circulars_charts_stand_apart_from_tables_and_captions(
    pdfs: dict[str, tuple[Path, list[str]]],
) -> None:
    """通报: each chart has room above it (chart 1 touched the ranking table, chart 3 the
    caption of chart 2) and its caption room below, as in a typeset report."""
    pdf, _ = pdfs["circular"]
    gaps = 0
    with pymupdf.open(pdf) as doc:
        for page in doc:
            words = page.get_text("words")
            rules = [d["rect"] for d in page.get_drawings()]
            for image in page.get_images(full=True):
                for box in page.get_image_rects(image[0]):
                    above = [w[3] for w in words if w[3] <= box.y0 + 1]
                    above += [r.y1 for r in rules if r.y1 <= box.y0 + 1]
                    if above:  # not at the top of the page
                        gap = (box.y0 - max(above)) / MM
                        assert gap >= 3, f"page {page.number + 1}: {gap:.1f} mm above a chart"
                    caption = [w for w in words if w[1] >= box.y1 - 1 and w[4].startswith("图")]
                    assert caption, f"page {page.number + 1}: a chart without its caption"
                    bottom = min(w[3] for w in caption)
                    below = [w[1] for w in words if w[1] > bottom + 1]
                    below += [r.y0 for r in rules if r.y0 > bottom + 1]
                    if below:
                        gap = (min(below) - bottom) / MM
                        assert gap >= 3, f"page {page.number + 1}: {gap:.1f} mm below a caption"
                    gaps += 1
    assert gaps >= 2, "the circular has its charts"


@pytest.mark.parametrize("kind", ["opinion", "decision", "circular"])
def test_no_page_ends_with_the_line_that_announces_a_table(
    pdfs: dict[str, tuple[Path, list[str]]], kind: str
) -> None:
    """ "……如下：" stands on the page of the table it announces (the demo's 通报 ended pages
    1 and 3 with it and began the next with the table)."""
    pdf, _ = pdfs[kind]
    foot = A4[1] - 35 * MM
    with pymupdf.open(pdf) as doc:
        for page in list(doc)[:-1]:
            body = [w for w in page.get_text("words") if w[3] < foot]
            last_line = max(w[1] for w in body)
            tail = "".join(w[4] for w in sorted(body, key=lambda w: w[0]) if w[1] > last_line - 2)
            assert not tail.endswith("："), f"page {page.number + 1} ends with {tail}"


@pytest.mark.parametrize("kind", ["opinion", "decision", "circular"])
def test_banji_at_the_foot_of_the_last_page(
    pdfs: dict[str, tuple[Path, list[str]]], kind: str
) -> None:
    """GB/T 9704: the 版记 stands at the foot of the last page, between rules as wide as
    the 156 mm text block, not right under the date."""
    pdf, _ = pdfs[kind]
    with pymupdf.open(pdf) as doc:
        last = doc[doc.page_count - 1]
        foot = last.rect.height - 35 * MM  # the text block's lower edge
        printed = last.search_for("印发")
        assert printed, "no 印发 line on the last page"
        assert foot - 12 * MM < printed[-1].y1 <= foot + 1, f"印发 at {printed[-1].y1 / MM:.1f} mm"
        rules = [
            d["rect"]
            for d in last.get_drawings()
            if d["rect"].y0 > foot - 20 * MM and abs(d["rect"].width - 156 * MM) <= 3 * MM
        ]
        assert rules, "no full-width rule at the foot"
        assert max(r.y1 for r in rules) >= printed[-1].y1  # the closing rule under it
