"""Schema migrations: upgrade from empty and from a released revision, backups first, a
newer database refused untouched, foreign files refused, head schema == models."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select, text

from app.store.database import open_database
from app.store.derived import include_name
from app.store.errors import NotADatabaseError, SchemaTooNewError, StoreError
from app.store.migrations import (
    alembic_config,
    current_revision,
    ensure_ready,
    head_revision,
    upgrade,
)
from app.store.models import Base, CaseFile, Deduction, Department, IssuedNumber, Letter
from app.store.sqlite_files import read_sqlite_revision

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "db"
RELEASED = sorted(FIXTURES.glob("library-rev*.sqlite3"))

EXTRA_REVISION = """
import sqlalchemy as sa
from alembic import op

revision = "test_extra"
down_revision = {head!r}
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("test_extra", sa.Column("id", sa.Integer, primary_key=True))
    {tail}


def downgrade():
    op.drop_table("test_extra")
"""


def _url(file: Path) -> str:
    return f"sqlite:///{file}"


def _digest(folder: Path) -> dict[str, str]:
    """Every file in the folder with its hash: catches changed bytes and new -wal/-shm files."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def _extra_versions(tmp_path: Path, *, fail: bool = False) -> Path:
    folder = tmp_path / "extra_versions"
    folder.mkdir()
    tail = 'raise RuntimeError("迁移中途失败")' if fail else "pass"
    (folder / "test_extra.py").write_text(EXTRA_REVISION.format(head=head_revision(), tail=tail))
    return folder


def test_upgrade_from_empty_reaches_head_without_backup(tmp_path: Path) -> None:
    db = open_database(_url(tmp_path / "library.sqlite3"))
    result = upgrade(db, tmp_path / "backups")
    assert (result.before, result.after) == (None, head_revision())
    assert result.backup_file is None
    assert current_revision(db) == head_revision()
    assert "case_files" in inspect(db.engine).get_table_names()
    # Upgrading again is a no-op.
    assert not upgrade(db, tmp_path / "backups").changed
    db.dispose()


def test_head_schema_matches_the_models(tmp_path: Path) -> None:
    db = ensure_ready(_url(tmp_path / "library.sqlite3"), tmp_path / "backups")
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_name": include_name}
        )
        assert compare_metadata(context, Base.metadata) == []
    db.dispose()


def test_downgrade_to_base_and_up_again(tmp_path: Path) -> None:
    from alembic import command

    db = ensure_ready(_url(tmp_path / "library.sqlite3"), tmp_path / "backups")
    config = alembic_config(db.url)
    with db.engine.connect() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
        connection.commit()
    assert set(inspect(db.engine).get_table_names()) == {"alembic_version"}
    assert upgrade(db, tmp_path / "backups").after == head_revision()
    db.dispose()


@pytest.mark.parametrize("fixture", RELEASED, ids=lambda p: p.stem)
def test_released_database_upgrades_to_head_and_keeps_its_data(
    tmp_path: Path, fixture: Path
) -> None:
    file = tmp_path / "library.sqlite3"
    shutil.copyfile(fixture, file)
    before = read_sqlite_revision(file)
    assert before is not None
    backups = tmp_path / "backups"

    db = ensure_ready(_url(file), backups)

    assert current_revision(db) == head_revision()
    made = list(backups.glob("*.sqlite3")) if backups.exists() else []
    if before != head_revision():
        assert len(made) == 1 and read_sqlite_revision(made[0]) == before
    else:
        assert made == []
    with db.session() as s:
        # Every fixture descends from the first release's data (later ones add to it).
        first = s.scalars(select(CaseFile).order_by(CaseFile.id)).first()
        assert first is not None and first.case_no == "县市监罚〔2024〕12号"
        assert len(first.pages) == 2
        town = s.scalars(select(Department).where(Department.name == "某镇人民政府")).one()
        assert town.parent is not None and town.parent.name == "某县市场监督管理局"
        assert s.scalars(select(Deduction).order_by(Deduction.id)).first().reason == "笔录未签名"
        first_number = select(IssuedNumber.number_text).order_by(IssuedNumber.id)
        assert s.scalars(first_number).first() == "十司监意〔2024〕3号"
        assert s.scalars(select(Letter.deadline).order_by(Letter.id)).first().isoformat() == (
            "2024-07-31"
        )
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_name": include_name}
        )
        assert compare_metadata(context, Base.metadata) == []
    db.dispose()


def test_there_is_a_fixture_for_the_first_release() -> None:
    assert any(read_sqlite_revision(p) == "0001" for p in RELEASED)


def test_a_database_behind_head_is_backed_up_before_upgrading(tmp_path: Path) -> None:
    file = tmp_path / "library.sqlite3"
    db = ensure_ready(_url(file), tmp_path / "backups")
    with db.session() as s:
        s.add(Department(name="某县司法局"))
    old_head = head_revision()
    config = alembic_config(db.url, (_extra_versions(tmp_path),))

    result = upgrade(db, tmp_path / "backups", config=config)

    assert (result.before, result.after) == (old_head, "test_extra")
    assert result.backup_file is not None
    assert result.backup_file.parent == tmp_path / "backups"
    assert result.backup_file.name.startswith("library-")
    assert result.backup_file.name.endswith(f"-{old_head}.sqlite3")
    assert read_sqlite_revision(result.backup_file) == old_head
    backup_db = open_database(_url(result.backup_file))
    with backup_db.session() as s:
        assert s.scalar(select(Department.name)) == "某县司法局"
    backup_db.dispose()
    assert "test_extra" in inspect(db.engine).get_table_names()
    db.dispose()


def test_a_failing_migration_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    db = ensure_ready(_url(tmp_path / "library.sqlite3"), tmp_path / "backups")
    config = alembic_config(db.url, (_extra_versions(tmp_path, fail=True),))
    with pytest.raises(RuntimeError):
        upgrade(db, tmp_path / "backups", config=config)
    assert current_revision(db) == head_revision()
    assert "test_extra" not in inspect(db.engine).get_table_names()
    db.dispose()


def test_a_database_from_a_newer_version_is_refused_and_left_untouched(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    file = folder / "library.sqlite3"
    db = ensure_ready(_url(file), folder / "backups")
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    db.dispose()
    shutil.rmtree(folder / "backups", ignore_errors=True)
    before = _digest(folder)
    assert list(before) == ["library.sqlite3"]

    with pytest.raises(SchemaTooNewError) as refused:
        ensure_ready(_url(file), folder / "backups")

    message = str(refused.value)
    assert "较新版本" in message and "9999_future" in message and "未作任何改动" in message
    assert _digest(folder) == before
    # upgrade() on an already opened Database refuses the same way, still before any write.
    with pytest.raises(SchemaTooNewError):
        upgrade(open_database(_url(file)), folder / "backups")
    assert _digest(folder) == before


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    file = tmp_path / "library.sqlite3"
    file.write_bytes("这不是数据库".encode() * 100)
    before = file.read_bytes()
    with pytest.raises(NotADatabaseError, match="不是案卷评查工作站的数据库"):
        ensure_ready(_url(file), tmp_path / "backups")
    assert file.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["library.sqlite3"]


def test_another_programs_sqlite_database_is_refused(tmp_path: Path) -> None:
    import sqlite3

    file = tmp_path / "other.sqlite3"
    connection = sqlite3.connect(file)
    connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    connection.commit()
    connection.close()
    before = file.read_bytes()
    with pytest.raises(NotADatabaseError, match="其他程序"):
        ensure_ready(_url(file), tmp_path / "backups")
    assert file.read_bytes() == before


def test_store_errors_share_one_base_class() -> None:
    assert issubclass(SchemaTooNewError, StoreError)
    assert issubclass(NotADatabaseError, StoreError)


def test_the_start_up_fast_path_knows_the_head_revision() -> None:
    from app.store.migrations import head_revision
    from app.store.ready import HEAD_REVISION

    assert head_revision() == HEAD_REVISION, "update app/store/ready.py with each new revision"
