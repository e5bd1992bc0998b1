"""The one module that imports PySide6; every widget module imports Qt from here.

Keeping the binding behind one door makes the wall (no Qt outside ``app/ui``) checkable and
a future change of binding a one-file change.
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator, Signal, Slot

# What Qt's item-model and delegate methods take as an index (overrides must accept both).
ModelIndex = QtCore.QModelIndex | QtCore.QPersistentModelIndex

__all__ = [
    "ModelIndex",
    "QLibraryInfo",
    "QLocale",
    "QTranslator",
    "Qt",
    "QtCore",
    "QtGui",
    "QtWidgets",
    "Signal",
    "Slot",
]
