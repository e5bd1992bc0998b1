"""Parts the windows and dialogs build the same way: the red error line, the button rows,
a button wired to its action, the yes/no question, the open- and save-file questions and
table columns that fit their contents.

Written once so that the dialogs look alike and a change of style (colour, wording of 取消)
is made in one place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from app.errors import UserError
from app.ui.qt import Qt, QtWidgets

ERROR_STYLE = "color: #b00020;"
# The four Excel importers share one reader (app/review/excel_files.py), so one filter.
EXCEL_OPEN_FILTER = "Excel 工作簿 (*.xlsx *.xlsm);;所有文件 (*)"


def error_label(hidden: bool = True) -> QtWidgets.QLabel:
    """The red, wrapping line under a form that says why it was not accepted."""
    label = QtWidgets.QLabel()
    label.setObjectName("errorLabel")
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    if hidden:
        label.hide()
    return label


def ok_cancel(
    dialog: QtWidgets.QDialog, ok_text: str | None, on_ok: Callable[[], object]
) -> tuple[QtWidgets.QDialogButtonBox, QtWidgets.QPushButton]:
    """OK (named ``ok_text``, calling ``on_ok``) and 取消 (rejecting the dialog); with
    ``ok_text`` None both keep the names the translation gives them."""
    box = QtWidgets.QDialogButtonBox(
        QtWidgets.QDialogButtonBox.StandardButton.Ok
        | QtWidgets.QDialogButtonBox.StandardButton.Cancel
    )
    ok = box.button(QtWidgets.QDialogButtonBox.StandardButton.Ok)
    if ok_text is not None:
        ok.setText(ok_text)
        box.button(QtWidgets.QDialogButtonBox.StandardButton.Cancel).setText("取消")
    box.accepted.connect(on_ok)
    box.rejected.connect(dialog.reject)
    return box, ok


def push_button(text: str, on_click: Callable[[], object], tip: str = "") -> QtWidgets.QPushButton:
    """A button that runs ``on_click`` when clicked, with its tooltip if any."""
    button = QtWidgets.QPushButton(text)
    if tip:
        button.setToolTip(tip)
    button.clicked.connect(on_click)
    return button


def action_row(dialog: QtWidgets.QDialog, primary: QtWidgets.QPushButton) -> QtWidgets.QHBoxLayout:
    """A right-aligned row: the dialog's main button, then 取消 (rejecting the dialog)."""
    cancel = QtWidgets.QPushButton("取消")
    cancel.clicked.connect(dialog.reject)
    row = QtWidgets.QHBoxLayout()
    row.addStretch(1)
    row.addWidget(primary)
    row.addWidget(cancel)
    return row


def ask_open_file(
    parent: QtWidgets.QWidget | None, title: str, file_filter: str = EXCEL_OPEN_FILTER
) -> Path | None:
    """The file to read, or None when the person cancels."""
    path, _ = QtWidgets.QFileDialog.getOpenFileName(parent, title, "", file_filter)
    return Path(path) if path else None


def ask_save_file(
    parent: QtWidgets.QWidget | None,
    title: str,
    suggested: str | Path,
    file_filter: str,
    suffix: str,
) -> Path | None:
    """The file to save as, with ``suffix`` (e.g. ``.docx``) added when typed without it;
    None when the person cancels."""
    path, _ = QtWidgets.QFileDialog.getSaveFileName(parent, title, str(suggested), file_filter)
    if not path:
        return None
    target = Path(path)
    if target.suffix.lower() != suffix:
        target = target.with_name(target.name + suffix)
    return target


def confirm(parent: QtWidgets.QWidget | None, title: str, text: str) -> bool:
    """A yes/no question; True only for 是."""
    answer = QtWidgets.QMessageBox.question(
        parent,
        title,
        text,
        QtWidgets.QMessageBox.StandardButton.Yes | QtWidgets.QMessageBox.StandardButton.No,
    )
    return answer == QtWidgets.QMessageBox.StandardButton.Yes


def fit_columns(header: QtWidgets.QHeaderView, count: int, stretch: int) -> None:
    """Every column as wide as its contents, except ``stretch``, which takes the rest."""
    for column in range(count):
        header.setSectionResizeMode(
            column,
            QtWidgets.QHeaderView.ResizeMode.Stretch
            if column == stretch
            else QtWidgets.QHeaderView.ResizeMode.ResizeToContents,
        )


def cell_texts(table: QtWidgets.QTableWidget) -> list[list[str]]:
    """What a table shows, row by row (an empty cell as "")."""
    return [
        [_text(table.item(r, c)) for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def _text(item: QtWidgets.QTableWidgetItem | None) -> str:
    return "" if item is None else item.text()


def cell_data(table: QtWidgets.QTableWidget, row: int, column: int = 0) -> Any:
    """The value kept behind a cell (its ``UserRole`` data); None for an empty cell."""
    item = table.item(row, column)
    return None if item is None else item.data(Qt.ItemDataRole.UserRole)


def side_by_side(
    left: QtWidgets.QWidget, right: QtWidgets.QWidget, sizes: tuple[int, int]
) -> QtWidgets.QSplitter:
    """A list or tree on the left, the work on the right; the right side takes any growth."""
    splitter = QtWidgets.QSplitter(Qt.Orientation.Horizontal)
    splitter.addWidget(left)
    splitter.addWidget(right)
    splitter.setStretchFactor(1, 1)
    splitter.setSizes(list(sizes))
    return splitter


def stacked(
    *parts: QtWidgets.QWidget | QtWidgets.QLayout, stretch_last: int = 0
) -> QtWidgets.QWidget:
    """A margin-less widget holding ``parts`` (widgets or layouts) top to bottom: one side of
    a splitter, or the body of a scroll area. ``stretch_last``: the last part's stretch."""
    holder = QtWidgets.QWidget()
    layout = QtWidgets.QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    for i, part in enumerate(parts):
        stretch = stretch_last if i == len(parts) - 1 else 0
        if isinstance(part, QtWidgets.QLayout):
            layout.addLayout(part, stretch)
        else:
            layout.addWidget(part, stretch)
    return holder


def form_rows(*rows: tuple[str, QtWidgets.QWidget | QtWidgets.QLayout]) -> QtWidgets.QFormLayout:
    """A form of (label, field) rows, top to bottom; a field may be a row of its own layout
    and a label "" leaves the label column empty."""
    form = QtWidgets.QFormLayout()
    for label, field in rows:
        form.addRow(label, field)
    return form


def accept_unless_refused(
    dialog: QtWidgets.QDialog, error: QtWidgets.QLabel, submit: Callable[[], object]
) -> None:
    """OK on a form: run ``submit``; a refusal (``UserError``) is shown in the form's red
    ``error`` line and the dialog stays open for a correction, else the dialog is accepted."""
    try:
        submit()
    except UserError as exc:
        error.setText(str(exc))
        error.show()
        return
    dialog.accept()


def split_row(
    left: Iterable[QtWidgets.QWidget], right: Iterable[QtWidgets.QWidget]
) -> QtWidgets.QHBoxLayout:
    """A row: the ``left`` widgets from the left edge, the ``right`` ones against the right
    edge, the room between them left empty (a panel's button bar, a window's bottom row)."""
    row = QtWidgets.QHBoxLayout()
    for widget in left:
        row.addWidget(widget)
    row.addStretch(1)
    for widget in right:
        row.addWidget(widget)
    return row


def closing_row(close: Callable[[], object], *buttons: QtWidgets.QWidget) -> QtWidgets.QHBoxLayout:
    """A window's bottom row: its ``buttons`` on the left, 关闭 (calling ``close``) on the
    right."""
    return split_row(buttons, [push_button("关闭", close)])
