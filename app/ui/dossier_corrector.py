"""What the dossier window's two correctors (the facts of 案卷信息, the document outline)
share: the dossier they correct, the widget they serve, and how a correction is stored.

Both store through ``CorrectionService`` on the window's one writer and show a refusal (the
service's Chinese ``UserError``) over their widget, nothing stored; written once here so the
two cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from app.services import Services
from app.ui.qt import QtCore, QtWidgets
from app.ui.taskman import TaskManager


class DossierCorrector(QtCore.QObject):
    """Corrects dossier ``case_id`` from ``widget`` (its Qt parent: it goes with the widget)."""

    def __init__(
        self, services: Services, case_id: int, widget: QtWidgets.QWidget, tasks: TaskManager
    ) -> None:
        super().__init__(widget)
        self.services = services
        self.case_id = case_id
        self.tasks = tasks

    @property
    def widget(self) -> QtWidgets.QWidget:
        """The widget corrected from: the Qt parent, kept by Qt."""
        return cast(QtWidgets.QWidget, self.parent())

    def _apply(
        self, correction: Callable[[], object], refused: Callable[[QtWidgets.QWidget, str], None]
    ) -> bool:
        """Store ``correction`` on the writer; a refusal is shown by ``refused`` over the
        widget (each corrector names it its own way)."""
        widget = self.widget
        self.tasks.run_op(widget, correction, on_failure=lambda m: refused(widget, m))
        return True


__all__ = ["DossierCorrector"]
