"""Run long work off the GUI thread with progress, cancel and results delivered on the GUI thread.

The work itself is a plain function taking a Qt-free :class:`app.tasks.TaskState`; this module
only moves it to a worker thread and turns its reports into signals (the Orange/calibre way).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from app.errors import UserError, user_message
from app.tasks import Cancelled, TaskState
from app.ui.qt import QtCore, Signal

log = logging.getLogger(__name__)


# The one translation of an exception into a user's line lives in app/errors.py.
failure_message = user_message


class Job(QtCore.QObject):
    """One background task. Signals arrive on the thread that created the job (the GUI thread)."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, work: Callable[[TaskState], Any], parent: QtCore.QObject | None = None):
        super().__init__(parent)
        self._work = work
        self.state = TaskState(on_progress=self._report)
        self.future: Future[Any] | None = None

    def _report(self, done: int, total: int, message: str) -> None:
        # Emitted from the worker thread; Qt queues it to the GUI thread (auto connection).
        self.progressed.emit(done, total, message)

    def cancel(self) -> None:
        self.state.cancel()

    def run_in(self, executor: ThreadPoolExecutor) -> None:
        self.future = executor.submit(self._run)

    def _run(self) -> None:
        try:
            result = self._work(self.state)
        except Cancelled:
            self.cancelled.emit()
        except Exception as exc:  # shown to the user in Chinese by the caller
            if not isinstance(exc, UserError):
                log.exception("background work failed")
            self.failed.emit(failure_message(exc))
        else:
            self.succeeded.emit(result)
        finally:
            self.finished.emit()


class JobRunner(QtCore.QObject):
    """Starts jobs on one worker thread pool and shuts it down with the window."""

    def __init__(self, parent: QtCore.QObject | None = None, workers: int = 1):
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="job")
        self._jobs: set[Job] = set()
        self._closed = False

    def start(self, work: Callable[[TaskState], Any]) -> Job:
        """A job that starts once control is back in the event loop: callers connect its
        signals right after this returns, and a job that failed at once would otherwise
        report to nobody."""
        job = Job(work)
        self._jobs.add(job)
        job.finished.connect(self._forget)  # queued: runs on the GUI thread
        QtCore.QTimer.singleShot(0, self, lambda: self._submit(job))
        return job

    def _submit(self, job: Job) -> None:
        if self._closed:  # the window closed before the job could start
            self._jobs.discard(job)
            return
        job.run_in(self._executor)

    def _forget(self) -> None:
        job = self.sender()
        if isinstance(job, Job):
            self._jobs.discard(job)

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    def shutdown(self) -> None:
        self._closed = True
        for job in list(self._jobs):
            job.cancel()
        self._executor.shutdown(wait=True, cancel_futures=True)
