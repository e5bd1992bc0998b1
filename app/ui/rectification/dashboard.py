"""The 整改督办 dashboard: which departments owe a reply and which are overdue, this morning.

Three sections (逾期未整改, 本周到期, 待验收) above the full table of opinion letters with a
status filter; a double-click anywhere opens the letter's detail dialog.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from app.errors import UserError
from app.review.rectification import RectificationInfo
from app.ui.parts import cell_data, cell_texts, push_button, stacked
from app.ui.qt import Qt, QtCore, QtGui, QtWidgets, Signal
from app.ui.rectification.common import STATUS_LABELS, day_text, progress_text
from app.ui.rectification.detail import RectificationDetailDialog
from app.ui.review.common import table_item

if TYPE_CHECKING:
    from app.changes import OpChanges
    from app.services import Services
    from app.ui.taskman import TaskManager

COLUMNS = ["文号", "执法单位", "评查活动", "印发日期", "整改期限", "状态", "进度", "问题", "未整改"]
SECTIONS = (
    ("overdue", "逾期未整改", "#b3261e"),
    ("due_soon", "本周到期", "#9a6700"),
    ("awaiting_verification", "待验收", "#1f5fa8"),
)
STATUS_COLOURS = {"overdue": "#b3261e", "replied": "#1f5fa8", "verified": "#2e7d32"}


class SectionList(QtWidgets.QGroupBox):
    """One section of the dashboard: a short table of 文号, 执法单位 and the key figure."""

    activated = Signal(str)

    def __init__(self, title: str, colour: str, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.base_title = title
        self.setTitle(title)
        self.setStyleSheet(f"QGroupBox {{ font-weight: bold; color: {colour}; }}")
        self.table = QtWidgets.QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["文号", "执法单位", "情况"])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setStyleSheet("font-weight: normal; color: palette(text);")
        self.table.itemActivated.connect(self._activated)
        self.table.itemDoubleClicked.connect(self._activated)
        self.empty = QtWidgets.QLabel("无")
        self.empty.setStyleSheet("font-weight: normal; color: gray;")
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)

    def set_items(self, items: list[RectificationInfo], figure: Any) -> None:
        self.setTitle(f"{self.base_title}（{len(items)}）")
        self.table.setRowCount(len(items))
        for row, info in enumerate(items):
            self.table.setItem(row, 0, table_item(info.number, info.number))
            self.table.setItem(row, 1, table_item(info.department))
            self.table.setItem(row, 2, table_item(figure(info)))
        self.table.resizeColumnsToContents()
        self.table.setVisible(bool(items))
        self.empty.setVisible(not items)

    def texts(self) -> list[list[str]]:
        return cell_texts(self.table)

    def _activated(self, item: QtWidgets.QTableWidgetItem) -> None:
        number = cell_data(self.table, item.row())
        if number:
            self.activated.emit(number)


def _due_text(info: RectificationInfo) -> str:
    if info.days_left == 0:
        return f"今天到期（{day_text(info.deadline)}）"
    return f"剩余{info.days_left}天（{day_text(info.deadline)}到期）"


class RectificationDashboard(QtWidgets.QWidget):
    """The morning view of every 监督意见书 and its rectification; refreshes itself when the
    app-wide change signal says letters, rectification or campaigns changed."""

    def __init__(
        self, services: Services, jobs: TaskManager, parent: QtWidgets.QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.jobs = jobs
        jobs.signals.changed.connect(self._on_changed)
        self.detail: RectificationDetailDialog | None = None
        self.items: list[RectificationInfo] = []

        self.summary = QtWidgets.QLabel()
        font = self.summary.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.summary.setFont(font)
        self.summary.setWordWrap(True)
        refresh = push_button("刷新", self.refresh)
        top = QtWidgets.QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(refresh)

        self.sections: dict[str, SectionList] = {}
        row = QtWidgets.QHBoxLayout()
        for key, title, colour in SECTIONS:
            section = SectionList(title, colour)
            section.activated.connect(self.open_detail)
            self.sections[key] = section
            row.addWidget(section)

        self.status_filter = QtWidgets.QComboBox()
        self.status_filter.addItem("全部", None)
        for key, label in STATUS_LABELS.items():
            self.status_filter.addItem(label, key)
        self.status_filter.currentIndexChanged.connect(lambda _i: self._fill_table())
        self.department_filter = QtWidgets.QLineEdit()
        self.department_filter.setPlaceholderText("筛选执法单位")
        self.department_filter.setClearButtonEnabled(True)
        self.department_filter.textChanged.connect(lambda _t: self._fill_table())
        filters = QtWidgets.QHBoxLayout()
        filters.addWidget(QtWidgets.QLabel("全部监督意见书　状态："))
        filters.addWidget(self.status_filter)
        filters.addWidget(self.department_filter, 1)

        self.table = QtWidgets.QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemActivated.connect(self._table_activated)
        self.table.itemDoubleClicked.connect(self._table_activated)

        splitter = QtWidgets.QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(stacked(top, row))
        splitter.addWidget(stacked(filters, self.table))
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(splitter)

    # ------------------------------------------------------------------ data
    def today(self) -> date:
        return self.services.ctx.effective_today()

    def refresh(self) -> None:
        today = self.today()
        service = self.services.rectification()
        try:
            self.items = service.list(today)
            board = service.dashboard(today)
        except UserError as exc:
            self.summary.setText(str(exc))
            return
        self.sections["overdue"].set_items(board["overdue"], lambda i: f"逾期{i.days_overdue}天")
        self.sections["due_soon"].set_items(board["due_soon"], _due_text)
        self.sections["awaiting_verification"].set_items(
            board["awaiting_verification"], lambda i: f"{day_text(i.replied_on)}回复"
        )
        if not self.items:
            self.summary.setText(
                f"{day_text(today)}：还没有出具监督意见书。在评查活动中出具监督意见书后，"
                "整改期限、回复和验收都在这里督办。"
            )
        else:
            owing = sorted({i.department for i in self.items if i.status in ("issued", "overdue")})
            self.summary.setText(
                f"{day_text(today)}：逾期未整改 {len(board['overdue'])} 件，"
                f"本周到期 {len(board['due_soon'])} 件，"
                f"待验收 {len(board['awaiting_verification'])} 件；"
                f"尚欠整改回复的单位 {len(owing)} 个。"
            )
        self._fill_table()

    def _fill_table(self) -> None:
        status = self.status_filter.currentData()
        text = self.department_filter.text().strip()
        rows = [
            i
            for i in self.items
            if (status is None or i.status == status) and (not text or text in i.department)
        ]
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(rows))
        for r, info in enumerate(rows):
            unrectified = sum(1 for p in info.problems if p.outcome != "rectified")
            values = [
                info.number,
                info.department,
                info.campaign or "",
                day_text(info.issued_on),
                day_text(info.deadline),
                info.status_label,
                progress_text(info),
                len(info.problems),
                unrectified,
            ]
            for c, value in enumerate(values):
                item = table_item(value, info.number if c == 0 else None)
                colour = STATUS_COLOURS.get(info.status)
                if colour and c in (5, 6):
                    item.setForeground(QtGui.QBrush(QtGui.QColor(colour)))
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)

    def table_texts(self) -> list[list[str]]:
        return cell_texts(self.table)

    # ------------------------------------------------------------------ detail
    def _table_activated(self, item: QtWidgets.QTableWidgetItem) -> None:
        number = cell_data(self.table, item.row())
        if number:
            self.open_detail(number)

    def open_detail(self, number: str) -> RectificationDetailDialog | None:
        if self.detail is not None:
            self.detail.close()
        try:
            dialog = RectificationDetailDialog(self.services, self.jobs, number, self)
        except UserError as exc:
            QtWidgets.QMessageBox.warning(self, "无法打开", str(exc))
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda *_: self._forget(dialog))
        self.detail = dialog
        dialog.show()
        return dialog

    def _on_changed(self, changes: OpChanges, _initiator: object) -> None:
        if changes.rectification or changes.letters or changes.campaign or changes.settings:
            self.refresh()

    def _forget(self, dialog: QtCore.QObject) -> None:
        if self.detail is dialog:
            self.detail = None
