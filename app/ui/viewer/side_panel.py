"""The right-hand panel of the dossier window: the dossier's facts and the page's OCR text.

Minimal on purpose: the scoring panel will join it as another tab of the same splitter.
"""

from __future__ import annotations

from app.casefiles.case_detail import CaseDetail, FactInfo
from app.casefiles.corrections import FACT_LABELS
from app.casefiles.facts import CONFIRMED, DOUBTFUL, FACT_STATUS_LABELS
from app.casefiles.viewer_support import fact_label
from app.ui.qt import Qt, QtWidgets, Signal
from app.ui.viewer.contents_panel import ContentsPanel


class FactsPanel(QtWidgets.QWidget):
    """Who, what and when of the dossier.

    Each correctable fact (``corrections.FACT_LABELS``) is one row: its value, the page it
    was read from (a link: click to jump there), whether it was machine-read or corrected
    by a reviewer, and 修改… / 恢复识别结果 buttons. The buttons only ask: the window's
    ``FactsEditor`` talks to the service."""

    page_requested = Signal(int)
    edit_requested = Signal(str)  # fact name
    clear_requested = Signal(str)  # fact name
    confirm_requested = Signal(str)  # fact name: a 待核实 fact, to pick one of its readings

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QtWidgets.QVBoxLayout(self)
        self.form = QtWidgets.QFormLayout()
        self.form.setFieldGrowthPolicy(
            QtWidgets.QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow
        )
        layout.addLayout(self.form)
        self.facts_box = QtWidgets.QGroupBox("案件要素（可更正）")
        self.grid = QtWidgets.QGridLayout(self.facts_box)
        self.grid.setColumnStretch(1, 1)
        layout.addWidget(self.facts_box)
        self.note = self._value("")
        self.note.setObjectName("factsNote")
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.rows: dict[str, FactRow] = {}

    def set_detail(self, detail: CaseDetail) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        rows = [
            ("执法单位", detail.department),
            ("页数", str(len(detail.pages))),
            ("原文件", detail.original_name),
        ]
        for label, value in rows:
            self.form.addRow(label, self._value(value or "—"))
        while self.grid.count():
            taken = self.grid.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.deleteLater()
        self.rows = {}
        names = list(FACT_LABELS) + [n for n in detail.facts if n not in FACT_LABELS]
        for row, name in enumerate(names):
            self.rows[name] = FactRow(self, row, name, detail.facts.get(name))
        self.note.setText(
            ""
            if detail.facts
            else "要素尚未提取：OCR 完成后自动提取案号、当事人、日期等；也可以点“修改…”手工填写。"
        )

    @staticmethod
    def _value(text: str) -> QtWidgets.QLabel:
        label = QtWidgets.QLabel(text)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label


SOURCE_TEXT = {"extracted": "机器识别", "user": "人工更正"}
DOUBTFUL_STYLE = "color:#e65100;font-weight:bold"  # orange, always with the word 待核实


class FactRow:
    """The widgets of one fact in ``FactsPanel.grid`` (kept for the tests and the editor)."""

    def __init__(self, panel: FactsPanel, row: int, name: str, fact: FactInfo | None) -> None:
        self.name = name
        self.fact = fact
        grid = panel.grid
        label = QtWidgets.QLabel(FACT_LABELS.get(name, fact_label(name)))
        self.value = panel._value(fact.value if fact and fact.value else "—")
        self.page = QtWidgets.QLabel()
        if fact and fact.page:
            self.page.setText(f'<a href="{fact.page}">第 {fact.page} 页</a>')
            self.page.setToolTip("跳转到识别出该要素的页面")
            self.page.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            self.page.linkActivated.connect(lambda href: panel.page_requested.emit(int(href)))
        source = fact.source if fact else ""
        self.source = QtWidgets.QLabel(SOURCE_TEXT.get(source, "未识别"))
        self.source.setObjectName(f"factSource_{source or 'none'}")
        if source == "user":
            self.source.setStyleSheet("color:#1565c0;font-weight:bold")
        else:
            self.source.setStyleSheet("color:#666")
        # How far a machine-read value can be trusted, when it says something: 待核实 (in
        # words, never colour alone) or 已印证; a single clean source is the ordinary case.
        status = fact.status if fact and source == "extracted" else ""
        self.trust = QtWidgets.QLabel(FACT_STATUS_LABELS.get(status, ""))
        self.trust.setObjectName(f"factTrust_{status or 'none'}")
        self.trust.setVisible(status in (DOUBTFUL, CONFIRMED))
        self.trust.setStyleSheet(DOUBTFUL_STYLE if status == DOUBTFUL else "color:#666")
        if status == DOUBTFUL:
            self.trust.setToolTip(
                "各处读到的值不一致或难以辨认（如印章覆盖）；依据它的预检只提示需核实"
            )
        editable = name in FACT_LABELS
        self.confirm_button = QtWidgets.QToolButton()
        self.confirm_button.setText("核实…")
        self.confirm_button.setToolTip("对照原文查看各候选读法，点选正确的一个")
        self.confirm_button.setVisible(status == DOUBTFUL and editable)
        self.confirm_button.clicked.connect(lambda: panel.confirm_requested.emit(name))
        self.edit_button = QtWidgets.QToolButton()
        self.edit_button.setText("修改…")
        self.edit_button.setToolTip(f"更正{label.text()}")
        self.edit_button.setEnabled(editable)
        self.edit_button.clicked.connect(lambda: panel.edit_requested.emit(name))
        self.reset_button = QtWidgets.QToolButton()
        self.reset_button.setText("恢复识别结果")
        self.reset_button.setToolTip("撤销人工更正，重新采用机器识别的结果")
        self.reset_button.setEnabled(editable and source == "user")
        self.reset_button.setVisible(source == "user")
        self.reset_button.clicked.connect(lambda: panel.clear_requested.emit(name))
        # Two lines per fact so the panel stays narrow: the value, then where it came from
        # and what can be done with it.
        details = QtWidgets.QWidget()
        line = QtWidgets.QHBoxLayout(details)
        line.setContentsMargins(0, 0, 0, 4)
        for widget in (self.page, self.source, self.trust):
            line.addWidget(widget)
        line.addStretch(1)
        for button in (self.confirm_button, self.edit_button, self.reset_button):
            button.setAutoRaise(True)
            button.setStyleSheet("color:#1565c0")
        self.confirm_button.setStyleSheet(DOUBTFUL_STYLE)
        line.addWidget(self.confirm_button)
        line.addWidget(self.edit_button)
        line.addWidget(self.reset_button)
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        grid.addWidget(label, 2 * row, 0)
        grid.addWidget(self.value, 2 * row, 1)
        grid.addWidget(details, 2 * row + 1, 0, 1, 2)


class PageTextPanel(QtWidgets.QWidget):
    """The whole OCR text of the current page, read-only, for copying."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QtWidgets.QVBoxLayout(self)
        self.title = QtWidgets.QLabel()
        self.edit = QtWidgets.QPlainTextEdit()
        self.edit.setReadOnly(True)
        layout.addWidget(self.title)
        layout.addWidget(self.edit)

    def set_page_text(self, page: int, text: str) -> None:
        self.title.setText(f"第 {page} 页识别文字")
        self.edit.setPlainText(text)
        self.edit.setPlaceholderText("本页尚无识别文字（OCR 尚未完成）。")


class SidePanel(QtWidgets.QTabWidget):
    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.facts = FactsPanel()
        scroll = QtWidgets.QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.facts)
        self.page_text = PageTextPanel()
        self.contents = ContentsPanel()
        self.addTab(scroll, "案卷信息")
        self.addTab(self.page_text, "识别文字")
        self.addTab(self.contents, "卷内目录")
