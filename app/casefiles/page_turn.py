"""Pages scanned upside down or sideways: read them turned, keep them where they are.

A dossier fed into the scanner the wrong way round gives a page whose OCR is noise (the
engine's per-line direction classifier is off: it doubles the recognition cost of every
page to help a few). Such a page would be swallowed by the document before it and its
facts lost, so a page that reads poorly is read again turned by 180°, and the turn is kept
when it reads clearly (``ocr.page_text``). A page scanned sideways (a landscape form, or a
sheet fed in across) is read line by line as clearly as an upright one — the recogniser
turns tall line boxes itself — but its lines stand on end, so titles, columns and the
落款 are nowhere the readers look: a page whose text runs mostly in tall boxes is read
again a quarter turn either way, and the turn whose lines lie flat is kept.

One rule for the coordinates: what is stored stays in the scan's own page points (the
viewer draws highlights and crops on the scan, turned by the page's rotation as a
reviewer's turn is), and what reads the text — split, facts, pre-checks — sees the page
upright. The stored lines carry the turn (``"turn"`` in each record), so the reader turns
their boxes on the way in (``upright_lines``) and a fact's region goes back with
``scan_rect``. Rotations are clockwise, as PDF's /Rotate and ``PageSource.render``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING, Any

from app.casefiles.page_source import PageSource, TextWord

if TYPE_CHECKING:
    from PIL import Image

    from app.casefiles.ocr import Line

TURNS = (180,)  # the turns tried on a page that reads poorly (any multiple of 90 works below)
QUARTER_TURNS = (90, 270)  # tried on a page on its side

Point = tuple[float, float]
Size = tuple[float, float]
Rect = tuple[float, float, float, float]


def upright_size(size: Size, turn: int) -> Size:
    """The page's size once turned."""
    return (size[1], size[0]) if turn % 180 else size


def to_upright(point: Point, size: Size, turn: int) -> Point:
    """A point of the scan (``size`` its page) on the page turned ``turn`` degrees clockwise."""
    x, y = point
    w, h = size
    return {0: (x, y), 90: (h - y, x), 180: (w - x, h - y), 270: (y, w - x)}[turn % 360]


def to_scan(point: Point, size: Size, turn: int) -> Point:
    """A point of the turned page back on the scan (the inverse of ``to_upright``)."""
    u, v = point
    w, h = size
    return {0: (u, v), 90: (v, h - u), 180: (w - u, h - v), 270: (w - v, u)}[turn % 360]


def _quad(points: list[Point]) -> tuple[Point, Point, Point, Point]:
    """Corners clockwise from the top-left one (turning keeps the order, not the start)."""
    start = min(range(4), key=lambda i: (points[i][0] + points[i][1], points[i][1]))
    p = points[start:] + points[:start]
    return (p[0], p[1], p[2], p[3])


def _rect(points: Sequence[Point]) -> Rect:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def scan_rect(rect: Rect, size: Size, turn: int) -> Rect:
    """A rectangle of the turned page (a fact's region) on the scan."""
    x0, y0, x1, y1 = rect
    return _rect([to_scan(p, size, turn) for p in ((x0, y0), (x1, y1))])


def upright_rect(rect: Rect, size: Size, turn: int) -> Rect:
    x0, y0, x1, y1 = rect
    return _rect([to_upright(p, size, turn) for p in ((x0, y0), (x1, y1))])


def lines_to_scan(lines: Sequence[Line], size: Size, turn: int) -> list[Line]:
    """OCR lines of the turned page, their boxes put back on the scan (order kept)."""
    return [replace(ln, box=_quad([to_scan(p, size, turn) for p in ln.box])) for ln in lines]


def upright_box(box: Any, size: Size, turn: int) -> Any:
    """A stored box (four corners, or x0, y0, x1, y1) on the turned page."""
    if turn % 360 == 0:
        return box
    if len(box) == 4 and all(isinstance(v, (int, float)) for v in box):
        return upright_rect(tuple(box), size, turn)
    return _quad([to_upright((float(p[0]), float(p[1])), size, turn) for p in box])


# ---------------------------------------------------------------- which way up


@cache
def turn_config() -> dict[str, float]:
    from app.casefiles.splitting import extraction_config  # splitting imports ocr

    return {k: float(v) for k, v in extraction_config().get("page_turn", {}).items()}


def clear_chars(lines: Sequence[Line]) -> int:
    """Characters on lines the recogniser is sure of: a page read the right way up has
    most of its characters there, a turned page almost none."""
    floor = turn_config().get("clear_score", 0.8)
    return sum(len(ln.text) for ln in lines if ln.score >= floor)


def reads_poorly(lines: Sequence[Line], image: Image.Image) -> bool:
    """Worth reading turned: enough text read, too little of it clearly; or next to no text
    on a page with ink on it (a sparse page upside down, such as a decision's last page
    with its 落款, reads as two characters)."""
    conf = turn_config()
    total = sum(len(ln.text) for ln in lines)
    if total < conf.get("min_chars", 12):
        return ink_share(image) >= conf.get("min_ink", 0.003)
    return clear_chars(lines) < conf.get("max_clear_share", 0.5) * total


def ink_share(image: Image.Image) -> float:
    """The share of the page's pixels dark enough to be ink (0 on a blank page)."""
    import numpy as np

    grey = np.asarray(image.convert("L").reduce(2))
    return float((grey < 128).mean()) if grey.size else 0.0


def _tall_chars(lines: Sequence[Line]) -> int:
    return sum(len(ln.text) for ln in lines if _height(ln) > 1.5 * _width(ln))


def _height(line: Line) -> float:
    return line.rect[3] - line.rect[1]


def _width(line: Line) -> float:
    return line.rect[2] - line.rect[0]


def runs_sideways(lines: Sequence[Line]) -> bool:
    """Most of the text in boxes standing on end: a page on its side (measured: 90–100 % of
    a sideways page's characters, 0–5 % of an upright one's, the 目录's upright column
    headings included)."""
    conf = turn_config()
    total = sum(len(ln.text) for ln in lines)
    if total < conf.get("min_chars", 12):
        return False
    return _tall_chars(lines) >= conf.get("sideways_share", 0.6) * total


def reads_upright(turned: Sequence[Line], plain: Sequence[Line]) -> bool:
    """A quarter turn of a sideways page that lies flat and reads about as clearly."""
    conf = turn_config()
    gain = clear_chars(turned)
    return (
        not runs_sideways(turned)
        and gain >= conf.get("min_chars", 12)
        and gain >= conf.get("keep_share", 0.8) * clear_chars(plain)
    )


def reads_better(turned: Sequence[Line], plain: Sequence[Line]) -> bool:
    """The turned reading wins by a margin (noise read either way stays as read)."""
    conf = turn_config()
    gain = clear_chars(turned)
    return gain >= conf.get("min_chars", 12) and gain >= conf.get("min_gain", 2.0) * max(
        clear_chars(plain), 1
    )


class TurnedSource(PageSource):
    """A page source seen turned: sizes, clips and renders in the turned page's points, so
    the seal re-reading works on a turned page as on any other."""

    def __init__(self, source: PageSource, turn: int) -> None:
        self.source = source
        self.turn = turn % 360
        self.path = source.path
        self.source_id = f"{source.source_id}|turned {self.turn}"

    @property
    def count(self) -> int:
        return self.source.count

    def page_size(self, index: int) -> tuple[float, float]:
        return upright_size(self.source.page_size(index), self.turn)

    def has_text_layer(self, index: int) -> bool:
        return self.source.has_text_layer(index)

    def text_layer(self, index: int) -> str:
        return self.source.text_layer(index)

    def text_words(self, index: int) -> list[TextWord]:
        return self.source.text_words(index)

    def render(
        self, index: int, dpi: float, rotation: int = 0, clip: Rect | None = None
    ) -> Image.Image:
        scan_clip = None
        if clip is not None:
            scan_clip = scan_rect(clip, self.source.page_size(index), self.turn)
        return self.source.render(index, dpi, (self.turn + rotation) % 360, scan_clip)
