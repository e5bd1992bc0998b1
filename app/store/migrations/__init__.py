"""Schema migrations: check, back up, upgrade. What the CLI and the window call at start-up.

Alembic is configured in code: ``script_location`` is this folder, so no ``alembic.ini`` is
needed at run time. The rules, in order:

1. A SQLite file is first inspected **read-only** (``mode=ro``): a file that is not SQLite,
   a database of another program, or one stamped by a newer version of the product is
   refused before anything could write to it (not even WAL files or the header change).
2. If the database is behind the head revision and holds data, a backup is made first
   (see ``app.store.backup``).
3. The upgrade runs in one transaction (SQLite DDL included): it all happens or nothing does.

A fresh (empty) database gets no backup: there is nothing to lose.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import alembic
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import URL, Connection, inspect
from sqlalchemy.engine import make_url

from app.store.backup import backup_before_upgrade
from app.store.database import Database, open_database
from app.store.errors import NotADatabaseError, SchemaTooNewError, StoreError
from app.store.sqlite_files import read_sqlite_revision

SCRIPT_LOCATION = Path(__file__).resolve().parent
# Alembic 1.16 renamed the option that splits ``version_locations``.
_SEPARATOR_OPTION = (
    "path_separator"
    if tuple(int(p) for p in alembic.__version__.split(".")[:2]) >= (1, 16)
    else "version_path_separator"
)


@dataclass(frozen=True)
class MigrationResult:
    """What ``upgrade`` did: revisions before and after, and the backup it made (if any)."""

    before: str | None
    after: str | None
    backup_file: Path | None

    @property
    def changed(self) -> bool:
        return self.before != self.after


def alembic_config(url: str | URL, extra_version_locations: tuple[Path, ...] = ()) -> Config:
    """An Alembic configuration built in code. Extra version folders let tests (or a later
    plug-in) add revisions on top of the product's own."""
    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    locations = [SCRIPT_LOCATION / "versions", *extra_version_locations]
    config.set_main_option(_SEPARATOR_OPTION, "os")
    config.set_main_option("version_locations", _join_paths(locations))
    rendered = make_url(url).render_as_string(hide_password=False)
    config.set_main_option("sqlalchemy.url", rendered.replace("%", "%%"))
    return config


def _join_paths(paths: list[Path]) -> str:
    return os.pathsep.join(str(p) for p in paths)


def _scripts(config: Config) -> ScriptDirectory:
    return ScriptDirectory.from_config(config)


def head_revision(config: Config | None = None) -> str:
    """The newest schema revision this program knows."""
    head = _scripts(config or alembic_config("sqlite://")).get_current_head()
    if head is None:  # pragma: no cover - the product always ships a revision
        raise StoreError("程序缺少数据库结构定义，无法继续。")
    return head


def known_revisions(config: Config | None = None) -> set[str]:
    return {
        rev.revision for rev in _scripts(config or alembic_config("sqlite://")).walk_revisions()
    }


def current_revision(db: Database) -> str | None:
    """The revision the database is stamped with; None for a fresh database.

    A SQLite file is read read-only, so asking never changes it."""
    file = db.file
    if file is not None:
        return read_sqlite_revision(file)
    with db.engine.connect() as connection:
        _refuse_foreign(connection)
        return MigrationContext.configure(connection).get_current_revision()


def _refuse_foreign(connection: Connection) -> None:
    tables = set(inspect(connection).get_table_names())
    if tables and "alembic_version" not in tables:
        raise NotADatabaseError(
            "该数据库中已有其他程序的数据表，不是案卷评查工作站的数据库。数据库未作任何改动。"
        )


def check_revision(db: Database, config: Config | None = None) -> str | None:
    """The current revision, or ``SchemaTooNewError`` if this program does not know it."""
    revision = current_revision(db)
    if revision is not None and revision not in known_revisions(config):
        raise SchemaTooNewError(revision)
    return revision


def upgrade(
    db: Database, backup_dir: Path | None, *, config: Config | None = None
) -> MigrationResult:
    """Bring the database to the head revision, backing it up first if it holds data.

    ``backup_dir`` may be None only for a database that needs no backup (a fresh one);
    otherwise a missing backup folder is an error rather than a silent risk."""
    config = config or alembic_config(db.url)
    before = check_revision(db, config)
    head = head_revision(config)
    if before == head:
        return MigrationResult(before, before, None)
    backup_file = None
    if before is not None:
        if backup_dir is None:
            raise StoreError("升级数据库前需要备份，但没有指定备份文件夹。数据库未作任何改动。")
        backup_file = backup_before_upgrade(db, backup_dir, before)
    with db.engine.connect() as connection:
        config.attributes["connection"] = connection
        try:
            command.upgrade(config, "head")
            connection.commit()
        finally:
            config.attributes.pop("connection", None)
    return MigrationResult(before, current_revision(db), backup_file)


def ensure_ready(url: str | URL, backup_dir: Path | None) -> Database:
    """Open the database, refuse it if it is foreign or too new, upgrade it if it is behind.

    This is what the CLI and the window call at start-up."""
    # ``upgrade`` checks a SQLite file read-only before the engine ever connects (a
    # connection would switch the file to WAL mode).
    db = open_database(make_url(url))
    try:
        upgrade(db, backup_dir)
    except BaseException:
        db.dispose()
        raise
    return db


__all__ = [
    "SCRIPT_LOCATION",
    "MigrationResult",
    "NotADatabaseError",
    "SchemaTooNewError",
    "StoreError",
    "alembic_config",
    "check_revision",
    "current_revision",
    "ensure_ready",
    "head_revision",
    "known_revisions",
    "upgrade",
]
