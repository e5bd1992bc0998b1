"""The evidence frame: a deduction's region drawn over its page, apart from search highlights.

A child item of the :class:`PageItem` it belongs to, so it moves, hides and turns with the
page; its rectangle is given in source-page points (before the reviewer's rotation) and
mapped through the page's own point transform whenever the page is laid out again.
"""

from __future__ import annotations

from app.ui.qt import Qt, QtCore, QtGui, QtWidgets
from app.ui.viewer.geometry import Box
from app.ui.viewer.page_item import PageItem

FRAME_PEN = QtGui.QColor(232, 72, 20)  # red-orange: not the yellow of search hits
FRAME_FILL = QtGui.QColor(255, 96, 32, 56)
MIN_DRAG_PIXELS = 4.0  # a drag smaller than this either way is a click, not a region


class EvidenceFrame(QtWidgets.QGraphicsRectItem):
    def __init__(self, page_item: PageItem, box: Box) -> None:
        super().__init__(page_item)
        self.box = box
        pen = QtGui.QPen(FRAME_PEN, 2)
        pen.setCosmetic(True)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        self.setPen(pen)
        self.setBrush(FRAME_FILL)
        self.setZValue(10)
        self.relayout()

    @property
    def page(self) -> int:
        item = self.parentItem()
        assert isinstance(item, PageItem)
        return item.index

    def relayout(self) -> None:
        """Follow the page's current scale and rotation."""
        item = self.parentItem()
        assert isinstance(item, PageItem)
        b = self.box
        self.setRect(
            item.transform_from_points().mapRect(
                QtCore.QRectF(b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0)
            )
        )
