"""Render pages off the GUI thread, most urgent first, dropping requests nobody needs any more.

Frescobaldi's qpageview idea in small: the view asks for the pages it shows (and one ahead),
the worker renders them on its own threads through ``app.casefiles.render.PageRenderer``
(which caches by page, dpi and rotation and opens one document per thread), converts them to
a ``QImage`` there, and delivers the result on the GUI thread through a queued signal. When
the reader scrolls on, ``retain`` drops the queued renders of pages that left the screen.
"""

from __future__ import annotations

import itertools
import queue
import threading
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from app.casefiles.render import THUMBNAIL_DPI, PageRenderer
from app.ui.qt import QtCore, QtGui, Signal

PAGE = "page"
THUMB = "thumb"
# Lower runs first: the page the reader jumped to, then its cheap interim, then neighbours.
PRIORITY_VISIBLE = 0
PRIORITY_INTERIM = 1
PRIORITY_AHEAD = 2
PRIORITY_THUMBNAIL = 3


@dataclass(frozen=True)
class RenderRequest:
    page: int  # 1-based, like PageInfo.index
    dpi: float
    kind: str = PAGE


def to_qimage(image: Image.Image) -> QtGui.QImage:
    """A PIL image as a QImage that owns its pixels (safe to hand to another thread)."""
    rgb = image if image.mode == "RGB" else image.convert("RGB")
    data = rgb.tobytes()
    qimage = QtGui.QImage(
        data, rgb.width, rgb.height, 3 * rgb.width, QtGui.QImage.Format.Format_RGB888
    )
    # RGB32 paints fastest; the conversion also copies, detaching from ``data``.
    return qimage.convertToFormat(QtGui.QImage.Format.Format_RGB32)


class RenderWorker(QtCore.QObject):
    """Renders one dossier's pages on ``threads`` threads; signals arrive on the GUI thread."""

    rendered = Signal(object, object)  # RenderRequest, QImage
    failed = Signal(object, str)  # RenderRequest, Chinese message

    def __init__(
        self,
        path: Path,
        renderer: PageRenderer | None = None,
        threads: int = 2,
        parent: QtCore.QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = path
        self._own_renderer = renderer is None
        self.renderer = renderer or PageRenderer()
        self._queue: queue.PriorityQueue[tuple[int, int, RenderRequest | None]] = (
            queue.PriorityQueue()
        )
        self._pending: dict[RenderRequest, int] = {}  # queued or running → priority
        self._lock = threading.Lock()
        self._seq = itertools.count()
        # Instrumentation read by tests and the benchmark: what really reached the renderer.
        self.rendered_requests: list[RenderRequest] = []
        self._threads = [
            threading.Thread(target=self._loop, name=f"render-{i}", daemon=True)
            for i in range(threads)
        ]
        self._closed = False
        for thread in self._threads:
            thread.start()

    # ------------------------------------------------------------ GUI side
    def request(self, req: RenderRequest, priority: int = PRIORITY_VISIBLE) -> None:
        """Queue a render unless the same one is already queued at the same or higher urgency."""
        if self._closed:
            return
        with self._lock:
            known = self._pending.get(req)
            if known is not None and known <= priority:
                return
            self._pending[req] = priority
        self._queue.put((priority, next(self._seq), req))

    def thumbnail(self, page: int) -> None:
        self.request(RenderRequest(page, THUMBNAIL_DPI, THUMB), PRIORITY_THUMBNAIL)

    def retain(self, pages: set[int], kind: str = PAGE) -> None:
        """Forget queued renders of ``kind`` for pages not in ``pages`` (they scrolled away)."""
        with self._lock:
            for req in [r for r in self._pending if r.kind == kind and r.page not in pages]:
                del self._pending[req]

    def is_pending(self, req: RenderRequest) -> bool:
        with self._lock:
            return req in self._pending

    def shutdown(self) -> None:
        """Stop the threads (a render in progress finishes first) and close the documents."""
        if self._closed:
            return
        self._closed = True
        with self._lock:
            self._pending.clear()
        for _ in self._threads:
            self._queue.put((-1, next(self._seq), None))
        for thread in self._threads:
            thread.join()
        if self._own_renderer:
            self.renderer.close()

    # ------------------------------------------------------------ worker side
    def _loop(self) -> None:
        while True:
            priority, _, req = self._queue.get()
            if req is None:
                return
            with self._lock:
                # Dropped by retain(), or a stale duplicate of a request re-queued as more urgent.
                if self._pending.get(req) != priority:
                    continue
            try:
                image = self.renderer.render(self.path, req.page - 1, req.dpi)
                qimage = to_qimage(image)
            except Exception as exc:  # a damaged page: the view shows the message on it
                with self._lock:
                    self._pending.pop(req, None)
                self.failed.emit(req, str(exc) or type(exc).__name__)
                continue
            with self._lock:
                self._pending.pop(req, None)
                self.rendered_requests.append(req)
            if not self._closed:
                self.rendered.emit(req, qimage)
