"""Page images for the viewer and the OCR, cached and safe to call from several threads.

The viewer asks for the same pages again and again (scrolling back, zooming between two
levels, thumbnails), so rendered images are kept in a least-recently-used cache bounded by
bytes, keyed by (source id, page, dpi, rotation). PyMuPDF documents must not be shared
between threads, so each thread opens its own :class:`PageSource` for a file. No Qt here:
the viewer turns the returned PIL image into a QImage itself.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from app.casefiles.page_source import PageSource, open_pages

THUMBNAIL_DPI = 20.0
DEFAULT_CACHE_BYTES = 256 * 1024 * 1024  # about 40 A4 pages at 150 dpi


@dataclass(frozen=True)
class RenderKey:
    source_id: str
    page: int
    dpi: float
    rotation: int


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0


class ImageCache:
    """A thread-safe LRU of PIL images bounded by their pixel bytes."""

    def __init__(self, max_bytes: int = DEFAULT_CACHE_BYTES) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[RenderKey, Image.Image] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.stats = CacheStats()

    @staticmethod
    def _size(image: Image.Image) -> int:
        return image.width * image.height * len(image.getbands())

    def get(self, key: RenderKey) -> Image.Image | None:
        with self._lock:
            image = self._items.get(key)
            if image is None:
                self.stats.misses += 1
                return None
            self._items.move_to_end(key)
            self.stats.hits += 1
            return image

    def put(self, key: RenderKey, image: Image.Image) -> None:
        size = self._size(image)
        if size > self.max_bytes:
            return  # a single image larger than the whole cache is not worth keeping
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= self._size(old)
            self._items[key] = image
            self._bytes += size
            while self._bytes > self.max_bytes:
                _, evicted = self._items.popitem(last=False)
                self._bytes -= self._size(evicted)

    @property
    def total_bytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._items)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0


class PageRenderer:
    """Renders pages of any number of dossiers, one open document per file and thread.

    Returned images are shared with the cache: treat them as read-only (copy before
    drawing on one)."""

    def __init__(self, cache_bytes: int = DEFAULT_CACHE_BYTES) -> None:
        self.cache = ImageCache(cache_bytes)
        self._local = threading.local()
        self._all_sources: list[PageSource] = []
        self._passwords: dict[Path, str] = {}
        self._lock = threading.Lock()

    def set_password(self, path: str | os.PathLike[str], password: str) -> None:
        """Remember the password of an encrypted PDF for every thread that opens it."""
        self._passwords[Path(path).resolve()] = password

    def source(self, path: str | os.PathLike[str]) -> PageSource:
        """This thread's open source for ``path`` (opened on first use)."""
        resolved = Path(path).resolve()
        sources: dict[Path, PageSource] = getattr(self._local, "sources", None) or {}
        self._local.sources = sources
        source = sources.get(resolved)
        if source is None:
            source = open_pages(resolved, self._passwords.get(resolved))
            sources[resolved] = source
            with self._lock:
                self._all_sources.append(source)
        return source

    def render(
        self, path: str | os.PathLike[str], page: int, dpi: float, rotation: int = 0
    ) -> Image.Image:
        source = self.source(path)
        key = RenderKey(source.source_id, page, round(float(dpi), 2), rotation % 360)
        image = self.cache.get(key)
        if image is None:
            image = source.render(page, key.dpi, key.rotation)
            self.cache.put(key, image)
        return image

    def render_zoom(
        self, path: str | os.PathLike[str], page: int, zoom: float, rotation: int = 0
    ) -> Image.Image:
        """Zoom 1.0 is the page at its printed size on a 96-dpi screen."""
        return self.render(path, page, 96.0 * zoom, rotation)

    def thumbnail(self, path: str | os.PathLike[str], page: int, rotation: int = 0) -> Image.Image:
        return self.render(path, page, THUMBNAIL_DPI, rotation)

    def close(self) -> None:
        """Close every document any thread opened; call once no thread renders any more."""
        with self._lock:
            sources, self._all_sources = self._all_sources, []
        for source in sources:
            source.close()
        self._local = threading.local()
        self.cache.clear()

    def __enter__(self) -> PageRenderer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
