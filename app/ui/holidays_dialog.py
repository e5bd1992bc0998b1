"""文书设置 → 节假日: the year's holidays from the State Council notice, or set day by day.

Every rectification deadline is counted on this calendar, and in December the next year's
deadlines begin before the bundled calendar knows that year. So the reviewer pastes the notice
(国务院办公厅关于20XX年部分节假日安排的通知), sees what was read on a calendar before anything
is saved, corrects a day by hand where needed, and saves; letters issued meanwhile with a
暂定 deadline are listed below for re-check. The work is :mod:`app.review.calendar_service`'s
(the CLI's ``calendar`` commands call the same); this dialog only shows and asks.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, cast

from app.errors import UserError
from app.review.calendar_service import DAY_MARKS, arrangement_from, marked, notice_summary
from app.review.deadlines import cn_date
from app.ui.parts import error_label, fit_columns
from app.ui.qt import QtCore, QtGui, QtWidgets
from app.ui.screen_fit import fit_to_screen

if TYPE_CHECKING:
    from app.services import Services
    from app.ui.taskman import TaskManager
    from scoring.holiday_notice import HolidayNotice

HOLIDAY_COLOUR = "#f8d7da"  # light red: 放假
WORKDAY_COLOUR = "#d6e4f5"  # light blue: 调休上班
RECHECK_COLUMNS = ("文号", "执法单位", "暂定期限", "按现日历")
_WEEKDAYS = "一二三四五六日"


def _qdate(day: dt.date) -> QtCore.QDate:
    return QtCore.QDate(day.year, day.month, day.day)


class HolidaysDialog(QtWidgets.QDialog):
    """Shows a year's arrangement on a calendar; imports a notice; edits days by hand."""

    def __init__(
        self,
        services: Services,
        tasks: TaskManager,
        parent: QtWidgets.QWidget | None = None,
        *,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("节假日安排")
        fit_to_screen(self, 940, 640)
        self.service = services.calendar()
        self.letters = services.letters()
        self.tasks = tasks
        self.today = today or dt.date.today()
        # The arrangement shown: saved, parsed from a pasted notice, or edited by hand.
        self.pending: HolidayNotice | None = None
        self.pending_origin = ""

        self.calendar = QtWidgets.QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(
            QtWidgets.QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader
        )
        self.calendar.currentPageChanged.connect(lambda year, _m: self.show_year(year))
        self.calendar.selectionChanged.connect(self._describe_selected)
        self.source_label = QtWidgets.QLabel()
        self.source_label.setWordWrap(True)
        self.day_label = QtWidgets.QLabel()
        self.holiday_name = QtWidgets.QLineEdit()
        self.holiday_name.setPlaceholderText("放假名称，如：春节")
        self.mark_buttons: dict[str, QtWidgets.QPushButton] = {}
        marks = QtWidgets.QHBoxLayout()
        for mark, label in DAY_MARKS.items():
            button = QtWidgets.QPushButton(f"设为{label}" if mark != "normal" else "恢复周末规则")
            button.clicked.connect(lambda _c=False, m=mark: self.mark_selected(m))
            self.mark_buttons[mark] = button
            marks.addWidget(button)
        legend = QtWidgets.QLabel(
            f'<span style="background:{HOLIDAY_COLOUR}">　放假　</span>　'
            f'<span style="background:{WORKDAY_COLOUR}">　调休上班　</span>'
        )
        left = QtWidgets.QVBoxLayout()
        left.addWidget(self.source_label)
        left.addWidget(self.calendar, 1)
        left.addWidget(legend)
        left.addWidget(self.day_label)
        left.addWidget(self.holiday_name)
        left.addLayout(marks)

        self.notice_text = QtWidgets.QPlainTextEdit()
        self.notice_text.setPlaceholderText(
            "把《国务院办公厅关于20XX年部分节假日安排的通知》全文粘贴在这里，再按“识别通知”。"
        )
        self.parse_button = QtWidgets.QPushButton("识别通知")
        self.parse_button.clicked.connect(self.parse_notice)
        self.error = error_label()
        self.preview = QtWidgets.QLabel()
        self.preview.setWordWrap(True)
        self.preview.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_button = QtWidgets.QPushButton("保存该年放假安排")
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save)
        right = QtWidgets.QVBoxLayout()
        right.addWidget(QtWidgets.QLabel("导入国务院放假通知"))
        right.addWidget(self.notice_text, 1)
        parse_row = QtWidgets.QHBoxLayout()
        parse_row.addStretch(1)
        parse_row.addWidget(self.parse_button)
        right.addLayout(parse_row)
        right.addWidget(self.error)
        right.addWidget(self.preview)
        save_row = QtWidgets.QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        right.addLayout(save_row)

        self.recheck = QtWidgets.QTableWidget(0, len(RECHECK_COLUMNS))
        self.recheck.setHorizontalHeaderLabels(RECHECK_COLUMNS)
        self.recheck.verticalHeader().setVisible(False)
        self.recheck.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        fit_columns(self.recheck.horizontalHeader(), len(RECHECK_COLUMNS), 1)
        self.recheck.setMaximumHeight(130)
        recheck_box = QtWidgets.QGroupBox("按暂定期限出具、待复核的文书")
        QtWidgets.QVBoxLayout(recheck_box).addWidget(self.recheck)

        top = QtWidgets.QHBoxLayout()
        top.addLayout(left, 3)
        top.addLayout(right, 2)
        close = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        close.button(QtWidgets.QDialogButtonBox.StandardButton.Close).setText("关闭")
        close.rejected.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addWidget(recheck_box)
        layout.addWidget(close)

        self.calendar.setSelectedDate(_qdate(self.today))
        self.show_year(self.today.year)
        self.refresh_recheck()

    # ------------------------------------------------------------ showing a year
    def shown_year(self) -> int:
        return self.calendar.yearShown()

    def show_year(self, year: int) -> None:
        """Colour the holidays and 调休 days of ``year``: the pending arrangement if it is of
        that year, else what the calendar knows (bundled, imported or 暂定)."""
        if self.pending is not None and self.pending.year != year:
            self._set_pending(None, "")
        self.calendar.setDateTextFormat(QtCore.QDate(), QtGui.QTextCharFormat())
        if self.pending is not None:
            summary = self._summary_days(self.pending)
            self.source_label.setText(f"{year}年：{self.pending_origin}（尚未保存）")
        else:
            try:
                shown = self.service.show(year)
            except UserError as exc:
                self.source_label.setText(str(exc))
                self._enable_marks(False)
                return
            summary = (
                {dt.date.fromisoformat(h["date"]): h["name"] for h in shown["holidays"]},
                [dt.date.fromisoformat(d) for d in shown["workdays"]],
            )
            label = shown["source_label"]
            hint = "（国务院通知发布后请导入）" if shown["source"] == "provisional" else ""
            self.source_label.setText(f"{year}年放假安排：{label}{hint}")
        holidays, workdays = summary
        for day, name in holidays.items():
            fmt = QtGui.QTextCharFormat()
            fmt.setBackground(QtGui.QColor(HOLIDAY_COLOUR))
            fmt.setToolTip(f"{name}（放假）")
            self.calendar.setDateTextFormat(_qdate(day), fmt)
        for day in workdays:
            fmt = QtGui.QTextCharFormat()
            fmt.setBackground(QtGui.QColor(WORKDAY_COLOUR))
            fmt.setToolTip("调休上班")
            self.calendar.setDateTextFormat(_qdate(day), fmt)
        self._enable_marks(True)
        self._describe_selected()

    @staticmethod
    def _summary_days(notice: HolidayNotice) -> tuple[dict[dt.date, str], list[dt.date]]:
        return notice.holiday_days(), list(notice.workdays)

    def selected_day(self) -> dt.date:
        return cast(dt.date, self.calendar.selectedDate().toPython())

    def _describe_selected(self) -> None:
        day = self.selected_day()
        tip = self.calendar.dateTextFormat(_qdate(day)).toolTip()
        weekday = f"星期{_WEEKDAYS[day.weekday()]}"
        plain = "休息日" if day.weekday() >= 5 else "工作日"
        self.day_label.setText(f"{cn_date(day)} {weekday}：{tip or plain}")

    def _enable_marks(self, on: bool) -> None:
        for button in self.mark_buttons.values():
            button.setEnabled(on)

    # ------------------------------------------------------------ editing
    def current_arrangement(self) -> HolidayNotice:
        """What is edited: the pending arrangement, else the shown year's as known."""
        if self.pending is not None:
            return self.pending
        return arrangement_from(self.service.show(self.shown_year()))

    def mark_selected(self, mark: str) -> None:
        """Set the selected day by hand; shown at once, saved with 保存该年放假安排."""
        try:
            edited = marked(
                self.current_arrangement(),
                self.selected_day(),
                mark,
                self.holiday_name.text().strip(),
            )
        except UserError as exc:
            self._show_error(str(exc))
            return
        self._set_pending(edited, "手工编辑")
        self.show_year(edited.year)

    def parse_notice(self) -> None:
        text = self.notice_text.toPlainText()
        if not text.strip():
            self._show_error("请先粘贴通知全文。")
            return
        try:
            notice = self.service.parse(text)
        except UserError as exc:
            self._show_error(str(exc))
            return
        self._set_pending(notice, "按通知识别")
        first = notice.holidays[0].start if notice.holidays else dt.date(notice.year, 1, 1)
        self.calendar.setSelectedDate(_qdate(first))  # turns the page to that year
        self.show_year(notice.year)

    def _set_pending(self, notice: HolidayNotice | None, origin: str) -> None:
        self.pending, self.pending_origin = notice, origin
        self.error.hide()
        self.save_button.setEnabled(notice is not None)
        self.preview.setText("" if notice is None else self._preview_text(notice))

    @staticmethod
    def _preview_text(notice: HolidayNotice) -> str:
        summary = notice_summary(notice)
        lines = [f"<b>{notice.year}年</b>，请在左侧日历上核对后保存："]
        for h in summary["holidays"]:
            start, end = dt.date.fromisoformat(h["from"]), dt.date.fromisoformat(h["to"])
            span = cn_date(start) if start == end else f"{cn_date(start)}至{cn_date(end)}"
            lines.append(f"{h['name']}：{span}放假，共{(end - start).days + 1}天")
        workdays = "、".join(cn_date(dt.date.fromisoformat(d)) for d in summary["workdays"])
        lines.append(f"调休上班：{workdays or '无'}")
        return "<br>".join(lines)

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    # ------------------------------------------------------------ saving
    def save(self) -> None:
        notice = self.pending
        if notice is None:
            return
        source = (
            f"国务院办公厅关于{notice.year}年部分节假日安排的通知（导入）"
            if self.pending_origin == "按通知识别"
            else "手工编辑"
        )
        try:
            result = self.tasks.run_op_and_wait(
                lambda: self.service.save_arrangement(notice, source), initiator=self
            )
        except UserError as exc:
            self._show_error(str(exc))
            return
        self._set_pending(None, "")
        self.preview.setText(f"已保存：{result.value['file']}")
        self.show_year(notice.year)
        self.refresh_recheck()

    def refresh_recheck(self) -> None:
        rows: list[dict[str, Any]] = self.letters.provisional_letters()
        self.recheck.setRowCount(len(rows))
        for r, row in enumerate(rows):
            now = row["recomputed"]
            if now is None:
                now_text = "该年放假安排尚未导入"
            elif row["changed"]:
                now_text = f"{cn_date(dt.date.fromisoformat(now))}（与暂定期限不同，请复核）"
            else:
                now_text = "相同"
            deadline = row["deadline"]
            texts = (
                row["number"],
                row["department"],
                cn_date(dt.date.fromisoformat(deadline)) if deadline else "",
                now_text,
            )
            for c, text in enumerate(texts):
                self.recheck.setItem(r, c, QtWidgets.QTableWidgetItem(text))


__all__ = ["HolidaysDialog"]
