"""Full-text search across the library (检索): a query box and the hits grouped by dossier.

The panel only draws: the query goes to ``app.casefiles.search.search`` (fast enough on the
GUI thread: the FTS index narrows the library down first) and an activated hit is handed
out through ``hit_activated`` for the main window to open the dossier at that page.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from app.casefiles.library import CaseSummary
from app.casefiles.search import SearchHit, SearchQueryError
from app.services import Services
from app.ui.parts import push_button
from app.ui.qt import ModelIndex, Qt, QtCore, QtGui, QtWidgets, Signal

HIT_ROLE = Qt.ItemDataRole.UserRole
HTML_ROLE = Qt.ItemDataRole.UserRole + 1
NOT_FOUND = "没有找到"
HIT_STYLE = "color:#c0392b;font-weight:bold;background:#fff3b0"


def snippet_html(hit: SearchHit) -> str:
    """The snippet as rich text, each hit span bold and coloured (the rest escaped)."""
    parts: list[str] = []
    position = 0
    for start, end in hit.spans:
        parts.append(html.escape(hit.snippet[position:start]))
        parts.append(f'<span style="{HIT_STYLE}">{html.escape(hit.snippet[start:end])}</span>')
        position = end
    parts.append(html.escape(hit.snippet[position:]))
    return "".join(parts).replace("\n", " ")


class RichTextDelegate(QtWidgets.QStyledItemDelegate):
    """Paints an item's ``HTML_ROLE`` (when it has one) as rich text on one line."""

    def _document(self, option: QtWidgets.QStyleOptionViewItem, text: str) -> QtGui.QTextDocument:
        doc = QtGui.QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(2)
        doc.setHtml(text)
        return doc

    def paint(
        self,
        painter: QtGui.QPainter,
        option: QtWidgets.QStyleOptionViewItem,
        index: ModelIndex,
    ) -> None:
        text = index.data(HTML_ROLE)
        if not text:
            super().paint(painter, option, index)
            return
        opt = QtWidgets.QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QtWidgets.QApplication.style()
        style.drawControl(QtWidgets.QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        rect = style.subElementRect(
            QtWidgets.QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget
        )
        doc = self._document(opt, text)
        painter.save()
        painter.translate(rect.topLeft())
        painter.setClipRect(QtCore.QRectF(0, 0, rect.width(), rect.height()))
        doc.drawContents(painter)
        painter.restore()

    def sizeHint(self, option: QtWidgets.QStyleOptionViewItem, index: ModelIndex) -> QtCore.QSize:
        size = super().sizeHint(option, index)
        text = index.data(HTML_ROLE)
        if text:
            doc = self._document(option, text)
            size.setHeight(max(size.height(), int(doc.size().height())))
        return size


class SearchPanel(QtWidgets.QWidget):
    """Query box, status line and a tree: one node per dossier, one child per page hit."""

    hit_activated = Signal(object)  # SearchHit

    def __init__(
        self,
        services: Services,
        parent: QtWidgets.QWidget | None = None,
        case_names: Callable[[], dict[int, str]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.case_names = case_names or self._case_names
        self.hits: list[SearchHit] = []

        self.query_edit = QtWidgets.QLineEdit()
        self.query_edit.setPlaceholderText("检索识别文字，多个词用空格分隔，例如：送达 询问笔录")
        self.query_edit.setClearButtonEnabled(True)
        self.query_edit.returnPressed.connect(self.run)
        self.search_button = push_button("检索", self.run)
        self.status = QtWidgets.QLabel("在全部案卷的识别文字中检索。")
        self.status.setWordWrap(True)
        self.status.setObjectName("searchStatus")

        self.tree = QtWidgets.QTreeWidget()
        self.tree.setHeaderLabels(["页码", "内容"])
        self.tree.setColumnCount(2)
        self.tree.setItemDelegateForColumn(1, RichTextDelegate(self.tree))
        self.tree.header().setSectionResizeMode(
            0, QtWidgets.QHeaderView.ResizeMode.ResizeToContents
        )
        self.tree.header().setStretchLastSection(True)
        self.tree.itemActivated.connect(self._on_item)
        self.tree.itemClicked.connect(self._on_item)

        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.query_edit, 1)
        row.addWidget(self.search_button)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.tree, 1)

    def _case_names(self) -> dict[int, str]:
        cases: list[CaseSummary] = self.services.library.list_cases()
        return {c.id: c.case_no or c.file_name for c in cases}

    def focus_query(self) -> None:
        self.query_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query_edit.selectAll()

    def run(self, query: str | None = None) -> list[SearchHit]:
        """Search the library for ``query`` (the box's text by default) and list the hits."""
        if isinstance(query, str):
            self.query_edit.setText(query)
        text = self.query_edit.text()
        self.tree.clear()
        self.hits = []
        try:
            self.hits = self.services.search(text)
        except SearchQueryError as exc:
            self.status.setText(str(exc))
            return []
        if not self.hits:
            self.status.setText(f"{NOT_FOUND}包含“{text.strip()}”的页面。")
            return []
        names = self.case_names()
        groups: dict[int, QtWidgets.QTreeWidgetItem] = {}
        for hit in self.hits:
            group = groups.get(hit.case_file_id)
            if group is None:
                name = names.get(hit.case_file_id, f"案卷 {hit.case_file_id}")
                group = QtWidgets.QTreeWidgetItem([name, ""])
                group.setFirstColumnSpanned(False)
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                groups[hit.case_file_id] = group
                self.tree.addTopLevelItem(group)
                group.setFirstColumnSpanned(True)
            child = QtWidgets.QTreeWidgetItem([f"第 {hit.page} 页", hit.marked()])
            child.setData(0, HIT_ROLE, hit)
            child.setData(1, HTML_ROLE, snippet_html(hit))
            child.setToolTip(1, hit.marked())
            group.addChild(child)
        for group in groups.values():
            count = group.childCount()
            group.setText(0, f"{group.text(0)}（{count} 页）")
        self.tree.expandAll()
        more = "（仅显示前 200 处）" if len(self.hits) >= 200 else ""
        self.status.setText(f"共 {len(groups)} 卷、{len(self.hits)} 页包含检索词{more}。")
        first = self.tree.topLevelItem(0)
        first_hit = first.child(0) if first is not None else None
        if first_hit is not None:
            self.tree.setCurrentItem(first_hit)
        return self.hits

    def hit_items(self) -> list[QtWidgets.QTreeWidgetItem]:
        items: list[QtWidgets.QTreeWidgetItem] = []
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            if group is None:
                continue
            items += [c for j in range(group.childCount()) if (c := group.child(j)) is not None]
        return items

    def _on_item(self, item: QtWidgets.QTreeWidgetItem, _column: int = 0) -> None:
        hit = item.data(0, HIT_ROLE)
        if isinstance(hit, SearchHit):
            self.hit_activated.emit(hit)
