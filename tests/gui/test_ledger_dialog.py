"""The 纠错案件台账 dialog: add through the form, edit 复盘/整改, delete, import, refusals."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from app.review.corrected_cases import CorrectedCaseService
from app.store.database import Database
from app.store.ready import ensure_ready
from app.ui.ledger_dialog import EntryForm, LedgerDialog, NoteForm
from app.ui.qt import QtCore, QtWidgets

MARKET = "某县市场监督管理局"


@pytest.fixture
def service(tmp_path: Path) -> CorrectedCaseService:
    db: Database = ensure_ready(f"sqlite:///{tmp_path / 'library.db'}", tmp_path / "backups")
    return CorrectedCaseService(db, "李审")


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(
        QtWidgets.QMessageBox, "warning", lambda _p, _t, text, *a: shown.append(text)
    )
    return shown


def table_texts(dialog: LedgerDialog) -> list[list[str]]:
    return [
        [dialog.table.item(r, c).text() for c in range(dialog.table.columnCount())]
        for r in range(dialog.table.rowCount())
    ]


def fill_entry(form: EntryForm, case_no: str = "某市监罚〔2026〕12号") -> None:
    form.department.setCurrentText(MARKET)
    form.case_no.setText(case_no)
    form.channel.setCurrentIndex(form.channel.findData("litigation"))
    form.organ.setText("某区人民法院")
    form.corrected_on.setDate(QtCore.QDate(2026, 9, 3))
    form.result_box.setCurrentText("确认违法")
    form.reason.setPlainText("超期送达处罚决定书")
    form.review_note.setPlainText("送达环节无人跟踪")


def save(form: QtWidgets.QDialog) -> None:
    form.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok).click()  # type: ignore[attr-defined]


def test_add_an_entry_through_the_form(qtbot, service: CorrectedCaseService, warnings) -> None:  # type: ignore[no-untyped-def]
    dialog = LedgerDialog(service)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0
    assert not dialog.note_button.isEnabled()

    dialog.add_button.click()
    form = dialog.form
    assert isinstance(form, EntryForm) and form.isVisible()
    fill_entry(form)
    save(form)
    assert not form.isVisible() and warnings == []

    assert table_texts(dialog) == [
        [
            "2026年第三季度",
            MARKET,
            "某市监罚〔2026〕12号",
            "行政诉讼",
            "某区人民法院",
            "2026-09-03",
            "确认违法",
            "超期送达处罚决定书",
            "送达环节无人跟踪",
            "",
            "",
        ]
    ]
    assert dialog.quarter.findData("2026Q3") > 0
    assert "共 1 件" in dialog.counts.text()
    assert [e.case_no for e in service.list("2026Q3")] == ["某市监罚〔2026〕12号"]


def test_a_refused_entry_keeps_the_form_and_what_was_typed(
    qtbot, service: CorrectedCaseService, warnings
) -> None:  # type: ignore[no-untyped-def]
    dialog = LedgerDialog(service)
    qtbot.addWidget(dialog)
    dialog.add_button.click()
    form = dialog.form
    assert isinstance(form, EntryForm)
    fill_entry(form)
    form.organ.setText("")
    save(form)
    assert warnings == ["纠错机关不能为空。"]
    assert form.isVisible() and form.case_no.text() == "某市监罚〔2026〕12号"
    form.organ.setText("某区人民法院")
    save(form)
    assert dialog.table.rowCount() == 1

    dialog.add_button.click()
    again = dialog.form
    assert isinstance(again, EntryForm) and again is not form
    fill_entry(again)
    save(again)
    assert again.isVisible() and "不能重复登记" in warnings[-1]
    assert dialog.table.rowCount() == 1


def test_edit_notes_and_delete(
    qtbot, service: CorrectedCaseService, warnings, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    entry = service.add(
        MARKET, "某市监罚〔2026〕12号", "复议", "某县人民政府", "2026-09-03", "撤销", "程序违法"
    )
    dialog = LedgerDialog(service)
    qtbot.addWidget(dialog)
    dialog.table.selectRow(0)
    assert dialog.note_button.isEnabled()
    dialog.note_button.click()
    form = dialog.form
    assert isinstance(form, NoteForm)
    form.review_note.setPlainText("未审查事先告知书送达回证")
    form.rectification_note.setPlainText("修订法制审核清单")
    form.rectified.setChecked(True)
    form.rectified_on.setDate(QtCore.QDate(2026, 8, 1))  # before the correction: refused
    save(form)
    assert form.isVisible() and "早于纠错日期" in warnings[-1]
    form.rectified_on.setDate(QtCore.QDate(2026, 10, 20))
    save(form)
    assert not form.isVisible()
    saved = service.get(entry.id)
    assert saved.review_note == "未审查事先告知书送达回证"
    assert saved.rectified_on == date(2026, 10, 20)
    assert table_texts(dialog)[0][-3:] == [
        "未审查事先告知书送达回证",
        "修订法制审核清单",
        "2026-10-20",
    ]

    monkeypatch.setattr(
        QtWidgets.QMessageBox,
        "question",
        lambda *a, **k: QtWidgets.QMessageBox.StandardButton.No,
    )
    dialog.table.selectRow(0)
    dialog.delete_button.click()
    assert dialog.table.rowCount() == 1
    monkeypatch.setattr(
        QtWidgets.QMessageBox,
        "question",
        lambda *a, **k: QtWidgets.QMessageBox.StandardButton.Yes,
    )
    dialog.table.selectRow(0)
    dialog.delete_button.click()
    qtbot.waitUntil(lambda: dialog.tasks.idle, timeout=20_000)  # stored by the writer
    assert dialog.table.rowCount() == 0 and service.list() == []


def test_import_from_excel_and_the_quarter_filter(
    qtbot, service: CorrectedCaseService, warnings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (
        ["执法单位", "案号", "纠错方式", "纠错机关", "纠错日期", "纠错结果", "纠错原因"],
        [MARKET, "某市监罚〔2026〕12号", "复议", "某县人民政府", "2026年9月3日", "撤销", "程序违法"],
        [MARKET, "某市监罚〔2026〕40号", "诉讼", "某区人民法院", "2026年11月8日", "变更", "罚款畸重"],
        [MARKET, "某市监罚〔2026〕41号", "诉讼", "某区人民法院", "下月", "变更", "罚款畸重"],
    ):  # fmt: skip
        sheet.append(row)
    path = tmp_path / "台账.xlsx"
    book.save(path)
    monkeypatch.setattr(QtWidgets.QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    dialog = LedgerDialog(service)
    qtbot.addWidget(dialog)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.tasks.idle, timeout=20_000)
    assert len(warnings) == 1 and "第 4 行" in warnings[0] and "新增 2 件" in warnings[0]
    assert dialog.table.rowCount() == 2
    dialog.quarter.setCurrentIndex(dialog.quarter.findData("2026Q4"))
    assert [r[2] for r in table_texts(dialog)] == ["某市监罚〔2026〕40号"]

    bad = tmp_path / "坏.xlsx"
    bad.write_text("not excel", encoding="utf-8")
    monkeypatch.setattr(QtWidgets.QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.tasks.idle, timeout=20_000)
    assert "无法读取 Excel 文件" in warnings[-1]
    assert len(service.list()) == 2


def test_open_ledger_dialog_uses_the_windows_services(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from app.config import Paths, RunContext
    from app.services import Services
    from app.ui.ledger_dialog import open_ledger_dialog

    services = Services.open(RunContext(Paths(tmp_path / "data")))
    CorrectedCaseService(services.db).add(
        MARKET, "某市监罚〔2026〕12号", "复议", "某县人民政府", "2026-09-03", "撤销", "程序违法"
    )
    monkeypatch.setattr(LedgerDialog, "exec", lambda self: 0)  # never block the test
    dialog = open_ledger_dialog(None, services)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "纠错案件台账" and dialog.table.rowCount() == 1
