"""GUI tests run offscreen; Qt must know before the QApplication exists."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest

from tests.support import build_demo_data_dir


@pytest.fixture(scope="session")
def demo_library_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder holding a small demo library, built once per test session (copy it)."""
    return build_demo_data_dir(tmp_path_factory.mktemp("demo-template") / "data", count=4)
