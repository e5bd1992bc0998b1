"""Chinese for Qt's own dialogs and buttons (确定/取消, file dialogs, context menus).

The product's own strings are written in Chinese in the widgets; what Qt draws itself comes
from the ``qtbase_zh_CN`` catalogue shipped in the PySide6 wheel. Two gaps of that catalogue
and of Qt are closed here:

- the catalogue lags Qt: the file dialog asks for "&Look in:" and "Files of &type:" (with an
  accelerator) while the catalogue knows "Look in:"; such a string is looked up without its
  ``&`` and given the accelerator back the Chinese way ("查找范围(&L)：");
- the file list formats sizes and dates with the *system* locale (read from LC_ALL / LANG when
  the application object is made), not the default one: on a PC set to English or "C" it
  showed "0 bytes" and "4 12 2026". :func:`chinese_system_locale` surrounds its making.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager

from app.ui.qt import QLibraryInfo, QLocale, QtCore, QTranslator

_CATALOGUES = ("qtbase_zh_CN", "qt_zh_CN")
CHINESE_LOCALE = "zh_CN.UTF-8"
_ACCELERATOR = re.compile(r"&(\w)")


@contextmanager
def chinese_system_locale() -> Iterator[None]:
    """Around making the QApplication: Qt's system locale is Chinese unless the user's
    already is. Qt reads LC_ALL / LANG once, when the locale is first asked for (done here);
    the variable is then put back, so programs started later (LibreOffice, OCR workers)
    get the user's own environment and no warnings of a locale the system lacks."""
    current = os.environ.get("LC_ALL") or os.environ.get("LC_TIME") or os.environ.get("LANG")
    if (current or "").startswith("zh"):
        yield
        return
    before = os.environ.get("LC_ALL")
    os.environ["LC_ALL"] = CHINESE_LOCALE
    try:
        yield
        QLocale.system().name()  # read now, while the variable says Chinese
    finally:
        if before is None:
            del os.environ["LC_ALL"]
        else:
            os.environ["LC_ALL"] = before


class _WithoutAccelerator(QTranslator):
    """Answers what ``catalogues`` know only without the accelerator's ``&``."""

    def __init__(self, catalogues: list[QTranslator], parent: QtCore.QObject) -> None:
        super().__init__(parent)
        self.catalogues = catalogues

    def translate(
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str | None:
        # None, not "": Qt takes an empty string for a translation and asks no further.
        key = _ACCELERATOR.search(source_text)
        if key is None:
            return None
        bare = source_text.replace("&", "", 1)
        for catalogue in self.catalogues:
            found = catalogue.translate(context, bare, disambiguation, n)
            if found:
                return with_accelerator(found, key.group(1))
        return None

    def isEmpty(self) -> bool:
        return False


def with_accelerator(text: str, key: str) -> str:
    """ "查找范围：" with key L → "查找范围(&L)：" (the accelerator before a closing colon)."""
    tail = text[-1] if text and text[-1] in ":：" else ""
    return f"{text[: len(text) - len(tail)]}(&{key.upper()}){tail}"


def install_chinese(app: QtCore.QCoreApplication) -> list[str]:
    """Load Qt's zh_CN catalogues into ``app``; returns the names that loaded."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    loaded: list[str] = []
    catalogues: list[QTranslator] = []
    for name in _CATALOGUES:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            catalogues.append(translator)
            loaded.append(name)
    if catalogues:
        # Installed last, asked first: it answers only for an accelerated string the
        # catalogues miss, and its answer comes from them.
        app.installTranslator(_WithoutAccelerator(catalogues, app))
    return loaded
