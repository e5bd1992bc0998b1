"""暂定 years: the statutory holidays of 《全国年节及纪念日放假办法》 until the notice arrives."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import chinese_calendar
import pytest

from scoring.holiday_notice import parse_notice
from scoring.statutory_holidays import statutory_holidays
from scoring.workdays import CalendarRangeError, WorkingDayCalendar

NOTICES = Path(__file__).parents[1] / "fixtures" / "holiday_notices"
LAST_KNOWN = max(chinese_calendar.holidays).year


@pytest.mark.parametrize("year", [2025, 2026])
def test_statutory_days_are_holidays_in_the_published_years(year: int) -> None:
    # Since the 2024 revision every statutory day (and its 第六条 补假) is a day off.
    published = {d for d in chinese_calendar.holidays if d.year == year}
    assert set(statutory_holidays(year)) <= published


def test_statutory_holidays_of_2027_with_lunar_dates_and_make_up_days() -> None:
    days = statutory_holidays(2027)
    # 春节: 除夕 2027-02-05 (Fri), 初一 to 初三 Feb 6–8; Sat and Sun are made up on Feb 9, 10.
    for d in range(5, 11):
        assert dt.date(2027, 2, d) in days
    assert days[dt.date(2027, 2, 9)] == "春节（补假）"
    assert days[dt.date(2027, 4, 5)] == "清明节"
    assert days[dt.date(2027, 6, 9)] == "端午节"  # lunar 5-5
    assert days[dt.date(2027, 9, 15)] == "中秋节"  # lunar 8-15
    assert {dt.date(2027, 5, 3), dt.date(2027, 5, 4)} <= set(days)  # 5-1/5-2 are Sat/Sun
    assert len([n for n in days.values() if "补假" not in n]) == 13  # 第二条: 13 days


def test_unknown_year_raises_without_provisional() -> None:
    with pytest.raises(CalendarRangeError):
        WorkingDayCalendar().add_calendar_days(dt.date(LAST_KNOWN, 12, 3), 30)


def test_provisional_calendar_counts_into_next_year_and_says_so() -> None:
    calendar = WorkingDayCalendar(provisional=True)
    start = dt.date(LAST_KNOWN, 12, 3)
    end = calendar.add_calendar_days(start, 30)  # Jan 2 of the next year
    assert end == calendar.roll_forward(dt.date(LAST_KNOWN + 1, 1, 2))
    assert calendar.provisional_years == {LAST_KNOWN + 1}
    assert calendar.uses_provisional(start, end)
    assert not calendar.uses_provisional(start, dt.date(LAST_KNOWN, 12, 31))
    assert LAST_KNOWN + 1 not in calendar.known_years
    assert calendar.source_of(LAST_KNOWN + 1) == "provisional"
    assert calendar.source_of(LAST_KNOWN) == "bundled"


def test_provisional_2027_skips_spring_festival() -> None:
    calendar = WorkingDayCalendar(provisional=True, include_builtin=False)
    if 2027 in calendar.known_years:
        pytest.skip("the package already knows 2027")
    assert not calendar.is_workday(dt.date(2027, 2, 8))
    assert calendar.roll_forward(dt.date(2027, 2, 6)) == dt.date(2027, 2, 11)
    assert calendar.holiday_name(dt.date(2027, 10, 1)) == "国庆节"


def test_past_gaps_are_never_guessed() -> None:
    calendar = WorkingDayCalendar(provisional=True)
    with pytest.raises(CalendarRangeError):
        calendar.is_workday(dt.date(1990, 3, 1))


def test_an_imported_year_replaces_the_provisional_one(tmp_path: Path) -> None:
    notice = parse_notice((NOTICES / "2026.txt").read_text("utf-8"))
    (tmp_path / "2026.yaml").write_text(notice.to_yaml(), "utf-8")
    calendar = WorkingDayCalendar([tmp_path], provisional=True)
    assert calendar.source_of(2026) == "imported"
    assert not calendar.uses_provisional(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert dt.date(2026, 2, 14) in calendar.adjusted_workdays_of(2026)
    assert calendar.holidays_of(2026)[dt.date(2026, 2, 15)] == "春节"
