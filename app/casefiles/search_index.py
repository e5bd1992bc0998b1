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

On SQLite ``page_search`` is an FTS5 table whose rowid is ``pages.id``; on PostgreSQL it is a
plain table ``(page_id, body)`` with a ``pg_trgm`` GIN index when the extension could be
created (see the migration).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import bindparam, select, text
from sqlalchemy.orm import Session

from app.casefiles.search_text import fold, index_body
from app.store.models import Page

TABLE = "page_search"
_BATCH = 500


def is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def _body(session: Session, ocr_text: str) -> str:
    # SQLite: space-separated tokens for FTS5; PostgreSQL: the folded text itself, which
    # LIKE (accelerated by pg_trgm) searches exactly.
    return index_body(ocr_text) if is_sqlite(session) else fold(ocr_text).text


def _delete_rows(session: Session, page_ids: Sequence[int]) -> None:
    if not page_ids:
        return
    column = "rowid" if is_sqlite(session) else "page_id"
    statement = text(f"DELETE FROM {TABLE} WHERE {column} IN :ids").bindparams(
        bindparam("ids", expanding=True)
    )
    for start in range(0, len(page_ids), _BATCH):
        session.execute(statement, {"ids": list(page_ids[start : start + _BATCH])})


def _write_rows(session: Session, rows: Sequence[tuple[int, str | None]]) -> int:
    """Replace the index rows of these pages; a page without text gets no row."""
    _delete_rows(session, [page_id for page_id, _ in rows])
    values = [
        {"id": page_id, "body": _body(session, ocr_text)}
        for page_id, ocr_text in rows
        if ocr_text and ocr_text.strip()
    ]
    if values:
        column = "rowid" if is_sqlite(session) else "page_id"
        session.execute(text(f"INSERT INTO {TABLE} ({column}, body) VALUES (:id, :body)"), values)
    return len(values)


def index_pages(
    session: Session, case_file_id: int, page_indexes: Iterable[int] | None = None
) -> int:
    """Index the pages of one case file from their current ``ocr_text`` (all of them, or the
    given 1-based page numbers). Returns how many pages now have an index row.

    Runs in the caller's session, so the index changes commit with the OCR text."""
    session.flush()  # pending page changes must be visible to the SELECT below
    query = select(Page.id, Page.ocr_text).where(Page.case_file_id == case_file_id)
    if page_indexes is not None:
        wanted = sorted(set(page_indexes))
        if not wanted:
            return 0
        query = query.where(Page.index.in_(wanted))
    rows = [(page_id, ocr_text) for page_id, ocr_text in session.execute(query)]
    return _write_rows(session, rows)


def reindex_case(session: Session, case_file_id: int) -> int:
    """Drop and rebuild the index of one case file (e.g. after it was OCRed again)."""
    remove_case(session, case_file_id)
    return index_pages(session, case_file_id)


def remove_case(session: Session, case_file_id: int) -> None:
    """Remove a case file's pages from the index, keeping the pages themselves.

    Deleting the case file needs no call: the triggers of revision 0002 clean up."""
    session.flush()
    page_ids = list(session.scalars(select(Page.id).where(Page.case_file_id == case_file_id)))
    _delete_rows(session, page_ids)


def unindexed_page_ids(session: Session) -> list[int]:
    """Pages that have text but no index row (never indexed, or text changed since)."""
    session.flush()
    key = "rowid" if is_sqlite(session) else "page_id"
    return list(
        session.scalars(
            text(
                f"SELECT pages.id FROM pages WHERE pages.ocr_text IS NOT NULL "
                f"AND NOT EXISTS (SELECT 1 FROM {TABLE} AS s WHERE s.{key} = pages.id) "
                f"ORDER BY pages.id"
            )
        )
    )


def index_missing(session: Session) -> int:
    """Index every page that has text but no index row; returns how many were indexed."""
    page_ids = unindexed_page_ids(session)
    done = 0
    for start in range(0, len(page_ids), _BATCH):
        chunk = page_ids[start : start + _BATCH]
        rows = session.execute(select(Page.id, Page.ocr_text).where(Page.id.in_(chunk)))
        done += _write_rows(session, [(page_id, ocr_text) for page_id, ocr_text in rows])
    return done
