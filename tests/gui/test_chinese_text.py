"""No English and no internal code in any window (issue 16): every text a window shows —
titles, labels, buttons, group boxes, tabs, list and table cells and headers, combo boxes,
placeholders — is scanned for ASCII words; only the names a Chinese office uses as they are
(PDF, Excel, Word …) may appear.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from app.services import Services
from app.ui.i18n import install_chinese
from app.ui.qt import Qt, QtCore, QtWidgets
from app.ui.taskman import TaskManager
from tests.gui.windows import WINDOWS, shut

#: Words a Chinese reviewer reads as they are.
ALLOWED = {
    "PDF",
    "Excel",
    "Word",
    "OCR",
    "LibreOffice",
    "JPG",
    "JPEG",
    "TIFF",
    "TIF",
    "PNG",
    "docx",
    "xlsx",
    "pdf",
    "SQLite",
    "PostgreSQL",
    "Ctrl",
    "Shift",
    "Alt",
    "Esc",
    "Enter",
    "Tab",
    "YAML",
    "yaml",
    "GB",  # standard numbers: GB/T 9704, DB32/T 4181
    "EMS",  # 中国邮政特快专递, as 送达 receipts name it
    "DB",
}
_WORD = re.compile(r"[A-Za-z]{2,}")
_TAG = re.compile(r"<[^>]+>")
_PATH = re.compile(r"(?:[A-Za-z]:)?[\\/][^\s，。；：]+")  # a file path the user chose
_FILE = re.compile(
    r"[^\s/\\，。；：（）]+\.(?:pdf|jpe?g|tiff?|png|docx|xlsx|yaml)\b", re.I
)  # a file's name


@pytest.fixture(autouse=True)
def chinese(qapp: QtWidgets.QApplication) -> None:
    """Qt's own strings in Chinese, as the application installs them at start."""
    install_chinese(qapp)


def _columns(model: QtCore.QAbstractItemModel, parent: QtCore.QModelIndex) -> int:
    if isinstance(model, QtCore.QAbstractListModel):
        return 1  # its columnCount is private in PySide6
    return model.columnCount(parent)


def _item_texts(view: QtWidgets.QAbstractItemView) -> Iterator[str]:
    model = view.model()
    if model is None:
        return
    for orientation in (Qt.Orientation.Horizontal, Qt.Orientation.Vertical):
        root = QtCore.QModelIndex()
        count = _columns(model, root) if orientation == Qt.Orientation.Horizontal else 0
        for section in range(count):
            value = model.headerData(section, orientation, Qt.ItemDataRole.DisplayRole)
            if value is not None:
                yield str(value)

    tree = isinstance(view, QtWidgets.QTreeView)

    def rows(parent: QtCore.QModelIndex, depth: int = 0) -> Iterator[str]:
        for row in range(min(model.rowCount(parent), 200)):
            for column in range(_columns(model, parent)):
                index = model.index(row, column, parent)
                value = model.data(index, Qt.ItemDataRole.DisplayRole)
                if value is not None:
                    yield str(value)
            if tree and depth < 4:
                yield from rows(model.index(row, 0, parent), depth + 1)

    yield from rows(QtCore.QModelIndex())


def _widget_texts(widget: QtWidgets.QWidget) -> Iterator[str]:
    if isinstance(widget, QtWidgets.QLabel | QtWidgets.QAbstractButton):
        yield widget.text()
    elif isinstance(widget, QtWidgets.QGroupBox):
        yield widget.title()
    elif isinstance(widget, QtWidgets.QLineEdit):
        yield widget.placeholderText()
    elif isinstance(widget, QtWidgets.QComboBox):
        yield from (widget.itemText(i) for i in range(widget.count()))
    elif isinstance(widget, QtWidgets.QTabWidget):
        yield from (widget.tabText(i) for i in range(widget.count()))
    elif isinstance(widget, QtWidgets.QAbstractItemView):
        yield from _item_texts(widget)


def visible_texts(window: QtWidgets.QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every text the window shows."""
    yield "window title", window.windowTitle()
    for widget in window.findChildren(QtWidgets.QWidget):
        if widget.isVisibleTo(window):
            for text in _widget_texts(widget):
                yield type(widget).__name__, text
    if isinstance(window, QtWidgets.QMainWindow):
        for action in window.menuBar().actions():
            yield "menu", action.text()
            menu = action.menu()
            for sub in menu.actions() if menu is not None else []:
                yield "menu", sub.text()


def english_words(text: str) -> list[str]:
    plain = _FILE.sub(" ", _PATH.sub(" ", _TAG.sub(" ", text))).replace("&", "")
    return [w for w in _WORD.findall(plain) if w not in ALLOWED]


@pytest.mark.parametrize("name", list(WINDOWS))
def test_the_window_speaks_chinese(
    qtbot, window_services: Services, window_tasks: TaskManager, name: str
) -> None:
    window = WINDOWS[name](window_services, window_tasks)
    qtbot.addWidget(window)
    try:
        window.show()
        qtbot.waitExposed(window)
        QtWidgets.QApplication.processEvents()
        found = [
            (where, text, words)
            for where, text in visible_texts(window)
            if (words := english_words(text))
        ]
        assert not found, f"{name}: English or internal words shown: {found[:10]}"
    finally:
        shut(window)


def test_the_scan_finds_an_internal_code() -> None:
    assert english_words("文书类型：penalty_decision") == ["penalty", "decision"]
    assert english_words("导出为 Excel（.xlsx）") == []
    assert english_words("已保存：/home/user/文书/意见书.docx") == []
    assert english_words("scan-01-penalty.pdf — 评分") == []
