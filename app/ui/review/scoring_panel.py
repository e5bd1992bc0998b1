"""The checklist tree, the deduction form and the list of deductions of the scoring window.

Display only: the window calls the services and gives the results to these widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.review import evidence
from app.review.evidence import Region, read_region, region_label
from app.review.reviews import DeductionInfo
from app.ui.parts import accept_unless_refused, error_label, fit_columns, ok_cancel, push_button
from app.ui.qt import Qt, QtCore, QtGui, QtWidgets, Signal
from app.ui.review.common import ORIGIN_LABELS, table_item
from scoring.checklist import Checklist, Item, PerOccurrenceRule, fmt_points
from scoring.scores import ScoreResult, points_for

VETO_MARK = "【否决项】"
REGION_MARK = "▣"  # after the page of a deduction whose evidence region was drawn
CN_NUMBERS = "一二三四五六七八九十"


def rule_text(item: Item) -> str:
    if isinstance(item.rule, PerOccurrenceRule):
        return f"每处扣 {fmt_points(item.rule.amount)} 分，最多扣 {fmt_points(item.points)} 分"
    return f"发现问题即扣全部 {fmt_points(item.points)} 分"


class ChecklistTree(QtWidgets.QTreeWidget):
    """Categories and items with their points and the points left; Enter asks to deduct."""

    deduct_requested = Signal(str)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(3)
        self.setHeaderLabels(["评查项目", "分值", "剩余"])
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.header().setStretchLastSection(False)
        fit_columns(self.header(), 3, stretch=0)
        self.items_by_id: dict[str, QtWidgets.QTreeWidgetItem] = {}
        self.itemActivated.connect(self._activated)

    def set_checklist(self, checklist: Checklist) -> None:
        self.clear()
        self.items_by_id.clear()
        for n, category in enumerate(checklist.categories):
            number = CN_NUMBERS[n] if n < len(CN_NUMBERS) else str(n + 1)
            top = QtWidgets.QTreeWidgetItem([f"{number}、{category.name}", "", ""])
            top.setData(0, Qt.ItemDataRole.UserRole + 1, fmt_points(category.points))
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self.addTopLevelItem(top)
            for item in category.items:
                text = f"{item.id}　{VETO_MARK if item.veto else ''}{item.text}"
                child = QtWidgets.QTreeWidgetItem([text, fmt_points(item.points), ""])
                child.setData(0, Qt.ItemDataRole.UserRole, item.id)
                tip = [item.text, rule_text(item)]
                if item.supervision:
                    tip.append("监督事项：扣分将列入监督意见书")
                if item.basis:
                    tip.append(f"依据：{item.basis}")
                if item.detail:
                    tip.append(f"细则：{item.detail}")
                child.setToolTip(0, "\n".join(tip))
                if item.veto:
                    child.setForeground(0, QtGui.QColor("#b00020"))
                top.addChild(child)
                self.items_by_id[item.id] = child
        self.expandAll()

    def set_score(self, checklist: Checklist, result: ScoreResult) -> None:
        by_name = {c.name: c for c in result.categories}
        for n, category in enumerate(checklist.categories):
            top = self.topLevelItem(n)
            assert top is not None  # one top-level row per category (set_checklist)
            score = by_name.get(category.name)
            top.setText(1, fmt_points(category.points))
            top.setText(2, fmt_points(score.score) if score else "")
            for item in category.items:
                child = self.items_by_id[item.id]
                lost = result.items.get(item.id, 0.0)
                child.setText(2, fmt_points(item.points - lost))
                color = QtGui.QColor("#b00020") if lost else QtGui.QColor("#000000")
                child.setForeground(2, color)

    def current_item_id(self) -> str | None:
        current = self.currentItem()
        value = current.data(0, Qt.ItemDataRole.UserRole) if current is not None else None
        return str(value) if value else None

    def select_item(self, item_id: str) -> None:
        self.setCurrentItem(self.items_by_id[item_id])

    def _activated(self, item: QtWidgets.QTreeWidgetItem, _column: int) -> None:
        item_id = item.data(0, Qt.ItemDataRole.UserRole)
        if item_id:
            self.deduct_requested.emit(str(item_id))


class DeductionDialog(QtWidgets.QDialog):
    """The small deduction form: 次数 (points shown live by the item's rule), 理由, 依据, 页码,
    and the evidence region drawn on the page (shown, and cleared with 清除).

    ``submit`` stores the values through the service; a refusal is shown in the form,
    which stays open. ``values()["region"]``: the region (JSON) to store, ``{}`` to store
    none (cleared, or the page was changed away from the region's page), ``None`` when
    there was never one to show (an unreadable stored value is left alone)."""

    def __init__(
        self,
        item: Item,
        page_count: int,
        page: int | None,
        submit: Callable[[dict[str, Any]], object],
        existing: DeductionInfo | None = None,
        parent: QtWidgets.QWidget | None = None,
        region: Region | None = None,
    ) -> None:
        super().__init__(parent)
        self.item = item
        self.region = region if existing is None else read_region(existing.region)
        self.region_cleared = False
        self.submit = submit
        self.setWindowTitle("修改扣分" if existing else "扣分")
        self.setMinimumWidth(480)
        title = QtWidgets.QLabel(f"<b>{item.id}</b>　{VETO_MARK if item.veto else ''}{item.text}")
        title.setWordWrap(True)
        self.count_box = QtWidgets.QSpinBox()
        self.count_box.setRange(1, 999)
        self.count_box.setSuffix(" 处")
        self.points_label = QtWidgets.QLabel()
        self.points_label.setObjectName("pointsLabel")
        self.reason_edit = QtWidgets.QPlainTextEdit()
        self.reason_edit.setPlaceholderText("扣分理由：发现的问题，如“询问笔录无被询问人签名”")
        self.reason_edit.setMaximumHeight(80)
        self.reason_edit.setTabChangesFocus(True)
        self.basis_edit = QtWidgets.QLineEdit(item.basis or "")
        self.basis_edit.setPlaceholderText("法律依据")
        self.page_box = QtWidgets.QSpinBox()
        self.page_box.setRange(0, max(page_count, 1))
        self.page_box.setSpecialValueText("—（不指定）")
        self.page_box.setPrefix("第 ")
        self.page_box.setSuffix(" 页")
        if existing is not None:
            self.count_box.setValue(existing.count)
            self.reason_edit.setPlainText(existing.reason)
            self.basis_edit.setText(existing.basis or "")
            self.page_box.setValue(existing.page or 0)
        else:
            self.page_box.setValue(self.region.page if self.region else page or 0)
        self.count_box.valueChanged.connect(self._update_points)
        self._update_points()
        self.region_label = QtWidgets.QLabel()
        self.region_label.setObjectName("regionLabel")
        self.region_label.setWordWrap(True)
        self.clear_region_button = push_button("清除", self.clear_region, "不保留框选的证据区域")
        region_row = QtWidgets.QHBoxLayout()
        region_row.addWidget(self.region_label, 1)
        region_row.addWidget(self.clear_region_button)
        self.page_box.valueChanged.connect(self._update_region)
        self._update_region()

        form = QtWidgets.QFormLayout()
        form.addRow(title)
        form.addRow("次数：", self.count_box)
        form.addRow("扣分：", self.points_label)
        form.addRow("理由：", self.reason_edit)
        form.addRow("依据：", self.basis_edit)
        form.addRow("页码：", self.page_box)
        form.addRow("证据区域：", region_row)
        self.error_label = error_label()
        buttons, self.ok_button = ok_cancel(self, "保存修改" if existing else "扣分", self._submit)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.reason_edit.setFocus()

    def _update_points(self) -> None:
        points = points_for(self.item, self.count_box.value())
        text = f"<b>{fmt_points(points)}</b> 分（{rule_text(self.item)}）"
        if self.item.veto:
            text += "　<span style='color:#b00020'>否决项：案卷将评为不合格</span>"
        self.points_label.setText(text)

    def points(self) -> float:
        return points_for(self.item, self.count_box.value())

    def _region_kept(self) -> bool:
        return self.region is not None and self.page_box.value() == self.region.page

    def _update_region(self) -> None:
        if self.region is None:
            text = "已清除，保存后不再保留证据区域" if self.region_cleared else "未框选"
            self.region_label.setToolTip("在页面上用工具栏的“框选证据”拖出问题所在区域")
        elif self._region_kept():
            text = region_label(self.region)
            self.region_label.setToolTip("")
        else:
            text = f"框选区域在第 {self.region.page} 页，与页码不符，保存时不保留"
        self.region_label.setText(text)
        self.clear_region_button.setEnabled(self.region is not None)

    def clear_region(self) -> None:
        self.region = None
        self.region_cleared = True
        self._update_region()

    def values(self) -> dict[str, Any]:
        if self._region_kept():
            assert self.region is not None
            region: dict[str, Any] | None = self.region.as_json()
        elif self.region is not None or self.region_cleared:
            region = dict(evidence.CLEAR)
        else:
            region = None
        return {
            "count": self.count_box.value(),
            "reason": self.reason_edit.toPlainText().strip(),
            "basis": self.basis_edit.text().strip(),
            "page": self.page_box.value() or None,
            "region": region,
        }

    def _submit(self) -> None:
        accept_unless_refused(self, self.error_label, lambda: self.submit(self.values()))


DEDUCTION_COLUMNS = ["项目", "次数", "扣分", "理由", "页码", "来源"]


class DeductionTable(QtWidgets.QTableWidget):
    """The deductions of the review shown; a click (or Enter) chooses one: ``chosen`` carries
    its :class:`DeductionInfo` (the window shows its page and evidence region) and
    ``page_requested`` its page. The right-click menu edits, re-draws or clears the region."""

    page_requested = Signal(int)
    chosen = Signal(object)  # DeductionInfo
    edit_requested = Signal(int)
    redraw_requested = Signal(int)
    clear_region_requested = Signal(int)
    delete_requested = Signal(int)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(0, len(DEDUCTION_COLUMNS), parent)
        self.setHorizontalHeaderLabels(DEDUCTION_COLUMNS)
        self.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().setVisible(False)
        fit_columns(self.horizontalHeader(), len(DEDUCTION_COLUMNS), stretch=3)
        self.rows: list[DeductionInfo] = []
        self.cellClicked.connect(self._clicked)
        self.cellActivated.connect(self._clicked)
        self.cellDoubleClicked.connect(lambda row, _c: self.edit_requested.emit(self.rows[row].id))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(
            lambda pos: self.context_menu(pos).popup(self.viewport().mapToGlobal(pos))
        )

    def set_deductions(self, rows: list[DeductionInfo]) -> None:
        self.rows = list(rows)
        self.setRowCount(len(self.rows))
        for r, d in enumerate(self.rows):
            cells = [
                f"{d.item_id}{' ' + VETO_MARK if d.veto else ''}",
                d.count,
                fmt_points(d.points),
                d.reason,
                page_text(d),
                ORIGIN_LABELS.get(d.origin, d.origin),
            ]
            for c, text in enumerate(cells):
                cell = table_item(text, d.id)
                if c == 0:
                    cell.setToolTip(d.item_text)
                if c == 3:
                    cell.setToolTip(f"{d.reason}\n依据：{d.basis or '—'}")
                if c == 4 and read_region(d.region) is not None:
                    cell.setToolTip("已框选证据区域：单击在页面上查看")
                if d.veto:
                    cell.setForeground(QtGui.QColor("#b00020"))
                self.setItem(r, c, cell)

    def current_deduction(self) -> DeductionInfo | None:
        row = self.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _clicked(self, row: int, _column: int) -> None:
        if not 0 <= row < len(self.rows):
            return
        chosen = self.rows[row]
        self.chosen.emit(chosen)
        if chosen.page:
            self.page_requested.emit(chosen.page)

    def context_menu(self, pos: QtCore.QPoint) -> QtWidgets.QMenu:
        """The right-click menu of the row at ``pos`` (viewport coordinates)."""
        menu = QtWidgets.QMenu(self)
        row = self.rowAt(pos.y())
        if not 0 <= row < len(self.rows):
            return menu
        self.selectRow(row)
        d = self.rows[row]
        menu.addAction("修改…", lambda: self.edit_requested.emit(d.id))
        menu.addAction("重新框选证据区域", lambda: self.redraw_requested.emit(d.id))
        clear = menu.addAction("清除证据区域", lambda: self.clear_region_requested.emit(d.id))
        clear.setEnabled(read_region(d.region) is not None)
        menu.addSeparator()
        menu.addAction("删除", lambda: self.delete_requested.emit(d.id))
        return menu


def page_text(d: DeductionInfo) -> str:
    """The page column: 第 3 页, with ▣ when an evidence region was drawn."""
    if not d.page:
        return "—"
    return f"第 {d.page} 页" + (f" {REGION_MARK}" if read_region(d.region) is not None else "")
