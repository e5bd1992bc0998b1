"""The dialog of a reference list the pre-checks read (执法人员名册, 赋权事项清单 …): a note
on what the list in force means for the pre-checks, a view of it, and 导入 / 关闭.

One layout and one import path for every such list, so they look and behave alike: the
file is asked for, the service reads it on the writer, a refusal is shown in Chinese under
the list's own title, and the view is read back. A subclass names its texts and gives
the view, ``reload`` and the service call."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Unpack

from app.ui.parts import EXCEL_OPEN_FILTER, ask_open_file, push_button
from app.ui.qt import QtWidgets
from app.ui.work_windows import Opener, WorkDialog

if TYPE_CHECKING:
    from app.services import Services


class ListImportDialog(WorkDialog):
    IMPORT_LABEL: str  # the import button, with its shortcut: "导入名册(&I)…"
    IMPORT_TIP: str  # what the file holds
    NOUN: str  # the list, as the file dialog and a refusal name it: "执法人员名册"
    FILE_FILTER: str = EXCEL_OPEN_FILTER

    def __init__(
        self,
        services: Services,
        title: str,
        size: tuple[int, int],
        view: QtWidgets.QWidget,
        **opener: Unpack[Opener],
    ) -> None:
        super().__init__(title, size, **opener)
        self.services = services
        self.note = QtWidgets.QLabel()
        self.note.setWordWrap(True)
        buttons = QtWidgets.QHBoxLayout()
        buttons.addWidget(push_button(self.IMPORT_LABEL, self.import_file, self.IMPORT_TIP))
        buttons.addStretch(1)
        buttons.addWidget(push_button("关闭", self.accept))
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(view, 1)
        layout.addLayout(buttons)

    def reload(self) -> None:
        """Show the list in force and the note on it."""
        raise NotImplementedError

    def read_file(self, path: Path) -> Any:
        """The service call that imports ``path`` (run on the writer; returns its OpResult)."""
        raise NotImplementedError

    def import_file(self) -> None:
        path = ask_open_file(self, f"导入{self.NOUN}", self.FILE_FILTER)
        if path is None:
            return
        self.tasks.run_op(
            self,
            lambda: self.read_file(path),
            lambda _result: self.reload(),
            title=f"无法导入{self.NOUN}",
        )
