"""Start the window: QApplication, Chinese Qt catalogues, services, first-run demo library
(opened in its own data folder, see library_switch.py), and the exception hook that turns an
unforeseen error into a Chinese message and a log entry."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from app import APP_NAME, __version__
from app.config import RunContext
from app.errors import is_user_facing, user_message
from app.private_files import make_private, private_dir
from app.release_notes import Release, as_html
from app.services import Services, restore_database
from app.ui.i18n import chinese_system_locale, install_chinese
from app.ui.library_switch import LibraryWindows
from app.ui.main_window import MainWindow
from app.ui.manual import install_help_key
from app.ui.qt import QtCore, QtGui, QtWidgets, Signal

log = logging.getLogger("app")


def create_application(argv: list[str] | None = None) -> QtWidgets.QApplication:
    app = QtWidgets.QApplication.instance()
    if app is None:
        with chinese_system_locale():
            app = QtWidgets.QApplication(argv or sys.argv[:1])
    assert isinstance(app, QtWidgets.QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("anjuan-pingcha")
    install_chinese(app)
    install_help_key(app)  # F1 anywhere: the manual at that window's section
    font = QtGui.QFont(app.font())
    font.setFamilies(["Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", font.family()])
    app.setFont(font)
    return app


def log_to(log_file: Path) -> logging.Handler:
    """Write the application's log (warnings and errors with tracebacks) to ``log_file``."""
    private_dir(log_file.parent)
    handler = logging.FileHandler(log_file, encoding="utf-8")
    make_private(log_file)  # tracebacks may quote names from the dossiers
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    if log.level == logging.NOTSET or log.level > logging.INFO:
        log.setLevel(logging.INFO)
    return handler


class ErrorReporter(QtCore.QObject):
    """Shows an error that no slot caught: the traceback to the log, a Chinese box to the user.

    The hooks may run on any thread; the box is shown on the GUI thread (the signal is queued
    there when emitted from a worker)."""

    reported = Signal(str)

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.reported.connect(self._show)
        self._previous = (sys.excepthook, threading.excepthook)

    def install(self) -> ErrorReporter:
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook
        return self

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self._previous

    def excepthook(
        self,
        kind: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous[0](kind, exc, tb)
            return
        text = "".join(traceback.format_exception(kind, exc, tb))
        if is_user_facing(exc):
            log.warning("未处理的提示：%s\n%s", exc, text)
        else:
            log.error("未处理的异常：\n%s", text)
        self.reported.emit(user_message(exc))

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        self.excepthook(args.exc_type, args.exc_value, args.exc_traceback)

    def _show(self, message: str) -> None:
        parent = QtWidgets.QApplication.activeWindow()
        QtWidgets.QMessageBox.critical(parent, f"{APP_NAME}：出错了", message)


def install_error_hooks(log_file: Path, parent: QtCore.QObject | None = None) -> ErrorReporter:
    """Log to ``log_file`` and show unforeseen errors in Chinese (window start-up calls it)."""
    log_to(log_file)
    return ErrorReporter(parent).install()


def open_main_window(
    ctx: RunContext, welcome: Callable[[Services], object] | None = None
) -> MainWindow:
    """Open the services and the window (the demo library on the first start on an empty
    library, after ``welcome``, the 首次使用 dialog); raise the services' own (Chinese)
    errors."""
    return LibraryWindows(ctx, welcome).open_first()


def offer_release_notes(
    window: MainWindow, releases: list[Release]
) -> QtWidgets.QMessageBox | None:
    """更新说明 after an upgrade: a box over the window that does not stop its start."""
    if not releases:
        return None
    box = QtWidgets.QMessageBox(
        QtWidgets.QMessageBox.Icon.Information,
        "更新说明",
        f"{APP_NAME}已更新到版本 {__version__}。",
        QtWidgets.QMessageBox.StandardButton.Ok,
        window,
    )
    box.setObjectName("release_notes")
    box.setInformativeText(as_html(releases))
    box.open()
    return box


def report_started(window: MainWindow, app: QtWidgets.QApplication) -> None:
    """``--quit-after-start``: once the window is up and its jobs done, say what it shows on
    standard output and quit with 0 (the installers' smoke tests start the bundle so)."""

    def check() -> None:
        if not window.jobs.idle:
            QtCore.QTimer.singleShot(200, check)
            return
        cancel = QtCore.QCoreApplication.translate("QPlatformTheme", "Cancel")
        print(
            f"{APP_NAME} {__version__}：窗口已打开（{window.windowTitle()}），"
            f"案卷 {window.model.rowCount()} 卷，Qt 按钮“{cancel}”",
            flush=True,
        )
        app.exit(0)

    QtCore.QTimer.singleShot(0, check)


def offer_latest_backup(ctx: RunContext, exc: Exception) -> bool:
    """The start-up refusal in Chinese; where the latest backup is the way out (a damaged
    database), offer to restore it. True when it was restored (open again)."""
    backup: Path | None = getattr(exc, "backup", None)
    if backup is None:
        QtWidgets.QMessageBox.critical(None, f"{APP_NAME}无法启动", user_message(exc))
        return False
    box = QtWidgets.QMessageBox(
        QtWidgets.QMessageBox.Icon.Critical, f"{APP_NAME}无法启动", user_message(exc)
    )
    restore = box.addButton("从最近的备份恢复", QtWidgets.QMessageBox.ButtonRole.AcceptRole)
    box.addButton("退出", QtWidgets.QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is not restore:
        return False
    try:
        aside = restore_database(ctx, backup)
    except Exception as failed:
        log.exception("恢复失败")
        QtWidgets.QMessageBox.critical(None, "恢复失败", user_message(failed))
        return False
    QtWidgets.QMessageBox.information(
        None, "已恢复", f"已从“{backup.name}”恢复。原数据库文件已另存为：{aside}"
    )
    return True


def run_window(ctx: RunContext, *, quit_after_start: bool = False) -> int:
    app = create_application()
    install_error_hooks(ctx.paths.log_file, app)
    from app.ui.first_run import welcome

    while True:
        try:
            windows = LibraryWindows(ctx, None if quit_after_start else welcome)
            window = windows.open_first()
            break
        except Exception as exc:  # the database refused (damaged, locked, newer version …)
            log.exception("无法启动")
            if quit_after_start:
                print(user_message(exc), file=sys.stderr)
                return 1
            if not offer_latest_backup(ctx, exc):
                return 1
    window.show()
    if quit_after_start:
        report_started(window, app)
    else:
        offer_release_notes(window, windows.release_notes)
        start_background_work(window)
    return app.exec()


def start_background_work(window: MainWindow) -> None:
    """What every start does once the window is up, after a pause so that it shows first:
    carry on reading dossiers a closed window or a killed process left half-read, then
    the day's automatic backup (once a calendar day; the newest N are kept)."""
    QtCore.QTimer.singleShot(500, window.imports.resume_unfinished)
    QtCore.QTimer.singleShot(1500, window.daily_backup)
