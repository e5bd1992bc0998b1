"""Pre-checks on dates: statutory time limits (时限) and the order of two dated events.

Why together: both read ``DossierFacts.dates`` and point at the pages the dates were read
from; a year whose holidays are unknown makes a time-limit check say nothing rather than
guess.
"""

from __future__ import annotations

from collections.abc import Mapping

from scoring.prechecks.facts import DossierFacts, Finding
from scoring.prechecks.table import (
    DateOrderPrecheck,
    PrecheckTable,
    TimeLimitPrecheck,
    condition,
)
from scoring.time_limits import TimeLimitRule, evaluate, format_cn_date
from scoring.workdays import CalendarRangeError, WorkingDayCalendar

__all__ = ["check_date_order", "check_time_limit"]


def check_time_limit(
    rule: TimeLimitPrecheck,
    facts: DossierFacts,
    table: PrecheckTable,
    limits: Mapping[str, TimeLimitRule],
    calendar: WorkingDayCalendar,
) -> Finding | None:
    for choice in rule.time_limits:
        if not condition(choice.when, facts, table):
            continue
        limit = limits[choice.rule]
        try:
            check = evaluate(
                limit,
                facts.dates,
                calendar,
                facts.excluded_periods,
                sector=table.sector_of(facts),
                stated=facts.stated_periods,
            )
        except CalendarRangeError:
            return None  # a year whose holidays are unknown: cannot say, so say nothing
        if check is None:
            continue
        if check.satisfied:
            return None
        pages = [
            facts.date_pages[e]
            for e in (limit.start_event, limit.end_event)
            if e in facts.date_pages
        ]
        text = check.message() + "。"
        message = rule.message.format(check=text) if rule.message else text
        return Finding(message, pages + facts.pages_of(rule.cite))
    return None


def check_date_order(rule: DateOrderPrecheck, facts: DossierFacts) -> Finding | None:
    first, then = facts.dates.get(rule.first), facts.dates.get(rule.then)
    if first is None or then is None or first <= then:
        return None
    pages = [facts.date_pages[e] for e in (rule.first, rule.then) if e in facts.date_pages]
    message = rule.message.format(first_date=format_cn_date(first), then_date=format_cn_date(then))
    return Finding(message, pages + facts.pages_of(rule.cite))
