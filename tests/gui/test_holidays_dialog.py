"""文书设置 → 节假日: paste the State Council notice, check it on the calendar, save it; set a
day by hand; letters with a 暂定 deadline listed for re-check (issue 14)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.config import Paths, RunContext
from app.errors import UserError
from app.services import Services
from app.ui.holidays_dialog import HOLIDAY_COLOUR, WORKDAY_COLOUR, HolidaysDialog
from app.ui.letter_settings import LetterSettingsDialog
from app.ui.qt import QtCore, QtWidgets
from app.ui.taskman import TaskManager

NOTICES = Path(__file__).parents[1] / "fixtures" / "holiday_notices"


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    opened = Services.open(RunContext(Paths(tmp_path / "data"), today=dt.date(2026, 12, 3)))
    yield opened
    opened.db.dispose()


@pytest.fixture
def dialog(qtbot, services: Services) -> Iterator[HolidaysDialog]:
    tasks = TaskManager()
    shown = HolidaysDialog(services, tasks, today=dt.date(2026, 12, 3))
    qtbot.addWidget(shown)
    yield shown
    tasks.shutdown()


def _colour(dialog: HolidaysDialog, day: dt.date) -> str:
    fmt = dialog.calendar.dateTextFormat(QtCore.QDate(day.year, day.month, day.day))
    return fmt.background().color().name()


def test_a_pasted_notice_is_shown_then_saved(dialog: HolidaysDialog, services: Services) -> None:
    dialog.notice_text.setPlainText((NOTICES / "2027_invented.txt").read_text("utf-8"))
    dialog.parse_button.click()
    assert dialog.shown_year() == 2027
    assert "尚未保存" in dialog.source_label.text()
    assert "春节：2027年2月5日至2027年2月13日放假，共9天" in dialog.preview.text()
    assert _colour(dialog, dt.date(2027, 2, 8)) == HOLIDAY_COLOUR
    assert _colour(dialog, dt.date(2027, 2, 20)) == WORKDAY_COLOUR
    assert not (services.ctx.paths.calendar_dir / "2027.yaml").exists()  # nothing saved yet
    with pytest.raises(UserError):  # the year is not known until it is saved
        services.letters().deadline_for(dt.date(2027, 1, 28), 10)
    dialog.save_button.click()
    assert (services.ctx.paths.calendar_dir / "2027.yaml").is_file()
    assert "已导入" in dialog.source_label.text()
    assert not dialog.save_button.isEnabled()
    deadline = services.letters().deadline_for(dt.date(2027, 1, 28), 10)
    # 10 days end on 2-7, inside 春节 (2-5…2-13, then a Sunday): the next working day
    assert deadline == dt.date(2027, 2, 15)


def test_an_unreadable_notice_is_refused_with_its_line(dialog: HolidaysDialog) -> None:
    text = (NOTICES / "2027_invented.txt").read_text("utf-8")
    dialog.notice_text.setPlainText(text.replace("4月3日（周六）", "4月3日（周五）"))
    dialog.parse_button.click()
    assert not dialog.error.isHidden() and "4月3日" in dialog.error.text()
    assert not dialog.save_button.isEnabled()


def test_a_day_set_by_hand_is_saved(dialog: HolidaysDialog, services: Services) -> None:
    saturday = dt.date(2026, 12, 5)
    dialog.calendar.setSelectedDate(QtCore.QDate(2026, 12, 5))
    assert "休息日" in dialog.day_label.text()
    dialog.mark_buttons["workday"].click()
    assert _colour(dialog, saturday) == WORKDAY_COLOUR and "手工编辑" in dialog.source_label.text()
    dialog.save_button.click()
    assert services.calendar().calendar(provisional=False).is_workday(saturday)


def test_the_settings_dialog_opens_the_holidays(qtbot, services, monkeypatch) -> None:
    opened: list[QtWidgets.QDialog] = []
    monkeypatch.setattr(HolidaysDialog, "exec", lambda self: opened.append(self) or 0)
    settings = LetterSettingsDialog(services)
    qtbot.addWidget(settings)
    settings.holidays_button.click()
    assert len(opened) == 1 and opened[0].windowTitle() == "节假日安排"
