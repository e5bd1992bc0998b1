"""Fact extraction on hand-made documents: the right source, and None rather than a wrong value."""

from __future__ import annotations

from datetime import date

import pytest

from app.casefiles.amounts import capital_value, figure_value, fine_in
from app.casefiles.facts import extract_facts
from app.casefiles.splitting import DocumentSpan, PageInput, TextLine

WIDTH, HEIGHT = 595.3, 841.9


def page(*texts: str) -> PageInput:
    """Lines stacked from the top of the page, 24 points apart."""
    return PageInput(
        [TextLine(t, (77.0, 60.0 + 24 * i, 520.0, 76.0 + 24 * i)) for i, t in enumerate(texts)],
        WIDTH,
        HEIGHT,
    )


def doc(
    type_id: str, first: int, last: int | None = None, serves: str | None = None
) -> DocumentSpan:
    return DocumentSpan(type_id, "", first, last or first, 1.0, serves)


DECISION = page(
    "江州市市场监督管理局",
    "行政处罚决定书",
    "江市监处罚〔2024〕15号",
    "当事人：江州市恒达食品有限公司",
    "统一社会信用代码：91330106MA2H0XXXX1",
    "2024年3月5日，本机关执法人员在检查中发现当事人涉嫌销售超过保质期的食品，于2024年3月12日立案调查。",
    "本机关于二〇二四年四月二日向当事人送达了《行政处罚事先告知书》。",
    "罚款人民币叁万元（¥30,000.00）。",
    "江州市市场监督管理局",
    "二〇二四年四月十五日",
)
NOTICE_RECEIPT = page(
    "送达回证",
    "送达文书名称 行政处罚事先告知书",
    "送达文书文号 江市监罚告〔2024〕15号",
    "张三 2024.4.3",
)
DECISION_RECEIPT = page(
    "送达回证",
    "送达文书名称 行政处罚决定书",
    "送达文书文号 江市监处罚〔2024〕15号",
    "张三 2024-04-18",
)


def test_every_fact_from_its_document_with_its_page() -> None:
    pages = [NOTICE_RECEIPT, DECISION, DECISION_RECEIPT]
    docs = [
        doc("service_receipt", 1, serves="prior_notice"),
        doc("penalty_decision", 2),
        doc("service_receipt", 3, serves="penalty_decision"),
    ]
    facts = extract_facts(pages, docs)
    assert facts.case_no is not None and (facts.case_no.value, facts.case_no.page) == (
        "江市监处罚〔2024〕15号",
        2,
    )
    assert facts.party is not None and facts.party.value == "江州市恒达食品有限公司"
    assert facts.fine_yuan is not None and facts.fine_yuan.value == 30000
    decided = facts.dates["decided"]
    assert decided is not None and (decided.value, decided.document) == (
        date(2024, 4, 15),
        "penalty_decision",
    )
    served = facts.dates["served"]
    assert served is not None and (served.value, served.page) == (date(2024, 4, 18), 3)
    notice_served = facts.dates["notice_served"]
    assert notice_served is not None and notice_served.value == date(2024, 4, 3)
    fields = facts.fields()
    assert fields["dates"]["decided"] == "2024-04-15"
    assert (
        fields["dates"]["filed"] is None
    )  # no 立案审批表: the date the decision quotes is not used


def test_no_receipt_for_the_decision_means_no_service_date() -> None:
    pages = [NOTICE_RECEIPT, DECISION]
    facts = extract_facts(
        pages, [doc("service_receipt", 1, serves="prior_notice"), doc("penalty_decision", 2)]
    )
    assert facts.dates["served"] is None
    assert facts.dates["notice_served"] is not None


def test_a_decision_whose_seal_hides_its_date_does_not_borrow_a_quoted_one() -> None:
    unreadable = PageInput(
        [*DECISION.lines[:-1], TextLine("□□□", (380.0, 400.0, 500.0, 420.0))], WIDTH, HEIGHT
    )
    facts = extract_facts([unreadable], [doc("penalty_decision", 1)])
    decided = facts.dates["decided"]
    # 待核实 with the band under the 落款's organ name as its crop: no value, never a guess.
    assert decided is not None and decided.value is None and decided.status == "doubtful"
    assert decided.region is not None and decided.region[1] == 268.0  # the organ line's foot
    assert facts.fields()["dates"]["decided"] is None


def test_a_year_lost_under_the_seal_is_taken_from_the_dates_the_decision_quotes() -> None:
    sealed = PageInput(
        [*DECISION.lines[:-1], TextLine("二四年四月十五日", (380.0, 400.0, 500.0, 420.0))],
        WIDTH,
        HEIGHT,
    )
    decided = extract_facts([sealed], [doc("penalty_decision", 1)]).dates["decided"]
    assert decided is not None and decided.value == date(2024, 4, 15)


def test_a_decision_without_its_number_leaves_case_no_to_the_forms_that_quote_it() -> None:
    unnumbered = PageInput([ln for ln in DECISION.lines if "〔" not in ln.text], WIDTH, HEIGHT)
    notice_only = extract_facts(
        [unnumbered, NOTICE_RECEIPT],
        [doc("penalty_decision", 1), doc("service_receipt", 2, serves="prior_notice")],
    )
    assert notice_only.case_no is None  # the notice's number is not the case number
    quoted = extract_facts(
        [unnumbered, DECISION_RECEIPT],
        [doc("penalty_decision", 1), doc("service_receipt", 2, serves="penalty_decision")],
    )
    assert quoted.case_no is not None
    assert (quoted.case_no.value, quoted.case_no.document) == (
        "江市监处罚〔2024〕15号",
        "service_receipt",
    )


def test_case_numbers_with_ocr_brackets_and_di() -> None:
    decision = page("扣押决定书", "江城管扣字[2024]第 12 号", "当事人：李四")
    facts = extract_facts([decision], [doc("seizure_decision", 1)])
    assert facts.case_no is not None and facts.case_no.value == "江城管扣字〔2024〕第12号"
    assert facts.party is not None and facts.party.value == "李四"


def test_party_labels_that_are_not_the_party_are_skipped() -> None:
    record = page("当事人签名：王五", "当事人确认：以上照片属实。", "当事人 赵六")
    facts = extract_facts([record], [doc("decision_approval", 1)])
    assert facts.party is not None and facts.party.value == "赵六"


def test_cause_is_read_from_the_approval_form_before_the_filing_form() -> None:
    pages = [page("案由 涉嫌销售过期食品"), page("案由 销售超过保质期的食品")]
    facts = extract_facts(pages, [doc("filing_approval", 1), doc("decision_approval", 2)])
    assert facts.cause is not None and (facts.cause.value, facts.cause.page) == (
        "销售超过保质期的食品",
        2,
    )


def test_a_coercion_dossier_has_no_fine() -> None:
    facts = extract_facts(
        [page("扣押决定书", "货值金额8000元，违法所得200元。")], [doc("seizure_decision", 1)]
    )
    assert facts.fine_yuan is None


@pytest.mark.parametrize(
    ("text", "yuan"),
    [
        ("罚款人民币叁万元（¥30,000.00）。", 30000),
        ("罚款30000元", 30000),
        ("罚款人民币3万元", 30000),
        ("处以人民币壹拾万零伍仟元（¥105,000.00）罚款", 105000),
        ("罚款人民币叁万元（¥30.000.00）", 30000),  # OCR read the comma as a full stop
        ("罚款人民币伍佰元（Y500.00）", 500),
        ("罚款人民币贰仟元整", 2000),
    ],
)
def test_fine_forms(text: str, yuan: int) -> None:
    amount = fine_in(text)
    assert amount is not None and amount.yuan == yuan


def test_amounts_not_announced_as_a_fine_are_not_fines() -> None:
    assert fine_in("货值金额8000元，违法所得200元。") is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("叁万", 30000),
        ("壹拾万零伍仟元", 105000),
        ("贰仟", 2000),
        ("叁佰万", 3_000_000),
        ("伍佰", 500),
    ],
)
def test_capital_amounts(text: str, value: int) -> None:
    assert capital_value(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("30,000.00", 30000),
        ("150000.00", 150000),
        ("1,500", 1500),
        ("30，000", 30000),
        ("3,00", None),
    ],
)
def test_figure_amounts(text: str, value: int | None) -> None:
    assert figure_value(text) == value


@pytest.mark.parametrize(
    "row",
    [
        "11望市监处罚〔2024〕72号本机关行政处罚决定书 2024102313-14",
        "11 本机关行政处罚决定书 20241023 13",
    ],
)
def test_the_catalogue_dates_a_decision_whose_own_date_is_unreadable(row: str) -> None:
    catalogue = page(
        "卷内目录",
        "序号 文号 责任者 题名 日期 页号",
        "10 本机关行政处罚决定审批表 20241022 12",
        row,
    )
    decision = page("行政处罚决定书", "当事人：张三", "望海市市场监督管理局", "二〇二四年十月二十")
    facts = extract_facts(
        [catalogue, decision], [doc("table_of_contents", 1), doc("penalty_decision", 2)]
    )
    decided = facts.dates["decided"]
    assert decided is not None and (decided.value, decided.document) == (
        date(2024, 10, 23),
        "table_of_contents",
    )
