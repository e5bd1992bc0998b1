"""The content of a synthetic document as a flow of blocks, before pagination.

Document builders say *what* a form holds (title, paragraphs, ruled tables, signatures);
layout.py decides where it lands on A4 pages. Keeping the two apart lets the ground truth
(page ranges) be computed without rasterising anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Text:
    """A paragraph, wrapped to the content width; ``indent`` is in characters."""

    text: str
    style: str = "body"
    align: str = "left"  # left | center | right
    indent: int = 0
    space_before: int = 0
    space_after: int = 0


@dataclass(frozen=True)
class Cell:
    text: str = ""
    span: int = 1
    align: str = "left"  # left | center
    style: str = "table"
    min_lines: int = 1
    sign: str = ""  # a signature + date line written at the cell's bottom right


@dataclass(frozen=True)
class Table:
    """A ruled table; ``widths`` are fractions of the content width, cells may span columns."""

    widths: tuple[float, ...]
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True)
class Signature:
    """Organ name and date at the lower right, with the organ's red seal over them."""

    organ: str
    date_text: str
    seal: bool = True


@dataclass(frozen=True)
class Photo:
    """A photocopied photograph (evidence), drawn as a grey picture with a caption."""

    caption: str
    height: int = 700


@dataclass(frozen=True)
class Spacer:
    height: int


Block = Text | Table | Signature | Photo | Spacer


@dataclass
class Document:
    """One document of a dossier; it always starts on a new page."""

    type: str  # id from resources/document_types.yaml
    title: str  # as printed
    role: str  # unique within the dossier (two 送达回证 differ by role)
    blocks: Sequence[Block] = field(default_factory=list)
    organ_line: str = ""  # organ name printed above the title on outgoing documents
    footer: str = ""  # per-page footer template, {n} and {total} are the document's pages
    numbered: bool = True  # takes a 页码 (cover, catalogue and 备考表 do not)
    day: date | None = None  # the document's date (listed in the 卷内目录)
    doc_no: str = ""  # 文号 listed in the 卷内目录
    min_pages: int = 1  # pad with a continuation when content is shorter (never used to cut)


def cells(*texts: str, align: str = "left") -> tuple[Cell, ...]:
    """A table row of one-column cells."""
    return tuple(Cell(t, align=align) for t in texts)
