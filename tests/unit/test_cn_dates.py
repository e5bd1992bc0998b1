"""Chinese dates: every printed form, OCR spacing and confusions, impossible dates refused."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.casefiles.cn_dates import find_dates, find_month_days, hanzi_number, parse_date

_ZERO_FORMS = "〇○O零"
_DIGITS = "〇一二三四五六七八九"


def _small(n: int) -> str:
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + ("" if ones == 0 else _DIGITS[ones])


def _hanzi(day: date, zero: str = "〇") -> str:
    year = "".join(_DIGITS[int(c)] for c in str(day.year)).replace("〇", zero)
    return f"{year}年{_small(day.month)}月{_small(day.day)}日"


STYLES = {
    "ymd_cn": lambda d: f"{d.year}年{d.month}月{d.day}日",
    "ymd_cn_padded": lambda d: f"{d.year}年{d.month:02d}月{d.day:02d}日",
    "ymd_cn_ocr_spaces": lambda d: f"{d.year} 年 {d.month} 月 {d.day} 日",
    "ymd_hanzi": _hanzi,
    "dots": lambda d: f"{d.year}.{d.month}.{d.day}",
    "iso": lambda d: d.isoformat(),
    "slash": lambda d: f"{d.year}/{d.month}/{d.day}",
}

_AROUND = st.text(alphabet="当事人于立案送达决定书本机关，。：（）　 ", max_size=12)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024年3月5日", date(2024, 3, 5)),
        ("2024 年 3 月 5 日", date(2024, 3, 5)),
        ("2024年03月05日", date(2024, 3, 5)),
        ("二〇二四年三月五日", date(2024, 3, 5)),
        ("二○二四年十月十日", date(2024, 10, 10)),
        ("二O二四年十一月二十五日", date(2024, 11, 25)),
        ("二零二四年十二月三十一日", date(2024, 12, 31)),
        ("二〇二四年〇三月〇五日", date(2024, 3, 5)),
        ("2024.3.5", date(2024, 3, 5)),
        ("2024-03-05", date(2024, 3, 5)),
        ("2024/3/5", date(2024, 3, 5)),
        ("２０２４年３月５日", date(2024, 3, 5)),
        ("2O24年1O月l2日", date(2024, 10, 12)),  # OCR: O for 0, l for 1 inside the digit groups
        ("2024年3月5曰", date(2024, 3, 5)),  # 曰 read for 日
    ],
)
def test_each_printed_form_parses(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2024年2月30日",
        "2023年2月29日",
        "2024年13月1日",
        "2024年4月31日",
        "二〇二五年二月二十九日",
        "二〇二四年十三月一日",
        "2024.0.5",
        "2024-03-32",
        "1024年3月5日",
    ],
)
def test_impossible_dates_are_rejected(text: str) -> None:
    assert find_dates(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "身份证号码：410102196501011234",
        "统一社会信用代码：91410102MA45X2024L",
        "联系电话：13812345678",
        "罚款人民币叁万元（¥30,000.00）",
        "江市监处罚〔2024〕15号",
        "20240305",
        "版本 2024.3.5.6",
        "2024年3月",
    ],
)
def test_numbers_that_are_not_dates_are_ignored(text: str) -> None:
    assert find_dates(text) == []


def test_positions_let_a_caller_tell_quoted_dates_from_the_last_one() -> None:
    text = "本机关于2024年3月5日立案调查，于二〇二四年四月一日向当事人送达告知书。\n江州市市场监督管理局\n2024.4.20"
    found = find_dates(text)
    assert [m.value for m in found] == [date(2024, 3, 5), date(2024, 4, 1), date(2024, 4, 20)]
    assert [m.style for m in found] == ["ymd_cn", "ymd_hanzi", "separated"]
    for m in found:
        assert text[m.start : m.end] == m.text
    assert found[-1].end == len(text)


def test_a_range_yields_both_ends() -> None:
    found = find_dates("扣押期限为三十日，自2024年3月5日至2024年4月3日。")
    assert [m.value for m in found] == [date(2024, 3, 5), date(2024, 4, 3)]


def test_parse_date_wants_exactly_one_date() -> None:
    assert parse_date("  2024-03-05 ") == date(2024, 3, 5)
    assert parse_date("2024-03-05 2024-03-06") is None
    assert parse_date("日期：2024-03-05") is None
    assert parse_date("") is None


@pytest.mark.parametrize(
    ("text", "value"),
    [("五", 5), ("十", 10), ("十一", 11), ("二十", 20), ("三十一", 31), ("〇五", 5)],
)
def test_hanzi_numbers(text: str, value: int) -> None:
    assert hanzi_number(text) == value


@pytest.mark.parametrize("text", ["", "十十", "甲", "〇十"])
def test_hanzi_number_rejects_garbage(text: str) -> None:
    assert hanzi_number(text) is None


@given(
    day=st.dates(min_value=date(1950, 1, 1), max_value=date(2099, 12, 31)),
    style=st.sampled_from(sorted(STYLES)),
    before=_AROUND,
    after=_AROUND,
)
def test_round_trip_every_style(day: date, style: str, before: str, after: str) -> None:
    printed = STYLES[style](day)
    text = before + printed + after
    found = find_dates(text)
    assert len(found) == 1
    assert found[0].value == day
    assert text[found[0].start : found[0].end] == printed


@given(
    day=st.dates(min_value=date(1950, 1, 1), max_value=date(2099, 12, 31)),
    zero=st.sampled_from(_ZERO_FORMS),
)
def test_round_trip_hanzi_with_every_zero_form(day: date, zero: str) -> None:
    assert parse_date(_hanzi(day, zero)) == day


def test_month_and_day_survive_a_lost_year() -> None:
    found = find_month_days("二四年六月十二日")
    assert [(m.month, m.day) for m in found] == [(6, 12)]
    assert found[0].in_year_from(date(2024, 6, 12)) == date(2024, 6, 12)
    assert found[0].in_year_from(date(2024, 11, 3)) == date(2025, 6, 12)
    assert find_month_days("2月30日") == []
    assert [(m.month, m.day) for m in find_month_days("自3月5日至4月3日")] == [(3, 5), (4, 3)]
