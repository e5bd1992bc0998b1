"""Working-day arithmetic on the official Chinese calendar (holidays and 调休 Saturdays).

Short statutory periods (送达 7 日, 陈述申辩 3 日) are working days (行政处罚法 第85条), so the
planted dates and the checks of the tests must count them the way a reviewer does.
"""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar


def is_workday(day: date) -> bool:
    return bool(chinese_calendar.is_workday(day))


def next_workday(day: date) -> date:
    """``day`` itself when it is a working day, else the first working day after it."""
    while not is_workday(day):
        day += timedelta(days=1)
    return day


def add_workdays(day: date, count: int) -> date:
    """The ``count``-th working day after ``day`` (``day`` itself is not counted)."""
    if count == 0:
        return next_workday(day)
    current = day
    done = 0
    while done < count:
        current += timedelta(days=1)
        if is_workday(current):
            done += 1
    return current


def workdays_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when end <= start)."""
    count = 0
    current = start
    while current < end:
        current += timedelta(days=1)
        if is_workday(current):
            count += 1
    return count


def add_days_to_workday(day: date, days: int) -> date:
    """``days`` calendar days after ``day``, moved forward to a working day."""
    return next_workday(day + timedelta(days=days))


def workday_on_or_before(day: date) -> date:
    while not is_workday(day):
        day -= timedelta(days=1)
    return day
