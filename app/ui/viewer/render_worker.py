"""Render pages off the GUI thread, most urgent first, dropping requests nobody needs any more.

Frescobaldi's qpageview idea in small: the view asks for the pages it shows (and one ahead),
the worker renders them in child processes (``render_process``: PyMuPDF holds the GIL while
rendering, so a thread would freeze the window) through ``app.casefiles.render.PageRenderer``
(cache by page, dpi and rotation, one document per process), turns the pixels into a
``QImage`` and delivers it on the GUI thread through a queued signal. When the reader scrolls
on, ``retain`` drops the queued renders of pages that left the screen.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import queue
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from PIL import Image

from app.casefiles.render import THUMBNAIL_DPI
from app.ui.qt import QtCore, QtGui, Signal
from app.ui.viewer import render_process

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


def bgrx_to_qimage(data: bytes, width: int, height: int) -> QtGui.QImage:
    """BGRX bytes (Qt's RGB32 layout in memory) copied into a QImage that owns them.

    The pixels are copied into the image's own buffer rather than wrapping ``data``: a
    QImage built on a Python buffer crashed (refcount error) once it crossed threads."""
    qimage = QtGui.QImage(width, height, QtGui.QImage.Format.Format_RGB32)
    memoryview(qimage.bits())[:] = data  # 4 bytes a pixel: rows need no padding
    return qimage


def to_qimage(image: Image.Image) -> QtGui.QImage:
    rgb = image if image.mode == "RGB" else image.convert("RGB")
    return bgrx_to_qimage(rgb.tobytes("raw", "BGRX"), rgb.width, rgb.height)


class _Child:
    """One render process and the pipe to it; restarted if it dies."""

    def __init__(self) -> None:
        self.process: multiprocessing.process.BaseProcess | None = None
        self.conn: Connection | None = None
        self.start()

    def start(self) -> None:
        # spawn, never fork: the parent runs Qt threads that a fork would copy half-way.
        context = multiprocessing.get_context("spawn")
        parent_end, child_end = context.Pipe()
        self.process = context.Process(
            target=render_process.serve, args=(child_end,), name="page-render", daemon=True
        )
        self.process.start()
        child_end.close()
        self.conn = parent_end

    def render(self, path: Path, page0: int, dpi: float) -> QtGui.QImage:
        assert self.conn is not None
        try:
            self.conn.send((str(path), page0, dpi, 0))
            reply = self.conn.recv()
            if reply[0] == "error":
                raise RuntimeError(reply[1])
            _, width, height = reply
            data = self.conn.recv_bytes()
        except (EOFError, OSError, BrokenPipeError):
            self.stop()
            self.start()
            raise RuntimeError("页面渲染进程意外退出，已重新启动；请稍后重试。") from None
        return bgrx_to_qimage(data, width, height)

    def stop(self) -> None:
        if self.conn is not None:
            with contextlib.suppress(OSError):
                self.conn.send(None)
            self.conn.close()
            self.conn = None
        if self.process is not None:
            self.process.join(timeout=5)
            if self.process.is_alive():
                self.process.terminate()
                self.process.join(timeout=5)
            self.process = None


# Render processes started ahead of need: a spawned child takes 2-4 s to import PyMuPDF,
# so the library window starts two while the reviewer picks a dossier, and each viewer
# adopts them instead of waiting (started children are daemons: they end with the app).
_spares: list[_Child] = []
_spares_lock = threading.Lock()


def prestart(count: int = 2) -> None:
    """Have ``count`` render processes starting in the background for the next viewer."""
    with _spares_lock:
        while len(_spares) < count:
            _spares.append(_Child())


def _adopt() -> _Child:
    with _spares_lock:
        if _spares:
            return _spares.pop(0)
    return _Child()


class RenderWorker(QtCore.QObject):
    """Renders one dossier's pages in ``processes`` child processes, each fed by a thread
    that waits on its pipe (waiting releases the GIL); signals arrive on the GUI thread."""

    rendered = Signal(object, object)  # RenderRequest, QImage
    failed = Signal(object, str)  # RenderRequest, Chinese message

    def __init__(
        self, path: Path, processes: int = 2, parent: QtCore.QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.path = path
        self._queue: queue.PriorityQueue[tuple[int, int, RenderRequest | None]] = (
            queue.PriorityQueue()
        )
        self._pending: dict[RenderRequest, int] = {}  # queued or running → priority
        self._lock = threading.Lock()
        self._seq = itertools.count()
        # Instrumentation read by tests and the benchmark: what really reached the renderer.
        self.rendered_requests: list[RenderRequest] = []
        self._children = [_adopt() for _ in range(processes)]
        self._threads = [
            threading.Thread(target=self._loop, args=(child,), name=f"render-{i}", daemon=True)
            for i, child in enumerate(self._children)
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

    def idle(self) -> bool:
        """Nothing queued or rendering (the benchmark jumps from an idle viewer)."""
        with self._lock:
            return not self._pending

    def shutdown(self) -> None:
        """Stop the threads and the processes (a render in progress finishes first)."""
        if self._closed:
            return
        self._closed = True
        with self._lock:
            self._pending.clear()
        for _ in self._threads:
            self._queue.put((-1, next(self._seq), None))
        for thread in self._threads:
            thread.join()
        for child in self._children:
            child.stop()

    # ------------------------------------------------------------ feeding threads
    def _loop(self, child: _Child) -> None:
        while True:
            priority, _, req = self._queue.get()
            if req is None:
                return
            with self._lock:
                # Dropped by retain(), or a stale duplicate of a request re-queued as more urgent.
                if self._pending.get(req) != priority:
                    continue
            try:
                qimage = child.render(self.path, req.page - 1, req.dpi)
            except Exception as exc:  # a damaged page: the view shows the message on it
                with self._lock:
                    self._pending.pop(req, None)
                if not self._closed:
                    self.failed.emit(req, str(exc) or type(exc).__name__)
                continue
            with self._lock:
                self._pending.pop(req, None)
                self.rendered_requests.append(req)
            if not self._closed:
                self.rendered.emit(req, qimage)
