"""Rectification deadlines on the working-day calendar (built-in holidays plus the
supplements a user drops into the data folder's calendar folder)."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

from app.errors import UserError
from scoring.time_limits import format_cn_date
from scoring.workdays import CalendarDataError, CalendarRangeError, WorkingDayCalendar

DAY_KINDS = {"natural": "日", "working": "个工作日"}


@lru_cache(maxsize=8)
def _calendar(folder: str, files: tuple[object, ...], provisional: bool) -> WorkingDayCalendar:
    del files  # part of the cache key only
    return WorkingDayCalendar(
        [folder] if folder and Path(folder).is_dir() else [], provisional=provisional
    )


def _files_of(folder: Path | None) -> tuple[object, ...]:
    """Names, sizes and times of the folder's supplements: an import (``calendar import``,
    the settings dialog) changes them, so the next deadline reads the new year at once."""
    if folder is None or not folder.is_dir():
        return ()
    found = [p for p in folder.iterdir() if p.suffix in (".yaml", ".yml")]
    return tuple(sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in found))


def working_calendar(calendar_dir: Path | None, *, provisional: bool = False) -> WorkingDayCalendar:
    """The calendar with the user's supplements; a broken supplement file is a Chinese error.
    ``provisional``: a year after the last known one is counted on the statutory holidays
    (暂定, see :mod:`scoring.statutory_holidays`) instead of refused."""
    try:
        return _calendar(str(calendar_dir or ""), _files_of(calendar_dir), provisional)
    except CalendarDataError as exc:
        raise UserError(str(exc)) from exc


def rectification_deadline(
    calendar: WorkingDayCalendar, start: date, days: int, kind: str = "natural"
) -> date:
    """The last day of an N-day rectification period counted from ``start`` (the day of
    issue is not counted). ``natural``: N calendar days, a last day falling on a rest day or
    holiday moves to the next working day; ``working``: the N-th working day."""
    if days < 1:
        raise UserError("整改期限天数必须是正整数。")
    if kind not in DAY_KINDS:
        raise UserError(
            f"整改期限的计算方式应为 natural（自然日）或 working（工作日），而不是“{kind}”。"
        )
    try:
        if kind == "working":
            return calendar.add_working_days(start, days)
        return calendar.add_calendar_days(start, days)
    except CalendarRangeError as exc:
        raise UserError(
            f"无法计算整改期限：{exc}。请导入该年度的国务院办公厅放假通知"
            f"（命令行：calendar import 通知.txt），或手工指定整改期限。"
        ) from exc


def describe_period(days: int, kind: str) -> str:
    """ "30日" / "20个工作日", as letters print the length of a period."""
    return f"{days}{DAY_KINDS.get(kind, '日')}"


def cn_date(day: date | None) -> str:
    return format_cn_date(day) if day else ""
