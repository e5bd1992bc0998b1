"""The 快速上手 panel: the current step's words, 下一步 and 跳过, and an orange frame around
the real widget or menu the step uses.

What the user does is watched where it happens, not guessed: a window opening (an
application event filter sees every top-level ``Show``) and a stored change (the window's
one ``AppSignals.changed``). The order of the steps and when each ends are the Qt-free
:class:`app.quick_start.Tour`; this module only draws and forwards.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.changes import OpChanges
from app.quick_start import Tour, load_steps
from app.ui.qt import Qt, QtCore, QtGui, QtWidgets
from app.ui.screen_fit import available_area

#: A target resolves to the widget that holds it and the rectangle (in that widget) to frame.
Target = tuple[QtWidgets.QWidget, QtCore.QRect]
TargetFinder = Callable[[str], Target | None]
HIGHLIGHT = QtGui.QColor("#f08c00")


class Highlight(QtWidgets.QWidget):
    """An orange frame drawn over a window around one of its widgets; clicks go through."""

    def __init__(self, parent: QtWidgets.QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)

    def paintEvent(self, _event: QtGui.QPaintEvent) -> None:
        painter = QtGui.QPainter(self)
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        pen = QtGui.QPen(HIGHLIGHT, 3)
        painter.setPen(pen)
        painter.drawRoundedRect(QtCore.QRectF(self.rect()).adjusted(2, 2, -2, -2), 5, 5)


class QuickStartGuide(QtWidgets.QFrame):
    """A small window in the screen's corner that walks the user through the demo."""

    finished = QtCore.Signal()

    def __init__(
        self,
        find_target: TargetFinder,
        parent: QtWidgets.QWidget | None = None,
        tour: Tour | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint)
        self.setWindowTitle("快速上手")
        self.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        self.find_target = find_target
        self.tour = tour or Tour(load_steps())
        self.caption = QtWidgets.QLabel()
        self.caption.setStyleSheet("color: #666;")
        self.title = QtWidgets.QLabel()
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)
        self.text = QtWidgets.QLabel()
        self.text.setWordWrap(True)
        self.text.setMinimumWidth(320)
        self.next_button = QtWidgets.QPushButton("下一步")
        self.next_button.clicked.connect(self.next_step)
        self.skip_button = QtWidgets.QPushButton("跳过")
        self.skip_button.setToolTip("结束快速上手；以后可从“帮助 → 快速上手”重新开始")
        self.skip_button.clicked.connect(self.skip)
        buttons = QtWidgets.QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.next_button)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self.setFixedWidth(380)

        self.highlight: Highlight | None = None
        # The framed widget moves (a window resized, a tab switched): follow it.
        self._follow = QtCore.QTimer(self)
        self._follow.setInterval(400)
        self._follow.timeout.connect(self.place_highlight)
        app = QtWidgets.QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.show_step()

    # ------------------------------------------------------------ what the user did
    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        if (
            event.type() == QtCore.QEvent.Type.Show
            and isinstance(watched, QtWidgets.QWidget)
            and watched.isWindow()
            and watched is not self
        ):
            for cls in type(watched).__mro__:
                if self.happened(f"window:{cls.__name__}"):
                    break
        return False

    def on_changed(self, changes: OpChanges, _initiator: object = None) -> None:
        """Connected to the window's ``AppSignals.changed``."""
        for name in [k for k, v in changes.as_json().items() if v is True]:
            if self.happened(f"changed:{name}"):
                break

    def happened(self, event: str) -> bool:
        if self.tour.happened(event):
            self.show_step()
            return True
        return False

    # ------------------------------------------------------------ the buttons
    def next_step(self) -> None:
        self.tour.next()
        self.show_step()

    def skip(self) -> None:
        self.tour.skip()
        self.show_step()

    def restart(self) -> None:
        self.tour.restart()
        self.show_step()

    # ------------------------------------------------------------ drawing
    def show_step(self) -> None:
        step = self.tour.step
        if step is None:
            self._follow.stop()
            self._drop_highlight()
            self.hide()
            self.finished.emit()
            return
        self.caption.setText(f"快速上手 · {self.tour.caption()}")
        self.title.setText(step.title)
        self.text.setText(step.text)
        last = self.tour.index == len(self.tour.steps) - 1
        self.next_button.setText("完成" if last else "下一步")
        self.adjustSize()
        self._place()
        self.place_highlight()
        self._follow.start()

    def _place(self) -> None:
        """At the right edge, a little below the middle: clear of the menus and tool bars at
        the top and of the status bar, the 任务 panel and dialog buttons at the bottom."""
        area = available_area(self.parentWidget() or self)
        y = area.top() + int((area.height() - self.height()) * 0.55)
        self.move(area.right() - self.width() - 24, y)

    def place_highlight(self) -> None:
        """Frame the current step's target where it is now (nothing when it is not shown)."""
        step = self.tour.step
        found = self.find_target(step.target) if step is not None else None
        if found is None or not found[0].isVisible():
            self._drop_highlight()
            return
        holder, rect = found
        window = holder.window()
        if self.highlight is None or self.highlight.parentWidget() is not window:
            self._drop_highlight()
            self.highlight = Highlight(window)
            self.highlight.destroyed.connect(self._forget_highlight)  # with its window
        top_left = holder.mapTo(window, rect.topLeft())
        self.highlight.setGeometry(QtCore.QRect(top_left, rect.size()).adjusted(-4, -4, 4, 4))
        self.highlight.show()
        self.highlight.raise_()

    def highlighted(self) -> QtCore.QRect | None:
        """Where the frame is, in its window's coordinates (None: no frame shown)."""
        if self.highlight is None or not self.highlight.isVisible():
            return None
        return self.highlight.geometry()

    def _forget_highlight(self, *_args: object) -> None:
        self.highlight = None

    def _drop_highlight(self) -> None:
        if self.highlight is not None:
            self.highlight.hide()
            self.highlight.deleteLater()
            self.highlight = None

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:
        self.tour.skip()
        self._follow.stop()
        self._drop_highlight()
        super().closeEvent(event)


def main_window_targets(window: Any) -> TargetFinder:
    """The targets of the steps in the main window (and the campaign window it opened):
    ``library`` the list of dossiers (its tab while another page is shown), ``review_menu``
    the 评查 menu, ``documents_button`` 文书与报表… (the 评查 menu until that window is open)."""

    def menu(title_prefix: str) -> Target | None:
        bar = window.menuBar()
        for action in bar.actions():
            if action.text().startswith(title_prefix):
                return bar, bar.actionGeometry(action)
        return None

    def find(name: str) -> Target | None:
        if name == "library":
            if window.tabs.currentIndex() == window.library_index:
                page = window.stack.currentWidget()
                return page, page.rect()
            bar = window.tabs.tabBar()
            return bar, bar.tabRect(window.library_index)
        if name == "documents_button":
            campaigns = getattr(window, "campaign_window", None)
            if campaigns is not None and campaigns.isVisible():
                button = campaigns.documents_button
                return button, button.rect()
        if name in ("review_menu", "documents_button"):
            return menu("评查(")
        return None

    return find


__all__ = ["Highlight", "QuickStartGuide", "Target", "TargetFinder", "main_window_targets"]
