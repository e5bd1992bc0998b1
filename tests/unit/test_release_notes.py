"""更新说明: the shipped changelog covers the current version; a newer program shows the
releases since the one that last opened the folder, once; a new install shows none."""

from __future__ import annotations

from pathlib import Path

from app import __version__
from app.config import Settings
from app.release_notes import load_releases, mark_seen, notes_to_show, unseen, version_key

CHANGELOG = """
- version: "0.9.0"
  date: "2026-03-01"
  items: [旧功能]
- version: "0.10.0"
  date: "2026-06-01"
  items: [新功能甲, 新功能乙]
- version: "0.11.0"
  date: "2026-09-01"
  items: [未发布的功能]
"""


def _changelog(tmp_path: Path) -> Path:
    path = tmp_path / "changelog.yaml"
    path.write_text(CHANGELOG, encoding="utf-8")
    return path


def test_the_shipped_changelog_has_an_entry_for_this_version() -> None:
    releases = load_releases()
    assert releases[0].version == __version__, "raise __version__ together with its notes"
    assert all(r.items for r in releases)


def test_versions_compare_as_numbers_not_text(tmp_path: Path) -> None:
    assert version_key("0.10.0") > version_key("0.9.0")
    releases = load_releases(_changelog(tmp_path))
    assert [r.version for r in releases] == ["0.11.0", "0.10.0", "0.9.0"]


def test_an_upgrade_shows_the_releases_in_between_once(tmp_path: Path) -> None:
    changelog = _changelog(tmp_path)
    settings_file = tmp_path / "settings.json"
    settings = Settings(program_version="0.9.0")
    notes = notes_to_show(settings, library_empty=False, current="0.10.0", changelog=changelog)
    assert [r.version for r in notes] == ["0.10.0"], "not the older one, not the unreleased one"
    assert notes[0].items == ("新功能甲", "新功能乙")

    assert mark_seen(settings, settings_file, current="0.10.0")
    again = Settings.load(settings_file)
    assert again.program_version == "0.10.0"
    assert notes_to_show(again, library_empty=False, current="0.10.0", changelog=changelog) == []


def test_a_new_install_shows_nothing_and_an_unversioned_folder_the_current_notes(
    tmp_path: Path,
) -> None:
    changelog = _changelog(tmp_path)
    fresh = notes_to_show(Settings(), library_empty=True, current="0.10.0", changelog=changelog)
    assert fresh == []
    older = notes_to_show(Settings(), library_empty=False, current="0.10.0", changelog=changelog)
    assert [r.version for r in older] == ["0.10.0"]


def test_an_older_program_never_moves_the_recorded_version_back(tmp_path: Path) -> None:
    settings = Settings(program_version="0.10.0")
    assert not mark_seen(settings, tmp_path / "settings.json", current="0.9.0")
    assert settings.program_version == "0.10.0"
    assert not (tmp_path / "settings.json").exists()
    assert unseen(load_releases(_changelog(tmp_path)), "0.10.0", current="0.9.0") == []
