"""The official working-day calendar of mainland China, and the legal way to count periods.

Why this module exists: a reviewer's time-limit checks are only as good as the calendar
behind them. Short statutory periods (行政处罚法第85条, 行政强制法第69条) are counted in
working days, which skip weekends and public holidays but *include* the Saturdays and
Sundays the State Council turns into working days (调休). Those arrangements change every
year, so they are data: the ``chinese_calendar`` package ships the published years, and a
user can drop a YAML *supplement* into a folder for a year the package does not know yet
(or to correct one). A date in a year nobody has described raises
:class:`CalendarRangeError` — guessing "weekends only" would silently produce wrong findings.

Counting rules implemented here (民法典 第201–203条):

* the day of the triggering event is not counted (第201条): every ``add_*`` method returns
  the last day of a period that starts the day *after* ``start``;
* months and years end on the corresponding date, or on the last day of the month when the
  month has no such date (第202条): Jan 31 + 1 month = Feb 28 (Feb 29 in a leap year);
* a period whose last day is a 法定休假日 ends on the first day after it (第203条). We read
  法定休假日 as *every rest day* — statutory holidays **and** ordinary Saturdays/Sundays —
  as Chinese courts and agencies do (cf. 民事诉讼法 第85条 and its judicial interpretation;
  the 节假日 of 《国务院关于职工工作时间的规定》 includes the weekly rest days). The last day
  therefore rolls forward to the next *working* day, and a 调休 working Saturday is a valid
  last day.

Supplement files (``*.yaml`` / ``*.yml``), one per year (illustrative dates, not the official
2027 arrangement)::

    year: 2027
    holidays:
      - {name: 元旦, date: 2027-01-01}
      - {name: 春节, from: 2027-02-06, to: 2027-02-13}
    workdays:            # Saturdays/Sundays declared working days (调休)
      - 2027-02-14

A supplement is the *complete* arrangement for its year: it replaces whatever the package
says about that year. Folders given later override earlier ones for the same year.
:mod:`scoring.holiday_notice` writes one from the pasted State Council notice.

Provisional years (暂定): a calendar built with ``provisional=True`` does not raise for a
year *after* the last known one; it uses the statutory holidays of 《全国年节及纪念日放假办法》
(:mod:`scoring.statutory_holidays`) and records the year in :attr:`provisional_years`, so a
deadline that crossed such a year is shown as 暂定 until the notice is imported.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
import datetime as _dt
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Self

import chinese_calendar
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from scoring.data_files import describe_validation_error, load_data_file
from scoring.statutory_holidays import statutory_holidays

__all__ = [
    "BUILTIN_SUPPLEMENT_DIR",
    "CalendarDataError",
    "CalendarRangeError",
    "WorkingDayCalendar",
    "as_date",
    "check_supplement",
    "default_calendar",
    "shift_months",
]

#: Supplements shipped with the product (a year published after the package release).
BUILTIN_SUPPLEMENT_DIR = Path(__file__).parent / "data" / "holidays"


class CalendarRangeError(LookupError):
    """A date falls in a year whose holiday arrangement is unknown."""

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(f"{year}年的节假日安排尚未收录，请导入该年的放假安排")


class CalendarDataError(ValueError):
    """A holiday supplement file cannot be read or is inconsistent."""


# ---------------------------------------------------------------- pure date arithmetic


def as_date(value: _dt.date) -> _dt.date:
    """Drop the time of a ``datetime``: periods here are counted in whole days."""
    if isinstance(value, _dt.datetime):
        return value.date()
    return value


def shift_months(start: _dt.date, months: int) -> _dt.date:
    """Corresponding date ``months`` later, else the last day of that month (民法典第202条).

    Written with :mod:`calendar` rather than ``dateutil.relativedelta`` because dateutil is
    not a direct dependency of the project; the rule is four lines.
    """
    index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last_day = _stdlib_calendar.monthrange(year, month)[1]
    return _dt.date(year, month, min(start.day, last_day))


# ---------------------------------------------------------------- supplement files


class _HolidayEntry(BaseModel):
    """One holiday in a supplement: a single ``date`` or a ``from``–``to`` range."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    name: str = Field(min_length=1)
    date: _dt.date | None = None
    start: _dt.date | None = Field(default=None, alias="from")
    end: _dt.date | None = Field(default=None, alias="to")

    @model_validator(mode="after")
    def _one_form(self) -> Self:
        if self.date is not None and (self.start or self.end):
            raise ValueError("date 与 from/to 只能填写一种")
        if self.date is None and (self.start is None or self.end is None):
            raise ValueError("应填写 date，或同时填写 from 和 to")
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"结束日期 {self.end} 早于开始日期 {self.start}")
        return self

    def days(self) -> list[_dt.date]:
        if self.date is not None:
            return [self.date]
        assert self.start is not None and self.end is not None
        count = (self.end - self.start).days + 1
        return [self.start + _dt.timedelta(days=i) for i in range(count)]


class _Supplement(BaseModel):
    """A year's holiday arrangement as published by the State Council (国务院办公厅通知)."""

    model_config = ConfigDict(extra="forbid")

    year: int = Field(ge=1949, le=2200)
    holidays: list[_HolidayEntry] = Field(default_factory=list)
    workdays: list[_dt.date] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        # A New Year holiday may begin on Dec 30/31 of the previous year or a 调休 day may
        # fall in early January of the next, so allow one month either side of the year.
        low = _dt.date(self.year - 1, 12, 1)
        high = _dt.date(self.year + 1, 1, 31)
        holiday_days = {d for entry in self.holidays for d in entry.days()}
        for day in sorted(holiday_days | set(self.workdays)):
            if not low <= day <= high:
                raise ValueError(f"日期 {day} 不属于 {self.year} 年")
        for day in self.workdays:
            if day.weekday() < 5:
                raise ValueError(f"调休上班日 {day} 不是周六或周日")
            if day in holiday_days:
                raise ValueError(f"{day} 同时列为放假日和调休上班日")
        return self


def check_supplement(data: dict[str, object], where: str = "节假日安排") -> None:
    """Refuse (CalendarDataError, Chinese) a year's arrangement that a file could not hold:
    used before one is saved (an imported notice, days edited by hand)."""
    try:
        _Supplement.model_validate(data)
    except ValidationError as exc:
        raise CalendarDataError(describe_validation_error(where, exc, data)) from exc


def _read_supplement(path: Path) -> _Supplement:
    return load_data_file(
        path,
        "节假日文件",
        _Supplement,
        CalendarDataError,
        shape="应包含 year、holidays、workdays 三项",
    )


def _read_folder(folder: Path) -> dict[int, tuple[Path, _Supplement]]:
    found: dict[int, tuple[Path, _Supplement]] = {}
    if not folder.is_dir():
        return found
    files = sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])
    for path in files:
        supplement = _read_supplement(path)
        if supplement.year in found:
            other = found[supplement.year][0]
            raise CalendarDataError(
                f"{supplement.year}年的放假安排在 {other.name} 和 {path.name} 中重复出现，"
                "请只保留一个文件"
            )
        found[supplement.year] = (path, supplement)
    return found


# ---------------------------------------------------------------- the calendar


class WorkingDayCalendar:
    """Working days, holidays and statutory period arithmetic for mainland China.

    Build it once and reuse it: the constructor reads the supplement folders; every query
    afterwards is a dictionary lookup.
    """

    def __init__(
        self,
        supplement_dirs: Iterable[Path | str] = (),
        *,
        include_builtin: bool = True,
        provisional: bool = False,
    ) -> None:
        self._provisional = provisional
        self._provisional_years: set[int] = set()
        self._builtin_years: set[int] = set()
        self._holidays: dict[_dt.date, str] = {}
        self._workdays: set[_dt.date] = set()
        for day, english in chinese_calendar.holidays.items():
            self._holidays[day] = _chinese_holiday_name(english)
        self._workdays.update(chinese_calendar.workdays)
        first = min(chinese_calendar.holidays).year
        last = max(chinese_calendar.holidays).year
        self._years: set[int] = set(range(first, last + 1))
        #: Where each supplemented year came from (shown in the settings dialog).
        self.supplement_sources: dict[int, Path] = {}

        folders = [BUILTIN_SUPPLEMENT_DIR] if include_builtin else []
        folders.extend(Path(folder) for folder in supplement_dirs)
        merged: dict[int, tuple[Path, _Supplement]] = {}
        for folder in folders:
            merged.update(_read_folder(folder))
        for year, (path, supplement) in sorted(merged.items()):
            self._apply(supplement)
            self.supplement_sources[year] = path
        self._builtin_years = {
            y
            for y in self._years
            if y not in self.supplement_sources
            or self.supplement_sources[y].parent == BUILTIN_SUPPLEMENT_DIR
        }

    def _apply(self, supplement: _Supplement) -> None:
        year = supplement.year
        self._holidays = {d: n for d, n in self._holidays.items() if d.year != year}
        self._workdays = {d for d in self._workdays if d.year != year}
        for entry in supplement.holidays:
            for day in entry.days():
                self._holidays[day] = entry.name
        self._workdays.update(supplement.workdays)
        self._years.add(year)

    # ------------------------------------------------------------ queries

    @property
    def known_years(self) -> frozenset[int]:
        """Years whose arrangement is known (package data plus supplements), not 暂定 ones."""
        return frozenset(self._years - self._provisional_years)

    @property
    def provisional_years(self) -> frozenset[int]:
        """Years this calendar has answered from the statutory holidays alone (暂定)."""
        return frozenset(self._provisional_years)

    def uses_provisional(self, start: _dt.date, end: _dt.date) -> bool:
        """Whether a period from ``start`` to ``end`` crosses a 暂定 year (its end is then 暂定)."""
        low, high = sorted((as_date(start).year, as_date(end).year))
        return any(low <= year <= high for year in self._provisional_years)

    def source_of(self, year: int) -> str | None:
        """Where ``year`` comes from: ``bundled`` (the package or the product's own files),
        ``imported`` (a user's file), ``provisional`` (暂定), or None when unknown."""
        if year in self._provisional_years:
            return "provisional"
        if year not in self._years and self._may_guess(year):
            return "provisional"
        if year not in self._years:
            return None
        return "bundled" if year in self._builtin_years else "imported"

    def holidays_of(self, year: int) -> dict[_dt.date, str]:
        """The 放假日 of ``year`` with their names (a 暂定 year: the statutory ones)."""
        self._check(_dt.date(year, 6, 1))
        return {d: n for d, n in sorted(self._holidays.items()) if d.year == year}

    def adjusted_workdays_of(self, year: int) -> list[_dt.date]:
        """The Saturdays and Sundays of ``year`` that are working days (调休)."""
        self._check(_dt.date(year, 6, 1))
        return sorted(d for d in self._workdays if d.year == year)

    def _may_guess(self, year: int) -> bool:
        # Only years after the last known one: the holiday law was different before 2025,
        # and a gap in the past is a data problem, not next year's missing notice.
        known = self._years - self._provisional_years
        return self._provisional and year > max(known)

    def _check(self, day: _dt.date) -> _dt.date:
        day = as_date(day)
        if day.year not in self._years:
            if not self._may_guess(day.year):
                raise CalendarRangeError(day.year)
            # A new dict, not an update in place: a calendar shared between threads may be
            # iterated (holidays_of) while another thread reaches a 暂定 year.
            self._holidays = {**self._holidays, **statutory_holidays(day.year)}
            self._years.add(day.year)
            self._provisional_years.add(day.year)
        return day

    def is_workday(self, day: _dt.date) -> bool:
        """True on Monday–Friday that are not holidays, and on 调休 Saturdays/Sundays."""
        day = self._check(day)
        if day in self._workdays:
            return True
        return day.weekday() < 5 and day not in self._holidays

    def is_holiday(self, day: _dt.date) -> bool:
        """True on a day of a statutory holiday break (放假日), not on a plain weekend."""
        return self._check(day) in self._holidays

    def holiday_name(self, day: _dt.date) -> str | None:
        """Chinese name of the holiday on ``day`` ("春节", "国庆节"…), else None."""
        return self._holidays.get(self._check(day))

    # ------------------------------------------------------------ period arithmetic

    def roll_forward(self, day: _dt.date) -> _dt.date:
        """``day`` if it is a working day, else the first working day after it (第203条)."""
        day = as_date(day)
        while not self.is_workday(day):
            day += _dt.timedelta(days=1)
        return day

    def add_working_days(self, start: _dt.date, n: int) -> _dt.date:
        """The n-th working day after ``start`` (``start`` itself is never counted)."""
        if n < 0:
            raise ValueError("工作日数不能为负数")
        day = as_date(start)
        remaining = n
        while remaining:
            day += _dt.timedelta(days=1)
            if self.is_workday(day):
                remaining -= 1
        return day

    def add_calendar_days(self, start: _dt.date, n: int) -> _dt.date:
        """Last day of an n-day period after ``start``, rolled to a working day (第203条)."""
        if n < 0:
            raise ValueError("天数不能为负数")
        return self.roll_forward(as_date(start) + _dt.timedelta(days=n))

    def add_months(self, start: _dt.date, n: int) -> _dt.date:
        """Last day of an n-month period: corresponding date or month end, then rolled."""
        if n < 0:
            raise ValueError("月数不能为负数")
        return self.roll_forward(shift_months(as_date(start), n))

    def add_years(self, start: _dt.date, n: int) -> _dt.date:
        """Last day of an n-year period (Feb 29 + 1 year = Feb 28), then rolled."""
        return self.add_months(start, 12 * n)

    def working_days_between(self, a: _dt.date, b: _dt.date) -> int:
        """Working days after ``a`` up to and including ``b`` (negative when b < a)."""
        a, b = as_date(a), as_date(b)
        if b < a:
            return -self.working_days_between(b, a)
        count = 0
        day = a
        while day < b:
            day += _dt.timedelta(days=1)
            if self.is_workday(day):
                count += 1
        return count

    @staticmethod
    def calendar_days_between(a: _dt.date, b: _dt.date) -> int:
        """Days after ``a`` up to and including ``b`` (negative when b < a)."""
        return (as_date(b) - as_date(a)).days


def _chinese_holiday_name(english: str) -> str:
    """The package stores English names; its ``Holiday`` enum knows the Chinese ones."""
    try:
        return chinese_calendar.Holiday(english).chinese
    except ValueError:
        return english


@lru_cache(maxsize=1)
def default_calendar() -> WorkingDayCalendar:
    """Calendar with the package data and the built-in supplements only (shared, read-only)."""
    return WorkingDayCalendar()
