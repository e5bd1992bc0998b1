"""``db upgrade / backup / restore`` and refusals, run as a user runs them."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from tests.support import run_cli


def digest(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def test_upgrade_on_a_fresh_folder_creates_the_database(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "db", "upgrade", "--json")
    assert result.code == 0, result.stderr
    doc = result.json()
    assert doc["from_revision"] is None and doc["to_revision"]
    assert (tmp_path / "library.sqlite3").exists()
    again = run_cli(tmp_path, "db", "upgrade", "--json").json()
    assert again["from_revision"] == again["to_revision"] == doc["to_revision"]


def test_backup_and_restore_round_trip(tmp_path: Path) -> None:
    data = tmp_path / "data"
    listed = run_cli(data, "checklist", "list", "--json")
    assert listed.code == 0
    backup = tmp_path / "备份.sqlite3"
    made = run_cli(data, "db", "backup", "--out", str(backup), "--json")
    assert made.code == 0, made.stderr
    assert Path(made.json()["file"]) == backup and backup.stat().st_size > 0

    restored = run_cli(data, "db", "restore", str(backup), "--json")
    assert restored.code == 0, restored.stderr
    safety = restored.json()["safety_copy"]
    assert safety and Path(safety).exists()
    assert run_cli(data, "checklist", "list", "--json").json() == listed.json()


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path: Path) -> None:
    data = tmp_path / "data"
    run_cli(data, "db", "upgrade")
    bogus = tmp_path / "notes.sqlite3"
    bogus.write_text("hello", encoding="utf-8")
    result = run_cli(data, "db", "restore", str(bogus))
    assert result.code == 4
    assert "无法恢复" in result.stderr and "Traceback" not in result.stderr


def test_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert run_cli(data, "db", "upgrade").code == 0
    db_file = data / "library.sqlite3"
    conn = sqlite3.connect(db_file)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()  # the last connection checkpoints the WAL into the file
    before = digest(data)
    for command in (["cases"], ["checklist", "list"], ["db", "upgrade"]):
        result = run_cli(data, *command)
        assert result.code == 4, command
        assert "较新版本" in result.stderr and "未作任何改动" in result.stderr
    assert digest(data) == before


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "library.sqlite3").write_bytes(b"PK\x03\x04 this is a zip, not a database" * 50)
    result = run_cli(data, "cases")
    assert result.code == 4
    assert "Traceback" not in result.stderr and "数据库" in result.stderr


def test_a_team_server_that_cannot_be_reached_is_named(tmp_path: Path) -> None:
    """A wrong --db host: one Chinese line naming the server, exit code 4, for the commands
    that open the database and for ``db upgrade``, which migrates it."""
    url = "postgresql+psycopg://pingcha:secret@no-such-server.invalid:5432/anjuan"
    for command in (["cases"], ["db", "upgrade"]):
        result = run_cli(tmp_path / "data", "--db", url, *command)
        assert result.code == 4, command
        assert "no-such-server.invalid:5432" in result.stderr and "服务器名称" in result.stderr
        assert "程序内部错误" not in result.stderr and "Traceback" not in result.stderr
        assert "secret" not in result.stderr


def test_check_reports_a_sound_library_then_names_an_original_changed(tmp_path: Path) -> None:
    from tests.unit.test_library_import import make_pdf

    data = tmp_path / "data"
    pdf = make_pdf(tmp_path / "卷宗.pdf")
    assert run_cli(data, "import", str(pdf), "--no-ocr", "--department", "某县交通运输局").code == 0
    sound = run_cli(data, "db", "check", "--json")
    assert sound.code == 0, sound.stderr
    assert sound.json()["sound"] and sound.json()["counts"]["files"] == 1
    [stored] = (data / "library").rglob("*.pdf")
    stored.write_bytes(stored.read_bytes() + b"%changed")
    broken = run_cli(data, "db", "check")
    assert broken.code == 4
    assert "已被改动" in broken.stdout and "数据核对发现 1 处错误" in broken.stderr
