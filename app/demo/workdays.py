"""Working-day arithmetic for planting dates, on the product's own calendar.

Short statutory periods (送达 7 日, 陈述申辩 3 日) are working days (行政处罚法 第85条), so the
planted dates must be counted exactly the way the pre-checks count them: this module is a
thin adapter over :mod:`scoring.workdays`, never a second calendar.
"""

from __future__ import annotations

from datetime import date, timedelta

from scoring.workdays import default_calendar


def is_workday(day: date) -> bool:
    return default_calendar().is_workday(day)


def next_workday(day: date) -> date:
    """``day`` itself when it is a working day, else the first working day after it."""
    return default_calendar().roll_forward(day)


def add_workdays(day: date, count: int) -> date:
    """The ``count``-th working day after ``day`` (``day`` itself is not counted)."""
    return next_workday(day) if count == 0 else default_calendar().add_working_days(day, count)


def workdays_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when end <= start)."""
    return max(0, default_calendar().working_days_between(start, end))


def add_days_to_workday(day: date, days: int) -> date:
    """``days`` calendar days after ``day``, moved forward to a working day."""
    return default_calendar().add_calendar_days(day, days)


def workday_on_or_before(day: date) -> date:
    while not is_workday(day):
        day -= timedelta(days=1)
    return day
