"""打开演示库 / 返回我的案卷库: one window on the screen, on the real or the demo library.

The demo library is a data folder of its own, so switching means other services. Rather
than swapping services under a window (every panel would hold stale ones), the window on
one library is replaced by a new window on the other; this object keeps the window alive
and remembers the real library's run context to return to.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from app import APP_NAME
from app.config import Paths, RunContext
from app.errors import user_message
from app.release_notes import Release, mark_seen, notes_to_show
from app.services import Services
from app.ui.main_window import MainWindow
from app.ui.qt import QtCore, QtWidgets


class LibraryWindows(QtCore.QObject):
    """Opens the main window on a library and replaces it when the user switches."""

    def __init__(
        self, ctx: RunContext, welcome: Callable[[Services], object] | None = None
    ) -> None:
        super().__init__()
        # Asked on the very first start (首次使用, app/ui/first_run.py); tests pass none.
        self.welcome = welcome
        self.start_ctx = ctx
        self.real_ctx = ctx
        if ctx.paths.is_demo:  # started on a demo folder: its real library, if it has one
            real = ctx.paths.real_data_dir
            self.real_ctx = replace(ctx, paths=Paths(real), db_url=None) if real else ctx
        self.window: MainWindow | None = None
        self.release_notes: list[Release] = []

    def open_first(self) -> MainWindow:
        """The window for a start: the library asked for, except that the first start on an
        empty real library opens the demo library (built if needed) instead of filling it."""
        services = Services.open(self.start_ctx)
        paths, settings = services.ctx.paths, services.settings
        # 更新说明 of a newer program: decided on the folder asked for, before the first
        # start's demo switch, and shown once the window is up (application.py).
        self.release_notes = notes_to_show(settings, services.library.is_empty())
        mark_seen(settings, paths.settings_file)
        if not paths.is_demo and services.library.is_empty() and not settings.demo_built:
            if self.welcome is not None:
                # The user's own library's settings, then the demo; a data folder chosen
                # there is used from now on, without a restart.
                chosen = self.welcome(services)
                if isinstance(chosen, Services):
                    services.close()
                    services = chosen
                    self.start_ctx = self.real_ctx = chosen.ctx
                    paths, settings = chosen.ctx.paths, chosen.settings
            if services.library.is_empty() and not settings.demo_built:
                settings.demo_built = True  # offered once; 文件 → 打开演示库 offers it again
                settings.save(paths.settings_file)
                services.close()
                services = Services.open_demo(self.real_ctx)
                window = self._show(services)
                window.start_quick_start()  # the three steps through the demo, skippable
                return window
        return self._show(services)

    def _show(self, services: Services) -> MainWindow:
        window = MainWindow(services)
        window.library_switch_requested.connect(self.switch)
        window.data_folder_changed.connect(self.adopt)
        window.library_windows = self  # this switcher lives as long as its window
        if services.ctx.paths.is_demo and services.library.is_empty():
            window.build_demo_library()
        self.window = window
        return window

    def switch(self, demo: bool) -> None:
        """Replace the window by one on the demo library (``demo``) or the real one."""
        old = self.window
        if old is not None and old.jobs.busy:
            old.statusBar().showMessage("请等待当前任务完成后再切换案卷库。", 5000)
            return
        try:
            services = Services.open_demo(self.real_ctx) if demo else Services.open(self.real_ctx)
        except Exception as exc:  # the database refused (newer version, not a database …)
            QtWidgets.QMessageBox.critical(old, f"{APP_NAME}无法打开案卷库", user_message(exc))
            return
        self._replace(services)

    def adopt(self, services: Services) -> None:
        """文件 → 更改数据文件夹…: ``services`` (on the chosen folder, already open) become
        the real library from now on; the window is replaced by one on them."""
        self.start_ctx = self.real_ctx = services.ctx
        self._replace(services)

    def _replace(self, services: Services) -> None:
        old = self.window
        window = self._show(services)
        if old is not None:
            window.setGeometry(old.geometry())
        window.show()
        # Carry on reading dossiers a closed window left half-read (as at a start).
        QtCore.QTimer.singleShot(500, window.imports.resume_unfinished)
        if old is not None:
            old.close()
            old.services.close()
            old.deleteLater()
