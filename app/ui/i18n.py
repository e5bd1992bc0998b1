"""Chinese for Qt's own dialogs and buttons (确定/取消, file dialogs, context menus).

The product's own strings are written in Chinese in the widgets; what Qt draws itself comes
from the ``qtbase_zh_CN`` catalogue shipped in the PySide6 wheel.
"""

from __future__ import annotations

from app.ui.qt import QLibraryInfo, QLocale, QtCore, QTranslator

_CATALOGUES = ("qtbase_zh_CN", "qt_zh_CN")


def install_chinese(app: QtCore.QCoreApplication) -> list[str]:
    """Load Qt's zh_CN catalogues into ``app``; returns the names that loaded."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    loaded: list[str] = []
    for name in _CATALOGUES:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            loaded.append(name)
    return loaded
