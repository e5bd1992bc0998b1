"""Full-text search over the OCR text of the library's pages (CLI ``search QUERY``).

``search(db, "送达 询问笔录")`` returns the pages holding *every* space-separated term, in
case-file then page order, each with a snippet of about 40 characters around its first hit,
the hit spans inside that snippet, and which OCR lines (``Page.ocr_boxes``) hold a hit so
the viewer can mark them on the scan.

Two steps, so that the answer is exact on both back ends: the index (``page_search``, see
``search_index``) narrows the library down to candidate pages, then every candidate's text
is checked with the matching rule of ``search_text`` (folded, whitespace ignored), which
also yields the spans. A query never reaches SQL as SQL: FTS5 gets quoted phrases made of
letters, digits and CJK characters only, PostgreSQL gets bound ``LIKE`` patterns.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.casefiles.search_index import (
    MAX_PAGE_INDEX,
    TABLE,
    index_missing,
    index_pages,
    is_sqlite,
    page_of_key,
    reindex_case,
    remove_case,
    sqlite_key,
    unindexed_page_ids,
)
from app.casefiles.search_text import fold, join_lines, term_tokens
from app.errors import UserError
from app.store.database import Database
from app.store.models import Page

SNIPPET_CHARS = 40
DEFAULT_LIMIT = 200
_QUOTES = "\"'“”‘’「」『』"
_LOAD_BATCH = 100

Span = tuple[int, int]


class SearchQueryError(UserError):
    """The query cannot be searched (empty, or nothing searchable in it)."""


@dataclass(frozen=True)
class SearchHit:
    """One page holding every term of the query.

    ``snippet`` is the page text (OCR lines joined) around the first hit; ``spans`` are the
    ``[start, end)`` character ranges of hits inside ``snippet``; ``lines`` are indexes into
    the page's ``ocr_boxes`` of the lines holding a hit, ``boxes`` their quadrilaterals
    (both empty when the page has no usable ``ocr_boxes``)."""

    case_file_id: int
    page: int
    snippet: str
    spans: tuple[Span, ...]
    lines: tuple[int, ...] = ()
    boxes: tuple[Any, ...] = ()

    def marked(self, before: str = "【", after: str = "】") -> str:
        """The snippet with every hit wrapped, as the CLI prints it."""
        parts: list[str] = []
        position = 0
        for start, end in self.spans:
            parts += [self.snippet[position:start], before, self.snippet[start:end], after]
            position = end
        parts.append(self.snippet[position:])
        return "".join(parts)

    def as_dict(self) -> dict[str, Any]:
        """The CLI's JSON shape (``case_id``, ``page``, ``snippet``) plus the spans."""
        return {
            "case_id": self.case_file_id,
            "page": self.page,
            "snippet": self.marked(),
            "spans": [list(span) for span in self.spans],
        }


# ---------------------------------------------------------------- the query


def parse_query(query: str | None) -> list[str]:
    """The folded terms of a query (quotes around a term are dropped, repeats ignored).

    Raises ``SearchQueryError`` (Chinese message) for an empty query or one with nothing
    searchable (no Chinese character, letter or digit in any term)."""
    if query is None or not query.strip():
        raise SearchQueryError("请输入要检索的文字。")
    terms: list[str] = []
    for raw in query.split():
        term = fold(raw.strip(_QUOTES)).text
        if term and term not in terms:
            terms.append(term)
    if not any(term_tokens(term) for term in terms):
        raise SearchQueryError("检索词中至少要有一个汉字、字母或数字，例如：送达、询问笔录。")
    return terms


def _storable(term: str) -> bool:
    """A term with NUL or a lone surrogate cannot occur in stored text (nor be bound)."""
    return "\x00" not in term and not any(0xD800 <= ord(c) <= 0xDFFF for c in term)


def fts_expression(terms: Sequence[str]) -> str:
    """The FTS5 MATCH expression: one quoted phrase of single-character tokens per term.

    Tokens are only letters, digits and CJK characters, so nothing the user typed can be
    read as FTS5 syntax."""
    phrases = ['"' + " ".join(tokens) + '"' for tokens in map(term_tokens, terms) if tokens]
    return " AND ".join(phrases)


def _like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _candidates(
    session: Session, terms: Sequence[str], case_file_id: int | None
) -> Iterator[tuple[int, int]]:
    """``(case_file_id, page_index)`` of the pages the index says may hold every term, in
    case then page order, produced lazily so a search can stop at its limit."""
    params: dict[str, Any] = {}
    if is_sqlite(session):
        # FTS5 yields rowids (case_file_id * 2**20 + page) in order: no join, no sort.
        where = f"{TABLE} MATCH :match"
        params["match"] = fts_expression(terms)
        if case_file_id is not None:
            where += " AND rowid >= :low AND rowid <= :high"
            params["low"] = sqlite_key(case_file_id, 0)
            params["high"] = sqlite_key(case_file_id, MAX_PAGE_INDEX)
        result = session.execute(
            text(f"SELECT rowid FROM {TABLE} WHERE {where} ORDER BY rowid"), params
        )
        for batch in result.partitions(_LOAD_BATCH):
            yield from (page_of_key(key) for (key,) in batch)
        return
    likes = []
    for number, term in enumerate(terms):
        likes.append(f"s.body LIKE :t{number} ESCAPE '\\'")
        params[f"t{number}"] = _like_pattern(term)
    if case_file_id is not None:
        likes.append("p.case_file_id = :case_file_id")
        params["case_file_id"] = case_file_id
    sql = (
        f"SELECT p.case_file_id, p.page_index FROM {TABLE} AS s JOIN pages AS p "
        f"ON p.id = s.page_id WHERE {' AND '.join(likes)} ORDER BY p.case_file_id, p.page_index"
    )
    yield from ((case_id, index) for case_id, index in session.execute(text(sql), params))


# ---------------------------------------------------------------- one page


def find_spans(page_text: str, terms: Sequence[str]) -> list[Span] | None:
    """Every occurrence of every term in ``page_text`` (lines already joined), as sorted,
    merged ``[start, end)`` ranges of ``page_text``; None if some term is missing."""
    folded = fold(page_text)
    spans: list[Span] = []
    for term in terms:
        start = folded.text.find(term)
        if start < 0:
            return None
        while start >= 0:
            end = start + len(term)
            spans.append((folded.origin(start), folded.origin(end - 1) + 1))
            start = folded.text.find(term, end)
    return _merge(spans)


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def snippet_around(page_text: str, spans: Sequence[Span]) -> tuple[str, tuple[Span, ...]]:
    """About ``SNIPPET_CHARS`` characters centred on the first hit, "…" where cut, and the
    hit spans that fall inside it, relative to the snippet."""
    first_start, first_end = spans[0]
    room = max(SNIPPET_CHARS - (first_end - first_start), 0)
    start = max(0, first_start - room // 2)
    end = min(len(page_text), max(start + SNIPPET_CHARS, first_end))
    start = max(0, min(start, end - SNIPPET_CHARS))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(page_text) else ""
    shift = len(prefix) - start
    inside = tuple(
        (max(s, start) + shift, min(e, end) + shift) for s, e in spans if s < end and e > start
    )
    return prefix + page_text[start:end] + suffix, inside


def _box_lines(ocr_boxes: Any, lines: Sequence[str]) -> list[int | None]:
    """For each text line, the index of its entry in ``ocr_boxes`` (None if not found).

    ``ocr_text`` is normally the boxes' texts joined in the same order; if the two disagree
    (edited text, another OCR run) lines are paired by equal text, in order."""
    if not isinstance(ocr_boxes, list):
        return [None] * len(lines)
    texts = [
        entry.get("text", "").strip() if isinstance(entry, dict) else None for entry in ocr_boxes
    ]
    if len(texts) == len(lines) and all(
        t == line.strip() for t, line in zip(texts, lines, strict=True)
    ):
        return list(range(len(lines)))
    paired: list[int | None] = []
    position = 0
    for line in lines:
        found = next(
            (j for j in range(position, len(texts)) if texts[j] == line.strip()),
            None,
        )
        paired.append(found)
        if found is not None:
            position = found + 1
    return paired


def match_page(
    case_file_id: int, page: int, ocr_text: str, ocr_boxes: Any, terms: Sequence[str]
) -> SearchHit | None:
    """The hit for one page, or None if the page does not hold every term."""
    joined, line_starts = join_lines(ocr_text)
    spans = find_spans(joined, terms)
    if not spans:
        return None
    snippet, inside = snippet_around(joined, spans)
    hit_lines: set[int] = set()
    for start, end in spans:
        first = bisect_right(line_starts, start) - 1
        last = bisect_right(line_starts, end - 1) - 1
        hit_lines.update(range(first, last + 1))
    pairing = _box_lines(ocr_boxes, ocr_text.split("\n"))
    box_indexes = sorted({box for i in hit_lines if (box := pairing[i]) is not None})
    boxes = tuple(ocr_boxes[i].get("box") for i in box_indexes)
    return SearchHit(case_file_id, page, snippet, inside, tuple(box_indexes), boxes)


# ---------------------------------------------------------------- search


def _pages(session: Session, keys: Iterator[tuple[int, int]]) -> Iterator[Any]:
    """Candidate pages with their text, loaded in batches, in the order of ``keys``."""
    columns = (Page.case_file_id, Page.index, Page.ocr_text, Page.ocr_boxes)
    for chunk in _chunks(keys, _LOAD_BATCH):
        by_case: dict[int, list[int]] = {}
        for case_id, index in chunk:
            by_case.setdefault(case_id, []).append(index)
        rows: dict[tuple[int, int], Any] = {}
        # One query per case file: it uses the (case_file_id, page_index) unique index,
        # which a row-value IN over both columns does not on SQLite 3.40.
        for case_id, indexes in by_case.items():
            query = select(*columns).where(Page.case_file_id == case_id, Page.index.in_(indexes))
            rows.update({(row.case_file_id, row.index): row for row in session.execute(query)})
        yield from (rows[key] for key in chunk if key in rows)


def _chunks(items: Iterator[tuple[int, int]], size: int) -> Iterator[list[tuple[int, int]]]:
    chunk: list[tuple[int, int]] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def search(
    db: Database,
    query: str | None,
    case_file_id: int | None = None,
    limit: int | None = DEFAULT_LIMIT,
) -> list[SearchHit]:
    """Pages of the library (or of one case file) holding every space-separated term.

    At most ``limit`` hits (None: all), ordered by case file then page. Pages whose text has
    not been indexed yet (see ``index_missing``) are not found."""
    terms = parse_query(query)
    if limit is not None and limit < 1:
        raise SearchQueryError("结果数量上限必须是正整数。")
    if not all(_storable(term) for term in terms):
        return []
    hits: list[SearchHit] = []
    with db.session() as session:
        for row in _pages(session, _candidates(session, terms, case_file_id)):
            text = row.ocr_text or ""
            hit = match_page(row.case_file_id, row.index, text, row.ocr_boxes, terms)
            if hit is not None:
                hits.append(hit)
                if limit is not None and len(hits) >= limit:
                    break
    return hits


__all__ = [
    "SNIPPET_CHARS",
    "SearchHit",
    "SearchQueryError",
    "find_spans",
    "index_missing",
    "index_pages",
    "parse_query",
    "reindex_case",
    "remove_case",
    "search",
    "unindexed_page_ids",
]
