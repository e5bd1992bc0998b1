"""Correcting the document outline from the dossier window: the outline's context menu.

更改文书类型…, 与下一份合并, 从第 N 页拆分为新文书… (N = the viewer's current page) call
``CorrectionService`` on the window's one writer; the app-wide change signal tells the
window to read the dossier again. A refused correction (the service's ``UserError``) is shown
in Chinese and nothing is stored.

The two dialogs are module functions (``choose_type``, ``warn``) so tests replace them.
"""

from __future__ import annotations

from collections.abc import Callable

from app.casefiles.case_detail import DocumentInfo
from app.casefiles.viewer_support import document_type_name, document_type_names
from app.services import Services
from app.ui.dossier_corrector import DossierCorrector
from app.ui.qt import QtCore, QtWidgets
from app.ui.taskman import TaskManager
from app.ui.viewer.outline import OutlineView


def choose_type(parent: QtWidgets.QWidget, title: str, prompt: str, current: str) -> str | None:
    """Ask for a document type among the bundled ones; its id, or None if cancelled."""
    names = document_type_names()
    ids = list(names)
    labels = [names[i] for i in ids]
    start = ids.index(current) if current in ids else 0
    label, ok = QtWidgets.QInputDialog.getItem(parent, title, prompt, labels, start, False)
    if not ok:
        return None
    return ids[labels.index(label)]


def warn(parent: QtWidgets.QWidget, message: str) -> None:
    QtWidgets.QMessageBox.warning(parent, "无法调整文书目录", message)


class OutlineEditor(DossierCorrector):
    """Outline corrections run on the window's one writer; the dossier window reloads when
    the app-wide change signal names this case."""

    def __init__(
        self,
        services: Services,
        case_id: int,
        outline: OutlineView,
        current_page: Callable[[], int],
        tasks: TaskManager,
    ) -> None:
        super().__init__(services, case_id, outline, tasks)
        self.outline = outline
        self.current_page = current_page
        tree = outline.tree
        tree.setContextMenuPolicy(QtCore.Qt.ContextMenuPolicy.CustomContextMenu)
        tree.customContextMenuRequested.connect(self._on_context_menu)

    # ------------------------------------------------------------ the menu
    def document_at(self, item: QtWidgets.QTreeWidgetItem | None) -> DocumentInfo | None:
        if item is None:
            return None
        top = item.parent() or item
        row = self.outline.tree.indexOfTopLevelItem(top)
        return self.outline.documents[row] if 0 <= row < len(self.outline.documents) else None

    def menu_for(self, document: DocumentInfo) -> QtWidgets.QMenu:
        menu = QtWidgets.QMenu(self.outline)
        retype = menu.addAction("更改文书类型…")
        retype.triggered.connect(lambda: self.retype(document))
        merge = menu.addAction("与下一份合并")
        merge.triggered.connect(lambda: self.merge_with_next(document))
        page = self.current_page()
        split = menu.addAction(f"从当前页（第 {page} 页）拆分为新文书…")
        split.triggered.connect(lambda: self.split_at_current(document))
        split.setEnabled(document.first_page < page <= document.last_page)
        if not split.isEnabled():
            split.setToolTip("先翻到这份文书中要作为新文书第一页的那一页")
        return menu

    def _on_context_menu(self, pos: QtCore.QPoint) -> None:
        tree = self.outline.tree
        document = self.document_at(tree.itemAt(pos))
        if document is None:
            return
        menu = self.menu_for(document)
        menu.exec(tree.viewport().mapToGlobal(pos))
        menu.deleteLater()

    # ------------------------------------------------------------ corrections
    def retype(self, document: DocumentInfo) -> bool:
        new_type = choose_type(
            self.outline,
            "更改文书类型",
            f"第 {document.first_page}–{document.last_page} 页（现为“{document_type_name(document.type, document.first_page)}”）改为：",
            document.type,
        )
        if new_type is None or new_type == document.type:
            return False
        return self._apply(
            lambda: self.services.corrections.retype(self.case_id, document.id, new_type), warn
        )

    def merge_with_next(self, document: DocumentInfo) -> bool:
        return self._apply(
            lambda: self.services.corrections.merge_with_next(self.case_id, document.id), warn
        )

    def split_at_current(self, document: DocumentInfo) -> bool:
        page = self.current_page()
        new_type = choose_type(
            self.outline,
            "拆分为新文书",
            f"从第 {page} 页起的新文书类型：",
            document.type,
        )
        if new_type is None:
            return False
        corrections, case_id = self.services.corrections, self.case_id
        return self._apply(lambda: corrections.split_at(case_id, document.id, page, new_type), warn)


__all__ = ["OutlineEditor", "choose_type", "warn"]
