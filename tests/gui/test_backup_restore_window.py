"""Backing up and restoring the database from the window's 文件 menu: both run as jobs
on the window's writer (the GUI thread only asks and reports), a backup can be cancelled."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.config import Paths, RunContext
from app.services import Services
from app.ui.main_window import MainWindow
from app.ui.qt import QtWidgets
from tests.unit.test_library_import import make_pdf


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    """The window on an empty library."""
    opened = MainWindow(Services.open(RunContext(Paths(tmp_path / "data"))))
    qtbot.addWidget(opened)
    return opened


def test_backup_then_restore_brings_the_library_back(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    services = Services.open(RunContext(Paths(data)))
    services.library.import_path(make_pdf(tmp_path / "一.pdf"), "市交通运输局", "penalty")
    window = MainWindow(services)
    qtbot.addWidget(window)
    backup = tmp_path / "备份.sqlite3"
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", lambda *a, **k: (str(backup), ""))
    job = window.backup_database()
    assert job is not None
    qtbot.waitUntil(lambda: window.jobs.idle, timeout=20_000)
    assert backup.exists() and "已备份" in window.statusBar().currentMessage()

    services.library.import_path(make_pdf(tmp_path / "二.pdf", pages=2))
    assert len(services.library.list_cases()) == 2

    shown: list[str] = []
    monkeypatch.setattr(QtWidgets.QFileDialog, "getOpenFileName", lambda *a, **k: (str(backup), ""))
    monkeypatch.setattr(
        QtWidgets.QMessageBox, "question", lambda *a, **k: QtWidgets.QMessageBox.StandardButton.Yes
    )
    monkeypatch.setattr(
        QtWidgets.QMessageBox, "information", lambda _p, _t, text: shown.append(text)
    )
    assert window.restore_database() is not None
    assert not window.tabs.isEnabled()  # nothing else reaches the database meanwhile
    qtbot.waitUntil(lambda: window.jobs.idle, timeout=20_000)
    assert shown and "已从备份恢复" in shown[0]
    reopened = Services.open(RunContext(Paths(data)))
    assert [c.file_name for c in reopened.library.list_cases()] == ["一.pdf"]


def test_restoring_a_file_that_is_not_a_backup_is_refused(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bogus = tmp_path / "x.sqlite3"
    bogus.write_text("not a database", encoding="utf-8")
    warnings: list[str] = []
    monkeypatch.setattr(QtWidgets.QFileDialog, "getOpenFileName", lambda *a, **k: (str(bogus), ""))
    monkeypatch.setattr(
        QtWidgets.QMessageBox, "question", lambda *a, **k: QtWidgets.QMessageBox.StandardButton.Yes
    )
    monkeypatch.setattr(
        QtWidgets.QMessageBox, "warning", lambda _p, _t, text: warnings.append(text)
    )
    window.restore_database()
    qtbot.waitUntil(lambda: window.jobs.idle, timeout=20_000)
    assert warnings and "无法恢复" in warnings[0]
    assert window.tabs.isEnabled()


def test_a_cancelled_backup_leaves_no_file(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "备份"
    folder.mkdir()
    target = folder / "备份.sqlite3"
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    job = window.backup_database()
    assert job is not None and window.cancel_button.isVisibleTo(window)
    with qtbot.waitSignal(job.cancelled, timeout=20_000):
        window.cancel_button.click()  # pressed before the copy could finish
    qtbot.waitUntil(lambda: window.jobs.idle, timeout=20_000)
    assert list(folder.iterdir()) == []  # neither the backup nor its partial file
    assert window.statusBar().currentMessage() == "已取消"


def test_verify_data_from_the_help_menu(
    qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """帮助 → 校验数据 says the log is intact, then names an entry edited behind its back."""
    from sqlalchemy import text

    services = Services.open(RunContext(Paths(tmp_path / "data")))
    services.campaigns.create("2026年第四季度抽查", "spotcheck", "2026Q4")
    window = MainWindow(services)
    qtbot.addWidget(window)
    said: list[tuple[str, str]] = []
    for kind in ("information", "warning"):
        monkeypatch.setattr(
            QtWidgets.QMessageBox, kind, lambda _p, title, msg, *a, k=kind: said.append((k, msg))
        )
    window.verify_action.trigger()
    qtbot.waitUntil(lambda: bool(said), timeout=20_000)
    assert said[0][0] == "information" and "审计日志完整" in said[0][1]
    assert "数据完整" in said[0][1]  # and db check's consistency report
    with services.db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET who = '他人' WHERE id = 1"))
    window.verify_action.trigger()
    qtbot.waitUntil(lambda: len(said) == 2, timeout=20_000)
    assert said[1][0] == "warning" and "第 1 条审计记录" in said[1][1]
    window.jobs.shutdown()
    services.db.dispose()
