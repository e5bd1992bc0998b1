"""The bases of the dialogs and windows a reviewer works in (评查标准, 文书设置, 纠错案件台账,
评查组与分工 …; the 评查活动 and 评分 windows).

Each of them opened the same way, written out again in each: the window it opens from as
its Qt parent, that window's one writer (or a runner of its own when opened by itself, as in
a test), its title, and the size it fits to the screen. :class:`WorkDialog` does those steps
once, so a dialog's constructor only takes what is its own (a service, a campaign) plus the
:class:`Opener` it passes on, and the rule for the writer and the screen stays in one place.
:class:`WorkWindow` does the same for a top-level work window, which also follows the
app-wide change signal.
"""

from __future__ import annotations

from typing import TypedDict, Unpack

from app.changes import OpChanges
from app.ui.qt import Qt, QtWidgets
from app.ui.screen_fit import fit_to_screen
from app.ui.taskman import TaskManager, window_runner


class Opener(TypedDict, total=False):
    """Where a dialog is opened from, passed by keyword: ``parent`` (the window) and
    ``tasks`` (that window's one writer). Both may be left out."""

    parent: QtWidgets.QWidget | None
    tasks: TaskManager | None


class WorkDialog(QtWidgets.QDialog):
    """A dialog titled ``title``, fitted to ``size`` (None: as large as its contents ask),
    whose writes run on ``self.tasks``: the opener's writer, else a runner of its own."""

    def __init__(self, title: str, size: tuple[int, int] | None, **opener: Unpack[Opener]) -> None:
        super().__init__(opener.get("parent"))
        self.tasks = window_runner(self, opener.get("tasks"))
        self.setWindowTitle(title)
        if size is not None:
            fit_to_screen(self, *size)


class WorkWindow(QtWidgets.QMainWindow):
    """A window of its own (not a panel of ``parent``) whose writes run on ``self.jobs``:
    the opener's runner, else one of its own (``_own_jobs``: stopped when it closes). Every
    change on that runner's app-wide signal reaches ``_on_changed``."""

    def __init__(self, jobs: TaskManager | None, parent: QtWidgets.QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.jobs = window_runner(self, jobs)
        self._own_jobs = jobs is None
        self.jobs.signals.changed.connect(self._on_changed)

    def _on_changed(self, changes: OpChanges, initiator: object) -> None:
        """Read back what ``changes`` says changed (``initiator``: who asked)."""
        raise NotImplementedError


__all__ = ["Opener", "WorkDialog", "WorkWindow"]
