"""The same store on a real PostgreSQL server (skipped unless ANJUAN_TEST_PG_URL is set).

Each test gets a fresh database from the ``postgres_url`` fixture."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.store import audit, repositories
from app.store.backup import backup
from app.store.derived import include_name
from app.store.errors import NotADatabaseError, SchemaTooNewError
from app.store.migrations import current_revision, ensure_ready, head_revision, upgrade
from app.store.models import Base, Department, IssuedNumber, Page
from app.store.restore import restore

pytestmark = pytest.mark.postgres


def test_migrations_build_the_head_schema(postgres_url: str, tmp_path: Path) -> None:
    db = ensure_ready(postgres_url, tmp_path / "backups")
    assert db.url.get_backend_name() == "postgresql"
    assert current_revision(db) == head_revision()
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_name": include_name}
        )
        assert compare_metadata(context, Base.metadata) == []
    assert not upgrade(db, tmp_path / "backups").changed
    db.dispose()


def test_round_trip_and_constraints(postgres_url: str, tmp_path: Path) -> None:
    db = ensure_ready(postgres_url, tmp_path / "backups")
    moment = datetime(2024, 5, 1, 9, 30, tzinfo=timezone(timedelta(hours=8)))
    with db.session() as s:
        dept = repositories.get_or_create_department(s, "某县市场监督管理局")
        case = repositories.add_case_file(
            s,
            sha256="ab" * 32,
            original_name="a.pdf",
            stored_path="a",
            source_kind="pdf",
            department=dept,
        )
        repositories.add_page(s, case, 1, ocr_boxes=[{"t": "立案"}])
        entry = audit.record(s, "李四", "case_file", case.id, "create", None, {"名": "甲"})
        entry.at = moment
        repositories.upsert_checklist(
            s,
            checklist_id="c",
            version="1",
            name="n",
            kind="penalty",
            total_points=100,
            definition={"items": []},
            effective_date=date(2024, 1, 1),
        )
    with db.session() as s:
        page = s.scalars(select(Page)).one()
        assert page.ocr_boxes == [{"t": "立案"}]
        stored = audit.history(s, "case_file", page.case_file_id)[0]
        assert stored.at == moment and stored.at.tzinfo == UTC
        assert stored.after == {"名": "甲"}
    with pytest.raises(IntegrityError), db.session() as s:
        s.add(Page(case_file_id=999, index=1))
    with db.session() as s:
        s.add(
            IssuedNumber(
                letter_kind="opinion",
                organ_code="司监意",
                year=2024,
                seq=1,
                number_text="司监意〔2024〕1号",
            )
        )
    with pytest.raises(IntegrityError), db.session() as s:
        s.add(
            IssuedNumber(
                letter_kind="opinion",
                organ_code="司监意",
                year=2024,
                seq=1,
                number_text="司监意〔2024〕1号 ",
            )
        )
    db.dispose()


def test_json_backup_and_restore_round_trip(postgres_url: str, tmp_path: Path) -> None:
    db = ensure_ready(postgres_url, tmp_path / "backups")
    with db.session() as s:
        county = repositories.get_or_create_department(s, "甲局")
        repositories.get_or_create_department(s, "乙镇").parent = county
    dump = backup(db, tmp_path / "dump.json")
    with db.session() as s:
        repositories.get_or_create_department(s, "丙局")

    result = restore(db, dump, tmp_path / "backups")

    assert result.revision == head_revision()
    assert result.safety_copy is not None and result.safety_copy.suffix == ".json"
    with db.session() as s:
        names = sorted(s.scalars(select(Department.name)))
        assert names == ["乙镇", "甲局"]
        town = s.scalars(select(Department).where(Department.name == "乙镇")).one()
        assert town.parent is not None and town.parent.name == "甲局"
        # Sequences continue after the restored ids.
        new = repositories.get_or_create_department(s, "丁局")
        assert new.id > max(d.id for d in s.scalars(select(Department)) if d is not new)
    db.dispose()


def test_a_sqlite_library_moves_onto_postgresql(postgres_url: str, tmp_path: Path) -> None:
    fixture = Path(__file__).resolve().parent.parent / "fixtures" / "db" / "library-rev0001.sqlite3"
    restore(postgres_url, fixture, tmp_path / "backups")
    db = ensure_ready(postgres_url, tmp_path / "backups")
    with db.session() as s:
        town = s.scalars(select(Department).where(Department.name == "某镇人民政府")).one()
        assert town.parent is not None and town.parent.name == "某县市场监督管理局"
        case = repositories.list_case_files(s)[0]
        assert case.case_no == "县市监罚〔2024〕12号" and len(case.pages) == 2
        assert case.pages[0].ocr_boxes == [{"text": "立案审批表", "box": [10, 10, 200, 40]}]
    db.dispose()


def test_a_newer_or_foreign_postgresql_database_is_refused(
    postgres_url: str, tmp_path: Path
) -> None:
    from sqlalchemy import text

    db = ensure_ready(postgres_url, tmp_path / "backups")
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    db.dispose()
    with pytest.raises(SchemaTooNewError):
        ensure_ready(postgres_url, tmp_path / "backups")
    with db.engine.begin() as connection:
        connection.execute(text("DROP TABLE alembic_version"))
    with pytest.raises(NotADatabaseError):
        ensure_ready(postgres_url, tmp_path / "backups")
    db.dispose()
