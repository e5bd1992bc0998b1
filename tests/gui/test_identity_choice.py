"""我的身份 chosen from the review group (a new name confirmed once), scoring that asks who
is scoring first, and the reason a lead's button is greyed written beside it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.config import Paths, RunContext
from app.services import Services
from app.ui.qt import QtWidgets
from app.ui.review.campaign_window import CampaignWindow
from tests.unit.test_team import team_campaign


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    opened = Services.open(RunContext(Paths(tmp_path / "data")))
    yield opened
    opened.db.dispose()


@pytest.fixture
def window(qtbot, services: Services) -> tuple[CampaignWindow, int]:  # type: ignore[no-untyped-def]
    campaign, _ids = team_campaign(services.db, double=False)
    window = CampaignWindow(services)
    qtbot.addWidget(window, before_close_func=lambda w: w.close_all())
    window.select_campaign(campaign)
    return window, campaign


def answer(monkeypatch, name: str, ok: bool = True, new_member: bool | None = None) -> list:  # type: ignore[no-untyped-def]
    """Answer the 我的身份 question; returns what it offered (and records any question)."""
    offered: list = []

    def get_item(_parent, _title, _label, items, current, editable):  # type: ignore[no-untyped-def]
        offered.append((list(items), editable))
        return name, ok

    monkeypatch.setattr(QtWidgets.QInputDialog, "getItem", get_item)
    if new_member is not None:
        yes, no = QtWidgets.QMessageBox.StandardButton.Yes, QtWidgets.QMessageBox.StandardButton.No

        def question(_parent, _title, text, *_a):  # type: ignore[no-untyped-def]
            offered.append(text)
            return yes if new_member else no

        monkeypatch.setattr(QtWidgets.QMessageBox, "question", question)
    return offered


def test_the_identity_is_chosen_from_the_group(
    window: tuple[CampaignWindow, int], services: Services, monkeypatch
) -> None:
    campaign_window, _campaign = window
    offered = answer(monkeypatch, "乙")
    campaign_window.identity_button.click()
    assert offered == [(["甲", "乙", "丙", "赵组长"], True)]
    assert services.settings.reviewer_name == "乙"
    assert campaign_window.identity_label.text() == "当前身份：乙（评查人）"


def test_a_name_outside_the_group_is_confirmed_once(
    window: tuple[CampaignWindow, int], services: Services, monkeypatch
) -> None:
    campaign_window, _campaign = window
    asked = answer(monkeypatch, "乙乙", new_member=False)  # a typo: refused at the question
    campaign_window.identity_button.click()
    assert "“乙乙”不在评查组名单中" in asked[1]
    assert not services.identity.known
    answer(monkeypatch, "钱新人", new_member=True)
    campaign_window.identity_button.click()
    assert services.settings.reviewer_name == "钱新人"


def test_scoring_without_a_name_asks_for_it_first(
    window: tuple[CampaignWindow, int], services: Services, monkeypatch
) -> None:
    campaign_window, _campaign = window
    assert not services.identity.known
    answer(monkeypatch, "", ok=False)
    assert campaign_window.open_scoring(0) is None  # nobody named: nothing is scored
    assert not campaign_window.scoring_windows

    answer(monkeypatch, "甲")
    scoring = campaign_window.open_scoring(0)
    assert scoring is not None and services.settings.reviewer_name == "甲"
    # 甲 is no lead: the reason the lead's button is greyed stands beside it as text.
    assert not scoring.signoff_button.isEnabled()
    assert scoring.header.lead_reason.isVisibleTo(scoring)
    assert scoring.header.lead_reason.text() == "只有组长（赵组长）可以合并与签字确认"
