"""First use of the letters in the window (issue 15 items 6, 7): the organ and the legal
basis asked once before the first number is taken; a department without an opinion says
why; the checklist view marks 监督事项."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from app.config import Paths, RunContext, Settings
from app.services import Services
from app.ui.checklist_dialog import ChecklistDialog
from app.ui.documents.documents_dialog import IssueDialog
from app.ui.first_run import FirstRunDialog
from tests.gui.test_documents_dialog import MARKET, WAIT, open_dialog, save_to, wait_preview
from tests.review_support import DEPARTMENTS, ReviewedLibrary, build_reviewed_library

TRANSPORT = DEPARTMENTS[2]


@pytest.fixture
def unset(tmp_path: Path) -> Iterator[tuple[ReviewedLibrary, Services]]:
    """A reviewed library whose office has not said who it is yet."""
    lib = build_reviewed_library(tmp_path)
    lib.db.dispose()
    Settings().save(lib.paths.settings_file)
    services = Services.open(RunContext(Paths(lib.paths.data_dir), today=date(2026, 9, 1)))
    yield lib, services
    services.db.dispose()


def test_the_first_letter_asks_once_for_the_organ_and_basis(
    qtbot, unset: tuple[ReviewedLibrary, Services], tmp_path: Path, monkeypatch
) -> None:
    lib, services = unset
    asked: list[str] = []

    def answer(dialog: FirstRunDialog) -> int:
        asked.append(dialog.windowTitle())
        dialog.organ.setText("某县司法局")
        dialog.legal_basis.setText("《行政执法监督条例》第×条")  # a placeholder: refused
        assert not dialog.save() and "含有占位符" in dialog.error.text()
        dialog.legal_basis.setText("《某省行政执法监督办法》第二十条")
        assert dialog.save()
        return dialog.result()

    monkeypatch.setattr(FirstRunDialog, "exec", answer)
    monkeypatch.setattr(IssueDialog, "exec", lambda issue: issue.ok_button.click() or 1)
    dialog = open_dialog(qtbot, services, lib.spotcheck)
    for n, department in enumerate((MARKET, TRANSPORT), start=1):
        dialog.select("opinion", department)
        wait_preview(qtbot, dialog)
        save_to(monkeypatch, tmp_path / f"{n}.docx")
        dialog.issue_button.click()
        qtbot.waitUntil(
            lambda n=n: f"司监意〔2026〕{n}号" in dialog.result_label.text(), timeout=WAIT
        )
    assert asked == ["出具文书前的设置"]  # asked before the first letter only
    stored = Settings.load(lib.paths.settings_file)
    assert stored.issuing_organ == "某县司法局" and not stored.letter_gaps()
    assert [r["number"] for r in services.letters().letters()] == [
        "司监意〔2026〕1号",
        "司监意〔2026〕2号",
    ]
    assert services.letters().issued_context("司监意〔2026〕1号")["organ"] == "某县司法局"


def test_cancelling_the_question_takes_no_number(
    qtbot, unset: tuple[ReviewedLibrary, Services], monkeypatch
) -> None:
    lib, services = unset
    monkeypatch.setattr(FirstRunDialog, "exec", lambda d: d.skip_button.click() or 0)
    monkeypatch.setattr(
        IssueDialog, "exec", lambda _i: pytest.fail("asked for a date before the settings")
    )
    dialog = open_dialog(qtbot, services, lib.spotcheck)
    dialog.select("opinion", MARKET)
    wait_preview(qtbot, dialog)
    dialog.issue_button.click()
    assert services.letters().letters() == []


def test_a_department_without_an_opinion_says_why(
    qtbot, unset: tuple[ReviewedLibrary, Services]
) -> None:
    lib, services = unset
    campaigns = services.campaigns
    fresh = campaigns.create("2026年第四季度抽查", "spotcheck", "2026Q4").id
    cases = [e.case_id for e in campaigns.cases(lib.spotcheck) if e.department == MARKET]
    campaigns.add_cases(fresh, [c for c in cases if c is not None][:2])
    dialog = open_dialog(qtbot, services, fresh)
    row = next(r for r in dialog.row_texts() if MARKET in r)
    assert "不出具" in row
    dialog.select("opinion", MARKET)
    text = dialog.pages_view.text_view.toPlainText()
    assert text.startswith("不出具监督意见书：") and "均未评定完毕" in text
    assert not dialog.issue_button.isVisible()


def test_the_checklist_view_marks_supervision_items(
    qtbot, unset: tuple[ReviewedLibrary, Services]
) -> None:
    _lib, services = unset
    dialog = ChecklistDialog(services.checklists)
    qtbot.addWidget(dialog)
    header = dialog.tree.headerItem()
    column = [header.text(c) for c in range(header.columnCount())].index("监督事项")
    marks = {}
    for n in range(dialog.tree.topLevelItemCount()):
        category = dialog.tree.topLevelItem(n)
        for k in range(category.childCount()):
            child = category.child(k)
            marks[child.text(0).split()[0]] = child.text(column)
    assert marks and set(marks.values()) == {"监督事项", ""}
    assert "监督事项" in dialog.summary.text()


def test_the_issue_form_counts_the_deadline_from_the_service_date(qtbot) -> None:
    from datetime import timedelta

    from app.ui.qt import QtCore

    def thirty_days(start: date) -> date:
        return start + timedelta(days=30)

    form = IssueDialog(thirty_days, date(2026, 9, 1), MARKET, None, from_service=True)
    qtbot.addWidget(form)
    assert form.served_edit is not None
    form.served_edit.setDate(QtCore.QDate(2026, 8, 31))
    assert form.deadline_label.text() == "送达日期不能早于印发日期。"
    assert not form.ok_button.isEnabled()
    form.served_edit.setDate(QtCore.QDate(2026, 9, 20))
    assert form.deadline_label.text() == "2026年10月20日" and form.ok_button.isEnabled()
    assert form.served_on() == date(2026, 9, 20)
    by_issue = IssueDialog(thirty_days, date(2026, 9, 1), MARKET, None)
    qtbot.addWidget(by_issue)
    assert by_issue.served_on() is None and by_issue.deadline_label.text() == "2026年10月1日"
