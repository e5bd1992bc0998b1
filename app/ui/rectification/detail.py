"""One 监督意见书 and its rectification: facts, problems with their latest outcome, replies
with their documents, extensions; and the actions — record a reply, verify or return it,
extend the deadline, issue the 监督决定书, write the opinion again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.review.rectification import RectificationInfo
from app.ui.parts import closing_row, push_button
from app.ui.qt import Qt, QtGui, QtWidgets
from app.ui.rectification.common import (
    OUTCOME_LABELS,
    REPLY_STATUS_LABELS,
    day_text,
    open_file,
    progress_text,
)
from app.ui.rectification.forms import (
    ExtendForm,
    ReplyForm,
    ReturnForm,
    VerifyForm,
)
from app.ui.rectification.letter_actions import LetterActions
from app.ui.review.common import attempt, table_item
from app.ui.screen_fit import fit_to_screen

if TYPE_CHECKING:
    from app.documents.letters import IssuedLetter
    from app.services import Services
    from app.ui.taskman import Job, TaskManager

FINISHED = ("verified", "decided")


def _table(headers: list[str], stretch: int) -> QtWidgets.QTableWidget:
    table = QtWidgets.QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(True)
    table.horizontalHeader().setSectionResizeMode(stretch, QtWidgets.QHeaderView.ResizeMode.Stretch)
    return table


class RectificationDetailDialog(LetterActions, QtWidgets.QDialog):
    """One letter's rectification; its writes run on the window's writer, and the dashboard
    (like every panel) refreshes from the app-wide change signal."""

    def __init__(
        self,
        services: Services,
        jobs: TaskManager,
        number: str,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.jobs = jobs
        self.number = number
        self.info: RectificationInfo = services.rectification().show(number, self.today())
        self.form: QtWidgets.QDialog | None = None  # the sub-form open now, if any
        self.job: Job | None = None
        self.issued: IssuedLetter | None = None
        fit_to_screen(self, 980, 720)

        self.facts = QtWidgets.QFormLayout()
        self.fact_labels: dict[str, QtWidgets.QLabel] = {}
        for key, label in (
            ("number", "文号"),
            ("department", "执法单位"),
            ("campaign", "评查活动"),
            ("issued_on", "印发日期"),
            ("deadline", "整改期限"),
            ("status", "整改状态"),
            ("replied_on", "最近回复"),
            ("verified_on", "验收日期"),
            ("decision", "监督决定书"),
            ("file", "意见书文件"),
        ):
            value = QtWidgets.QLabel()
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self.fact_labels[key] = value
            self.facts.addRow(label, value)
        open_letter = push_button("打开意见书", lambda: open_file(self, self.info.file))
        self.facts.addRow("", open_letter)

        self.problems = _table(["序号", "案号", "页码", "评查项目", "问题", "最新整改结果"], 4)
        self.replies = _table(["收到日期", "验收情况", "说明", "验收/退回意见", "材料"], 2)
        self.replies.itemSelectionChanged.connect(self._show_attachments)
        self.attachments = QtWidgets.QListWidget()
        self.attachments.setMaximumHeight(80)
        self.attachments.itemActivated.connect(self._open_attachment)
        self.attachments.itemDoubleClicked.connect(self._open_attachment)
        self.extensions = _table(["原期限", "新期限", "延期理由", "批准日期"], 2)

        tabs = QtWidgets.QTabWidget()
        tabs.addTab(self.problems, "问题及整改结果")
        replies_page = QtWidgets.QWidget()
        replies_layout = QtWidgets.QVBoxLayout(replies_page)
        replies_layout.addWidget(self.replies, 1)
        replies_layout.addWidget(QtWidgets.QLabel("所选回复的材料（双击打开）"))
        replies_layout.addWidget(self.attachments)
        tabs.addTab(replies_page, "整改回复")
        tabs.addTab(self.extensions, "延期记录")
        self.tabs = tabs

        self.reply_button = push_button("登记回复…", self.start_reply)
        self.verify_button = push_button("验收通过", self.verify)
        self.return_button = push_button("退回补充整改…", self.start_return)
        self.extend_button = push_button("延长期限…", self.start_extend)
        self.decision_button = push_button("出具监督决定书…", self.start_decision)
        self.rewrite_button = push_button("重新生成意见书…", self.rewrite)
        buttons = closing_row(
            self.close,
            self.reply_button,
            self.verify_button,
            self.return_button,
            self.extend_button,
            self.decision_button,
            self.rewrite_button,
        )

        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(self.facts)
        layout.addWidget(tabs, 1)
        layout.addLayout(buttons)
        self._fill()

    def today(self) -> date:
        return self.services.ctx.effective_today()

    # ------------------------------------------------------------------ display
    def reload(self) -> None:
        info = attempt(
            self, "无法读取", lambda: self.services.rectification().show(self.number, self.today())
        )
        if info is not None:
            self.info = info
            self._fill()

    def _fill(self) -> None:
        info = self.info
        self.setWindowTitle(f"整改督办 — {info.number} {info.department}")
        status = info.status_label
        figure = progress_text(info)
        if figure and info.status in ("overdue", "issued"):
            status += f"（{figure}）"
        facts = {
            "number": info.number,
            "department": info.department,
            "campaign": info.campaign or "",
            "issued_on": day_text(info.issued_on),
            "deadline": day_text(info.deadline)
            + (f"（已延期{len(info.extensions)}次）" if info.extensions else ""),
            "status": status,
            "replied_on": day_text(info.replied_on) or "尚未回复",
            "verified_on": day_text(info.verified_on),
            "decision": (
                f"{info.decision_number}（{day_text(info.decided_on)}）"
                if info.decision_number
                else ""
            ),
            "file": info.file or "",
        }
        for key, text in facts.items():
            self.fact_labels[key].setText(text)
        if info.status == "overdue":
            self.fact_labels["status"].setStyleSheet("color: #b3261e; font-weight: bold;")
        else:
            self.fact_labels["status"].setStyleSheet("")
        self._fill_problems()
        self._fill_replies()
        self._fill_extensions()
        pending = any(r.status == "pending" for r in info.replies)
        open_ = info.status not in FINISHED
        self.reply_button.setEnabled(open_)
        self.verify_button.setEnabled(open_ and pending)
        self.return_button.setEnabled(open_ and pending)
        self.extend_button.setEnabled(open_)
        self.decision_button.setEnabled(info.status == "overdue")
        self.rewrite_button.setEnabled(True)

    def _fill_problems(self) -> None:
        self.problems.setRowCount(len(self.info.problems))
        for row, p in enumerate(self.info.problems):
            outcome = OUTCOME_LABELS.get(p.outcome or "", "未回复")
            values = [p.seq, p.case_no or "", f"第{p.page}页" if p.page else "", p.item, p.text]
            for col, value in enumerate(values):
                self.problems.setItem(row, col, table_item(value))
            item = table_item(outcome)
            if p.outcome != "rectified":
                item.setForeground(QtGui.QBrush(QtGui.QColor("#b3261e")))
            self.problems.setItem(row, 5, item)
        self.problems.resizeRowsToContents()

    def _fill_replies(self) -> None:
        self.replies.setRowCount(len(self.info.replies))
        for row, r in enumerate(self.info.replies):
            verdict = REPLY_STATUS_LABELS.get(r.status, r.status)
            if r.reviewed_on:
                verdict += f"（{day_text(r.reviewed_on)}）"
            values = [
                day_text(r.received_on),
                verdict,
                r.note or "",
                r.review_note or "",
                f"{len(r.files)} 份",
            ]
            for col, value in enumerate(values):
                self.replies.setItem(row, col, table_item(value, r.id if col == 0 else None))
        self.replies.resizeRowsToContents()
        if self.info.replies:
            self.replies.selectRow(len(self.info.replies) - 1)
        self._show_attachments()

    def _show_attachments(self) -> None:
        self.attachments.clear()
        row = self.replies.currentRow()
        if 0 <= row < len(self.info.replies):
            for path in self.info.replies[row].files:
                item = QtWidgets.QListWidgetItem(Path(path).name)
                item.setData(Qt.ItemDataRole.UserRole, path)
                item.setToolTip(path)
                self.attachments.addItem(item)

    def _open_attachment(self, item: QtWidgets.QListWidgetItem) -> None:
        open_file(self, item.data(Qt.ItemDataRole.UserRole))

    def _fill_extensions(self) -> None:
        self.extensions.setRowCount(len(self.info.extensions))
        for row, e in enumerate(self.info.extensions):
            values = [
                day_text(e.get("previous_deadline")),
                day_text(e.get("new_deadline")),
                e.get("reason", ""),
                day_text(e.get("granted_on")),
            ]
            for col, value in enumerate(values):
                self.extensions.setItem(row, col, table_item(value))
        self.extensions.resizeRowsToContents()

    # ------------------------------------------------------------------ actions
    def _done(self, info: RectificationInfo | None, message: str) -> bool:
        if info is None:
            return False
        self.reload()
        parent = self.parent()
        window = parent.window() if isinstance(parent, QtWidgets.QWidget) else None
        bar = getattr(window, "statusBar", None)
        if callable(bar):
            bar().showMessage(message, 8000)
        return True

    def _open_form(self, form: QtWidgets.QDialog) -> QtWidgets.QDialog:
        if self.form is not None:
            self.form.close()
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.destroyed.connect(lambda *_: setattr(self, "form", None))
        self.form = form
        form.open()
        return form

    def _submit_op(self, op: Callable[[], RectificationInfo], title: str, message: str) -> bool:
        """Run a form's write on the writer: the form stays open (disabled) until it is
        stored, closes on success and opens again on a refusal. Returns False: the form
        must not close by itself."""
        form = self.form
        if form is None:
            return False
        form.setEnabled(False)

        def stored(info: RectificationInfo) -> None:
            form.accept()
            self._done(info, message)

        def refused(text: str) -> None:
            form.setEnabled(True)
            QtWidgets.QMessageBox.warning(form, title, text)

        self.job = self.jobs.run_op(form, op, stored, on_failure=refused, initiator=self)
        return False

    def start_reply(self) -> QtWidgets.QDialog:
        def submit(values: dict[str, Any]) -> bool:
            # Copying the reply's scans into the library can take a while: the form stays
            # open (disabled) until it is done, and open on a refusal.
            service = self.services.rectification()
            return self._submit_op(
                lambda: service.record_reply(self.number, **values),
                "无法登记回复",
                f"已登记{self.number}的整改回复",
            )

        return self._open_form(ReplyForm(self.info, self.today(), submit, self))

    def verify(self) -> QtWidgets.QDialog:
        return self._verdict(accept=True)

    def start_return(self) -> QtWidgets.QDialog:
        return self._verdict(accept=False)

    def _verdict(self, accept: bool) -> QtWidgets.QDialog:
        """整改验收 or 退回补充整改: one form (date and opinion), one service call."""
        title, done = (
            ("无法验收", f"{self.number}整改验收通过")
            if accept
            else ("无法退回", f"{self.number}的回复已退回补充整改")
        )
        service = self.services.rectification()

        def submit(values: dict[str, Any]) -> bool:
            return self._submit_op(
                lambda: service.verify(
                    self.number, values["on"], accept=accept, note=values["note"]
                ),
                title,
                done,
            )

        form_type = VerifyForm if accept else ReturnForm
        return self._open_form(form_type(self.number, self.today(), submit, self))

    def start_extend(self) -> QtWidgets.QDialog:
        service = self.services.rectification()

        def submit(values: dict[str, Any]) -> bool:
            return self._submit_op(
                lambda: service.extend(
                    self.number, values["new_deadline"], values["reason"], values["on"]
                ),
                "无法延长期限",
                f"{self.number}的整改期限已延长",
            )

        return self._open_form(ExtendForm(self.info, self.today(), submit, self))
