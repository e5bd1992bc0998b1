"""Every window on a 1366×768 office laptop (work area 1366×728 above the task bar): it opens
no larger than the screen and every button it shows is inside it (issue 16).

The work area is pretended through ``app.ui.screen_fit.available_area``, the one place the
windows read it; the window is then shown offscreen and laid out, so a layout whose minimum
size is larger than the screen (which ``resize`` cannot shrink) fails here.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.config import Paths, RunContext
from app.services import Services
from app.ui import screen_fit
from app.ui.qt import QtCore, QtWidgets
from app.ui.taskman import TaskManager

SCREENS = {"1366x768": QtCore.QRect(0, 0, 1366, 728), "1280x720": QtCore.QRect(0, 0, 1280, 680)}


@pytest.fixture(params=sorted(SCREENS))
def screen(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> QtCore.QRect:
    area = SCREENS[request.param]
    monkeypatch.setattr(screen_fit, "available_area", lambda _widget=None: area)
    return area


@pytest.fixture
def services(demo_library_template: Path, tmp_path: Path) -> Iterator[Services]:
    target = tmp_path / "data"
    shutil.copytree(demo_library_template, target)
    opened = Services.open(RunContext(Paths(target), today=dt.date(2026, 12, 3)))
    opened.set_reviewer_name("孙组长")
    yield opened
    opened.db.dispose()


@pytest.fixture
def tasks() -> Iterator[TaskManager]:
    manager = TaskManager()
    yield manager
    manager.shutdown()


def _outside(window: QtWidgets.QWidget) -> list[str]:
    """The buttons the window shows that are not wholly inside it (scrolled lists aside)."""
    bounds = window.rect()
    lost = []
    for button in window.findChildren(QtWidgets.QAbstractButton):
        if not button.isVisibleTo(window) or _in_scrolled_view(button, window):
            continue
        top_left = button.mapTo(window, QtCore.QPoint(0, 0))
        rect = QtCore.QRect(top_left, button.size())
        if not bounds.contains(rect):
            lost.append(f"{button.text() or button.toolTip() or type(button).__name__} at {rect}")
    return lost


def _in_scrolled_view(widget: QtWidgets.QWidget, window: QtWidgets.QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QtWidgets.QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def check_fits(qtbot, window: QtWidgets.QWidget, area: QtCore.QRect) -> None:  # type: ignore[no-untyped-def]
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    QtWidgets.QApplication.processEvents()
    title = window.windowTitle()
    assert window.width() <= area.width(), f"{title}: {window.width()} wide"
    assert window.height() <= area.height() - screen_fit.FRAME_HEIGHT + 1, (
        f"{title}: {window.height()} high (minimum {window.minimumSizeHint().height()})"
    )
    assert not _outside(window), f"{title}: buttons off the window: {_outside(window)}"


def _campaign(services: Services) -> tuple[int, int]:
    cases = [c.id for c in services.library.list_cases() if c.kind == "penalty"]
    campaign = services.campaigns.create("2024年第二季度抽查", "spotcheck", "2024Q2").id
    services.campaigns.add_cases(campaign, cases[:2])
    return campaign, cases[0]


WindowMaker = Callable[[Services, TaskManager], QtWidgets.QWidget]


def _main(services: Services, tasks: TaskManager) -> QtWidgets.QWidget:
    from app.ui.main_window import MainWindow

    return MainWindow(services)


def _viewer(services: Services, tasks: TaskManager) -> QtWidgets.QWidget:
    from app.ui.viewer.dossier_window import DossierWindow

    return DossierWindow(services, services.library.list_cases()[0].id)


def _campaigns(services: Services, tasks: TaskManager) -> QtWidgets.QWidget:
    from app.ui.review.campaign_window import CampaignWindow

    _campaign(services)
    return CampaignWindow(services)


def _scoring(services: Services, tasks: TaskManager) -> QtWidgets.QWidget:
    from app.ui.review.scoring_window import ScoringWindow

    return ScoringWindow(services, *_campaign(services))


def _documents(services: Services, tasks: TaskManager) -> QtWidgets.QWidget:
    from app.ui.documents.documents_dialog import DocumentsDialog

    return DocumentsDialog(services, _campaign(services)[0])


def _letter_settings(services: Services, tasks: TaskManager) -> QtWidgets.QWidget:
    from app.ui.letter_settings import LetterSettingsDialog

    return LetterSettingsDialog(services, tasks=tasks)


def _holidays(services: Services, tasks: TaskManager) -> QtWidgets.QWidget:
    from app.ui.holidays_dialog import HolidaysDialog

    return HolidaysDialog(services, tasks)


def _team(services: Services, tasks: TaskManager) -> QtWidgets.QWidget:
    from app.ui.review.team_dialog import TeamDialog

    return TeamDialog(services, _campaign(services)[0])


def _checklists(services: Services, tasks: TaskManager) -> QtWidgets.QWidget:
    from app.ui.checklist_dialog import ChecklistDialog

    return ChecklistDialog(services.checklists, tasks=tasks)


def _ledger(services: Services, tasks: TaskManager) -> QtWidgets.QWidget:
    from app.ui.ledger_dialog import LedgerDialog

    return LedgerDialog(services.ledger(), tasks=tasks)


def _new_campaign(services: Services, tasks: TaskManager) -> QtWidgets.QWidget:
    from app.ui.review.campaign_dialogs import CreateCampaignDialog

    return CreateCampaignDialog(services, tasks=tasks)


def _add_cases(services: Services, tasks: TaskManager) -> QtWidgets.QWidget:
    from app.ui.review.campaign_dialogs import AddCasesDialog

    return AddCasesDialog(services, set())


WINDOWS: dict[str, WindowMaker] = {
    "主窗口": _main,
    "案卷阅览": _viewer,
    "评查活动": _campaigns,
    "评查打分": _scoring,
    "文书与报表": _documents,
    "文书设置": _letter_settings,
    "节假日": _holidays,
    "评查组与分工": _team,
    "评查标准": _checklists,
    "纠错案件台账": _ledger,
    "新建评查活动": _new_campaign,
    "添加案卷": _add_cases,
}


@pytest.mark.parametrize("name", list(WINDOWS))
def test_the_window_fits_a_small_screen(
    qtbot, screen: QtCore.QRect, services: Services, tasks: TaskManager, name: str
) -> None:
    window = WINDOWS[name](services, tasks)
    try:
        check_fits(qtbot, window, screen)
    finally:
        shutdown = getattr(window, "shutdown", None)
        if callable(shutdown):
            shutdown()


def test_fitting_keeps_a_wish_that_fits_and_cuts_one_that_does_not() -> None:
    area = QtCore.QRect(0, 0, 1366, 728)
    assert screen_fit.fitted_size(800, 600, area) == QtCore.QSize(800, 600)
    cut = screen_fit.fitted_size(1400, 880, area)
    assert cut.width() == 1366 - screen_fit.FRAME_WIDTH
    assert cut.height() == 728 - screen_fit.FRAME_HEIGHT
