"""文书设置: what the 监督意见书 and 监督决定书 are issued with, the bureau's template folder,
and the letter-number registry (发文字号登记簿).

The dialog draws and forwards: settings are validated by :meth:`app.config.Settings.problems`
(the same check ``settings set`` uses) and saved through ``Services.save_settings``; templates are exported and checked by
:mod:`app.documents.docx_render`; numbers are changed through
:class:`app.review.letter_numbers.LetterNumberRegistry`, whose refusals are shown in Chinese.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Unpack

from app.config import (
    DAY_KINDS,
    DEADLINE_FROM,
    DECISION_ISSUERS,
    LEGAL_BASIS_HINT,
    MAX_GRACE_DAYS,
    OPINION_SCOPES,
    Settings,
    code_problem,
)
from app.errors import UserError, os_reason
from app.review.letter_numbers import KIND_LABELS, SequenceInfo
from app.ui.parts import push_button, stacked
from app.ui.qt import QtWidgets
from app.ui.review.common import table_item
from app.ui.work_windows import Opener, WorkDialog

if TYPE_CHECKING:
    from app.services import Services

TEMPLATE_KINDS = {
    "opinion": "行政执法监督意见书",
    "decision": "行政执法监督决定书",
    "circular": "评查情况通报",
    "sheet": "案卷评查表",
}
REGISTRY_COLUMNS = ["文书种类", "机关代字", "年份", "下一个序号", "已发文数", "最近发文"]


def choice_box(choices: dict[str, str], current: str) -> QtWidgets.QComboBox:
    """A combo box of a choice setting: its Chinese labels, the stored value as data."""
    box = QtWidgets.QComboBox()
    for key, label in choices.items():
        box.addItem(label, key)
    box.setCurrentIndex(max(0, box.findData(current)))
    return box


def day_box(value: int, low: int) -> QtWidgets.QSpinBox:
    box = QtWidgets.QSpinBox()
    box.setRange(low, MAX_GRACE_DAYS)
    box.setValue(int(value))
    box.setSuffix(" 天")
    return box


class LetterSettingsDialog(WorkDialog):
    def __init__(self, services: Services, **opener: Unpack[Opener]) -> None:
        # Saving settings and setting a sequence number are writes: on the one writer.
        super().__init__("文书设置", (820, 720), **opener)
        self.services = services
        self.registry = services.numbers()
        s = services.settings

        self.issuing_organ = QtWidgets.QLineEdit(s.issuing_organ)
        self.decision_organ = QtWidgets.QLineEdit(s.decision_organ)
        self.decision_organ.setPlaceholderText("留空即为上面的发文机关")
        self.code_opinion = QtWidgets.QLineEdit(s.letter_code_opinion)
        self.code_decision = QtWidgets.QLineEdit(s.letter_code_decision)
        self.code_bulletin = QtWidgets.QLineEdit(s.letter_code_bulletin)
        self.code_bulletin.setPlaceholderText("如：司监通（评查情况通报的文号）")
        self.days = QtWidgets.QSpinBox()
        self.days.setRange(0, 9999)  # checked on save, so a typo gets a message
        self.days.setValue(int(s.rectification_days))
        self.days.setSuffix(" 天")
        self.day_kind = QtWidgets.QComboBox()
        for key, label in DAY_KINDS.items():
            self.day_kind.addItem(label, key)
        self.day_kind.setCurrentIndex(max(0, self.day_kind.findData(s.rectification_day_kind)))
        self.deadline_from = choice_box(DEADLINE_FROM, s.deadline_from)
        self.opinion_scope = choice_box(OPINION_SCOPES, s.opinion_scope)
        self.decision_issuer = choice_box(DECISION_ISSUERS, s.decision_issuer)
        self.grace_days = day_box(s.decision_grace_days, 0)
        self.objection_days = day_box(s.objection_days, 1)
        self.needs_reminder = QtWidgets.QCheckBox("逾期后须先催办，再出具决定书")
        self.needs_reminder.setChecked(bool(s.decision_needs_reminder))
        self.basis_opinion = QtWidgets.QLineEdit(s.legal_basis_opinion)
        self.basis_opinion.setPlaceholderText(LEGAL_BASIS_HINT)
        self.basis_decision = QtWidgets.QLineEdit(s.legal_basis_decision)
        self.basis_decision.setPlaceholderText("留空即同意见书依据")
        self.copy_to = QtWidgets.QLineEdit(s.copy_to)
        self.copy_to.setPlaceholderText("如：市人民政府办公室，市委依法治市办")
        self.reviewer = QtWidgets.QLineEdit(s.reviewer_name)

        letters = QtWidgets.QGroupBox("监督文书")
        form = QtWidgets.QFormLayout(letters)
        form.addRow("发文机关", self.issuing_organ)
        form.addRow("决定书出具机关", self.decision_organ)
        form.addRow("意见书机关代字", self.code_opinion)
        form.addRow("决定书机关代字", self.code_decision)
        form.addRow("通报机关代字", self.code_bulletin)
        days_row = QtWidgets.QHBoxLayout()
        days_row.addWidget(self.days)
        days_row.addWidget(self.day_kind, 1)
        self.holidays_button = QtWidgets.QPushButton("节假日…")
        self.holidays_button.setToolTip("导入国务院放假通知、查看或手工调整某年的放假安排")
        self.holidays_button.clicked.connect(self.show_holidays)
        days_row.addWidget(self.holidays_button)
        form.addRow("整改期限", days_row)
        form.addRow("期限起算日", self.deadline_from)
        form.addRow("意见书问题范围", self.opinion_scope)
        form.addRow("意见书法律依据", self.basis_opinion)
        form.addRow("决定书出具方式", self.decision_issuer)
        form.addRow("决定书法律依据", self.basis_decision)
        form.addRow("决定书宽限天数", self.grace_days)
        form.addRow("", self.needs_reminder)
        form.addRow("申请复查期限", self.objection_days)
        form.addRow("抄送", self.copy_to)
        form.addRow("评查人员姓名", self.reviewer)

        # ---- templates
        self.template_dir = QtWidgets.QLineEdit(s.template_dir)
        self.template_dir.setPlaceholderText("留空则使用内置模板")
        choose = push_button("选择…", self.choose_template_dir)
        self.export_button = push_button("导出内置模板…", self.export_templates)
        self.check_button = push_button("检查模板", self.check_templates)
        self.template_report = QtWidgets.QPlainTextEdit()
        self.template_report.setReadOnly(True)
        self.template_report.setMaximumHeight(110)
        templates = QtWidgets.QGroupBox("文书模板")
        t_layout = QtWidgets.QVBoxLayout(templates)
        row = QtWidgets.QHBoxLayout()
        row.addWidget(QtWidgets.QLabel("模板文件夹"))
        row.addWidget(self.template_dir, 1)
        row.addWidget(choose)
        row.addWidget(self.export_button)
        row.addWidget(self.check_button)
        t_layout.addLayout(row)
        t_layout.addWidget(self.template_report)

        # ---- registry
        self.registry_table = QtWidgets.QTableWidget(0, len(REGISTRY_COLUMNS))
        self.registry_table.setHorizontalHeaderLabels(REGISTRY_COLUMNS)
        self.registry_table.verticalHeader().setVisible(False)
        self.registry_table.setSelectionBehavior(
            QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows
        )
        self.registry_table.setSelectionMode(
            QtWidgets.QAbstractItemView.SelectionMode.SingleSelection
        )
        self.registry_table.horizontalHeader().setStretchLastSection(True)
        self.set_next_button = push_button("修改下一个序号…", self.set_next)
        self.registry_hint = QtWidgets.QLabel()
        self.registry_hint.setWordWrap(True)
        registry = QtWidgets.QGroupBox("发文字号登记簿")
        r_layout = QtWidgets.QVBoxLayout(registry)
        r_layout.addWidget(self.registry_table)
        r_row = QtWidgets.QHBoxLayout()
        r_row.addWidget(self.registry_hint, 1)
        r_row.addWidget(self.set_next_button)
        r_layout.addLayout(r_row)

        self.buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Save
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        # The three groups scroll on a small screen; 保存 / 取消 always stay in view.
        body = stacked(letters, templates, registry, stretch_last=1)
        scroll = QtWidgets.QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self.refresh_registry()

    # ------------------------------------------------------------------ settings
    def candidate(self) -> Settings:
        """The settings as typed (not yet saved)."""
        return replace(
            self.services.settings,
            issuing_organ=self.issuing_organ.text().strip(),
            decision_organ=self.decision_organ.text().strip(),
            letter_code_opinion=self.code_opinion.text().strip(),
            letter_code_decision=self.code_decision.text().strip(),
            letter_code_bulletin=self.code_bulletin.text().strip(),
            rectification_days=self.days.value(),
            rectification_day_kind=self.day_kind.currentData(),
            deadline_from=self.deadline_from.currentData(),
            opinion_scope=self.opinion_scope.currentData(),
            decision_issuer=self.decision_issuer.currentData(),
            decision_grace_days=self.grace_days.value(),
            decision_needs_reminder=self.needs_reminder.isChecked(),
            objection_days=self.objection_days.value(),
            legal_basis_opinion=self.basis_opinion.text().strip(),
            legal_basis_decision=self.basis_decision.text().strip(),
            copy_to=self.copy_to.text().strip(),
            template_dir=self.template_dir.text().strip(),
            reviewer_name=self.reviewer.text().strip(),
            extra=dict(self.services.settings.extra),
        )

    def problems(self) -> list[str]:
        """What is wrong with the typed settings (checked by :meth:`Settings.complete_problems`:
        a value may be left unset here, the first letter asks for it)."""
        return self.candidate().complete_problems(allow_unset=True)

    def save(self) -> bool:
        candidate = self.candidate()
        found = candidate.complete_problems(allow_unset=True)
        if found:
            QtWidgets.QMessageBox.warning(self, "设置有误", "\n".join(found))
            return False
        try:
            # Saves every setting, and the open services act under the new name at once.
            services = self.services
            self.tasks.run_op_and_wait(lambda: services.save_settings(candidate), initiator=self)
        except OSError as exc:
            QtWidgets.QMessageBox.warning(
                self, "无法保存设置", f"设置文件写入失败：{os_reason(exc)}"
            )
            return False
        self.accept()
        return True

    # ------------------------------------------------------------------ templates
    def show_holidays(self) -> None:
        """文书设置 → 节假日: the calendar every deadline is counted on."""
        from app.ui.holidays_dialog import HolidaysDialog

        HolidaysDialog(self.services, self.tasks, self).exec()

    def choose_template_dir(self) -> None:
        folder = QtWidgets.QFileDialog.getExistingDirectory(
            self, "选择模板文件夹", self.template_dir.text().strip()
        )
        if folder:
            self.template_dir.setText(folder)
            self.check_templates()

    def export_templates(self) -> None:
        from app.documents.docx_render import export_templates

        folder = QtWidgets.QFileDialog.getExistingDirectory(self, "把内置模板导出到文件夹")
        if not folder:
            return
        try:
            written = export_templates(Path(folder))
        except UserError as exc:
            QtWidgets.QMessageBox.warning(self, "未导出模板", str(exc))
            return
        except OSError as exc:
            QtWidgets.QMessageBox.warning(self, "未导出模板", f"无法写入：{os_reason(exc)}")
            return
        self.template_dir.setText(folder)
        self.check_templates()
        self.template_report.appendPlainText(
            f"已导出 {len(written)} 个模板和“字段说明.txt”到 {folder}，"
            "保存设置后将使用该文件夹中的模板。"
        )

    def check_templates(self) -> list[str]:
        """Check each template the folder holds (or the bundled ones); returns the problems."""
        from app.documents.docx_render import check_template, template_path

        folder = self.template_dir.text().strip() or None
        lines, problems = [], []
        for kind, title in TEMPLATE_KINDS.items():
            path = template_path(kind, folder)
            own = folder is not None and Path(path).parent == Path(folder)
            where = "本单位模板" if own else "内置模板"
            try:
                check_template(kind, folder)
            except UserError as exc:
                problems.append(f"{title}（{where}）：{exc}")
                lines.append(f"✗ {title}（{where}）：{exc}")
            else:
                lines.append(f"✓ {title}（{where}）可以使用")
        self.template_report.setPlainText("\n".join(lines))
        return problems

    # ------------------------------------------------------------------ registry
    def refresh_registry(self) -> None:
        self.sequences: list[SequenceInfo] = self.registry.sequences()
        self.registry_table.setRowCount(len(self.sequences))
        for row, seq in enumerate(self.sequences):
            values = [
                KIND_LABELS.get(seq.kind, seq.kind),
                seq.code,
                seq.year,
                seq.next_number,
                seq.issued,
                seq.last_issued or "",
            ]
            for col, value in enumerate(values):
                self.registry_table.setItem(row, col, table_item(value, row if col == 0 else None))
        self.registry_table.resizeColumnsToContents()
        self.registry_hint.setText(
            "文号一经使用不再重复。纸质发文在前的，可把下一个序号调大以接续；不能调回已发出的序号。"
            if self.sequences
            else "还没有发文。第一次出具文书时会按上面的机关代字自动建立登记。"
        )
        self.set_next_button.setEnabled(bool(self.sequences))

    def selected_sequence(self) -> SequenceInfo | None:
        row = self.registry_table.currentRow()
        if 0 <= row < len(self.sequences):
            return self.sequences[row]
        return self.sequences[0] if len(self.sequences) == 1 else None

    def set_next(self) -> SequenceInfo | None:
        seq = self.selected_sequence()
        if seq is None:
            QtWidgets.QMessageBox.information(self, "修改下一个序号", "请先在登记簿中选中一行。")
            return None
        value, ok = QtWidgets.QInputDialog.getInt(
            self,
            "修改下一个序号",
            f"{KIND_LABELS.get(seq.kind, seq.kind)} {seq.code}〔{seq.year}〕的下一个序号：",
            seq.next_number,
            1,
            999999,
        )
        if not ok:
            return None
        try:
            registry = self.registry
            updated = self.tasks.run_op_and_wait(
                lambda: registry.set_next(seq.kind, seq.code, seq.year, value), initiator=self
            )
        except UserError as exc:
            QtWidgets.QMessageBox.warning(self, "不能修改序号", str(exc))
            return None
        self.refresh_registry()
        for row, s in enumerate(self.sequences):
            if (s.kind, s.code, s.year) == (seq.kind, seq.code, seq.year):
                self.registry_table.selectRow(row)
        return updated


__all__ = ["LetterSettingsDialog", "code_problem"]
