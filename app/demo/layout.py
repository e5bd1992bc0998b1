"""Pagination of documents onto A4 pages at 200 dpi, as drawing operations.

The operations are pure data (text at x/y with a style, ruled lines, seals, photos), so a
dossier's page count and document ranges are known cheaply and identically every time;
scan.py turns the same operations into raster images.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from app.demo.flow import Cell, Document, Photo, Signature, Spacer, Table, Text
from app.demo.fonts import font

DPI = 200
PAGE_W, PAGE_H = 1654, 2339  # A4 at 200 dpi
LEFT, RIGHT, TOP, BOTTOM = 215, PAGE_W - 190, 190, PAGE_H - 250
CONTENT_W = RIGHT - LEFT

# style -> (font role, size px, line height px); 14 pt body = 39 px at 200 dpi.
STYLES: dict[str, tuple[str, int, int]] = {
    "title": ("serif_bold", 60, 96),
    "organ": ("serif_bold", 46, 72),
    "caseno": ("serif", 36, 60),
    "body": ("serif", 38, 64),
    "table": ("serif", 34, 50),
    "small": ("serif", 29, 44),
    "hand": ("hand", 38, 60),
    "pageno": ("sans", 34, 40),
}
_NO_LINE_START = set("，。、；：？！）》」』”’%")
CELL_PAD = 14


@dataclass(frozen=True)
class TextOp:
    x: int
    y: int  # top of the line box
    text: str
    style: str


@dataclass(frozen=True)
class BoxOp:
    """Something drawn from the corner (x0, y0) to the corner (x1, y1)."""

    x0: int
    y0: int
    x1: int
    y1: int

    @property
    def box(self) -> tuple[int, int, int, int]:
        return (self.x0, self.y0, self.x1, self.y1)


@dataclass(frozen=True)
class LineOp(BoxOp):
    """A ruled line from one corner to the other."""

    width: int = 3


@dataclass(frozen=True)
class PhotoOp(BoxOp):
    """A photo filling the box, framed."""


@dataclass(frozen=True)
class SealOp:
    cx: int
    cy: int
    organ: str


Op = TextOp | LineOp | SealOp | PhotoOp


@dataclass
class LaidPage:
    doc_index: int
    ops: list[Op] = field(default_factory=list)
    printed_no: int | None = None


@cache
def _advance(style: str, ch: str) -> float:
    role, size, _ = STYLES[style]
    return font(role, size).getlength(ch)


def text_width(text: str, style: str) -> float:
    """Sum of character advances: exact for CJK, close enough for digits (no kerning)."""
    return sum(_advance(style, ch) for ch in text)


def wrap(text: str, style: str, width: float, indent: int = 0) -> list[str]:
    """Break Chinese text at any character, keeping closing punctuation off line starts."""
    lines: list[str] = []
    for para in text.split("\n"):
        current = "\u3000" * indent
        used = text_width(current, style)
        for ch in para:
            advance = _advance(style, ch)
            if used + advance > width and current.strip() and ch not in _NO_LINE_START:
                lines.append(current)
                current, used = "", 0.0
            current += ch
            used += advance
        lines.append(current)
    return lines


class _Pager:
    """Cursor over the pages of one document."""

    def __init__(self, doc_index: int) -> None:
        self.doc_index = doc_index
        self.pages: list[LaidPage] = []
        self.y = TOP
        self.new_page()

    def new_page(self) -> None:
        self.pages.append(LaidPage(self.doc_index))
        self.y = TOP

    @property
    def ops(self) -> list[Op]:
        return self.pages[-1].ops

    def ensure(self, height: int) -> None:
        if self.y + height > BOTTOM and self.y > TOP:
            self.new_page()


def _place_line(line: str, style: str, align: str, y: int) -> TextOp:
    width = text_width(line, style)
    if align == "center":
        x = LEFT + (CONTENT_W - width) / 2
    elif align == "right":
        x = RIGHT - width
    else:
        x = LEFT
    return TextOp(round(x), y, line, style)


def _lay_text(pager: _Pager, block: Text) -> None:
    line_h = STYLES[block.style][2]
    pager.y += block.space_before
    for line in wrap(block.text, block.style, CONTENT_W, block.indent):
        pager.ensure(line_h)
        pager.ops.append(_place_line(line, block.style, block.align, pager.y))
        pager.y += line_h
    pager.y += block.space_after


def _cell_lines(cell: Cell, width: float) -> list[str]:
    lines = wrap(cell.text, cell.style, width - 2 * CELL_PAD) if cell.text else []
    while len(lines) < cell.min_lines:
        lines.append("")
    if cell.sign:
        lines.append("")
    return lines


def _lay_row(pager: _Pager, row: tuple[Cell, ...], widths: tuple[float, ...]) -> None:
    xs: list[float] = [LEFT]
    col = 0
    spans: list[tuple[Cell, int, int]] = []
    for cell in row:
        w = sum(widths[col : col + cell.span]) * CONTENT_W
        spans.append((cell, round(xs[-1]), round(xs[-1] + w)))
        xs.append(xs[-1] + w)
        col += cell.span
    laid = [(_cell_lines(c, x1 - x0), c, x0, x1) for c, x0, x1 in spans]
    height = max(len(lines) * STYLES[c.style][2] for lines, c, _, _ in laid) + 2 * CELL_PAD
    if pager.y + height > BOTTOM:
        pager.new_page()
    if not pager.ops or not isinstance(pager.ops[-1], LineOp) or pager.y == TOP:
        pager.ops.append(LineOp(LEFT, pager.y, RIGHT, pager.y))
    y0 = pager.y
    for lines, cell, x0, x1 in laid:
        line_h = STYLES[cell.style][2]
        top = y0 + CELL_PAD
        if cell.align == "center":
            top = y0 + (height - len(lines) * line_h) // 2
        for i, line in enumerate(lines):
            if not line:
                continue
            width = text_width(line, cell.style)
            x = x0 + CELL_PAD if cell.align == "left" else x0 + (x1 - x0 - width) / 2
            pager.ops.append(TextOp(round(x), top + i * line_h, line, cell.style))
        if cell.sign:
            sw = text_width(cell.sign, "hand")
            pager.ops.append(
                TextOp(round(x1 - CELL_PAD - sw - 20), y0 + height - 72, cell.sign, "hand")
            )
        pager.ops.append(LineOp(x1, y0, x1, y0 + height))
    pager.ops.append(LineOp(LEFT, y0, LEFT, y0 + height))
    pager.ops.append(LineOp(LEFT, y0 + height, RIGHT, y0 + height))
    pager.y = y0 + height


def _lay_signature(pager: _Pager, block: Signature) -> None:
    line_h = STYLES["body"][2]
    pager.ensure(line_h * 4)
    pager.y += line_h
    organ_w = text_width(block.organ, "body")
    date_w = text_width(block.date_text, "body")
    right = RIGHT - 60
    centre = right - max(organ_w, date_w) / 2
    pager.ops.append(TextOp(round(centre - organ_w / 2), pager.y, block.organ, "body"))
    pager.ops.append(TextOp(round(centre - date_w / 2), pager.y + line_h, block.date_text, "body"))
    if block.seal:
        pager.ops.append(SealOp(round(centre), pager.y + line_h // 2 + 10, block.organ))
    pager.y += line_h * 3


def lay_document(doc: Document, doc_index: int) -> list[LaidPage]:
    """Paginate one document; every page carries the title only on the first one."""
    pager = _Pager(doc_index)
    if doc.organ_line:
        _lay_text(pager, Text(doc.organ_line, "organ", "center"))
    _lay_text(pager, Text(doc.title, "title", "center", space_after=16))
    for block in doc.blocks:
        if isinstance(block, Text):
            _lay_text(pager, block)
        elif isinstance(block, Table):
            for row in block.rows:
                _lay_row(pager, row, block.widths)
        elif isinstance(block, Signature):
            _lay_signature(pager, block)
        elif isinstance(block, Photo):
            pager.ensure(block.height + 80)
            pager.ops.append(PhotoOp(LEFT + 80, pager.y, RIGHT - 80, pager.y + block.height))
            pager.y += block.height + 16
            _lay_text(pager, Text(block.caption, "small", "center", space_after=30))
        elif isinstance(block, Spacer):
            pager.y += block.height
    while len(pager.pages) < doc.min_pages:
        pager.new_page()
        _lay_text(pager, Text("（以下空白）", "body", "center"))
    if doc.footer:
        total = len(pager.pages)
        for n, page in enumerate(pager.pages, start=1):
            footer = doc.footer.format(n=n, total=total)
            page.ops.append(_place_line(footer, "small", "right", BOTTOM + 40))
    return pager.pages


def page_number_op(number: int) -> TextOp:
    """The archivist's 页码, stamped at the lower right."""
    label = str(number)
    width = text_width(label, "pageno")
    return TextOp(round(RIGHT + 40 - width), PAGE_H - 150, label, "pageno")
