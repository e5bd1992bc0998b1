"""Every window on a 1366×768 office laptop (work area 1366×728 above the task bar): it opens
no larger than the screen and every button it shows is inside it (issue 16).

The work area is pretended through ``app.ui.screen_fit.available_area``, the one place the
windows read it; the window is then shown offscreen and laid out, so a layout whose minimum
size is larger than the screen (which ``resize`` cannot shrink) fails here.
"""

from __future__ import annotations

import pytest

from app.services import Services
from app.ui import screen_fit
from app.ui.qt import QtCore, QtWidgets
from app.ui.taskman import TaskManager
from tests.gui.windows import WINDOWS, shut

SCREENS = {"1366x768": QtCore.QRect(0, 0, 1366, 728), "1280x720": QtCore.QRect(0, 0, 1280, 680)}


@pytest.fixture(params=sorted(SCREENS))
def screen(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> QtCore.QRect:
    area = SCREENS[request.param]
    monkeypatch.setattr(screen_fit, "available_area", lambda _widget=None: area)
    return area


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


@pytest.mark.parametrize("name", list(WINDOWS))
def test_the_window_fits_a_small_screen(
    qtbot,
    screen: QtCore.QRect,
    window_services: Services,
    window_tasks: TaskManager,
    name: str,
) -> None:
    window = WINDOWS[name](window_services, window_tasks)
    try:
        check_fits(qtbot, window, screen)
    finally:
        shut(window)


def test_fitting_keeps_a_wish_that_fits_and_cuts_one_that_does_not() -> None:
    area = QtCore.QRect(0, 0, 1366, 728)
    assert screen_fit.fitted_size(800, 600, area) == QtCore.QSize(800, 600)
    cut = screen_fit.fitted_size(1400, 880, area)
    assert cut.width() == 1366 - screen_fit.FRAME_WIDTH
    assert cut.height() == 728 - screen_fit.FRAME_HEIGHT
