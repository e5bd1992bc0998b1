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
