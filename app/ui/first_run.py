"""首次使用: the few settings a new office fills in once (单位名称, 机关代字, 评查人姓名)
before the first start on an empty library, and where the data is kept. Skippable: every
value can be set later in 文书设置 and 我的身份.

The values are checked by :meth:`app.config.Settings.problems` (the one place settings are
checked) and stored through ``Services.save_settings`` on the dialog's writer.
"""

from __future__ import annotations

from dataclasses import replace

from app.config import Settings
from app.errors import os_reason
from app.services import Services
from app.ui.parts import error_label
from app.ui.qt import QtWidgets
from app.ui.screen_fit import fit_to_screen
from app.ui.taskman import TaskManager


class FirstRunDialog(QtWidgets.QDialog):
    """Four lines and two buttons: 开始使用 (checked, saved) or 跳过 (nothing saved)."""

    def __init__(
        self,
        services: Services,
        parent: QtWidgets.QWidget | None = None,
        *,
        tasks: TaskManager | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = tasks if tasks is not None else TaskManager(parent=self)
        self.setWindowTitle("首次使用")
        fit_to_screen(self, 560, 360)
        s = services.settings
        self.organ = QtWidgets.QLineEdit(s.issuing_organ)
        self.organ.setPlaceholderText("如：某市司法局")
        self.code_opinion = QtWidgets.QLineEdit(s.letter_code_opinion)
        self.code_decision = QtWidgets.QLineEdit(s.letter_code_decision)
        self.reviewer = QtWidgets.QLineEdit(s.reviewer_name)
        self.reviewer.setPlaceholderText("评分、签字确认时记录的姓名")
        folder = QtWidgets.QLabel(str(services.ctx.paths.data_dir))
        folder.setWordWrap(True)
        folder.setToolTip("案卷、数据库和设置都保存在这个文件夹中；备份时请备份整个文件夹。")

        intro = QtWidgets.QLabel(
            "欢迎使用。请填写以下几项（出具文书时使用），以后可在“评查 → 文书设置”中修改。"
        )
        intro.setWordWrap(True)
        form = QtWidgets.QFormLayout()
        form.addRow("单位名称（发文机关）：", self.organ)
        form.addRow("意见书机关代字：", self.code_opinion)
        form.addRow("决定书机关代字：", self.code_decision)
        form.addRow("评查人姓名：", self.reviewer)
        form.addRow("数据文件夹：", folder)
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
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(buttons)

    def candidate(self) -> Settings:
        return replace(
            self.services.settings,
            issuing_organ=self.organ.text().strip(),
            letter_code_opinion=self.code_opinion.text().strip(),
            letter_code_decision=self.code_decision.text().strip(),
            reviewer_name=self.reviewer.text().strip(),
            extra=dict(self.services.settings.extra),
        )

    def save(self) -> bool:
        """Store the values (the red line says what is wrong instead); closes on success."""
        candidate = self.candidate()
        found = candidate.problems()
        if found:
            self.error.setText("\n".join(found))
            self.error.show()
            return False
        services = self.services
        try:
            self.tasks.run_op_and_wait(lambda: services.save_settings(candidate), initiator=self)
        except OSError as exc:
            self.error.setText(f"设置文件写入失败：{os_reason(exc)}")
            self.error.show()
            return False
        self.accept()
        return True

    def done(self, result: int) -> None:
        if self.tasks.parent() is self:  # its own writer: stopped with the dialog
            self.tasks.shutdown()
        super().done(result)


def welcome(services: Services) -> None:
    """The first start (an empty library never started before): ask the 首次使用 values."""
    FirstRunDialog(services).exec()
