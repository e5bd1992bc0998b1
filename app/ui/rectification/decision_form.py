"""出具监督决定书: one measure per problem (责令限期履行 / 重新作出 / 撤销 / 变更 / 确认违法),
chosen in a table with the default of each problem's category preselected, the draft in a
read-only preview, then save-as; the issuing itself is done by the caller (a background job).

The form only draws: the measures, their defaults and the decision's sentences come from the
letter service (``decision_context``), so the window and ``letter decision --measure`` agree.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from app.documents.decision_text import measure_table
from app.ui.parts import push_button
from app.ui.qt import Qt, QtWidgets
from app.ui.rectification.common import date_edit, edit_date
from app.ui.review.common import table_item
from app.ui.screen_fit import fit_to_screen

Measures = dict[int, str]
MEASURE_COLUMNS = ["序号", "案号", "问题", "监督措施"]


def decision_preview(context: dict[str, Any]) -> str:
    """The draft 监督决定书 as plain text, from the fields the letter will be filled with."""
    lines = [
        context.get("organ", ""),
        "行政执法监督决定书",
        f"{context.get('number', '')}（待出具时编号）",
        "",
        f"{context.get('department', '')}：",
        f"    {context.get('opening', '')}",
        "    存在的问题：",
    ]
    for p in context.get("problems", []):
        where = "，".join(x for x in (p.get("case_no"), p.get("page_text")) if x)
        lines.append(f"    {p.get('seq')}. {where}：{p.get('text', '')}")
    lines.append(f"    {context.get('legal_basis_clause', '')}，本机关决定如下：")
    for n, text in enumerate(context.get("decisions", []), start=1):
        lines.append(f"    {n}. {text}")
    lines += [
        f"    请你单位于{context.get('new_deadline', '')}前执行本决定。",
        f"    {context.get('objection', '')}",
        "",
        f"{context.get('organ', '')}　{context.get('issued_date', '')}",
    ]
    if context.get("copy_to"):
        lines.append(f"抄送：{context['copy_to']}")
    return "\n".join(lines)


class DecisionForm(QtWidgets.QDialog):
    """The decision's date, deadline and one measure per problem, with its draft."""

    def __init__(
        self,
        number: str,
        today: date,
        draft: Callable[[date, Measures | None, date | None], dict[str, Any] | None],
        issue: Callable[[date, Measures, date | None], None],
        parent: QtWidgets.QWidget | None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"出具监督决定书 — {number}")
        fit_to_screen(self, 820, 680)
        self.draft = draft
        self.issue = issue
        self.context: dict[str, Any] | None = None

        self.issued_on = date_edit(today)
        self.issued_on.dateChanged.connect(lambda _d: self.update_preview())
        # A deadline typed in: for a year the calendar does not know yet, or by choice.
        self.manual = QtWidgets.QCheckBox("手工指定纠正期限：")
        self.manual_date = date_edit(today + timedelta(days=30))
        self.manual_date.setEnabled(False)
        self.manual.toggled.connect(self.manual_date.setEnabled)
        self.manual.toggled.connect(lambda _on: self.update_preview())
        self.manual_date.dateChanged.connect(lambda _d: self.update_preview())
        self.measures_view = QtWidgets.QTableWidget(0, len(MEASURE_COLUMNS))
        self.measures_view.setHorizontalHeaderLabels(MEASURE_COLUMNS)
        self.measures_view.verticalHeader().setVisible(False)
        self.measures_view.horizontalHeader().setSectionResizeMode(
            2, QtWidgets.QHeaderView.ResizeMode.Stretch
        )
        self.measures_view.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.measures_view.setMaximumHeight(200)
        hint = QtWidgets.QLabel("每个问题一项监督措施，已按问题类别预选，可逐项修改。")
        hint.setWordWrap(True)
        self.preview = QtWidgets.QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.status = QtWidgets.QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        form = QtWidgets.QFormLayout()
        form.addRow("出具日期", self.issued_on)
        manual_row = QtWidgets.QHBoxLayout()
        manual_row.addWidget(self.manual)
        manual_row.addWidget(self.manual_date, 1)
        form.addRow("纠正期限", manual_row)

        self.buttons = QtWidgets.QDialogButtonBox()
        self.issue_button = self.buttons.addButton(
            "出具并保存…", QtWidgets.QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.close_button = self.buttons.addButton(
            "关闭", QtWidgets.QDialogButtonBox.ButtonRole.RejectRole
        )
        self.issue_button.clicked.connect(self._issue)
        self.close_button.clicked.connect(self.reject)
        self.refresh_button = push_button("更新预览", self.update_preview)

        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.measures_view)
        preview_row = QtWidgets.QHBoxLayout()
        preview_row.addWidget(QtWidgets.QLabel("决定书草稿（预览，出具时取正式文号）"), 1)
        preview_row.addWidget(self.refresh_button)
        layout.addLayout(preview_row)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._boxes: dict[int, QtWidgets.QComboBox] = {}
        self.update_preview()

    def deadline(self) -> date | None:
        return edit_date(self.manual_date) if self.manual.isChecked() else None

    def measures(self) -> Measures:
        """Problem number → the measure chosen for it (ids of decision_measures.yaml)."""
        return {seq: box.currentData() for seq, box in self._boxes.items()}

    def measure_box(self, seq: int) -> QtWidgets.QComboBox:
        """The measure chooser of problem ``seq``."""
        return self._boxes[seq]

    def _fill_measures(self, problems: list[dict[str, Any]]) -> None:
        """One row per problem, its chooser on the measure the service gave it (the default
        of its category, or the reviewer's earlier choice)."""
        table = measure_table()
        view = self.measures_view
        view.setRowCount(len(problems))
        self._boxes = {}
        for row, p in enumerate(problems):
            values = [p["seq"], p.get("case_no", ""), p.get("text", "")]
            for col, value in enumerate(values):
                view.setItem(row, col, table_item(value))
            box = QtWidgets.QComboBox()
            for m in table.measures.values():
                box.addItem(m.label, m.id)
            box.setCurrentIndex(max(0, box.findData(p["measure"])))
            box.currentIndexChanged.connect(lambda _i: self.update_preview())
            view.setCellWidget(row, 3, box)
            self._boxes[p["seq"]] = box
        view.resizeColumnToContents(0)
        view.resizeColumnToContents(3)

    def update_preview(self) -> None:
        chosen = self.measures() or None
        context = self.draft(edit_date(self.issued_on), chosen, self.deadline())
        self.context = context
        self.issue_button.setEnabled(context is not None)
        if context is None:
            self.preview.setPlainText("")
            return
        if [p["seq"] for p in context["problems"]] != list(self._boxes):
            self._fill_measures(context["problems"])
        self.preview.setPlainText(decision_preview(context))

    def _issue(self) -> None:
        if self.context is not None and not self.context.get("new_deadline_iso"):
            QtWidgets.QMessageBox.warning(
                self, "缺少纠正期限", "日历中没有该年度的节假日安排，请手工指定纠正期限。"
            )
            return
        self.issue(edit_date(self.issued_on), self.measures(), self.deadline())

    def busy(self, working: bool, message: str = "") -> None:
        self.issue_button.setEnabled(not working)
        self.issued_on.setEnabled(not working)
        self.measures_view.setEnabled(not working)
        if message:
            self.status.setText(message)
