"""GUI tests run offscreen; Qt must know before the QApplication exists."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.support import build_demo_data_dir

if TYPE_CHECKING:
    from app.services import Services
    from app.ui.taskman import TaskManager


@pytest.fixture(scope="session")
def demo_library_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder holding a small demo library, built once per test session (copy it)."""
    return build_demo_data_dir(tmp_path_factory.mktemp("demo-template") / "data", count=4)


@pytest.fixture(autouse=True)
def no_unexpected_message_box(monkeypatch: pytest.MonkeyPatch) -> None:
    """A message box nobody answers blocks a test run for ever: fail the test instead,
    naming the box. A test that expects one replaces it with its own monkeypatch."""
    from app.ui.qt import QtWidgets

    def refuse(kind: str):  # type: ignore[no-untyped-def]
        def box(_parent, title, text, *args, **kwargs):  # type: ignore[no-untyped-def]
            raise AssertionError(f"unexpected QMessageBox.{kind}: {title} — {text}")

        return box

    for kind in ("information", "warning", "critical", "question"):
        monkeypatch.setattr(QtWidgets.QMessageBox, kind, refuse(kind))


@pytest.fixture(autouse=True)
def no_leaked_key_modifiers() -> Iterator[None]:
    """A test that types Ctrl+Tab or Ctrl+W leaves Qt believing Ctrl is still held (the
    offscreen platform keeps the modifiers of the last key event), and a later test's
    `selectRow` then toggles the row instead of selecting it. Release them after each test."""
    yield
    from PySide6 import QtTest

    from app.ui.qt import Qt, QtGui, QtWidgets

    if QtGui.QGuiApplication.keyboardModifiers() == Qt.KeyboardModifier.NoModifier:
        return
    target = QtWidgets.QWidget()
    for key in (Qt.Key.Key_Control, Qt.Key.Key_Shift, Qt.Key.Key_Alt, Qt.Key.Key_Meta):
        QtTest.QTest.keyRelease(target, key)
    target.deleteLater()


@pytest.fixture
def window_services(demo_library_template: Path, tmp_path: Path) -> Iterator[Services]:
    target = tmp_path / "data"
    shutil.copytree(demo_library_template, target)
    from app.config import Paths, RunContext
    from app.services import Services

    opened = Services.open(RunContext(Paths(target), today=dt.date(2026, 12, 3)))
    opened.set_reviewer_name("孙组长")
    yield opened
    opened.db.dispose()


@pytest.fixture
def window_tasks() -> Iterator[TaskManager]:
    from app.ui.taskman import TaskManager

    manager = TaskManager()
    yield manager
    manager.shutdown()
