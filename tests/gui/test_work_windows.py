"""The base of the work dialogs: opened from a window it uses that window and its writer;
opened on its own it brings a runner of its own; its title and size are set once there."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.ui import screen_fit
from app.ui.qt import QtCore, QtWidgets
from app.ui.taskman import TaskManager
from app.ui.work_windows import WorkDialog


@pytest.fixture
def small_screen(monkeypatch: pytest.MonkeyPatch) -> QtCore.QRect:
    area = QtCore.QRect(0, 0, 1366, 728)
    monkeypatch.setattr(screen_fit, "available_area", lambda _widget=None: area)
    return area


@pytest.fixture
def writer() -> Iterator[TaskManager]:
    manager = TaskManager()
    yield manager
    manager.shutdown()


def test_opened_from_a_window_it_uses_the_window_and_its_writer(
    qtbot, small_screen: QtCore.QRect, writer: TaskManager
) -> None:  # type: ignore[no-untyped-def]
    window = QtWidgets.QWidget()
    qtbot.addWidget(window)
    dialog = WorkDialog("评查标准", (900, 500), parent=window, tasks=writer)
    assert dialog.parent() is window
    assert dialog.tasks is writer
    assert dialog.windowTitle() == "评查标准"
    assert (dialog.width(), dialog.height()) == (900, 500)


def test_opened_alone_it_has_a_runner_of_its_own_and_fits_the_screen(
    qtbot, small_screen: QtCore.QRect
) -> None:  # type: ignore[no-untyped-def]
    dialog = WorkDialog("纠错案件台账", (2000, 2000))
    qtbot.addWidget(dialog)
    assert dialog.parent() is None
    assert dialog.tasks.parent() is dialog
    assert dialog.width() == small_screen.width() - screen_fit.FRAME_WIDTH
    assert dialog.height() == small_screen.height() - screen_fit.FRAME_HEIGHT
    dialog.tasks.shutdown()


def test_without_a_size_it_keeps_the_size_its_contents_ask(
    qtbot, small_screen: QtCore.QRect
) -> None:  # type: ignore[no-untyped-def]
    dialog = WorkDialog("新建评查活动", None)
    qtbot.addWidget(dialog)
    dialog.setMinimumWidth(520)
    QtWidgets.QVBoxLayout(dialog).addWidget(QtWidgets.QLabel("活动名称"))
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.width() >= 520
    assert dialog.windowTitle() == "新建评查活动"
    dialog.tasks.shutdown()
