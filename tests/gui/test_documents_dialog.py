"""The 文书与报表 dialog on a real reviewed library: previews built in the background (pages
through LibreOffice, or text without it), an opinion issued with a number taken only when
saved, the circular issued with its 文号 when saved, the Excel workbook saved as previewed,
the comparison charts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.config import Paths, RunContext
from app.documents.pdf_convert import find_soffice
from app.services import Services
from app.ui.documents.documents_dialog import DocumentsDialog, IssueDialog
from app.ui.documents.preview import NO_SOFFICE_NOTE, docx_text
from app.ui.qt import QtWidgets
from app.ui.review.campaign_window import CampaignWindow
from tests.review_support import DEPARTMENTS, ReviewedLibrary, build_reviewed_library

WAIT = 180_000  # LibreOffice on a busy two-core machine
MARKET = DEPARTMENTS[0]


@pytest.fixture
def library(tmp_path: Path) -> Iterator[tuple[ReviewedLibrary, Services]]:
    lib = build_reviewed_library(tmp_path)
    lib.db.dispose()
    services = Services.open(RunContext(Paths(lib.paths.data_dir), today=date(2026, 9, 1)))
    yield lib, services
    services.db.dispose()


def open_dialog(qtbot, services: Services, campaign: int) -> DocumentsDialog:  # type: ignore[no-untyped-def]
    dialog = DocumentsDialog(services, campaign)
    qtbot.addWidget(dialog, before_close_func=lambda d: d.shutdown())
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def wait_preview(qtbot, dialog: DocumentsDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: dialog.preview_ready() and not dialog.busy, timeout=WAIT)


def save_to(monkeypatch, path: Path) -> list[str]:  # type: ignore[no-untyped-def]
    """Answer the save-as dialog with ``path`` instead of blocking."""
    asked: list[str] = []

    def fake(_parent, _title, proposed, _filter):  # type: ignore[no-untyped-def]
        asked.append(proposed)
        return str(path), _filter

    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", staticmethod(fake))
    return asked


def test_opinion_previewed_then_issued_with_its_number(
    qtbot, library, tmp_path: Path, monkeypatch
) -> None:
    lib, services = library
    dialog = open_dialog(qtbot, services, lib.spotcheck)
    assert dialog.windowTitle() == "文书与报表 — 2026年第二季度行政执法案卷抽查"
    rows = dialog.row_texts()
    assert any(MARKET in r and "未出具" in r for r in rows)
    assert {"评查表（逐卷）", "评查情况通报", "Excel 汇总表", "对比图表"} <= set(rows)

    dialog.select("opinion", MARKET)
    # Until the preview is there, the greyed 出具并保存 says why beside it.
    assert not dialog.issue_button.isEnabled() and "预览" in dialog.wait_label.text()
    wait_preview(qtbot, dialog)
    assert dialog.wait_label.text() == ""
    # The preview shows the number the letter would get, without taking it.
    assert "司监意〔2026〕1号" in dialog.note_label.text()
    assert "2026年10月8日" in dialog.note_label.text()
    if find_soffice():
        assert dialog.preview_pages() >= 1
        assert not dialog.pages_view.page_labels[0].pixmap().isNull()
    else:
        assert NO_SOFFICE_NOTE in dialog.note_label.text()
    assert services.letters().letters() == []
    assert dialog.issue_button.isVisible() and dialog.issue_button.isEnabled()
    assert not dialog.rewrite_button.isVisible()

    shown: list[str] = []

    def accept(issue: IssueDialog) -> int:
        shown.append(issue.deadline_label.text())
        issue.ok_button.click()
        return issue.result()

    monkeypatch.setattr(IssueDialog, "exec", accept)
    target = tmp_path / "out" / "监督意见书"  # no suffix: the dialog adds .docx
    target.parent.mkdir()
    save_to(monkeypatch, target)
    dialog.issue_button.click()
    qtbot.waitUntil(lambda: "司监意〔2026〕1号" in dialog.result_label.text(), timeout=WAIT)

    saved = target.with_name("监督意见书.docx")
    assert saved.is_file()
    assert "司监意〔2026〕1号" in docx_text(saved)
    assert shown == ["2026年10月8日"]
    assert dialog.open_folder_button.isEnabled()
    assert dialog.saved_path == saved
    row = next(r for r in dialog.row_texts() if MARKET in r)
    assert "已出具 司监意〔2026〕1号" in row
    assert [x["number"] for x in services.letters().letters()] == ["司监意〔2026〕1号"]
    # Issued: the dialog offers to write it again, never to issue a second one.
    assert dialog.current_paper().issued_number == "司监意〔2026〕1号"
    assert dialog.rewrite_button.isVisible() and not dialog.issue_button.isVisible()
    wait_preview(qtbot, dialog)
    assert "已出具的司监意〔2026〕1号" in dialog.note_label.text()

    again = tmp_path / "out" / "重新生成.docx"
    save_to(monkeypatch, again)
    dialog.rewrite_button.click()
    qtbot.waitUntil(lambda: again.is_file() and not dialog.busy, timeout=WAIT)
    assert "司监意〔2026〕1号" in docx_text(again)
    assert "重新生成" in dialog.result_label.text()
    assert len(services.letters().letters()) == 1


def test_circular_workbook_and_sheet_saved_as_previewed(
    qtbot, library, tmp_path: Path, monkeypatch
) -> None:
    lib, services = library
    dialog = open_dialog(qtbot, services, lib.spotcheck)

    dialog.select("circular")
    wait_preview(qtbot, dialog)
    assert dialog.save_button.isVisible() and dialog.save_button.isEnabled()
    if find_soffice():
        assert dialog.preview_pages() >= 2
    circular = tmp_path / "通报.docx"
    save_to(monkeypatch, circular)
    dialog.save_button.click()  # a saved 通报 is issued: its 文号 comes from the registry
    qtbot.waitUntil(lambda: circular.is_file() and not dialog.busy, timeout=WAIT)
    assert "评查" in docx_text(circular) and "司监通〔2026〕1号" in docx_text(circular)
    assert "司监通〔2026〕1号" in dialog.result_label.text()
    assert [r["kind"] for r in services.letters().letters()] == ["bulletin"]
    assert dialog.open_folder_button.isEnabled()

    dialog.select("workbook")
    wait_preview(qtbot, dialog)
    assert dialog.stack.currentWidget() is dialog.workbook_view
    assert "共 4 个工作表" in dialog.workbook_summary.text()
    assert dialog.workbook_tabs.count() == 4
    assert dialog.workbook_tabs.tabText(0).startswith("案卷得分")
    assert dialog.workbook_tabs.widget(0).rowCount() > 0
    book_path = tmp_path / "汇总表.xlsx"
    save_to(monkeypatch, book_path)
    dialog.save_button.click()
    book = load_workbook(book_path, read_only=True)
    assert book.sheetnames == ["案卷得分", "扣分明细", "单位汇总", "问题频次"]
    book.close()

    dialog.select("sheet")
    assert dialog.case_row.isVisible()
    assert dialog.case_combo.count() == 12
    dialog.case_combo.setCurrentIndex(1)
    wait_preview(qtbot, dialog)
    sheet = tmp_path / "评查表.docx"
    asked = save_to(monkeypatch, sheet)
    dialog.save_button.click()
    assert Path(asked[0]).name.startswith("评查表-")
    assert sheet.is_file()
    assert "某市1罚〔2026〕2号" in docx_text(sheet)


def test_charts_page_and_export(qtbot, library, tmp_path: Path, monkeypatch) -> None:
    lib, services = library
    dialog = open_dialog(qtbot, services, lib.spotcheck)
    dialog.select("charts")
    wait_preview(qtbot, dialog)
    assert dialog.stack.currentWidget() is dialog.charts_view
    names = dialog.charts_view.chart_names()
    assert len(names) >= 3
    assert {"departments", "trend", "self_vs_spot"} <= set(names)
    assert not dialog.save_button.isVisible()

    folder = tmp_path / "charts"
    folder.mkdir()
    monkeypatch.setattr(
        QtWidgets.QFileDialog,
        "getExistingDirectory",
        staticmethod(lambda *_args, **_kw: str(folder)),
    )
    dialog.charts_view.export_buttons["departments"].click()
    qtbot.waitUntil(lambda: bool(dialog.exported) and not dialog.busy, timeout=WAIT)
    assert sorted(p.name for p in folder.iterdir()) == ["departments.png", "departments.svg"]
    dialog.charts_view.export_all_button.click()
    qtbot.waitUntil(lambda: len(dialog.exported) == 2 * len(names), timeout=WAIT)
    assert len(list(folder.glob("*.svg"))) == len(names)


def test_text_preview_without_libreoffice(qtbot, library, monkeypatch) -> None:
    lib, services = library
    monkeypatch.setenv("PATH", "")  # no soffice to be found
    monkeypatch.delenv("ANJUAN_SOFFICE", raising=False)
    dialog = open_dialog(qtbot, services, lib.spotcheck)
    dialog.select("opinion", MARKET)
    wait_preview(qtbot, dialog)
    assert NO_SOFFICE_NOTE in dialog.note_label.text()
    assert dialog.preview_pages() == 0
    text = dialog.pages_view.text_view.toPlainText()
    assert "行政执法监督意见书" in text and MARKET in text
    assert "某市1罚〔2026〕1号" in text  # the table of cases, read from the .docx


def test_closing_during_a_preview_is_safe(qtbot, library) -> None:
    lib, services = library
    dialog = open_dialog(qtbot, services, lib.spotcheck)
    dialog.select("circular")
    assert dialog.busy
    dialog.close()
    assert dialog.preview_ready() is False
    # Nothing was issued by looking.
    assert services.letters().letters() == []


def test_opened_from_the_campaign_window(qtbot, library) -> None:
    lib, services = library
    window = CampaignWindow(services)
    qtbot.addWidget(window, before_close_func=lambda w: w.close_all())
    window.select_campaign(lib.spotcheck)
    assert window.documents_button.isEnabled()
    dialog = window.open_documents()
    assert isinstance(dialog, DocumentsDialog)
    assert dialog.campaign_id == lib.spotcheck
    dialog.close()
