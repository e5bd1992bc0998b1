"""The form that issues an opinion: its issue date, the day it is served when the settings
count the deadline from service (送达), and the rectification deadline it gives."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import cast

from app.errors import UserError
from app.review.deadlines import cn_date
from app.ui.parts import ok_cancel
from app.ui.qt import QtCore, QtWidgets


def _date_box(day: date) -> QtWidgets.QDateEdit:
    box = QtWidgets.QDateEdit(QtCore.QDate(day.year, day.month, day.day))
    box.setCalendarPopup(True)
    box.setDisplayFormat("yyyy年M月d日")
    return box


class IssueDialog(QtWidgets.QDialog):
    """Asks the issue date of an opinion and shows the rectification deadline it gives."""

    def __init__(
        self,
        deadline_for: Callable[[date], date],
        today: date,
        department: str,
        parent: QtWidgets.QWidget | None = None,
        *,
        is_provisional: Callable[[date, date], bool] | None = None,
        from_service: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("出具监督意见书")
        self._deadline_for = deadline_for
        self._is_provisional = is_provisional or (lambda _on, _deadline: False)
        # A deadline in a year whose holidays are not imported yet is counted on the
        # statutory holidays (暂定): the reviewer confirms it before the letter is issued.
        self.confirm_provisional = QtWidgets.QCheckBox("已核对，按暂定期限出具")
        self.confirm_provisional.hide()
        self.confirm_provisional.toggled.connect(lambda _on: self._update())
        self.date_edit = _date_box(today)
        # The deadline runs from the day the letter is served (setting deadline_from=service).
        self.served_edit = _date_box(today) if from_service else None
        self.deadline_label = QtWidgets.QLabel()
        self.deadline_label.setWordWrap(True)
        # For a period ending in a year whose holidays the calendar does not know yet (or a
        # deadline the bureau decides itself): the deadline typed in.
        self.manual = QtWidgets.QCheckBox("手工指定整改期限：")
        self.manual_date = _date_box(today)
        self.manual_date.setEnabled(False)
        self.manual.toggled.connect(self.manual_date.setEnabled)
        self.manual.toggled.connect(lambda _on: self._update())
        self.manual_date.dateChanged.connect(lambda _d: self._update())
        self.date_edit.dateChanged.connect(self._update)
        if self.served_edit is not None:
            self.served_edit.dateChanged.connect(self._update)
        manual_row = QtWidgets.QHBoxLayout()
        manual_row.addWidget(self.manual)
        manual_row.addWidget(self.manual_date, 1)
        form = QtWidgets.QFormLayout()
        form.addRow("执法单位：", QtWidgets.QLabel(department))
        form.addRow("印发日期：", self.date_edit)
        if self.served_edit is not None:
            form.addRow("送达日期：", self.served_edit)
        form.addRow("整改期限：", self.deadline_label)
        form.addRow("", manual_row)
        form.addRow("", self.confirm_provisional)
        hint = QtWidgets.QLabel("出具时将正式取得文号，文号不会重复使用。")
        hint.setWordWrap(True)
        buttons, self.ok_button = ok_cancel(self, "出具", self.accept)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self._update()

    def issued_on(self) -> date:
        return cast(date, self.date_edit.date().toPython())

    def served_on(self) -> date | None:
        """The day the letter is served (None: the deadline runs from the issue date)."""
        if self.served_edit is None:
            return None
        return cast(date, self.served_edit.date().toPython())

    def _start(self) -> date:
        """The day the deadline is counted from."""
        return self.served_on() or self.issued_on()

    def deadline(self) -> date | None:
        """The deadline typed in, or None for the one computed on the calendar."""
        if not self.manual.isChecked():
            return None
        return cast(date, self.manual_date.date().toPython())

    def provisional(self) -> bool:
        """Whether the computed deadline is 暂定 (its year's holidays not imported yet)."""
        if self.deadline() is not None:
            return False
        try:
            return self._is_provisional(self._start(), self._deadline_for(self._start()))
        except UserError:
            return False

    def _update(self) -> None:
        typed = self.deadline()
        self.confirm_provisional.setVisible(False)
        served = self.served_on()
        if served is not None and served < self.issued_on():
            self.deadline_label.setText("送达日期不能早于印发日期。")
            self.ok_button.setEnabled(False)
            return
        if typed is not None:
            later = typed > self._start()
            after = "送达日期" if served is not None else "印发日期"
            self.deadline_label.setText(cn_date(typed) if later else f"整改期限应晚于{after}。")
            self.ok_button.setEnabled(later)
            return
        try:
            deadline = self._deadline_for(self._start())
        except UserError as exc:
            self.deadline_label.setText(str(exc))
            self.ok_button.setEnabled(False)
            return
        if self._is_provisional(self._start(), deadline):
            self.deadline_label.setText(
                f"{cn_date(deadline)}（暂定：{deadline.year}年放假安排尚未导入，按法定节假日"
                "推算。导入国务院通知后，可在“文书设置 → 节假日”中复核）"
            )
            self.confirm_provisional.setVisible(True)
            self.ok_button.setEnabled(self.confirm_provisional.isChecked())
            return
        self.deadline_label.setText(cn_date(deadline))
        self.ok_button.setEnabled(True)
