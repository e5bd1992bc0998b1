"""帮助 → 使用手册 (F1): the Chinese user guide shipped in ``resources/manual/`` shown in a
window, opened at the section of the window the user is in.

The guide is Markdown (``manual.md``, one ``## `` section per step of the work and per dialog)
with screenshots taken from the real window by ``installer/screenshot.py``; which section
belongs to which window is data (``sections.yaml``: window class → heading), so a new dialog
gets its help by one line there. F1 is caught once for the whole application
(:class:`HelpKey`), because a dialog's own shortcuts would have to be added to every dialog and
a modal dialog blocks the main window's.
"""

from __future__ import annotations

import functools
from pathlib import Path

from app.paths import read_yaml, resources_dir
from app.ui.qt import QtCore, QtGui, QtWidgets
from app.ui.screen_fit import fit_to_screen
from app.ui.window_keys import install_close_keys

MANUAL_FILE = "manual.md"
SECTIONS_FILE = "sections.yaml"
#: Screenshots wider than this are shown scaled down, so the text column stays readable.
IMAGE_WIDTH = 760


def manual_dir() -> Path:
    return resources_dir() / "manual"


@functools.cache
def sections() -> dict[str, str]:
    """Window class name → the heading of its section (``sections.yaml``)."""
    return {str(k): str(v) for k, v in (read_yaml(manual_dir() / SECTIONS_FILE) or {}).items()}


def headings(text: str) -> list[str]:
    """The ``## `` section headings of the manual, in order."""
    return [line[3:].strip() for line in text.splitlines() if line.startswith("## ")]


def section_for(widget: QtWidgets.QWidget | None) -> str | None:
    """The section for ``widget``: its class's (or a base class's), else the section of the
    window it was opened from; None for the manual's start."""
    table = sections()
    while widget is not None:
        for cls in type(widget).__mro__:
            if cls.__name__ in table:
                return table[cls.__name__]
        widget = widget.parentWidget()
    return None


class ManualBrowser(QtWidgets.QTextBrowser):
    """The guide's text; screenshots scaled to the column's width."""

    def loadResource(self, kind: int, name: QtCore.QUrl | str) -> object:
        if kind == QtGui.QTextDocument.ResourceType.ImageResource.value:
            path = name.toString() if isinstance(name, QtCore.QUrl) else name
            image = QtGui.QImage(str(manual_dir() / path))
            if not image.isNull() and image.width() > IMAGE_WIDTH:
                return image.scaledToWidth(
                    IMAGE_WIDTH, QtCore.Qt.TransformationMode.SmoothTransformation
                )
            return image
        return super().loadResource(kind, name)


class ManualWindow(QtWidgets.QWidget):
    """The contents on the left, the guide on the right."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent, QtCore.Qt.WindowType.Window)
        self.setWindowTitle("使用手册")
        fit_to_screen(self, 1040, 760)
        text = (manual_dir() / MANUAL_FILE).read_text(encoding="utf-8")
        self.browser = ManualBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setMarkdown(text)
        self.contents = QtWidgets.QListWidget()
        self.contents.addItems(headings(text))
        self.contents.currentTextChanged.connect(self.show_section)
        split = QtWidgets.QSplitter()
        split.addWidget(self.contents)
        split.addWidget(self.browser)
        split.setStretchFactor(1, 1)
        split.setSizes([200, 840])
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        install_close_keys(self, escape=lambda: False)

    def show_section(self, heading: str | None) -> bool:
        """Scroll so that ``heading``'s section starts at the top; False if there is none."""
        block = self.browser.document().begin()
        while block.isValid():
            if block.blockFormat().headingLevel() == 2 and block.text().strip() == heading:
                break
            block = block.next()
        else:
            return False
        self.browser.setTextCursor(QtGui.QTextCursor(block))
        bar = self.browser.verticalScrollBar()
        layout = self.browser.document().documentLayout()
        bar.setValue(int(layout.blockBoundingRect(block).top()))
        items = self.contents.findItems(heading or "", QtCore.Qt.MatchFlag.MatchExactly)
        if items and self.contents.currentItem() is not items[0]:
            self.contents.blockSignals(True)
            self.contents.setCurrentItem(items[0])
            self.contents.blockSignals(False)
        return True

    def current_section(self) -> str | None:
        """The heading of the section shown at the top (for tests and the contents list)."""
        top = self.browser.cursorForPosition(QtCore.QPoint(4, 4)).block()
        while top.isValid() and top.blockFormat().headingLevel() != 2:
            top = top.previous()
        return top.text().strip() if top.isValid() else None


_open: dict[int, ManualWindow] = {}  # one manual per owning window (id of the owner, 0: none)


def open_manual(owner: QtWidgets.QWidget | None = None, section: str | None = None) -> ManualWindow:
    """Show the manual at ``section``. Owned by ``owner`` when given: a window opened while a
    modal dialog is up must belong to that dialog, or the dialog blocks it."""
    key = id(owner) if owner is not None else 0
    window = _open.get(key)
    if window is None:
        window = ManualWindow(owner)
        window.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        window.destroyed.connect(lambda *_: _open.pop(key, None))
        _open[key] = window
    window.show()
    window.raise_()
    window.activateWindow()
    if section:
        window.show_section(section)
    return window


def help_for(widget: QtWidgets.QWidget | None) -> ManualWindow:
    """F1 in ``widget``'s window: the manual at that window's section."""
    window = widget.window() if widget is not None else None
    if isinstance(window, ManualWindow):
        return window
    owner = window if isinstance(window, QtWidgets.QDialog) and window.isModal() else None
    return open_manual(owner, section_for(window))


class HelpKey(QtCore.QObject):
    """F1 anywhere in the application opens the manual at the active window's section."""

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        if (
            event.type() == QtCore.QEvent.Type.KeyPress
            and isinstance(event, QtGui.QKeyEvent)
            and event.key() == QtCore.Qt.Key.Key_F1
            and isinstance(watched, QtWidgets.QWidget)
        ):
            help_for(QtWidgets.QApplication.activeWindow() or watched)
            return True
        return super().eventFilter(watched, event)


def install_help_key(app: QtWidgets.QApplication) -> HelpKey:
    """Catch F1 for the whole application (once, at start)."""
    key = HelpKey(app)
    app.installEventFilter(key)
    return key


__all__ = [
    "HelpKey",
    "ManualWindow",
    "help_for",
    "install_help_key",
    "open_manual",
    "section_for",
    "sections",
]
