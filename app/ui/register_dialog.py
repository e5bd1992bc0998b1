"""One shape for the registers a bureau imports from a file and reads in the window.

The 执法人员名册 and the 乡镇赋权事项清单 are both lists the pre-checks compare dossiers with:
a note saying what the pre-checks make of the list (or that they cannot judge without it),
the list itself, 导入… and 关闭. Each register says only what differs — its view, how it
fills it, and which service reads the file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Unpack

from app.ui.parts import EXCEL_OPEN_FILTER, ask_open_file, push_button
from app.ui.qt import QtCore, QtWidgets
from app.ui.work_windows import Opener, WorkDialog

if TYPE_CHECKING:
    from app.services import Services


@dataclass(frozen=True)
class Register:
    """What a register is called and how its file is chosen; the title and the import
    button are made from its names."""

    noun: str  # 执法人员名册: the title, "导入执法人员名册", "无法导入执法人员名册"
    short: str  # 名册: the button "导入名册(&I)…"
    tip: str
    title: str | None = None  # when the dialog's title says more than the noun
    size: tuple[int, int] = (860, 520)  # a register's table fits its columns at this size
    file_filter: str = EXCEL_OPEN_FILTER

    @property
    def window_title(self) -> str:
        return self.title or self.noun

    @property
    def button(self) -> str:
        return f"导入{self.short}(&I)…"


class RegisterDialog(WorkDialog):
    """A register's dialog; subclasses build the view (``make_view``), fill it
    (``reload``) and name the service call that reads a file (``reader``)."""

    register: Register

    def __init__(self, services: Services, **opener: Unpack[Opener]) -> None:
        super().__init__(self.register.window_title, self.register.size, **opener)
        self.services = services
        self.note = QtWidgets.QLabel()
        self.note.setWordWrap(True)
        buttons = QtWidgets.QHBoxLayout()
        buttons.addWidget(push_button(self.register.button, self.import_file, self.register.tip))
        buttons.addStretch(1)
        buttons.addWidget(push_button("关闭", self.accept))
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.make_view(), 1)
        layout.addLayout(buttons)
        self.reload()

    def make_view(self) -> QtWidgets.QWidget:
        raise NotImplementedError

    def reload(self) -> None:
        raise NotImplementedError

    def reader(self, path: Path) -> Callable[[], object]:
        """The service call that imports ``path`` (run on the writer)."""
        raise NotImplementedError

    def imported(self, result: Any) -> str | None:
        """What to tell the person once ``result`` is stored (None: the refreshed list
        says it)."""
        return None

    def import_file(self) -> None:
        """导入…: ask for the file, read it on the writer, then show the new list."""
        noun = self.register.noun
        path = ask_open_file(self, f"导入{noun}", self.register.file_filter)
        if path is None:
            return

        def stored(result: Any) -> None:
            self.reload()
            message = self.imported(result)
            if message is not None:
                QtWidgets.QMessageBox.information(self, "已导入", message)

        self.tasks.run_op(self, self.reader(path), stored, title=f"无法导入{noun}")

    def exec_importing(self) -> int:
        """Open the dialog with 导入… asked at once (a menu's "导入…" comes here, so a
        register is imported one way)."""
        QtCore.QTimer.singleShot(0, self.import_file)
        return self.exec()


__all__ = ["Register", "RegisterDialog"]
