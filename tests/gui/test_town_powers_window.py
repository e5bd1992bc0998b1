"""评查 → 乡镇赋权事项清单: the list imported from the window is the one the 乡镇 pre-check
reads (issue 14, 乡镇 衔接)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.config import Paths, RunContext
from app.demo.library import TOWN_POWERS
from app.services import Services
from app.ui.main_window import MainWindow
from app.ui.qt import QtWidgets
from app.ui.town_powers_dialog import NONE_YET, TownPowersDialog
from scoring.town_powers import load_town_powers
from tests.support import run_cli
from tests.unit.test_town_links import LIST


def test_import_a_list_from_the_menu(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = Services.open(RunContext(Paths(tmp_path / "data")))
    window = MainWindow(services)
    qtbot.addWidget(window)
    opened: list[TownPowersDialog] = []
    monkeypatch.setattr(TownPowersDialog, "exec", lambda self: opened.append(self) or 0)
    window.town_powers_action.trigger()
    (dialog,) = opened
    qtbot.addWidget(dialog)
    assert dialog.note.text() == NONE_YET and dialog.tree.topLevelItemCount() == 0

    good = tmp_path / "清单.yaml"
    good.write_text(LIST, encoding="utf-8")
    monkeypatch.setattr(QtWidgets.QFileDialog, "getOpenFileName", lambda *a, **k: (str(good), ""))
    dialog.import_file()
    qtbot.waitUntil(lambda: dialog.tree.topLevelItemCount() == 2, timeout=20_000)
    first = dialog.tree.topLevelItem(0)
    assert first.child(0).text(0) == "对露天焚烧秸秆的处罚"
    assert "第二十四条" in dialog.note.text()
    assert len(services.town_powers.current().lists) == 2


def test_a_broken_list_is_refused_in_chinese(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = Services.open(RunContext(Paths(tmp_path / "data")))
    window = MainWindow(services)
    qtbot.addWidget(window)
    dialog = TownPowersDialog(services, tasks=window.jobs)
    qtbot.addWidget(dialog)
    bad = tmp_path / "坏.yaml"
    bad.write_text("lists: [{name: 清单}]", encoding="utf-8")
    warnings: list[str] = []
    monkeypatch.setattr(QtWidgets.QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    monkeypatch.setattr(
        QtWidgets.QMessageBox, "warning", lambda _p, _t, text: warnings.append(text)
    )
    dialog.import_file()
    qtbot.waitUntil(lambda: bool(warnings), timeout=20_000)
    assert "source" in warnings[0] and "Traceback" not in warnings[0]
    assert services.town_powers.current().lists == ()


def test_the_list_imported_on_the_command_line_is_shown_under_the_review_menu(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """评查 → 乡镇赋权事项清单 shows the demo list a colleague imported with `town import`."""
    data = tmp_path / "data"
    assert run_cli(data, "town", "import", str(TOWN_POWERS)).code == 0
    expected = load_town_powers([TOWN_POWERS]).lists[0]
    window = MainWindow(Services.open(RunContext(Paths(data))))
    qtbot.addWidget(window)
    opened: list[TownPowersDialog] = []
    monkeypatch.setattr(TownPowersDialog, "exec", lambda self: opened.append(self) or 0)
    (review,) = [a.menu() for a in window.menuBar().actions() if a.text() == "评查(&R)"]
    (action,) = [a for a in review.actions() if a.text().startswith("乡镇赋权事项清单")]
    action.trigger()
    (dialog,) = opened
    qtbot.addWidget(dialog)
    assert dialog.tree.topLevelItemCount() == 1
    top = dialog.tree.topLevelItem(0)
    assert top.text(0) == expected.name and "全部乡镇（街道）" in top.text(1)
    assert [top.child(i).text(0) for i in range(top.childCount())] == [
        m.matter for m in expected.matters
    ]
    assert "第二十四条" in dialog.note.text()
