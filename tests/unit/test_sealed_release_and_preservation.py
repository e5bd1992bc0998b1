"""Sealed dates the demo library lost on real OCR, rebuilt by another recipe.

1. A 解除决定书 whose 落款 date the seal garbled into two readings (2025-02-01 plain,
   2025-02-11 seal-free): the date stated again in its body (决定自…起解除), in the 结案审批表
   (已于…解除) and on the 退还清单 settles it (hand-made lines, no OCR).
2. A 先行登记保存证据处理决定书 dated in Chinese numerals with a red seal over the date, drawn
   with PyMuPDF (not the demo generator) and read by the real RapidOCR: the seal-free re-read
   gives the record's date to the pre-checks (《行政处罚法》第五十六条, 7 days).
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

import pymupdf

from app.casefiles import ocr
from app.casefiles.cn_dates import find_dates
from app.casefiles.facts import CONFIRMED, DOUBTFUL, extract_facts
from app.casefiles.page_lines import sealed_text
from app.casefiles.page_source import open_pages
from app.casefiles.splitting import DocumentSpan, PageInput
from app.review.dated_records import record_dates
from scoring.prechecks import load_prechecks
from tests.unit.test_fact_checks import doc, line, page

# ---------------------------------------------------------------- 1. the 解除 date


def release(body: str) -> PageInput:
    return page(
        "江州市市场监督管理局",
        "解除扣押决定书",
        "江市监强制〔2024〕78号",
        "当事人：江州市恒达食品有限公司",
        body,
        "江州市市场监督管理局",
        line(6, "2025年2月1日", reread="2025年2月11日"),  # the seal: 02-01 or 02-11
    )


def released(*pages: PageInput):
    types = ["release_decision", "return_list", "closing_approval"]
    return extract_facts(list(pages), [doc(t, i) for i, t in enumerate(types, 1)]).dates["released"]


def test_a_sealed_release_date_is_confirmed_by_the_body_the_list_and_the_closing_form() -> None:
    fact = released(
        release("本机关决定自2025年2月11日起解除扣押，财物予以退还。"),
        page("财物退还清单", "序号 名称 数量", "1 冷冻肉 20箱", "当事人签名：王强 2025.2.11"),
        page("结案审批表", "处理结果", "已于2025年2月11日解除扣押，财物已退还当事人。"),
    )
    assert fact is not None
    assert (fact.value, fact.status) == (date(2025, 2, 11), CONFIRMED)
    assert {r.source for r in fact.readings} >= {"解除决定书正文", "结案审批表", "财物退还清单"}


def test_a_sentence_wrapped_after_the_date_still_ties_it_to_the_release() -> None:
    body = page(
        "江州市市场监督管理局",
        "解除扣押决定书",
        "江市监强制〔2024〕78号",
        "依据《中华人民共和国行政强制法》的规定，本机关决定自二〇二五年二月十一日",
        "起解除扣押，财物予以退还。",
        "江州市市场监督管理局",
        line(6, "2025年2月1日", reread="2025年2月11日"),
    )
    fact = released(body, page("财物退还清单", "序号 名称 数量"), page("结案审批表", "处理结果"))
    assert fact is not None and (fact.value, fact.status) == (date(2025, 2, 11), CONFIRMED)


def test_without_another_place_the_sealed_release_date_stays_doubtful() -> None:
    fact = released(
        release("本机关决定解除扣押，财物予以退还。"),  # a date quoted elsewhere is no tie
        page("财物退还清单", "序号 名称 数量"),
        page("结案审批表", "处理结果", "财物已于2025年2月20日退还当事人。"),
    )
    assert fact is not None and fact.status == DOUBTFUL
    assert {r.value for r in fact.readings} == {date(2025, 2, 1), date(2025, 2, 11)}


# ---------------------------------------------------------------- 2. 先行登记保存, 二〇二四年


ORGAN = "江州市清河县桃源镇人民政府"


def _handling_scan(folder: Path) -> Path:
    """A one-page 处理决定书 typeset with PyMuPDF, a red seal over its 落款 date, then
    flattened to an image-only PDF (a scan: the app must OCR it)."""
    drawn = pymupdf.open()
    sheet = drawn.new_page(width=595, height=842)

    def put(x: float, y: float, text: str, size: float = 14) -> None:
        sheet.insert_text((x, y), text, fontname="china-s", fontsize=size)  # PyMuPDF's own CJK

    put(170, 90, ORGAN, 17)
    put(190, 125, "先行登记保存证据处理决定书", 17)
    put(205, 155, "桃政罚决字保处〔2024〕第107号")
    put(72, 190, "江州市汇通食品有限公司：")
    put(100, 215, "本机关对你（单位）先行登记保存的建筑垃圾，经研究，依据")
    put(72, 240, "《中华人民共和国行政处罚法》第五十六条的规定，决定解除先行")
    put(72, 265, "登记保存，予以退还。")
    red = (0.85, 0.12, 0.15)  # the seal first: black ink stays black where red crosses it
    sheet.draw_circle((440, 345), 55, color=red, fill=red, width=5, fill_opacity=0.18)
    star = [(440 + 16 * c, 350 + 16 * d) for c, d in ((0, -1), (0.95, 0.31), (-0.95, 0.31))]
    sheet.draw_polyline([*star, star[0]], color=red, fill=red, fill_opacity=0.9)
    for y, words in ((318, "桃源镇人民政府"), (378, "行政执法专用章")):
        sheet.insert_text((383, y), words, fontname="china-s", fontsize=16, color=red)
    put(350, 330, ORGAN)
    put(370, 355, "二〇二四年八月二十二日")
    pix = sheet.get_pixmap(dpi=200)
    scan = pymupdf.open()
    scan.new_page(width=595, height=842).insert_image(
        pymupdf.Rect(0, 0, 595, 842), stream=pix.tobytes("jpeg")
    )
    path = folder / "preservation-handling.pdf"
    scan.save(path)
    return path


@cache
def engine() -> ocr.OcrEngine:
    return ocr.OcrEngine()


def test_a_sealed_chinese_numeral_date_of_a_preservation_record_reaches_the_prechecks(
    tmp_path: Path,
) -> None:
    with open_pages(_handling_scan(tmp_path)) as source:
        plain = ocr.page_text(source, 0, engine(), reread=False)
        text = ocr.page_text(source, 0, engine())
        size = source.page_size(0)
    # the seal is a real problem for the plain reading: its date is not read whole
    assert date(2024, 8, 22) not in {m.value for ln in plain.lines for m in find_dates(ln.text)}
    sealed = [ln for ln in text.lines if ln.reread is not None]
    assert any(date(2024, 8, 22) in [m.value for m in find_dates(sealed_text(ln))] for ln in sealed)

    pages = [PageInput(text.lines, *size)]
    spans = [DocumentSpan("preservation_handling", "", 1, 1, 1.0)]
    found = record_dates(pages, spans, load_prechecks())
    assert found.get("preservation_handled") == (date(2024, 8, 22), 1)
