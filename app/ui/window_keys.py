"""Closing a window: the keys that close it (Ctrl+W everywhere, Esc where Esc has no other
job) and the work it stops when it closes.

Reviewers open many viewers in a session and close them from the keyboard; dialogs already
close on Esc (Qt), so only the windows that are not dialogs need this, and one function keeps
the keys the same in all of them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from app.ui.qt import Qt, QtGui, QtWidgets


def install_close_keys(
    window: QtWidgets.QWidget, *, escape: Callable[[], bool] | None = None
) -> list[QtGui.QShortcut]:
    """Ctrl+W closes ``window``. With ``escape``, Esc closes it too unless ``escape()``
    handled the key itself first (e.g. leaving the find box) and returned True."""
    close = QtGui.QShortcut(window)
    # Ctrl+W as the issue asks, and the platform's own close key (Ctrl+F4 on some desktops)
    platform = QtGui.QKeySequence.keyBindings(QtGui.QKeySequence.StandardKey.Close)
    close.setKeys(
        [QtGui.QKeySequence("Ctrl+W"), *(k for k in platform if k.toString() != "Ctrl+W")]
    )
    close.activated.connect(window.close)
    shortcuts = [close]
    if escape is not None:
        esc = QtGui.QShortcut(QtGui.QKeySequence(Qt.Key.Key_Escape), window)
        esc.activated.connect(lambda: escape() or window.close())
        shortcuts.append(esc)
    return shortcuts


# The mixin's methods resolve against the Qt window it is mixed into.
if TYPE_CHECKING:
    _Window = QtWidgets.QWidget
else:
    _Window = object


class ShutsDownOnClose(_Window):
    """A window whose background work (a page renderer, a runner of its own) must stop when
    it closes: closing calls its ``shutdown``, which says what that work is."""

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop the window's work; safe to call twice."""
        raise NotImplementedError


__all__ = ["ShutsDownOnClose", "install_close_keys"]
