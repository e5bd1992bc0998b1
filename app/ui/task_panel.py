"""The 任务 panel: every job of the window on one line each, with its own 取消, and the
status-bar button that opens it.

Thin on purpose: what a line says and the order of the jobs come from
:mod:`app.work_queue` (plain Python); this module only draws them when the task manager
says the queue moved.
"""

from __future__ import annotations

from collections.abc import Callable

from app.ui.parts import push_button
from app.ui.qt import Qt, QtWidgets
from app.ui.taskman import TaskManager
from app.work_queue import RUNNING, WAITING, JobRecord


class TaskPanel(QtWidgets.QWidget):
    """One row per job: its line (dossier, stage, page i/n, dossier k/m) and 取消."""

    def __init__(self, tasks: TaskManager, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.rows: list[tuple[JobRecord, QtWidgets.QLabel, QtWidgets.QPushButton]] = []
        self._layout = QtWidgets.QVBoxLayout(self)
        self.empty = QtWidgets.QLabel("当前没有任务。")
        self._layout.addWidget(self.empty)
        self._list = QtWidgets.QVBoxLayout()
        self._layout.addLayout(self._list)
        self._layout.addStretch(1)
        tasks.queue_changed.connect(self.refresh)

    def refresh(self) -> None:
        records = self.tasks.queue.records()
        if [r for r, _l, _b in self.rows] != records:
            self._rebuild(records)
        for record, label, button in self.rows:
            label.setText(record.line())
            button.setEnabled(record.state in (RUNNING, WAITING))
        self.empty.setVisible(not records)

    def _rebuild(self, records: list[JobRecord]) -> None:
        while self._list.count():
            item = self._list.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # else drawn under the new rows until it is deleted
                widget.deleteLater()
        self.rows = []
        for record in records:
            row = QtWidgets.QWidget()
            line = QtWidgets.QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            label = QtWidgets.QLabel()
            label.setWordWrap(True)
            button = push_button("取消", self._canceller(record), "停止这项任务；已识别的页面保留")
            line.addWidget(label, 1)
            line.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            self._list.addWidget(row)
            self.rows.append((record, label, button))

    def _canceller(self, record: JobRecord) -> Callable[[], None]:
        return lambda: self.tasks.cancel(record)


class TaskButton(QtWidgets.QToolButton):
    """The status bar's 任务 button: how many jobs there are, what the first one is doing;
    a click shows or hides the 任务 panel."""

    def __init__(self, tasks: TaskManager, dock: QtWidgets.QDockWidget) -> None:
        super().__init__()
        self.tasks = tasks
        self.dock = dock
        self.setAutoRaise(True)
        self.clicked.connect(self.toggle)
        tasks.queue_changed.connect(self.refresh)
        self.refresh()

    def toggle(self) -> None:
        self.dock.setVisible(self.dock.isHidden())  # isHidden: true of a hidden window too
        if not self.dock.isHidden():
            self.dock.raise_()

    def refresh(self) -> None:
        count = len(self.tasks.queue.records())
        self.setText(f"任务（{count}）" if count else "任务")
        self.setToolTip(self.tasks.queue.summary() or "当前没有任务")
