"""Importing a year's notice into the data folder, showing a year, and deadlines that read
the import at once (issue 14: next year's holidays)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.errors import UserError
from app.review.calendar_service import CalendarService
from app.review.deadlines import rectification_deadline, working_calendar
from scoring.workdays import WorkingDayCalendar

NOTICES = Path(__file__).parents[1] / "fixtures" / "holiday_notices"
NEXT_YEAR = max(WorkingDayCalendar().known_years) + 1


def _text(name: str) -> str:
    return (NOTICES / name).read_text("utf-8")


def test_import_saves_the_year_and_show_reads_it(tmp_path: Path) -> None:
    service = CalendarService(tmp_path / "calendar")
    result = service.import_notice(_text("2026.txt"))
    assert result.changes.letters and result.value["year"] == 2026
    assert result.value["replaced"] is False
    assert (tmp_path / "calendar" / "2026.yaml").is_file()
    shown = service.show(2026)
    assert shown["source"] == "imported" and shown["source_label"] == "已导入"
    assert "2026-02-14" in shown["workdays"]
    assert {"date": "2026-02-15", "name": "春节"} in shown["holidays"]
    assert service.import_notice(_text("2026.txt")).value["replaced"] is True
    assert service.show(2025)["source"] == "bundled"


def test_a_refused_notice_writes_nothing(tmp_path: Path) -> None:
    service = CalendarService(tmp_path / "calendar")
    bad = _text("2026.txt").replace("4月4日（周六）", "4月4日（周五）")
    with pytest.raises(UserError, match="第11行无法识别"):
        service.import_notice(bad)
    assert not (tmp_path / "calendar").exists() or not any((tmp_path / "calendar").iterdir())


def test_another_file_for_the_same_year_is_not_silently_doubled(tmp_path: Path) -> None:
    folder = tmp_path / "calendar"
    service = CalendarService(folder)
    service.import_notice(_text("2026.txt"))
    (folder / "2026.yaml").rename(folder / "my-2026.yaml")
    with pytest.raises(UserError, match=r"my-2026\.yaml"):
        service.import_notice(_text("2026.txt"))


def test_unknown_year_is_shown_as_provisional(tmp_path: Path) -> None:
    shown = CalendarService(tmp_path).show(NEXT_YEAR)
    assert shown["source"] == "provisional" and shown["source_label"] == "暂定"
    assert {"date": f"{NEXT_YEAR}-10-01", "name": "国庆节"} in shown["holidays"]
    assert "全国年节及纪念日放假办法" in shown["source_detail"]
    with pytest.raises(UserError, match="尚未收录"):
        CalendarService(tmp_path).show(1990)


def test_a_deadline_reads_an_import_at_once(tmp_path: Path) -> None:
    # The calendar behind deadlines is cached; an import must not leave it stale.
    if NEXT_YEAR != 2027:
        pytest.skip("the invented notice is for 2027")
    folder = tmp_path / "calendar"
    start = dt.date(2027, 1, 29)
    provisional = working_calendar(folder, provisional=True)
    assert rectification_deadline(provisional, start, 10, "working") == dt.date(2027, 2, 18)
    with pytest.raises(UserError, match="2027年的节假日安排尚未收录"):
        rectification_deadline(working_calendar(folder), start, 10, "working")

    CalendarService(folder).import_notice(_text("2027_invented.txt"))
    imported = working_calendar(folder)
    # Invented arrangement: 春节 Feb 5–13 off, Sat Feb 20 a working day.
    assert rectification_deadline(imported, start, 10, "working") == dt.date(2027, 2, 20)
    assert rectification_deadline(imported, start, 15, "working") == dt.date(2027, 2, 26)
    assert not working_calendar(folder, provisional=True).uses_provisional(start, start)


def test_days_edited_by_hand_are_checked_before_saving(tmp_path: Path) -> None:
    from scoring.holiday_notice import HolidayNotice, HolidayPeriod

    service = CalendarService(tmp_path / "calendar")
    good = HolidayNotice(
        2027,
        (HolidayPeriod("元旦", dt.date(2027, 1, 1), dt.date(2027, 1, 3)),),
        (dt.date(2027, 2, 20),),
    )
    assert service.save_arrangement(good).value["year"] == 2027
    assert service.show(2027)["source"] == "imported"
    monday = HolidayNotice(2027, good.holidays, (dt.date(2027, 2, 22),))
    with pytest.raises(UserError, match="不是周六或周日"):
        service.save_arrangement(monday)
    assert service.show(2027)["workdays"] == ["2027-02-20"]


# ---------------------------------------------------------------- days set by hand


def test_marking_a_day_cuts_its_holiday_period_and_keeps_the_others() -> None:
    from app.review.calendar_service import marked

    notice = CalendarService.parse(_text("2027_invented.txt"))
    edited = marked(notice, dt.date(2027, 2, 8), "normal")
    spring = [p for p in edited.holidays if p.name == "春节"]
    assert [(p.start, p.end) for p in spring] == [
        (dt.date(2027, 2, 5), dt.date(2027, 2, 7)),
        (dt.date(2027, 2, 9), dt.date(2027, 2, 13)),
    ]
    assert dt.date(2027, 2, 8) not in edited.holiday_days()
    assert len(edited.holiday_days()) == len(notice.holiday_days()) - 1


def test_a_saturday_set_to_work_and_a_weekday_refused() -> None:
    from app.review.calendar_service import marked

    notice = CalendarService.parse(_text("2027_invented.txt"))
    saturday = dt.date(2027, 3, 6)
    edited = marked(notice, saturday, "workday")
    assert saturday in edited.workdays
    assert saturday not in marked(edited, saturday, "normal").workdays
    with pytest.raises(UserError, match="周六、周日"):
        marked(notice, dt.date(2027, 3, 3), "workday")
    with pytest.raises(UserError, match="2028年"):
        marked(notice, dt.date(2028, 1, 3), "holiday")


def test_an_edited_arrangement_saves_and_counts(tmp_path: Path) -> None:
    from app.review.calendar_service import arrangement_from, marked

    service = CalendarService(tmp_path / "calendar")
    service.import_notice(_text("2027_invented.txt"))
    shown = service.show(2027)
    assert arrangement_from(shown) == CalendarService.parse(_text("2027_invented.txt"))
    edited = marked(arrangement_from(shown), dt.date(2027, 3, 8), "holiday", "地方假日")
    service.save_arrangement(edited)
    calendar = service.calendar(provisional=False)
    assert not calendar.is_workday(dt.date(2027, 3, 8))
    assert calendar.is_workday(dt.date(2027, 3, 9))
