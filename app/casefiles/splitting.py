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

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from app.casefiles import page_kinds
from app.casefiles.contents_table import best_offset, parse_contents, row_type
from app.casefiles.document_types import VOCABULARY_FILE, DocumentType, load_document_types
from app.casefiles.page_lines import (
    A4_POINTS,
    LineLike,
    PageInput,
    TextLine,
    extraction_config,
    line_rect,
    normalise,
    pages_from_records,
    similarity,
)
from app.paths import resources_dir

__all__ = [  # the page primitives live in page_lines; callers have long imported them from here
    "A4_POINTS",
    "UNKNOWN",
    "DocumentSpan",
    "LineLike",
    "PageInput",
    "SplitConfig",
    "TextLine",
    "TitleMatch",
    "extraction_config",
    "fill_around",
    "line_rect",
    "load_split_config",
    "normalise",
    "page_title",
    "pages_from_records",
    "similarity",
    "split_dossier",
    "with_served",
]

UNKNOWN = "unknown"


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
class SplitConfig:
    # The vocabulary's types, their aliases normalised (with the title and the extra
    # aliases of extraction.yaml) as the splitter compares titles.
    types: tuple[DocumentType, ...]
    title_band: float = 0.25
    centre_tolerance: float = 0.15
    min_similarity: float = 0.72
    continuation_marks: tuple[str, ...] = ()
    never_continued: frozenset[str] = field(default_factory=frozenset)


# ---------------------------------------------------------------- configuration


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
        types.append(replace(t, aliases=aliases))
    return SplitConfig(
        types=tuple(types),
        title_band=float(conf.get("title_band", 0.25)),
        centre_tolerance=float(conf.get("centre_tolerance", 0.15)),
        min_similarity=float(conf.get("min_similarity", 0.72)),
        continuation_marks=tuple(normalise(m) for m in conf.get("continuation_marks", [])),
        never_continued=frozenset(conf.get("never_continued", [])),
    )


# ---------------------------------------------------------------- titles


@dataclass(frozen=True)
class TitleMatch:
    """A page's heading and the document types it reads as (best first, near-ties kept)."""

    text: str
    candidates: tuple[tuple[str, float], ...]  # (type id, similarity)
    continuation: bool = False
    # Where the start was read: "title" (printed heading), "page" (the page's make-up: cover,
    # 目录 header, photo captions, blank) or "contents" (a row of the dossier's 卷内目录).
    source: str = "title"
    top: float = 0.0  # where the heading line starts on the page

    @property
    def score(self) -> float:
        return self.candidates[0][1]


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
            best, best_key = TitleMatch(line.text.strip(), near, top=y0), key
    if best is not None and marks:
        return TitleMatch(best.text, best.candidates, continuation=True, top=best.top)
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
        if kind is None or kinds.get(type_id, "both") in (kind, "both"):
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

    A page starts a document when its top band holds a known title; an untitled page starts
    one when its make-up says what it is (``page_kinds``: cover, 卷内目录, evidence, blank)
    or when the dossier's own 卷内目录 lists a document starting there; any other page
    continues the document before.

    Blank pages are a document of their own (空白页) when they separate documents, so the
    outline shows every page and a reviewer sees a separator sheet for what it is; a blank
    page between two pages of one document (the back of a duplex scan, followed by an
    untitled page) is taken into that document instead, because the document does go on
    after it. Works on full-page OCR and on title-band-only OCR alike."""
    config = config or load_split_config()
    titles = [page_title(page, config) for page in pages]
    kind = _dossier_kind(titles, config)
    starts = [_start(m, page, config) for m, page in zip(titles, pages, strict=True)]
    starts = _from_contents(pages, starts, config)
    spans: list[DocumentSpan] = []
    for number, match in enumerate(starts, start=1):
        current = spans[-1] if spans else None
        if match is None or match.continuation:
            _continue(spans, number)
            continue
        type_id = _choose(match, kind, config)
        if current is not None and current.type == type_id and _goes_on(current, match, config):
            spans[-1] = _extend(current, number)
            continue
        spans.append(DocumentSpan(type_id, match.text, number, number, round(match.score, 3)))
    return with_served(pages, spans, config)


def _goes_on(current: DocumentSpan, match: TitleMatch, config: SplitConfig) -> bool:
    """Whether a start of ``current``'s type on the next page continues it instead."""
    if current.type in config.never_continued or match.source == "contents":
        return False
    if match.source == "page":
        return True  # a 目录's second sheet, more photographs, more blank sheets
    return normalise(current.title) == normalise(match.text)


def _continue(spans: list[DocumentSpan], number: int) -> None:
    """An untitled page: the document before goes on (over blank sheets in between)."""
    if not spans:
        spans.append(DocumentSpan(UNKNOWN, "", number, number, 0.0))
    elif spans[-1].type == page_kinds.BLANK and len(spans) > 1:
        spans.pop()
        spans[-1] = _extend(spans[-1], number)
    elif spans[-1].type == page_kinds.BLANK:
        spans.append(DocumentSpan(UNKNOWN, "", number, number, 0.0))
    else:
        spans[-1] = _extend(spans[-1], number)


def _start(title: TitleMatch | None, page: PageInput, config: SplitConfig) -> TitleMatch | None:
    """What starts on a page: its printed title, else what its make-up says. A "title" read
    below a 目录's header row is one of its rows (a row may be centred in the band)."""
    if title is not None:
        header = page_kinds.contents_header_top(page)
        if header is None or title.top < header:
            return title
        return TitleMatch("", ((page_kinds.CONTENTS, 1.0),), source="page")
    return _made_up(page, config)


def _made_up(page: PageInput, config: SplitConfig) -> TitleMatch | None:
    """An untitled page that is a cover, a 目录, evidence or blank by its make-up."""
    rules = page_kinds.page_rules()
    cover = next((t.aliases for t in config.types if t.id == page_kinds.COVER), ())
    if page_kinds.is_blank(page, rules):
        type_id = page_kinds.BLANK
    elif page_kinds.contents_header_top(page) is not None:
        type_id = page_kinds.CONTENTS
    elif page_kinds.is_cover(page, cover, config.min_similarity, rules):
        type_id = page_kinds.COVER
    elif page_kinds.is_evidence(page, rules):
        type_id = page_kinds.EVIDENCE
    else:
        return None
    return TitleMatch("", ((type_id, rules.structure_confidence),), source="page")


def _from_contents(
    pages: Sequence[PageInput], starts: list[TitleMatch | None], config: SplitConfig
) -> list[TitleMatch | None]:
    """``starts`` with the documents the dossier's 卷内目录 lists starting on pages whose own
    title was not read (a printed title, a cover or the 目录 itself always stays)."""
    sheets = [
        i
        for i, m in enumerate(starts)
        if m is not None and m.candidates[0][0] == page_kinds.CONTENTS
    ]
    if not sheets:
        return starts
    first = last = sheets[0]
    while last + 1 < len(starts) and (last + 1) in sheets:
        last += 1
    rows = parse_contents(pages[first : last + 1], first + 1)
    aliases = [(a, t.id) for t in config.types for a in t.aliases]
    listed = [(row_type(r.title, aliases), r.first_page) for r in rows]
    found: dict[int, set[str]] = {}
    for number, m in enumerate(starts, start=1):
        if m is not None and not m.continuation:
            found[number] = {c for c, _ in m.candidates}
    offset = best_offset(listed, found, len(pages), preferred=(last + 1, 0))
    if offset is None:
        return starts
    out = list(starts)
    confidence = page_kinds.page_rules().structure_confidence
    for row, (type_id, listed_first) in zip(rows, listed, strict=True):
        if listed_first is None:
            continue
        at = listed_first + offset - 1
        if not 0 <= at < len(out) or first <= at <= last:
            continue
        here = out[at]
        keep = here is not None and not here.continuation and here.source == "title"
        if keep or (here is not None and here.candidates[0][0] == page_kinds.COVER):
            continue
        out[at] = TitleMatch(row.title, ((type_id or UNKNOWN, confidence),), source="contents")
    return out


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


def fill_around(
    spans: Sequence[DocumentSpan], kept: Sequence[tuple[int, int]]
) -> list[DocumentSpan]:
    """The machine's ``spans`` on the pages the reviewer's ``kept`` entries (first, last)
    leave free: each span clipped to its free stretches, a stretch after a kept entry
    keeping the span's type (the rest of what was read there). The kept entries are not in
    the result; with them, every page is covered once."""
    taken = {p for first, last in kept for p in range(first, last + 1)}
    out: list[DocumentSpan] = []
    for span in spans:
        run: list[int] = []
        for page in [*range(span.first_page, span.last_page + 1), None]:
            if page is not None and page not in taken:
                run.append(page)
                continue
            if run:
                out.append(
                    DocumentSpan(
                        span.type, span.title, run[0], run[-1], span.confidence, span.serves
                    )
                )
            run = []
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
