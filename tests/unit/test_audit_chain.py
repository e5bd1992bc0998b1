"""The audit log as a hash chain (issue 18): an entry edited, deleted or inserted with a
database tool is found by ``db verify`` and named; an upgraded library's old entries are
chained by the migration."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from app.config import Paths, RunContext
from app.services import Services
from app.store.database import open_database
from app.store.migrations import upgrade
from tests.review_support import ReviewedLibrary
from tests.support import run_cli

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "db"


@pytest.fixture
def services(reviewed: ReviewedLibrary) -> Iterator[Services]:
    reviewed.db.dispose()
    opened = Services.open(RunContext(Paths(reviewed.paths.data_dir)))
    yield opened
    opened.db.dispose()


def _sql(services: Services, statement: str) -> None:
    with services.db.engine.begin() as conn:
        conn.execute(text(statement))


def _messages(services: Services) -> list[str]:
    return [p["message"] for p in services.verify_audit()["problems"]]


def test_the_log_the_program_wrote_is_intact(services: Services) -> None:
    result = services.verify_audit()
    assert result["intact"] and result["entries"] > 10 and result["problems"] == []


def test_an_edited_entry_is_named(services: Services) -> None:
    _sql(services, "UPDATE audit_log SET who = '冒名' WHERE id = 3")
    (message,) = _messages(services)
    assert message.startswith("第 3 条审计记录") and "已被改动或插入" in message
    assert "冒名" in message


def test_a_deleted_entry_is_named(services: Services) -> None:
    _sql(services, "DELETE FROM audit_log WHERE id = 5")
    assert _messages(services) == ["审计记录第 5 条已被删除。"]


def test_deleting_the_newest_entries_is_seen(services: Services) -> None:
    last = services.verify_audit()["entries"]
    _sql(services, f"DELETE FROM audit_log WHERE id >= {last - 1}")
    (message,) = _messages(services)
    assert f"第 {last - 1} 条起" in message and "已被删除" in message


def test_an_entry_inserted_behind_the_programs_back_is_seen(services: Services) -> None:
    _sql(
        services,
        "INSERT INTO audit_log (at, who, entity, entity_id, action) "
        "VALUES ('2026-12-01 08:00:00', '某人', 'deduction', '1', 'delete')",
    )
    messages = _messages(services)
    assert any("没有校验值" in m and "扣分" in m for m in messages)


def test_the_chain_goes_on_after_a_verified_log(services: Services) -> None:
    campaign = services.campaigns.create("2026年第四季度抽查", "spotcheck", "2026Q4").id
    assert campaign and services.verify_audit()["intact"]


def test_db_verify_exits_non_zero_and_names_the_entry(
    reviewed: ReviewedLibrary,
) -> None:
    data = reviewed.paths.data_dir
    reviewed.db.dispose()
    ok = run_cli(data, "db", "verify", "--json")
    assert ok.code == 0 and ok.json()["intact"]
    db = open_database(f"sqlite:///{reviewed.paths.database_file}")
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET after = NULL WHERE id = 2"))
    db.dispose()
    bad = run_cli(data, "db", "verify")
    assert bad.code == 4
    assert "第 2 条审计记录" in bad.stdout and "与写入时不符" in bad.stderr


def test_an_upgraded_librarys_old_entries_are_chained(tmp_path: Path) -> None:
    file = tmp_path / "library.sqlite3"
    shutil.copy(FIXTURES / "library-rev0003.sqlite3", file)
    db = open_database(f"sqlite:///{file}")
    upgrade(db, tmp_path / "backups")
    db.dispose()
    services = Services.open(RunContext(Paths(tmp_path)))
    try:
        result = services.verify_audit()
        assert result["intact"] and result["entries"] >= 13
        services.campaigns.create("升级后的评查活动", "spotcheck", "2026Q4")
        assert services.verify_audit()["intact"]
    finally:
        services.db.dispose()
