"""Installing a newer program over an older one: the data folder the older release wrote is
opened by the new program, the database is backed up before it is migrated, the work is all
there, and the first start of the window shows 更新说明 once."""

from __future__ import annotations

import json
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

from app.store.migrations import head_revision
from app.store.sqlite_files import read_sqlite_revision
from tests.support import run_cli

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "db"
PREVIOUS_RELEASE = FIXTURES / "library-rev0003.sqlite3"
# settings.json as the previous release wrote it: no program version recorded.
OLD_SETTINGS = {"version": 1, "reviewer_name": "钱科长", "issuing_organ": "某市司法局"}


def old_data_folder(target: Path) -> Path:
    target.mkdir(parents=True)
    shutil.copyfile(PREVIOUS_RELEASE, target / "library.sqlite3")
    (target / "settings.json").write_text(json.dumps(OLD_SETTINGS, ensure_ascii=False), "utf-8")
    return target


def _rows(path: Path) -> dict[str, int]:
    """Rows per table, read without writing (the fixture is opened read-only)."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as con:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def test_the_new_program_backs_up_then_migrates_an_old_data_folder(tmp_path: Path) -> None:
    data = old_data_folder(tmp_path / "data")
    listed = run_cli(data, "cases", "--json")
    assert listed.code == 0, listed.stderr
    assert len(listed.json()) == 3, "the old release's dossiers are all there"

    backups = sorted((data / "backups").iterdir())
    assert len(backups) == 1, "one copy, made before the migration"
    assert read_sqlite_revision(backups[0]) == read_sqlite_revision(PREVIOUS_RELEASE)
    assert read_sqlite_revision(data / "library.sqlite3") == head_revision()
    assert _rows(backups[0]) == _rows(PREVIOUS_RELEASE), "the copy holds the old data as it was"

    campaigns = run_cli(data, "campaign", "list", "--json")
    assert campaigns.code == 0, campaigns.stderr
    assert len(campaigns.json()) >= 2, "campaigns of the old release survive"
    assert run_cli(data, "db", "verify", "--json").code == 0, "the audit chain holds"

    again = run_cli(data, "cases", "--json")
    assert again.code == 0 and len(list((data / "backups").iterdir())) == 1, "no second copy"
    settings = json.loads((data / "settings.json").read_text("utf-8"))
    assert settings["reviewer_name"] == "钱科长", "the user's settings are kept"
