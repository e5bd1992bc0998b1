"""A progress-and-cancel handle for long work that knows nothing of Qt.

Import, OCR, rendering and exports take a :class:`TaskState`; the window wires it to a
progress bar and a Cancel button (``app/ui/jobs.py``), the CLI to stderr, tests to nothing.
Calling :meth:`TaskState.check` between steps is how work stops when asked to.

The handle also says where the work's database writes go: :meth:`TaskState.write` runs
one small write (a closure) there. On the command line and in tests that is right here,
in the same thread; in the window it is the task manager's one writer thread, so a long
job reads and computes on the work pool while every write it makes is serialised with the
window's other writes (``app/ui/taskman.py``). Each write is its own unit of work, which is
what keeps an import resumable: an OCR page is stored the moment it is read.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol, TypedDict, TypeVar, Unpack

T = TypeVar("T")


class Cancelled(Exception):
    """Raised inside a task when the user pressed Cancel; work already saved stays saved."""


class Writer(Protocol):
    """Where a long job's writes run: ``writer(write)`` runs ``write()`` and returns its value."""

    def __call__(self, write: Callable[[], T], /) -> T: ...


class Whereabouts(TypedDict, total=False):
    """Where long work is, as :meth:`TaskState.describe` reports it and
    ``JobRecord.describe`` (app/work_queue.py) notes it: one set of keywords for both ends,
    so a new one cannot be added to one side only. A missing (or None) field is unchanged."""

    dossier: str | None
    stage: str | None
    index: int | None  # dossier k …
    count: int | None  # … of m
    case_id: int | None


def write_here(write: Callable[[], T], /) -> T:
    """The writer of the command line and tests: the write runs in the calling thread."""
    return write()


@dataclass
class TaskState:
    on_progress: Callable[[int, int, str], None] | None = None
    _cancel: threading.Event = field(default_factory=threading.Event)
    writer: Writer = write_here
    # Where the work says which dossier and stage it is on (the window's 任务 panel,
    # app/work_queue.py): called with the keywords of Whereabouts that the work gave.
    on_describe: Callable[..., None] | None = None
    # Work nobody is waiting for (resuming other dossiers' reading): it holds shared
    # workers as little as it can, so that work a user asks for gets them at once.
    background: bool = False

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled("已取消")

    def child(self, on_progress: Callable[[int, int, str], None]) -> TaskState:
        """A handle for one stage of the work: its own progress wording, the same Cancel."""
        return TaskState(
            on_progress=on_progress,
            _cancel=self._cancel,
            writer=self.writer,
            on_describe=self.on_describe,
            background=self.background,
        )

    def describe(self, **where: Unpack[Whereabouts]) -> None:
        """Say which dossier (k of m) and stage the work is on, for whoever shows it."""
        if self.on_describe is not None:
            self.on_describe(**where)

    def write(self, write: Callable[[], T]) -> T:
        """Run one database write where this work's writes go (see module)."""
        return self.writer(write)

    def progress(self, done: int, total: int, message: str = "") -> None:
        """Report progress and honour a pending cancel in the same breath."""
        self.check()
        if self.on_progress is not None:
            self.on_progress(done, total, message)
