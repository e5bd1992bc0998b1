"""The window's one job runner and its one database writer (Anki's ``taskman.py`` and
``operations``): every background task and every write goes through a :class:`TaskManager`.

Two executors, on purpose:

* the **writer**, a single thread: every operation that writes to the database from the
  window runs here, one after another, so writes never race each other and never block the
  GUI thread;
* the **work pool**: file and CPU work (import, OCR, rendering, exports, previews) that may
  run side by side.

A write is an *operation* (:meth:`TaskManager.run_op`): a plain function that calls a service
and returns a change description (``OpChanges``, ``OpResult`` or a result with ``changes``).
On success the manager emits :attr:`AppSignals.changed` once with those changes, on the GUI
thread; panels subscribe to that one signal and refresh from its flags. A failure is shown
in Chinese and its traceback goes to the log.

Long work takes a Qt-free :class:`app.tasks.TaskState` (progress and cancel); a :class:`Job`
turns its reports into signals delivered on the GUI thread. A long job that writes (import,
OCR reading, the demo build) runs on the work pool, and its state's ``write`` hands each of
its small writes to the writer and waits for it (:meth:`TaskManager.write`): the reading and
OCR stay off the writer, so a reviewer's deduction is stored between two OCR pages instead
of after the whole import, and yet every write in the window runs on the one writer.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from typing import Any, TypeVar

from app.changes import NOTHING, OpChanges, changes_of
from app.errors import UserError, user_message
from app.tasks import Cancelled, TaskState, Writer, write_here
from app.ui.qt import QtCore, QtWidgets, Signal
from app.work_queue import CANCELLING, RUNNING, UNTITLED, WAITING, JobRecord, WorkQueue

log = logging.getLogger(__name__)

WRITER_THREAD = "db-writer"
T = TypeVar("T")


# The one translation of an exception into a user's line lives in app/errors.py.
failure_message = user_message


class AppSignals(QtCore.QObject):
    """The app-wide "something changed" hook: one instance, made by the main window and
    handed to every panel. ``changed(changes, initiator)``: ``initiator`` is the object that
    asked for the operation (a panel may skip a refresh it already did itself), or None."""

    changed = Signal(object, object)  # OpChanges, initiator


class _Waker(QtCore.QObject):
    done = Signal()


def _changes(result: object) -> OpChanges:
    try:
        return changes_of(result)
    except TypeError:  # a write that does not say what it changed: nothing to refresh
        log.warning("operation returned no change description: %r", type(result).__name__)
        return NOTHING


class Job(QtCore.QObject):
    """One background task. Signals arrive on the thread that created the job (the GUI thread)."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()

    def __init__(
        self,
        work: Callable[[TaskState], Any],
        parent: QtCore.QObject | None = None,
        writer: Writer = write_here,
    ):
        super().__init__(parent)
        self._work = work
        # What the 任务 panel shows of this job (the manager lists long jobs' records).
        self.record = JobRecord(0, "")
        self.state = TaskState(on_progress=self._report, writer=writer, on_describe=self._describe)
        self.future: Future[Any] | None = None

    def _report(self, done: int, total: int, message: str) -> None:
        # Emitted from the worker thread; Qt queues it to the GUI thread (auto connection).
        self.record.progress(done, total, message)
        self.progressed.emit(done, total, message)

    def _describe(self, **fields: Any) -> None:
        self.record.describe(**fields)
        self.progressed.emit(self.record.page, self.record.pages, "")

    def cancel(self) -> None:
        self.state.cancel()
        if self.record.state == RUNNING:
            self.record.state = CANCELLING

    def run_in(self, executor: Executor) -> None:
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


class TaskManager(QtCore.QObject):
    """The one runner for background work and the one writer to the database (see module)."""

    # The list of jobs (running or waiting) changed, or one of them moved on.
    queue_changed = Signal()
    # A long job has ended and let go of the runner: work waiting for it may start.
    job_ended = Signal()

    def __init__(
        self,
        signals: AppSignals | None = None,
        parent: QtCore.QObject | None = None,
        workers: int = 2,
    ) -> None:
        super().__init__(parent)
        self.queue = WorkQueue()
        self.signals = signals if signals is not None else AppSignals(self)
        self._writer_ident: int | None = None
        self._writer = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix=WRITER_THREAD, initializer=self._note_writer
        )
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="work")
        self._jobs: set[Job] = set()  # long jobs (a progress bar shows them)
        # Short writes and queries, in the order they were asked for (a dict keeps it).
        self._ops: dict[Job, None] = {}
        self._closed = False

    # ------------------------------------------------------------ starting work
    def start(
        self,
        work: Callable[[TaskState], Any],
        *,
        writes: bool = False,
        changes: OpChanges | None = None,
        initiator: object = None,
        title: str = UNTITLED,
        background: bool = False,
        _op: bool = False,
    ) -> Job:
        """A long job with progress and cancel. ``writes=True`` runs it whole on the writer
        (a job that does little but write), otherwise on the work pool, where the job's
        writes go to the writer through ``state.write``. ``changes``: what the job
        changed, emitted on the app-wide signal when it ends (also when cancelled or failed
        part-way: work already saved stays saved).

        The job starts once control is back in the event loop: callers connect its signals
        right after this returns, and a job that failed at once would otherwise report to
        nobody."""
        job = Job(work, writer=self.write)
        job.state.background = background  # it yields the OCR workers (app/casefiles/ocr_pool.py)
        if _op:
            self._ops[job] = None
        else:
            self._jobs.add(job)
            job.record = self.queue.add(title, background=background)
            job.progressed.connect(self.queue_changed)
            self.queue_changed.emit()
        job.finished.connect(self._forget)  # queued: runs on the GUI thread
        if changes is not None:
            job.finished.connect(lambda: self.signals.changed.emit(changes, initiator))
        executor = self._writer if writes else self._pool
        job.setProperty("writes", writes)
        QtCore.QTimer.singleShot(0, self, lambda: self._submit(job, executor))
        return job

    def run_op(
        self,
        parent: QtWidgets.QWidget | None,
        op: Callable[[], Any],
        on_success: Callable[[Any], None] | None = None,
        *,
        title: str = "操作未能完成",
        on_failure: Callable[[str], None] | None = None,
        initiator: object = None,
    ) -> Job:
        """Run one write ``op()`` on the writer. On the GUI thread afterwards: the app-wide
        signal carries ``changes_of(result)`` (once), then ``on_success(result)`` runs. A
        failure is shown to the user in Chinese under ``title`` (or handed to
        ``on_failure`` instead, e.g. a form that stays open)."""
        job = self.start(lambda _state: op(), writes=True, _op=True)

        def succeeded(result: Any) -> None:
            if self._closed:  # the window is gone; the write itself is stored
                return
            self.signals.changed.emit(
                _changes(result), initiator if initiator is not None else parent
            )
            if on_success is not None:
                on_success(result)

        def failed(message: str) -> None:
            if self._closed:
                return
            if on_failure is not None:
                on_failure(message)
            else:
                QtWidgets.QMessageBox.warning(parent, title, message)

        job.succeeded.connect(succeeded)
        job.failed.connect(failed)
        return job

    def run_op_and_wait(self, op: Callable[[], Any], *, initiator: object = None) -> Any:
        """Run one write on the writer and wait for it, the GUI still painting: for a modal
        form that must know whether its values were stored (it stays open on a refusal).
        The app-wide signal carries the changes before this returns; the operation's
        exception (a ``UserError`` with its Chinese text) is raised here for the form."""
        if self._closed:
            raise RuntimeError("task manager is shut down")
        waker = _Waker()
        loop = QtCore.QEventLoop()
        waker.done.connect(loop.quit)  # queued: the writer emits, the GUI thread quits
        future = self._writer.submit(op)
        future.add_done_callback(lambda _f: waker.done.emit())
        if not future.done():
            loop.exec()
        result = future.result()
        self.signals.changed.emit(_changes(result), initiator)
        return result

    def write(self, write: Callable[[], T]) -> T:
        """Run one write of a long job on the writer and wait for its result: the
        :class:`TaskState` writer of every job this manager starts. On the writer itself
        (a job started with ``writes=True``) the write runs at once. Once the window has
        shut down the writer takes nothing more and the job stops as if cancelled (work
        stored so far stays stored: an interrupted reading resumes at the next start)."""
        if threading.get_ident() == self._writer_ident:
            return write()
        if threading.current_thread() is threading.main_thread():
            raise RuntimeError("a write from the GUI thread goes through run_op")
        try:
            future = self._writer.submit(write)
        except RuntimeError:  # the writer is shut down
            raise Cancelled("已取消") from None
        return future.result()

    def _note_writer(self) -> None:
        self._writer_ident = threading.get_ident()

    def run_query(
        self,
        query: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[str], None] | None = None,
    ) -> Job:
        """A read that takes long enough to run off the GUI thread (on the work pool)."""
        job = self.start(lambda _state: query(), _op=True)
        job.succeeded.connect(on_success)
        if on_failure is not None:
            job.failed.connect(on_failure)
        return job

    def _submit(self, job: Job, executor: Executor) -> None:
        if job.future is not None:  # already run by shutdown()
            return
        if self._closed:  # the window closed before the job could start
            self._jobs.discard(job)
            self._ops.pop(job, None)
            return
        job.run_in(executor)

    def _forget(self) -> None:
        job = self.sender()
        if isinstance(job, Job):
            long_job = job in self._jobs
            self._jobs.discard(job)
            self._ops.pop(job, None)
            self.queue.remove(job.record)
            self.queue_changed.emit()
            if long_job:
                self.job_ended.emit()

    def cancel(self, record: JobRecord, *, by_user: bool = True) -> None:
        """Stop the job shown by ``record`` (a waiting one is dropped from its queue).
        ``by_user=False``: the window itself pre-empts it (a background resume making way
        for the user's import), so it will be resumed."""
        record.cancelled_by_user = by_user
        if record.state == WAITING:
            if record.drop is not None:
                record.drop()
            self.queue.remove(record)
        for job in list(self._jobs):
            if job.record is record:
                job.cancel()
        self.queue_changed.emit()

    # ------------------------------------------------------------ state
    @property
    def busy(self) -> bool:
        """Whether a long job is running (short operations do not count: they queue)."""
        return bool(self._jobs)

    @property
    def idle(self) -> bool:
        """Whether nothing at all is pending, operations included (tests wait for this)."""
        return not self._jobs and not self._ops

    def shutdown(self, wait: bool = True) -> None:
        """Cancel what is running, wait for it (unless ``wait=False``: work that cannot be
        interrupted, such as LibreOffice, ends on its own), and refuse new work."""
        if self._closed:
            return
        self._closed = True
        for job in list(self._jobs):
            job.cancel()
        # A write the user asked for is never dropped: operations still waiting for the
        # event loop go to the writer now, and the writer finishes its queue.
        for job in list(self._ops):
            if job.future is None and job.property("writes"):
                job.run_in(self._writer)
        # The pool first: a cancelled job may still be handing its last write to the writer.
        self._pool.shutdown(wait=wait, cancel_futures=True)
        self._writer.shutdown(wait=wait)


def window_runner(owner: QtCore.QObject, tasks: TaskManager | None) -> TaskManager:
    """The runner a window or dialog works with: the main window's one runner when it was
    handed one, else a runner of its own (a dialog opened by itself, as in a test), owned by
    ``owner`` so it goes away with it. One place for that choice, so every dialog makes it
    the same way."""
    return tasks if tasks is not None else TaskManager(parent=owner)
