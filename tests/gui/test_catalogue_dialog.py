"""导入案件台账 through its column-mapping dialog: an unusual 案号 header is refused with the
reason, mapped by hand, previewed with the rows left out, then imported; a wrong sheet says so."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from app.config import Paths, RunContext
from app.services import Services
from app.ui.review.catalogue_dialog import CatalogueImportDialog


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    opened = Services.open(RunContext(Paths(tmp_path / "data")))
    yield opened
    opened.db.dispose()


def unusual_catalogue(path: Path) -> Path:
    book = openpyxl.Workbook()
    book.active.title = "说明"
    book.active["A1"] = "填表说明：每案一行"
    ws = book.create_sheet("三季度")
    ws.append(["某县行政处罚案件登记表"])
    ws.append(["登记号", "案件名称", "当事人", "执法单位", "立案日期"])
    for n in range(1, 5):
        ws.append(
            [f"某县监罚〔2026〕{n}号", f"案件{n}", f"当事人{n}", "某县市场监督管理局", "2026-07-01"]
        )
    ws.append([None, "无号案件", "某某", "某县市场监督管理局", None])
    ws.append(["某县监罚〔2026〕2号", "重复", "某某", "某县市场监督管理局", None])
    book.save(path)
    return path


def test_a_catalogue_is_mapped_by_hand_previewed_and_imported(
    qtbot, services: Services, tmp_path: Path
) -> None:
    campaign = services.campaigns.create("三季度抽查", "spotcheck", "2026Q3").id
    dialog = CatalogueImportDialog(services, campaign, unusual_catalogue(tmp_path / "台账.xlsx"))
    qtbot.addWidget(dialog)

    # The catalogue sheet is found, its header row too, but nothing says which column is 案号.
    assert dialog.sheet_combo.currentText() == "三季度"
    assert dialog.header_box.value() == 2
    assert "没有“案号”列" in dialog.error_label.text() and "登记号" in dialog.error_label.text()
    assert "--column" not in dialog.error_label.text()  # the window's own advice instead
    assert not dialog.import_button.isEnabled()
    # The other columns are recognised by their words already.
    assert dialog.role_combos["party"].currentText() == "第 3 列：当事人"

    case_no = dialog.role_combos["case_no"]
    case_no.setCurrentIndex(case_no.findText("第 1 列：登记号"))
    assert dialog.error_label.text() == ""
    assert dialog.table.rowCount() == 4
    assert dialog.table.item(0, 1).text() == "某县监罚〔2026〕1号"
    assert dialog.table.item(0, 3).text() == "当事人1"  # the guessed columns were kept
    report = dialog.report.toPlainText()
    assert "可导入 4 行" in report
    assert "第 7 行没有案号" in report and "第 8 行的案号与第 4 行重复" in report

    # The wrong sheet says why and cannot be imported; going back keeps working.
    dialog.sheet_combo.setCurrentText("说明")
    assert dialog.error_label.text() and not dialog.import_button.isEnabled()
    dialog.sheet_combo.setCurrentText("三季度")
    case_no.setCurrentIndex(case_no.findText("第 1 列：登记号"))
    assert dialog.import_button.isEnabled()

    dialog.import_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.result_info is not None and dialog.result_info.rows == 4
    assert services.campaigns.show(campaign).catalogue_rows == 4


def test_a_file_that_is_not_a_workbook_is_refused_in_chinese(
    services: Services, tmp_path: Path
) -> None:
    from app.errors import UserError

    campaign = services.campaigns.create("三季度抽查", "spotcheck", "2026Q3").id
    fake = tmp_path / "台账.xlsx"
    fake.write_text("这不是表格", encoding="utf-8")
    with pytest.raises(UserError, match=r"台账\.xlsx"):
        CatalogueImportDialog(services, campaign, fake)


def test_a_column_chosen_for_one_role_is_taken_from_the_role_that_guessed_it(
    qtbot, services: Services, tmp_path: Path
) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["处罚决定书号", "当事人", "执法单位"])  # 处罚决定… reads as 处罚种类 first
    ws.append(["某县监罚〔2026〕1号", "张三", "某县市场监督管理局"])
    path = tmp_path / "台账.xlsx"
    book.save(path)
    campaign = services.campaigns.create("三季度抽查", "spotcheck", "2026Q3").id
    dialog = CatalogueImportDialog(services, campaign, path)
    qtbot.addWidget(dialog)
    assert dialog.role_combos["penalty"].currentText() == "第 1 列：处罚决定书号"

    case_no = dialog.role_combos["case_no"]
    case_no.setCurrentIndex(case_no.findText("第 1 列：处罚决定书号"))
    assert dialog.role_combos["penalty"].currentText() == "（无）"
    assert dialog.error_label.text() == "" and dialog.import_button.isEnabled()
    assert dialog.table.item(0, 1).text() == "某县监罚〔2026〕1号"
