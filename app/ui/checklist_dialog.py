"""Browse the checklists (评查标准) and import a bureau's own, from a data file or an Excel table.

Imports are writes: they run on the window's one writer (``TaskManager``) and announce
``OpChanges(checklists=True)`` on the app-wide change signal."""

from __future__ import annotations

from typing import Unpack

from app.changes import OpChanges, OpResult
from app.errors import user_message
from app.review.checklist_excel import ROLES
from app.review.checklists import ChecklistService, ExcelImport
from app.ui.column_mapping import add_sheet_preview, fill_columns, mapping_box
from app.ui.parts import ask_open_file, closing_row, form_rows, push_button, stacked
from app.ui.qt import QtWidgets
from app.ui.work_windows import Opener, WorkDialog
from scoring.checklist import CASE_KIND_LABELS, Checklist, PerOccurrenceRule

KIND_LABELS = CASE_KIND_LABELS


def _fmt(points: float) -> str:
    return f"{points:g}"


class ChecklistDialog(WorkDialog):
    def __init__(self, service: ChecklistService, **opener: Unpack[Opener]) -> None:
        super().__init__("评查标准", (1000, 640), **opener)
        self.service = service
        self.tasks.signals.changed.connect(self._on_changed)

        self.list = QtWidgets.QListWidget()
        self.list.currentRowChanged.connect(self._show_current)
        self.tree = QtWidgets.QTreeWidget()
        self.tree.setHeaderLabels(["评查项目", "分值", "扣分方式", "否决项", "监督事项", "来源"])
        self.tree.headerItem().setToolTip(
            4, "监督事项的扣分列入监督意见书（文书设置中“意见书问题范围”为仅监督事项时）"
        )
        self.tree.setColumnWidth(0, 440)
        self.summary = QtWidgets.QLabel()
        self.summary.setWordWrap(True)

        splitter = QtWidgets.QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(stacked(self.summary, self.tree))
        splitter.setStretchFactor(1, 3)

        self.import_file_button = push_button("导入标准文件（YAML）…", self.import_data_file)
        self.import_excel_button = push_button("从 Excel 表格导入…", self.import_excel)
        buttons = closing_row(self.accept, self.import_file_button, self.import_excel_button)

        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(splitter)
        layout.addLayout(buttons)
        self.reload()

    def reload(self, select_id: str | None = None) -> None:
        self.infos = self.service.list()
        self.list.clear()
        for info in self.infos:
            self.list.addItem(
                f"{info.name}\n{KIND_LABELS.get(info.kind, info.kind)} · 版本 {info.version}"
            )
        if self.infos:
            ids = [i.id for i in self.infos]
            self.list.setCurrentRow(ids.index(select_id) if select_id in ids else 0)

    def _show_current(self, row: int) -> None:
        self.tree.clear()
        if row < 0 or row >= len(self.infos):
            self.summary.clear()
            return
        info = self.infos[row]
        checklist = self.service.get(info.id, info.version)
        bands = "，".join(f"{b.grade} ≥ {_fmt(b.min)}" for b in checklist.grades)
        supervision = sum(i.supervision for c in checklist.categories for i in c.items)
        self.summary.setText(
            f"<b>{checklist.name}</b>（{checklist.province}，{KIND_LABELS.get(checklist.kind, checklist.kind)}，"
            f"版本 {checklist.version}，{checklist.effective_date} 起施行）<br>"
            f"总分 {_fmt(info.total_points)} 分，{info.items} 项，其中否决项 {info.veto_items} 项，"
            f"监督事项 {supervision} 项（其扣分列入监督意见书）。"
            f"等次：{bands}；有否决项者为{checklist.veto_grade}。<br>来源：{checklist.source}"
        )
        for category in checklist.categories:
            points = sum(i.points for i in category.items)
            parent = QtWidgets.QTreeWidgetItem([category.name, _fmt(points), "", "", "", ""])
            font = parent.font(0)
            font.setBold(True)
            parent.setFont(0, font)
            for item in category.items:
                rule = item.rule
                how = (
                    f"每处扣 {_fmt(rule.amount)} 分，扣完为止"
                    if isinstance(rule, PerOccurrenceRule)
                    else "不符合即扣全分"
                )
                child = QtWidgets.QTreeWidgetItem(
                    [
                        f"{item.id}  {item.text}",
                        _fmt(item.points),
                        how,
                        "否决" if item.veto else "",
                        "监督事项" if item.supervision else "",
                        item.source or "",
                    ]
                )
                child.setToolTip(0, item.detail or item.text)
                parent.addChild(child)
            self.tree.addTopLevelItem(parent)
        self.tree.expandAll()

    # ------------------------------------------------------------ importing
    def import_data_file(self) -> None:
        path = ask_open_file(self, "选择评查标准文件", "评查标准 (*.yaml *.yml *.json)")
        if path is None:
            return
        service = self.service

        def imported(result: OpResult[Checklist]) -> None:
            self.reload(result.value.id)

        self.tasks.run_op(
            self,
            lambda: service.import_file(path),
            imported,
            title="无法导入评查标准",
            initiator=self,
        )

    def import_excel(self) -> None:
        path = ask_open_file(self, "选择评查标准表格")
        if path is None:
            return
        try:
            job = self.service.start_excel_import(path)
        except Exception as exc:
            QtWidgets.QMessageBox.warning(self, "无法读取表格", user_message(exc))
            return
        dialog = ExcelMappingDialog(job, parent=self, tasks=self.tasks)
        if dialog.exec() == QtWidgets.QDialog.DialogCode.Accepted and dialog.saved_id:
            self.reload(dialog.saved_id)

    def _on_changed(self, changes: OpChanges, initiator: object) -> None:
        """Checklists stored elsewhere (not by this dialog, which reloads itself) show up."""
        if changes.checklists and initiator is not self:
            current = self.list.currentRow()
            shown = self.infos[current].id if 0 <= current < len(self.infos) else None
            self.reload(shown)


class ExcelMappingDialog(WorkDialog):
    """Map the sheet's columns to the table roles, see the validation report, then import."""

    def __init__(self, job: ExcelImport, **opener: Unpack[Opener]) -> None:
        super().__init__(f"从 Excel 导入评查标准 — {job.table.path.name}", (980, 680), **opener)
        self.job = job
        self.saved_id: str | None = None

        self.sheet_combo = QtWidgets.QComboBox()
        self.sheet_combo.addItems(job.table.sheet_names)
        self.sheet_combo.setCurrentText(job.table.sheet)
        self.sheet_combo.currentTextChanged.connect(self._change_sheet)

        self.name_edit = QtWidgets.QLineEdit(job.meta.name)
        self.province_edit = QtWidgets.QLineEdit(job.meta.province)
        self.version_edit = QtWidgets.QLineEdit(job.meta.version)
        self.kind_combo = QtWidgets.QComboBox()
        for key, label in KIND_LABELS.items():
            self.kind_combo.addItem(label, key)
        self.kind_combo.setCurrentIndex(list(KIND_LABELS).index(job.meta.kind))

        meta = form_rows(
            ("工作表", self.sheet_combo),
            ("标准名称", self.name_edit),
            ("省份/发布机关", self.province_edit),
            ("版本", self.version_edit),
            ("案件类型", self.kind_combo),
        )

        mapping_group, self.role_combos = mapping_box(ROLES, lambda _role: self._validate())

        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(meta)
        layout.addWidget(mapping_group)
        self.preview, self.report, self.import_button = add_sheet_preview(
            self, layout, "表格预览", 160, self._save
        )
        self._fill_from_table()

    def _fill_from_table(self) -> None:
        table = self.job.table
        for role, combo in self.role_combos.items():
            fill_columns(combo, table.headers, self.job.mapping.get(role))
        self.preview.setColumnCount(len(table.headers))
        self.preview.setHorizontalHeaderLabels(table.headers)
        shown = table.rows[:200]
        self.preview.setRowCount(len(shown))
        self.preview.setVerticalHeaderLabels([str(row_no) for row_no, _ in shown])
        for r, (_row_no, cells) in enumerate(shown):
            for c, value in enumerate(cells[: len(table.headers)]):
                self.preview.setItem(
                    r, c, QtWidgets.QTableWidgetItem("" if value is None else str(value))
                )
        self._validate()

    def _change_sheet(self, sheet: str) -> None:
        try:
            self.job.select_sheet(sheet)
        except Exception as exc:
            QtWidgets.QMessageBox.warning(self, "无法读取工作表", user_message(exc))
            return
        self._fill_from_table()

    def _mapping(self) -> dict[str, int | None]:
        return {role: combo.currentData() for role, combo in self.role_combos.items()}

    def _validate(self) -> None:
        self.job.mapping = self._mapping()
        self.job.update_meta(
            name=self.name_edit.text().strip(),
            province=self.province_edit.text().strip(),
            version=self.version_edit.text().strip(),
            kind=self.kind_combo.currentData(),
        )
        result = self.job.convert()
        self.report.setPlainText(result.report_text)
        self.import_button.setEnabled(result.checklist is not None)

    def _save(self) -> None:
        self._validate()
        try:  # on the writer; the form stays open on a refusal
            checklist = self.tasks.run_op_and_wait(self.job.save, initiator=self).value
        except Exception as exc:
            QtWidgets.QMessageBox.warning(self, "无法导入评查标准", user_message(exc))
            return
        self.saved_id = checklist.id
        QtWidgets.QMessageBox.information(
            self, "已导入", f"已导入评查标准：{checklist.name}（版本 {checklist.version}）"
        )
        self.accept()
