"""评查 → 建立演示评查活动: refused in Chinese while the demo dossiers are unread; once read,
the campaign is built from their pre-checks and the 评查活动 window opens on it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import update

from app.config import DEMO_MARKER, Paths, RunContext
from app.errors import UserError
from app.services import Services
from app.store.models import CaseFile
from app.ui.main_window import MainWindow
from app.ui.qt import QtWidgets
from tests.review_support import ReviewedLibrary


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(
        QtWidgets.QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append(text)
    )
    return shown


def open_window(qtbot, data_dir: Path, **marks: object) -> MainWindow:  # type: ignore[no-untyped-def]
    # The demo campaign is built only in a demo library's own (marked) folder.
    (data_dir / DEMO_MARKER).write_text("演示库", encoding="utf-8")
    services = Services.open(RunContext(Paths(data_dir), today=date(2026, 11, 23)))
    if marks:
        with services.db.session() as s:
            s.execute(update(CaseFile).values(**marks))
    window = MainWindow(services)
    qtbot.addWidget(window)
    return window


def test_unread_demo_dossiers_are_refused_in_chinese(
    qtbot, reviewed: ReviewedLibrary, warnings: list[str]
) -> None:
    reviewed.db.dispose()
    window = open_window(qtbot, reviewed.paths.data_dir, demo=True, status="processing")
    window.demo_campaign_action.trigger()
    qtbot.waitUntil(lambda: bool(warnings), timeout=30_000)
    assert "尚未识别完成" in warnings[0]
    assert getattr(window, "campaign_window", None) is None


def test_demo_campaign_is_built_and_shown(
    qtbot, reviewed: ReviewedLibrary, warnings: list[str]
) -> None:
    reviewed.db.dispose()
    window = open_window(qtbot, reviewed.paths.data_dir, demo=True, status="ready")
    window.demo_campaign_action.trigger()
    qtbot.waitUntil(lambda: getattr(window, "campaign_window", None) is not None, timeout=60_000)
    campaigns = window.services.campaigns.list()
    demo = [c for c in campaigns if c.name == "2026年第三季度行政执法案卷抽查评查"]
    assert len(demo) == 1 and demo[0].cases == 12
    assert window.campaign_window.campaign_id() == demo[0].id
    assert warnings == []
    window.campaign_window.close()


def test_no_demo_campaign_in_a_real_library(qtbot, reviewed: ReviewedLibrary) -> None:
    reviewed.db.dispose()
    services = Services.open(RunContext(Paths(reviewed.paths.data_dir)))
    window = MainWindow(services)
    qtbot.addWidget(window)
    assert not window.demo_campaign_action.isVisible()
    with pytest.raises(UserError, match="演示库"):
        services.build_demo_campaign()


def test_asked_while_the_dossiers_are_read_it_waits_in_the_task_list(
    qtbot, reviewed: ReviewedLibrary, warnings: list[str]
) -> None:
    import threading

    reviewed.db.dispose()
    window = open_window(qtbot, reviewed.paths.data_dir, demo=True, status="ready")
    reading_done = threading.Event()
    window.jobs.start(lambda _state: reading_done.wait(60), title="继续识别未完成的案卷")
    qtbot.waitUntil(lambda: window.jobs.busy)
    window.demo_campaign_action.trigger()
    window.demo_campaign_action.trigger()  # asked twice: listed once
    waiting = [r.title for r in window.jobs.queue.records() if r.state == "waiting"]
    assert waiting == ["建立演示评查活动"]
    assert "完成后将自动建立演示评查活动" in window.statusBar().currentMessage()
    reading_done.set()
    qtbot.waitUntil(lambda: getattr(window, "campaign_window", None) is not None, timeout=60_000)
    assert any(c.name.endswith("行政执法案卷抽查评查") for c in window.services.campaigns.list())
    assert warnings == []
    window.campaign_window.close()
