"""Restoring the database from a backup (``db restore``).

The backup is checked before anything else happens: it must be a database (or JSON dump) of
this product, from a revision this program knows. Then a safety copy of the current
database goes into the backup folder, and only then is the database replaced:

- SQLite from a ``.sqlite3`` backup: page by page with the sqlite3 backup API;
- any other pair (a JSON dump, or moving a SQLite library onto PostgreSQL): the tables are
  dropped, the schema is rebuilt at the backup's revision by the migrations, and the rows
  are loaded, all in one transaction.

The restored database keeps the backup's revision; ``ensure_ready`` upgrades it on next open.

Progress goes to a :class:`TaskState`. Cancel is honoured until the swap begins (a cancelled
safety copy is deleted and nothing has changed); from then on it is ignored, because a
half-replaced database is worse than either the old or the restored one.
"""

from __future__ import annotations

import base64
import json
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from alembic import command
from sqlalchemy import (
    JSON,
    URL,
    Boolean,
    Connection,
    Date,
    DateTime,
    LargeBinary,
    MetaData,
    Table,
    text,
    update,
)
from sqlalchemy.engine import make_url

from app.private_files import make_private, private_dir
from app.store.backup import DUMP_FORMAT, backup_into, copy_sqlite
from app.store.database import Database, open_database
from app.store.derived import is_derived_table
from app.store.errors import BackupError, NotADatabaseError, SchemaTooNewError
from app.store.migrations import alembic_config, current_revision, known_revisions
from app.store.sqlite_files import (
    VERSION_TABLE,
    connect_read_only,
    has_sqlite_header,
    read_sqlite_revision,
)
from app.store.way_out import sqlite_reason
from app.tasks import TaskState


@dataclass(frozen=True)
class RestoreResult:
    revision: str
    safety_copy: Path | None


@dataclass(frozen=True)
class _Source:
    kind: str  # "sqlite" | "json"
    revision: str
    tables: dict[str, tuple[list[str], list[list[Any]]]] | None = None


def _not_ours(file: Path) -> NotADatabaseError:
    return NotADatabaseError(
        f"文件“{file.name}”不是案卷评查工作站的数据库或备份，无法恢复。当前数据库未作任何改动。"
    )


def _read_source(file: Path) -> _Source:
    if not file.is_file():
        raise BackupError(f"找不到备份文件“{file}”。当前数据库未作任何改动。")
    if has_sqlite_header(file):
        try:
            revision = read_sqlite_revision(file)
        except NotADatabaseError as exc:
            raise _not_ours(file) from exc
        if revision is None:
            raise _not_ours(file)
        return _Source("sqlite", revision)
    try:
        document = json.loads(file.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise _not_ours(file) from exc
    if not isinstance(document, dict) or document.get("format") != DUMP_FORMAT:
        raise _not_ours(file)
    tables = {
        name: (body["columns"], body["rows"]) for name, body in document.get("tables", {}).items()
    }
    return _Source("json", str(document.get("revision")), tables)


def _sqlite_tables(file: Path) -> dict[str, tuple[list[str], list[list[Any]]]]:
    connection = connect_read_only(file)
    try:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        tables = {}
        for name in names:
            if name == VERSION_TABLE or is_derived_table(name):
                continue
            cursor = connection.execute(f'SELECT * FROM "{name}"')
            columns = [d[0] for d in cursor.description]
            tables[name] = (columns, [list(row) for row in cursor.fetchall()])
        return tables
    finally:
        connection.close()


def _as_database(target: str | URL | Path | Database) -> tuple[Database, bool]:
    if isinstance(target, Database):
        return target, False
    if isinstance(target, Path) or (isinstance(target, str) and "://" not in target):
        return open_database(f"sqlite:///{Path(target)}"), True
    return open_database(make_url(target)), True


def _has_data(db: Database) -> bool:
    if db.file is not None:
        return db.file.exists() and db.file.stat().st_size > 0
    with db.engine.connect() as connection:
        return bool(_table_names(connection))


def _table_names(connection: Connection) -> list[str]:
    metadata = MetaData()
    metadata.reflect(connection)
    return list(metadata.tables)


def _unreadable(file: Path) -> bool:
    """Whether the SQLite file is there but not a database SQLite can read (damaged,
    truncated, overwritten)."""
    if not file.exists() or file.stat().st_size == 0:
        return False
    try:
        read_sqlite_revision(file)
    except NotADatabaseError:
        return True
    return False


def set_aside(file: Path, backup_dir: Path) -> Path:
    """Move a damaged database (and its -wal/-shm files) into the backup folder under a
    dated name; returns the new path of the main file."""
    private_dir(backup_dir)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = backup_dir / f"library-{stamp}-damaged.sqlite3"
    counter = 2
    while target.exists():
        target = backup_dir / f"library-{stamp}-damaged-{counter}.sqlite3"
        counter += 1
    for suffix in ("-wal", "-shm"):
        side = file.with_name(file.name + suffix)
        if side.exists():
            os.replace(side, target.with_name(target.name + suffix))
    os.replace(file, target)
    return target


def restore(
    target: str | URL | Path | Database,
    src_file: Path,
    backup_dir: Path,
    state: TaskState | None = None,
) -> RestoreResult:
    """Replace the database behind ``target`` with the backup ``src_file`` (see module doc)."""
    state = state or TaskState()
    src_file = Path(src_file)
    source = _read_source(src_file)
    if source.revision not in known_revisions():
        raise SchemaTooNewError(source.revision, backup_file=True)
    db, owned = _as_database(target)
    try:
        safety = None
        damaged = db.file is not None and _unreadable(db.file)
        if damaged and db.file is not None:
            # A damaged file cannot be copied through SQLite: it is moved aside whole,
            # never overwritten (``db check``/support may still read something from it).
            db.dispose()
            safety = set_aside(db.file, Path(backup_dir))
        elif _has_data(db):
            safety = backup_into(
                db, Path(backup_dir), current_revision(db), "before-restore", state
            )
        state.check()  # the last moment Cancel leaves the database as it was
        swapping = TaskState(on_progress=state.on_progress)  # not cancellable (see module)
        db.dispose()
        if source.kind == "sqlite" and db.file is not None:
            _copy_sqlite(src_file, db.file, swapping)
        else:
            tables = source.tables if source.tables is not None else _sqlite_tables(src_file)
            _logical_load(db, source.revision, tables, json_as_text=source.kind == "sqlite")
    finally:
        if owned:
            db.dispose()
    return RestoreResult(source.revision, safety)


def _copy_sqlite(src_file: Path, dest_file: Path, state: TaskState) -> None:
    dest_file.parent.mkdir(parents=True, exist_ok=True)
    source = connect_read_only(src_file)
    target = sqlite3.connect(dest_file, timeout=5)
    try:
        # Out of WAL mode first: only then may the copy bring another page size. This also
        # fails (database is locked) while another program still has the database open.
        target.execute("PRAGMA journal_mode = DELETE")
        copy_sqlite(source, target, state, "正在从备份恢复数据库（不可取消）……")
    except sqlite3.Error as exc:
        reason = sqlite_reason(exc) or "数据库读写出错"
        raise BackupError(
            f"恢复数据库失败（数据库可能正被其他程序使用）：{reason}。请关闭其他程序后再试。"
        ) from exc
    finally:
        target.close()
        source.close()
    make_private(dest_file)


def _convert(value: Any, column_type: Any, dialect: str, json_as_text: bool) -> Any:
    if value is None:
        return None
    if isinstance(column_type, DateTime):
        moment = datetime.fromisoformat(value) if isinstance(value, str) else value
        moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
        return moment.replace(tzinfo=None) if dialect == "sqlite" else moment
    if isinstance(column_type, Date):
        return date.fromisoformat(value[:10]) if isinstance(value, str) else value
    if isinstance(column_type, Boolean):
        return bool(value)
    if isinstance(column_type, JSON) and json_as_text and isinstance(value, str):
        return json.loads(value)
    if isinstance(column_type, LargeBinary) and isinstance(value, dict):
        return base64.b64decode(value["$base64"])
    return value


def _logical_load(
    db: Database,
    revision: str,
    tables: dict[str, tuple[list[str], list[list[Any]]]],
    *,
    json_as_text: bool,
) -> None:
    config = alembic_config(db.url)
    with db.engine.connect() as connection:
        existing = MetaData()
        existing.reflect(connection)
        existing.drop_all(connection)
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        schema = MetaData()
        schema.reflect(connection)
        for table in schema.sorted_tables:
            if (
                table.name in tables
                and table.name != VERSION_TABLE
                and not is_derived_table(table.name)
            ):
                columns, rows = tables[table.name]
                _insert_rows(connection, table, columns, rows, json_as_text)
        if connection.dialect.name == "postgresql":
            _reset_sequences(connection, schema.sorted_tables)
        connection.commit()


def _insert_rows(
    connection: Connection,
    table: Table,
    columns: list[str],
    rows: list[list[Any]],
    json_as_text: bool,
) -> None:
    """Insert rows; a column that refers to its own table is filled in a second pass, so a
    row may point at one inserted after it."""
    if not rows:
        return
    dialect = connection.dialect.name
    known = [c for c in columns if c in table.c]
    self_refs = {fk.parent.name for fk in table.foreign_keys if fk.column.table.name == table.name}
    records = []
    for row in rows:
        values = dict(zip(columns, row, strict=True))
        records.append(
            {c: _convert(values[c], table.c[c].type, dialect, json_as_text) for c in known}
        )
    connection.execute(
        table.insert(),
        [{k: (None if k in self_refs else v) for k, v in r.items()} for r in records],
    )
    for column in self_refs & set(known):
        for record in _with_value(records, column):
            connection.execute(
                update(table).where(table.c.id == record["id"]).values({column: record[column]})
            )


def _with_value(records: Iterable[dict[str, Any]], column: str) -> list[dict[str, Any]]:
    return [r for r in records if r.get(column) is not None]


def _reset_sequences(connection: Connection, tables: Iterable[Table]) -> None:
    for table in tables:
        if "id" in table.c:
            connection.execute(
                text(
                    "SELECT setval(pg_get_serial_sequence(:name, 'id'), "
                    f'COALESCE((SELECT MAX(id) FROM "{table.name}"), 0) + 1, false)'
                ),
                {"name": table.name},
            )
