"""The 纠错案件台账 window: cases corrected on 行政复议 or in 行政诉讼, by quarter.

The dialog draws and forwards: every change goes through
:class:`app.review.corrected_cases.CorrectedCaseService`, whose Chinese refusals are shown in
a message box while the form stays open with what was typed.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Unpack, cast

from app.review.campaigns import period_label
from app.review.corrected_cases import (
    CHANNEL_LABELS,
    COMMON_RESULTS,
    CorrectedCaseInfo,
    CorrectedCaseService,
    ImportReport,
)
from app.ui.parts import ask_open_file, cell_data, closing_row, confirm, ok_cancel, push_button
from app.ui.qt import QtCore, QtWidgets
from app.ui.review.common import attempt, table_item
from app.ui.screen_fit import fit_to_screen
from app.ui.taskman import TaskManager
from app.ui.work_windows import Opener, WorkDialog

if TYPE_CHECKING:
    from app.services import Services

COLUMNS = [
    "季度",
    "执法单位",
    "案号",
    "纠错方式",
    "纠错机关",
    "纠错日期",
    "纠错结果",
    "纠错原因",
    "复盘情况",
    "整改情况",
    "整改日期",
]


def open_ledger_dialog(
    parent: QtWidgets.QWidget | None, services: Services, tasks: TaskManager | None = None
) -> LedgerDialog:
    """Show the ledger (modal) for the window's services; returns the dialog after it closes."""
    service = services.ledger()
    dialog = LedgerDialog(service, parent=parent, tasks=tasks)
    dialog.exec()
    return dialog


def _date_edit(value: date | None = None) -> QtWidgets.QDateEdit:
    edit = QtWidgets.QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setDate(QtCore.QDate(value or date.today()))
    return edit


def _text_edit(text: str | None = None) -> QtWidgets.QPlainTextEdit:
    edit = QtWidgets.QPlainTextEdit(text or "")
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(60)
    return edit


class _Form(QtWidgets.QDialog):
    """A form whose OK runs ``submit``; a refusal keeps the form open with its contents."""

    def __init__(self, title: str, parent: QtWidgets.QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QtWidgets.QFormLayout()
        self.buttons, _ok = ok_cancel(self, "保存", self.save)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self.saved: CorrectedCaseInfo | None = None
        self.tasks: TaskManager | None = None  # the ledger's writer, set when it opens the form

    def submit(self) -> CorrectedCaseInfo:  # pragma: no cover - overridden
        raise NotImplementedError

    def save(self) -> None:
        """Store on the writer and wait: a refusal keeps the form open with its contents."""
        tasks = self.tasks
        store = (
            (lambda: tasks.run_op_and_wait(self.submit, initiator=self)) if tasks else self.submit
        )
        saved = attempt(self, "无法保存", store)
        if saved is not None:
            self.saved = saved
            self.accept()


class EntryForm(_Form):
    """新增纠错案件: every field of an entry."""

    def __init__(
        self, service: CorrectedCaseService, parent: QtWidgets.QWidget | None = None
    ) -> None:
        super().__init__("新增纠错案件", parent)
        self.service = service
        self.department = QtWidgets.QComboBox()
        self.department.setEditable(True)
        self.department.addItems(service.department_names())
        self.department.setCurrentText("")
        self.case_no = QtWidgets.QLineEdit()
        self.case_no.setPlaceholderText("如：某市监罚〔2026〕12号")
        self.channel = QtWidgets.QComboBox()
        for key, label in CHANNEL_LABELS.items():
            self.channel.addItem(label, key)
        self.organ = QtWidgets.QLineEdit()
        self.organ.setPlaceholderText("如：某县人民政府、某区人民法院")
        self.corrected_on = _date_edit()
        self.result_box = QtWidgets.QComboBox()
        self.result_box.setEditable(True)
        self.result_box.addItems(COMMON_RESULTS)
        self.reason = _text_edit()
        self.review_note = _text_edit()
        for label, widget in (
            ("执法单位", self.department),
            ("案号", self.case_no),
            ("纠错方式", self.channel),
            ("纠错机关", self.organ),
            ("纠错日期", self.corrected_on),
            ("纠错结果", self.result_box),
            ("纠错原因", self.reason),
            ("复盘情况", self.review_note),
        ):
            self.form.addRow(label, widget)
        fit_to_screen(self, 520, 460)

    def submit(self) -> CorrectedCaseInfo:
        return self.service.add(
            self.department.currentText(),
            self.case_no.text(),
            self.channel.currentData(),
            self.organ.text(),
            cast(date, self.corrected_on.date().toPython()),
            self.result_box.currentText(),
            self.reason.toPlainText(),
            review_note=self.review_note.toPlainText(),
        )


class NoteForm(_Form):
    """编辑复盘/整改: the department's 复盘 and its rectification of one entry."""

    def __init__(
        self,
        service: CorrectedCaseService,
        entry: CorrectedCaseInfo,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(f"复盘与整改：{entry.department} {entry.case_no}", parent)
        self.service, self.entry = service, entry
        self.review_note = _text_edit(entry.review_note)
        self.rectification_note = _text_edit(entry.rectification_note)
        self.rectified = QtWidgets.QCheckBox("已整改完成，完成日期：")
        self.rectified.setChecked(entry.rectified_on is not None)
        self.rectified_on = _date_edit(entry.rectified_on)
        self.rectified_on.setEnabled(self.rectified.isChecked())
        self.rectified.toggled.connect(self.rectified_on.setEnabled)
        done = QtWidgets.QHBoxLayout()
        done.addWidget(self.rectified)
        done.addWidget(self.rectified_on)
        done.addStretch(1)
        summary = QtWidgets.QLabel(
            f"{entry.channel_label}　{entry.organ}　{entry.date.isoformat()}　"
            f"{entry.result}：{entry.reason}"
        )
        summary.setWordWrap(True)
        self.form.addRow(summary)
        self.form.addRow("复盘情况", self.review_note)
        self.form.addRow("整改情况", self.rectification_note)
        self.form.addRow("", done)
        fit_to_screen(self, 520, 420)

    def submit(self) -> CorrectedCaseInfo:
        return self.service.update(
            self.entry.id,
            review_note=self.review_note.toPlainText(),
            rectification_note=self.rectification_note.toPlainText(),
            rectified_on=self.rectified_on.date().toPython()
            if self.rectified.isChecked()
            else None,
        )


class LedgerDialog(WorkDialog):
    """纠错案件台账: a quarter filter, the entries, and add / note / delete / import."""

    def __init__(self, service: CorrectedCaseService, **opener: Unpack[Opener]) -> None:
        super().__init__("纠错案件台账", (1100, 560), **opener)
        self.service = service
        self.entries: list[CorrectedCaseInfo] = []
        self.form: _Form | None = None

        self.quarter = QtWidgets.QComboBox()
        self.quarter.currentIndexChanged.connect(lambda _i: self.reload())
        top = QtWidgets.QHBoxLayout()
        top.addWidget(QtWidgets.QLabel("季度："))
        top.addWidget(self.quarter)
        top.addStretch(1)

        self.table = QtWidgets.QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.edit_notes())
        self.counts = QtWidgets.QLabel()
        self.counts.setWordWrap(True)

        self.add_button = push_button("新增…", self.add_entry)
        self.note_button = push_button("编辑复盘/整改…", self.edit_notes)
        self.delete_button = push_button("删除", self.delete_entry)
        self.import_button = push_button("从 Excel 导入…", self.import_excel)
        buttons = closing_row(
            self.accept, self.add_button, self.note_button, self.delete_button, self.import_button
        )

        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addWidget(self.counts)
        layout.addLayout(buttons)
        self.reload_quarters()

    # ---------------------------------------------------------------- data
    def selected_quarter(self) -> str | None:
        return self.quarter.currentData()

    def reload_quarters(self, select: str | None = None, select_id: int | None = None) -> None:
        """The quarter list from the entries; keeps (or selects) a quarter, then reloads."""
        wanted = select if select is not None else self.selected_quarter()
        self.quarter.blockSignals(True)
        self.quarter.clear()
        self.quarter.addItem("全部季度", None)
        for q in self.service.quarters():
            self.quarter.addItem(period_label(q), q)
        index = self.quarter.findData(wanted) if wanted else 0
        self.quarter.setCurrentIndex(max(index, 0))
        self.quarter.blockSignals(False)
        self.reload(select_id)

    def reload(self, select_id: int | None = None) -> None:
        quarter = self.selected_quarter()
        self.entries = self.service.list(quarter=quarter)
        self.table.setRowCount(len(self.entries))
        for row, e in enumerate(self.entries):
            values = [
                period_label(e.quarter),
                e.department,
                e.case_no,
                e.channel_label,
                e.organ,
                e.date.isoformat(),
                e.result,
                e.reason,
                e.review_note or "",
                e.rectification_note or "",
                e.rectified_on.isoformat() if e.rectified_on else "",
            ]
            for col, value in enumerate(values):
                self.table.setItem(row, col, table_item(value, e.id if col == 0 else None))
            if e.id == select_id:
                self.table.selectRow(row)
        self.table.resizeColumnsToContents()
        counts = self.service.counts_by_department(quarter)
        where = period_label(quarter) if quarter else "合计"
        self.counts.setText(
            f"{where}：共 {sum(counts.values())} 件"
            + ("（" + "，".join(f"{d} {n} 件" for d, n in counts.items()) + "）" if counts else "")
        )
        self._update_buttons()

    def current_entry(self) -> CorrectedCaseInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        entry_id = cell_data(self.table, rows[0].row())
        return next((e for e in self.entries if e.id == entry_id), None)

    def _update_buttons(self) -> None:
        chosen = self.current_entry() is not None
        self.note_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    # ---------------------------------------------------------------- actions
    def _show_form(self, form: _Form) -> None:
        form.tasks = self.tasks
        self.form = form
        form.accepted.connect(lambda: self._saved(form))
        form.open()

    def _saved(self, form: _Form) -> None:
        if form.saved is not None:
            # a filtered view moves to the quarter of the entry just saved, so it is seen
            quarter = form.saved.quarter if self.selected_quarter() else None
            self.reload_quarters(quarter, form.saved.id)

    def add_entry(self) -> None:
        self._show_form(EntryForm(self.service, self))

    def edit_notes(self) -> None:
        entry = self.current_entry()
        if entry is not None:
            self._show_form(NoteForm(self.service, entry, self))

    def delete_entry(self) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        if not confirm(
            self,
            "删除纠错案件",
            f"确定删除{entry.department} {entry.case_no}（{entry.date.isoformat()}）这条记录吗？"
            "删除会记入操作日志。",
        ):
            return
        service = self.service
        self.tasks.run_op(
            self,
            lambda: service.delete(entry.id),
            lambda _c: self.reload_quarters(),
            title="无法删除",
        )

    def import_excel(self) -> None:
        path = ask_open_file(self, "导入纠错案件台账")
        if path is None:
            return
        service = self.service

        def imported(report: ImportReport) -> None:
            self.reload_quarters()
            if report.errors:
                QtWidgets.QMessageBox.warning(self, "部分行未导入", report.summary())
            else:
                QtWidgets.QMessageBox.information(self, "已导入", report.summary())

        self.tasks.run_op(
            self,
            lambda: service.import_excel(path),
            imported,
            title="无法导入纠错案件台账",
        )
