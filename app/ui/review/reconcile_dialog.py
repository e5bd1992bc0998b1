"""差异核对: the lead compares the two reviewers item by item and chooses per item."""

from __future__ import annotations

from collections.abc import Callable

from app.review.reconcile import Differences
from app.ui.parts import accept_unless_refused, error_label, ok_cancel
from app.ui.qt import QtGui, QtWidgets
from app.ui.review.common import table_item
from app.ui.screen_fit import fit_to_screen
from scoring.checklist import fmt_points

NO_DEDUCTION = "不扣分"
CHOOSE = "请选择"


class ReconcileDialog(QtWidgets.QDialog):
    """One row per item either reviewer deducted on; agreed items are preselected. OK writes
    the final review through ``submit(choices)``; a refusal is shown in the dialog."""

    def __init__(
        self,
        differences: Differences,
        submit: Callable[[dict[str, str | None]], object],
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.differences = differences
        self.submit = submit
        self.setWindowTitle("差异核对")
        fit_to_screen(self, 900, 480)
        reviewers = list(differences.reviewers)
        headers = ["评查项目", *reviewers, "是否一致", "组长选定"]
        self.table = QtWidgets.QTableWidget(len(differences.items), len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(
            0, QtWidgets.QHeaderView.ResizeMode.Stretch
        )
        self.choice_boxes: dict[str, QtWidgets.QComboBox] = {}
        for r, item in enumerate(differences.items):
            self.table.setItem(r, 0, table_item(f"{item.item_id}　{item.text}"))
            for c, side in enumerate(item.sides, start=1):
                text = (
                    f"{side.count} 处，扣 {fmt_points(side.points)} 分\n" + "；".join(side.reasons)
                    if side.count
                    else "未扣分"
                )
                self.table.setItem(r, c, table_item(text))
            agree = table_item("一致" if item.agree else "不一致")
            if not item.agree:
                agree.setForeground(QtGui.QColor("#b00020"))
            self.table.setItem(r, len(reviewers) + 1, agree)
            box = QtWidgets.QComboBox()
            box.addItem(CHOOSE, "")
            for name in reviewers:
                box.addItem(f"采用 {name}", name)
            box.addItem(NO_DEDUCTION, None)
            box.setCurrentIndex(1 if item.agree else 0)
            self.choice_boxes[item.item_id] = box
            self.table.setCellWidget(r, len(reviewers) + 2, box)
        self.table.resizeRowsToContents()
        summary = QtWidgets.QLabel(
            f"评查人：{'、'.join(reviewers)}　共 {len(differences.items)} 项有扣分，"
            f"其中 {len(differences.disagreements)} 项意见不一致，请逐项选定。"
            if differences.items
            else "两位评查人均未扣分。"
        )
        self.error_label = error_label()
        buttons, self.ok_button = ok_cancel(self, "合并为最终结果", self._submit)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.table)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    def choose(self, item_id: str, reviewer: str | None) -> None:
        box = self.choice_boxes[item_id]
        box.setCurrentIndex(box.count() - 1 if reviewer is None else box.findData(reviewer))

    def choices(self) -> dict[str, str | None]:
        chosen: dict[str, str | None] = {}
        for item_id, box in self.choice_boxes.items():
            value = box.currentData()
            if value != "":
                chosen[item_id] = value
        return chosen

    def _submit(self) -> None:
        accept_unless_refused(self, self.error_label, lambda: self.submit(self.choices()))
