"""整改督办 in the main window, on a real reviewed library with real opinion letters: the
window opens on the dashboard, a reply is recorded, returned and verified, a deadline is
extended, and a 监督决定书 is issued for an overdue opinion."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import docx
import pytest

from app.config import Paths, RunContext
from app.documents.decision_text import measure_table
from app.documents.letter_requests import OpinionRequest
from app.services import Services
from app.ui.main_window import MainWindow
from app.ui.qt import QtCore, QtWidgets
from app.ui.rectification import RectificationDetailDialog
from app.ui.rectification.forms import (
    DecisionForm,
    ExtendForm,
    ReplyForm,
    ReturnForm,
    VerifyForm,
)
from tests.review_support import ReviewedLibrary

MARKET = "某市市场监督管理局"
TRANSPORT = "某市交通运输局"
TODAY = date(2026, 10, 20)


@dataclass
class Bureau:
    services: Services
    market: str  # issued 2026-09-01, deadline 2026-10-08: 12 days overdue
    transport: str  # issued 2026-09-25, deadline 2026-10-26: due this week
    folder: Path


@pytest.fixture
def bureau(reviewed: ReviewedLibrary, tmp_path: Path) -> Iterator[Bureau]:
    reviewed.db.dispose()
    services = Services.open(RunContext(Paths(reviewed.paths.data_dir), today=TODAY))
    letters = services.letters()
    folder = tmp_path / "letters"
    folder.mkdir()
    market = letters.issue_opinion(
        OpinionRequest(reviewed.spotcheck, MARKET, date(2026, 9, 1)), folder / "o.docx"
    ).number
    transport = letters.issue_opinion(
        OpinionRequest(reviewed.spotcheck, TRANSPORT, date(2026, 9, 25)), folder / "t.docx"
    ).number
    yield Bureau(services, market, transport, folder)
    services.db.dispose()


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(
        QtWidgets.QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append(text)
    )
    return shown


@pytest.fixture
def infos(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(
        QtWidgets.QMessageBox, "information", lambda _p, _t, text, *a, **k: shown.append(text)
    )
    return shown


def window_on(qtbot, bureau: Bureau) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(bureau.services)
    qtbot.addWidget(window)
    return window


def settle(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Wait until the window's writer has stored what was asked (writes run off the GUI
    thread and report back through the event loop)."""
    qtbot.waitUntil(lambda: window.jobs.idle, timeout=20_000)


def detail_of(window: MainWindow, number: str) -> RectificationDetailDialog:
    dialog = window.dashboard.open_detail(number)
    assert dialog is not None
    return dialog


def test_window_opens_on_the_dashboard(qtbot, bureau: Bureau) -> None:
    window = window_on(qtbot, bureau)
    assert window.tabs.currentIndex() == window.dashboard_index
    assert window.tabs.tabText(window.dashboard_index) == "整改督办"
    assert window.tabs.tabText(window.library_index) == "案卷库"
    board = window.dashboard
    assert board.sections["overdue"].texts() == [[bureau.market, MARKET, "逾期12天"]]
    due = board.sections["due_soon"].texts()
    assert [r[:2] for r in due] == [[bureau.transport, TRANSPORT]]
    assert "剩余6天" in due[0][2]
    assert board.sections["awaiting_verification"].texts() == []
    assert "逾期未整改 1 件" in board.summary.text() and "本周到期 1 件" in board.summary.text()
    rows = board.table_texts()
    assert [r[0] for r in rows] == [bureau.market, bureau.transport]
    assert rows[0][5] == "逾期未整改" and rows[0][6] == "逾期12天"
    # The status filter narrows the full table.
    board.status_filter.setCurrentIndex(board.status_filter.findData("overdue"))
    assert [r[0] for r in board.table_texts()] == [bureau.market]
    board.status_filter.setCurrentIndex(0)
    # The 案卷库 tab is still the library (with its own empty state here: no scans imported).
    window.tabs.setCurrentIndex(window.library_index)
    window.rectification_action.trigger()
    assert window.tabs.currentIndex() == window.dashboard_index


def test_window_without_letters_opens_on_the_library(qtbot, tmp_path: Path) -> None:
    services = Services.open(RunContext(Paths(tmp_path / "data")))
    window = MainWindow(services)
    qtbot.addWidget(window)
    assert window.tabs.currentIndex() == window.library_index
    assert "还没有出具监督意见书" in window.dashboard.summary.text()


def test_double_click_opens_the_detail(qtbot, bureau: Bureau) -> None:
    window = window_on(qtbot, bureau)
    table = window.dashboard.sections["overdue"].table
    table.itemDoubleClicked.emit(table.item(0, 1))
    dialog = window.dashboard.detail
    assert isinstance(dialog, RectificationDetailDialog) and dialog.number == bureau.market
    assert dialog.fact_labels["department"].text() == MARKET
    assert "逾期12天" in dialog.fact_labels["status"].text()
    assert dialog.problems.rowCount() == len(dialog.info.problems) > 0
    assert dialog.problems.item(0, 5).text() == "未回复"
    assert dialog.decision_button.isEnabled() and not dialog.verify_button.isEnabled()


def test_reply_return_and_verify(
    qtbot, bureau: Bureau, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, warnings: list[str]
) -> None:
    bureau.services.set_reviewer_name("王评查")  # who verifies is stored: a person
    window = window_on(qtbot, bureau)
    dialog = detail_of(window, bureau.transport)  # not yet due: a reply in time
    scan = tmp_path / "整改报告.pdf"
    scan.write_bytes(b"%PDF-1.4 reply")
    monkeypatch.setattr(
        QtWidgets.QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(scan)], "")
    )
    form = dialog.start_reply()
    assert isinstance(form, ReplyForm)
    form.add_files()
    form.received.setDate(QtCore.QDate(2026, 10, 19))
    form.set_outcome(1, "partly")
    form.note.setPlainText("已组织整改，第1项部分整改")
    form.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: dialog.info.status == "replied", timeout=20_000)
    assert not warnings
    assert dialog.problems.item(0, 5).text() == "部分整改"
    assert dialog.replies.rowCount() == 1 and dialog.replies.item(0, 1).text() == "待验收"
    assert dialog.attachments.count() == 1
    stored = dialog.attachments.item(0).data(QtCore.Qt.ItemDataRole.UserRole)
    assert Path(stored).read_bytes() == b"%PDF-1.4 reply"
    opened: list[str] = []
    monkeypatch.setattr(
        "app.ui.qt.QtGui.QDesktopServices.openUrl",
        lambda url: opened.append(url.toLocalFile()) or True,
    )
    dialog.attachments.itemActivated.emit(dialog.attachments.item(0))
    assert opened == [stored]
    board = window.dashboard
    assert [r[0] for r in board.sections["awaiting_verification"].texts()] == [bureau.transport]

    # A partly rectified problem cannot be accepted: the refusal is shown in Chinese and the
    # form stays open.
    refused = dialog.verify()
    assert isinstance(refused, VerifyForm)
    refused.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok).click()
    settle(qtbot, window)
    assert warnings and "未完全整改" in warnings[-1]
    assert dialog.info.status == "replied" and refused.isVisible()

    back = dialog.start_return()
    assert isinstance(back, ReturnForm)
    back.note.setPlainText("第1项请补充整改材料")
    back.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok).click()
    settle(qtbot, window)
    assert dialog.info.status == "issued"
    assert dialog.replies.item(0, 1).text().startswith("已退回补充整改")
    assert dialog.replies.item(0, 3).text() == "第1项请补充整改材料"

    again = dialog.start_reply()
    again.received.setDate(QtCore.QDate(2026, 10, 20))
    again.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: dialog.info.status == "replied", timeout=20_000)
    dialog.verify_button.click()
    accepted = dialog.form
    assert isinstance(accepted, VerifyForm)
    accepted.on.setDate(QtCore.QDate(2026, 10, 22))  # entered the day after the site visit
    accepted.note.setPlainText("经现场核查，问题均已整改到位")
    accepted.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok).click()
    settle(qtbot, window)
    assert dialog.info.status == "verified"
    assert dialog.info.verified_on.isoformat() == "2026-10-22"
    assert "已验收" in dialog.fact_labels["status"].text()
    assert not dialog.reply_button.isEnabled() and not dialog.extend_button.isEnabled()
    rows = {r[0]: r for r in board.table_texts()}
    assert rows[bureau.transport][5] == "已验收"


def test_a_refused_reply_keeps_the_form(
    qtbot, bureau: Bureau, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, warnings: list[str]
) -> None:
    window = window_on(qtbot, bureau)
    dialog = detail_of(window, bureau.market)
    odd = tmp_path / "说明.exe"
    odd.write_bytes(b"MZ")
    monkeypatch.setattr(QtWidgets.QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(odd)], ""))
    form = dialog.start_reply()
    form.add_files()
    form.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: bool(warnings), timeout=20_000)
    assert "格式不受支持" in warnings[-1] and form.isEnabled()
    assert dialog.form is form and form.files.count() == 1  # what was typed is kept
    assert dialog.info.replies == []


def test_extend_the_deadline(qtbot, bureau: Bureau, warnings: list[str]) -> None:
    window = window_on(qtbot, bureau)
    dialog = detail_of(window, bureau.market)
    form = dialog.start_extend()
    assert isinstance(form, ExtendForm)
    form.new_deadline.setDate(QtCore.QDate(2026, 11, 30))
    form.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok).click()
    settle(qtbot, window)
    assert warnings and "理由" in warnings[-1]  # a reason is required
    form.reason.setText("涉及重新作出行政行为，需履行法定程序")
    form.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok).click()
    settle(qtbot, window)
    assert dialog.info.deadline == date(2026, 11, 30) and dialog.info.status == "issued"
    assert dialog.extensions.rowCount() == 1
    assert dialog.extensions.item(0, 0).text() == "2026年10月8日"
    assert dialog.extensions.item(0, 1).text() == "2026年11月30日"
    assert "已延期1次" in dialog.fact_labels["deadline"].text()
    assert not dialog.decision_button.isEnabled()
    assert window.dashboard.sections["overdue"].texts() == []


def test_issue_a_decision_for_an_overdue_opinion(
    qtbot,
    bureau: Bureau,
    monkeypatch: pytest.MonkeyPatch,
    warnings: list[str],
    infos: list[str],
) -> None:
    window = window_on(qtbot, bureau)
    dialog = detail_of(window, bureau.market)
    form = dialog.start_decision()
    assert isinstance(form, DecisionForm)
    preview = form.preview.toPlainText()
    assert "司监决〔2026〕1号" in preview and bureau.market in preview and MARKET in preview
    # One measure per problem, preselected from the problem's checklist category.
    problems = form.context["problems"]
    table = measure_table()
    assert form.measures() == {
        p["seq"]: table.default_for(p["category"], p["item"]) for p in problems
    }
    assert form.measures_view.rowCount() == len(problems) >= 2
    first, second = problems[0]["seq"], problems[1]["seq"]
    for p in problems:  # the first two revoked, the others found unlawful
        box = form.measure_box(p["seq"])
        box.setCurrentIndex(box.findData("revoke" if p["seq"] in (first, second) else "confirm"))
    shown = form.preview.toPlainText()
    assert f"对上述第{first}、{second}项问题，责令你单位依法撤销该行政行为" in shown
    assert form.measures()[first] == "revoke"
    out = bureau.folder / "决定书.docx"
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    form.issue_button.click()
    qtbot.waitUntil(lambda: dialog.issued is not None or bool(warnings), timeout=60_000)
    assert not warnings
    assert dialog.issued.number == "司监决〔2026〕1号"
    assert out.is_file() and out.stat().st_size > 0
    written = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert f"对上述第{first}、{second}项问题，责令你单位依法撤销该行政行为" in written
    assert "申请复查" in written and "纳入法治政府建设考核" in written
    assert dialog.info.status == "decided"
    assert dialog.fact_labels["status"].text() == "已出具监督决定书"
    assert "司监决〔2026〕1号" in dialog.fact_labels["decision"].text()
    assert "司监决〔2026〕1号" in form.status.text() and infos
    assert not dialog.decision_button.isEnabled()
    # The dashboard hears the job's change description once the job has ended.
    qtbot.waitUntil(
        lambda: (
            {r[0]: r for r in window.dashboard.table_texts()}[bureau.market][5]
            == "已出具监督决定书"
        ),
        timeout=60_000,
    )
    assert window.dashboard.sections["overdue"].texts() == []


def test_decision_refused_when_not_overdue(qtbot, bureau: Bureau, warnings: list[str]) -> None:
    window = window_on(qtbot, bureau)
    dialog = detail_of(window, bureau.transport)
    assert not dialog.decision_button.isEnabled()
    assert dialog.start_decision() is None
    assert warnings and "尚未届满" in warnings[-1]


def test_rewrite_the_opinion(
    qtbot, bureau: Bureau, monkeypatch: pytest.MonkeyPatch, infos: list[str]
) -> None:
    window = window_on(qtbot, bureau)
    dialog = detail_of(window, bureau.market)
    out = bureau.folder / "重新生成.docx"
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    dialog.rewrite_button.click()
    qtbot.waitUntil(lambda: bool(infos), timeout=60_000)
    assert out.is_file() and bureau.market in infos[0]


def test_ledger_menu_opens_the_ledger(
    qtbot, bureau: Bureau, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = window_on(qtbot, bureau)
    opened: list[object] = []
    monkeypatch.setattr(
        "app.ui.ledger_dialog.open_ledger_dialog",
        lambda parent, services, *_tasks: opened.append((parent, services)),
    )
    window.ledger_action.trigger()
    assert opened == [(window, bureau.services)]
    assert window.ledger_action.text().startswith("纠错案件台账")


def test_a_provisional_decision_deadline_is_confirmed_first(
    qtbot, reviewed: ReviewedLibrary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In late December the decision's 纠正期限 falls in a year whose holidays are not
    imported: the window asks before issuing it (暂定), and 否 issues nothing."""
    reviewed.db.dispose()
    services = Services.open(RunContext(Paths(reviewed.paths.data_dir), today=date(2026, 12, 20)))
    try:
        opinion = (
            services.letters()
            .issue_opinion(
                OpinionRequest(reviewed.spotcheck, MARKET, date(2026, 9, 1)), tmp_path / "o.docx"
            )
            .number
        )
        window = MainWindow(services)
        qtbot.addWidget(window)
        dialog = detail_of(window, opinion)
        form = dialog.start_decision()
        assert isinstance(form, DecisionForm)
        asked: list[str] = []
        answer = [QtWidgets.QMessageBox.StandardButton.No]
        monkeypatch.setattr(
            QtWidgets.QMessageBox,
            "question",
            lambda _p, _t, text, *a: asked.append(text) or answer[0],
        )
        out = tmp_path / "决定书.docx"
        monkeypatch.setattr(
            QtWidgets.QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "")
        )
        form.issue_button.click()
        assert len(asked) == 1 and "暂定" in asked[0] and "2027年" in asked[0]
        assert dialog.issued is None and not out.exists()
        answer[0] = QtWidgets.QMessageBox.StandardButton.Yes
        monkeypatch.setattr(QtWidgets.QMessageBox, "information", lambda *a, **k: None)
        form.issue_button.click()
        qtbot.waitUntil(lambda: dialog.issued is not None, timeout=60_000)
        assert dialog.issued.deadline_provisional and dialog.issued.deadline.year == 2027
    finally:
        services.db.dispose()
