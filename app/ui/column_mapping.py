"""The 列对应 box shared by the Excel imports (checklist tables, case catalogues): one combo
per role, offering every column of the header row or （无）."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from app.ui.parts import action_row, push_button
from app.ui.qt import QtWidgets


def mapping_box(
    roles: Iterable[tuple[str, str, bool]], on_change: Callable[[str], None], columns: int = 3
) -> tuple[QtWidgets.QGroupBox, dict[str, QtWidgets.QComboBox]]:
    """A "列对应（带 * 为必需）" group of (role, label, required) combos, ``columns`` per row.
    When one is set to a column, any other on that column goes back to （无） (a column plays
    one role); then ``on_change(role)`` runs."""
    box = QtWidgets.QGroupBox("列对应（带 * 为必需）")
    grid = QtWidgets.QGridLayout(box)
    combos: dict[str, QtWidgets.QComboBox] = {}
    for n, (role, label, required) in enumerate(roles):
        combo = QtWidgets.QComboBox()
        combo.currentIndexChanged.connect(lambda *_, r=role: _changed(combos, r, on_change))
        combos[role] = combo
        grid.addWidget(
            QtWidgets.QLabel(label + (" *" if required else "")), n // columns, (n % columns) * 2
        )
        grid.addWidget(combo, n // columns, (n % columns) * 2 + 1)
    return box, combos


def _changed(
    combos: dict[str, QtWidgets.QComboBox], role: str, on_change: Callable[[str], None]
) -> None:
    column = combos[role].currentData()
    if column is not None:
        for other, combo in combos.items():
            if other != role and combo.currentData() == column:
                combo.blockSignals(True)
                combo.setCurrentIndex(0)
                combo.blockSignals(False)
    on_change(role)


def fill_columns(combo: QtWidgets.QComboBox, headers: list[str], chosen: int | None) -> None:
    """Offer （无） and every column (0-based data), selecting ``chosen``; emits no signal."""
    combo.blockSignals(True)
    try:
        combo.clear()
        combo.addItem("（无）", None)
        for col, header in enumerate(headers):
            combo.addItem(f"第 {col + 1} 列：{header or '（空）'}", col)
        index = combo.findData(chosen) if chosen is not None else 0
        combo.setCurrentIndex(max(0, index))
    finally:
        combo.blockSignals(False)


def add_sheet_preview(
    dialog: QtWidgets.QDialog,
    layout: QtWidgets.QVBoxLayout,
    caption: str,
    report_height: int,
    on_import: Callable[[], object],
) -> tuple[QtWidgets.QTableWidget, QtWidgets.QPlainTextEdit, QtWidgets.QPushButton]:
    """The lower half of an Excel import, added to ``layout``: the read-only sheet under
    ``caption`` (taking any growth), the read-only 校验结果 report (what will be imported and
    what is left out, and why), then 导入 (calling ``on_import``) and 取消. Returns the
    table and the report to fill, and 导入 to enable once the mapping is valid."""
    table = QtWidgets.QTableWidget()
    table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
    report = QtWidgets.QPlainTextEdit()
    report.setReadOnly(True)
    report.setMaximumHeight(report_height)
    import_button = push_button("导入", on_import)
    layout.addWidget(QtWidgets.QLabel(caption))
    layout.addWidget(table, 1)
    layout.addWidget(QtWidgets.QLabel("校验结果"))
    layout.addWidget(report)
    layout.addLayout(action_row(dialog, import_button))
    return table, report, import_button
