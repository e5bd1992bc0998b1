"""Small helpers of the 整改督办 widgets: Chinese texts for dates, states and outcomes."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import cast

from app.review.rectification import OUTCOME_LABELS, STATUS_LABELS, RectificationInfo
from app.ui.qt import QtCore, QtGui, QtWidgets
from scoring.time_limits import format_cn_date

REPLY_STATUS_LABELS = {"pending": "待验收", "accepted": "验收通过", "returned": "已退回补充整改"}

__all__ = [
    "OUTCOME_LABELS",
    "REPLY_STATUS_LABELS",
    "STATUS_LABELS",
    "date_edit",
    "day_text",
    "edit_date",
    "open_file",
    "progress_text",
]


def day_text(day: date | str | None) -> str:
    if day is None or day == "":
        return ""
    if isinstance(day, str):
        day = date.fromisoformat(day)
    return format_cn_date(day)


def progress_text(info: RectificationInfo) -> str:
    """逾期12天 / 剩余3天 / 今天到期 / the state's own words once finished."""
    if info.status == "overdue":
        return f"逾期{info.days_overdue}天"
    if info.status == "issued" and info.days_left is not None:
        return "今天到期" if info.days_left == 0 else f"剩余{info.days_left}天"
    if info.status == "replied":
        return f"{day_text(info.replied_on)}回复"
    if info.status == "verified":
        return f"{day_text(info.verified_on)}验收"
    if info.status == "decided":
        return info.decision_number or "已出具决定书"
    return ""


def date_edit(value: date, minimum: date | None = None) -> QtWidgets.QDateEdit:
    edit = QtWidgets.QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    if minimum is not None:
        edit.setMinimumDate(QtCore.QDate(minimum))
    edit.setDate(QtCore.QDate(value))
    return edit


def edit_date(edit: QtWidgets.QDateEdit) -> date:
    return cast(date, edit.date().toPython())


def open_file(parent: QtWidgets.QWidget | None, path: str | Path | None) -> bool:
    """Open a letter or a reply document with the program the system uses for it."""
    if not path or not Path(path).is_file():
        QtWidgets.QMessageBox.warning(
            parent, "找不到文件", f"文件“{path or ''}”不存在，可能已被移动或删除。"
        )
        return False
    return bool(QtGui.QDesktopServices.openUrl(QtCore.QUrl.fromLocalFile(str(path))))
