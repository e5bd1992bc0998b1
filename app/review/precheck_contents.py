"""The dossier's 卷内目录 as the pre-checks see it: its rows with their pages in the file.

Reading is here, judging is in ``scoring.prechecks.contents``. The 目录's page numbers are
the archivist's 页号, which need not be PDF pages: where the pages carry printed 页码 the
listed number is looked up among them; otherwise the offset that best lines the listed
documents up with the split (``contents_table.best_offset``) is used, followed row by row
so that a page missing part-way shifts the rows after it instead of failing them all; with
neither, the rows keep only their printed numbers and are judged against the length alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.casefiles.contents_table import (
    CONTENTS,
    ContentsRow,
    best_offset,
    parse_contents,
    row_type,
)
from app.casefiles.splitting import DocumentSpan, PageInput, load_split_config
from scoring.prechecks.facts import ListedDocument

MAX_SHIFT = 3  # pages missing or inserted between two listed documents that are followed


def _contents_rows(
    pages: Sequence[PageInput], documents: Sequence[DocumentSpan]
) -> list[ContentsRow]:
    """The rows of the dossier's first 卷内目录 document (empty when there is none)."""
    toc = next((d for d in documents if d.type == CONTENTS), None)
    if toc is None:
        return []
    return parse_contents(pages[toc.first_page - 1 : toc.last_page], toc.first_page)


def listed_documents(
    pages: Sequence[PageInput],
    documents: Sequence[DocumentSpan],
    printed: Sequence[int | None] | None = None,
) -> list[ListedDocument] | None:
    """The 目录's rows that give pages, mapped onto the file; None when no 目录 was read."""
    rows = [r for r in _contents_rows(pages, documents) if r.first_page is not None]
    if not rows:
        return None
    aliases = [(a, t.id) for t in load_split_config().types for a in t.aliases]
    types = [row_type(r.title, aliases) for r in rows]
    by_printed = {n: i for i, n in enumerate(printed or (), start=1) if n is not None}
    starts: dict[int, set[str]] = {}
    for d in documents:
        starts.setdefault(d.first_page, set()).add(d.type)
    toc_last = max(d.last_page for d in documents if d.type == CONTENTS)
    offset = best_offset(
        [(t, r.first_page) for t, r in zip(types, rows, strict=True)],
        starts,
        len(pages),
        preferred=(toc_last, 0),
    )
    out = []
    running = offset
    for row, type_id in zip(rows, types, strict=True):
        first = row.first_page or 0
        last = row.last_page or first
        at: tuple[int | None, int | None] = (None, None)
        if first in by_printed:
            at = (by_printed[first], by_printed.get(last))
            running = by_printed[first] - first
        elif running is not None:
            running = _follow(running, type_id, first, starts)
            at = (first + running, last + running)
        out.append(
            ListedDocument(row.number, row.title, type_id, first, last, at[0], at[1], row.page)
        )
    return out


def _follow(running: int, type_id: str | None, first: int, starts: dict[int, set[str]]) -> int:
    """The offset of one row: the nearest to the rows before it that puts the row's type on
    a page where such a document starts (a page missing or inserted shifts the rest), else
    the running one (the row is then judged not found where the 目录 puts it)."""
    near = [
        o
        for o in range(running - MAX_SHIFT, running + MAX_SHIFT + 1)
        if type_id is not None and type_id in starts.get(first + o, ())
    ]
    return min(near, key=lambda o: (abs(o - running), o)) if near else running
