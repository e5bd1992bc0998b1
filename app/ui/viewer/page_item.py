"""One page on the scene: a white sheet at the page's size, the best image there is, overlays.

The item knows only geometry (source size in points, reviewer's rotation, scale); the image,
search highlights and OCR lines are asked from a :class:`PageSource`-like provider at paint
time, so a page that scrolled away holds nothing and the pixmap cache alone bounds memory.
The reviewer's rotation is a painter transform of the unrotated render: turning a page is
instant and never touches the scan.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from app.ui.qt import Qt, QtCore, QtGui, QtWidgets
from app.ui.viewer.geometry import Box, Point, displayed_points

HIGHLIGHT_COLOUR = QtGui.QColor(255, 200, 0, 110)
LINE_COLOUR = QtGui.QColor(40, 110, 220, 150)
SELECTION_COLOUR = QtGui.QColor(40, 110, 220, 80)


@dataclass
class Overlays:
    """What is drawn over one page, in source-page points."""

    highlights: list[Box] = field(default_factory=list)
    lines: list[Box] = field(default_factory=list)  # OCR line boxes, shown in text mode
    selected: set[int] = field(default_factory=set)  # indexes into ``lines``


class PageContent(Protocol):
    """The view, as far as a page item is concerned."""

    def image_for(self, page: int) -> tuple[QtGui.QPixmap | None, bool]: ...

    def overlays_for(self, page: int) -> Overlays | None: ...

    def error_for(self, page: int) -> str | None: ...


def point_transform(size: Point, rotation: int, scale: float) -> QtGui.QTransform:
    """Source-page points → item pixels, the reviewer's rotation (clockwise) applied."""
    w, h = size
    s = scale
    r = rotation % 360
    if r == 90:
        return QtGui.QTransform(0, s, -s, 0, s * h, 0)
    if r == 180:
        return QtGui.QTransform(-s, 0, 0, -s, s * w, s * h)
    if r == 270:
        return QtGui.QTransform(0, -s, s, 0, 0, s * w)
    return QtGui.QTransform(s, 0, 0, s, 0, 0)


class PixmapCache:
    """Pixmaps by (page, dpi), least recently used dropped first, bounded by bytes."""

    def __init__(self, max_bytes: int = 160 * 1024 * 1024) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[tuple[int, float], QtGui.QPixmap] = OrderedDict()
        self._bytes = 0

    @staticmethod
    def _size(pixmap: QtGui.QPixmap) -> int:
        return pixmap.width() * pixmap.height() * 4

    def get(self, page: int, dpi: float) -> QtGui.QPixmap | None:
        pixmap = self._items.get((page, dpi))
        if pixmap is not None:
            self._items.move_to_end((page, dpi))
        return pixmap

    def any_for(self, page: int) -> QtGui.QPixmap | None:
        """The sharpest pixmap of ``page`` at any dpi: a good interim while zooming."""
        best = [(dpi, pm) for (p, dpi), pm in self._items.items() if p == page]
        return max(best, key=lambda entry: entry[0])[1] if best else None

    def put(self, page: int, dpi: float, pixmap: QtGui.QPixmap) -> None:
        old = self._items.pop((page, dpi), None)
        if old is not None:
            self._bytes -= self._size(old)
        self._items[(page, dpi)] = pixmap
        self._bytes += self._size(pixmap)
        while self._bytes > self.max_bytes and len(self._items) > 1:
            _, evicted = self._items.popitem(last=False)
            self._bytes -= self._size(evicted)

    def __contains__(self, key: tuple[int, float]) -> bool:
        return key in self._items

    def __len__(self) -> int:
        return len(self._items)


class PageItem(QtWidgets.QGraphicsItem):
    def __init__(
        self,
        content: PageContent,
        index: int,
        size: Point,
        rotation: int,
        on_painted: Callable[[int, bool], None],
    ) -> None:
        super().__init__()
        self.content = content
        self.index = index  # 1-based
        self.size = size  # source points
        self.page_rotation = rotation % 360
        self.scale_factor = 1.0
        self._on_painted = on_painted

    # ------------------------------------------------------------ geometry
    def set_geometry(self, scale: float, rotation: int) -> None:
        self.prepareGeometryChange()
        self.scale_factor = scale
        self.page_rotation = rotation % 360

    def boundingRect(self) -> QtCore.QRectF:
        w, h = displayed_points(self.size, self.page_rotation)
        return QtCore.QRectF(0, 0, w * self.scale_factor, h * self.scale_factor)

    def transform_from_points(self) -> QtGui.QTransform:
        return point_transform(self.size, self.page_rotation, self.scale_factor)

    def scene_rect_of(self, box: Box) -> QtCore.QRectF:
        """A box in source points → its rectangle on the scene."""
        local = self.transform_from_points().mapRect(
            QtCore.QRectF(box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0)
        )
        return local.translated(self.pos())

    def points_box_of(self, scene_rect: QtCore.QRectF) -> Box:
        """A scene rectangle → the box it covers in source points."""
        inverse, _ok = self.transform_from_points().inverted()
        r = inverse.mapRect(scene_rect.translated(-self.pos()))
        return Box(r.left(), r.top(), r.right(), r.bottom())

    # ------------------------------------------------------------ painting
    def paint(
        self,
        painter: QtGui.QPainter,
        option: QtWidgets.QStyleOptionGraphicsItem,
        widget: QtWidgets.QWidget | None = None,
    ) -> None:
        bounds = self.boundingRect()
        painter.fillRect(bounds, Qt.GlobalColor.white)
        pixmap, sharp = self.content.image_for(self.index)
        painter.save()
        painter.setTransform(self.transform_from_points(), True)
        w, h = self.size
        if pixmap is not None:
            painter.setRenderHint(QtGui.QPainter.RenderHint.SmoothPixmapTransform, not sharp)
            painter.drawPixmap(QtCore.QRectF(0, 0, w, h), pixmap, QtCore.QRectF(pixmap.rect()))
        overlays = self.content.overlays_for(self.index)
        if overlays is not None:
            self._paint_overlays(painter, overlays)
        painter.restore()
        error = self.content.error_for(self.index)
        if error:
            painter.setPen(Qt.GlobalColor.darkRed)
            painter.drawText(bounds.adjusted(12, 12, -12, -12), Qt.TextFlag.TextWordWrap, error)
        elif pixmap is None:
            painter.setPen(Qt.GlobalColor.gray)
            painter.drawText(bounds, Qt.AlignmentFlag.AlignCenter, f"第 {self.index} 页")
        painter.setPen(QtGui.QPen(QtGui.QColor(160, 160, 160), 0))
        painter.drawRect(bounds)
        self._on_painted(self.index, pixmap is not None and sharp)

    @staticmethod
    def _paint_overlays(painter: QtGui.QPainter, overlays: Overlays) -> None:
        for box in overlays.highlights:
            painter.fillRect(
                QtCore.QRectF(box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0), HIGHLIGHT_COLOUR
            )
        if overlays.lines:
            painter.setPen(QtGui.QPen(LINE_COLOUR, 0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for i, box in enumerate(overlays.lines):
                rect = QtCore.QRectF(box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0)
                if i in overlays.selected:
                    painter.fillRect(rect, SELECTION_COLOUR)
                painter.drawRect(rect)
