"""Full-text search over the pages' OCR text: table ``page_search`` and its triggers.

The index text is written by ``app.casefiles.search_index`` (Python), the triggers only
remove rows that went stale, so no trigger needs anything but plain SQL.

SQLite: an FTS5 table; every CJK character / ASCII letter or digit of a page is one token
(``unicode61`` sees space-separated characters), so a term of any length is a phrase query.
Its rowid is ``case_file_id * 2**20 + page_index``: FTS5 returns matches in rowid order, so
hits come out in case-then-page order with no join or sort, a search can stop after its
first ``limit`` hits, and "within one dossier" is a rowid range. ``columnsize=0``: no
ranking is done, the per-row sizes are not needed.

PostgreSQL: a plain table ``(page_id, body)`` holding the folded text, searched with
``LIKE``; the ``pg_trgm`` GIN index makes that fast. ``pg_trgm`` is a trusted extension
(PostgreSQL 13+), so a database owner may create it; where it is not installed or not
allowed, the migration goes on without it and ``LIKE`` scans the table (still correct).

Caution for later revisions: rebuilding ``pages`` with ``batch_alter_table`` on SQLite drops
its triggers; such a revision must create the two ``page_search_*`` triggers again.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 10:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op
from sqlalchemy import text

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_UP = (
    "CREATE VIRTUAL TABLE page_search USING fts5("
    "body, tokenize = 'unicode61 remove_diacritics 0', columnsize = 0)",
    "CREATE TRIGGER page_search_page_deleted AFTER DELETE ON pages BEGIN "
    "DELETE FROM page_search WHERE rowid = old.case_file_id * 1048576 + old.page_index; END",
    "CREATE TRIGGER page_search_text_changed "
    "AFTER UPDATE OF ocr_text, case_file_id, page_index ON pages "
    "WHEN old.ocr_text IS NOT new.ocr_text OR old.case_file_id IS NOT new.case_file_id "
    "OR old.page_index IS NOT new.page_index BEGIN "
    "DELETE FROM page_search WHERE rowid = old.case_file_id * 1048576 + old.page_index; END",
)
SQLITE_DOWN = (
    "DROP TRIGGER IF EXISTS page_search_text_changed",
    "DROP TRIGGER IF EXISTS page_search_page_deleted",
    "DROP TABLE IF EXISTS page_search",
)

POSTGRES_UP = (
    "CREATE TABLE page_search ("
    "page_id INTEGER NOT NULL, body TEXT NOT NULL, "
    "CONSTRAINT pk_page_search PRIMARY KEY (page_id), "
    "CONSTRAINT fk_page_search_page_id_pages FOREIGN KEY (page_id) "
    "REFERENCES pages (id) ON DELETE CASCADE)",
    "CREATE OR REPLACE FUNCTION page_search_forget() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN DELETE FROM page_search WHERE page_id = OLD.id; RETURN NULL; END $$",
    "CREATE TRIGGER page_search_text_changed AFTER UPDATE OF ocr_text ON pages "
    "FOR EACH ROW WHEN (OLD.ocr_text IS DISTINCT FROM NEW.ocr_text) "
    "EXECUTE FUNCTION page_search_forget()",
)
POSTGRES_TRGM_INDEX = (
    "CREATE INDEX ix_page_search_body_trgm ON page_search USING gin (body gin_trgm_ops)"
)
POSTGRES_DOWN = (
    "DROP TRIGGER IF EXISTS page_search_text_changed ON pages",
    "DROP FUNCTION IF EXISTS page_search_forget()",
    "DROP TABLE IF EXISTS page_search",
)


def _try_pg_trgm() -> bool:
    """Create pg_trgm if possible. A failure must not abort the migration's transaction,
    hence the savepoint."""
    bind = op.get_bind()
    available = bind.execute(
        text("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
    ).first()
    if available is None:
        return False
    savepoint = bind.begin_nested()
    try:
        bind.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except Exception:
        savepoint.rollback()
        return False
    savepoint.commit()
    return True


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_UP:
            op.execute(statement)
        return
    for statement in POSTGRES_UP:
        op.execute(statement)
    if _try_pg_trgm():
        op.execute(POSTGRES_TRGM_INDEX)


def downgrade() -> None:
    statements = SQLITE_DOWN if op.get_bind().dialect.name == "sqlite" else POSTGRES_DOWN
    for statement in statements:
        op.execute(statement)
