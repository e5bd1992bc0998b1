"""Statutory time limits as data, and the check of a dossier's dates against them.

Why: "was the decision made within 90 days of filing, not counting the hearing?" is the most
mechanical question a reviewer answers, and the one most often answered wrongly by hand
(weekends, 调休, the day-of-event rule, months of unequal length, excluded periods). The
rules live in ``scoring/data/time_limits.yaml`` so that a province or sector variant is a
data change; this module only knows how to count (via :mod:`scoring.workdays`) and how to
say the result in Chinese.

Excluded periods (检测鉴定, 听证, 公告, 中止 …) are recorded in a dossier as date ranges. A
day inside such a range is simply *not counted* while walking from the start event to the
due date, so a range before the start or after the due date changes nothing, and
overlapping ranges are not counted twice. A range given with a ``kind`` only applies to
rules that list that kind in ``excludes``; a bare ``(from, to)`` pair always applies.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal, NamedTuple, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from scoring.data_files import load_data_file
from scoring.workdays import (
    WorkingDayCalendar,
    as_date,
    shift_months,
)

__all__ = [
    "DEFAULT_TIME_LIMITS_PATH",
    "ExcludedPeriod",
    "TimeLimitCheck",
    "TimeLimitDataError",
    "TimeLimitRule",
    "TimeLimitTable",
    "derive_events",
    "due_date",
    "evaluate",
    "evaluate_all",
    "format_cn_date",
    "load_time_limit_table",
    "load_time_limits",
]

DEFAULT_TIME_LIMITS_PATH = Path(__file__).parent / "data" / "time_limits.yaml"

Unit = Literal["working_days", "calendar_days", "months", "years", "hours"]
Relation = Literal["within", "not_before", "at_least"]

UNIT_LABELS: dict[str, str] = {
    "working_days": "个工作日",
    "calendar_days": "日",
    "months": "个月",
    "years": "年",
    "hours": "小时",
}


class TimeLimitDataError(ValueError):
    """The time-limit table cannot be read or is inconsistent (message in Chinese)."""


def format_cn_date(day: _dt.date) -> str:
    """``2024年3月5日`` — the way dates are written in Chinese official documents."""
    return f"{day.year}年{day.month}月{day.day}日"


# ---------------------------------------------------------------- the table


class TimeLimitRule(BaseModel):
    """One statutory time limit (see the header of ``time_limits.yaml`` for the fields)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")
    name: str = Field(min_length=1)
    source: str = Field(min_length=1)
    start_event: str
    end_event: str
    #: None when only the document can say (``stated_period``): the rule is then silent
    #: until the dossier's own period is read.
    length: int | None = Field(default=None, gt=0)
    unit: Unit
    relation: Relation
    excludes: tuple[str, ...] = ()
    requires_events: tuple[str, ...] = ()
    unless_events: tuple[str, ...] = ()
    #: A period the dossier's own document states (``defence_period`` of the 告知书,
    #: ``demand_period`` of the 催告书): when read, it replaces ``length`` and ``unit``.
    stated_period: str | None = None
    #: Sectors the rule belongs to (``market`` …); empty = every sector. A sector rule says
    #: nothing about a dossier whose sector is unknown or another one.
    sectors: tuple[str, ...] = ()
    #: Whether a calendar period ending on a rest day ends on the next working day
    #: (民法典第203条). False for periods that are not a time to act at an office.
    roll_forward: bool = True
    #: The rule judges only an end event dated after the start: an earlier one is not the
    #: later step it is about (a 催告书 dated before the 公告送达 may be what was announced).
    later_only: bool = False
    note: str = ""
    #: Chinese labels of the two events, filled from the table's ``events`` vocabulary.
    start_label: str = ""
    end_label: str = ""

    @model_validator(mode="after")
    def _distinct_events(self) -> Self:
        if self.start_event == self.end_event:
            raise ValueError("start_event 与 end_event 不能相同")
        if self.length is None and self.stated_period is None:
            raise ValueError("未写 length 的规则须以 stated_period 指明由文书载明的期限")
        return self

    def applies_to(self, sector: str | None) -> bool:
        """Whether a dossier of ``sector`` (None = unknown) falls under the rule."""
        return not self.sectors or sector in self.sectors

    def with_stated(self, stated: Mapping[str, tuple[int, str]] | None) -> TimeLimitRule:
        """The rule with the period the dossier's document states, when it states one."""
        if self.stated_period is None or not stated or self.stated_period not in stated:
            return self
        length, unit = stated[self.stated_period]
        if length <= 0 or unit not in UNIT_LABELS:
            return self
        return self.model_copy(update={"length": length, "unit": unit})


class TimeLimitTable(BaseModel):
    """The whole file: event vocabulary, kinds of excluded periods, and the rules."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    events: dict[str, str]
    exclusion_kinds: dict[str, str]
    rules: tuple[TimeLimitRule, ...]

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        seen: set[str] = set()
        labelled = []
        for rule in self.rules:
            if rule.id in seen:
                raise ValueError(f"规则编号 {rule.id} 重复")
            seen.add(rule.id)
            fields = {
                "start_event": [rule.start_event],
                "end_event": [rule.end_event],
                "requires_events": list(rule.requires_events),
                "unless_events": list(rule.unless_events),
            }
            for field, names in fields.items():
                for name in names:
                    if name not in self.events:
                        raise ValueError(
                            f"规则 {rule.id} 的 {field} 使用了未登记的事件“{name}”，"
                            "请先在 events 中登记"
                        )
            for kind in rule.excludes:
                if kind not in self.exclusion_kinds:
                    raise ValueError(
                        f"规则 {rule.id} 的 excludes 使用了未登记的期间类型“{kind}”，"
                        "请先在 exclusion_kinds 中登记"
                    )
            labelled.append(
                rule.model_copy(
                    update={
                        "start_label": self.events[rule.start_event],
                        "end_label": self.events[rule.end_event],
                    }
                )
            )
        object.__setattr__(self, "rules", tuple(labelled))
        return self

    def by_id(self) -> dict[str, TimeLimitRule]:
        return {rule.id: rule for rule in self.rules}


def load_time_limit_table(path: Path | str | None = None) -> TimeLimitTable:
    """Read and validate a time-limit file; errors name the file and field in Chinese."""
    if path is None:
        return _default_table()
    return _load_table(Path(path))


def load_time_limits(path: Path | str | None = None) -> dict[str, TimeLimitRule]:
    """The rules of a time-limit file by id (the built-in table when ``path`` is None)."""
    return load_time_limit_table(path).by_id()


@lru_cache(maxsize=1)
def _default_table() -> TimeLimitTable:
    return _load_table(DEFAULT_TIME_LIMITS_PATH)


def _load_table(path: Path) -> TimeLimitTable:
    return load_data_file(
        path,
        "时限规则文件",
        TimeLimitTable,
        TimeLimitDataError,
        shape="应包含 events、exclusion_kinds、rules 三部分",
    )


# ---------------------------------------------------------------- counting


class ExcludedPeriod(NamedTuple):
    """A recorded period not counted towards a limit, both ends included."""

    start: _dt.date
    end: _dt.date
    kind: str | None = None


PeriodLike = ExcludedPeriod | tuple[_dt.date, _dt.date] | tuple[_dt.date, _dt.date, str | None]


def _skipped_days(rule: TimeLimitRule, periods: Iterable[PeriodLike]) -> frozenset[_dt.date]:
    days: set[_dt.date] = set()
    for raw in periods:
        period = ExcludedPeriod(*raw)
        if period.kind is not None and period.kind not in rule.excludes:
            continue
        first, last = as_date(period.start), as_date(period.end)
        if last < first:
            raise ValueError(
                f"不计入期间的结束日期{format_cn_date(last)}早于开始日期{format_cn_date(first)}"
            )
        days.update(first + _dt.timedelta(days=i) for i in range((last - first).days + 1))
    return frozenset(days)


def _walk(start: _dt.date, n: int, counts: Callable[[_dt.date], bool]) -> _dt.date:
    """The day on which the n-th counted day after ``start`` falls."""
    day = start
    while n > 0:
        day += _dt.timedelta(days=1)
        if counts(day):
            n -= 1
    return day


def _count(a: _dt.date, b: _dt.date, counts: Callable[[_dt.date], bool]) -> int:
    """Counted days after ``a`` up to and including ``b`` (negative when b < a)."""
    if b < a:
        return -_count(b, a, counts)
    total = 0
    day = a
    while day < b:
        day += _dt.timedelta(days=1)
        if counts(day):
            total += 1
    return total


def _months_between(a: _dt.date, b: _dt.date) -> int:
    """Whole months from ``a`` to ``b`` in the sense of 民法典第202条."""
    months = (b.year - a.year) * 12 + (b.month - a.month)
    if months > 0 and shift_months(a, months) > b:
        months -= 1
    elif months < 0 and shift_months(a, months) < b:
        months += 1
    return months


def _span_days(rule: TimeLimitRule, start: _dt.date) -> int:
    """Calendar days of a non-working-day rule before exclusions and roll-forward."""
    length = _length(rule)
    if rule.unit == "calendar_days":
        return length
    if rule.unit == "hours":
        # Dossiers record dates: 24 hours = by the next calendar day.
        return math.ceil(length / 24)
    months = length * (12 if rule.unit == "years" else 1)
    return (shift_months(start, months) - start).days


def due_date(
    rule: TimeLimitRule,
    start: _dt.date,
    calendar: WorkingDayCalendar,
    excluded_periods: Iterable[PeriodLike] = (),
) -> _dt.date:
    """Last day of the rule's period counted from ``start`` (which is not counted).

    Working days skip rest days; calendar days, months and years end on a working day
    (民法典第203条); hours never roll. Days inside an applicable excluded period are not
    counted, which pushes the due date out by the length of the overlap.
    """
    start = as_date(start)
    length = _length(rule)
    skipped = _skipped_days(rule, excluded_periods)
    if rule.unit == "working_days":
        return _walk(start, length, lambda d: d not in skipped and calendar.is_workday(d))
    end = _walk(start, _span_days(rule, start), lambda d: d not in skipped)
    if rule.unit == "hours" or not rule.roll_forward:
        return end
    return calendar.roll_forward(end)


def _length(rule: TimeLimitRule) -> int:
    if rule.length is None:
        raise ValueError(f"时限规则 {rule.id} 的期限由文书载明，尚未读取")
    return rule.length


@dataclass(frozen=True)
class TimeLimitCheck:
    """The result of checking one rule against one dossier's dates."""

    rule: TimeLimitRule
    start: _dt.date
    end: _dt.date
    due: _dt.date
    #: Time used between the two events, in the rule's unit, excluded days not counted
    #: (whole months/years for those units).
    elapsed: int
    limit: int
    satisfied: bool
    #: ``within``: days after the due date; ``not_before``/``at_least``: days too early.
    days_over: int
    #: Days of excluded periods that fell between the start and the end event.
    excluded_days: int = 0

    @property
    def rule_id(self) -> str:
        return self.rule.id

    def message(self) -> str:
        """One Chinese sentence for the reviewer, naming the dates and the limit."""
        rule = self.rule
        head = (
            f"{rule.start_label}日期{format_cn_date(self.start)}，"
            f"{rule.end_label}日期{format_cn_date(self.end)}，"
        )
        period = f"{self.limit}{UNIT_LABELS[rule.unit]}的{rule.name}"
        due = format_cn_date(self.due)
        if rule.relation == "within":
            body = (
                f"在{period}内（期限至{due}）"
                if self.satisfied
                else f"超过{period}（应于{due}前{rule.end_label}）"
            )
        elif rule.relation == "not_before":
            body = (
                f"在{period}届满（{due}）后{rule.end_label}"
                if self.satisfied
                else f"{period}尚未届满（至{due}届满，应于其后{rule.end_label}）"
            )
        else:
            body = (
                f"间隔符合{period}（{due}起可{rule.end_label}）"
                if self.satisfied
                else f"间隔不足{period}（应不早于{due}{rule.end_label}）"
            )
        if self.excluded_days:
            body += f"，已扣除不计入期限的期间{self.excluded_days}日"
        return head + body


def _elapsed(
    rule: TimeLimitRule,
    start: _dt.date,
    end: _dt.date,
    calendar: WorkingDayCalendar,
    skipped: frozenset[_dt.date],
) -> int:
    if rule.unit == "working_days":
        return _count(start, end, lambda d: d not in skipped and calendar.is_workday(d))
    days = _count(start, end, lambda d: d not in skipped)
    if rule.unit == "calendar_days":
        return days
    if rule.unit == "hours":
        return days * 24
    months = _months_between(start, start + _dt.timedelta(days=days))
    return months // 12 if rule.unit == "years" else months


def evaluate(
    rule: TimeLimitRule,
    events: Mapping[str, _dt.date],
    calendar: WorkingDayCalendar,
    excluded_periods: Iterable[PeriodLike] = (),
    *,
    sector: str | None = None,
    stated: Mapping[str, tuple[int, str]] | None = None,
) -> TimeLimitCheck | None:
    """Check one rule against a dossier's event dates.

    Returns None when the rule cannot or need not be checked: an event is missing, a
    ``requires_events`` event is missing, an ``unless_events`` event is present, the rule
    belongs to other ``sectors`` than the dossier's (or its sector is unknown), or its
    period is one the dossier's document states and ``stated`` does not give it.
    Raises :class:`scoring.workdays.CalendarRangeError` when the dates reach a year whose
    holidays are unknown.
    """
    if not rule.applies_to(sector):
        return None
    rule = rule.with_stated(stated)
    if rule.length is None:
        return None
    if rule.start_event not in events or rule.end_event not in events:
        return None
    if any(name not in events for name in rule.requires_events):
        return None
    if any(name in events for name in rule.unless_events):
        return None
    periods = list(excluded_periods)
    start, end = as_date(events[rule.start_event]), as_date(events[rule.end_event])
    if rule.later_only and end <= start:
        return None
    due = due_date(rule, start, calendar, periods)
    skipped = _skipped_days(rule, periods)
    if rule.relation == "within":
        satisfied, days_over = end <= due, max(0, (end - due).days)
    elif rule.relation == "not_before":
        satisfied, days_over = end > due, max(0, (due - end).days + 1)
    else:
        satisfied, days_over = end >= due, max(0, (due - end).days)
    low, high = min(start, end), max(start, end)
    return TimeLimitCheck(
        rule=rule,
        start=start,
        end=end,
        due=due,
        elapsed=_elapsed(rule, start, end, calendar, skipped),
        limit=rule.length,
        satisfied=satisfied,
        days_over=days_over,
        excluded_days=sum(1 for d in skipped if low < d <= high),
    )


def evaluate_all(
    rules: Mapping[str, TimeLimitRule] | Sequence[TimeLimitRule],
    events: Mapping[str, _dt.date],
    calendar: WorkingDayCalendar,
    excluded_periods: Iterable[PeriodLike] = (),
    *,
    rule_ids: Iterable[str] | None = None,
    sector: str | None = None,
    stated: Mapping[str, tuple[int, str]] | None = None,
) -> list[TimeLimitCheck]:
    """Every applicable check, in table order (optionally only ``rule_ids``).

    Alternatives that depend on case facts (``penalty.time_bar`` vs ``_extended``,
    ``penalty.defence_period`` vs ``_hearing``) are both evaluated unless filtered.
    """
    items = list(rules.values()) if isinstance(rules, Mapping) else list(rules)
    wanted = None if rule_ids is None else set(rule_ids)
    periods = list(excluded_periods)
    checks = []
    for rule in items:
        if wanted is not None and rule.id not in wanted:
            continue
        check = evaluate(rule, events, calendar, periods, sector=sector, stated=stated)
        if check is not None:
            checks.append(check)
    return checks


def derive_events(
    events: Mapping[str, _dt.date],
    rules: Mapping[str, TimeLimitRule],
    calendar: WorkingDayCalendar,
) -> dict[str, _dt.date]:
    """Add events a dossier never records but the law counts from.

    ``remedy_expired`` (行政强制法第53条: the party's time to apply for 复议 and to sue has
    run out) is the later of the ``remedy.reconsideration`` and ``remedy.litigation`` due
    dates counted from ``served``.
    """
    derived = dict(events)
    remedies = [rules[i] for i in ("remedy.reconsideration", "remedy.litigation") if i in rules]
    if "remedy_expired" not in derived and "served" in derived and remedies:
        derived["remedy_expired"] = max(
            due_date(rule, derived["served"], calendar) for rule in remedies
        )
    return derived
