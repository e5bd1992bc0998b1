"""导入案件台账: choose the sheet, check or set which column is which, see the rows and the
rows left out, then import into the campaign.

Every change re-reads the sheet through ``preview_catalogue`` (a catalogue is a few hundred
rows: fast enough on the GUI thread). A sheet that cannot be read as a catalogue shows why
in red (no 案号 column, no header …) and keeps 导入 disabled until the columns are mapped.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Unpack

from app.errors import UserError, user_message
from app.review.campaigns import CatalogueImport
from app.review.catalogue import (
    ROLES,
    CatalogueSheet,
    SheetPreview,
    guess_mapping,
    preview_catalogue,
)
from app.services import Services
from app.ui.column_mapping import add_sheet_preview, fill_columns, mapping_box
from app.ui.parts import error_label
from app.ui.qt import QtWidgets
from app.ui.work_windows import Opener, WorkDialog

PREVIEW_ROWS = 200
REQUIRED = {"case_no"}


class CatalogueImportDialog(WorkDialog):
    def __init__(
        self, services: Services, campaign_id: int, path: Path, **opener: Unpack[Opener]
    ) -> None:
        super().__init__(f"导入案件台账 — {Path(path).name}", (980, 660), **opener)
        self.services = services
        self.campaign_id = campaign_id
        self.path = Path(path)
        self.result_info: CatalogueImport | None = None

        self.preview: SheetPreview = preview_catalogue(
            CatalogueSheet(self.path)
        )  # may raise UserError
        self.sheet_combo = QtWidgets.QComboBox()
        self.sheet_combo.addItems(self.preview.sheet_names)
        self.sheet_combo.setCurrentText(self.preview.sheet)
        self.sheet_combo.currentTextChanged.connect(self._change_sheet)
        self.header_box = QtWidgets.QSpinBox()
        self.header_box.setRange(1, 100)
        self.header_box.setPrefix("第 ")
        self.header_box.setSuffix(" 行")
        self.header_box.valueChanged.connect(lambda *_: self._reread(by_hand=True))
        top = QtWidgets.QFormLayout()
        top.addRow("工作表：", self.sheet_combo)
        top.addRow("表头所在行：", self.header_box)

        roles = [(role, label, role in REQUIRED) for role, label in ROLES]
        mapping_group, self.role_combos = mapping_box(
            roles, lambda _role: self._reread(by_hand=True)
        )

        self.error_label = error_label(hidden=False)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(mapping_group)
        layout.addWidget(self.error_label)
        self.table, self.report, self.import_button = add_sheet_preview(
            self, layout, "台账预览（按上面的列对应读取）", 110, self.do_import
        )
        self._show(self.preview, keep=False)

    # ------------------------------------------------------------ reading
    def mapping(self) -> dict[str, str | int | None]:
        """Role → 1-based column (None: the sheet has no such column)."""
        return {
            role: (None if combo.currentData() is None else int(combo.currentData()) + 1)
            for role, combo in self.role_combos.items()
        }

    def _change_sheet(self, sheet: str) -> None:
        self._show(
            self._read(lambda: preview_catalogue(CatalogueSheet(self.path, sheet))), keep=False
        )

    def _reread(self, by_hand: bool) -> None:
        if not by_hand or getattr(self, "_filling", False):
            return
        sheet = self.sheet_combo.currentText()
        header = self.header_box.value()
        header_moved = header != self.preview.header_row
        columns = None if header_moved else self.mapping()
        source = CatalogueSheet(self.path, sheet, columns, header)
        self._show(self._read(lambda: preview_catalogue(source)))

    def _read(self, call: Callable[[], SheetPreview]) -> SheetPreview:
        try:
            return call()
        except UserError as exc:  # the workbook itself became unreadable
            return SheetPreview(
                self.preview.sheet_names, self.sheet_combo.currentText(), None, [], None, str(exc)
            )

    def _show(self, preview: SheetPreview, keep: bool = True) -> None:
        """Show a reading. When it failed, the columns keep what the user chose (``keep``)
        or, on another sheet, start again from the guess made from its header words."""
        self.preview = preview
        self._filling = True
        try:
            if preview.header_row is not None:
                self.header_box.setValue(preview.header_row)
            mapping: dict[str, int | None] | None = None
            if preview.table is not None:
                mapping = preview.table.mapping
            elif not keep:
                mapping = guess_mapping(preview.headers)
            for role, combo in self.role_combos.items():
                chosen = combo.currentData() if mapping is None else mapping.get(role)
                fill_columns(combo, preview.headers, chosen)
        finally:
            self._filling = False
        error = preview.error or ""
        self.error_label.setText(error)
        self.error_label.setVisible(bool(error))
        self._fill_rows(preview)
        self.import_button.setEnabled(preview.table is not None and bool(preview.table.rows))

    def _fill_rows(self, preview: SheetPreview) -> None:
        table = preview.table
        self.table.clear()
        self.table.setColumnCount(len(ROLES))
        self.table.setHorizontalHeaderLabels([label for _role, label in ROLES])
        rows = table.rows[:PREVIEW_ROWS] if table is not None else []
        self.table.setRowCount(len(rows))
        self.table.setVerticalHeaderLabels([str(r["row"]) for r in rows])
        for r, row in enumerate(rows):
            for c, (role, _label) in enumerate(ROLES):
                value = row.get(role)
                self.table.setItem(
                    r, c, QtWidgets.QTableWidgetItem("" if value is None else str(value))
                )
        self.table.resizeColumnsToContents()
        if table is None:
            self.report.setPlainText(self.error_label.text())
            return
        lines = [
            f"工作表“{table.sheet}”第 {table.header_row} 行为表头，可导入 {len(table.rows)} 行。"
        ]
        missing = [label for role, label in ROLES if table.mapping.get(role) is None]
        if missing:
            lines.append(f"未对应的栏目（可不填）：{'、'.join(missing)}。")
        if table.skipped:
            lines.append(f"跳过 {len(table.skipped)} 行：")
            lines.extend(table.skipped[:50])
        self.report.setPlainText("\n".join(lines))

    # ------------------------------------------------------------ import
    def do_import(self) -> None:
        preview = self.preview
        if preview.table is None:
            return
        campaigns, campaign_id = self.services.campaigns, self.campaign_id
        source = CatalogueSheet(self.path, preview.sheet, self.mapping(), preview.header_row)

        def store() -> CatalogueImport:
            return campaigns.import_catalogue(campaign_id, source)

        try:
            self.result_info = self.tasks.run_op_and_wait(store, initiator=self)
        except (UserError, OSError) as exc:
            self.error_label.setText(f"导入失败：{user_message(exc)}")
            self.error_label.show()
            return
        self.accept()
