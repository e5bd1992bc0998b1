"""Importing the officers' roster from the window's 评查 menu."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.config import Paths, RunContext
from app.review.roster import list_roster
from app.services import Services
from app.ui.main_window import MainWindow
from app.ui.qt import QtWidgets
from tests.unit.test_roster import ROSTER, workbook


def test_roster_import_from_the_menu(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = Services.open(RunContext(Paths(tmp_path / "data")))
    window = MainWindow(services)
    qtbot.addWidget(window)
    book = workbook(tmp_path / "名册.xlsx", ROSTER)
    shown: list[str] = []
    monkeypatch.setattr(QtWidgets.QFileDialog, "getOpenFileName", lambda *a, **k: (str(book), ""))
    monkeypatch.setattr(
        QtWidgets.QMessageBox, "information", lambda _p, _t, text: shown.append(text)
    )
    window.roster_action.trigger()
    qtbot.waitUntil(lambda: window.jobs.idle, timeout=20_000)  # stored by the writer
    assert shown and "已导入 2 名执法人员" in shown[0]
    assert {r["cert_no"] for r in list_roster(services.db)} == {"32051754256", "32053191692"}


def test_a_wrong_file_is_reported(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    services = Services.open(RunContext(Paths(tmp_path / "data")))
    window = MainWindow(services)
    qtbot.addWidget(window)
    bad = tmp_path / "坏.xlsx"
    bad.write_text("not excel", encoding="utf-8")
    warnings: list[str] = []
    monkeypatch.setattr(QtWidgets.QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    monkeypatch.setattr(
        QtWidgets.QMessageBox, "warning", lambda _p, _t, text: warnings.append(text)
    )
    window.roster_action.trigger()
    qtbot.waitUntil(lambda: window.jobs.idle, timeout=20_000)  # stored by the writer
    assert warnings and "Traceback" not in warnings[0]
    assert list_roster(services.db) == []
