"""A period ending in a year the holiday calendar does not know yet (2027 here): the window
says so and lets the reviewer type the deadline, for an opinion and for a decision."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx

from app.config import Settings
from app.documents.letter_requests import DecisionRequest, OpinionRequest
from app.documents.letters import LetterService
from app.ui.documents.documents_dialog import IssueDialog
from app.ui.qt import QtCore, QtWidgets
from app.ui.rectification.forms import DecisionForm
from tests.review_support import LETTER_SETTINGS, ReviewedLibrary

MARKET = "某市市场监督管理局"


def test_opinion_deadline_can_be_typed_when_the_calendar_lacks_the_year(
    qtbot, reviewed: ReviewedLibrary, tmp_path: Path
) -> None:
    letters = LetterService(reviewed.db, Settings(**LETTER_SETTINGS), None, "王")
    draft = letters.opinion_context(
        OpinionRequest(reviewed.spotcheck, MARKET, date(2026, 12, 20)), draft=True
    )
    assert draft["deadline"] == "（出具时指定）" and draft["deadline_iso"] is None

    dialog = IssueDialog(letters.deadline_for, date(2026, 12, 20), MARKET)
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled() and "节假日安排" in dialog.deadline_label.text()
    dialog.manual.setChecked(True)
    dialog.manual_date.setDate(QtCore.QDate(2027, 1, 29))
    assert dialog.ok_button.isEnabled() and dialog.deadline() == date(2027, 1, 29)
    dialog.manual_date.setDate(QtCore.QDate(2026, 12, 1))
    assert not dialog.ok_button.isEnabled()  # before the issue date

    issued = letters.issue_opinion(
        OpinionRequest(reviewed.spotcheck, MARKET, dialog.issued_on(), deadline=date(2027, 1, 29)),
        tmp_path / "o.docx",
    )
    assert issued.deadline == date(2027, 1, 29)


def test_a_provisional_deadline_is_issued_only_once_confirmed(
    qtbot, reviewed: ReviewedLibrary, tmp_path: Path
) -> None:
    letters = LetterService(reviewed.db, Settings(**LETTER_SETTINGS), None, "王", provisional=True)
    dialog = IssueDialog(
        letters.deadline_for,
        date(2026, 12, 20),
        MARKET,
        is_provisional=letters.deadline_provisional,
    )
    qtbot.addWidget(dialog)
    assert dialog.provisional() and "暂定" in dialog.deadline_label.text()
    assert not dialog.confirm_provisional.isHidden() and not dialog.ok_button.isEnabled()
    dialog.confirm_provisional.setChecked(True)
    assert dialog.ok_button.isEnabled()
    dialog.date_edit.setDate(QtCore.QDate(2026, 11, 2))  # deadline inside 2026: not 暂定
    assert not dialog.provisional() and dialog.confirm_provisional.isHidden()
    assert "暂定" not in dialog.deadline_label.text() and dialog.ok_button.isEnabled()

    issued = letters.issue_opinion(
        OpinionRequest(reviewed.spotcheck, MARKET, date(2026, 12, 20)), tmp_path / "o.docx"
    )
    listed = letters.provisional_letters()
    assert [row["number"] for row in listed] == [issued.number]
    assert listed[0]["recomputed"] is None  # still unknown until the notice is imported


def test_decision_deadline_can_be_typed(
    qtbot, reviewed: ReviewedLibrary, tmp_path: Path, monkeypatch
) -> None:
    letters = LetterService(reviewed.db, Settings(**LETTER_SETTINGS), None, "王")
    opinion = letters.issue_opinion(
        OpinionRequest(reviewed.spotcheck, MARKET, date(2026, 11, 2)), tmp_path / "o.docx"
    ).number  # deadline 2026-12-02
    issued: list[tuple[date, dict[int, str], date | None]] = []
    parent = QtWidgets.QWidget()
    qtbot.addWidget(parent)
    form = DecisionForm(
        opinion,
        date(2026, 12, 20),
        lambda on, measures, deadline: letters.decision_context(
            DecisionRequest(opinion, on, measures=measures, deadline=deadline), draft=True
        ),
        lambda on, measures, deadline: issued.append((on, measures, deadline)),
        parent,
    )
    assert "（出具时指定）" in form.preview.toPlainText()
    shown: list[str] = []
    monkeypatch.setattr(
        QtWidgets.QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append(text)
    )
    form.issue_button.click()
    assert issued == [] and "手工指定纠正期限" in shown[0]

    form.manual.setChecked(True)
    form.manual_date.setDate(QtCore.QDate(2027, 2, 26))
    assert "2027年2月26日" in form.preview.toPlainText()
    form.issue_button.click()
    assert issued[0][0] == date(2026, 12, 20) and issued[0][2] == date(2027, 2, 26)

    decision = letters.issue_decision(
        DecisionRequest(
            opinion, date(2026, 12, 20), measures=issued[0][1], deadline=date(2027, 2, 26)
        ),
        tmp_path / "d.docx",
    )
    text = "\n".join(p.text for p in docx.Document(str(decision.file)).paragraphs)
    assert "2027年2月26日" in text
