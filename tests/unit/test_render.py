"""The renderer: cache hits and misses, bounded memory, thumbnails, one document per thread."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from app.casefiles.render import ImageCache, PageRenderer, RenderKey
from tests.unit.test_page_source_scans import SAMPLE_LINES, scan_pdf


@pytest.fixture
def dossier(tmp_path: Path) -> Path:
    return scan_pdf(tmp_path / "卷宗.pdf", [SAMPLE_LINES, ["送达回证"], ["询问笔录"]], dpi=100)


def _same(a: Image.Image, b: Image.Image) -> bool:
    return a.size == b.size and ImageChops.difference(a, b).getbbox() is None


def test_second_render_is_a_cache_hit(dossier: Path) -> None:
    with PageRenderer() as renderer:
        first = renderer.render(dossier, 0, 100)
        assert (renderer.cache.stats.hits, renderer.cache.stats.misses) == (0, 1)
        again = renderer.render(dossier, 0, 100)
        assert again is first
        assert renderer.cache.stats.hits == 1
        # Another dpi, rotation or page is another image.
        renderer.render(dossier, 0, 150)
        turned = renderer.render(dossier, 0, 100, rotation=90)
        renderer.render(dossier, 1, 100)
        assert renderer.cache.stats.misses == 4
        assert turned.size == first.size[::-1]


def test_thumbnail_is_about_twenty_dpi(dossier: Path) -> None:
    with PageRenderer() as renderer:
        thumb = renderer.thumbnail(dossier, 2)
        assert thumb.size == pytest.approx((165, 234), abs=1)


def test_cache_stays_within_its_byte_bound() -> None:
    cache = ImageCache(max_bytes=3 * 100 * 100 * 3)
    for page in range(5):
        cache.put(RenderKey("s", page, 100.0, 0), Image.new("RGB", (100, 100)))
    assert len(cache) == 3
    assert cache.total_bytes <= cache.max_bytes
    assert cache.get(RenderKey("s", 0, 100.0, 0)) is None  # oldest evicted
    assert cache.get(RenderKey("s", 4, 100.0, 0)) is not None


def test_threads_render_with_their_own_documents(dossier: Path) -> None:
    with PageRenderer(cache_bytes=0) as reference:
        expected = [reference.render(dossier, page, 60) for page in range(3)]
    opened_by: dict[int, int] = {}

    with PageRenderer(cache_bytes=0) as renderer:  # no cache: every call really renders

        def work(page: int) -> Image.Image:
            source = renderer.source(dossier)
            opened_by[threading.get_ident()] = id(source)
            return renderer.render(dossier, page, 60)

        with ThreadPoolExecutor(max_workers=3) as pool:
            results = list(pool.map(work, [0, 1, 2] * 4))
        assert len(set(opened_by.values())) == len(opened_by)  # one document per thread
        assert all(_same(img, expected[i % 3]) for i, img in enumerate(results))
