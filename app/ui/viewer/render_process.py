"""The child side of the render worker: a process that renders pages it is sent.

PyMuPDF keeps Python's GIL while it rasterises a page (measured: the GUI thread stalls for
the whole 60-200 ms render), so rendering in a thread freezes the window exactly when a page
should appear. Each render worker therefore owns child processes (calibre's way for
CPU-heavy work); each child opens its own documents and keeps its own
``PageRenderer`` cache by (page, dpi, rotation). No Qt here: the child never imports it.

Protocol over a ``multiprocessing`` pipe: the parent sends ``(path, page0, dpi, rotation)``
or ``None`` to stop; the child answers ``("ok", width, height)`` followed by the pixels as BGRX bytes,
or ``("error", message)``.
"""

from __future__ import annotations

from multiprocessing.connection import Connection


def serve(conn: Connection) -> None:
    from app.casefiles.render import PageRenderer

    renderer = PageRenderer()
    try:
        while True:
            try:
                job = conn.recv()
            except (EOFError, OSError):
                return
            if job is None:
                return
            path, page, dpi, rotation = job
            try:
                image = renderer.render(path, page, dpi, rotation)
                rgb = image if image.mode == "RGB" else image.convert("RGB")
                data = rgb.tobytes("raw", "BGRX")  # Qt's RGB32 layout: no conversion there
            except Exception as exc:  # a damaged page: the message is shown on it
                conn.send(("error", str(exc) or type(exc).__name__))
                continue
            try:
                conn.send(("ok", rgb.width, rgb.height))
                conn.send_bytes(data)
            except OSError:  # the parent went away (closed window): nothing to deliver to
                return
    finally:
        renderer.close()
