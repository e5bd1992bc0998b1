"""The pages of a dossier: continuous or one at a time, zoomed, turned, rendered as they show.

All pages are laid out from their sizes before anything renders. Scene units are screen
pixels at the current zoom (no view transform), so each page is rendered at exactly the dpi
it is shown at and painted 1:1. Only the pages on screen and the one after them are asked
from the :class:`RenderWorker`; until the sharp image arrives a page shows the best it has
(a pixmap at another zoom or its thumbnail), scaled.

In *region mode* (the scoring window's 框选证据) a left-button drag draws a rubber band on one
page and ``region_drawn`` reports it as fractions of that page's width and height, measured
on the page before the reviewer's rotation (the format of ``app/review/evidence.py``);
``show_evidence`` draws such a region back as an :class:`EvidenceFrame`.
"""

from __future__ import annotations

import time
from typing import Any

from app.casefiles.case_detail import PageInfo
from app.casefiles.render import THUMBNAIL_DPI
from app.ui.qt import Qt, QtCore, QtGui, QtWidgets, Signal
from app.ui.viewer import geometry as geo
from app.ui.viewer.evidence_frame import MIN_DRAG_PIXELS, EvidenceFrame
from app.ui.viewer.page_item import Overlays, PageItem, PixmapCache
from app.ui.viewer.render_worker import (
    PAGE,
    PRIORITY_AHEAD,
    PRIORITY_INTERIM,
    PRIORITY_VISIBLE,
    THUMB,
    RenderRequest,
    RenderWorker,
)
from app.ui.viewer.text_overlay import TextLayer

FIT_WIDTH = "fit_width"
FIT_PAGE = "fit_page"
CUSTOM = "custom"


class PageView(QtWidgets.QGraphicsView):
    current_page_changed = Signal(int)  # 1-based
    zoom_changed = Signal(float, str)  # zoom (1.0 = 100 %), mode
    rotation_changed = Signal(int, int)  # page, rotation: the window stores it
    page_painted = Signal(int, bool)  # page, sharp: for the benchmark and tests
    selection_changed = Signal(str)  # the selected OCR text
    region_mode_changed = Signal(bool)
    # page, x0, y0, x1, y1: fractions (0..1) of the page before the reviewer's rotation
    region_drawn = Signal(int, float, float, float, float)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QtWidgets.QGraphicsScene(self))
        self.setBackgroundBrush(QtGui.QColor(96, 96, 100))
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setDragMode(QtWidgets.QGraphicsView.DragMode.ScrollHandDrag)
        self.setViewportUpdateMode(QtWidgets.QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.worker: RenderWorker | None = None
        self.pages: list[PageInfo] = []
        self.page_items: list[PageItem] = []
        self.rotations: dict[int, int] = {}
        self.rects: list[geo.Rect] = []
        self.continuous = True
        self.zoom_mode = FIT_WIDTH
        self.zoom = 1.0
        self._current = 1
        self.cache = PixmapCache()
        self.thumbs: dict[int, QtGui.QPixmap] = {}
        self.errors: dict[int, str] = {}
        self.highlights: dict[int, list[geo.Box]] = {}
        self.text = TextLayer()
        self._band_origin: QtCore.QPointF | None = None
        self._band = QtWidgets.QRubberBand(QtWidgets.QRubberBand.Shape.Rectangle, self.viewport())
        self.region_mode = False
        self._region_page: int | None = None  # the page a region drag started on
        self.evidence: EvidenceFrame | None = None
        self.jump_started: float | None = None  # perf_counter() of the last go_to_page
        self.verticalScrollBar().valueChanged.connect(self._update_visible)
        self.horizontalScrollBar().valueChanged.connect(self._update_visible)

    # ------------------------------------------------------------ document
    def set_document(self, worker: RenderWorker, pages: list[PageInfo]) -> None:
        """Show a dossier's pages; the worker renders them (and belongs to the caller)."""
        if self.worker is not None:
            self.worker.rendered.disconnect(self._on_rendered)
            self.worker.failed.disconnect(self._on_failed)
        self.worker = worker
        worker.rendered.connect(self._on_rendered)
        worker.failed.connect(self._on_failed)
        self.evidence = None  # deleted with the scene's items
        self.scene().clear()
        self.pages = list(pages)
        self.rotations = {p.index: p.rotation % 360 for p in pages}
        self.page_items = []
        for info in self.pages:
            item = PageItem(
                self,
                info.index,
                geo.page_points(info.width, info.height),
                info.rotation,
                self._painted,
            )
            self.scene().addItem(item)
            self.page_items.append(item)
        self._current = 1
        self._relayout()
        self.go_to_page(1)

    def page_count(self) -> int:
        return len(self.pages)

    def current_page(self) -> int:
        return self._current

    def dpi(self) -> float:
        return round(geo.scale_for_zoom(self.zoom) * 72.0 * self.devicePixelRatioF(), 1)

    # ------------------------------------------------------------ layout
    def _displayed_sizes(self) -> list[geo.Point]:
        return [
            geo.displayed_points(item.size, self.rotations[item.index]) for item in self.page_items
        ]

    def _fit_sizes(self) -> list[geo.Point]:
        sizes = self._displayed_sizes()
        return sizes if self.continuous else sizes[self._current - 1 : self._current]

    def _viewport_size(self) -> tuple[float, float]:
        vp = self.viewport()
        return float(vp.width()), float(vp.height())

    def _relayout(self, keep_position: bool = True) -> None:
        if not self.page_items:
            return
        anchor = self._anchor() if keep_position else None
        sizes = self._displayed_sizes()
        vw, vh = self._viewport_size()
        if self.zoom_mode == FIT_WIDTH:
            self.zoom = geo.zoom_for_scale(geo.fit_width_scale(self._fit_sizes(), vw))
        elif self.zoom_mode == FIT_PAGE:
            self.zoom = geo.zoom_for_scale(geo.fit_page_scale(self._fit_sizes(), vw, vh))
        scale = geo.scale_for_zoom(self.zoom)
        if self.continuous:
            self.rects = geo.layout_continuous(sizes, scale)
        else:
            only = geo.layout_continuous([sizes[self._current - 1]], scale)[0]
            self.rects = [only] * len(sizes)
        for item, (x, y, _w, _h) in zip(self.page_items, self.rects, strict=True):
            item.set_geometry(scale, self.rotations[item.index])
            item.setPos(x, y)
            item.setVisible(self.continuous or item.index == self._current)
        if self.evidence is not None:
            self.evidence.relayout()
        shown = self.rects if self.continuous else [self.rects[self._current - 1]]
        width, height = geo.scene_size(shown)
        self.setSceneRect(0, 0, width, height)
        if anchor is not None:
            self._restore(anchor)
        self.zoom_changed.emit(self.zoom, self.zoom_mode)
        self._update_visible()

    def _anchor(self) -> tuple[int, float]:
        """The current page and how far into it the top of the screen is (0..1)."""
        top = self.mapToScene(0, 0).y()
        _x, y, _w, h = self.rects[self._current - 1] if self.rects else (0, 0, 0, 1)
        return self._current, min(max((top - y) / h, -0.1), 1.0) if h else 0.0

    def _restore(self, anchor: tuple[int, float]) -> None:
        page, fraction = anchor
        _x, y, _w, h = self.rects[page - 1]
        self.verticalScrollBar().setValue(int(y + fraction * h))

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.zoom_mode != CUSTOM:
            self._relayout()
        else:
            self._update_visible()

    # ------------------------------------------------------------ navigation
    def go_to_page(self, page: int) -> None:
        if not self.page_items:
            return
        page = max(1, min(page, len(self.page_items)))
        self.jump_started = time.perf_counter()
        if not self.continuous:
            self._set_current(page)
            self._relayout(keep_position=False)
            self.verticalScrollBar().setValue(0)
        else:
            _x, y, _w, _h = self.rects[page - 1]
            self._set_current(page)
            self.verticalScrollBar().setValue(int(y - geo.SPACING / 2))
        self._update_visible()

    def _set_current(self, page: int) -> None:
        if page != self._current:
            self._current = page
            self.current_page_changed.emit(page)

    def next_page(self) -> None:
        self.go_to_page(self._current + 1)

    def previous_page(self) -> None:
        self.go_to_page(self._current - 1)

    def set_continuous(self, continuous: bool) -> None:
        if continuous == self.continuous:
            return
        page = self._current
        self.continuous = continuous
        self._relayout(keep_position=False)
        self.go_to_page(page)

    # ------------------------------------------------------------ zoom and rotation
    def set_zoom(self, zoom: float) -> None:
        self.zoom_mode = CUSTOM
        self.zoom = geo.clamp_zoom(zoom)
        self._relayout()

    def set_zoom_mode(self, mode: str) -> None:
        self.zoom_mode = mode
        self._relayout()

    def zoom_in(self) -> None:
        self.set_zoom(geo.next_zoom(self.zoom, +1))

    def zoom_out(self) -> None:
        self.set_zoom(geo.next_zoom(self.zoom, -1))

    def rotate_page(self, page: int, delta: int) -> None:
        """Turn a page by ``delta`` degrees; emits ``rotation_changed`` for the window to store."""
        rotation = (self.rotations.get(page, 0) + delta) % 360
        self.rotations[page] = rotation
        self._relayout()
        self.rotation_changed.emit(page, rotation)

    def show_rotations(self, rotations: dict[int, int]) -> list[int]:
        """Take rotations stored elsewhere (a reading that found a page upside down): the
        pages whose turn changed, laid out again without storing anything back."""
        changed = [p for p, r in rotations.items() if self.rotations.get(p, 0) != r % 360]
        if changed:
            self.rotations.update({p: rotations[p] % 360 for p in changed})
            self._relayout()
        return changed

    def rotate_current(self, delta: int) -> None:
        self.rotate_page(self._current, delta)

    # ------------------------------------------------------------ rendering
    def visible_pages(self) -> list[int]:
        if not self.page_items:
            return []
        if not self.continuous:
            return [self._current]
        area = self.mapToScene(self.viewport().rect()).boundingRect()
        return [i + 1 for i in geo.pages_in_band(self.rects, area.top(), area.bottom())]

    def _update_visible(self) -> None:
        visible = self.visible_pages()
        if not visible or self.worker is None:
            return
        if self.continuous:
            self._set_current(self._most_visible(visible))
        dpi = self.dpi()
        wanted = set(visible)
        for page in visible:
            if (page, dpi) not in self.cache:
                self.worker.request(RenderRequest(page, dpi, PAGE), PRIORITY_VISIBLE)
                if page not in self.thumbs and self.cache.any_for(page) is None:
                    self.worker.request(RenderRequest(page, THUMBNAIL_DPI, THUMB), PRIORITY_INTERIM)
        ahead = max(visible) + 1
        if ahead <= len(self.page_items):
            wanted.add(ahead)
            # Only once the pages on screen are sharp: rendering ahead earlier would share
            # the CPU with the page the reader is waiting for.
            settled = all((page, dpi) in self.cache for page in visible)
            if settled and (ahead, dpi) not in self.cache:
                self.worker.request(RenderRequest(ahead, dpi, PAGE), PRIORITY_AHEAD)
        self.worker.retain(wanted, PAGE)

    def _most_visible(self, visible: list[int]) -> int:
        """The page being read: the first one on screen with at least half of it shown (a
        page jumped to stays current even when a short page below it shows in full too),
        else the one showing most."""
        area = self.mapToScene(self.viewport().rect()).boundingRect()

        def shown(page: int) -> float:
            _x, y, _w, h = self.rects[page - 1]
            return min(y + h, area.bottom()) - max(y, area.top())

        for page in sorted(visible):
            height = self.rects[page - 1][3]
            if height > 0 and shown(page) >= height / 2:
                return page
        return max(visible, key=shown)

    def _on_rendered(self, req: RenderRequest, image: QtGui.QImage) -> None:
        pixmap = QtGui.QPixmap.fromImage(image)
        if req.kind == THUMB:
            self.thumbs[req.page] = pixmap
        else:
            self.cache.put(req.page, req.dpi, pixmap)
        self.errors.pop(req.page, None)
        if 1 <= req.page <= len(self.page_items):
            self.page_items[req.page - 1].update()
        if req.kind == PAGE:
            self._update_visible()  # the screen is sharp: time to render ahead

    def _on_failed(self, req: RenderRequest, message: str) -> None:
        self.errors[req.page] = message
        if 1 <= req.page <= len(self.page_items):
            self.page_items[req.page - 1].update()

    # PageContent, asked by the items while painting
    def image_for(self, page: int) -> tuple[QtGui.QPixmap | None, bool]:
        sharp = self.cache.get(page, self.dpi())
        if sharp is not None:
            return sharp, True
        return self.cache.any_for(page) or self.thumbs.get(page), False

    def overlays_for(self, page: int) -> Overlays | None:
        highlights = self.highlights.get(page, [])
        if not self.text.enabled and not highlights:
            return None
        lines = self.text.boxes(page) if self.text.enabled else []
        return Overlays(highlights, lines, set(self.text.selection.get(page, [])))

    def error_for(self, page: int) -> str | None:
        return self.errors.get(page)

    def _painted(self, page: int, sharp: bool) -> None:
        self.page_painted.emit(page, sharp)

    # ------------------------------------------------------------ highlights and text
    def highlight(self, page: int, boxes: list[Any]) -> None:
        """Draw search hits on ``page`` (boxes: 4 points or x0, y0, x1, y1 in page points)
        and scroll so the first one is on screen."""
        parsed = [
            geo.Box.from_points(b) if isinstance(b[0], list | tuple) else geo.Box(*b) for b in boxes
        ]
        self.highlights[page] = parsed
        self.go_to_page(page)
        if parsed:
            rect = self.page_items[page - 1].scene_rect_of(parsed[0])
            self.ensureVisible(rect, 40, 80)
        self.page_items[page - 1].update()

    def clear_highlights(self) -> None:
        pages = list(self.highlights)
        self.highlights.clear()
        for page in pages:
            self.page_items[page - 1].update()

    # ------------------------------------------------------------ evidence regions
    def show_evidence(
        self, page: int, fractions: tuple[float, float, float, float], scroll: bool = True
    ) -> None:
        """Frame a region of ``page`` (x0, y0, x1, y1 as fractions of the unrotated page),
        replacing the one shown before; with ``scroll``, go to the page and bring it on screen."""
        self.clear_evidence()
        if not 1 <= page <= len(self.page_items):
            return
        item = self.page_items[page - 1]
        w, h = item.size
        x0, y0, x1, y1 = fractions
        self.evidence = EvidenceFrame(item, geo.Box(x0 * w, y0 * h, x1 * w, y1 * h))
        if scroll:
            self.go_to_page(page)
            self.ensureVisible(self.evidence.sceneBoundingRect(), 40, 80)

    def clear_evidence(self) -> None:
        if self.evidence is not None:
            self.scene().removeItem(self.evidence)
            self.evidence = None

    def evidence_shown(self) -> tuple[int, QtCore.QRectF] | None:
        """The page and scene rectangle of the region shown, if any (the region itself,
        without the frame's pen, whose width is fixed in pixels whatever the page size)."""
        if self.evidence is None:
            return None
        return self.evidence.page, self.evidence.mapRectToScene(self.evidence.rect())

    def set_region_mode(self, on: bool) -> None:
        """Dragging draws an evidence region (on) or scrolls / selects text (off)."""
        if on == self.region_mode:
            return
        self.region_mode = on
        self._cancel_region_drag()
        self._apply_pointer()
        self.region_mode_changed.emit(on)

    def _cancel_region_drag(self) -> None:
        self._region_page = None
        self._band_origin = None
        self._band.hide()

    def _apply_pointer(self) -> None:
        if self.region_mode:
            drag, cursor = QtWidgets.QGraphicsView.DragMode.NoDrag, Qt.CursorShape.CrossCursor
        elif self.text.enabled:
            drag, cursor = QtWidgets.QGraphicsView.DragMode.NoDrag, Qt.CursorShape.IBeamCursor
        else:
            drag = QtWidgets.QGraphicsView.DragMode.ScrollHandDrag
            cursor = Qt.CursorShape.OpenHandCursor
        self.setDragMode(drag)
        self.viewport().setCursor(cursor)

    def page_at(self, pos: QtCore.QPoint) -> int | None:
        """The page under a viewport position, if any."""
        scene = self.mapToScene(pos)
        for item in self.page_items:
            if item.isVisible() and item.sceneBoundingRect().contains(scene):
                return item.index
        return None

    def _region_band(self, pos: QtCore.QPointF) -> QtCore.QRect:
        """The drag rectangle in viewport pixels, kept on the page the drag started on."""
        assert self._band_origin is not None and self._region_page is not None
        page = self.mapFromScene(self.page_items[self._region_page - 1].sceneBoundingRect())
        return (
            QtCore.QRectF(self._band_origin, pos)
            .normalized()
            .toRect()
            .intersected(page.boundingRect())
        )

    def _finish_region(self, band: QtCore.QRect) -> None:
        page = self._region_page
        self._cancel_region_drag()
        if page is None or band.width() < MIN_DRAG_PIXELS or band.height() < MIN_DRAG_PIXELS:
            return
        item = self.page_items[page - 1]
        scene = self.mapToScene(band).boundingRect().intersected(item.sceneBoundingRect())
        box = item.points_box_of(scene)
        w, h = item.size

        def frac(value: float, size: float) -> float:
            return min(1.0, max(0.0, value / size))

        self.region_drawn.emit(
            page, frac(box.x0, w), frac(box.y0, h), frac(box.x1, w), frac(box.y1, h)
        )

    def set_text_visible(self, on: bool) -> None:
        self.text.enabled = on
        self.text.clear_selection()
        self._apply_pointer()
        self.viewport().update()

    def select_text_in(self, scene_rect: QtCore.QRectF) -> str:
        """Select the OCR lines under a scene rectangle; returns their text."""
        bands = {}
        for item in self.page_items:
            if item.isVisible() and item.sceneBoundingRect().intersects(scene_rect):
                bands[item.index] = item.points_box_of(
                    scene_rect.intersected(item.sceneBoundingRect())
                )
        self.text.select(bands)
        self.viewport().update()
        text = self.text.selected_text()
        self.selection_changed.emit(text)
        return text

    def copy_selection(self) -> str:
        text = self.text.selected_text()
        if text:
            QtWidgets.QApplication.clipboard().setText(text)
        return text

    # ------------------------------------------------------------ input
    def mousePressEvent(self, event: QtGui.QMouseEvent) -> None:
        if self.region_mode and event.button() == Qt.MouseButton.LeftButton:
            self._region_page = self.page_at(event.position().toPoint())
            if self._region_page is not None:
                self._band_origin = event.position()
                self._band.setGeometry(QtCore.QRect(event.position().toPoint(), QtCore.QSize()))
                self._band.show()
            return
        if self.text.enabled and event.button() == Qt.MouseButton.LeftButton:
            self._band_origin = event.position()
            self._band.setGeometry(QtCore.QRect(event.position().toPoint(), QtCore.QSize()))
            self._band.show()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QtGui.QMouseEvent) -> None:
        if self._region_page is not None:
            self._band.setGeometry(self._region_band(event.position()))
            return
        if self._band_origin is not None:
            rect = QtCore.QRectF(self._band_origin, event.position()).normalized()
            self._band.setGeometry(rect.toRect())
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QtGui.QMouseEvent) -> None:
        if self._region_page is not None:
            self._finish_region(self._region_band(event.position()))
            return
        if self._band_origin is not None:
            rect = QtCore.QRectF(self._band_origin, event.position()).normalized()
            self._band_origin = None
            self._band.hide()
            self.select_text_in(self.mapToScene(rect.toRect()).boundingRect())
            return
        super().mouseReleaseEvent(event)

    def wheelEvent(self, event: QtGui.QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            step = event.angleDelta().y()
            if step:
                self.zoom_in() if step > 0 else self.zoom_out()
            event.accept()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:
        key = event.key()
        mods = event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if event.matches(QtGui.QKeySequence.StandardKey.Copy):
            self.copy_selection()
        elif ctrl and key in (Qt.Key.Key_Equal, Qt.Key.Key_Plus):
            self.zoom_in()
        elif ctrl and key == Qt.Key.Key_Minus:
            self.zoom_out()
        elif ctrl and key == Qt.Key.Key_0:
            self.set_zoom(1.0)
        elif key in (Qt.Key.Key_PageDown, Qt.Key.Key_Right):
            self.next_page()
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_Left):
            self.previous_page()
        elif key == Qt.Key.Key_Home:
            self.go_to_page(1)
        elif key == Qt.Key.Key_End:
            self.go_to_page(len(self.page_items))
        elif key == Qt.Key.Key_R and not ctrl:
            self.rotate_current(-90 if mods & Qt.KeyboardModifier.ShiftModifier else 90)
        elif key == Qt.Key.Key_Escape and self.region_mode:
            self.set_region_mode(False)
        elif key == Qt.Key.Key_Escape and self.text.selection:
            self.text.clear_selection()
            self.viewport().update()
        else:
            super().keyPressEvent(event)
