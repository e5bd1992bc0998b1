"""Page geometry of the viewer without Qt: sizes, layout, fit scales and point mapping.

Everything the view needs to place pages is known from ``PageInfo`` (size in PDF points and
the reviewer's rotation), so all pages are laid out before a single one is rendered. Kept
free of Qt so the arithmetic is tested in microseconds and the widget stays thin.

Units: *points* are PDF points (1/72 inch) of the page as its source shows it (before the
reviewer's rotation); *pixels* are scene pixels, ``points * scale``. Zoom 100 % is the page
at its printed size on a 96-dpi screen, so ``scale = zoom * 96 / 72``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

A4_POINTS = (595.28, 841.89)  # used for a page whose size the import could not read
MARGIN = 12.0  # pixels around the pages
SPACING = 10.0  # pixels between pages
SCREEN_DPI = 96.0
ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)
MIN_ZOOM, MAX_ZOOM = ZOOM_STEPS[0], ZOOM_STEPS[-1]

Rect = tuple[float, float, float, float]  # x, y, width, height
Point = tuple[float, float]


def scale_for_zoom(zoom: float) -> float:
    return zoom * SCREEN_DPI / 72.0


def zoom_for_scale(scale: float) -> float:
    return scale * 72.0 / SCREEN_DPI


def clamp_zoom(zoom: float) -> float:
    return max(MIN_ZOOM, min(MAX_ZOOM, zoom))


def next_zoom(zoom: float, direction: int) -> float:
    """The next step of the zoom ladder up (+1) or down (-1) from any zoom."""
    if direction > 0:
        return next((z for z in ZOOM_STEPS if z > zoom + 1e-6), MAX_ZOOM)
    return next((z for z in reversed(ZOOM_STEPS) if z < zoom - 1e-6), MIN_ZOOM)


def page_points(width: float | None, height: float | None) -> Point:
    if not width or not height or width <= 0 or height <= 0:
        return A4_POINTS
    return (float(width), float(height))


def displayed_points(size: Point, rotation: int) -> Point:
    """The page's size in points once the reviewer's rotation is applied."""
    w, h = size
    return (h, w) if rotation % 180 else (w, h)


def layout_continuous(sizes: Sequence[Point], scale: float) -> list[Rect]:
    """Pages one under the other, centred on the widest; ``sizes`` are displayed points."""
    widest = max((w for w, _ in sizes), default=0.0) * scale
    rects: list[Rect] = []
    y = MARGIN
    for w, h in sizes:
        pw, ph = w * scale, h * scale
        rects.append((MARGIN + (widest - pw) / 2, y, pw, ph))
        y += ph + SPACING
    return rects


def scene_size(rects: Sequence[Rect]) -> Point:
    if not rects:
        return (2 * MARGIN, 2 * MARGIN)
    right = max(x + w for x, _, w, _ in rects)
    bottom = max(y + h for _, y, _, h in rects)
    return (right + MARGIN, bottom + MARGIN)


def typical_width(sizes: Sequence[Point]) -> float:
    """The median page width: one page turned to landscape must not shrink all the others."""
    widths = sorted(w for w, _ in sizes)
    return widths[len(widths) // 2] if widths else A4_POINTS[0]


def fit_width_scale(sizes: Sequence[Point], viewport_width: float) -> float:
    return max(0.05, (viewport_width - 2 * MARGIN) / typical_width(sizes))


def fit_page_scale(sizes: Sequence[Point], viewport_width: float, viewport_height: float) -> float:
    widest = max((w for w, _ in sizes), default=A4_POINTS[0])
    tallest = max((h for _, h in sizes), default=A4_POINTS[1])
    return max(
        0.05,
        min((viewport_width - 2 * MARGIN) / widest, (viewport_height - 2 * MARGIN) / tallest),
    )


def pages_in_band(rects: Sequence[Rect], top: float, bottom: float) -> list[int]:
    """0-based positions of the rects that meet the vertical band [top, bottom)."""
    return [i for i, (_, y, _, h) in enumerate(rects) if y < bottom and y + h > top]


def to_displayed(point: Point, size: Point, rotation: int) -> Point:
    """A point of the source page → the same point on the page turned clockwise."""
    x, y = point
    w, h = size
    r = rotation % 360
    if r == 90:
        return (h - y, x)
    if r == 180:
        return (w - x, h - y)
    if r == 270:
        return (y, w - x)
    return (x, y)


def from_displayed(point: Point, size: Point, rotation: int) -> Point:
    """Inverse of :func:`to_displayed`."""
    x, y = point
    w, h = size
    r = rotation % 360
    if r == 90:
        return (y, h - x)
    if r == 180:
        return (w - x, h - y)
    if r == 270:
        return (w - y, x)
    return (x, y)


@dataclass(frozen=True)
class Box:
    """An axis-aligned box in source-page points."""

    x0: float
    y0: float
    x1: float
    y1: float

    @classmethod
    def from_points(cls, points: Sequence[Sequence[float]]) -> Box:
        xs = [float(p[0]) for p in points]
        ys = [float(p[1]) for p in points]
        return cls(min(xs), min(ys), max(xs), max(ys))

    @property
    def centre(self) -> Point:
        return ((self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2)

    def intersects(self, other: Box) -> bool:
        return (
            self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1
        )


def selected_line_indexes(line_boxes: Sequence[Box], band: Box) -> list[int]:
    """Lines a drag-selection takes: those whose box overlaps the band by half its height.

    Half the height, not any overlap, so a band drawn under one line does not pick the line
    above it that it grazes."""
    chosen = []
    for i, box in enumerate(line_boxes):
        overlap_y = min(box.y1, band.y1) - max(box.y0, band.y0)
        overlap_x = min(box.x1, band.x1) - max(box.x0, band.x0)
        if overlap_x > 0 and overlap_y >= 0.5 * (box.y1 - box.y0):
            chosen.append(i)
    return chosen
