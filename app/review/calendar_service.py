"""The holiday calendar a user keeps: import a year's State Council notice, show a year.

Why here: the window's 文书设置 → 节假日 and the CLI's ``calendar`` commands do the same two
things, so they call this one service (built by :meth:`app.services.Services.calendar`).
An imported notice is saved as ``<data>/calendar/<year>.yaml`` in the supplement format of
:mod:`scoring.workdays`, which every deadline computation then reads.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from app.changes import OpChanges, OpResult
from app.errors import UserError
from scoring.holiday_notice import HolidayNotice, HolidayPeriod, NoticeError, parse_notice
from scoring.statutory_holidays import PROVISIONAL_SOURCE
from scoring.workdays import (
    CalendarDataError,
    CalendarRangeError,
    WorkingDayCalendar,
    check_supplement,
)

#: How the source of a year is told to the user.
SOURCE_LABELS = {
    "bundled": "内置",
    "imported": "已导入",
    "provisional": "暂定",
}

#: What an import changes: deadlines computed from now on (letters read the calendar).
CALENDAR_CHANGED = OpChanges(settings=True, letters=True)


def notice_summary(notice: HolidayNotice) -> dict[str, Any]:
    """The parsed notice as plain data (what the confirmation step and the CLI show)."""
    return {
        "year": notice.year,
        "holidays": [
            {"name": p.name, "from": p.start.isoformat(), "to": p.end.isoformat()}
            for p in notice.holidays
        ],
        "workdays": [d.isoformat() for d in notice.workdays],
    }


#: What a day can be set to by hand in 文书设置 → 节假日.
DAY_MARKS = {"holiday": "放假", "workday": "调休上班", "normal": "按周末规则"}


def marked(notice: HolidayNotice, day: dt.date, mark: str, name: str = "") -> HolidayNotice:
    """``notice`` with ``day`` set by hand to a holiday (named ``name``), an adjusted working
    day, or back to the plain weekend rule. A holiday period the day falls in is cut around
    it, so editing one day never moves the others."""
    if day.year != notice.year:
        raise UserError(f"{day.year}年的日期不能改在{notice.year}年的放假安排里。")
    if mark not in DAY_MARKS:
        raise ValueError(f"unknown day mark {mark!r}")
    periods: list[HolidayPeriod] = []
    for period in notice.holidays:
        if not period.start <= day <= period.end:
            periods.append(period)
            continue
        before, after = day - dt.timedelta(days=1), day + dt.timedelta(days=1)
        if period.start <= before:
            periods.append(HolidayPeriod(period.name, period.start, before))
        if after <= period.end:
            periods.append(HolidayPeriod(period.name, after, period.end))
    workdays = [d for d in notice.workdays if d != day]
    if mark == "holiday":
        periods.append(HolidayPeriod(name or "放假", day, day))
    elif mark == "workday":
        if day.weekday() < 5:
            raise UserError("周一至周五本来就是工作日，只有周六、周日可以设为调休上班日。")
        workdays.append(day)
    periods.sort(key=lambda p: p.start)
    return HolidayNotice(notice.year, tuple(periods), tuple(sorted(workdays)))


def arrangement_from(shown: dict[str, Any]) -> HolidayNotice:
    """The arrangement :meth:`CalendarService.show` describes, as a notice to edit by hand
    (consecutive days of one name become one period)."""
    periods: list[HolidayPeriod] = []
    for entry in shown["holidays"]:
        day, name = dt.date.fromisoformat(entry["date"]), entry["name"]
        last = periods[-1] if periods else None
        if last and last.name == name and last.end + dt.timedelta(days=1) == day:
            periods[-1] = HolidayPeriod(name, last.start, day)
        else:
            periods.append(HolidayPeriod(name, day, day))
    workdays = tuple(dt.date.fromisoformat(d) for d in shown["workdays"])
    return HolidayNotice(int(shown["year"]), tuple(periods), workdays)


class CalendarService:
    """Reads and writes the user's holiday supplements in ``calendar_dir``."""

    def __init__(self, calendar_dir: Path) -> None:
        self.calendar_dir = Path(calendar_dir)

    def calendar(self, *, provisional: bool = True) -> WorkingDayCalendar:
        """A fresh calendar with the user's files (not cached: it reflects an import at once)."""
        try:
            return WorkingDayCalendar([self.calendar_dir], provisional=provisional)
        except CalendarDataError as exc:
            raise UserError(str(exc)) from exc

    @staticmethod
    def parse(text: str) -> HolidayNotice:
        """The pasted notice, parsed but not saved (the window shows it for confirmation)."""
        try:
            return parse_notice(text)
        except NoticeError as exc:
            raise UserError(f"无法导入节假日安排：{exc}") from exc

    def import_notice(self, text: str) -> OpResult[dict[str, Any]]:
        """Parse the notice and save its year as ``<year>.yaml``, replacing an earlier import
        of that year. Refused (nothing written) when the text cannot be read or another file
        in the folder already describes that year."""
        notice = self.parse(text)
        source = f"国务院办公厅关于{notice.year}年部分节假日安排的通知（导入）"
        return self.save_arrangement(notice, source)

    def save_arrangement(
        self, notice: HolidayNotice, source: str = "手工编辑"
    ) -> OpResult[dict[str, Any]]:
        """Save a year's arrangement (parsed, or edited day by day in the settings dialog)
        as ``<year>.yaml``; checked as the calendar will read it before anything is written."""
        try:
            check_supplement(notice.as_supplement(), f"{notice.year}年节假日安排")
        except CalendarDataError as exc:
            raise UserError(str(exc)) from exc
        target = self.calendar_dir / f"{notice.year}.yaml"
        self._refuse_other_file_for(notice.year, target)
        replaced = target.exists()
        self.calendar_dir.mkdir(parents=True, exist_ok=True)
        scratch = target.with_name(target.name + ".tmp")
        scratch.write_text(notice.to_yaml(source), encoding="utf-8")
        os.replace(scratch, target)
        summary = {**notice_summary(notice), "file": str(target), "replaced": replaced}
        return OpResult(summary, CALENDAR_CHANGED)

    def _refuse_other_file_for(self, year: int, target: Path) -> None:
        try:
            calendar = WorkingDayCalendar([self.calendar_dir])
        except CalendarDataError as exc:
            raise UserError(f"日历文件夹中已有无法读取的文件，请先处理：{exc}") from exc
        source = calendar.supplement_sources.get(year)
        if source is not None and source.parent == self.calendar_dir and source != target:
            raise UserError(
                f"{year}年的放假安排已在 {source.name} 中，请先删除或改名该文件再导入。"
            )

    def show(self, year: int) -> dict[str, Any]:
        """A year's holidays, 调休 working days and where they come from."""
        calendar = self.calendar(provisional=True)
        source = calendar.source_of(year)
        if source is None:
            raise UserError(f"{CalendarRangeError(year)}（暂定日历只用于最后一个已知年份之后）。")
        holidays = calendar.holidays_of(year)
        file = calendar.supplement_sources.get(year)
        return {
            "year": year,
            "source": source,
            "source_label": SOURCE_LABELS[source],
            "source_detail": (
                PROVISIONAL_SOURCE if source == "provisional" else str(file) if file else ""
            ),
            "holidays": [{"date": day.isoformat(), "name": name} for day, name in holidays.items()],
            "workdays": [d.isoformat() for d in calendar.adjusted_workdays_of(year)],
        }

    def known_years(self) -> dict[int, str]:
        """Each known year with its source (for a list in the settings dialog)."""
        calendar = self.calendar(provisional=False)
        return {y: str(calendar.source_of(y)) for y in sorted(calendar.known_years)}
