"""Split a scanned dossier into its documents from the titles printed at the top of pages.

Each document of a dossier starts on a new page under a centred, large title (立案审批表,
行政处罚决定书 …); its other pages carry none. So a page whose top band holds a centred line
that reads like a known title starts a document, and every other page continues the one
before. Matching is by character similarity, so a title OCR misread by a character or two is
still recognised; it needs only the lines of the top band, which lets the import pipeline
know a dossier's documents from a fast "title band" OCR before the full text is read.

Pure data in, plain data out: no Qt, no database. Titles and thresholds are data
(the vocabulary of ``app.casefiles.document_types`` and ``resources/extraction.yaml``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import yaml

from app.casefiles.document_types import VOCABULARY_FILE, load_document_types
from app.casefiles.seal_ink import Reread
from app.paths import resources_dir

A4_POINTS = (595.3, 841.9)
UNKNOWN = "unknown"


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

    ``width``/``height`` None means an A4 page in PDF points (what ``ocr.py`` produces)."""

    lines: Sequence[LineLike]
    width: float | None = None
    height: float | None = None

    @property
    def size(self) -> tuple[float, float]:
        return (self.width or A4_POINTS[0], self.height or A4_POINTS[1])

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass(frozen=True)
class DocumentSpan:
    """A document of the dossier; pages are 1-based and inclusive.

    ``serves`` is set on a 送达回证: the type of the document it proves was served, read
    from the receipt itself or, failing that, the document before it."""

    type: str
    title: str
    first_page: int
    last_page: int
    confidence: float
    serves: str | None = None


@dataclass(frozen=True)
class DocType:
    id: str
    name: str
    kind: str
    order: int
    aliases: tuple[str, ...]  # normalised


@dataclass(frozen=True)
class SplitConfig:
    types: tuple[DocType, ...]
    title_band: float = 0.25
    centre_tolerance: float = 0.15
    min_similarity: float = 0.72
    continuation_marks: tuple[str, ...] = ()
    never_continued: frozenset[str] = field(default_factory=frozenset)


# ---------------------------------------------------------------- configuration

_DROP = re.compile(r"[\s()（）〔〕\[\]【】<>《》、，,.。:：;；·'\"“”‘’_\-—]")


def normalise(text: str) -> str:
    """What a title comparison looks at: the characters, without spaces and punctuation."""
    return _DROP.sub("", text)


def _read_yaml(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


@cache
def extraction_config(folder: Path | None = None) -> dict[str, Any]:
    """``resources/extraction.yaml`` as loaded (shared with facts.py)."""
    return _read_yaml((folder or resources_dir()) / "extraction.yaml")


@cache
def load_split_config(folder: Path | None = None) -> SplitConfig:
    """Document types and splitting thresholds from the resources folder."""
    base = folder or resources_dir()
    vocabulary = load_document_types(base / VOCABULARY_FILE)
    conf = extraction_config(base).get("splitting", {})
    extra = conf.get("extra_aliases", {})
    types = []
    for t in vocabulary.values():
        titles = [t.name, *t.aliases, *extra.get(t.id, [])]
        aliases = tuple(dict.fromkeys(normalise(a) for a in titles if normalise(a)))
        types.append(DocType(t.id, t.name, t.kind, t.order, aliases))
    return SplitConfig(
        types=tuple(types),
        title_band=float(conf.get("title_band", 0.25)),
        centre_tolerance=float(conf.get("centre_tolerance", 0.15)),
        min_similarity=float(conf.get("min_similarity", 0.72)),
        continuation_marks=tuple(normalise(m) for m in conf.get("continuation_marks", [])),
        never_continued=frozenset(conf.get("never_continued", [])),
    )


# ---------------------------------------------------------------- geometry


def line_rect(line: LineLike) -> tuple[float, float, float, float]:
    """x0, y0, x1, y1 of a line whose box is a quad (or already a rectangle)."""
    box = line.box
    if len(box) == 4 and not isinstance(box[0], (tuple, list)):
        x0, y0, x1, y1 = (float(v) for v in box)
        return (x0, y0, x1, y1)
    xs = [float(p[0]) for p in box]
    ys = [float(p[1]) for p in box]
    return (min(xs), min(ys), max(xs), max(ys))


# ---------------------------------------------------------------- titles


@dataclass(frozen=True)
class TitleMatch:
    """A page's heading and the document types it reads as (best first, near-ties kept)."""

    text: str
    candidates: tuple[tuple[str, float], ...]  # (type id, similarity)
    continuation: bool = False

    @property
    def score(self) -> float:
        return self.candidates[0][1]


def similarity(heading: str, title: str) -> float:
    return SequenceMatcher(None, heading, title, autojunk=False).ratio()


def _score_types(heading: str, config: SplitConfig) -> list[tuple[str, float]]:
    scores = []
    for t in config.types:
        best = max(similarity(heading, alias) for alias in t.aliases)
        scores.append((t.id, best))
    scores.sort(key=lambda s: -s[1])
    return scores


def page_title(page: PageInput, config: SplitConfig | None = None) -> TitleMatch | None:
    """The centred heading in the top band of ``page`` that reads as a document title."""
    config = config or load_split_config()
    width, height = page.size
    best: TitleMatch | None = None
    best_key = (0.0, 0.0)
    marks = False
    for line in page.lines:
        x0, y0, x1, y1 = line_rect(line)
        if y0 > height * config.title_band:
            continue
        heading = normalise(line.text)
        if any(m and m in heading for m in config.continuation_marks):
            marks = True
        if (
            not 2 <= len(heading) <= 24
            or abs((x0 + x1) / 2 - width / 2) > config.centre_tolerance * width
        ):
            continue
        scores = _score_types(heading, config)
        top = scores[0][1]
        if top < config.min_similarity:
            continue
        key = (round(top, 3), y1 - y0)
        if key > best_key:
            near = tuple(s for s in scores if s[1] >= top - 0.02)
            best, best_key = TitleMatch(line.text.strip(), near), key
    if best is not None and marks:
        return TitleMatch(best.text, best.candidates, continuation=True)
    return best


# ---------------------------------------------------------------- splitting


def _dossier_kind(titles: Sequence[TitleMatch | None], config: SplitConfig) -> str | None:
    kinds = {t.id: t.kind for t in config.types}
    votes: Counter[str] = Counter()
    for match in titles:
        if match is None:
            continue
        own = {kinds[c] for c, _ in match.candidates} - {"both"}
        if len(own) == 1:
            votes[own.pop()] += 1
    return votes.most_common(1)[0][0] if votes else None


def _choose(match: TitleMatch, kind: str | None, config: SplitConfig) -> str:
    """Among near-tied types (e.g. 现场笔录), prefer the dossier's kind."""
    kinds = {t.id: t.kind for t in config.types}
    for type_id, _ in match.candidates:
        if kind is None or kinds[type_id] in (kind, "both"):
            return type_id
    return match.candidates[0][0]


def _served_type(
    pages: Sequence[PageInput], span: DocumentSpan, before: DocumentSpan | None, config: SplitConfig
) -> str | None:
    """Which document a 送达回证 serves: the title named on it, else the document before it."""
    for page in pages[span.first_page - 1 : span.last_page]:
        for line in page.lines:
            text = normalise(line.text)
            at = text.find("送达文书名称")
            if at < 0:
                continue
            named = text[at + len("送达文书名称") :]
            if len(named) < 2:
                continue
            scores = _score_types(named, config)
            if scores[0][1] >= config.min_similarity and scores[0][0] != "service_receipt":
                return scores[0][0]
    return before.type if before is not None else None


def split_dossier(
    pages: Sequence[PageInput], config: SplitConfig | None = None
) -> list[DocumentSpan]:
    """The documents of a dossier, in page order, covering every page exactly once.

    Works on full-page OCR and on title-band-only OCR alike (only the top band is read)."""
    config = config or load_split_config()
    titles = [page_title(page, config) for page in pages]
    kind = _dossier_kind(titles, config)
    spans: list[DocumentSpan] = []
    for number, match in enumerate(titles, start=1):
        current = spans[-1] if spans else None
        if match is None or match.continuation:
            if current is None:
                spans.append(DocumentSpan(UNKNOWN, "", number, number, 0.0))
            else:
                spans[-1] = _extend(current, number)
            continue
        type_id = _choose(match, kind, config)
        same = (
            current is not None
            and current.type == type_id
            and normalise(current.title) == normalise(match.text)
        )
        if same and type_id not in config.never_continued and current is not None:
            spans[-1] = _extend(current, number)
            continue
        spans.append(DocumentSpan(type_id, match.text, number, number, round(match.score, 3)))
    return with_served(pages, spans, config)


def with_served(
    pages: Sequence[PageInput], documents: Sequence[DocumentSpan], config: SplitConfig | None = None
) -> list[DocumentSpan]:
    """``documents`` with ``serves`` filled in on each 送达回证 that lacks it.

    Spans that come back from storage or from a reviewer's correction carry no ``serves``;
    the fact extractor needs it to tell the notice's receipt from the decision's."""
    config = config or load_split_config()
    out: list[DocumentSpan] = []
    for span in documents:
        if span.type == "service_receipt" and span.serves is None:
            # A run of receipts serves the document before the run, unless a receipt names another.
            before = next((s for s in reversed(out) if s.type != "service_receipt"), None)
            span = _with_served(pages, span, before, config)
        out.append(span)
    return out


def _extend(span: DocumentSpan, page: int) -> DocumentSpan:
    return DocumentSpan(span.type, span.title, span.first_page, page, span.confidence, span.serves)


def _with_served(
    pages: Sequence[PageInput], span: DocumentSpan, before: DocumentSpan | None, config: SplitConfig
) -> DocumentSpan:
    served = _served_type(pages, span, before, config)
    return DocumentSpan(
        span.type, span.title, span.first_page, span.last_page, span.confidence, served
    )


def pages_from_records(records: Sequence[dict[str, Any]], key: str = "lines") -> list[PageInput]:
    """Pages from plain records ``{"width", "height", key: [{"text", "box"}]}`` (cached OCR)."""
    return [
        PageInput(
            [line_from_record(ln) for ln in rec[key]],
            rec.get("width"),
            rec.get("height"),
        )
        for rec in records
    ]
