"""Page layout in millimetres: what a printed form page holds, before it is scanned.

A document is laid out by a :class:`Builder` that flows text down A4 pages with GB/T 9704
margins (top 37 mm, left 28 mm) and starts a new page when one is full. Pages are plain
lists of drawing operations, so the ground truth (which page holds which fact, where the
seal sits over the date) is known exactly before a pixel is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from benchmarks.foreign.fonts import font

WIDTH, HEIGHT = 210.0, 297.0
LEFT, RIGHT, TOP, BOTTOM = 28.0, 182.0, 30.0, 272.0
BODY = 5.6  # mm: 三号/四号 body text height
Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # top of the line
    text: str
    size: float
    role: str = "song"
    anchor: str = "l"  # l | m | r: x is the left edge, the centre or the right edge
    ink: tuple[int, int, int] = (20, 20, 22)


@dataclass(frozen=True)
class Rule:
    x0: float
    y0: float
    x1: float
    y1: float
    width: float = 0.3


@dataclass(frozen=True)
class Seal:
    cx: float
    cy: float
    r: float
    text: str


@dataclass(frozen=True)
class Photo:
    box: Box
    seed: int


@dataclass
class Page:
    ops: list[Text | Rule | Seal | Photo] = field(default_factory=list)
    blank: bool = False
    #: boxes (mm) of dates a seal was stamped over, by fact key
    sealed_dates: dict[str, Box] = field(default_factory=dict)


def text_width(text: str, size: float, role: str = "song") -> float:
    """Width in mm of ``text`` printed ``size`` mm high (measured on a 100 px face)."""
    return font(role, 100).getlength(text) / 100 * size


def wrap(text: str, width: float, size: float, indent: float = 0.0) -> list[str]:
    lines, current, limit = [], "", width - indent
    for ch in text:
        if current and text_width(current + ch, size) > limit:
            lines.append(current)
            current, limit = "", width
        current += ch
    if current:
        lines.append(current)
    return lines


class Builder:
    """Flows one document down as many pages as it needs; ``mark`` notes where a fact is."""

    def __init__(self) -> None:
        self.pages: list[Page] = [Page()]
        self.y = TOP
        self.facts: dict[str, int] = {}  # fact key -> page index within the document

    @property
    def page(self) -> Page:
        return self.pages[-1]

    def mark(self, *keys: str) -> None:
        for key in keys:
            self.facts[key] = len(self.pages) - 1

    def need(self, height: float) -> None:
        if self.y + height > BOTTOM:
            self.pages.append(Page())
            self.y = TOP

    def add(self, op: Text | Rule | Seal | Photo) -> None:
        self.page.ops.append(op)

    def space(self, mm: float) -> None:
        self.y += mm

    def title(self, text: str, size: float = 8.0, *, spaced: bool = False) -> None:
        shown = " ".join(text) if spaced and len(text) <= 6 else text
        self.need(size + 4)
        self.add(Text(WIDTH / 2, self.y, shown, size, "hei", "m"))
        self.y += size + 5

    def line(self, text: str, *, size: float = BODY, anchor: str = "l", role: str = "song") -> None:
        self.need(size * 1.7)
        x = {"l": LEFT, "m": WIDTH / 2, "r": RIGHT}[anchor]
        self.add(Text(x, self.y, text, size, role, anchor))
        self.y += size * 1.7

    def para(self, text: str, *, size: float = BODY, indent: bool = True) -> None:
        first = 2 * size if indent else 0.0
        for n, part in enumerate(wrap(text, RIGHT - LEFT, size, first)):
            self.need(size * 1.75)
            self.add(Text(LEFT + (first if n == 0 else 0), self.y, part, size))
            self.y += size * 1.75

    def table(self, rows: list[list[str]], widths: list[float], *, size: float = 4.6) -> None:
        """A ruled table; a row's height follows its longest wrapped cell."""
        x_edges = [LEFT]
        for w in widths:
            x_edges.append(x_edges[-1] + w)
        for row in rows:
            cells = [wrap(c, w - 3, size) or [""] for c, w in zip(row, widths, strict=True)]
            height = max(len(c) for c in cells) * size * 1.5 + 3.5
            self.need(height)
            top = self.y
            self.add(Rule(x_edges[0], top, x_edges[-1], top))
            for x, cell in zip(x_edges, cells, strict=False):
                for n, part in enumerate(cell):
                    self.add(Text(x + 1.5, top + 2 + n * size * 1.5, part, size))
            for x in x_edges:
                self.add(Rule(x, top, x, top + height))
            self.add(Rule(x_edges[0], top + height, x_edges[-1], top + height))
            self.y = top + height

    def form(self, rows: list[tuple[str, str]], label_width: float = 36.0) -> None:
        """A two-column label | value form (立案审批表 and its kin)."""
        self.table([[a, b] for a, b in rows], [label_width, RIGHT - LEFT - label_width])

    def signature(
        self, organ: str, when: str, key: str | None, *, seal: bool, heavy: bool, seed: int
    ) -> None:
        """The organ's name and the date at the right; the seal stamped over both (下套日期)."""
        self.need(40)
        self.y += 8
        size = BODY
        right = RIGHT - 8
        self.add(Text(right, self.y, organ, size, "song", "r"))
        date_top = self.y + size * 1.9
        self.add(Text(right, date_top, when, size, "song", "r"))
        width = text_width(when, size)
        box = (right - width, date_top, right, date_top + size * 1.2)
        if key:
            self.mark(key)
        if seal:
            r = 21.0
            # GB/T 9704: the seal's lower edge covers the date; heavy stamps sit right on it.
            cx = right - width / 2 + ((seed % 7) - 3) * 1.2
            cy = date_top - (2 if heavy else 9) + (seed % 3)
            self.add(Seal(cx, cy, r, organ))
            if key:
                self.page.sealed_dates[key] = box
        self.y = date_top + size * 2.5

    def photo(self, height: float, seed: int, caption: list[str]) -> None:
        self.need(height + 6 + 8 * len(caption))
        self.add(Photo((LEFT + 10, self.y, RIGHT - 10, self.y + height), seed))
        self.y += height + 4
        for text in caption:
            self.line(text, size=4.4)
