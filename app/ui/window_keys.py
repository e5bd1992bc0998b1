"""The keys that close a window: Ctrl+W everywhere, Esc where Esc has no other job.

Reviewers open many viewers in a session and close them from the keyboard; dialogs already
close on Esc (Qt), so only the windows that are not dialogs need this, and one function keeps
the keys the same in all of them.
"""

from __future__ import annotations

from collections.abc import Callable

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


__all__ = ["install_close_keys"]
