"""Text of a page with boxes: the page's own text layer when it has one, RapidOCR otherwise.

RapidOCR 3.10 is run with the models its wheel ships, given by explicit paths: with a
``model_path`` set, rapidocr never reaches its download code, so nothing is fetched at run
time (the product must work offline). Parameters follow ``/work/shared/OCR-NOTES.md``: the
angle classifier is off (upright scans; it costs time and gains nothing) and detection
shrinks the page so its long side is at most 1,280 px. 960 px is 1.3x faster (and the only
setting reaching half of Tesseract's speed here, benchmarks/README.md), but at 960 a seal over
a decision's date turned 2024-12-30 into 2025-12-10 on a demo coercion dossier that 1,280 reads
right: a wrong date is a false pre-check alarm in front of a reviewer, so accuracy wins.

Boxes are returned in PDF points (72 dpi, origin top-left of the page as displayed) so that
evidence regions, search hits and the viewer agree whatever dpi a page was OCRed at.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import rapidocr
from PIL import Image
from rapidocr import RapidOCR
from rapidocr.utils.output import RapidOCROutput

from app.casefiles.page_source import PageSource, Rect, TextWord
from app.casefiles.page_turn import (
    QUARTER_TURNS,
    TURNS,
    TurnedSource,
    lines_to_scan,
    reads_better,
    reads_poorly,
    reads_upright,
    runs_sideways,
)
from app.casefiles.seal_ink import Reread, with_rereads
from app.casefiles.simplified import simplified

OCR_DPI = 150.0  # rapidocr shrinks pages beyond 2,000 px anyway: 200 dpi buys nothing
TITLE_BAND = 0.18  # the top share of a page where a document's title sits
DET_LIMIT_SIDE_LEN = 1280  # see the module docstring: 960 is faster but misread a sealed date

MODEL_DIR = Path(rapidocr.__file__).resolve().parent / "models"
DET_MODEL = MODEL_DIR / "PP-OCRv6_det_small.onnx"
REC_MODEL = MODEL_DIR / "PP-OCRv6_rec_small.onnx"
CLS_MODEL = MODEL_DIR / "ch_ppocr_mobile_v2.0_cls_mobile.onnx"

Point = tuple[float, float]
Quad = tuple[Point, Point, Point, Point]


@dataclass(frozen=True)
class Line:
    """One line of text; ``box`` is four corners clockwise from top-left, in PDF points.

    ``reread`` is the line read a second time with seal ink taken away (``seal_ink``), on
    the few lines that may carry a sealed date or 文号."""

    text: str
    box: Quad
    score: float
    reread: Reread | None = None

    @property
    def rect(self) -> Rect:
        xs = [p[0] for p in self.box]
        ys = [p[1] for p in self.box]
        return (min(xs), min(ys), max(xs), max(ys))


@dataclass(frozen=True)
class PageText:
    """The text of a page in reading order; ``origin`` says whether OCR produced it.

    ``turned`` is the turn (clockwise degrees) the page was read with when it was scanned
    the wrong way up: the text is in the upright page's reading order, the boxes stay on
    the scan (``page_turn``)."""

    text: str
    lines: list[Line] = field(default_factory=list)
    origin: Literal["ocr", "text-layer"] = "ocr"
    turned: int = 0

    @classmethod
    def from_lines(
        cls, lines: Sequence[Line], origin: Literal["ocr", "text-layer"] = "ocr"
    ) -> PageText:
        ordered = reading_order(lines)
        return cls("\n".join(line.text for line in ordered), ordered, origin)


# ---------------------------------------------------------------- engine


def engine_params(
    det_limit_side_len: int = DET_LIMIT_SIDE_LEN, threads: int = -1
) -> dict[str, Any]:
    """RapidOCR parameters; ``threads`` is onnxruntime's intra-op count (-1: all cores)."""
    return {
        "Global.use_cls": False,
        "Global.log_level": "warning",
        "Global.model_root_dir": str(MODEL_DIR),
        "Det.model_path": str(DET_MODEL),
        "Det.limit_type": "max",
        "Det.limit_side_len": det_limit_side_len,
        "Rec.model_path": str(REC_MODEL),
        "Cls.model_path": str(CLS_MODEL),
        "EngineConfig.onnxruntime.intra_op_num_threads": threads,
    }


class OcrEngine:
    """One RapidOCR instance (about 0.7–1 GB once warm): create one per process and reuse it."""

    def __init__(self, det_limit_side_len: int = DET_LIMIT_SIDE_LEN, threads: int = -1) -> None:
        self._ocr = RapidOCR(params=engine_params(det_limit_side_len, threads))

    def warm_up(self) -> None:
        """Load both models now rather than on the first page.

        rapidocr loads its ONNX sessions lazily; a worker that does it at start-up is ready
        when the first dossier arrives. Uses rapidocr 3.10's loaders (the version is pinned)."""
        for loader in ("_load_det_model", "_load_rec_model"):
            getattr(self._ocr, loader)()

    def recognize(self, image: Image.Image, dpi: float, offset: Point = (0.0, 0.0)) -> list[Line]:
        """Lines found in ``image`` (rendered at ``dpi``), boxed in page points.

        ``offset`` is where the image's top-left corner sits on the page (a clipped band)."""
        result = self._ocr(image)
        # A full pipeline (det + rec) always returns RapidOCROutput; the union is the API's.
        assert isinstance(result, RapidOCROutput)
        if result.boxes is None or result.txts is None or result.scores is None:
            return []
        scale = 72.0 / dpi
        ox, oy = offset
        lines = []
        for quad, text, score in zip(result.boxes, result.txts, result.scores, strict=True):
            if not text.strip():
                continue
            corners = np.asarray(quad, dtype=float) * scale + (ox, oy)
            box = tuple((float(x), float(y)) for x, y in corners)
            lines.append(Line(simplified(text.strip()), box, float(score)))  # type: ignore[arg-type]
        return lines


# ---------------------------------------------------------------- pages


def page_text(
    source: PageSource,
    index: int,
    engine: OcrEngine,
    dpi: float = OCR_DPI,
    *,
    band: float | None = None,
    reread: bool = True,
    turn: int = 0,
) -> PageText:
    """The text of a page, or of its top ``band`` only (TITLE_BAND: enough to spot a
    document's first page); a page with its own text layer is read, not OCRed.

    A band is about a fifth of the pixels of a full page, so a dossier's documents can be
    found in seconds and the full OCR can follow in the background. On a full page, with
    ``reread``, lines that may hold a date or 文号 under a seal are read a second time with
    the seal's ink separated (``seal_ink``); both readings are kept.

    ``turn`` reads the page turned that far (a reviewer turned it); without one, a page
    that reads poorly is tried upside down and a page on its side a quarter turn either
    way (``page_turn``). Either way the boxes come back on the scan and ``turned`` says how
    the text was read."""
    if turn % 360 and not source.has_text_layer(index):
        text = page_text(TurnedSource(source, turn), index, engine, dpi, band=band, reread=reread)
        lines = lines_to_scan(text.lines, source.page_size(index), turn)
        return PageText(text.text, lines, turned=(turn + text.turned) % 360)
    clip = None
    if band is not None:
        width, height = source.page_size(index)
        clip = (0.0, 0.0, width, height * band)
    if source.has_text_layer(index):
        lines = text_layer_lines(source.text_words(index))
        if clip is not None:
            lines = [ln for ln in lines if ln.rect[1] < clip[3]]
        return PageText.from_lines(lines, "text-layer")
    image = source.render(index, dpi, clip=clip)
    raw = engine.recognize(image, dpi)
    if clip is not None:
        return PageText.from_lines(raw)
    found, raw, image = _upright(source, index, engine, dpi, raw, image)
    text = PageText.from_lines(raw)
    seen: PageSource = TurnedSource(source, found) if found else source
    lines = with_rereads(seen, index, text.lines, engine, image, dpi) if reread else text.lines
    if found:
        lines = lines_to_scan(lines, source.page_size(index), found)
    return PageText(text.text, lines, turned=found)


# the turn, the lines as the engine boxed them (before rows are joined), the image read
Reading = tuple[int, list[Line], Image.Image]


def _upright(
    source: PageSource,
    index: int,
    engine: OcrEngine,
    dpi: float,
    lines: list[Line],
    image: Image.Image,
) -> Reading:
    """The page read the way up it reads best (``page_turn``): turned 180° when it reads
    poorly, then a quarter turn either way when its lines stand on end. Judged on the
    engine's own boxes: joined into rows, a page on its side is one wide line."""
    found: Reading = (0, lines, image)
    if reads_poorly(lines, image):
        found = _first_turn(source, index, engine, dpi, found, TURNS, reads_better)
    if runs_sideways(found[1]):
        found = _first_turn(source, index, engine, dpi, found, QUARTER_TURNS, reads_upright)
    return found


def _first_turn(
    source: PageSource,
    index: int,
    engine: OcrEngine,
    dpi: float,
    current: Reading,
    turns: Sequence[int],
    keeps: Callable[[Sequence[Line], Sequence[Line]], bool],
) -> Reading:
    """``current`` turned further by the first of ``turns`` whose reading ``keeps``."""
    for turn in turns:
        candidate = (current[0] + turn) % 360
        image = source.render(index, dpi, rotation=candidate)
        lines = engine.recognize(image, dpi)
        if keeps(lines, current[1]):
            return candidate, lines, image
    return current


def text_layer_lines(words: Iterable[TextWord]) -> list[Line]:
    """PyMuPDF words grouped into its own lines, with the union of their boxes."""
    groups: dict[tuple[int, int], list[TextWord]] = {}
    for word in words:
        groups.setdefault((word.block, word.line), []).append(word)
    lines = []
    for group in groups.values():
        group.sort(key=lambda w: w.rect[0])
        text = " ".join(w.text for w in group)
        rect = _union(w.rect for w in group)
        lines.append(Line(text, _quad(rect), 1.0))
    return lines


# ---------------------------------------------------------------- reading order

# Two boxes share a row when their vertical overlap covers this share of the lower one.
_ROW_OVERLAP = 0.5
# A gap wider than this many line heights separates two fields of a form: keep a space.
_FIELD_GAP = 0.8


def reading_order(lines: Sequence[Line]) -> list[Line]:
    """Top-to-bottom, left-to-right; boxes of one row are merged into one line.

    Detection often cuts a form row into pieces ("当事人：" … "张三"); one line per row reads
    as the paper does and keeps a label next to its value for field extraction."""
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda ln: (_center_y(ln), ln.rect[0])):
        if rows and _same_row(rows[-1], line):
            rows[-1].append(line)
        else:
            rows.append([line])
    return [_merge_row(sorted(row, key=lambda ln: ln.rect[0])) for row in rows]


def _same_row(row: list[Line], line: Line) -> bool:
    """Whether ``line`` continues ``row``: their vertical extents, taken where ``line``
    starts and along each box's own slant, overlap by half the thinner one. Along the slant,
    because on a skewed scan the box of a long line spans its neighbour's height: read
    straight, "…也可以在六个月内依法向白" and the next line "沙县人民法院提起行政诉讼。" share a
    row and come out in the wrong order."""
    x = line.rect[0]
    spans = [_span_at(ln, x) for ln in row]
    top = min(y0 for y0, _ in spans)
    bottom = max(y1 for _, y1 in spans)
    y0, y1 = _span_at(line, x)
    overlap = min(bottom, y1) - max(top, y0)
    height = min(bottom - top, y1 - y0)
    return height > 0 and overlap >= _ROW_OVERLAP * height


# A box's slant is believed up to this slope (about 6°); beyond it the quad is noise.
_MAX_SLANT = 0.1
# ... and only on a box this many times as wide as it is high: the slant of a lone digit's
# box (a 卷内目录's 序号 "9", 15 pt wide) is noise that, carried 350 pt to the right, made its
# row swallow the next one (demo-06, rows 9 and 10 of the 目录 read as one).
_MIN_SLANT_WIDTH = 3.0


def _span_at(line: Line, x: float) -> tuple[float, float]:
    """The top and bottom of ``line``'s box at abscissa ``x``, following its slant."""
    (tx0, ty0), (tx1, ty1), _, (bx0, by0) = line.box
    wide = tx1 - tx0 >= _MIN_SLANT_WIDTH * max(by0 - ty0, 1.0)
    slope = (ty1 - ty0) / (tx1 - tx0) if wide and tx1 - tx0 > 1 else 0.0
    slope = max(-_MAX_SLANT, min(_MAX_SLANT, slope))
    return ty0 + slope * (x - tx0), by0 + slope * (x - bx0)


def _merge_row(row: list[Line]) -> Line:
    if len(row) == 1:
        return row[0]
    height = float(np.median([ln.rect[3] - ln.rect[1] for ln in row]))
    parts = [row[0].text]
    for prev, cur in itertools.pairwise(row):
        gap = cur.rect[0] - prev.rect[2]
        ascii_pair = prev.text[-1:].isascii() and cur.text[:1].isascii()
        if gap > _FIELD_GAP * height or (ascii_pair and gap > 0.25 * height):
            parts.append(" ")
        parts.append(cur.text)
    chars = sum(len(ln.text) for ln in row)
    score = sum(ln.score * len(ln.text) for ln in row) / max(chars, 1)
    return Line("".join(parts), _quad(_union(ln.rect for ln in row)), score)


def _center_y(line: Line) -> float:
    _, y0, _, y1 = line.rect
    return (y0 + y1) / 2


def _union(rects: Iterable[Rect]) -> Rect:
    x0s, y0s, x1s, y1s = zip(*rects, strict=True)
    return (min(x0s), min(y0s), max(x1s), max(y1s))


def _quad(rect: Rect) -> Quad:
    x0, y0, x1, y1 = rect
    return ((x0, y0), (x1, y0), (x1, y1), (x0, y1))
