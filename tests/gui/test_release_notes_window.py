"""The first start of a new version on an older data folder shows 更新说明 once (a new
install shows none: tests/unit/test_release_notes.py)."""

from __future__ import annotations

import json
from pathlib import Path

from pytestqt.qtbot import QtBot

from app import __version__
from app.config import Paths, RunContext
from app.ui.application import offer_release_notes
from app.ui.library_switch import LibraryWindows
from app.ui.qt import QtWidgets
from tests.e2e.test_upgrade_data_folder import old_data_folder


def _start(data: Path, qtbot: QtBot) -> tuple[LibraryWindows, QtWidgets.QMessageBox | None]:
    windows = LibraryWindows(RunContext(Paths(data)))
    window = windows.open_first()
    qtbot.addWidget(window)
    box = offer_release_notes(window, windows.release_notes)
    qtbot.waitUntil(lambda: window.jobs.idle)
    return windows, box


def test_upgrade_shows_what_changed_once(tmp_path: Path, qtbot: QtBot) -> None:
    data = old_data_folder(tmp_path / "data")
    _windows, box = _start(data, qtbot)
    assert box is not None and box.isVisible()
    assert __version__ in box.text()
    assert f"版本 {__version__}" in box.informativeText()
    assert "<li>" in box.informativeText(), "the changes are listed"
    assert (data / "backups").is_dir() and any((data / "backups").iterdir())
    box.accept()

    recorded = json.loads((data / "settings.json").read_text("utf-8"))
    assert recorded["program_version"] == __version__
    _again, second = _start(data, qtbot)
    assert second is None, "shown once per version"
