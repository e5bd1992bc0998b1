"""Splitting on hand-made pages: the rules one at a time (title position, OCR errors, continuations)."""

from __future__ import annotations

from app.casefiles.splitting import PageInput, TextLine, page_title, split_dossier

WIDTH, HEIGHT = 595.3, 841.9


def title(text: str, y: float = 70.0, size: float = 22.0) -> TextLine:
    """A centred heading at ``y`` (points from the top)."""
    half = len(text) * size / 2
    return TextLine(text, (WIDTH / 2 - half, y, WIDTH / 2 + half, y + size))


def body(text: str, y: float, x: float = 77.0) -> TextLine:
    return TextLine(text, (x, y, x + len(text) * 13.0, y + 14.0))


def page(*lines: TextLine) -> PageInput:
    return PageInput(list(lines), WIDTH, HEIGHT)


def spans(pages: list[PageInput]) -> list[tuple[str, int, int]]:
    return [(d.type, d.first_page, d.last_page) for d in split_dossier(pages)]


def test_untitled_pages_continue_the_document_before() -> None:
    pages = [
        page(title("立案审批表"), body("案件来源 日常监督检查", 120)),
        page(title("询问笔录"), body("询问时间：2024年3月5日", 120)),
        page(body("问：请介绍一下你的基本情况。", 80), body("答：我是负责人。", 100)),
        page(body("问：以上所记录的内容是否属实？", 80)),
    ]
    assert spans(pages) == [("filing_approval", 1, 1), ("inquiry_record", 2, 4)]


def test_a_title_misread_by_ocr_is_still_recognised() -> None:
    match = page_title(page(title("行政处罚决定节"), body("当事人：张三", 130)))
    assert match is not None
    assert match.candidates[0][0] == "penalty_decision"
    assert 0.8 < match.score < 1.0


def test_a_heading_off_centre_or_below_the_band_does_not_start_a_document() -> None:
    left = page(body("立案审批表", 60, x=77.0))
    low = page(title("立案审批表", y=500.0))
    assert page_title(left) is None
    assert page_title(low) is None


def test_an_unknown_heading_starts_nothing_and_a_dossier_may_open_untitled() -> None:
    pages = [
        page(body("（以下空白）", 80)),
        page(title("江州市市场监督管理局")),
        page(title("备考表")),
    ]
    assert spans(pages) == [("unknown", 1, 2), ("archive_note", 3, 3)]


def test_the_same_title_again_continues_but_a_continuation_mark_is_honoured_too() -> None:
    pages = [
        page(title("询问笔录"), body("询问时间：2024年3月5日", 120)),
        page(title("询问笔录"), body("问：……", 120)),
        page(title("询问笔录（续页）"), body("答：……", 120)),
        page(title("现场检查笔录")),
    ]
    assert spans(pages) == [("inquiry_record", 1, 3), ("inspection_record", 4, 4)]


def test_consecutive_receipts_are_separate_and_say_what_they_serve() -> None:
    pages = [
        page(title("行政处罚决定书"), body("江市监处罚〔2024〕15号", 100)),
        page(title("送达回证"), body("送达文书名称 行政处罚事先告知书", 120)),
        page(title("送达回证"), body("受送达人 张三", 120)),
    ]
    docs = split_dossier(pages)
    assert [(d.type, d.first_page) for d in docs] == [
        ("penalty_decision", 1),
        ("service_receipt", 2),
        ("service_receipt", 3),
    ]
    assert docs[1].serves == "prior_notice"  # named on the receipt
    assert docs[2].serves == "penalty_decision"  # nothing named: the document before the run


def test_a_title_shared_by_two_kinds_follows_the_dossier_kind() -> None:
    coercion = [page(title("行政强制案卷")), page(title("扣押决定书")), page(title("现场笔录"))]
    penalty = [page(title("行政处罚案卷")), page(title("立案审批表")), page(title("现场笔录"))]
    assert spans(coercion)[-1][0] == "seizure_record"
    assert spans(penalty)[-1][0] == "inspection_record"


def test_quad_boxes_as_ocr_returns_them_are_accepted() -> None:
    quad = TextLine("卷内目录", ((260.0, 60.0), (340.0, 60.0), (340.0, 82.0), (260.0, 82.0)))
    match = page_title(PageInput([quad]))  # no size given: an A4 page in points
    assert match is not None
    assert match.candidates[0] == ("table_of_contents", 1.0)


def test_an_empty_dossier_has_no_documents() -> None:
    assert split_dossier([]) == []
