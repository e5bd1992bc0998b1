"""Opening the database at start-up without paying for Alembic when nothing is to migrate.

Importing Alembic (and through it every SQLAlchemy dialect) costs a good share of the
window's start-up. A SQLite library already at the head revision — the everyday case —
is recognised by reading its stamp read-only and opened directly; anything else (a new,
older, newer or foreign database, or PostgreSQL) goes through the full
:func:`app.store.migrations.ensure_ready` with its checks and backups.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import URL

from app.store.database import Database, is_sqlite, open_database, sqlite_file
from app.store.server import parse_url
from app.store.sqlite_files import read_sqlite_revision

# The newest Alembic revision this program ships; tests/unit/test_migrations.py asserts it
# equals the head of app/store/migrations/versions.
HEAD_REVISION = "0008"


def ensure_ready(url: str | URL, backup_dir: Path | None) -> Database:
    url = parse_url(url)
    file = sqlite_file(url) if is_sqlite(url) else None
    if file is not None and read_sqlite_revision(file) == HEAD_REVISION:
        return open_database(url)
    from app.store.migrations import ensure_ready as migrate_and_open

    return migrate_and_open(url, backup_dir)
