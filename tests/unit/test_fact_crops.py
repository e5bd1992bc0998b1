"""The crop of the region a fact was read from, rendered from a real PDF (PyMuPDF)."""

from __future__ import annotations

from pathlib import Path

import pymupdf

from app.casefiles.fact_crops import CROP_DPI, MARGIN, WHOLE_PAGE_DPI, region_crops


def test_a_region_is_cropped_with_a_margin_and_a_missing_page_is_none(tmp_path: Path) -> None:
    path = tmp_path / "卷.pdf"
    doc = pymupdf.open()
    doc.new_page(width=595, height=842)
    doc.save(path)
    doc.close()
    crop, page, missing, edge = region_crops(
        path, [(1, [100, 100, 300, 140]), (1, None), (2, [0, 0, 10, 10]), (1, [580, 830, 600, 850])]
    )
    assert crop is not None and page is not None and edge is not None and missing is None
    scale = CROP_DPI / 72
    assert abs(crop.width - (200 + 2 * MARGIN) * scale) <= 2
    assert abs(crop.height - (40 + 2 * MARGIN) * scale) <= 2
    assert abs(page.width - 595 * WHOLE_PAGE_DPI / 72) <= 2  # no region: the whole page
    # A region at the page's edge is clipped to the page, not padded beyond it.
    assert abs(edge.width - (595 - 568) * scale) <= 2


def test_a_crop_stands_as_its_page_stands_upright(tmp_path: Path) -> None:
    """A page scanned upside down (or turned by the reviewer) gives its crops turned: the
    region's top-left pixel is dark ink on the scan, so turned by 180° it is the crop's
    bottom-right one."""
    path = tmp_path / "卷.pdf"
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.draw_rect(pymupdf.Rect(100, 100, 150, 120), color=(0, 0, 0), fill=(0, 0, 0))
    doc.save(path)
    doc.close()
    region = [100, 100, 300, 140]
    plain, turned, sideways = (
        region_crops(path, [(1, region)], rotations)[0] for rotations in ({}, {1: 180}, {1: 90})
    )
    assert plain is not None and turned is not None and sideways is not None
    inside = int(MARGIN * CROP_DPI / 72) + 3  # a few pixels into the region
    assert plain.convert("L").getpixel((inside, inside)) < 60
    assert turned.convert("L").getpixel((turned.width - inside, turned.height - inside)) < 60
    assert turned.convert("L").getpixel((inside, inside)) > 200
    assert (sideways.width, sideways.height) == (plain.height, plain.width)
