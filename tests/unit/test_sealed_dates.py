"""What a seal leaves of a date, read for what it shows (issue 13, foreign dossiers): a date
whose 日 is hidden, a year whose 〇 and 二 are lost, a date hidden entirely; and the party
printed on one line with its 身份证号码. Hand-made pages, no OCR."""

from __future__ import annotations

from datetime import date

import pytest

from app.casefiles.cn_dates import find_open_date, year_from_marks, year_marks
from app.casefiles.facts import DOUBTFUL, SINGLE, extract_facts
from app.casefiles.splitting import PageInput
from tests.unit.test_fact_checks import doc, line, page


def notice(date_line: str) -> PageInput:
    """A 告知书 that quotes no date: only its 落款 dates it."""
    return page(
        "双桥镇人民政府",
        "行政处罚告知书",
        "双桥镇综执告〔2024〕14号",
        "你（单位）可在收到本告知书之日起三日内向本机关进行陈述和申辩。",
        "双桥镇人民政府",
        date_line,
    )


FILING = page("立案审批表", "案由 露天焚烧垃圾", "机关负责人意见 同意立案。 2024年3月29日")


def notice_date(date_line: str):
    facts = extract_facts(
        [FILING, notice(date_line)], [doc("filing_approval", 1), doc("prior_notice", 2)]
    )
    return facts.dates["notice"]


# ---------------------------------------------------------------- the 日 under the seal


@pytest.mark.parametrize(
    ("text", "candidates"),
    [
        ("2024年2月26", [date(2024, 2, 26)]),
        ("2024年12月6 ", [date(2024, 12, 6)]),  # no day 60-69: 6 it is
        ("2024年7月3", [date(2024, 7, 3), date(2024, 7, 30), date(2024, 7, 31)]),
        ("2024年2月2", [date(2024, 2, 2), *(date(2024, 2, d) for d in range(20, 30))]),
        # a letter's date in Chinese numerals (先行登记保存 papers), 日 under the seal
        ("二〇二四年八月二十二", [date(2024, 8, 22)]),
        ("二〇二四年八月八", [date(2024, 8, 8)]),  # no 八十: 8 it is
        ("二〇二四年八月二十", [date(2024, 8, d) for d in range(20, 30)]),
        ("二○二四年十二月三", [date(2024, 12, 3), date(2024, 12, 30), date(2024, 12, 31)]),
        ("二〇二四年二月十", [date(2024, 2, d) for d in range(10, 20)]),
    ],
)
def test_a_date_without_its_day_mark_may_be_every_day_it_can_go_on_to(
    text: str, candidates: list[date]
) -> None:
    found = find_open_date(text)
    assert found is not None and list(found.candidates) == candidates
    assert found.certain == (len(candidates) == 1)


def test_only_a_date_ending_the_text_is_open() -> None:
    assert find_open_date("2024年7月22日") is None
    assert find_open_date("于2024年7月3日立案") is None
    assert find_open_date("2024年13月3") is None
    assert find_open_date("二〇二四年八月二十日") is None  # whole: find_dates reads it
    assert find_open_date("决定自二〇二四年八月八日起") is None


def test_a_signature_date_cut_short_is_read_when_its_day_cannot_go_on() -> None:
    fact = notice_date("2024年5月16")
    assert fact is not None and (fact.value, fact.status) == (date(2024, 5, 16), SINGLE)
    unsure = notice_date("2024年5月1")  # 1, 10 … 19: asked, never guessed
    assert unsure is not None and (unsure.value, unsure.status) == (date(2024, 5, 1), DOUBTFUL)


def test_a_date_cut_short_agreeing_with_its_red_seal_free_reading_keeps_a_broken_order() -> None:
    # 04 of the foreign corpus: plain "2024年10月24", re-read without the red ink
    # "2024年10月24日"; the 法制审核 of 10月28日 came after it: 先决定后审核 is the case's.
    review = page("法制审核意见书", "审核意见：同意。", "2024年10月28日")
    decision = page(
        "东湖区综合行政执法局",
        "行政处罚决定书",
        "东湖区综合行政执法局",
        line(3, "2024年10月24", reread="2024年10月24日"),
    )
    facts = extract_facts(
        [FILING, review, decision],
        [doc("filing_approval", 1), doc("legal_review", 2), doc("penalty_decision", 3)],
    )
    fact = facts.dates["decided"]
    assert fact is not None and (fact.value, fact.status) == (date(2024, 10, 24), SINGLE)
    assert len(fact.readings) == 2


# ---------------------------------------------------------------- the year under the seal


@pytest.mark.parametrize(
    ("before", "near", "year"),
    [
        ("二四年", 2024, 2024),  # 二〇二四 with 〇 and one 二 lost
        ("二二四年", 2024, 2024),
        ("双二四年", 2024, 2024),  # a character of the seal before it
        ("二〇二五年", 2024, 2025),
        ("四年", 2025, 2024),
        ("二一年", 2024, None),  # no year near 2024 ends in 1
        ("年", 2024, None),  # nothing of the year read
    ],
)
def test_the_year_digits_read_must_fit_one_near_year(
    before: str, near: int, year: int | None
) -> None:
    assert year_from_marks(year_marks(before), near) == year


def test_a_year_lost_in_part_is_read_near_the_filing_when_the_document_quotes_no_date() -> None:
    fact = notice_date("二四年五月六日")
    assert fact is not None and (fact.value, fact.status) == (date(2024, 5, 6), SINGLE)


def test_a_year_lost_entirely_is_doubtful() -> None:
    fact = notice_date("年五月六日")
    assert fact is not None and fact.status == DOUBTFUL and fact.value == date(2024, 5, 6)


def test_without_a_filing_date_a_year_lost_is_not_made_up() -> None:
    facts = extract_facts([notice("二四年五月六日")], [doc("prior_notice", 1)])
    found = facts.dates["notice"]
    assert found is None or found.value is None  # no date to set the year by


# ---------------------------------------------------------------- the date hidden entirely


def test_a_date_hidden_entirely_is_doubtful_with_the_band_under_the_organ() -> None:
    decision = page(
        "东湖区交通运输局", "行政处罚决定书", "罚款人民币10900元。", "东湖区交通运输局", "东"
    )
    facts = extract_facts(
        [FILING, decision], [doc("filing_approval", 1), doc("penalty_decision", 2)]
    )
    fact = facts.dates["decided"]
    assert fact is not None and fact.value is None and fact.status == DOUBTFUL
    assert fact.page == 2 and fact.region is not None
    organ_foot = 76.0 + 24 * 3
    assert fact.region[1] == organ_foot and fact.region[3] > organ_foot


def test_a_hidden_decision_date_is_taken_from_the_contents_table_when_it_lists_it() -> None:
    contents = page("卷内目录", "序号 题名 日期 页号", "1 行政处罚决定书 20240617 2")
    decision = page("东湖区交通运输局", "行政处罚决定书", "东湖区交通运输局", "东")
    facts = extract_facts(
        [contents, decision], [doc("table_of_contents", 1), doc("penalty_decision", 2)]
    )
    fact = facts.dates["decided"]
    assert fact is not None and (fact.value, fact.page) == (date(2024, 6, 17), 1)


# ---------------------------------------------------------------- the party's line


@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("当事人：张永红身份证号码：590885198610207562", "张永红"),
        ("当事人：周晓东身份证号码：528400196212004124编号：桃源镇综执罚〔2024〕92号", "周晓东"),
        (
            "当事人：东湖鑫源物流有限公司统一社会信用代码：91M78HTDB13B2D4U10",
            "东湖鑫源物流有限公司",
        ),
        ("当事人：临溪金穗建材经营部", "临溪金穗建材经营部"),
    ],
)
def test_the_party_ends_where_the_next_field_of_its_line_begins(text: str, party: str) -> None:
    facts = extract_facts([page("行政处罚决定书", text)], [doc("penalty_decision", 1)])
    assert facts.party is not None and facts.party.value == party


def test_a_party_line_with_only_an_id_number_gives_no_party() -> None:
    facts = extract_facts(
        [page("行政处罚决定书", "当事人：身份证号码：590885198610207562", "当事人：张永红")],
        [doc("penalty_decision", 1)],
    )
    assert facts.party is not None and facts.party.value == "张永红"
