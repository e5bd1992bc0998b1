"""The thumbnail strip: every page small, rendered only when its row is painted.

``QListView`` in icon mode asks the model for every row's decoration while it lays the
rows out, so ``data()`` cannot tell a row on screen from one far below. The strip can:
after each paint it asks the worker for the missing thumbnails of the rows its viewport
shows (and one on either side), so exactly the thumbnails a reviewer scrolls past are
rendered.
"""

from __future__ import annotations

from typing import Any

from app.casefiles.case_detail import PageInfo
from app.ui.qt import ModelIndex, Qt, QtCore, QtGui, QtWidgets, Signal
from app.ui.viewer.render_worker import THUMB, RenderRequest, RenderWorker

ICON_SIZE = QtCore.QSize(96, 120)


class ThumbnailModel(QtCore.QAbstractListModel):
    def __init__(
        self, worker: RenderWorker, pages: list[PageInfo], parent: QtCore.QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.worker = worker
        self.pages = list(pages)
        self.rotations = {p.index: p.rotation for p in pages}
        self._images: dict[int, QtGui.QImage] = {}
        self._icons: dict[int, QtGui.QIcon] = {}
        self._placeholder = self._blank_icon()
        worker.rendered.connect(self._on_rendered)

    @staticmethod
    def _blank_icon() -> QtGui.QIcon:
        pixmap = QtGui.QPixmap(ICON_SIZE.width() * 5 // 7, ICON_SIZE.height())
        pixmap.fill(Qt.GlobalColor.white)
        return QtGui.QIcon(pixmap)

    def rowCount(self, parent: ModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.pages)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        page = index.row() + 1
        if role == Qt.ItemDataRole.DisplayRole:
            return str(page)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"第 {page} 页"
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icons.get(page, self._placeholder)
        if role == Qt.ItemDataRole.UserRole:
            return page
        return None

    def ensure_thumbnail(self, page: int) -> None:
        if page not in self._icons:
            self.worker.thumbnail(page)

    def has_thumbnail(self, page: int) -> bool:
        return page in self._icons

    def set_rotation(self, page: int, rotation: int) -> None:
        self.rotations[page] = rotation % 360
        if page in self._images:
            self._icons[page] = self._icon(page)
        row = self.index(page - 1)
        self.dataChanged.emit(row, row, [Qt.ItemDataRole.DecorationRole])

    def _icon(self, page: int) -> QtGui.QIcon:
        image = self._images[page]
        rotation = self.rotations.get(page, 0)
        if rotation:
            image = image.transformed(QtGui.QTransform().rotate(rotation))
        return QtGui.QIcon(QtGui.QPixmap.fromImage(image))

    def _on_rendered(self, req: RenderRequest, image: QtGui.QImage) -> None:
        if req.kind != THUMB or not 1 <= req.page <= len(self.pages):
            return
        self._images[req.page] = image
        self._icons[req.page] = self._icon(req.page)
        row = self.index(req.page - 1)
        self.dataChanged.emit(row, row, [Qt.ItemDataRole.DecorationRole])


class ThumbnailStrip(QtWidgets.QListView):
    """A vertical strip of page thumbnails; a click asks for that page."""

    page_activated = Signal(int)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QtWidgets.QListView.ViewMode.IconMode)
        self.setFlow(QtWidgets.QListView.Flow.TopToBottom)
        self.setWrapping(False)
        self.setMovement(QtWidgets.QListView.Movement.Static)
        self.setResizeMode(QtWidgets.QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(True)
        self.setIconSize(ICON_SIZE)
        self.setSpacing(4)
        self.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.clicked.connect(self._emit_page)
        self.activated.connect(self._emit_page)

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:
        super().paintEvent(event)
        self._ask_for_rows_on_screen()

    def _ask_for_rows_on_screen(self) -> None:
        """Ask the worker for the missing thumbnails of the rows the viewport shows."""
        model = self.model()
        if not isinstance(model, ThumbnailModel) or not model.rowCount():
            return
        height = self.viewport().height()
        top = self._row_near(2, +1)
        if top is None:
            return
        bottom = self._row_near(height - 2, -1)
        last = model.rowCount() - 1 if bottom is None else min(bottom + 1, model.rowCount() - 1)
        for row in range(max(top - 1, 0), last + 1):
            model.ensure_thumbnail(row + 1)

    def _row_near(self, y: int, direction: int) -> int | None:
        """The row at height ``y`` of the viewport, or the next one towards ``direction``
        when ``y`` falls in the spacing between two rows (None: no row there: the list
        ends above ``y``)."""
        x = self.viewport().width() // 2
        for step in range(0, 6 * self.spacing() + 1, max(self.spacing(), 1)):
            index = self.indexAt(QtCore.QPoint(x, y + direction * step))
            if index.isValid():
                return index.row()
        return None

    def set_document(self, worker: RenderWorker, pages: list[PageInfo]) -> None:
        old = self.model()
        self.setModel(ThumbnailModel(worker, pages, self))
        if old is not None:
            old.deleteLater()

    def thumbnail_model(self) -> ThumbnailModel:
        model = self.model()
        assert isinstance(model, ThumbnailModel)
        return model

    def set_current_page(self, page: int) -> None:
        """Follow the page view without emitting ``page_activated`` back."""
        model = self.model()
        if model is None or not 1 <= page <= model.rowCount():
            return
        index = model.index(page - 1, 0)
        self.selectionModel().setCurrentIndex(
            index, QtCore.QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.scrollTo(index)

    def _emit_page(self, index: QtCore.QModelIndex) -> None:
        if index.isValid():
            self.page_activated.emit(index.row() + 1)
