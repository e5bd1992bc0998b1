"""A progress-and-cancel handle for long work that knows nothing of Qt.

Import, OCR, rendering and exports take a :class:`TaskState`; the window wires it to a
progress bar and a Cancel button (``app/ui/jobs.py``), the CLI to stderr, tests to nothing.
Calling :meth:`TaskState.check` between steps is how work stops when asked to.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field


class Cancelled(Exception):
    """Raised inside a task when the user pressed Cancel; work already saved stays saved."""


@dataclass
class TaskState:
    on_progress: Callable[[int, int, str], None] | None = None
    _cancel: threading.Event = field(default_factory=threading.Event)

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
        return TaskState(on_progress=on_progress, _cancel=self._cancel)

    def progress(self, done: int, total: int, message: str = "") -> None:
        """Report progress and honour a pending cancel in the same breath."""
        self.check()
        if self.on_progress is not None:
            self.on_progress(done, total, message)
