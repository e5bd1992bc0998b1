"""User-only permissions (issue 18, item 6): the data folder and every file the product
keeps for itself are the user's alone (0700 folders, 0600 files), whatever the umask;
papers meant to be shared (letters, reports, workbooks) get the user's normal mode.
POSIX modes only: skipped on Windows."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from app.private_files import make_private, private_dir
from app.services import Services
from benchmarks.reliability.world import World, build_world

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes only")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask() -> Iterator[None]:
    """The usual umask of a desktop user: new files readable by everyone."""
    before = os.umask(0o022)
    yield
    os.umask(before)


@pytest.fixture
def world(tmp_path: Path, umask: None) -> World:
    """Imported dossiers, a signed-off spot-check, two issued opinions, two backups."""
    return build_world(tmp_path / "w")


def modes_under(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): mode(p) for p in [folder, *folder.rglob("*")]}


def test_everything_the_product_keeps_is_the_users_alone(world: World, tmp_path: Path) -> None:
    services = Services.open(world.context())
    try:
        assert services.daily_backup() is not None
        services.rectification().record_reply(
            world.opinions[0], date(2026, 9, 20), files=[world.reply_file]
        )
        wal = world.data_dir / "library.sqlite3-wal"
        assert wal.exists() and mode(wal) == 0o600  # the open database's WAL too
        services.settings.save(world.data_dir / "settings.json")
    finally:
        services.close()

    found = modes_under(world.data_dir)
    kinds = {name.split("/")[0] for name in found}
    assert {"library.sqlite3", "settings.json", "backups", "library"} <= kinds
    assert any(name.startswith("library/rectification/") for name in found)  # reply document
    assert any(name.startswith("backups/") and "daily" in name for name in found)
    folders = {n: m for n, m in found.items() if (world.data_dir / n).is_dir()}
    files = {n: m for n, m in found.items() if n not in folders}
    assert set(folders.values()) == {0o700}, folders
    assert set(files.values()) == {0o600}, files
    # A backup written where the user asked is a copy of the database: private as well.
    assert {mode(b) for b in world.backups} == {0o600}


@pytest.mark.parametrize("user_umask", [0o022, 0o027])
def test_papers_to_be_shared_get_the_users_normal_mode(
    world: World, tmp_path: Path, user_umask: int
) -> None:
    os.umask(user_umask)  # the fixture puts the usual one back
    papers = tmp_path / "papers"
    papers.mkdir()
    services = Services.open(world.context())
    try:
        reports = services.reports()
        reports.workbook(world.campaign, papers / "汇总.xlsx", date(2026, 9, 1))
        reports.sheet(world.campaign, world.cases[0], papers / "评查表.docx")
    finally:
        services.close()
    expected = 0o666 & ~user_umask
    assert {p.name: mode(p) for p in papers.iterdir()} == {
        "汇总.xlsx": expected,
        "评查表.docx": expected,
    }
    # build_world issued its opinions under the umask of the fixture
    assert {mode(p) for p in (world.data_dir.parent / "papers").iterdir()} == {0o644}


def test_a_private_folder_leaves_the_users_own_parents_alone(tmp_path: Path, umask: None) -> None:
    home = tmp_path / "home"
    home.mkdir()
    made = private_dir(home / "新建" / "数据")
    assert made.is_dir()
    assert mode(home) == 0o755  # existed: the user's
    assert mode(home / "新建") == 0o700 and mode(made) == 0o700  # made here


def test_make_private_covers_a_copied_image_folder_and_skips_what_is_missing(
    tmp_path: Path, umask: None
) -> None:
    pages = tmp_path / "卷宗"
    (pages / "附件").mkdir(parents=True)
    (pages / "001.jpg").write_bytes(b"x")
    (pages / "附件" / "002.png").write_bytes(b"y")
    make_private(pages, tmp_path / "不存在.pdf")
    assert modes_under(pages) == {
        ".": 0o700,
        "001.jpg": 0o600,
        "附件": 0o700,
        "附件/002.png": 0o600,
    }
