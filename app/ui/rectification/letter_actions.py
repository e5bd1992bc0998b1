"""The letters of a rectification: issuing the 监督决定书 and writing the opinion again.

A mixin of ``RectificationDetailDialog``: the file questions, the background job on the
window's runner and the messages after it, kept apart from the facts and the reply forms.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.changes import OpChanges
from app.documents.letter_requests import DecisionRequest
from app.errors import UserError
from app.ui.documents.papers import WORD_FILTER
from app.ui.first_run import ask_for_letters
from app.ui.parts import ask_save_file, confirm
from app.ui.qt import QtWidgets
from app.ui.rectification.common import day_text
from app.ui.rectification.forms import DecisionForm
from app.ui.review.common import attempt

if TYPE_CHECKING:
    from app.documents.letters import IssuedLetter, LetterService
    from app.review.rectification import RectificationInfo
    from app.services import Services
    from app.tasks import TaskState
    from app.ui.taskman import Job, TaskManager


class LetterActions:
    """Decision and rewrite; ``RectificationDetailDialog`` provides what is declared here."""

    if TYPE_CHECKING:
        services: Services
        jobs: TaskManager
        number: str
        info: RectificationInfo
        form: QtWidgets.QDialog | None
        job: Job | None
        issued: IssuedLetter | None
        rewrite_button: QtWidgets.QPushButton

        def today(self) -> date: ...
        def _open_form(self, form: QtWidgets.QDialog) -> QtWidgets.QDialog: ...
        def _done(self, info: RectificationInfo | None, message: str) -> bool: ...

    def _window(self) -> QtWidgets.QWidget:
        assert isinstance(self, QtWidgets.QWidget)
        return self

    def start_decision(self) -> DecisionForm | None:
        letters = self.services.letters(provisional=True)
        try:
            letters.decision_context(DecisionRequest(self.number, self.today()), draft=True)
        except UserError as exc:
            QtWidgets.QMessageBox.warning(self._window(), "不能出具监督决定书", str(exc))
            return None

        def draft(
            on: date, measures: dict[int, str] | None, deadline: date | None
        ) -> dict[str, Any] | None:
            return attempt(
                self.form,
                "无法生成草稿",
                lambda: letters.decision_context(
                    DecisionRequest(self.number, on, measures=measures, deadline=deadline),
                    draft=True,
                ),
            )

        form = DecisionForm(self.number, self.today(), draft, self._issue_decision, self._window())
        self._open_form(form)
        return form

    def _ask_letter_file(
        self, parent: QtWidgets.QWidget, title: str, name: str, current: str | None = None
    ) -> Path | None:
        """Where to save a letter: proposed beside the opinion (or as ``current``)."""
        folder = Path(self.info.file).parent if self.info.file else Path.home()
        return ask_save_file(parent, title, current or folder / name, WORD_FILTER, ".docx")

    def _issue_decision(
        self, on: date, measures: dict[int, str], deadline: date | None = None
    ) -> None:
        form = self.form
        if not isinstance(form, DecisionForm) or self.jobs.busy:
            if self.jobs.busy:
                QtWidgets.QMessageBox.warning(
                    self._window(), "请稍候", "正在进行其他任务，请稍后再出具。"
                )
            return
        if not ask_for_letters(self.services, self._window(), self.jobs):
            return
        letters = self.services.letters(provisional=True)
        if not self._provisional_confirmed(letters, on, measures, deadline):
            return
        out = self._ask_letter_file(
            form, "保存监督决定书", f"{self.info.department}行政执法监督决定书.docx"
        )
        if out is None:
            return
        number = self.number

        def work(_state: TaskState) -> IssuedLetter:
            return letters.issue_decision(
                DecisionRequest(number, on, measures=measures, deadline=deadline), out
            )

        form.busy(True, "正在出具监督决定书……")
        job = self.jobs.start(
            work,
            writes=True,
            changes=OpChanges(letters=True, rectification=True, campaign_id=self.info.campaign_id),
            initiator=self._window(),
        )
        self.job = job
        job.succeeded.connect(lambda issued: self._decision_issued(form, issued))
        job.failed.connect(lambda msg: self._decision_failed(form, msg))

    def _provisional_confirmed(
        self, letters: LetterService, on: date, measures: dict[int, str], deadline: date | None
    ) -> bool:
        """A 纠正期限 counted on a year whose holidays are not imported yet (暂定) is issued
        only once the reviewer has checked it (issue 14: next year's holidays)."""
        if deadline is not None:
            return True
        try:
            context = letters.decision_context(
                DecisionRequest(self.number, on, measures=measures), draft=True
            )
        except UserError:
            return True  # the issue itself reports the refusal
        if not context["deadline_provisional"]:
            return True
        return confirm(
            self._window(),
            "暂定纠正期限",
            f"纠正期限{context['new_deadline']}为暂定：该年放假安排尚未导入，按法定节假日推算。"
            "\n导入国务院通知后可在“文书设置 → 节假日”中复核。是否按此期限出具？",
        )

    def _decision_issued(self, form: DecisionForm, issued: IssuedLetter) -> None:
        self.issued = issued
        form.busy(True, f"已出具 {issued.number}，文件保存在：{issued.file}")
        form.issue_button.setEnabled(False)
        self._done(self.info, f"已出具{issued.number}")
        QtWidgets.QMessageBox.information(
            form,
            "已出具监督决定书",
            f"已出具《行政执法监督决定书》{issued.number}，"
            f"履行期限至{day_text(issued.deadline)}。\n文件：{issued.file}",
        )

    def _decision_failed(self, form: DecisionForm, message: str) -> None:
        form.busy(False, "未出具，文号未被占用。")
        QtWidgets.QMessageBox.warning(form, "无法出具监督决定书", message)

    def rewrite(self) -> None:
        if self.jobs.busy:
            QtWidgets.QMessageBox.warning(
                self._window(), "请稍候", "正在进行其他任务，请稍后再生成。"
            )
            return
        out = self._ask_letter_file(
            self._window(),
            "重新生成监督意见书",
            f"{self.info.department}行政执法监督意见书.docx",
            self.info.file,
        )
        if out is None:
            return
        letters = self.services.letters()
        number = self.number

        def work(_state: TaskState) -> IssuedLetter:
            return letters.rewrite(number, out)

        self.rewrite_button.setEnabled(False)
        # On the writer: rewriting records an audit entry.
        job = self.jobs.start(work, writes=True)
        self.job = job
        job.succeeded.connect(
            lambda issued: QtWidgets.QMessageBox.information(
                self._window(), "已重新生成", f"已按原文号{issued.number}重新生成：\n{issued.file}"
            )
        )
        job.failed.connect(
            lambda msg: QtWidgets.QMessageBox.warning(self._window(), "无法重新生成", msg)
        )
        job.finished.connect(lambda: self.rewrite_button.setEnabled(True))
