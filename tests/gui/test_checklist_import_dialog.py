"""Importing a province's checklist table from Excel through the mapping dialog."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.config import Paths, RunContext
from app.services import Services
from app.ui.checklist_dialog import ExcelMappingDialog
from app.ui.qt import QtWidgets
from tests.unit.test_checklist_excel_import import HEADER, rows_totalling, write_book


@pytest.fixture
def services(tmp_path: Path) -> Services:
    return Services.open(RunContext(Paths(tmp_path / "data")))


@pytest.fixture(autouse=True)
def no_blocking_boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    for name in ("information", "warning"):
        monkeypatch.setattr(
            QtWidgets.QMessageBox, name, lambda _p, _t, text, *a: shown.append(text)
        )
    return shown


def test_mapping_is_guessed_and_import_succeeds(qtbot, services: Services, tmp_path: Path) -> None:
    job = services.checklists.start_excel_import(
        write_book(tmp_path / "省标准.xlsx", HEADER, rows_totalling())
    )
    dialog = ExcelMappingDialog(job)
    qtbot.addWidget(dialog)
    assert dialog.role_combos["points"].currentData() == 3
    assert dialog.preview.rowCount() == 10
    assert not dialog.import_button.isEnabled(), "province is still empty"
    assert "省份" in dialog.report.toPlainText()

    dialog.province_edit.setText("某省")
    dialog.name_edit.setText("某省行政处罚案卷评查标准")
    dialog._validate()
    assert dialog.import_button.isEnabled(), dialog.report.toPlainText()
    dialog.import_button.click()
    assert dialog.saved_id
    names = [i.name for i in services.checklists.list()]
    assert "某省行政处罚案卷评查标准" in names


def test_wrong_column_choice_is_reported(qtbot, services: Services, tmp_path: Path) -> None:
    job = services.checklists.start_excel_import(
        write_book(tmp_path / "t.xlsx", HEADER, rows_totalling())
    )
    dialog = ExcelMappingDialog(job)
    qtbot.addWidget(dialog)
    dialog.province_edit.setText("某省")
    dialog.role_combos["points"].setCurrentIndex(0)  # （无）
    assert not dialog.import_button.isEnabled()
    assert "分值" in dialog.report.toPlainText()
    dialog.role_combos["points"].setCurrentIndex(5)  # the 评分细则 column: text, not numbers
    assert not dialog.import_button.isEnabled()


def test_switching_to_a_sheet_without_a_table_warns(
    qtbot, services: Services, tmp_path: Path, no_blocking_boxes: list[str]
) -> None:
    job = services.checklists.start_excel_import(
        write_book(tmp_path / "t.xlsx", HEADER, rows_totalling())
    )
    dialog = ExcelMappingDialog(job)
    qtbot.addWidget(dialog)
    dialog.sheet_combo.setCurrentText("说明")
    assert no_blocking_boxes and "表头" in no_blocking_boxes[0]
    assert dialog.job.table.sheet == "评查标准", "the good sheet stays loaded"
