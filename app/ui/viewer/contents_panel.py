"""The 卷内目录 tab of the dossier window: the dossier's own table of contents as read.

Shown as the archivist wrote it (序号, 文件名称, 日期, 页号): the 页号 are the 目录's, which
need not be the file's page order, so a reviewer compares them with the outline by eye and
the pre-check ``contents_mismatch`` reports where they disagree. Read-only; a dossier
without a 目录 says so instead of showing an empty table.
"""

from __future__ import annotations

from app.casefiles.contents_table import ContentsRow
from app.ui.qt import QtWidgets

COLUMNS = ("序号", "文件名称", "日期", "页号")
EMPTY_TEXT = "本案卷未识别到卷内目录。"


def listed_pages(row: ContentsRow) -> str:
    if row.first_page is None:
        return "—"
    if row.last_page in (None, row.first_page):
        return str(row.first_page)
    return f"{row.first_page}–{row.last_page}"


class ContentsPanel(QtWidgets.QWidget):
    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QtWidgets.QVBoxLayout(self)
        self.note = QtWidgets.QLabel(EMPTY_TEXT)
        self.note.setWordWrap(True)
        self.table = QtWidgets.QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(
            1, QtWidgets.QHeaderView.ResizeMode.Stretch
        )
        layout.addWidget(self.note)
        layout.addWidget(self.table)

    def set_contents(self, rows: list[ContentsRow]) -> None:
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            cells = (
                str(row.number) if row.number is not None else "—",
                row.title,
                row.date.isoformat() if row.date else "—",
                listed_pages(row),
            )
            for j, text in enumerate(cells):
                self.table.setItem(i, j, QtWidgets.QTableWidgetItem(text))
        self.table.setVisible(bool(rows))
        pages = sorted({r.page for r in rows})
        self.note.setText(
            f"第 {'、'.join(map(str, pages))} 页卷内目录所列文件（页号为目录所载，可能与本文件页序不同）："
            if rows
            else EMPTY_TEXT
        )
