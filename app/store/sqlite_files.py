"""Looking inside a SQLite file without changing it.

Merely opening a WAL-mode database read-write can change its header or leave ``-wal``/``-shm``
files behind, so the product's first look at any file (its own database before an upgrade, a
file offered for restore) goes through here: header check, then a read-only connection.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.store.errors import NotADatabaseError

SQLITE_HEADER = b"SQLite format 3\x00"
VERSION_TABLE = "alembic_version"


def has_sqlite_header(file: Path) -> bool:
    with file.open("rb") as handle:
        return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def read_only_uri(file: Path) -> str:
    """A ``file:`` URI that opens ``file`` read-only.

    Without a ``-wal`` file the database is fully checkpointed and ``immutable=1`` lets SQLite
    read it without creating any side file; with one, ``mode=ro`` reads the WAL too."""
    uri = file.resolve().as_uri()
    wal = file.with_name(file.name + "-wal")
    return f"{uri}?mode=ro" if wal.exists() else f"{uri}?mode=ro&immutable=1"


def connect_read_only(file: Path) -> sqlite3.Connection:
    return sqlite3.connect(read_only_uri(file), uri=True)


def read_sqlite_revision(file: Path) -> str | None:
    """The Alembic revision stamped in ``file``; None if the file is missing or empty.

    Raises ``NotADatabaseError`` for a file that is not SQLite or holds another program's
    tables. Never writes to the file."""
    if not file.exists() or file.stat().st_size == 0:
        return None
    if file.is_dir() or not has_sqlite_header(file):
        raise NotADatabaseError(
            f"文件“{file.name}”不是案卷评查工作站的数据库（不是 SQLite 数据库文件）。文件未作任何改动。"
        )
    try:
        connection = connect_read_only(file)
        try:
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            if VERSION_TABLE not in tables:
                if tables:
                    raise NotADatabaseError(
                        f"文件“{file.name}”是其他程序的数据库，不是案卷评查工作站的数据库。文件未作任何改动。"
                    )
                return None
            row = connection.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        from app.store.way_out import sqlite_reason  # way_out → backup → this module

        reason = sqlite_reason(exc) or "文件可能已损坏"
        raise NotADatabaseError(
            f"无法读取数据库文件“{file.name}”：{reason}。文件未作任何改动。"
        ) from exc
    return row[0] if row else None
