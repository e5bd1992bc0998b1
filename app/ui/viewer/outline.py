"""The document outline (文书目录) beside the pages: each document with its page range.

Built from ``CaseDetail.documents`` (the splitter's result or the reviewer's edits). Before
OCR and splitting have run there are no documents, and the widget says so instead of
showing an empty tree.
"""

from __future__ import annotations

from app.casefiles.case_detail import DocumentInfo
from app.casefiles.viewer_support import document_type_name
from app.ui.parts import fit_columns
from app.ui.qt import Qt, QtWidgets, Signal

EMPTY_TEXT = "尚未拆分：OCR 完成后自动生成文书目录"
EDITED_MARK = "（已人工调整）"
PAGE_ROLE = Qt.ItemDataRole.UserRole


def page_range_text(first: int, last: int) -> str:
    return f"第 {first} 页" if first == last else f"第 {first}–{last} 页"


class OutlineView(QtWidgets.QStackedWidget):
    """A tree of documents (and their pages); clicking one asks for its first page."""

    page_requested = Signal(int)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QtWidgets.QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["文书", "页码"])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setStretchLastSection(False)
        fit_columns(self.tree.header(), 2, stretch=0)
        self.tree.itemClicked.connect(self._on_item)
        self.tree.itemActivated.connect(self._on_item)
        self.empty_label = QtWidgets.QLabel(EMPTY_TEXT)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setObjectName("outlineEmpty")
        self.addWidget(self.empty_label)
        self.addWidget(self.tree)
        self.documents: list[DocumentInfo] = []

    def set_documents(self, documents: list[DocumentInfo]) -> None:
        self.documents = sorted(documents, key=lambda d: (d.first_page, d.last_page))
        self.tree.clear()
        for doc in self.documents:
            name = document_type_name(doc.type, doc.first_page)
            shown = name + EDITED_MARK if doc.user_edited else name
            item = QtWidgets.QTreeWidgetItem(
                [shown, page_range_text(doc.first_page, doc.last_page)]
            )
            item.setData(0, PAGE_ROLE, doc.first_page)
            tip = doc.title or name
            item.setToolTip(
                0,
                f"{tip}\n右键可更改类型、合并或拆分"
                if not doc.user_edited
                else f"{tip}\n已由评查人员调整；右键可继续更改类型、合并或拆分",
            )
            if doc.last_page > doc.first_page:
                for page in range(doc.first_page, doc.last_page + 1):
                    child = QtWidgets.QTreeWidgetItem([f"第 {page} 页", ""])
                    child.setData(0, PAGE_ROLE, page)
                    item.addChild(child)
            self.tree.addTopLevelItem(item)
        self.setCurrentWidget(self.tree if self.documents else self.empty_label)

    def is_empty(self) -> bool:
        return not self.documents

    def document_item_for(self, page: int) -> QtWidgets.QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            doc = self.documents[i]
            if doc.first_page <= page <= doc.last_page:
                return self.tree.topLevelItem(i)
        return None

    def set_current_page(self, page: int) -> None:
        """Mark the document the reader is in (no signal back)."""
        item = self.document_item_for(page)
        self.tree.blockSignals(True)
        self.tree.setCurrentItem(item) if item is not None else self.tree.clearSelection()
        self.tree.blockSignals(False)

    def _on_item(self, item: QtWidgets.QTreeWidgetItem, _column: int = 0) -> None:
        page = item.data(0, PAGE_ROLE)
        if isinstance(page, int):
            self.page_requested.emit(page)
