"""The dossier window: toolbar, outline and thumbnails, the pages, facts and OCR text.

A thin frame: it reads the dossier through ``CaseDetailService``, gives the pages to the
widgets, keeps them in step (current page, rotation) and stores the reviewer's rotation
back through the service. The three panes sit in one ``QSplitter`` so the scoring panel can
be added beside them later.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.casefiles.case_detail import CaseDetail, OcrLine
from app.casefiles.search import SearchHit
from app.changes import OpChanges
from app.services import Services
from app.ui.facts_editor import FactsEditor
from app.ui.outline_editor import OutlineEditor
from app.ui.qt import Qt, QtCore, QtGui, QtWidgets
from app.ui.screen_fit import fit_to_screen
from app.ui.taskman import TaskManager, window_runner
from app.ui.viewer.find_bar import FindBar
from app.ui.viewer.outline import OutlineView
from app.ui.viewer.page_controls import PageBox, ZoomBox
from app.ui.viewer.page_view import PageView
from app.ui.viewer.render_worker import RenderWorker, prestart
from app.ui.viewer.side_panel import SidePanel
from app.ui.viewer.thumbnails import ThumbnailStrip
from app.ui.window_keys import ShutsDownOnClose, install_close_keys


class DossierWindow(ShutsDownOnClose, QtWidgets.QMainWindow):
    """One dossier: corrections run on the window's one writer (``tasks``); the window
    reloads when the app-wide change signal says this case's facts or outline changed."""

    def __init__(
        self,
        services: Services,
        case_id: int,
        parent: QtWidgets.QWidget | None = None,
        tasks: TaskManager | None = None,
    ) -> None:
        super().__init__(parent)
        self.tasks = window_runner(self, tasks)
        self._own_tasks = tasks is None
        self.tasks.signals.changed.connect(self._on_changed)
        self.setWindowFlag(Qt.WindowType.Window)
        self.services = services
        self.detail: CaseDetail = services.cases.detail(case_id)
        self.setWindowTitle(f"{self.detail.case_no or self.detail.original_name} — 案卷")
        fit_to_screen(self, 1360, 860)
        self.worker = RenderWorker(self.detail.file_path, processes=2, parent=self)

        self.view = PageView()
        self.view.text.provider = self._page_lines
        self.thumbnails = ThumbnailStrip()
        self.outline = OutlineView()
        self.side = SidePanel()
        self.find_bar = FindBar(
            lambda text: services.search(text, case_file_id=case_id, limit=None),
            lambda: self.view.current_page(),
        )
        self.find_bar.hit_selected.connect(self.show_hit)
        self.close_keys = install_close_keys(self, escape=self._leave_find)
        self.outline_editor = OutlineEditor(
            services, case_id, self.outline, lambda: self.view.current_page(), self.tasks
        )
        self.facts_editor = FactsEditor(
            services, case_id, self.side.facts, self.tasks, self.detail.file_path
        )

        left = QtWidgets.QTabWidget()
        left.addTab(self.outline, "目录")
        left.addTab(self.thumbnails, "缩略图")
        self.left_tabs = left
        self.splitter = QtWidgets.QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([220, 780, 360])
        self.setCentralWidget(self.splitter)
        self._build_toolbar()

        self.view.current_page_changed.connect(self._on_current_page)
        self.view.rotation_changed.connect(self._store_rotation)
        self.thumbnails.page_activated.connect(self.view.go_to_page)
        self.outline.page_requested.connect(self.view.go_to_page)
        self.side.facts.page_requested.connect(self.view.go_to_page)

        self.outline.set_documents(self.detail.documents)
        left.setCurrentWidget(self.thumbnails if self.outline.is_empty() else self.outline)
        self.side.facts.set_detail(self.detail)
        self.side.contents.set_contents(self.detail.contents)
        self.thumbnails.set_document(self.worker, self.detail.pages)
        self.view.set_document(self.worker, self.detail.pages)
        self._on_current_page(1)
        self.view.setFocus()

    # ------------------------------------------------------------ toolbar
    def _action(
        self, text: str, slot: Callable[..., object], shortcut: Any = None, tip: str = ""
    ) -> QtGui.QAction:
        action = QtGui.QAction(text, self)
        if shortcut is not None:
            action.setShortcuts(
                shortcut if isinstance(shortcut, list) else [QtGui.QKeySequence(shortcut)]
            )
        action.setToolTip(
            f"{tip or text}（{action.shortcut().toString(QtGui.QKeySequence.SequenceFormat.NativeText)}）"
        )
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_toolbar(self) -> None:
        bar = self.addToolBar("查看")
        bar.setObjectName("viewerToolbar")
        bar.setMovable(False)
        self.prev_action = self._action("上一页", self.view.previous_page)
        self.next_action = self._action("下一页", self.view.next_page)
        bar.addAction(self.prev_action)
        bar.addAction(self.next_action)
        bar.addWidget(QtWidgets.QLabel(" 第 "))
        self.page_box = PageBox(self.view, len(self.detail.pages))
        bar.addWidget(self.page_box)
        self.page_total = QtWidgets.QLabel(f" / {len(self.detail.pages)} 页 ")
        bar.addWidget(self.page_total)
        self.goto_action = self._action("跳转到页…", self.ask_page, "Ctrl+G", "跳转到第…页")
        bar.addAction(self.goto_action)
        bar.addSeparator()
        self.zoom_out_action = self._action(
            "缩小", self.view.zoom_out, [QtGui.QKeySequence("Ctrl+-")]
        )
        self.zoom_in_action = self._action(
            "放大", self.view.zoom_in, [QtGui.QKeySequence("Ctrl+="), QtGui.QKeySequence("Ctrl++")]
        )
        bar.addAction(self.zoom_out_action)
        self.zoom_box = ZoomBox(self.view)
        bar.addWidget(self.zoom_box)
        bar.addAction(self.zoom_in_action)
        bar.addSeparator()
        self.rotate_left_action = self._action(
            "向左旋转", lambda: self.view.rotate_current(-90), "Shift+R"
        )
        self.rotate_right_action = self._action(
            "向右旋转", lambda: self.view.rotate_current(90), "R"
        )
        bar.addAction(self.rotate_left_action)
        bar.addAction(self.rotate_right_action)
        bar.addSeparator()
        self.single_action = self._action("单页", lambda on: self.view.set_continuous(not on))
        self.single_action.setCheckable(True)
        self.single_action.setToolTip("单页 / 连续 显示")
        bar.addAction(self.single_action)
        self.text_action = self._action("显示识别文字", self._toggle_text, "Ctrl+T")
        self.text_action.setCheckable(True)
        self.text_action.setToolTip("显示识别文字：框选页面上的文字，Ctrl+C 复制")
        bar.addAction(self.text_action)
        bar.addSeparator()
        bar.addWidget(self.find_bar)
        self.find_action = self._action(
            "检索", self.focus_find, QtGui.QKeySequence.StandardKey.Find, "在本卷中检索"
        )
        self.find_previous_action = self._action(
            "上一个", self.find_bar.find_previous, "Shift+F3", "上一处检索结果"
        )
        self.find_next_action = self._action(
            "下一个", self.find_bar.find_next, "F3", "下一处检索结果"
        )
        bar.addAction(self.find_previous_action)
        bar.addAction(self.find_next_action)

    # ------------------------------------------------------------ search and corrections
    def _leave_find(self) -> bool:
        """Esc in the find box gives the page the keyboard back instead of closing."""
        if self.find_bar.edit.hasFocus():
            self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return True
        return False

    def focus_find(self) -> None:
        self.find_bar.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_bar.edit.selectAll()

    def show_hit(self, hit: SearchHit) -> None:
        """Go to the hit's page and mark its OCR lines on the scan (only this hit's)."""
        self.view.clear_highlights()
        self.view.highlight(hit.page, [box for box in hit.boxes if box])

    def reload(self) -> None:
        """Read the dossier again after a correction: outline, facts, title."""
        self.detail = self.services.cases.detail(self.detail.id)
        self.setWindowTitle(f"{self.detail.case_no or self.detail.original_name} — 案卷")
        self.outline.set_documents(self.detail.documents)
        self.outline.set_current_page(self.view.current_page())
        self.side.facts.set_detail(self.detail)
        self.side.contents.set_contents(self.detail.contents)
        rotations = {p.index: p.rotation for p in self.detail.pages}
        for page in self.view.show_rotations(rotations):  # a re-read turned these pages
            self.thumbnails.thumbnail_model().set_rotation(page, rotations[page])

    def _on_changed(self, changes: OpChanges, _initiator: object) -> None:
        if (changes.case_facts or changes.library) and changes.touches_case(self.detail.id):
            self.reload()

    # ------------------------------------------------------------ keeping in step
    def _on_current_page(self, page: int) -> None:
        self.page_box.show_page(page)
        self.thumbnails.set_current_page(page)
        self.outline.set_current_page(page)
        self.side.page_text.set_page_text(
            page, self.services.cases.page_text(self.detail.id, page).text
        )

    def ask_page(self) -> None:
        page, ok = QtWidgets.QInputDialog.getInt(
            self,
            "跳转",
            f"跳转到第几页（1–{self.view.page_count()}）：",
            self.view.current_page(),
            1,
            max(1, self.view.page_count()),
        )
        if ok:
            self.view.go_to_page(page)

    def _store_rotation(self, page: int, rotation: int) -> None:
        cases, case_id = self.services.cases, self.detail.id
        self.thumbnails.thumbnail_model().set_rotation(page, rotation)
        self.tasks.run_op(
            self, lambda: cases.set_rotation(case_id, page, rotation), title="无法保存页面旋转"
        )

    def _toggle_text(self, on: bool) -> None:
        self.view.set_text_visible(on)
        if on:
            self.side.setCurrentWidget(self.side.page_text)

    def _page_lines(self, page: int) -> list[OcrLine]:
        return self.services.cases.page_text(self.detail.id, page).lines

    def shutdown(self) -> None:
        """Stop rendering and close the documents; safe to call twice."""
        self.worker.shutdown()
        if self._own_tasks:
            self.tasks.shutdown()


class DossierWindows(QtCore.QObject):
    """The open dossier windows of the main window: one per dossier, raised when reopened."""

    def __init__(
        self, services: Services, parent: QtWidgets.QWidget, tasks: TaskManager | None = None
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.services = services
        self.windows: dict[int, DossierWindow] = {}
        prestart(2)  # the first dossier opened shows its pages without waiting for them

    def open(self, case_id: int) -> DossierWindow:
        window = self.windows.get(case_id)
        if window is None:
            parent = self.parent()
            window = DossierWindow(
                self.services,
                case_id,
                parent if isinstance(parent, QtWidgets.QWidget) else None,
                tasks=self.tasks,
            )
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.destroyed.connect(lambda *_: self.windows.pop(case_id, None))
            self.windows[case_id] = window
            for key, step in (("Ctrl+Tab", 1), ("Ctrl+Shift+Tab", -1)):
                shortcut = QtGui.QShortcut(QtGui.QKeySequence(key), window)
                shortcut.activated.connect(lambda w=window, s=step: self.cycle(w, s))
        prestart(2)
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def cycle(self, current: DossierWindow, step: int) -> DossierWindow:
        """Ctrl+Tab / Ctrl+Shift+Tab: the next (or previous) open dossier, in opening order."""
        order = list(self.windows.values())
        if current not in order or len(order) < 2:
            return current
        target = order[(order.index(current) + step) % len(order)]
        target.show()
        target.raise_()
        target.activateWindow()
        return target

    def close_all(self) -> None:
        for window in list(self.windows.values()):
            window.close()
