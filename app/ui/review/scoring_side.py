"""The right side of the scoring window: the checklist with its deductions, and the pre-checks.

Only widgets and their layout; the window connects their requests to the service calls.
"""

from __future__ import annotations

from app.ui.parts import stacked
from app.ui.qt import Qt, QtWidgets
from app.ui.review.precheck_list import PrecheckList
from app.ui.review.scoring_panel import ChecklistTree, DeductionTable


class ScoringSide(QtWidgets.QTabWidget):
    """Tab 评分 (checklist above, the deduction buttons and records below) and tab 预检提示."""

    def __init__(self) -> None:
        super().__init__()
        self.tree = ChecklistTree()
        self.deductions = DeductionTable()
        self.prechecks = PrecheckList()
        self.deduct_button = QtWidgets.QPushButton("扣分…")
        self.deduct_button.setToolTip("对所选评查项目扣分（也可在项目上按回车或双击）")
        self.edit_button = QtWidgets.QPushButton("修改…")
        self.delete_button = QtWidgets.QPushButton("删除")
        self.redraw_button = QtWidgets.QPushButton("重新框选")
        self.redraw_button.setToolTip("为所选扣分记录重新在页面上框选证据区域")

        buttons = QtWidgets.QHBoxLayout()
        buttons.addWidget(self.deduct_button)
        buttons.addStretch(1)
        buttons.addWidget(QtWidgets.QLabel("扣分记录："))
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.redraw_button)
        buttons.addWidget(self.delete_button)
        split = QtWidgets.QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.tree)
        split.addWidget(stacked(buttons, self.deductions))
        split.setSizes([520, 260])
        self.addTab(split, "评分")
        self.addTab(self.prechecks, "预检提示")
