"""The crop of the page region a fact was read from, for the reviewer who confirms it.

Why: a date under a seal is confirmed by looking at it, not at the machine's guess; the
confirm dialog shows each candidate reading beside the picture of the place it came from.
Regions are PDF points of the unrotated page (as ``case_fields.region`` stores them); a
crop is turned as its page stands upright (a page scanned upside down, or turned by the
reviewer), so the characters read the right way up; a reading with no region shows its
whole page, small. Plain PIL out, no Qt: the window turns
it into a pixmap after rendering off the GUI thread.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

from PIL import Image

from app.casefiles.page_source import open_pages

__all__ = ["CROP_DPI", "region_crops"]

CROP_DPI = 150.0  # sharp enough to read a date under a seal, small enough for a dialog
WHOLE_PAGE_DPI = 40.0
MARGIN = 12.0  # points around the region, so the reviewer sees the characters' context

Region = Sequence[float]


def _clip(region: Region, size: tuple[float, float]) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (float(v) for v in region)
    width, height = size
    return (
        max(0.0, min(x0, x1) - MARGIN),
        max(0.0, min(y0, y1) - MARGIN),
        min(width, max(x0, x1) + MARGIN),
        min(height, max(y0, y1) + MARGIN),
    )


def region_crops(
    path: str | os.PathLike[str],
    wanted: Sequence[tuple[int, Region | None]],
    rotations: Mapping[int, int] | None = None,
) -> list[Image.Image | None]:
    """One image per (1-based page, region) of ``wanted``: the region's crop, the whole
    page when the region is unknown, None for a page the file does not have; each turned
    by its page's entry in ``rotations`` (1-based page → clockwise degrees)."""
    rotations = rotations or {}
    out: list[Image.Image | None] = []
    with open_pages(path) as source:
        for page, region in wanted:
            index = page - 1
            if not 0 <= index < source.count:
                out.append(None)
                continue
            turn = rotations.get(page, 0) % 360
            if region is None or len(region) != 4:
                out.append(source.render(index, WHOLE_PAGE_DPI, turn))
                continue
            clip = _clip(region, source.page_size(index))
            if clip[2] <= clip[0] or clip[3] <= clip[1]:
                out.append(source.render(index, WHOLE_PAGE_DPI, turn))
                continue
            out.append(source.render(index, CROP_DPI, turn, clip))
    return out
