"""The right-hand panel of the dossier window: the dossier's facts and the page's OCR text.

Minimal on purpose: the scoring panel will join it as another tab of the same splitter.
"""

from __future__ import annotations

from app.casefiles.case_detail import CaseDetail
from app.casefiles.viewer_support import fact_label
from app.ui.qt import Qt, QtWidgets, Signal


class FactsPanel(QtWidgets.QWidget):
    """Who, what and when of the dossier; a fact found on a page links to it."""

    page_requested = Signal(int)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QtWidgets.QFormLayout(self)
        self.form.setFieldGrowthPolicy(
            QtWidgets.QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow
        )

    def set_detail(self, detail: CaseDetail) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        rows = [
            ("案号", detail.case_no),
            ("执法单位", detail.department),
            ("当事人", detail.party),
            ("案由", detail.cause),
            ("页数", str(len(detail.pages))),
            ("原文件", detail.original_name),
        ]
        for label, value in rows:
            self.form.addRow(label, self._value(value or "—"))
        for name, fact in detail.facts.items():
            text = fact.value or "—"
            if fact.page:
                link = QtWidgets.QLabel(f'{text}　<a href="{fact.page}">第 {fact.page} 页</a>')
                link.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
                link.linkActivated.connect(lambda href: self.page_requested.emit(int(href)))
                self.form.addRow(fact_label(name), link)
            else:
                self.form.addRow(fact_label(name), self._value(text))
        if not detail.facts:
            self.form.addRow(self._value("要素尚未提取：OCR 完成后自动提取案号、当事人、日期等。"))

    @staticmethod
    def _value(text: str) -> QtWidgets.QLabel:
        label = QtWidgets.QLabel(text)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label


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
        scroll.setWidget(self.facts)
        self.page_text = PageTextPanel()
        self.addTab(scroll, "案卷信息")
        self.addTab(self.page_text, "识别文字")
