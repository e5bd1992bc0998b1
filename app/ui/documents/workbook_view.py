"""The preview of the Excel 汇总表: a summary line and the first rows of each sheet."""

from __future__ import annotations

from app.ui.documents import preview as pv
from app.ui.qt import QtWidgets


class WorkbookView(QtWidgets.QWidget):
    """One tab per sheet, read-only, with the sheet's row count in the tab title."""

    def __init__(self) -> None:
        super().__init__()
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.summary = QtWidgets.QLabel()
        self.summary.setWordWrap(True)
        self.tabs = QtWidgets.QTabWidget()
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs)

    def show_workbook(self, book: pv.WorkbookPreview) -> None:
        self.summary.setText(book.summary() + f"下表为各工作表的前 {pv.WORKBOOK_HEAD_ROWS} 行。")
        self.tabs.clear()
        for sheet in book.sheets:
            columns = max((len(r) for r in sheet.head), default=0)
            table = QtWidgets.QTableWidget(max(len(sheet.head) - 1, 0), columns)
            table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
            if sheet.head:
                table.setHorizontalHeaderLabels(sheet.head[0])
            for r, row in enumerate(sheet.head[1:]):
                for c, value in enumerate(row):
                    table.setItem(r, c, QtWidgets.QTableWidgetItem(value))
            table.resizeColumnsToContents()
            self.tabs.addTab(table, f"{sheet.name}（{max(sheet.rows - 1, 0)} 行）")
