"""A database that is damaged, truncated, locked by another process, on a read-only folder
or from a newer version: a Chinese message and a way out (the latest backup, with its date),
never overwritten; daily automatic backups, kept N (issue 18)."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from app.config import Paths, RunContext, Settings
from app.errors import UserError, user_message
from app.services import Services, restore_database
from app.store.backup import backups_in, daily_backup
from app.store.way_out import DatabaseUnusableError
from benchmarks.reliability.world import ITEM, World, build_world
from tests.volumes import read_only, small_volume


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> World:
    return build_world(tmp_path_factory.mktemp("world") / "w")


@pytest.fixture
def world(template: World, tmp_path: Path) -> World:
    copy = template.copy_to(tmp_path / "w")
    services = Services.open(copy.context())  # a backup in the data folder's own backups/
    services.backup_to()
    services.close()
    return copy


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def deductions(world: World) -> int:
    services = Services.open(world.context())
    try:
        return len(services.reviews.deductions(world.campaign, world.cases[0]))
    finally:
        services.close()


@pytest.mark.parametrize("damage", ["scribbled", "truncated"])
def test_a_damaged_database_names_the_latest_backup_and_is_never_overwritten(
    world: World, damage: str
) -> None:
    file = world.data_dir / "library.sqlite3"
    data = file.read_bytes()
    if damage == "scribbled":
        file.write_bytes(data[:4096] + b"\xff" * 8192 + data[12288:])
    else:
        file.write_bytes(data[: len(data) // 3])
    damaged = digest(file)
    [latest, *_] = backups_in(world.data_dir / "backups")
    with pytest.raises(DatabaseUnusableError) as refused:
        Services.open(world.context())
    message = str(refused.value)
    assert latest.name in message and "最近的备份" in message and "不会被覆盖" in message
    assert refused.value.backup == latest
    assert digest(file) == damaged  # untouched by the attempt

    aside = restore_database(world.context(), latest)  # the way out
    assert aside is not None and digest(aside) == damaged  # set aside whole, not overwritten
    assert deductions(world) == 2


def test_a_newer_database_is_refused_with_the_latest_backup_named(world: World) -> None:
    file = world.data_dir / "library.sqlite3"
    connection = sqlite3.connect(file)
    connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.commit()
    connection.close()
    with pytest.raises(DatabaseUnusableError) as refused:
        Services.open(world.context())
    assert "较新版本" in str(refused.value) and "最近的备份" in str(refused.value)


def test_a_database_locked_by_another_process_is_said_in_chinese(world: World) -> None:
    services = Services.open(world.context())
    other = sqlite3.connect(world.data_dir / "library.sqlite3")
    try:
        other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        with pytest.raises(Exception) as failed:
            services.reviews.deduct(world.campaign, world.cases[0], ITEM, 1, "锁定时扣分")
        message = user_message(failed.value)
        assert "锁定" in message and "没有保存" in message, message
    finally:
        other.rollback()
        other.close()
        services.close()
    assert deductions(world) == 2  # nothing half-written, and it works again


def test_a_read_only_data_folder_is_said_in_chinese(world: World, tmp_path: Path) -> None:
    with small_volume(tmp_path / "ro", "32m") as volume:
        import shutil

        shutil.copytree(world.data_dir, volume / "data")
        read_only(volume)
        ctx = RunContext(Paths(volume / "data"))
        with pytest.raises(Exception) as failed:  # at opening or at the first write
            services = Services.open(ctx)
            try:
                services.reviews.deduct(world.campaign, world.cases[0], ITEM, 1, "只读时扣分")
            finally:
                services.close()
        message = user_message(failed.value)
        assert "只读" in message or "无法打开" in message, message


def test_daily_backups_once_a_day_keep_the_newest_n(world: World) -> None:
    services = Services.open(world.context())
    try:
        folder = world.data_dir / "backups"
        manual = set(backups_in(folder))
        today = date.today()  # backups are named by the clock, as a user reads them
        first = daily_backup(services.db, folder, "0008", 2, today)
        assert first is not None and first.exists()
        assert daily_backup(services.db, folder, "0008", 2, today) is None  # once a day
        for n, stamp in enumerate(("20200825", "20200826", "20200827")):
            (folder / f"library-{stamp}-080000-0008-daily.sqlite3").write_bytes(b"old" * (n + 1))
        daily_backup(services.db, folder, "0008", 2, today)
        dailies = [p for p in backups_in(folder) if p not in manual]
        assert [p.name[8:16] for p in dailies] == [f"{today:%Y%m%d}", "20200827"]
        assert manual <= set(backups_in(folder))  # other backups are never removed
        first.unlink()
        assert daily_backup(services.db, folder, "0008", 0, today) is None  # switched off
    finally:
        services.close()


def test_the_number_of_daily_backups_is_a_checked_setting() -> None:
    settings = Settings()
    settings.set_text("backups_kept", "14")
    assert settings.daily_backups_kept == 14
    with pytest.raises(UserError, match="自动备份保留份数"):
        settings.set_text("backups_kept", "-1")
    with pytest.raises(UserError, match="自动备份保留份数应为整数"):
        settings.set_text("backups_kept", "七")
    assert settings.daily_backups_kept == 14
