"""Schema revision 0002 (full-text search): upgrading the released rev-0001 library, the
rev-0002 fixture, downgrading, and the schema besides ``page_search`` still matching the
models.

``library-rev0002.sqlite3`` is the rev-0001 fixture upgraded by revision 0002, its two pages
given OCR text and indexed. It was made with ``python -m tests.unit.test_search_migration``;
never regenerate it with a newer program (see tests/fixtures/db/README.md).
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, update

from app.casefiles.search import index_missing, index_pages, search, unindexed_page_ids
from app.store.database import Database, open_database
from app.store.migrations import alembic_config, current_revision, ensure_ready, head_revision
from app.store.models import Base, Page
from app.store.sqlite_files import read_sqlite_revision

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "db"
REV0001 = FIXTURES / "library-rev0001.sqlite3"
REV0002 = FIXTURES / "library-rev0002.sqlite3"

PAGE_1 = "立案审批表\n案由：涉嫌销售超过保质期\n的食品\n承办人：张三、李四"
PAGE_2 = "行政处罚决定书\n县市监罚〔2024〕12号\n罚款人民币30,000元，\n于十五日内缴纳。"
PAGE_2_BOXES = [
    {
        "text": line,
        "box": [[40, 60 + 30 * i], [500, 60 + 30 * i], [500, 84 + 30 * i], [40, 84 + 30 * i]],
        "score": 0.98,
    }
    for i, line in enumerate(PAGE_2.split("\n"))
]


def _url(file: Path) -> str:
    return f"sqlite:///{file}"


def _migrate(db: Database, target: str, *, down: bool = False) -> None:
    config = alembic_config(db.url)
    with db.engine.connect() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, target)
        connection.commit()


def _not_search(name: str | None, type_: str, _parents: object) -> bool:
    return not (type_ == "table" and name is not None and name.startswith("page_search"))


def _schema_diff(db: Database) -> list[object]:
    """Differences between the database and the models, ``page_search*`` tables aside."""
    with db.engine.connect() as connection:
        opts = {"compare_type": True, "include_name": _not_search}
        return compare_metadata(MigrationContext.configure(connection, opts=opts), Base.metadata)


def make_rev0002_fixture(target: Path) -> None:
    """Write the rev-0002 fixture: rev 0001's data, upgraded, two pages of text indexed."""
    shutil.copyfile(REV0001, target)
    db = open_database(_url(target))
    _migrate(db, "0002")
    with db.session() as s:
        s.execute(update(Page).where(Page.index == 1).values(ocr_text=PAGE_1))
        s.execute(
            update(Page).where(Page.index == 2).values(ocr_text=PAGE_2, ocr_boxes=PAGE_2_BOXES)
        )
        assert index_pages(s, 1) == 2
    db.dispose()
    connection = sqlite3.connect(target, isolation_level=None)
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.execute("VACUUM")
    connection.close()


def test_rev0001_library_upgrades_and_its_pages_can_then_be_indexed(tmp_path: Path) -> None:
    file = tmp_path / "library.sqlite3"
    shutil.copyfile(REV0001, file)
    db = ensure_ready(_url(file), tmp_path / "backups")
    assert current_revision(db) == head_revision()
    assert "page_search" in inspect(db.engine).get_table_names()
    assert _schema_diff(db) == []
    # Pages OCRed before the index existed are found by index_missing.
    with db.session() as s:
        assert len(unindexed_page_ids(s)) == 2
        assert index_missing(s) == 2
    (hit,) = search(db, "决定书")
    assert (hit.case_file_id, hit.page, hit.marked()) == (1, 2, "行政处罚【决定书】")
    db.dispose()


def test_rev0002_fixture_is_searchable_as_released(tmp_path: Path) -> None:
    assert read_sqlite_revision(REV0002) == "0002"
    file = tmp_path / "library.sqlite3"
    shutil.copyfile(REV0002, file)
    db = ensure_ready(_url(file), tmp_path / "backups")
    assert _schema_diff(db) == []
    assert [h.page for h in search(db, "超过保质期的食品")] == [1]  # across an OCR line break
    (hit,) = search(db, "〔2024〕12号 30,000")
    assert hit.page == 2
    assert hit.lines == (1, 2)
    assert hit.boxes == (PAGE_2_BOXES[1]["box"], PAGE_2_BOXES[2]["box"])
    with db.session() as s:
        assert unindexed_page_ids(s) == []
    db.dispose()


def _schema_sql(file: Path) -> set[tuple[str, str]]:
    with sqlite3.connect(file) as connection:
        rows = connection.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL")
        return {(n, " ".join(sql.split())) for n, sql in rows if not n.startswith("alembic")}


def test_downgrade_to_0001_removes_the_index_and_its_triggers(tmp_path: Path) -> None:
    file = tmp_path / "library.sqlite3"
    shutil.copyfile(REV0002, file)
    db = open_database(_url(file))
    _migrate(db, "0001", down=True)
    names = {
        name for (name,) in db.engine.connect().exec_driver_sql("SELECT name FROM sqlite_master")
    }
    assert not {n for n in names if n.startswith("page_search")}
    assert _schema_sql(file) == _schema_sql(REV0001)  # the rest is rev 0001 as released
    with db.session() as s:  # pages can still change and go without the triggers
        s.execute(update(Page).values(ocr_text="新文本"))
    db.dispose()


@pytest.mark.postgres
def test_postgres_schema_has_the_search_table_and_trgm_index(
    postgres_url: str, tmp_path: Path
) -> None:
    db = ensure_ready(postgres_url, tmp_path / "backups")
    assert _schema_diff(db) == []
    indexes = {ix["name"] for ix in inspect(db.engine).get_indexes("page_search")}
    # pg_trgm is a trusted extension: the database owner could create it here.
    assert "ix_page_search_body_trgm" in indexes
    _migrate(db, "0001", down=True)
    assert "page_search" not in inspect(db.engine).get_table_names()
    db.dispose()


if __name__ == "__main__":
    destination = Path(sys.argv[1]) if len(sys.argv) > 1 else REV0002
    make_rev0002_fixture(destination)
    print(f"wrote {destination}")
