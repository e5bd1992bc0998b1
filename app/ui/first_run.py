"""首次使用: the few settings a new office fills in once (单位名称, 机关代字, 法律依据,
评查人姓名) before the first start on an empty library, and where the data is kept.
Skippable: every value can be set later in 文书设置 and 我的身份. The same dialog asks again
(once, without the data folder) when a first letter is to be issued while they are still
unset (:func:`ask_for_letters`), and, with the folder only, when the user changes the data
folder later (文件 → 更改数据文件夹…, :func:`change_data_folder`): one chooser, one check.

The values are checked by :meth:`app.config.Settings.complete_problems` (the one place
settings are checked) and stored through ``Services.save_settings`` on the dialog's writer. A
data folder other than the one the window started on is checked (``data_folder_problem``),
opened, given the values and remembered for later starts (``remember_data_dir``); the caller
carries on with those services instead of restarting (``welcome`` returns them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import Any, Unpack

from app.changes import OpChanges, OpResult
from app.config import (
    LEGAL_BASIS_HINT,
    Paths,
    RunContext,
    Settings,
    data_folder_problem,
    remember_data_dir,
    standard_data_dir,
)
from app.errors import os_reason, user_message
from app.services import Services
from app.ui.parts import error_label, form_rows
from app.ui.qt import QtWidgets
from app.ui.taskman import TaskManager
from app.ui.work_windows import Opener, WorkDialog


class Purpose(Enum):
    """What the dialog is opened for: which parts it shows and how strictly it checks."""

    # The first start: every value, the letter ones may stay empty (a self-review team may
    # never issue a letter; they are asked again before the first one), and the data folder.
    FIRST_START = "first_start"
    # Before a first letter takes its number: the letter values, all of them required.
    LETTERS = "letters"
    # 文件 → 更改数据文件夹…: the folder only; the library there keeps its own settings.
    DATA_FOLDER = "data_folder"


class FirstRunDialog(WorkDialog):
    """Four lines and two buttons: 开始使用 (checked, saved) or 跳过 (nothing saved)."""

    def __init__(
        self,
        services: Services,
        *,
        intro: str = "欢迎使用。请填写以下几项（出具文书时使用），以后可在“评查 → 文书设置”中修改。",
        title: str = "首次使用",
        purpose: Purpose = Purpose.FIRST_START,
        **opener: Unpack[Opener],
    ) -> None:
        super().__init__(title, (560, 360), **opener)
        self.services = services
        self.purpose = purpose
        self.letters_may_wait = purpose is not Purpose.LETTERS
        s = services.settings
        self.organ = QtWidgets.QLineEdit(s.issuing_organ)
        self.organ.setPlaceholderText("如：某市司法局")
        self.code_opinion = QtWidgets.QLineEdit(s.letter_code_opinion)
        self.code_decision = QtWidgets.QLineEdit(s.letter_code_decision)
        self.legal_basis = QtWidgets.QLineEdit(s.legal_basis_opinion)
        self.legal_basis.setPlaceholderText(LEGAL_BASIS_HINT)
        self.legal_basis.setToolTip(
            "写明条款的，文书写“根据……第二十条的规定”；未写明的，写“根据……有关规定”。"
        )
        self.reviewer = QtWidgets.QLineEdit(s.reviewer_name)
        self.reviewer.setPlaceholderText("评分、签字确认时记录的姓名")
        # The library folder the window belongs to (a demo window's: the real library it
        # came from); another one chosen here is opened instead.
        paths = services.ctx.paths
        self.home = (paths.real_data_dir if paths.is_demo else None) or paths.data_dir
        self.folder = self.home
        self.opened: Services | None = None  # the services on a newly chosen folder
        self.folder_label = QtWidgets.QLabel(str(self.folder))
        self.folder_label.setWordWrap(True)
        self.folder_label.setToolTip(
            "案卷、数据库和设置都保存在这个文件夹中；备份时请备份整个文件夹。"
        )
        # Kept as an attribute so a test answers instead of a file dialog.
        self.ask_folder: Callable[[], str] = lambda: QtWidgets.QFileDialog.getExistingDirectory(
            self, "选择数据文件夹", str(self.folder.parent)
        )
        choose = QtWidgets.QPushButton("选择…")
        choose.clicked.connect(self.choose_folder)
        standard = QtWidgets.QPushButton("默认位置")
        standard.setToolTip(str(standard_data_dir()))
        standard.clicked.connect(lambda: self.set_folder(standard_data_dir()))
        folder_row = QtWidgets.QHBoxLayout()
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(choose)
        folder_row.addWidget(standard)

        intro_label = QtWidgets.QLabel(intro)
        intro_label.setWordWrap(True)
        # The lines asked, in form order, with the setting each one fills (see candidate);
        # none when only the data folder is chosen.
        self.asked = (
            ()
            if purpose is Purpose.DATA_FOLDER
            else (
                ("issuing_organ", "单位名称（发文机关）：", self.organ),
                ("letter_code_opinion", "意见书机关代字：", self.code_opinion),
                ("letter_code_decision", "决定书机关代字：", self.code_decision),
                ("legal_basis_opinion", "监督依据：", self.legal_basis),
                ("reviewer_name", "评查人姓名：", self.reviewer),
            )
        )
        form = form_rows(*((label, edit) for _field, label, edit in self.asked))
        if purpose is not Purpose.LETTERS:
            form.addRow("数据文件夹：", folder_row)
        self.error = error_label()
        buttons = QtWidgets.QDialogButtonBox()
        self.start_button = buttons.addButton(
            "开始使用", QtWidgets.QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.skip_button = buttons.addButton(
            "跳过", QtWidgets.QDialogButtonBox.ButtonRole.RejectRole
        )
        self.start_button.clicked.connect(self.save)
        self.skip_button.clicked.connect(self.reject)

        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(intro_label)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(buttons)

    def choose_folder(self) -> None:
        chosen = self.ask_folder()
        if chosen:
            self.set_folder(Path(chosen))

    def set_folder(self, folder: Path) -> None:
        """Show ``folder`` as the data folder to use; a folder that cannot hold a library
        is refused at once with the reason."""
        problem = data_folder_problem(folder)
        if problem:
            self.error.setText(problem)
            self.error.show()
            return
        self.error.hide()
        self.folder = folder
        self.folder_label.setText(str(folder))

    @property
    def moved(self) -> bool:
        """Whether a data folder other than the window's own was chosen."""
        return self.folder.resolve() != self.home.resolve()

    def candidate(self) -> Settings:
        """The settings as typed (not yet saved): each line asked, stripped."""
        settings = self.services.settings
        typed: dict[str, Any] = {field: edit.text().strip() for field, _label, edit in self.asked}
        return replace(settings, **typed, extra=dict(settings.extra))

    def save(self) -> bool:
        """Store the values (the red line says what is wrong instead); closes on success."""
        if self.purpose is Purpose.DATA_FOLDER:
            return self.open_folder()
        candidate = self.candidate()
        found = candidate.complete_problems(allow_unset=self.letters_may_wait)
        if found:
            self.error.setText("\n".join(found))
            self.error.show()
            return False
        services = self.services
        if self.moved:
            # The values belong to the library in the chosen folder.
            opened = self._open_chosen()
            if opened is None:
                return False
            services = opened
        try:
            self.tasks.run_op_and_wait(lambda: services.save_settings(candidate), initiator=self)
            if self.moved:
                remember_data_dir(self.folder)
        except OSError as exc:
            self.error.setText(f"设置文件写入失败：{os_reason(exc)}")
            self.error.show()
            return False
        self.accept()
        return True

    def open_folder(self) -> bool:
        """文件 → 更改数据文件夹…: open the chosen folder's library (made if new) and use it
        from now on; its own settings stay as they are."""
        if not self.moved:
            self.error.setText("这就是当前使用的数据文件夹。请选择另一个文件夹，或点“取消”。")
            self.error.show()
            return False
        if self._open_chosen() is None:
            return False
        try:
            remember_data_dir(self.folder)
        except OSError as exc:
            self.error.setText(f"无法记住新的数据文件夹：{os_reason(exc)}")
            self.error.show()
            if self.opened is not None:
                self.opened.close()
                self.opened = None
            return False
        self.accept()
        return True

    def _open_chosen(self) -> Services | None:
        """The library in the chosen folder, opened (the database made or migrated) on the
        writer and kept in ``opened`` for the caller; None, with the reason shown, if not."""
        ctx = RunContext(Paths(self.folder), today=self.services.ctx.today)
        try:
            result = self.tasks.run_op_and_wait(
                lambda: OpResult(Services.open(ctx), OpChanges(library=True)), initiator=self
            )
        except Exception as exc:  # a database from a newer version, not a database …
            self.error.setText(f"无法使用这个数据文件夹：{user_message(exc)}")
            self.error.show()
            return None
        self.opened = result.value
        return self.opened

    def done(self, result: int) -> None:
        if self.tasks.parent() is self:  # its own writer: stopped with the dialog
            self.tasks.shutdown()
        super().done(result)


def welcome(services: Services) -> Services | None:
    """The first start (an empty library never started before): ask the 首次使用 values.
    Returns the services on the data folder the user chose instead, if any (the caller
    closes ``services`` and carries on with them: no restart)."""
    dialog = FirstRunDialog(services)
    dialog.exec()
    return dialog.opened


def ask_for_letters(
    services: Services, parent: QtWidgets.QWidget | None, tasks: TaskManager | None = None
) -> bool:
    """Before a letter takes its number: whether the organ, 代字 and legal basis are set,
    asking for them (this dialog, once: saved, it is not asked again) when they are not."""
    if not services.settings.letter_gaps():
        return True
    dialog = FirstRunDialog(
        services,
        parent=parent,
        tasks=tasks,
        title="出具文书前的设置",
        intro="出具文书需要发文机关和机关代字，它们将印在文书上；"
        "监督依据留空即引用《行政执法监督条例》有关规定。填写一次即可，以后可在“评查 → 文书设置”中修改。",
        purpose=Purpose.LETTERS,
    )
    dialog.skip_button.setText("取消")
    return dialog.exec() == QtWidgets.QDialog.DialogCode.Accepted


def data_folder_dialog(
    services: Services, parent: QtWidgets.QWidget | None, tasks: TaskManager | None = None
) -> FirstRunDialog:
    """文件 → 更改数据文件夹…: the 首次使用 folder chooser and its checks, on their own."""
    dialog = FirstRunDialog(
        services,
        parent=parent,
        tasks=tasks,
        title="更改数据文件夹",
        intro="选择另一个数据文件夹（案卷、数据库和设置都保存在其中）。选择已有的数据文件夹即打开"
        "其中的案卷库；选择空文件夹即新建案卷库。当前文件夹中的案卷不会被移动：如需搬到新位置，"
        "请先退出程序，把整个文件夹复制过去，再在这里选择新位置。",
        purpose=Purpose.DATA_FOLDER,
    )
    dialog.start_button.setText("打开")
    dialog.skip_button.setText("取消")
    return dialog


def change_data_folder(
    services: Services, parent: QtWidgets.QWidget | None, tasks: TaskManager | None = None
) -> Services | None:
    """Ask for another data folder; the services on it (the caller replaces its window by
    one on them, no restart), or None if the user cancelled."""
    dialog = data_folder_dialog(services, parent, tasks)
    accepted = dialog.exec() == QtWidgets.QDialog.DialogCode.Accepted
    return dialog.opened if accepted else None
