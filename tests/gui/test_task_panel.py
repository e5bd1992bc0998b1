"""The 任务 panel: every job listed with its own 取消; the user's import goes before a
background resume; a new dossier shows in the library while its reading goes on."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from app.config import Paths, RunContext
from app.services import Services
from app.tasks import TaskState
from app.ui.main_window import MainWindow
from app.ui.qt import QtCore
from tests.unit.test_library_import import make_pdf


@pytest.fixture
def window(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    services = Services.open(RunContext(Paths(tmp_path / "data")))
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.imports.report = lambda title, text: None
    window.imports.confirm = lambda items: None
    yield window
    window.close()


def endless(state: TaskState) -> None:
    """A long job that runs until it is cancelled (a resume of many dossiers)."""
    stop = threading.Event()
    while True:
        state.check()
        stop.wait(0.01)


def lines(window: MainWindow) -> list[str]:
    return [label.text() for _record, label, _button in window.task_panel.rows]


def test_each_job_has_its_own_cancel(qtbot, window: MainWindow) -> None:
    first = window.jobs.start(endless, title="第一项任务")
    second = window.jobs.start(endless, title="第二项任务")
    qtbot.waitUntil(lambda: first.future is not None and second.future is not None)
    window.task_button.click()
    assert window.task_dock.isVisibleTo(window)
    assert window.task_button.text() == "任务（2）"
    assert lines(window) == ["第一项任务", "第二项任务"]
    with qtbot.waitSignal(second.cancelled, timeout=10_000):
        window.task_panel.rows[1][2].click()
    assert first.future is not None and not first.future.done()  # the other one goes on
    qtbot.waitUntil(lambda: lines(window) == ["第一项任务"])  # the panel hears the end next
    with qtbot.waitSignal(first.cancelled, timeout=10_000):
        window.task_panel.rows[0][2].click()
    qtbot.waitUntil(lambda: window.jobs.idle)
    assert window.task_panel.empty.isVisibleTo(window.task_panel)
    assert window.task_button.text() == "任务"


def test_an_import_goes_before_the_background_resume_and_shows_early(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    resume = window.jobs.start(endless, title="继续识别未完成的案卷", background=True)
    qtbot.waitUntil(lambda: resume.future is not None)
    seen: list[tuple[int, bool]] = []  # (rows in the library, job still running) per refresh
    window.model.modelReset.connect(
        lambda: seen.append((window.model.rowCount(), window.jobs.busy))
    )

    assert window.imports.import_paths([make_pdf(tmp_path / "新卷.pdf", pages=2)]) is None
    records = window.jobs.queue.records()
    assert [r.title for r in records] == [
        "继续识别未完成的案卷",
        "导入 新卷.pdf",
        "继续识别未完成的案卷",
    ]
    assert window.task_panel.rows[0][1].text().endswith("（正在取消）")
    assert window.task_panel.rows[1][1].text() == "导入 新卷.pdf（等待中）"

    qtbot.waitUntil(lambda: window.jobs.idle, timeout=240_000)
    assert not window.jobs.queue.records()
    assert (1, True) in seen  # listed while its reading still ran
    case = window.model.case_at(0)
    assert case.status == "ready"
    # The refreshes a reading brings keep the reviewer's selection.
    qtbot.wait(200)  # the refreshes the job's end queued have run
    rows = (
        QtCore.QItemSelectionModel.SelectionFlag.Select
        | QtCore.QItemSelectionModel.SelectionFlag.Rows
    )
    window.table.selectionModel().select(window.proxy.index(0, 0), rows)
    assert window.selected_case_ids() == [case.id]
    window.refresh_library()
    assert window.selected_case_ids() == [case.id]


def test_a_replaced_row_is_not_drawn_under_the_new_ones(qtbot) -> None:  # type: ignore[no-untyped-def]
    from app.ui.task_panel import TaskPanel
    from app.ui.taskman import TaskManager

    tasks = TaskManager()
    panel = TaskPanel(tasks)
    qtbot.addWidget(panel)
    panel.show()
    first = tasks.queue.add("继续识别未完成的案卷", background=True)
    tasks.queue_changed.emit()
    [(_record, label, _button)] = panel.rows
    old_row = label.parentWidget()
    tasks.queue.add("建立演示评查活动", running=False)
    tasks.queue.remove(first)
    tasks.queue_changed.emit()
    assert [lbl.text() for _r, lbl, _b in panel.rows] == ["建立演示评查活动（等待中）"]
    assert not old_row.isVisible()
    tasks.shutdown()
