"""The bases of the work dialogs and windows: opened from a window they use that window and
its writer; opened on their own they bring a runner of their own; a work window hears the
app-wide change signal."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.changes import OpChanges
from app.ui import screen_fit
from app.ui.qt import QtCore, QtWidgets
from app.ui.taskman import TaskManager
from app.ui.work_windows import WorkDialog, WorkWindow


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


class _Heard(WorkWindow):
    def __init__(self, jobs: TaskManager | None = None) -> None:
        super().__init__(jobs, None)
        self.heard: list[tuple[OpChanges, object]] = []

    def _on_changed(self, changes: OpChanges, initiator: object) -> None:
        self.heard.append((changes, initiator))


def test_a_work_window_hears_the_change_signal_of_the_runner_it_was_given(
    qtbot, writer: TaskManager
) -> None:  # type: ignore[no-untyped-def]
    window = _Heard(writer)
    qtbot.addWidget(window)
    assert window.jobs is writer and not window._own_jobs
    assert window.isWindow()
    change = OpChanges(checklists=True)
    writer.signals.changed.emit(change, "评查标准")
    assert window.heard == [(change, "评查标准")]


def test_a_work_window_opened_alone_has_its_own_runner(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = _Heard()
    qtbot.addWidget(window)
    assert window._own_jobs and window.jobs.parent() is window
    window.jobs.shutdown()
