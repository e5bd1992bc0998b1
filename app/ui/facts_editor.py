"""Correcting a dossier's facts from the 案卷信息 tab: 修改… and 恢复识别结果.

``FactsPanel`` asks (``edit_requested`` / ``clear_requested``); this editor asks the reviewer
for the value and calls ``CorrectionService``. A value the service refuses (a date or an
amount in no form people write them) is shown with the service's Chinese message and
nothing is stored. The write runs on the window's one writer; the app-wide change signal
tells the dossier window to read the dossier again.

The two dialogs are module functions (``ask_value``, ``warn``) so tests replace them.
"""

from __future__ import annotations

from pathlib import Path

from app.casefiles.case_detail import DATE_FACT_PREFIX
from app.casefiles.corrections import FACT_LABELS
from app.casefiles.facts import DOUBTFUL
from app.services import Services
from app.ui.confirm_fact_dialog import ConfirmFactDialog
from app.ui.dossier_corrector import DossierCorrector
from app.ui.qt import QtWidgets
from app.ui.taskman import TaskManager
from app.ui.viewer.side_panel import FactsPanel


def hint_for(name: str) -> str:
    if name.startswith(DATE_FACT_PREFIX):
        return "例如 2024年7月13日、2024.7.13、2024-7-13 或 二〇二四年七月十三日"
    if name == "fine_yuan":
        return "例如 8800、8,800元、0.88万元 或 捌仟捌佰元"
    return ""


def ask_value(parent: QtWidgets.QWidget, name: str, current: str) -> str | None:
    """The corrected value of fact ``name``, or None if the reviewer cancelled."""
    label = FACT_LABELS.get(name, name)
    hint = hint_for(name)
    prompt = f"{label}：" + (f"\n（{hint}）" if hint else "")
    text, ok = QtWidgets.QInputDialog.getText(
        parent, f"更正{label}", prompt, QtWidgets.QLineEdit.EchoMode.Normal, current
    )
    return text if ok else None


def warn(parent: QtWidgets.QWidget, message: str) -> None:
    QtWidgets.QMessageBox.warning(parent, "未保存", message)


class FactsEditor(DossierCorrector):
    """Corrections run on the window's one writer; the dossier window reloads when the
    app-wide change signal names this case."""

    def __init__(
        self,
        services: Services,
        case_id: int,
        panel: FactsPanel,
        tasks: TaskManager,
        file_path: Path | None = None,
    ) -> None:
        super().__init__(services, case_id, panel, tasks)
        self.panel = panel
        panel.edit_requested.connect(self.edit)
        panel.clear_requested.connect(self.clear)
        panel.confirm_requested.connect(self.confirm)
        self.dialog: ConfirmFactDialog | None = None
        self.file_path = file_path  # the dossier's file, for the crops of the readings

    def confirm(self, name: str) -> ConfirmFactDialog | None:
        """Open the 待核实 dialog of fact ``name`` (non-modal to the event loop: it confirms
        on the writer and closes itself)."""
        row = self.panel.rows.get(name)
        if row is None or row.fact is None:
            return None
        self.dialog = ConfirmFactDialog(
            self.services, self.tasks, self.case_id, name, row.fact, self.file_path,
            parent=self.panel,
        )  # fmt: skip
        self.dialog.open()
        return self.dialog

    def edit(self, name: str) -> bool:
        """Ask for the value and store it on the writer; False when the reviewer cancelled
        (a refusal is shown by ``warn`` once the writer has tried)."""
        row = self.panel.rows.get(name)
        fact = row.fact if row else None
        value = ask_value(self.panel, name, fact.value or "" if fact else "")
        if value is None:
            return False
        page = fact.page if fact else None
        services, corrections, case_id = self.services, self.services.corrections, self.case_id
        if fact is not None and fact.status == DOUBTFUL:
            # Typing the value of a 待核实 fact confirms it: the pre-checks re-run.
            return self._apply(lambda: services.confirm_fact(case_id, name, value=value), warn)
        return self._apply(lambda: corrections.set_fact(case_id, name, value, page=page), warn)

    def clear(self, name: str) -> bool:
        corrections, case_id = self.services.corrections, self.case_id
        return self._apply(lambda: corrections.clear_fact(case_id, name), warn)
