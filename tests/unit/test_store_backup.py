"""``db backup`` / ``db restore`` on SQLite: round trip, safety copy, refusals."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, text

from app.store.backup import backup
from app.store.database import Database, open_database
from app.store.errors import NotADatabaseError, SchemaTooNewError
from app.store.migrations import current_revision, ensure_ready, head_revision
from app.store.models import Department
from app.store.restore import restore
from app.store.sqlite_files import read_sqlite_revision
from app.tasks import Cancelled, TaskState


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = ensure_ready(f"sqlite:///{tmp_path / 'data' / 'library.sqlite3'}", None)
    yield database
    database.dispose()


def _names(db: Database) -> list[str]:
    with db.session() as s:
        return list(s.scalars(select(Department.name).order_by(Department.name)))


def _add(db: Database, *names: str) -> None:
    with db.session() as s:
        s.add_all(Department(name=n) for n in names)


def test_backup_is_a_self_contained_copy_made_while_the_database_is_open(
    db: Database, tmp_path: Path
) -> None:
    _add(db, "甲局")
    with db.engine.connect() as reader:  # an open reader does not block the online backup
        reader.execute(text("SELECT 1"))
        out = backup(db, tmp_path / "out" / "copy.sqlite3")
    assert out.exists() and not (tmp_path / "out" / "copy.sqlite3-wal").exists()
    assert read_sqlite_revision(out) == head_revision()
    connection = sqlite3.connect(out)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert connection.execute("SELECT name FROM departments").fetchall() == [("甲局",)]
    connection.close()


def test_backup_then_restore_round_trip_keeps_a_safety_copy(db: Database, tmp_path: Path) -> None:
    _add(db, "甲局")
    saved = backup(db, tmp_path / "saved.sqlite3")
    _add(db, "乙局")
    assert _names(db) == ["乙局", "甲局"]

    result = restore(db, saved, tmp_path / "backups")

    assert result.revision == head_revision()
    assert _names(db) == ["甲局"]
    assert result.safety_copy is not None and "before-restore" in result.safety_copy.name
    safety = open_database(f"sqlite:///{result.safety_copy}")
    assert _names(safety) == ["乙局", "甲局"]
    safety.dispose()
    # The restored database works as usual afterwards.
    _add(db, "丙局")
    assert _names(db) == ["丙局", "甲局"]


def test_restore_by_url_into_a_new_location(db: Database, tmp_path: Path) -> None:
    _add(db, "甲局")
    saved = backup(db, tmp_path / "saved.sqlite3")
    target = tmp_path / "elsewhere" / "library.sqlite3"
    result = restore(f"sqlite:///{target}", saved, tmp_path / "backups")
    assert result.safety_copy is None
    restored = ensure_ready(f"sqlite:///{target}", tmp_path / "backups")
    assert _names(restored) == ["甲局"]
    restored.dispose()


def test_restore_refuses_a_file_that_is_not_a_database(db: Database, tmp_path: Path) -> None:
    _add(db, "甲局")
    bogus = tmp_path / "bogus.sqlite3"
    bogus.write_text("不是数据库", encoding="utf-8")
    with pytest.raises(NotADatabaseError, match="不是案卷评查工作站"):
        restore(db, bogus, tmp_path / "backups")
    foreign = tmp_path / "foreign.sqlite3"
    connection = sqlite3.connect(foreign)
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()
    with pytest.raises(NotADatabaseError):
        restore(db, foreign, tmp_path / "backups")
    other_json = tmp_path / "other.json"
    other_json.write_text(json.dumps({"hello": 1}), encoding="utf-8")
    with pytest.raises(NotADatabaseError):
        restore(db, other_json, tmp_path / "backups")
    assert _names(db) == ["甲局"]
    assert not (tmp_path / "backups").exists()


def test_restore_refuses_a_backup_from_a_newer_version(db: Database, tmp_path: Path) -> None:
    _add(db, "甲局")
    saved = backup(db, tmp_path / "saved.sqlite3")
    connection = sqlite3.connect(saved)
    connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.commit()
    connection.close()
    with pytest.raises(SchemaTooNewError, match="备份由较新版本"):
        restore(db, saved, tmp_path / "backups")
    assert _names(db) == ["甲局"]
    assert current_revision(db) == head_revision()


def test_restore_from_a_json_dump_into_sqlite(db: Database, tmp_path: Path) -> None:
    """A JSON dump (what a PostgreSQL backup is) loads into SQLite too."""
    from app.store.backup import _logical_dump

    _add(db, "甲局")
    with db.session() as s:
        child = Department(name="乙镇", parent=s.scalars(select(Department)).one())
        s.add(child)
    dump = tmp_path / "dump.json"
    _logical_dump(db, dump, TaskState())
    _add(db, "丙局")

    restore(db, dump, tmp_path / "backups")

    assert _names(db) == ["乙镇", "甲局"]
    with db.session() as s:
        town = s.scalars(select(Department).where(Department.name == "乙镇")).one()
        assert town.parent is not None and town.parent.name == "甲局"


def _cancel_on_second_report(reports: list[tuple[int, int]]) -> TaskState:
    """A Cancel pressed while the copy is under way (after its first step)."""

    def report(done: int, total: int, _message: str) -> None:
        reports.append((done, total))
        state.cancel()

    state = TaskState(on_progress=report)
    return state


def test_a_cancelled_backup_leaves_no_file(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("app.store.backup.PAGES_PER_STEP", 1)  # many steps for a small library
    _add(db, "甲局")
    reports: list[tuple[int, int]] = []
    dest = tmp_path / "out" / "saved.sqlite3"
    with pytest.raises(Cancelled):
        backup(db, dest, _cancel_on_second_report(reports))
    assert len(reports) == 1 and reports[0][0] < reports[0][1]  # stopped part-way
    assert list(dest.parent.iterdir()) == []  # neither the backup nor its partial file


def test_a_restore_cancelled_before_the_swap_changes_nothing(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add(db, "甲局")
    saved = backup(db, tmp_path / "saved.sqlite3")
    _add(db, "乙局")
    monkeypatch.setattr("app.store.backup.PAGES_PER_STEP", 1)
    with pytest.raises(Cancelled):
        restore(db, saved, tmp_path / "backups", _cancel_on_second_report([]))
    assert _names(db) == ["乙局", "甲局"]
    assert list((tmp_path / "backups").iterdir()) == []  # the partial safety copy is gone


def test_a_restore_reports_progress_and_ignores_cancel_once_swapping(
    db: Database, tmp_path: Path
) -> None:
    _add(db, "甲局")
    saved = backup(db, tmp_path / "saved.sqlite3")
    _add(db, "乙局")
    messages: list[str] = []

    def report(_done: int, _total: int, message: str) -> None:
        messages.append(message)
        if "恢复" in message:  # Cancel pressed during the swap: too late, it completes
            state.cancel()

    state = TaskState(on_progress=report)
    restore(db, saved, tmp_path / "backups", state)
    assert _names(db) == ["甲局"]
    assert messages[0] == "正在备份数据库……" and "不可取消" in messages[-1]
