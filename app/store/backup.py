"""Backup copies of the database.

- SQLite: the sqlite3 online backup API (consistent even while the product has the database
  open), written to a temporary name, switched to a single self-contained file
  (``journal_mode=DELETE``) and renamed into place.
- PostgreSQL: a logical JSON dump made through SQLAlchemy (every table of the product, rows
  as JSON values, plus the schema revision). It needs no ``pg_dump`` whose version must
  match the server's, and ``app.store.restore`` reads it back (also into a fresh server).
  Server-level backups (``pg_dump``/``pg_basebackup``) remain the administrator's job.

Both report progress through a :class:`TaskState` and stop when it is cancelled; the
partial file is then deleted, so a cancelled backup leaves nothing behind.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import sqlite3
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from alembic.runtime.migration import MigrationContext
from sqlalchemy import MetaData, select

from app.errors import os_reason
from app.private_files import make_private, private_dir
from app.store.database import Database
from app.store.errors import BackupError, StoreError
from app.store.sqlite_files import connect_read_only
from app.tasks import TaskState

DUMP_FORMAT = "anjuan-pingcha-dump"
DUMP_FORMAT_VERSION = 1
# SQLite pages copied per step of the online backup: small enough that progress and Cancel
# come several times a second, large enough that the copy is not slowed down.
PAGES_PER_STEP = 1024


def backup_file_name(revision: str | None, suffix: str, note: str = "") -> str:
    """``library-<timestamp>-<rev>[-note].<suffix>``; local time, because users read it."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    parts = ["library", stamp, revision or "empty", *([note] if note else [])]
    return "-".join(parts) + suffix


def _free_path(folder: Path, name: str) -> Path:
    """Never overwrite an earlier backup made in the same second."""
    candidate = folder / name
    stem, suffix = candidate.stem, candidate.suffix
    counter = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{counter}{suffix}"
        counter += 1
    return candidate


def backup_suffix(db: Database) -> str:
    return ".sqlite3" if db.is_sqlite else ".json"


def backup_into(
    db: Database,
    folder: Path,
    revision: str | None,
    note: str = "",
    state: TaskState | None = None,
) -> Path:
    """A backup of ``db`` under a new, dated name in ``folder``."""
    private_dir(folder)
    dest = _free_path(folder, backup_file_name(revision, backup_suffix(db), note))
    return backup(db, dest, state)


def backup_before_upgrade(db: Database, folder: Path, revision: str) -> Path:
    return backup_into(db, folder, revision)


def _reason(exc: OSError | sqlite3.Error) -> str:
    """Why a backup could not be written, in Chinese (the driver's text is English)."""
    if isinstance(exc, OSError):
        return os_reason(exc)
    from app.store.way_out import sqlite_reason  # way_out reads this module's backups

    return sqlite_reason(exc) or "数据库读取出错"


def backup(db: Database, dest_file: Path, state: TaskState | None = None) -> Path:
    """Copy the whole database to ``dest_file`` (SQLite file or JSON dump, see module doc).
    Cancelled through ``state``: the partial file is deleted and ``Cancelled`` raised."""
    state = state or TaskState()
    dest_file = Path(dest_file)
    dest_file.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest_file.with_name(dest_file.name + ".partial")
    try:
        if db.is_sqlite:
            _sqlite_backup(db, tmp, state)
        else:
            _logical_dump(db, tmp, state)
        make_private(tmp)  # a backup holds everything the database holds
        os.replace(tmp, dest_file)
    except (OSError, sqlite3.Error) as exc:
        _discard(tmp)
        raise BackupError(f"无法写入备份文件“{dest_file}”：{_reason(exc)}") from exc
    except BaseException:  # cancelled (or worse): no half-written backup stays behind
        _discard(tmp)
        raise
    return dest_file


def _discard(tmp: Path) -> None:
    """Remove a partial backup. On a read-only folder even removing a file that is not
    there fails (EROFS, not ENOENT): nothing was written then, and the reason to show is
    the first error, not this one."""
    with contextlib.suppress(OSError):
        tmp.unlink(missing_ok=True)


def copy_sqlite(
    source: sqlite3.Connection, target: sqlite3.Connection, state: TaskState, message: str
) -> None:
    """The sqlite3 online backup, a step at a time, reporting ``message`` and the pages
    copied to ``state``; an exception in the report (Cancel) aborts the copy."""

    def report(_status: int, remaining: int, total: int) -> None:
        state.progress(total - remaining, total, message)

    source.backup(target, pages=PAGES_PER_STEP, progress=report)


def _sqlite_backup(db: Database, dest: Path, state: TaskState) -> None:
    source_file = db.file
    if source_file is None or not source_file.exists():
        raise StoreError("没有可备份的数据库文件。")
    dest.unlink(missing_ok=True)
    source = connect_read_only(source_file)
    target = sqlite3.connect(dest)
    try:
        copy_sqlite(source, target, state, "正在备份数据库……")
        target.execute("PRAGMA journal_mode = DELETE")
        target.commit()
    finally:
        target.close()
        source.close()


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return {"$base64": base64.b64encode(bytes(value)).decode("ascii")}
    return value


def _logical_dump(db: Database, dest: Path, state: TaskState) -> None:
    with db.engine.connect() as connection:
        revision = MigrationContext.configure(connection).get_current_revision()
        metadata = MetaData()
        metadata.reflect(connection)
        tables: dict[str, Any] = {}
        for n, table in enumerate(metadata.sorted_tables):
            state.progress(n, len(metadata.sorted_tables), "正在备份数据库……")
            if table.name == "alembic_version":
                continue
            columns = [c.name for c in table.columns]
            order = [c for c in table.primary_key.columns] or list(table.columns)
            rows = connection.execute(select(table).order_by(*order)).all()
            tables[table.name] = {
                "columns": columns,
                "rows": [[_json_value(v) for v in row] for row in rows],
            }
    document = {
        "format": DUMP_FORMAT,
        "format_version": DUMP_FORMAT_VERSION,
        "revision": revision,
        "dialect": db.url.get_backend_name(),
        "created_at": datetime.now().astimezone().isoformat(),
        "tables": tables,
    }
    with dest.open("w", encoding="utf-8") as handle:
        json.dump(document, handle, ensure_ascii=False)


# ------------------------------------------------------------------ daily copies
DAILY_NOTE = "daily"
BACKUP_SUFFIXES = (".sqlite3", ".json")


def backups_in(folder: Path) -> list[Path]:
    """The backups in ``folder``, newest first (by the time in their name, then mtime)."""
    if not folder.is_dir():
        return []
    found = [
        p
        for p in folder.iterdir()
        if p.is_file() and p.suffix in BACKUP_SUFFIXES and p.name.startswith("library-")
    ]
    return sorted(found, key=lambda p: (p.name[8:23], p.stat().st_mtime), reverse=True)


def _is_daily(path: Path) -> bool:
    stem = path.stem
    return stem.endswith(f"-{DAILY_NOTE}") or f"-{DAILY_NOTE}-" in stem


def daily_backup(
    db: Database,
    folder: Path,
    revision: str | None,
    keep: int,
    today: date,
    state: TaskState | None = None,
) -> Path | None:
    """The day's automatic copy of the database, once a day, keeping the newest ``keep``
    daily copies (other backups are never removed). None when there is nothing to do."""
    if keep <= 0:
        return None
    dailies = [p for p in backups_in(folder) if _is_daily(p)]
    made = None
    if not any(p.name.startswith(f"library-{today:%Y%m%d}-") for p in dailies):
        made = backup_into(db, folder, revision, DAILY_NOTE, state)
        dailies.insert(0, made)
    for old in dailies[keep:]:
        old.unlink(missing_ok=True)
    return made
