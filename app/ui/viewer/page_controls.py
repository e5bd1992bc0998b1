"""The page number box and the zoom box of a viewer toolbar, kept in step with a ``PageView``.

The dossier window and the scoring window both show pages; they share these two boxes so
that "go to page" and "zoom" behave the same in both and are written once.
"""

from __future__ import annotations

from app.ui.qt import Qt, QtWidgets
from app.ui.viewer.page_view import CUSTOM, FIT_PAGE, FIT_WIDTH, PageView

ZOOM_CHOICES: list[tuple[str, str | int]] = [("适合宽度", FIT_WIDTH), ("适合页面", FIT_PAGE)] + [
    (f"{p}%", p) for p in (50, 75, 100, 125, 150, 200, 300)
]


class PageBox(QtWidgets.QSpinBox):
    """The current page (1-based): typing a number goes there; the view's page shows here."""

    def __init__(self, view: PageView, pages: int) -> None:
        super().__init__()
        self.page_view = view
        self.setRange(1, max(1, pages))
        self.setButtonSymbols(QtWidgets.QAbstractSpinBox.ButtonSymbols.NoButtons)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setKeyboardTracking(False)
        self.setMinimumWidth(48)
        self.valueChanged.connect(self._go)
        view.current_page_changed.connect(self.show_page)

    def show_page(self, page: int) -> None:
        self.blockSignals(True)
        self.setValue(page)
        self.blockSignals(False)

    def _go(self, page: int) -> None:
        self.page_view.go_to_page(page)
        self.page_view.setFocus()


class ZoomBox(QtWidgets.QComboBox):
    """Fit width, fit page or a percentage; a typed percentage (e.g. 180) is taken as well."""

    def __init__(self, view: PageView) -> None:
        super().__init__()
        self.page_view = view
        self.setEditable(True)
        self.setInsertPolicy(QtWidgets.QComboBox.InsertPolicy.NoInsert)
        for label, value in ZOOM_CHOICES:
            self.addItem(label, value)
        self.setMinimumWidth(96)
        self.activated.connect(self._on_choice)
        edit = self.lineEdit()
        assert edit is not None  # the box was made editable above
        edit.editingFinished.connect(self._on_typed)
        view.zoom_changed.connect(self.show_zoom)

    def show_zoom(self, zoom: float, mode: str) -> None:
        self.blockSignals(True)
        index = self.findData(mode) if mode != CUSTOM else self.findData(round(zoom * 100))
        self.setCurrentIndex(index)
        if index < 0:
            self.setEditText(f"{round(zoom * 100)}%")
        self.blockSignals(False)

    def _on_choice(self, index: int) -> None:
        value = self.itemData(index)
        if isinstance(value, int):
            self.page_view.set_zoom(value / 100)
        else:
            self.page_view.set_zoom_mode(value)
        self.page_view.setFocus()

    def _on_typed(self) -> None:
        text = self.currentText().strip().rstrip("%").strip()
        try:
            percent = float(text)
        except ValueError:
            return
        self.page_view.set_zoom(percent / 100)
