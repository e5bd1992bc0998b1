"""The review group and the 分工 in the window: the lead shares the cases out in the 评查组与分工
dialog; each person, named through 我的身份, then sees their part of the campaign."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.config import Paths, RunContext
from app.services import Services
from app.ui.qt import QtCore, QtWidgets
from app.ui.review.campaign_window import CASE_COLUMNS, CampaignWindow
from app.ui.review.team_dialog import TeamDialog
from tests.unit.test_team import team_campaign

REVIEWER_COLUMN = CASE_COLUMNS.index("评查人")


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    opened = Services.open(RunContext(Paths(tmp_path / "data")))
    yield opened
    opened.db.dispose()


def rows(window: CampaignWindow) -> list[tuple[str, str]]:
    table = window.cases_table
    return [
        (table.item(r, 0).text(), table.item(r, REVIEWER_COLUMN).text())
        for r in range(table.rowCount())
    ]


def select_row(table: QtWidgets.QTableWidget, row: int) -> None:
    """Select one whole row through the selection model: ``selectRow`` follows the keyboard
    modifiers Qt believes are held, which an earlier test's key clicks can leave behind."""
    model = table.selectionModel()
    flags = (
        QtCore.QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QtCore.QItemSelectionModel.SelectionFlag.Rows
    )
    model.select(table.model().index(row, 0), flags)


def become(monkeypatch, window: CampaignWindow, name: str) -> None:  # type: ignore[no-untyped-def]
    """Choose (or type) a name in 我的身份 as a user would."""
    monkeypatch.setattr(QtWidgets.QInputDialog, "getItem", lambda *a, **k: (name, True))
    # A name outside the group is confirmed once (a typo would make a new person).
    monkeypatch.setattr(
        QtWidgets.QMessageBox, "question", lambda *a, **k: QtWidgets.QMessageBox.StandardButton.Yes
    )
    window.identity_button.click()


def test_the_lead_shares_out_the_cases_and_each_reviewer_sees_their_part(
    qtbot, services: Services, monkeypatch
) -> None:
    campaign, ids = team_campaign(services.db, double=False)
    window = CampaignWindow(services)
    qtbot.addWidget(window, before_close_func=lambda w: w.close_all())
    window.show()
    window.select_campaign(campaign)
    become(monkeypatch, window, "赵组长")
    assert window.identity_label.text() == "当前身份：赵组长（组长）"
    assert len(rows(window)) == len(ids) and not window.visibility_label.isVisibleTo(window)

    dialog = window.open_team()
    assert isinstance(dialog, TeamDialog)
    qtbot.addWidget(dialog)
    assert "尚未分工" in dialog.mode_label.text()
    select_row(dialog.table, 0)
    dialog.person_boxes[0].setCurrentText("丙")
    dialog.assign_button.click()
    qtbot.waitUntil(lambda: dialog.tasks.idle, timeout=20_000)  # the writer stored it
    dialog.auto_button.click()
    qtbot.waitUntil(lambda: dialog.tasks.idle, timeout=20_000)  # the writer stored it
    assert "已分工" in dialog.mode_label.text()
    shown = dict(rows(window))
    assert all(shown[no] in {"甲", "乙", "丙"} for no in shown)  # every case has its reviewer
    first_case_no = dialog.table.item(0, 0).text()
    assert shown[first_case_no] == "丙"
    assert "丙（评查人） 分配 2 卷" in dialog.members_label.text()

    become(monkeypatch, window, "丙")
    assert window.identity_label.text() == "当前身份：丙（评查人）"
    assert sorted(no for no, _ in rows(window)) == sorted(
        no for no, who in shown.items() if who == "丙"
    )
    assert "只显示分配给您的案卷" in window.visibility_label.text()
    # A deduction made under this name lands on 丙's own review and is audited as 丙's.
    services.reviews.deduct(campaign, ids[0], "P-2.2", 1, "笔录未签名")
    assert services.reviews.deductions(campaign, ids[0], "丙")[0].reviewer == "丙"

    # A scoring window opened as 丙 does not stay open as somebody else.
    select_row(window.cases_table, 0)
    scoring = window.open_scoring(0)
    assert scoring is not None and window.scoring_windows
    become(monkeypatch, window, "路人")
    assert not scoring.isVisible()
    qtbot.waitUntil(lambda: not window.scoring_windows)
    assert rows(window) == []
    assert "路人 不在评查组中" in window.visibility_label.text()
    assert window.identity_label.text() == "当前身份：路人（不在评查组）"


def test_a_refused_reassignment_is_shown_and_changes_nothing(
    qtbot, services: Services, monkeypatch
) -> None:
    campaign, ids = team_campaign(services.db, double=False)
    services.team.assign(campaign, [ids[0]], ["甲"])
    services.reviews.deduct(campaign, ids[0], "P-2.2", 1, "笔录未签名", reviewer="甲")
    dialog = TeamDialog(services, campaign)
    qtbot.addWidget(dialog)
    warnings: list[str] = []
    monkeypatch.setattr(
        QtWidgets.QMessageBox, "warning", lambda _p, _t, text, *a: warnings.append(text)
    )
    select_row(dialog.table, 0)
    dialog.person_boxes[0].setCurrentText("乙")
    dialog.assign_button.click()
    qtbot.waitUntil(lambda: dialog.tasks.idle, timeout=20_000)  # the writer stored it
    assert warnings and "甲 已开始评查" in warnings[0]
    assert dialog.table.item(0, 2).text() == "甲"
    assert services.campaigns.cases(campaign)[0].reviewers == ("甲",)

    dialog.reviewers_edit.setText("乙、丙")
    dialog.save_team_button.click()
    qtbot.waitUntil(lambda: dialog.tasks.idle, timeout=20_000)  # the writer stored it
    assert "甲 还分配有 1 卷案卷" in warnings[1]
    assert services.campaigns.show(campaign).reviewers == ["甲", "乙", "丙"]


def test_the_scoring_window_shows_each_person_only_their_part(
    qtbot, demo_library_template: Path, tmp_path: Path
) -> None:
    import shutil

    from app.ui.review.scoring_window import ScoringWindow

    target = tmp_path / "demo"
    shutil.copytree(demo_library_template, target)
    services = Services.open(RunContext(Paths(target)))
    try:
        case = next(c.id for c in services.library.list_cases() if c.kind == "penalty")
        campaign = services.campaigns.create(
            "双人抽查", "spotcheck", "2024Q2", reviewers=["甲", "乙", "丙"], leads=["赵组长"],
            double_review=True,
        ).id  # fmt: skip
        services.campaigns.add_cases(campaign, [case])
        services.team.assign(campaign, [case], ["甲", "乙"])

        def labels(name: str) -> tuple[list[str], bool]:
            services.set_reviewer_name(name)
            window = ScoringWindow(services, campaign, case)
            qtbot.addWidget(window, before_close_func=lambda w: w.shutdown())
            box = window.role_box
            found = [box.itemText(i) for i in range(box.count())]
            box.setCurrentIndex(box.count() - 1)
            return found, window.signoff_button.isEnabled()

        assert labels("甲") == (["评查人 甲"], False)
        roles, may_sign = labels("赵组长")
        assert roles == ["评查人 甲", "评查人 乙", "组长 赵组长（最终结果）"] and may_sign
    finally:
        services.db.dispose()
