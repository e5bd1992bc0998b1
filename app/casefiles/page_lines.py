"""A page as the readers of a dossier see it: OCR lines with boxes, and the page's size.

Shared by the splitter, the 卷内目录 reader and the fact extractor, which all work on plain
lines (from the OCR cache, a text layer or a test) and never on images or the database.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from app.casefiles.cn_dates import find_dates
from app.casefiles.page_turn import upright_box, upright_size
from app.casefiles.seal_ink import Reread
from app.paths import read_yaml, resources_dir

A4_POINTS = (595.3, 841.9)


class LineLike(Protocol):
    """An OCR line: ``box`` is four corner points (or x0, y0, x1, y1), in page units."""

    @property
    def text(self) -> str: ...

    @property
    def box(self) -> Any: ...


@dataclass(frozen=True)
class TextLine:
    """A plain OCR line, for callers (and fixtures) without ``app.casefiles.ocr``."""

    text: str
    box: tuple[tuple[float, float], ...] | tuple[float, float, float, float]
    score: float = 1.0
    reread: Reread | None = None  # the line read again without seal ink (seal_ink.py)


def line_from_record(record: dict[str, Any]) -> TextLine:
    """A line as stored in ``pages.ocr_boxes`` (or a cached OCR record)."""
    return TextLine(
        record["text"],
        tuple(tuple(p) for p in record["box"]),
        record.get("score", 1.0),
        Reread.from_json(record.get("reread")),
    )


@dataclass(frozen=True)
class PageInput:
    """One page: its lines in reading order and its size in the same units as the boxes.

    ``width``/``height`` None means an A4 page in PDF points (what ``ocr.py`` produces).
    ``picture_share`` is the share of the page covered by photographs when the caller knows
    it (None: not measured); the splitter reads a mostly-picture page as evidence."""

    lines: Sequence[LineLike]
    width: float | None = None
    height: float | None = None
    picture_share: float | None = None

    @property
    def size(self) -> tuple[float, float]:
        return (self.width or A4_POINTS[0], self.height or A4_POINTS[1])

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


_DROP = re.compile(r"[\s()（）〔〕\[\]【】<>《》、，,.。:：;；·'\"“”‘’_\-—]")


def normalise(text: str) -> str:
    """What a title comparison looks at: the characters, without spaces and punctuation."""
    return _DROP.sub("", text)


def similarity(heading: str, title: str) -> float:
    """Character similarity (0..1) of two normalised texts: an OCR misreading costs little."""
    return SequenceMatcher(None, heading, title, autojunk=False).ratio()


def line_rect(line: LineLike) -> tuple[float, float, float, float]:
    """x0, y0, x1, y1 of a line whose box is a quad (or already a rectangle)."""
    box = line.box
    if len(box) == 4 and not isinstance(box[0], (tuple, list)):
        x0, y0, x1, y1 = (float(v) for v in box)
        return (x0, y0, x1, y1)
    xs = [float(p[0]) for p in box]
    ys = [float(p[1]) for p in box]
    return (min(xs), min(ys), max(xs), max(ys))


def sealed_text(line: LineLike) -> str:
    """The text a date is read from in ``line``: its re-reading without the seal's ink
    (``seal_ink``) when the seal cut the plain reading's date short (二四年八月八日, 二〇二四年
    八月二十: no date found) and the re-reading holds one; else the plain text. A plain
    reading that holds a whole date stays: where the two disagree, the fact extractor's
    trust rules decide (``fact_checks``), not a page-text reader."""
    reread = getattr(line, "reread", None)
    if reread is None or find_dates(line.text) or not find_dates(reread.text):
        return line.text
    return str(reread.text)


@cache
def extraction_config(folder: Path | None = None) -> dict[str, Any]:
    """``resources/extraction.yaml`` as loaded (shared by the splitter, 目录 reader, facts)."""
    return read_yaml((folder or resources_dir()) / "extraction.yaml") or {}


def turn_of(records: Sequence[dict[str, Any]] | None) -> int:
    """The turn OCR read a stored page with (``page_turn``); 0 for a page read as scanned."""
    return int(records[0].get("turn", 0)) if records else 0


def stored_page_input(
    records: Sequence[dict[str, Any]] | None,
    width: float | None,
    height: float | None,
    picture_share: float | None = None,
) -> PageInput:
    """A stored page (``pages.ocr_boxes``, or a cached OCR record) as its readers see it:
    upright. A page OCR read turned keeps its boxes on the scan, for the viewer and the
    crops; here they are turned with it, so a title stands at the top of its page."""
    lines = [line_from_record(ln) for ln in records or []]
    turn = turn_of(records)
    if turn:
        size = (width or A4_POINTS[0], height or A4_POINTS[1])
        lines = [replace(ln, box=upright_box(ln.box, size, turn)) for ln in lines]
        width, height = upright_size(size, turn)
    return PageInput(lines, width, height, picture_share)


def pages_from_records(records: Sequence[dict[str, Any]], key: str = "lines") -> list[PageInput]:
    """Pages from plain records ``{"width", "height", key: [{"text", "box"}]}`` (cached OCR)."""
    return [
        stored_page_input(rec[key], rec.get("width"), rec.get("height"), rec.get("picture_share"))
        for rec in records
    ]
