"""The background work of the 「文书与报表」 dialog: previews, issuing, saving, exporting.

Every task runs on the dialog's one runner (``TaskManager``): a write on its writer, a
preview on its work pool. A newer preview supersedes an older one, closing the dialog
cancels what runs and drops what arrives afterwards. A mixin of ``DocumentsDialog``.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from app.changes import OpChanges
from app.tasks import TaskState
from app.ui.qt import QtWidgets
from app.ui.taskman import Job, TaskManager

if TYPE_CHECKING:
    from app.ui.documents.pages_view import PagesView


class PaperJobs:
    """Job bookkeeping; ``DocumentsDialog`` provides the attributes declared here."""

    if TYPE_CHECKING:
        tasks: TaskManager
        _own_tasks: bool
        _scratch: tempfile.TemporaryDirectory[str]
        status_label: QtWidgets.QLabel
        note_label: QtWidgets.QLabel
        busy_bar: QtWidgets.QProgressBar
        pages_view: PagesView

        def _update_buttons(self) -> None: ...
        def sender(self) -> Any: ...

    def _init_jobs(self) -> None:
        self._jobs: set[Job] = set()
        self._handlers: dict[Job, tuple[Callable[[Any], None], str]] = {}
        self._preview_job: Job | None = None
        self._actions: set[Job] = set()  # issuing, saving, exporting (not previews)
        self._closed = False

    def _window(self) -> QtWidgets.QWidget:
        assert isinstance(self, QtWidgets.QWidget)
        return self

    def _start(
        self,
        work: Callable[[TaskState], Any],
        on_success: Callable[[Any], None],
        busy_text: str,
        failure_title: str = "",
        changes: OpChanges | None = None,
    ) -> Job:
        """Start work on the window's runner: on its writer when it stores something
        (``changes`` says what, for the app-wide signal), else on its work pool."""
        job = self.tasks.start(
            work, writes=changes is not None, changes=changes, initiator=self._window()
        )
        self._jobs.add(job)
        self._handlers[job] = (on_success, failure_title)
        if failure_title:
            self._actions.add(job)
        job.progressed.connect(self._progressed)
        job.succeeded.connect(self._succeeded)
        job.failed.connect(self._failed)
        job.finished.connect(self._finished)
        self.status_label.setText(busy_text)
        self.busy_bar.show()
        self._update_buttons()
        return job

    def _live_job(self) -> Job | None:
        """The job that sent the signal, unless it was superseded or the dialog closed."""
        job = self.sender()
        if self._closed or not isinstance(job, Job) or job not in self._handlers:
            return None
        if job.state.cancelled:
            return None
        return job

    def _progressed(self, _done: int, _total: int, text: str) -> None:
        job = self._live_job()
        if job is not None and text:
            self.status_label.setText(text)

    def _succeeded(self, result: Any) -> None:
        job = self._live_job()
        if job is not None:
            self._handlers[job][0](result)

    def _failed(self, message: str) -> None:
        job = self._live_job()
        if job is None:
            return
        title = self._handlers[job][1]
        self.status_label.setText("未能完成。")
        if job is self._preview_job:
            self.note_label.setText(f"无法生成预览：{message}")
            self.pages_view.set_text(f"无法生成预览：\n{message}")
        else:
            QtWidgets.QMessageBox.warning(self._window(), title or "文书与报表", message)

    def _finished(self) -> None:
        job = self.sender()
        if not isinstance(job, Job):
            return
        self._jobs.discard(job)
        self._actions.discard(job)
        self._handlers.pop(job, None)
        if job is self._preview_job:
            self._preview_job = None
        if self._closed:
            return
        if not self._handlers:
            self.busy_bar.hide()
        self._update_buttons()

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    def shutdown(self) -> None:
        """Cancel what runs and let it end on its own; never wait for LibreOffice."""
        if self._closed:
            return
        self._closed = True
        for job in list(self._jobs):
            job.cancel()
        if self._own_tasks:
            self.tasks.shutdown(wait=False)
        self._scratch.cleanup()
