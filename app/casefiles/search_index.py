"""Keeping the full-text index (table ``page_search``, schema revision 0002) in step with
``pages.ocr_text``.

Who writes what:

- **The import pipeline** calls ``index_pages(session, case_file_id)`` after OCR has filled
  ``pages.ocr_text`` (and ``reindex_case`` when a dossier is OCRed again). The index text is
  computed in Python (one token per CJK character, see ``search_text``): SQLite triggers
  cannot call Python, and a SQL function registered on our connections would break every
  other tool that opens the file (sqlite3 shell, backups, a restore).
- **Triggers** (created by revision 0002) do what plain SQL can: when a page is deleted
  (a case file removed, FK cascade included) its index row goes too, and when its
  ``ocr_text`` changes its index row is dropped, so the index never answers with text a page
  no longer has; the page is searchable again once ``index_pages`` has run.
- ``index_missing(session)`` indexes every page with text but no index row: for start-up,
  after a restore, or after moving a SQLite library onto PostgreSQL (those copy the model
  tables only).

On SQLite ``page_search`` is an FTS5 table whose rowid is ``sqlite_key(case_file_id,
page_index)`` (so matches come out in page order); on PostgreSQL it is a plain table
``(page_id, body)`` with a ``pg_trgm`` GIN index when the extension could be created (see
the migration).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import Executable, bindparam, select, text
from sqlalchemy.orm import Session

from app.casefiles.search_text import fold, index_body
from app.store.models import Page

TABLE = "page_search"
PAGE_BITS = 20  # SQLite rowid = case_file_id * 2**20 + page_index (the triggers say 1048576)
MAX_PAGE_INDEX = (1 << PAGE_BITS) - 1
_BATCH = 500

# One page as the index sees it: (pages.id, case_file_id, page_index, ocr_text).
PageRow = tuple[int, int, int, str | None]


def is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def sqlite_key(case_file_id: int, page_index: int) -> int:
    """The FTS5 rowid of a page: rowid order is case-file-then-page order."""
    return (case_file_id << PAGE_BITS) | page_index


def page_of_key(key: int) -> tuple[int, int]:
    """``(case_file_id, page_index)`` of an FTS5 rowid."""
    return key >> PAGE_BITS, key & MAX_PAGE_INDEX


def _keys(session: Session, pages: Sequence[PageRow]) -> list[int]:
    if is_sqlite(session):
        return [sqlite_key(case_id, index) for _, case_id, index, _ in pages]
    return [page_id for page_id, _, _, _ in pages]


def _delete_rows(session: Session, keys: Sequence[int]) -> None:
    if not keys:
        return
    column = "rowid" if is_sqlite(session) else "page_id"
    statement = text(f"DELETE FROM {TABLE} WHERE {column} IN :keys").bindparams(
        bindparam("keys", expanding=True)
    )
    for start in range(0, len(keys), _BATCH):
        session.execute(statement, {"keys": list(keys[start : start + _BATCH])})


def _write_rows(session: Session, pages: Sequence[PageRow]) -> int:
    """Replace the index rows of these pages; a page without text gets no row.

    SQLite gets space-separated tokens for FTS5; PostgreSQL the folded text itself, which
    ``LIKE`` (accelerated by pg_trgm) searches exactly."""
    pages = [page for page in pages if page[2] <= MAX_PAGE_INDEX]
    keys = _keys(session, pages)
    _delete_rows(session, keys)
    sqlite = is_sqlite(session)
    values = [
        {"key": key, "body": index_body(ocr_text) if sqlite else fold(ocr_text).text}
        for key, (_, _, _, ocr_text) in zip(keys, pages, strict=True)
        if ocr_text
    ]
    if values:
        column = "rowid" if sqlite else "page_id"
        session.execute(text(f"INSERT INTO {TABLE} ({column}, body) VALUES (:key, :body)"), values)
    return len(values)


_COLUMNS = (Page.id, Page.case_file_id, Page.index, Page.ocr_text)


def _rows(session: Session, query: Executable) -> list[PageRow]:
    return [(r[0], r[1], r[2], r[3]) for r in session.execute(query)]


def index_pages(
    session: Session, case_file_id: int, page_indexes: Iterable[int] | None = None
) -> int:
    """Index the pages of one case file from their current ``ocr_text`` (all of them, or the
    given 1-based page numbers). Returns how many pages now have an index row.

    Runs in the caller's session, so the index changes commit with the OCR text."""
    session.flush()  # pending page changes must be visible to the SELECT below
    query = select(*_COLUMNS).where(Page.case_file_id == case_file_id)
    if page_indexes is not None:
        wanted = sorted(set(page_indexes))
        if not wanted:
            return 0
        query = query.where(Page.index.in_(wanted))
    return _write_rows(session, _rows(session, query))


def reindex_case(session: Session, case_file_id: int) -> int:
    """Drop and rebuild the index of one case file (e.g. after it was OCRed again)."""
    remove_case(session, case_file_id)
    return index_pages(session, case_file_id)


def remove_case(session: Session, case_file_id: int) -> None:
    """Remove a case file's pages from the index, keeping the pages themselves.

    Deleting the case file needs no call: the triggers of revision 0002 clean up."""
    session.flush()
    if is_sqlite(session):
        session.execute(
            text(f"DELETE FROM {TABLE} WHERE rowid >= :low AND rowid <= :high"),
            {"low": sqlite_key(case_file_id, 0), "high": sqlite_key(case_file_id, MAX_PAGE_INDEX)},
        )
        return
    query = select(*_COLUMNS).where(Page.case_file_id == case_file_id)
    _delete_rows(session, _keys(session, _rows(session, query)))


def unindexed_page_ids(session: Session) -> list[int]:
    """Pages that have text but no index row (never indexed, or text changed since)."""
    session.flush()
    if is_sqlite(session):
        indexed = (
            f"SELECT 1 FROM {TABLE} WHERE {TABLE}.rowid = "
            f"pages.case_file_id * {1 << PAGE_BITS} + pages.page_index"
        )
    else:
        indexed = f"SELECT 1 FROM {TABLE} AS s WHERE s.page_id = pages.id"
    return list(
        session.scalars(
            text(
                "SELECT pages.id FROM pages WHERE pages.ocr_text IS NOT NULL "
                f"AND pages.ocr_text <> '' AND NOT EXISTS ({indexed}) ORDER BY pages.id"
            )
        )
    )


def index_missing(session: Session) -> int:
    """Index every page that has text but no index row; returns how many were indexed."""
    page_ids = unindexed_page_ids(session)
    done = 0
    for start in range(0, len(page_ids), _BATCH):
        chunk = page_ids[start : start + _BATCH]
        done += _write_rows(session, _rows(session, select(*_COLUMNS).where(Page.id.in_(chunk))))
    return done
