"""The working-day calendar against the official holiday arrangements.

Expected dates come from the State Council notices (国务院办公厅关于2024年/2025年部分节假日
安排的通知); each test also checks that the ``chinese_calendar`` package agrees, so a wrong
expectation here or wrong data there both fail loudly.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.workdays import (
    CalendarDataError,
    CalendarRangeError,
    WorkingDayCalendar,
    default_calendar,
    shift_months,
)

D = dt.date


@pytest.fixture(scope="module")
def cal() -> WorkingDayCalendar:
    return WorkingDayCalendar()


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


# (holiday range, 调休 working days, Chinese name of the first holiday day)
OFFICIAL = [
    pytest.param((D(2024, 10, 1), D(2024, 10, 7)), [D(2024, 9, 29), D(2024, 10, 12)], "国庆节",
                 id="2024-national-day"),
    pytest.param((D(2025, 1, 28), D(2025, 2, 4)), [D(2025, 1, 26), D(2025, 2, 8)], "春节",
                 id="2025-spring-festival"),
    pytest.param((D(2024, 2, 10), D(2024, 2, 17)), [D(2024, 2, 4), D(2024, 2, 18)], "春节",
                 id="2024-spring-festival"),
    pytest.param((D(2025, 10, 1), D(2025, 10, 8)), [D(2025, 9, 28), D(2025, 10, 11)], "国庆节",
                 id="2025-national-day-mid-autumn"),
]  # fmt: skip


@pytest.mark.parametrize(("holiday", "makeup", "name"), OFFICIAL)
def test_official_arrangements(
    cal: WorkingDayCalendar, holiday: tuple[dt.date, dt.date], makeup: list[dt.date], name: str
) -> None:
    for day in _days(*holiday):
        assert chinese_calendar.is_holiday(day), day  # the package agrees with the notice
        assert cal.is_holiday(day), day
        assert not cal.is_workday(day), day
        assert cal.holiday_name(day) in {name, "中秋"}
    assert cal.holiday_name(holiday[0]) == name
    for day in makeup:
        assert day.weekday() >= 5
        assert chinese_calendar.is_workday(day), day
        assert cal.is_workday(day), day
        assert not cal.is_holiday(day)
        assert cal.holiday_name(day) is None


def test_mid_autumn_inside_2025_national_day(cal: WorkingDayCalendar) -> None:
    assert cal.holiday_name(D(2025, 10, 6)) == "中秋"


def test_plain_weekend_is_rest_but_not_holiday(cal: WorkingDayCalendar) -> None:
    saturday = D(2024, 3, 9)
    assert not cal.is_workday(saturday)
    assert not cal.is_holiday(saturday)
    assert cal.holiday_name(saturday) is None
    assert cal.is_workday(D(2024, 3, 11))


def test_seven_working_days_across_2024_national_day(cal: WorkingDayCalendar) -> None:
    # Fri 27 Sep: Sun 29 Sep (调休) = 1, Mon 30 Sep = 2, Oct 1-7 off, Oct 8-11 = 3..6,
    # Sat 12 Oct (调休) = 7.
    assert cal.add_working_days(D(2024, 9, 27), 1) == D(2024, 9, 29)
    assert cal.add_working_days(D(2024, 9, 27), 2) == D(2024, 9, 30)
    assert cal.add_working_days(D(2024, 9, 27), 3) == D(2024, 10, 8)
    assert cal.add_working_days(D(2024, 9, 27), 7) == D(2024, 10, 12)


def test_working_days_across_2025_spring_festival(cal: WorkingDayCalendar) -> None:
    # after Fri 24 Jan: Sun 26, Mon 27, (28 Jan-4 Feb off), Wed 5, Thu 6, Fri 7, Sat 8 (调休)
    assert cal.add_working_days(D(2025, 1, 24), 2) == D(2025, 1, 27)
    assert cal.add_working_days(D(2025, 1, 24), 3) == D(2025, 2, 5)
    assert cal.add_working_days(D(2025, 1, 24), 6) == D(2025, 2, 8)
    assert cal.add_working_days(D(2025, 1, 24), 7) == D(2025, 2, 10)
    assert cal.working_days_between(D(2025, 1, 24), D(2025, 2, 10)) == 7  # + Mon 10 Feb
    assert cal.working_days_between(D(2025, 2, 5), D(2025, 2, 8)) == 3
    assert cal.working_days_between(D(2025, 2, 8), D(2025, 2, 5)) == -3


def test_zero_working_days_is_start(cal: WorkingDayCalendar) -> None:
    assert cal.add_working_days(D(2024, 10, 3), 0) == D(2024, 10, 3)


def test_thirty_day_seizure_ending_in_spring_festival_rolls(cal: WorkingDayCalendar) -> None:
    # 1 Jan 2025 + 30 days = Fri 31 Jan (春节) -> first working day Wed 5 Feb
    assert cal.add_calendar_days(D(2025, 1, 1), 30) == D(2025, 2, 5)
    # 12 Jan 2024 + 30 days = Sun 11 Feb (春节) -> Sun 18 Feb, a 调休 working day
    assert cal.add_calendar_days(D(2024, 1, 12), 30) == D(2024, 2, 18)


def test_calendar_period_ending_on_weekend_rolls_to_monday(cal: WorkingDayCalendar) -> None:
    assert cal.add_calendar_days(D(2024, 3, 1), 15) == D(2024, 3, 18)  # Sat 16 -> Mon 18
    assert cal.add_calendar_days(D(2024, 3, 1), 14) == D(2024, 3, 15)  # Friday, no roll


def test_calendar_days_between() -> None:
    assert WorkingDayCalendar.calendar_days_between(D(2024, 3, 5), D(2024, 6, 3)) == 90


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2023, 1, 31), 1, D(2023, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2024, 8, 31), 1, D(2024, 9, 30)),
        (D(2024, 3, 15), 3, D(2024, 6, 15)),
        (D(2024, 11, 30), 3, D(2025, 2, 28)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2024, 5, 10), -5, D(2023, 12, 10)),
    ],
)
def test_shift_months_corresponding_date_else_month_end(
    start: dt.date, months: int, expected: dt.date
) -> None:
    assert shift_months(start, months) == expected


def test_add_months_rolls_forward(cal: WorkingDayCalendar) -> None:
    assert cal.add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)  # a Thursday
    # 28 Feb 2025 is a Friday; 31 Aug 2024 + 6 months = 28 Feb 2025
    assert cal.add_months(D(2024, 8, 31), 6) == D(2025, 2, 28)
    # 1 Sep 2024 + 1 month = Tue 1 Oct (国庆) -> Tue 8 Oct
    assert cal.add_months(D(2024, 9, 1), 1) == D(2024, 10, 8)
    # 2 years after 29 Feb 2024 = Sat 28 Feb 2026, a 调休 working Saturday: no roll
    assert cal.add_years(D(2024, 2, 29), 2) == D(2026, 2, 28)
    # 2 years after 5 Oct 2022 = Sat 5 Oct 2024 (国庆) -> Tue 8 Oct 2024
    assert cal.add_years(D(2022, 10, 5), 2) == D(2024, 10, 8)


def test_unknown_year_raises_chinese_error(cal: WorkingDayCalendar) -> None:
    last = max(cal.known_years)
    with pytest.raises(CalendarRangeError) as info:
        cal.is_workday(D(last + 1, 3, 3))
    assert str(info.value) == f"{last + 1}年的节假日安排尚未收录，请导入该年的放假安排"
    # counting into an unknown year fails too, instead of assuming weekends only
    with pytest.raises(CalendarRangeError):
        cal.add_working_days(D(last, 12, 28), 10)
    with pytest.raises(CalendarRangeError):
        cal.is_holiday(D(1999, 10, 1))


def test_datetime_is_treated_as_its_date(cal: WorkingDayCalendar) -> None:
    moment = dt.datetime(2024, 9, 27, 16, 30)
    assert cal.add_working_days(moment, 1) == D(2024, 9, 29)
    assert cal.is_workday(moment)


# ---------------------------------------------------------------- supplements

FAKE_2031 = """\
year: 2031
holidays:
  - {name: 元旦, date: 2031-01-01}
  - {name: 春节, from: 2031-01-22, to: 2031-01-28}
workdays:
  - 2031-01-19   # Sunday
  - 2031-02-08   # Saturday
"""


def test_supplement_adds_a_year(tmp_path: Path) -> None:
    (tmp_path / "2031.yaml").write_text(FAKE_2031, encoding="utf-8")
    cal = WorkingDayCalendar([tmp_path])
    assert 2031 in cal.known_years
    assert cal.supplement_sources[2031] == tmp_path / "2031.yaml"
    assert cal.holiday_name(D(2031, 1, 1)) == "元旦"
    assert cal.is_holiday(D(2031, 1, 24)) and not cal.is_workday(D(2031, 1, 24))
    assert cal.is_workday(D(2031, 1, 19)) and cal.is_workday(D(2031, 2, 8))
    assert not cal.is_workday(D(2031, 2, 9))  # a plain Sunday
    # Mon 20, Tue 21 Jan, (22-28 off), Wed 29 Jan
    assert cal.add_working_days(D(2031, 1, 17), 4) == D(2031, 1, 29)
    # a year between package data and the supplement is still unknown
    with pytest.raises(CalendarRangeError):
        cal.is_workday(D(2030, 6, 3))
    # without the folder the year is unknown
    with pytest.raises(CalendarRangeError):
        WorkingDayCalendar().is_workday(D(2031, 1, 1))


def test_supplement_replaces_package_year_and_later_folder_wins(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    (first / "2024.yml").write_text(
        "year: 2024\nholidays: [{name: 测试假, date: 2024-03-05}]\n", encoding="utf-8"
    )
    (second / "2024.yaml").write_text(
        "year: 2024\nholidays: [{name: 另一假, date: 2024-03-06}]\n", encoding="utf-8"
    )
    cal = WorkingDayCalendar([first, second])
    assert cal.holiday_name(D(2024, 3, 6)) == "另一假"
    assert cal.is_workday(D(2024, 3, 5))
    assert cal.is_workday(D(2024, 10, 8))
    assert cal.is_workday(D(2024, 10, 1))  # the package's 国庆 is replaced, not merged
    assert not cal.is_workday(D(2024, 9, 29))  # and so are its 调休 days


def test_missing_folder_is_ignored(tmp_path: Path) -> None:
    cal = WorkingDayCalendar([tmp_path / "nope"])
    assert cal.is_workday(D(2024, 10, 8))


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("year: 2031\nholidays: [{name: 春节, date: 2031-13-01}]\n", "holidays.第1项.date"),
        ("year: 2031\nholidays: [{date: 2031-01-01}]\n", "缺少必填项"),
        ("year: 2031\nholidays: [{name: 春节, from: 2031-01-28, to: 2031-01-22}]\n", "早于"),
        ("year: 2031\nworkdays: [2031-01-20]\n", "不是周六或周日"),
        ("year: 2031\nholidays: [{name: 春节, date: 2032-05-01}]\n", "不属于 2031 年"),
        ("year: 2031\nholiday: []\n", "不认识的字段"),
        ("year: [2031\n", "YAML"),
        ("- 2031\n", "应包含 year"),
    ],
)
def test_bad_supplement_gives_chinese_error_naming_file(
    tmp_path: Path, text: str, fragment: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CalendarDataError) as info:
        WorkingDayCalendar([tmp_path])
    assert "bad.yaml" in str(info.value)
    assert fragment in str(info.value)


def test_same_year_twice_in_one_folder_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text(FAKE_2031, encoding="utf-8")
    (tmp_path / "y.yaml").write_text(FAKE_2031, encoding="utf-8")
    with pytest.raises(CalendarDataError, match="重复"):
        WorkingDayCalendar([tmp_path])


# ---------------------------------------------------------------- properties

KNOWN_DAYS = st.dates(min_value=D(2005, 1, 1), max_value=D(2025, 6, 30))


@settings(max_examples=200, deadline=None)
@given(start=KNOWN_DAYS, n=st.integers(min_value=0, max_value=120))
def test_add_working_days_properties(start: dt.date, n: int) -> None:
    cal = default_calendar()
    end = cal.add_working_days(start, n)
    assert cal.working_days_between(start, end) == n
    if n > 0:
        assert cal.is_workday(end)
        assert end > cal.add_working_days(start, n - 1)


@settings(max_examples=200, deadline=None)
@given(start=KNOWN_DAYS, n=st.integers(min_value=0, max_value=400))
def test_add_calendar_days_lands_on_first_workday_on_or_after(start: dt.date, n: int) -> None:
    cal = default_calendar()
    raw = start + dt.timedelta(days=n)
    end = cal.add_calendar_days(start, n)
    assert cal.is_workday(end)
    assert end >= raw
    assert all(not cal.is_workday(day) for day in _days(raw, end - dt.timedelta(days=1)))


@settings(max_examples=200, deadline=None)
@given(start=KNOWN_DAYS, n=st.integers(min_value=0, max_value=60))
def test_shift_months_keeps_day_or_month_end(start: dt.date, n: int) -> None:
    shifted = shift_months(start, n)
    assert (shifted.year * 12 + shifted.month) - (start.year * 12 + start.month) == n
    assert shifted.day == start.day or (
        shifted.day < start.day and (shifted + dt.timedelta(days=1)).day == 1
    )
