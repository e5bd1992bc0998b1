"""The small forms of the detail dialog: 登记回复, 退回补充整改, 延长期限, 出具监督决定书.

Each form is opened without blocking (``open()``); its OK button hands the typed values to a
``submit`` callable, and the form closes only when that call succeeded — a refusal leaves
what was typed in place.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from app.review.rectification import RectificationInfo
from app.ui.parts import ok_cancel, push_button
from app.ui.qt import QtWidgets
from app.ui.rectification.common import OUTCOME_LABELS, date_edit, day_text, edit_date
from app.ui.rectification.decision_form import DecisionForm, decision_preview
from app.ui.review.common import table_item
from app.ui.screen_fit import fit_to_screen

Submit = Callable[[dict[str, Any]], bool]
__all__ = ["DecisionForm", "decision_preview"]  # the decision's form has a module of its own
REPLY_FILTER = "整改回复材料 (*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.doc *.docx *.wps *.ofd)"


class _Form(QtWidgets.QDialog):
    def __init__(self, title: str, submit: Submit, parent: QtWidgets.QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.submit = submit
        self.form = QtWidgets.QFormLayout()
        self.buttons, _ok = ok_cancel(self, None, self.try_accept)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(self.form)

    def finish_layout(self) -> None:
        layout = self.layout()
        assert layout is not None  # set in __init__
        layout.addWidget(self.buttons)

    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    def try_accept(self) -> None:
        if self.submit(self.values()):
            self.accept()


class ReplyForm(_Form):
    """登记整改回复: the date received, the documents, each problem's outcome and a note."""

    def __init__(
        self, info: RectificationInfo, today: date, submit: Submit, parent: QtWidgets.QWidget
    ) -> None:
        super().__init__(f"登记整改回复 — {info.number}", submit, parent)
        fit_to_screen(self, 760, 520)
        self.received = date_edit(max(today, info.issued_on), minimum=info.issued_on)
        self.form.addRow("收到回复日期", self.received)

        self.files = QtWidgets.QListWidget()
        self.files.setMaximumHeight(90)
        add = push_button("添加回复材料…", self.add_files)
        remove = push_button("移除", lambda: self.files.takeItem(self.files.currentRow()))
        file_buttons = QtWidgets.QVBoxLayout()
        file_buttons.addWidget(add)
        file_buttons.addWidget(remove)
        file_buttons.addStretch(1)
        file_row = QtWidgets.QHBoxLayout()
        file_row.addWidget(self.files, 1)
        file_row.addLayout(file_buttons)
        self.form.addRow("回复材料", file_row)

        self.problems = QtWidgets.QTableWidget(len(info.problems), 4)
        self.problems.setHorizontalHeaderLabels(["序号", "案号", "问题", "整改结果"])
        self.problems.verticalHeader().setVisible(False)
        self.problems.horizontalHeader().setSectionResizeMode(
            2, QtWidgets.QHeaderView.ResizeMode.Stretch
        )
        self.outcomes: dict[int, QtWidgets.QComboBox] = {}
        for row, problem in enumerate(info.problems):
            self.problems.setItem(row, 0, table_item(problem.seq))
            self.problems.setItem(row, 1, table_item(problem.case_no or ""))
            self.problems.setItem(row, 2, table_item(problem.text))
            combo = QtWidgets.QComboBox()
            for key, label in OUTCOME_LABELS.items():
                combo.addItem(label, key)
            self.problems.setCellWidget(row, 3, combo)
            self.outcomes[problem.seq] = combo
        self.form.addRow("各问题整改结果", self.problems)

        self.note = QtWidgets.QPlainTextEdit()
        self.note.setPlaceholderText("回复要点、整改措施等（可不填）")
        self.note.setMaximumHeight(80)
        self.form.addRow("说明", self.note)
        self.finish_layout()

    def add_files(self) -> None:
        paths, _ = QtWidgets.QFileDialog.getOpenFileNames(
            self, "选择整改回复材料", "", REPLY_FILTER
        )
        present = {self.files.item(i).text() for i in range(self.files.count())}
        for path in paths:
            if path not in present:
                self.files.addItem(path)

    def set_outcome(self, seq: int, outcome: str) -> None:
        combo = self.outcomes[seq]
        combo.setCurrentIndex(combo.findData(outcome))

    def values(self) -> dict[str, Any]:
        return {
            "received_on": edit_date(self.received),
            "files": [Path(self.files.item(i).text()) for i in range(self.files.count())],
            "outcomes": {seq: combo.currentData() for seq, combo in self.outcomes.items()},
            "note": self.note.toPlainText().strip() or None,
        }


class VerdictForm(_Form):
    """The verdict on a reply: its date (the day of the 验收 or of the return, which may be
    earlier than today when entered afterwards) and the opinion."""

    TITLE = ""
    DATE_LABEL = ""
    NOTE_LABEL = ""
    PLACEHOLDER = ""

    def __init__(self, number: str, today: date, submit: Submit, parent: QtWidgets.QWidget):
        super().__init__(f"{self.TITLE} — {number}", submit, parent)
        self.on = date_edit(today)
        self.note = QtWidgets.QPlainTextEdit()
        self.note.setPlaceholderText(self.PLACEHOLDER)
        self.form.addRow(self.DATE_LABEL, self.on)
        self.form.addRow(self.NOTE_LABEL, self.note)
        self.finish_layout()

    def values(self) -> dict[str, Any]:
        return {"on": edit_date(self.on), "note": self.note.toPlainText().strip() or None}


class VerifyForm(VerdictForm):
    """整改验收: the reply is accepted on that day."""

    TITLE = "整改验收"
    DATE_LABEL = "验收日期"
    NOTE_LABEL = "验收意见"
    PLACEHOLDER = "可不填，如：经现场核查，问题均已整改到位"


class ReturnForm(VerdictForm):
    """退回补充整改: the date and what is still missing."""

    TITLE = "退回补充整改"
    DATE_LABEL = "退回日期"
    NOTE_LABEL = "退回意见"
    PLACEHOLDER = "需要补充整改或补充材料的内容"


class ExtendForm(_Form):
    """延长整改期限: the new deadline and the reason (kept in the history)."""

    def __init__(
        self, info: RectificationInfo, today: date, submit: Submit, parent: QtWidgets.QWidget
    ) -> None:
        super().__init__(f"延长整改期限 — {info.number}", submit, parent)
        current = info.deadline or today
        self.form.addRow("现有期限", QtWidgets.QLabel(day_text(info.deadline) or "未设"))
        self.new_deadline = date_edit(max(current, today) + timedelta(days=15))
        self.form.addRow("新的整改期限", self.new_deadline)
        self.reason = QtWidgets.QLineEdit()
        self.reason.setPlaceholderText("如：涉及重新作出行政行为，需履行法定程序")
        self.form.addRow("延期理由", self.reason)
        self.on = date_edit(today)
        self.form.addRow("批准日期", self.on)
        self.finish_layout()

    def values(self) -> dict[str, Any]:
        return {
            "new_deadline": edit_date(self.new_deadline),
            "reason": self.reason.text().strip(),
            "on": edit_date(self.on),
        }
