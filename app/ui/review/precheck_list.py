"""The pre-check suggestions of a case: message, pages (click to jump), suggested points.

Each row also names the facts the finding rests on, with their pages; a 需核实 item (it
rests on a 待核实 fact) is marked in words and orange, cannot be accepted, and offers
核实要素… — the window opens the readings dialog, and confirming re-runs the pre-checks."""

from __future__ import annotations

from typing import Any

from app.review.precheck_text import facts_text
from app.ui.parts import fit_columns, push_button, split_row
from app.ui.qt import QtGui, QtWidgets, Signal
from app.ui.review.common import STATE_LABELS, table_item
from scoring.checklist import fmt_points

PRECHECK_COLUMNS = ["状态", "项目", "预检提示", "页码", "建议扣分"]
NEEDS_CHECK = "需核实"
NEEDS_CHECK_COLOUR = "#e65100"  # orange, always with the word 需核实


def acceptable(row: dict[str, Any]) -> bool:
    return row["state"] == "pending" and not row.get("needs_check")


def doubtful_field(row: dict[str, Any]) -> str | None:
    """The stored fact name (``date.decided``, ``fine_yuan``) of the row's first 待核实 fact."""
    for fact in row.get("facts") or []:
        if fact.get("status") == "doubtful":
            name = str(fact["name"])
            return name if name in ("fine_yuan", "case_no", "party", "cause") else f"date.{name}"
    return None


class PrecheckList(QtWidgets.QWidget):
    """Buttons and the table; the window runs, accepts and rejects through the services."""

    run_requested = Signal()
    accept_requested = Signal()
    accept_one_requested = Signal(int)  # suggestion id
    reject_requested = Signal(int)  # suggestion id
    page_requested = Signal(int)
    confirm_requested = Signal(str)  # the 待核实 fact (stored name) of a 需核实 item

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.run_button = QtWidgets.QPushButton("运行预检")
        self.run_button.setToolTip("按案卷识别出的信息自动检查，已采纳或不采纳的提示保留原决定")
        self.accept_one_button = push_button(
            "采纳所选", self._accept_one, "把选中的这条提示转为扣分"
        )
        self.accept_button = QtWidgets.QPushButton("采纳全部待处理")
        self.accept_button.setToolTip("把所有“待处理”的提示转为扣分；不同意的提示请先“不采纳”")
        self.reject_button = push_button("不采纳…", self._reject)
        self.confirm_button = push_button(
            "核实要素…", self._confirm, "需核实的提示：对照原文确认所依据的要素，确认后重新预检"
        )
        self.status_label = QtWidgets.QLabel("尚未运行预检。")
        self.status_label.setWordWrap(True)
        self.table = QtWidgets.QTableWidget(0, len(PRECHECK_COLUMNS))
        self.table.setHorizontalHeaderLabels(PRECHECK_COLUMNS)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        fit_columns(self.table.horizontalHeader(), len(PRECHECK_COLUMNS), stretch=2)
        self.rows: list[dict[str, Any]] = []

        buttons = split_row(
            [self.run_button],
            [self.confirm_button, self.accept_one_button, self.accept_button, self.reject_button],
        )
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.status_label)
        layout.addWidget(self.table)

        self.run_button.clicked.connect(self.run_requested)
        self.accept_button.clicked.connect(self.accept_requested)
        self.table.cellClicked.connect(self._clicked)
        self.table.currentCellChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    def set_suggestions(self, rows: list[dict[str, Any]]) -> None:
        self.rows = list(rows)
        self.table.setRowCount(len(self.rows))
        for r, s in enumerate(self.rows):
            state = STATE_LABELS.get(s["state"], s["state"])
            check = bool(s.get("needs_check")) and s["state"] == "pending"
            if check:
                state = NEEDS_CHECK
            if s["state"] == "rejected" and s.get("reject_reason"):
                state += f"（{s['reject_reason']}）"
            pages = "、".join(str(p) for p in s["pages"]) or "—"
            points = s["suggested_points"]
            basis = facts_text(s.get("facts") or [])
            message = s["message"] + (f"\n{basis}" if basis else "")
            cells = [
                state,
                s["item_id"] or "—",
                message,
                pages,
                "—" if check else fmt_points(points) if points is not None else "按规则",
            ]
            for c, text in enumerate(cells):
                cell = table_item(text, s["id"])
                if s["state"] != "pending":
                    cell.setForeground(QtGui.QColor("#777777"))
                elif check and c == 0:
                    cell.setForeground(QtGui.QColor(NEEDS_CHECK_COLOUR))
                if c == 2:
                    cell.setToolTip(message)
                self.table.setItem(r, c, cell)
        self.table.resizeRowsToContents()
        pending = sum(1 for s in self.rows if acceptable(s))
        checks = sum(1 for s in self.rows if s["state"] == "pending" and s.get("needs_check"))
        if self.rows:
            extra = f"，{checks} 条需核实（先确认所依据的要素）" if checks else ""
            self.status_label.setText(
                f"共 {len(self.rows)} 条预检提示，{pending} 条待处理{extra}。"
            )
        else:
            self.status_label.setText("没有预检提示。可点击“运行预检”。")
        self._update_buttons()

    def set_running(self, running: bool) -> None:
        self.run_button.setEnabled(not running)
        if running:
            self.status_label.setText("正在运行预检……")

    def current(self) -> dict[str, Any] | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _update_buttons(self) -> None:
        self.accept_button.setEnabled(any(acceptable(s) for s in self.rows))
        current = self.current()
        self.reject_button.setEnabled(current is not None and current["state"] == "pending")
        self.accept_one_button.setEnabled(current is not None and acceptable(current))
        self.confirm_button.setEnabled(
            current is not None
            and current["state"] == "pending"
            and doubtful_field(current) is not None
        )

    def _confirm(self) -> None:
        current = self.current()
        field = doubtful_field(current) if current is not None else None
        if field is not None:
            self.confirm_requested.emit(field)

    def _accept_one(self) -> None:
        current = self.current()
        if current is not None:
            self.accept_one_requested.emit(int(current["id"]))

    def _reject(self) -> None:
        current = self.current()
        if current is not None:
            self.reject_requested.emit(int(current["id"]))

    def _clicked(self, row: int, _column: int) -> None:
        pages = [p for p in self.rows[row]["pages"] if isinstance(p, int)]
        if pages:
            self.page_requested.emit(pages[0])
