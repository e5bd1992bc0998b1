"""Start the window: QApplication, Chinese Qt catalogues, services, first-run demo library
(opened in its own data folder, see library_switch.py)."""

from __future__ import annotations

import sys

from app import APP_NAME
from app.config import RunContext
from app.ui.i18n import install_chinese
from app.ui.library_switch import LibraryWindows
from app.ui.main_window import MainWindow
from app.ui.qt import QtCore, QtGui, QtWidgets


def create_application(argv: list[str] | None = None) -> QtWidgets.QApplication:
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(argv or sys.argv[:1])
    assert isinstance(app, QtWidgets.QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("anjuan-pingcha")
    install_chinese(app)
    font = QtGui.QFont(app.font())
    font.setFamilies(["Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", font.family()])
    app.setFont(font)
    return app


def open_main_window(ctx: RunContext) -> MainWindow:
    """Open the services and the window (the demo library on the first start on an empty
    library); raise the services' own (Chinese) errors."""
    return LibraryWindows(ctx).open_first()


def run_window(ctx: RunContext) -> int:
    app = create_application()
    try:
        window = open_main_window(ctx)
    except Exception as exc:  # the database refused (newer version, not a database …)
        QtWidgets.QMessageBox.critical(None, f"{APP_NAME}无法启动", str(exc))
        return 1
    window.show()
    # Carry on reading dossiers a closed window or a killed process left half-read.
    QtCore.QTimer.singleShot(500, window.imports.resume_unfinished)
    return app.exec()
