"""Importing the officers' roster from the window's 评查 menu."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.config import Paths, RunContext
from app.review.roster import list_roster
from app.services import Services
from app.ui.main_window import MainWindow
from app.ui.qt import QtGui, QtWidgets
from app.ui.roster_dialog import EMPTY, NO_QUALIFICATION, RosterDialog
from tests.unit.test_roster import ROSTER, workbook


def opened_roster(qtbot, action: QtGui.QAction, monkeypatch: pytest.MonkeyPatch) -> RosterDialog:
    """The roster dialog a menu ``action`` opens (评查 → 导入执法人员名册… opens it asking for
    the file at once)."""
    opened: list[RosterDialog] = []
    monkeypatch.setattr(RosterDialog, "exec", lambda self: opened.append(self) or 0)
    action.trigger()
    (dialog,) = opened
    qtbot.addWidget(dialog)
    return dialog


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
    dialog = opened_roster(qtbot, window.roster_action, monkeypatch)
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)  # asked at once, stored by the writer
    assert "已导入 2 名执法人员" in shown[0]
    assert {r["cert_no"] for r in list_roster(services.db)} == {"32051754256", "32053191692"}
    assert dialog.table.rowCount() == 2  # the dialog shows the roster it imported


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
    opened_roster(qtbot, window.roster_action, monkeypatch)
    qtbot.waitUntil(lambda: bool(warnings), timeout=20_000)
    assert "Traceback" not in warnings[0]
    assert list_roster(services.db) == []


def test_the_roster_window_shows_the_legal_qualification(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """《行政处罚法》第五十八条第二款: the window shows who holds a 法律职业资格."""
    services = Services.open(RunContext(Paths(tmp_path / "data")))
    window = MainWindow(services)
    qtbot.addWidget(window)
    dialog = opened_roster(qtbot, window.roster_view_action, monkeypatch)
    assert dialog.note.text() == EMPTY and dialog.table.rowCount() == 0
    assert dialog.table.horizontalHeaderItem(5).text() == "法律职业资格"

    plain = workbook(tmp_path / "名册.xlsx", ROSTER)
    shown: list[str] = []
    monkeypatch.setattr(QtWidgets.QFileDialog, "getOpenFileName", lambda *a, **k: (str(plain), ""))
    monkeypatch.setattr(
        QtWidgets.QMessageBox, "information", lambda _p, _t, text: shown.append(text)
    )
    dialog.import_file()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=20_000)
    assert NO_QUALIFICATION in dialog.note.text()
    assert shown == [  # the dialog's 导入名册 says what the menu's 导入执法人员名册 says
        "已导入 2 名执法人员。预检将核对笔录上的执法证号是否在名册中且在有效期内，"
        "以及法制审核人员是否登记了法律职业资格。"
    ]

    rows = [["姓名", "执法证号", "法律职业资格证书编号"], ["高杰", "32051754256", "A20183201"]]
    qualified = workbook(tmp_path / "资格.xlsx", rows)
    monkeypatch.setattr(
        QtWidgets.QFileDialog, "getOpenFileName", lambda *a, **k: (str(qualified), "")
    )
    dialog.import_file()
    qtbot.waitUntil(lambda: "1 名登记了法律职业资格" in dialog.note.text(), timeout=20_000)
    gao = next(
        r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 0).text() == "高杰"
    )
    assert dialog.table.item(gao, 5).text() == "A20183201"
