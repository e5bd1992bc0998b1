"""How far a fact is trusted, on hand-made pages (no OCR): agreement between the places a
dossier states a fact, a seal's plain and seal-free readings, and the steps' order."""

from __future__ import annotations

from datetime import date

from app.casefiles.fact_checks import SEAL_SOURCE
from app.casefiles.facts import CONFIRMED, DOUBTFUL, SINGLE, Fact, extract_facts
from app.casefiles.seal_ink import Reread
from app.casefiles.splitting import DocumentSpan, PageInput, TextLine

WIDTH, HEIGHT = 595.3, 841.9


def line(
    i: int, text: str, score: float = 0.99, reread: str | None = None, mode: str = "colour"
) -> TextLine:
    box = (77.0, 60.0 + 24 * i, 520.0, 76.0 + 24 * i)
    return TextLine(text, box, score, Reread(reread, 0.99, mode) if reread else None)


def page(*lines: TextLine | str) -> PageInput:
    return PageInput(
        [ln if isinstance(ln, TextLine) else line(i, ln) for i, ln in enumerate(lines)],
        WIDTH,
        HEIGHT,
    )


def doc(type_id: str, first: int, serves: str | None = None) -> DocumentSpan:
    return DocumentSpan(type_id, "", first, first, 1.0, serves)


def decision(date_line: TextLine) -> PageInput:
    return page(
        "江州市市场监督管理局",
        "行政处罚决定书",
        "江市监处罚〔2024〕15号",
        "当事人：江州市恒达食品有限公司",
        "罚款人民币叁万元（¥30,000.00）。",
        "江州市市场监督管理局",
        date_line,
    )


def contents(decided: str) -> PageInput:
    return page(
        "卷内目录",
        "序号 文号 责任者 题名 日期 页号",
        "1 本机关立案审批表 20240701 3",
        f"2 江市监处罚〔2024〕15号 本机关行政处罚决定书 {decided} 4",
    )


def filing(day: str) -> PageInput:
    return page("立案审批表", "案由 销售过期食品", f"负责人意见 同意立案 签名：李志强 {day}")


def receipt(day: str, number: str = "江市监处罚〔2024〕15号") -> PageInput:
    return page("送达回证", "送达文书名称 行政处罚决定书", f"送达文书文号 {number}", f"张三 {day}")


DOCS = [
    doc("table_of_contents", 1),
    doc("filing_approval", 2),
    doc("penalty_decision", 3),
    doc("service_receipt", 4, "penalty_decision"),
]


def facts_of(date_line: TextLine, listed: str = "20240727", served: str = "2024年7月29日"):
    pages = [contents(listed), filing("2024年7月1日"), decision(date_line), receipt(served)]
    return extract_facts(pages, DOCS)


def decided(date_line: TextLine, **kwargs: str) -> Fact:
    fact = facts_of(date_line, **kwargs).dates["decided"]
    assert fact is not None
    return fact


def test_two_places_that_agree_confirm_the_date() -> None:
    fact = decided(line(6, "2024年7月27日"))
    assert (fact.value, fact.status) == (date(2024, 7, 27), CONFIRMED)
    assert {r.source for r in fact.readings} == {"决定书落款", "卷内目录"}
    assert fact.page == 3 and fact.region == (77.0, 204.0, 520.0, 220.0)


def test_places_that_disagree_leave_the_date_doubtful_with_both_readings() -> None:
    fact = decided(line(6, "2024年7月2日"))  # the 目录 says 20240727
    assert fact.status == DOUBTFUL
    assert {(r.source, r.value) for r in fact.readings} == {
        ("决定书落款", date(2024, 7, 2)),
        ("卷内目录", date(2024, 7, 27)),
    }
    assert fact.confidence <= 0.5


def test_a_third_place_breaks_the_tie_between_plain_and_seal_free_readings() -> None:
    fact = decided(line(6, "2024年7月2日", reread="2024年7月27日"))
    assert (fact.value, fact.status) == (date(2024, 7, 27), CONFIRMED)
    sources = {(r.source, r.value) for r in fact.readings}
    assert ("决定书落款", date(2024, 7, 2)) in sources
    assert (SEAL_SOURCE, date(2024, 7, 27)) in sources
    assert ("卷内目录", date(2024, 7, 27)) in sources


def test_the_tie_goes_to_the_plain_reading_when_the_other_place_agrees_with_it() -> None:
    fact = decided(line(6, "2024年7月27日", reread="2024年7月21日"))
    assert (fact.value, fact.status) == (date(2024, 7, 27), CONFIRMED)


def test_plain_and_seal_free_readings_disagreeing_alone_stay_doubtful() -> None:
    fact = decided(line(6, "2024年7月2日", reread="2024年7月27日"), listed="")
    assert fact.status == DOUBTFUL
    assert {r.value for r in fact.readings} == {date(2024, 7, 2), date(2024, 7, 27)}


def test_one_clean_reading_is_a_single_source_and_a_poor_one_is_doubtful() -> None:
    clean = decided(line(6, "2024年7月27日"), listed="")
    assert (clean.status, clean.readings) == (SINGLE, ())
    poor = decided(line(6, "2024年7月27日", score=0.62), listed="")
    assert poor.status == DOUBTFUL and poor.value == date(2024, 7, 27)


def test_a_grey_sealed_date_that_breaks_the_order_is_doubtful() -> None:
    # Read the same way twice under a grey seal, but then served before it was decided.
    sealed = line(6, "2024年8月27日", reread="2024年8月27日", mode="grey")
    fact = decided(sealed, listed="")
    assert fact.status == DOUBTFUL
    served = facts_of(sealed, listed="").dates["served"]
    assert served is not None and served.status == SINGLE  # read cleanly: a real finding


def test_a_red_sealed_date_both_readings_agree_on_stays_when_it_breaks_the_order() -> None:
    # The red ink taken away, the re-reading agrees with the plain one: the late service
    # (decided 8月27日, served 7月29日) is the case's defect, for a pre-check to report.
    fact = decided(line(6, "2024年8月27日", reread="2024年8月27日"), listed="")
    assert (fact.value, fact.status) == (date(2024, 8, 27), SINGLE)
    # Only the re-reading saw it: the broken order is still blamed on the seal.
    alone = decided(line(6, "2024年通是局", reread="2024年8月27日"), listed="")
    assert (alone.value, alone.status) == (date(2024, 8, 27), DOUBTFUL)


def test_a_clean_date_that_breaks_the_order_stays_a_finding() -> None:
    fact = decided(line(6, "2024年8月27日"), listed="")
    assert fact.status == SINGLE and fact.value == date(2024, 8, 27)


def test_a_year_far_from_the_others_is_doubtful() -> None:
    fact = decided(line(6, "2021年7月27日"), listed="", served="2024年7月29日")
    assert fact.status == DOUBTFUL


def test_the_case_number_is_confirmed_by_the_receipt_or_doubtful_when_it_differs() -> None:
    pages = [contents(""), filing("2024年7月1日"), decision(line(6, "2024年7月27日"))]
    same = extract_facts([*pages, receipt("2024年7月29日")], DOCS).case_no
    assert same is not None and same.status == CONFIRMED
    other = extract_facts([*pages, receipt("2024年7月29日", "江市监处罚〔2024〕16号")], DOCS)
    assert other.case_no is not None and other.case_no.status == DOUBTFUL
    assert {r.value for r in other.case_no.readings} == {
        "江市监处罚〔2024〕15号",
        "江市监处罚〔2024〕16号",
    }


def test_a_date_only_the_seal_free_reading_could_read_is_kept_with_that_source() -> None:
    fact = decided(line(6, "2024年通是局", reread="2024年7月27日"))
    assert (fact.value, fact.status) == (date(2024, 7, 27), CONFIRMED)
    assert any(r.source == SEAL_SOURCE for r in fact.readings)


def test_a_far_year_read_by_one_reading_shows_the_other_but_stays_doubtful() -> None:
    # Foreign corpus 02: plain "2024年8月29" (日 under the seal), grey re-read "2021年8月29日".
    sealed = line(6, "2024年8月29", reread="2021年8月29日", mode="grey")
    fact = decided(sealed, listed="", served="2024年9月2日")
    assert (fact.value, fact.status) == (date(2024, 8, 29), DOUBTFUL)
    assert {r.value for r in fact.readings} == {date(2024, 8, 29), date(2021, 8, 29)}


def test_a_contents_row_with_its_pages_before_a_dotted_date_confirms_a_grey_sealed_date() -> None:
    # Foreign corpus 03: 目录 columns 序号 文件名称 页号 日期 ("10行政处罚决定书 10-11
    # 2024.02.26"); the decision's date, read the same way plain and grey-re-read, was left
    # to a seal the 法制审核 dated after it was blamed on. The 目录 now backs it.
    listing = page(
        "卷内目录",
        "序号文件名称 页号 日期 备注",
        "6 重大执法决定法制审核意见书 6 2024.02.29",
        "9 送达回证 9",
        "10行政处罚决定书 10-11 2024.02.26",
    )
    sealed = line(6, "2024年2月26日", reread="2024年2月26日", mode="grey")
    review = page("法制审核意见书", "审核意见：同意。", "2024年2月29日")
    docs = [
        doc("table_of_contents", 1),
        doc("legal_review", 2),
        doc("penalty_decision", 3),
        doc("service_receipt", 4, "penalty_decision"),
    ]
    pages = [listing, review, decision(sealed), receipt("2024年2月29日")]
    fact = extract_facts(pages, docs).dates["decided"]
    assert fact is not None and (fact.value, fact.status) == (date(2024, 2, 26), CONFIRMED)
    assert {r.source for r in fact.readings} == {"决定书落款", "灰度增强重读", "卷内目录"}
    # without the 目录 the broken order is still put on the grey seal
    shifted = [doc(d.type, d.first_page - 1, d.serves) for d in docs[1:]]
    alone = extract_facts(pages[1:], shifted).dates["decided"]
    assert alone is not None and alone.status == DOUBTFUL
