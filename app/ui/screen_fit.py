"""Windows that fit the screen they open on: 1366×768 office laptops first.

A window asks for the size it would like; on a small screen it gets what the screen has
left after the task bar and its own title bar, and is placed inside that area. Every
top-level window and dialog goes through :func:`fit_to_screen` instead of ``resize`` so the
rule lives in one place, and ``tests/gui/test_small_screen.py`` can pretend a 1366×728
work area and check that each window's buttons stay visible.
"""

from __future__ import annotations

from app.ui.qt import QtCore, QtGui, QtWidgets

#: Room for the window's own title bar and frame, which ``resize`` does not count.
FRAME_HEIGHT = 34
FRAME_WIDTH = 8


def available_area(widget: QtWidgets.QWidget | None = None) -> QtCore.QRect:
    """The work area (screen minus task bar) of the screen ``widget`` is on, else the
    primary screen's."""
    screen = widget.screen() if widget is not None else None
    if screen is None:
        screen = QtGui.QGuiApplication.primaryScreen()
    if screen is None:  # no screen at all (a headless test without a platform screen)
        return QtCore.QRect(0, 0, 1366, 728)
    return screen.availableGeometry()


def fitted_size(width: int, height: int, area: QtCore.QRect) -> QtCore.QSize:
    """The wished size, cut to what ``area`` holds once the window frame is counted."""
    return QtCore.QSize(
        min(width, area.width() - FRAME_WIDTH), min(height, area.height() - FRAME_HEIGHT)
    )


def fit_to_screen(widget: QtWidgets.QWidget, width: int, height: int) -> None:
    """Resize ``widget`` to ``width``×``height`` or as much of it as its screen holds, and
    keep it inside the work area."""
    area = available_area(widget)
    size = fitted_size(width, height, area)
    widget.resize(size)
    if widget.isWindow() and not widget.pos().isNull():
        x = min(max(widget.x(), area.left()), area.right() - size.width())
        y = min(max(widget.y(), area.top()), area.bottom() - size.height() - FRAME_HEIGHT)
        widget.move(x, y)


__all__ = ["available_area", "fit_to_screen", "fitted_size"]
