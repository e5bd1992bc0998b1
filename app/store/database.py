"""Opening the database: one engine per database, sessions that commit or roll back.

SQLite is tuned on every new connection (WAL, foreign keys, a busy timeout) through an
engine ``connect`` event, so every code path gets the same guarantees. The pysqlite driver
is also switched to explicit ``BEGIN`` so that DDL in migrations is really transactional.
A PostgreSQL URL (``postgresql+psycopg://...``) goes through unchanged, its server tried
once at open (``app.store.server``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, sessionmaker

from app.config import is_demo_folder
from app.private_files import make_private
from app.store.server import parse_url, server_engine

BUSY_TIMEOUT_MS = 10_000


def _tune_sqlite(dbapi_connection: Any, _record: Any) -> None:
    # Autocommit at the driver level; SQLAlchemy's "begin" event below emits BEGIN itself.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        _make_database_private(cursor)
    finally:
        cursor.close()


def _make_database_private(cursor: Any) -> None:
    """User-only access to the database file and the WAL files beside it (SQLite gives
    the WAL files the main file's mode, so setting it at every connection is enough)."""
    for _seq, name, file in cursor.execute("PRAGMA database_list").fetchall():
        if name == "main" and file:
            make_private(*(Path(file + side) for side in ("", "-wal", "-shm", "-journal")))


def _begin_sqlite(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")


def is_sqlite(url: URL) -> bool:
    return url.get_backend_name() == "sqlite"


def sqlite_file(url: URL) -> Path | None:
    """The file behind a SQLite URL, or None for an in-memory database."""
    if not is_sqlite(url) or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def is_demo_database(url: URL) -> bool:
    """Whether the database at ``url`` is a demo library's (its data folder is marked)."""
    file = sqlite_file(url)
    return file is not None and is_demo_folder(file.parent)


@dataclass
class Database:
    """An open database: its URL, its engine and a session factory."""

    url: URL
    engine: Engine
    _sessions: sessionmaker[Session] = field(repr=False)

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self.url)

    @property
    def file(self) -> Path | None:
        """The SQLite file, or None (PostgreSQL, in-memory)."""
        return sqlite_file(self.url)

    @property
    def demo_library(self) -> bool:
        """The demo library's own database: demo dossiers are its real content here."""
        return is_demo_database(self.url)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed when the block ends, rolled back if it raises."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        """Close pooled connections (lets SQLite fold the WAL back into the file)."""
        self.engine.dispose()


def open_database(url: str | URL) -> Database:
    """Create the engine for ``url``. Nothing touches a SQLite database until the first
    query; a PostgreSQL server is tried at once (app/store/server.py)."""
    parsed = parse_url(url)
    if is_sqlite(parsed):
        file = sqlite_file(parsed)
        if file is not None:
            file.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed)
        event.listen(engine, "connect", _tune_sqlite)
        event.listen(engine, "begin", _begin_sqlite)
    else:
        engine = server_engine(parsed)
    return Database(
        url=parsed,
        engine=engine,
        _sessions=sessionmaker(engine, expire_on_commit=False),
    )
