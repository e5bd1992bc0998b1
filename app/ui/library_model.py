"""Table model of the case-file library: one row per dossier."""

from __future__ import annotations

from typing import Any

from app.casefiles.library import KIND_LABELS, CaseSummary
from app.ui.qt import ModelIndex, Qt, QtCore

# What reading (OCR, documents, facts) has reached for a dossier.
STATUS_LABELS = {
    "imported": "待识别",
    "processing": "识别中",
    "ready": "已就绪",
    "failed": "识别失败",
}

COLUMNS: list[tuple[str, str]] = [
    ("case_no", "案号"),
    ("department", "执法单位"),
    ("kind", "案件类型"),
    ("party", "当事人"),
    ("pages", "页数"),
    ("status", "识别状态"),
    ("file_name", "文件"),
    ("imported_at", "导入时间"),
]


class LibraryTableModel(QtCore.QAbstractTableModel):
    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CaseSummary] = []

    def set_cases(self, cases: list[CaseSummary]) -> None:
        self.beginResetModel()
        self._rows = list(cases)
        self.endResetModel()

    def case_at(self, row: int) -> CaseSummary:
        return self._rows[row]

    def rowCount(self, parent: ModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex | None = None) -> int:
        return len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][1]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        case = self._rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            value = getattr(case, key)
            if key == "status":
                return STATUS_LABELS.get(value, value)
            if key == "kind":
                return KIND_LABELS.get(value, value or "")
            if key == "imported_at" and value is not None:
                return value.astimezone().strftime("%Y-%m-%d %H:%M")  # stored in UTC
            if key in ("case_no", "party") and not value:
                return "—"
            return "" if value is None else value
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "pages":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return case.file_name
        if role == Qt.ItemDataRole.UserRole:
            return case.id
        return None
