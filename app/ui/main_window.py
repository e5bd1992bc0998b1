"""The main window: the 整改督办 dashboard, the library of dossiers and its empty state, menus
and the About box.

The window draws and forwards intent; every piece of work goes through ``Services`` and,
when it writes or takes long, through the window's one ``TaskManager`` (its single database
writer and its work pool). Every write ends in one ``AppSignals.changed`` emission, and each
panel refreshes itself from the flags it cares about.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import APP_NAME, __version__
from app.casefiles.search import SearchHit
from app.changes import OpChanges
from app.services import Services
from app.tasks import TaskState
from app.ui.checklist_dialog import ChecklistDialog
from app.ui.database_copies import backup_database, restore_database
from app.ui.empty_library import EmptyLibraryPage
from app.ui.import_flow import ImportFlow
from app.ui.library_model import LibraryTableModel
from app.ui.manual import open_manual
from app.ui.parts import confirm
from app.ui.qt import Qt, QtCore, QtGui, QtWidgets
from app.ui.quick_start_guide import QuickStartGuide, main_window_targets
from app.ui.rectification import RectificationDashboard
from app.ui.screen_fit import fit_to_screen
from app.ui.search_panel import SearchPanel
from app.ui.taskman import AppSignals, Job, TaskManager
from app.ui.viewer.dossier_window import DossierWindows
from app.work_queue import UNTITLED

if TYPE_CHECKING:
    from app.ui.roster_dialog import RosterDialog


class MainWindow(QtWidgets.QMainWindow):
    # 打开演示库 (True) / 返回我的案卷库 (False): the application replaces this window by one
    # on the other data folder (app/ui/library_switch.py); services never change under a window.
    library_switch_requested = QtCore.Signal(bool)
    # 文件 → 更改数据文件夹…: the services on the chosen folder; the window is replaced too.
    data_folder_changed = QtCore.Signal(object)
    imports: ImportFlow  # made after the pages that connect to it

    def __init__(self, services: Services, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        # The app-wide "something changed" hook and the one runner/writer every panel shares.
        self.signals = AppSignals(self)
        self.jobs = TaskManager(self.signals, self)
        self.signals.changed.connect(self._on_changed)
        self.is_demo = services.ctx.paths.is_demo
        self.library_windows: QtCore.QObject | None = None  # set by library_switch.py
        self.setWindowTitle(f"{APP_NAME} — 演示库" if self.is_demo else APP_NAME)
        fit_to_screen(self, 1200, 760)

        self.model = LibraryTableModel(self)
        self.proxy = QtCore.QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.table = QtWidgets.QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.dossiers = DossierWindows(services, self, self.jobs)
        self.table.activated.connect(self.open_case)  # double-click or Enter

        self.filter_edit = QtWidgets.QLineEdit()
        self.filter_edit.setPlaceholderText("筛选：案号、执法单位、当事人……")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)

        library_page = QtWidgets.QWidget()
        lib_layout = QtWidgets.QVBoxLayout(library_page)
        lib_layout.addWidget(self.filter_edit)
        lib_layout.addWidget(self.table)

        self.empty_page = EmptyLibraryPage()
        if self.is_demo:
            self.empty_page.demo_button.clicked.connect(self.build_demo_library)
        else:  # a real library is never filled with the demo: it has a folder of its own
            self.empty_page.demo_button.setText("打开演示库")
            self.empty_page.demo_button.clicked.connect(self.open_demo_library)
        self.empty_page.import_button.clicked.connect(lambda: self.imports.choose_files())

        self.stack = QtWidgets.QStackedWidget()
        self.stack.addWidget(self.empty_page)
        self.stack.addWidget(library_page)

        # 整改督办 first: the bureau opens the product each morning to see who owes a reply.
        self.dashboard = RectificationDashboard(services, self.jobs)
        self.tabs = QtWidgets.QTabWidget()
        self.tabs.setDocumentMode(True)
        self.dashboard_index = self.tabs.addTab(self.dashboard, "整改督办")
        self.library_index = self.tabs.addTab(self.stack, "案卷库")
        self.tabs.currentChanged.connect(self._tab_changed)
        self.setCentralWidget(self.tabs)

        self.progress = QtWidgets.QProgressBar()
        self.progress.setMaximumWidth(260)
        self.progress.hide()
        self.cancel_button = QtWidgets.QPushButton("取消")
        self.cancel_button.hide()
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)
        self._build_task_panel()

        self.imports = ImportFlow(services, self.jobs, self, self.show_progress)
        self.setAcceptDrops(True)

        self._build_search()
        self._build_menus()
        self.refresh_library()
        self.dashboard.refresh()
        self.tabs.setCurrentIndex(
            self.dashboard_index if self.dashboard.items else self.library_index
        )

    # ------------------------------------------------------------------ menus
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("文件(&F)")
        self.import_action = file_menu.addAction("导入扫描案卷(&I)…")
        self.import_action.setShortcut("Ctrl+I")
        self.import_action.triggered.connect(lambda: self.imports.choose_files())
        self.import_folder_action = file_menu.addAction("导入文件夹(&F)…")
        self.import_folder_action.triggered.connect(lambda: self.imports.choose_folder())
        file_menu.addSeparator()
        if self.is_demo:
            self.demo_action = file_menu.addAction("生成演示案卷库(&D)")
            self.demo_action.triggered.connect(self.build_demo_library)
            self.switch_action = file_menu.addAction("返回我的案卷库(&M)")
            self.switch_action.triggered.connect(lambda: self.library_switch_requested.emit(False))
            # A demo folder standing alone (tests, a trial install) has no library to return to.
            self.switch_action.setEnabled(self.services.ctx.paths.real_data_dir is not None)
        else:
            self.demo_action = self.switch_action = file_menu.addAction("打开演示库(&D)")
            self.switch_action.triggered.connect(self.open_demo_library)
        self.data_folder_action = file_menu.addAction("更改数据文件夹(&G)…")
        self.data_folder_action.triggered.connect(self.change_data_folder)
        self.open_action = file_menu.addAction("打开案卷(&O)")
        self.open_action.setShortcut(QtGui.QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(lambda: self.open_case())
        self.reread_action = file_menu.addAction("重新识别所选案卷(&R)…")
        self.reread_action.setToolTip("按扫描件重新识别文字、文书目录和要素；人工更正的内容保留")
        self.reread_action.triggered.connect(self.reread_selected)
        file_menu.addSeparator()
        backup_action = file_menu.addAction("备份数据库(&B)…")
        backup_action.triggered.connect(self.backup_database)
        restore_action = file_menu.addAction("从备份恢复(&R)…")
        restore_action.triggered.connect(self.restore_database)
        file_menu.addSeparator()
        quit_action = file_menu.addAction("退出(&X)")
        quit_action.setShortcut(QtGui.QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)

        search_menu = self.menuBar().addMenu("检索(&S)")
        self.search_action = search_menu.addAction("在案卷库中检索(&F)…")
        self.search_action.setShortcut(QtGui.QKeySequence.StandardKey.Find)
        self.search_action.triggered.connect(self.show_search)

        checklist_menu = self.menuBar().addMenu("评查标准(&C)")
        self.checklists_action = checklist_menu.addAction("查看与导入评查标准(&V)…")
        self.checklists_action.triggered.connect(self.show_checklists)

        review_menu = self.review_menu = self.menuBar().addMenu("评查(&R)")
        # addAction(text, slot): the action and its slot on one line, as in the toolbars.
        self.campaigns_action = review_menu.addAction("评查活动(&A)…", self.show_campaigns)
        self.demo_campaign_action = review_menu.addAction(
            "建立演示评查活动(&E)", self.build_demo_campaign
        )
        self.demo_campaign_action.setVisible(self.is_demo)
        self.identity_action = review_menu.addAction("我的身份(&I)…", self.change_identity)
        self.roster_action = review_menu.addAction("导入执法人员名册(&O)…", self.import_roster)
        self.roster_view_action = review_menu.addAction("执法人员名册(&N)…", self.show_roster)
        self.town_powers_action = review_menu.addAction(
            "乡镇赋权事项清单(&T)…", self.show_town_powers
        )
        review_menu.addSeparator()
        self.rectification_action = review_menu.addAction("整改督办(&Z)", self.show_dashboard)
        self.ledger_action = review_menu.addAction("纠错案件台账(&L)…", self.show_ledger)
        self.letter_settings_action = review_menu.addAction(
            "文书设置(&W)…", self.show_letter_settings
        )

        help_menu = self.menuBar().addMenu("帮助(&H)")
        # F1 itself is caught for every window at once (app/ui/manual.py, HelpKey).
        self.manual_action = help_menu.addAction("使用手册(&M)\tF1")
        self.manual_action.triggered.connect(lambda: open_manual(None, None))
        self.quick_start_action = help_menu.addAction("快速上手(&Q)")
        self.quick_start_action.setToolTip("三步走完演示：打开案卷 → 评查 → 出具意见书")
        self.quick_start_action.triggered.connect(self.start_quick_start)
        help_menu.addSeparator()
        self.verify_action = help_menu.addAction("校验数据(&V)…")
        self.verify_action.setToolTip("检查审计日志是否有绕过本程序改动、删除或插入的记录")
        self.verify_action.triggered.connect(self.verify_data)
        about = help_menu.addAction("关于(&A)")
        about.triggered.connect(self.show_about)

    def start_quick_start(self) -> QuickStartGuide:
        """帮助 → 快速上手 (and the first start on the demo): the three steps from the top."""
        guide = getattr(self, "quick_start", None)
        if guide is None:
            guide = self.quick_start = QuickStartGuide(main_window_targets(self), self)
            self.signals.changed.connect(guide.on_changed)
        else:
            guide.restart()
        guide.show()
        guide.raise_()
        return guide

    def change_identity(self) -> None:
        from app.ui.review.common import ask_identity

        if ask_identity(self, self.services, self.jobs):
            name = self.services.settings.reviewer_name or "（未填写）"
            self.statusBar().showMessage(f"当前身份：{name}", 5000)

    # ---------------------------------------------------------------- tasks
    def _build_task_panel(self) -> None:
        """The 任务 dock (every job, each with 取消) and its status-bar button."""
        from app.ui.task_panel import TaskButton, TaskPanel

        self.task_panel = TaskPanel(self.jobs)
        self.task_dock = self._hidden_dock(
            "任务", "taskDock", self.task_panel, Qt.DockWidgetArea.BottomDockWidgetArea
        )
        self.task_button = TaskButton(self.jobs, self.task_dock)
        self.statusBar().addPermanentWidget(self.task_button)

    # ---------------------------------------------------------------- search
    def _build_search(self) -> None:
        self.search_panel = SearchPanel(self.services)
        self.search_dock = self._hidden_dock(
            "检索", "searchDock", self.search_panel, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.search_panel.hit_activated.connect(self.open_hit)

    def _hidden_dock(
        self, title: str, name: str, widget: QtWidgets.QWidget, area: Qt.DockWidgetArea
    ) -> QtWidgets.QDockWidget:
        """A dock of the window, closed until asked for; ``name`` lets Qt keep its place."""
        dock = QtWidgets.QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        dock.hide()
        return dock

    def show_search(self) -> None:
        self.search_dock.show()
        self.search_dock.raise_()
        self.search_panel.focus_query()

    def open_hit(self, hit: SearchHit) -> None:
        """Open the hit's dossier at its page with the hit marked on the scan."""
        self.dossiers.open(hit.case_file_id).show_hit(hit)

    # ---------------------------------------------------------------- changes
    def _on_changed(self, changes: OpChanges, _initiator: object) -> None:
        """The one place the window reacts to a stored change: the library list follows
        dossiers and their facts (the dashboard and other panels subscribe themselves)."""
        if changes.library or changes.case_facts:
            self.refresh_library()

    # ---------------------------------------------------------------- library
    def refresh_library(self) -> None:
        cases = self.services.library.list_cases()
        chosen = set(self.selected_case_ids())  # a refresh while reading keeps the selection
        self.model.set_cases(cases)
        self._reselect(chosen)
        self.stack.setCurrentIndex(1 if cases else 0)
        self.table.resizeColumnsToContents()
        self.statusBar().showMessage(f"案卷库：{len(cases)} 卷")

    def _reselect(self, case_ids: set[int]) -> None:
        selection = self.table.selectionModel()
        flags = (
            QtCore.QItemSelectionModel.SelectionFlag.Select
            | QtCore.QItemSelectionModel.SelectionFlag.Rows
        )
        for row in range(self.model.rowCount()):
            if self.model.case_at(row).id in case_ids:
                selection.select(self.proxy.mapFromSource(self.model.index(row, 0)), flags)

    def open_case(self, index: QtCore.QModelIndex | None = None) -> None:
        """Open the dossier of a row (the current one by default) in its viewer window."""
        index = index if index is not None and index.isValid() else self.table.currentIndex()
        if index.isValid():
            self.dossiers.open(self.model.case_at(self.proxy.mapToSource(index).row()).id)

    def selected_case_ids(self) -> list[int]:
        rows = {self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()}
        return [self.model.case_at(r).id for r in sorted(rows)]

    def reread_selected(self) -> None:
        ids = self.selected_case_ids()
        if not ids:
            self.statusBar().showMessage("请先在案卷库中选择要重新识别的案卷。", 5000)
            return
        if self.jobs.busy:
            self.statusBar().showMessage("请等待当前任务完成后再重新识别。", 5000)
            return
        if confirm(
            self,
            "重新识别",
            f"按扫描件重新识别所选 {len(ids)} 卷案卷的文字、文书目录和要素？\n"
            "人工更正过的文书目录和要素会保留；每页约需数秒。",
        ):
            self.imports.reread(ids)

    def change_data_folder(self) -> None:
        """Open another data folder's library (chosen and checked as at the first start)."""
        from app.ui.first_run import change_data_folder

        if self.jobs.busy:
            self.statusBar().showMessage("请等待当前任务完成后再更改数据文件夹。", 5000)
            return
        opened = change_data_folder(self.services, self, self.jobs)
        if opened is not None:
            self.data_folder_changed.emit(opened)

    def open_demo_library(self) -> None:
        """Ask the application for a window on the demo library (built there if empty)."""
        self.library_switch_requested.emit(True)

    def build_demo_library(self) -> None:
        if self.jobs.busy:
            return
        self.demo_action.setEnabled(False)
        self.empty_page.demo_button.setEnabled(False)
        self.empty_page.set_building(True)
        services = self.services

        def work(state: TaskState) -> int:
            return services.build_demo(state)

        job = self.jobs.start(work, changes=OpChanges(library=True))
        self.show_progress(job, "正在生成演示案卷库……")
        job.succeeded.connect(
            lambda n: self.statusBar().showMessage(f"已生成 {n} 卷演示案卷", 5000)
        )
        job.failed.connect(lambda msg: self._error("生成演示案卷库失败", msg))
        # Then read the new dossiers (OCR, documents, facts) in the background.
        job.succeeded.connect(
            lambda _n: self.imports.resume_unfinished()  # queued until this job has ended
        )
        job.finished.connect(lambda: self.demo_action.setEnabled(True))
        job.finished.connect(lambda: self.empty_page.demo_button.setEnabled(True))
        job.finished.connect(lambda: self.empty_page.set_building(False))

    def show_progress(self, job: Job, message: str) -> None:
        self.statusBar().showMessage(message)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        if job.record.title == UNTITLED:
            job.record.title = message.rstrip("…")
        self.jobs.queue_changed.emit()

        def cancel() -> None:
            self.jobs.cancel(job.record)

        self.cancel_button.clicked.connect(cancel)

        def on_progress(done: int, total: int, text: str) -> None:
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(done)
            line = self.jobs.queue.summary()
            if line or text:
                self.statusBar().showMessage(line or text)

        def on_finished() -> None:
            self.progress.hide()
            self.cancel_button.hide()
            self.cancel_button.clicked.disconnect(cancel)

        job.progressed.connect(on_progress)
        job.cancelled.connect(lambda: self.statusBar().showMessage("已取消", 5000))
        job.finished.connect(on_finished)

    # ---------------------------------------------------------------- rectification
    def show_dashboard(self) -> None:
        self.dashboard.refresh()
        self.tabs.setCurrentIndex(self.dashboard_index)

    def _tab_changed(self, index: int) -> None:
        if index == self.dashboard_index:
            self.dashboard.refresh()

    def show_ledger(self) -> None:
        from app.ui.ledger_dialog import open_ledger_dialog

        open_ledger_dialog(self, self.services, self.jobs)

    def show_town_powers(self) -> None:
        from app.ui.town_powers_dialog import TownPowersDialog

        TownPowersDialog(self.services, parent=self, tasks=self.jobs).exec()

    def show_letter_settings(self) -> None:
        from app.ui.letter_settings import LetterSettingsDialog

        dialog = LetterSettingsDialog(self.services, parent=self, tasks=self.jobs)
        dialog.exec()
        self.dashboard.refresh()

    # ---------------------------------------------------------------- dialogs
    def show_checklists(self) -> None:
        ChecklistDialog(self.services.checklists, parent=self, tasks=self.jobs).exec()

    def show_roster(self) -> None:
        self._roster_dialog().exec()

    def import_roster(self) -> None:
        """The certified officers (姓名, 执法证号, 有效期 …) the officer pre-check compares
        with: the roster dialog, its 导入名册 asked at once."""
        self._roster_dialog().exec_importing()

    def _roster_dialog(self) -> RosterDialog:
        from app.ui.roster_dialog import RosterDialog

        return RosterDialog(self.services, parent=self, tasks=self.jobs)

    def show_campaigns(self) -> None:
        from app.ui.review.campaign_window import CampaignWindow

        window = getattr(self, "campaign_window", None)
        if window is None:
            window = CampaignWindow(self.services, self.jobs, self)
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.destroyed.connect(lambda *_: setattr(self, "campaign_window", None))
            self.campaign_window = window
        window.show()
        window.raise_()
        window.activateWindow()

    def build_demo_campaign(self) -> None:
        """The demo spot-check, scored from the demo dossiers' pre-checks and signed off, so
        every paper can be tried at once; opens the 评查活动 window on it."""
        if self.jobs.busy:  # it scores from the dossiers' reading: after the reading
            self.imports.after_current("建立演示评查活动", self.build_demo_campaign)
            self.statusBar().showMessage(
                "当前任务（识别演示案卷）完成后将自动建立演示评查活动，进度见“任务”。", 8000
            )
            return
        services = self.services
        job = self.jobs.start(
            lambda _state: services.build_demo_campaign(),
            writes=True,
            changes=OpChanges(campaign=True, review=True, letters=True, rectification=True),
        )
        self.show_progress(job, "正在建立演示评查活动（按预检评分）……")
        job.failed.connect(lambda msg: self._error("建立演示评查活动失败", msg))

        def opened(campaign_id: int) -> None:
            self.show_campaigns()
            self.campaign_window.refresh(select=campaign_id)

        job.succeeded.connect(opened)

    def show_about(self) -> None:
        QtWidgets.QMessageBox.about(
            self,
            f"关于{APP_NAME}",
            f"<h3>{APP_NAME}</h3>"
            f"<p>版本 {__version__}</p>"
            "<p>行政执法案卷评查：扫描案卷入库、对照评查标准逐项评分、自动预检、"
            "出具评查表与监督文书、跟踪整改。</p>"
            f"<p>数据文件夹：{self.services.ctx.paths.data_dir}</p>"
            "<p>本软件以 GNU AGPL-3.0 许可发布。</p>",
        )

    def verify_data(self) -> Job:
        """帮助 → 校验数据: the audit chain (``db verify``) and the consistency of letters,
        numbers, deductions and files (``db check``), off the GUI thread, in words."""

        def both() -> dict[str, Any]:
            return {"audit": self.services.verify_audit(), "check": self.services.check_database()}

        def shown(result: dict[str, Any]) -> None:
            audit, checked = result["audit"], result["check"]
            if audit["intact"] and checked["sound"] and not checked["problems"]:
                QtWidgets.QMessageBox.information(
                    self,
                    "校验数据",
                    f"审计日志完整：{audit['entries']} 条记录均与写入时一致。\n{checked['summary']}",
                )
                return
            lines = [p["message"] for p in audit["problems"]]
            lines += [f"【{p['area_label']}】{p['message']}" for p in checked["problems"]]
            more = len(lines) - 20
            head = (
                f"审计日志中有 {len(audit['problems'])} 处与写入时不符，可能是绕过本程序直接修改了数据库。"
                if audit["problems"]
                else f"审计日志完整：{audit['entries']} 条记录均与写入时一致。"
            )
            QtWidgets.QMessageBox.warning(
                self,
                "校验数据：发现问题",
                f"{head}\n数据核对：{checked['errors']} 处错误、{checked['warnings']} 处提示。\n\n"
                + "\n".join(lines[:20])
                + (f"\n……另有 {more} 处" if more > 0 else ""),
            )

        def failed(message: str) -> None:
            QtWidgets.QMessageBox.warning(self, "无法校验数据", message)

        return self.jobs.run_query(both, shown, failed)

    # ------------------------------------------------------------ database copies
    def backup_database(self) -> Job | None:
        return backup_database(
            self,
            self.services,
            self.jobs,
            self.show_progress,
            lambda written: self.statusBar().showMessage(f"已备份到 {written}", 8000),
        )

    def daily_backup(self) -> Job:
        """The day's automatic backup (settings: how many are kept), on the writer like
        every copy; said in the status bar, a failure shown as any job's."""

        def done(written: Path | None) -> None:
            if written is not None:
                self.statusBar().showMessage(f"已自动备份到 {written}", 8000)

        job = self.jobs.start(self.services.daily_backup, writes=True)
        job.succeeded.connect(done)
        job.failed.connect(lambda message: self._error("自动备份失败", message))
        return job

    def restore_database(self) -> Job | None:
        job = restore_database(self, self.services, self.jobs, self.show_progress, self.close)
        if job is not None:  # nothing else may touch the database while it is replaced
            self.tabs.setEnabled(False)
            self.menuBar().setEnabled(False)
            job.finished.connect(lambda: self.tabs.setEnabled(True))
            job.finished.connect(lambda: self.menuBar().setEnabled(True))
        return job

    def _error(self, title: str, message: str) -> None:
        QtWidgets.QMessageBox.warning(self, title, message)

    # ------------------------------------------------------------ drag and drop
    def dragEnterEvent(self, event: QtGui.QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QtGui.QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.imports.import_paths(paths)

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:
        self.dossiers.close_all()
        if getattr(self, "campaign_window", None) is not None:
            self.campaign_window.close()  # its scoring windows stop their renderers
        self.jobs.shutdown()
        self.imports.shutdown()
        super().closeEvent(event)
