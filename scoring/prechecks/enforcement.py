"""夜间或法定节假日执行 (《行政强制法》第四十三条第一款): the enforcement's day and clock time.

Why: the Law forbids a 行政强制执行 at night or on a 法定节假日 unless the situation is
urgent; the 强制执行现场笔录 records when it happened, so the breach is visible on paper and
published 评查通报 cite it. The night window and whether a plain weekend counts are data
(the rule in ``prechecks.yaml``, with their sources); a year whose holidays are unknown, an
unread time or a record stating 情况紧急 leave the check silent.
"""

from __future__ import annotations

import datetime as _dt

from scoring.prechecks.facts import DossierFacts, Finding
from scoring.prechecks.table import EnforcementTimePrecheck, PrecheckTable
from scoring.time_limits import format_cn_date
from scoring.workdays import CalendarRangeError, WorkingDayCalendar

__all__ = ["check_enforcement_time", "in_night"]

_WEEKDAYS = "一二三四五六日"


def in_night(moment: _dt.time, start: _dt.time, end: _dt.time) -> bool:
    """Whether ``moment`` lies in the night window [start, end) (which may wrap midnight)."""
    if start <= end:
        return start <= moment < end
    return moment >= start or moment < end


def _clock(moment: _dt.time) -> str:
    return f"{moment.hour}时{moment.minute:02d}分" if moment.minute else f"{moment.hour}时"


def _day_problem(
    rule: EnforcementTimePrecheck, day: _dt.date, calendar: WorkingDayCalendar
) -> str | None:
    try:
        name = calendar.holiday_name(day)
        workday = calendar.is_workday(day)
    except CalendarRangeError:
        return None  # the year's holidays are unknown: say nothing rather than guess
    if name is not None:
        return f"为法定节假日（{name}）"
    if rule.rest_days and not workday:
        return f"为休息日（星期{_WEEKDAYS[day.weekday()]}）"
    return None


def check_enforcement_time(
    rule: EnforcementTimePrecheck,
    facts: DossierFacts,
    table: PrecheckTable,
    calendar: WorkingDayCalendar,
) -> Finding | None:
    day = facts.dates.get("enforced")
    if day is None or facts.enforcement_urgent:
        return None
    problems = []
    on_day = _day_problem(rule, day, calendar)
    if on_day:
        problems.append(f"{format_cn_date(day)}{on_day}")
    times = facts.enforcement_times
    if times is not None:
        night = [
            t for t in times if t is not None and in_night(t, rule.night_start, rule.night_end)
        ]
        if night:
            window = f"{_clock(rule.night_start)}至次日{_clock(rule.night_end)}"
            stated = "至".join(_clock(t) for t in times if t is not None)
            problems.append(f"执行时间{stated}在夜间（{window}）")
    if not problems:
        return None
    page = facts.date_pages.get("enforced")
    message = rule.message.format(problems="，".join(problems))
    return Finding(message, ([page] if page else []) + facts.pages_of(rule.cite))
