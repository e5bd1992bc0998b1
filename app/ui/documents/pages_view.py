"""A scrollable column of page images (a paper's preview) or, without LibreOffice, its text."""

from __future__ import annotations

from app.ui.qt import Qt, QtGui, QtWidgets


class PagesView(QtWidgets.QStackedWidget):
    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.scroll_area = QtWidgets.QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setBackgroundRole(QtGui.QPalette.ColorRole.Dark)
        self.text_view = QtWidgets.QPlainTextEdit()
        self.text_view.setReadOnly(True)
        self.addWidget(self.scroll_area)
        self.addWidget(self.text_view)
        self.page_labels: list[QtWidgets.QLabel] = []
        self.clear()

    def clear(self) -> None:
        self.page_labels = []
        self.scroll_area.setWidget(QtWidgets.QWidget())
        self.text_view.clear()
        self.setCurrentWidget(self.scroll_area)

    def set_pages(self, pages: list[bytes]) -> None:
        holder = QtWidgets.QWidget()
        holder.setAutoFillBackground(False)
        layout = QtWidgets.QVBoxLayout(holder)
        layout.setSpacing(12)
        self.page_labels = []
        for index, png in enumerate(pages, start=1):
            pixmap = QtGui.QPixmap()
            pixmap.loadFromData(png, "PNG")
            label = QtWidgets.QLabel()
            label.setPixmap(pixmap)
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            label.setToolTip(f"第 {index} 页，共 {len(pages)} 页")
            label.setStyleSheet("background: white; border: 1px solid #999;")
            layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.page_labels.append(label)
        layout.addStretch(1)
        self.scroll_area.setWidget(holder)
        self.setCurrentWidget(self.scroll_area)

    def set_text(self, text: str) -> None:
        self.page_labels = []
        self.text_view.setPlainText(text)
        self.setCurrentWidget(self.text_view)

    def page_count(self) -> int:
        return len(self.page_labels)
