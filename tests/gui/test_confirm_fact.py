"""Confirming a 待核实 fact in the window: marked in the facts panel, the readings side by
side with crops rendered from the real demo PDF, one click confirms (a correction) and the
pre-checks re-run; the scoring window's pre-check list marks 需核实 items and will not accept
them. Real services, real store, real rendering (offscreen Qt)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.config import Paths, RunContext
from app.services import Services
from app.store.models import CaseField
from app.ui.qt import Qt
from app.ui.review.precheck_list import PrecheckList
from app.ui.viewer.dossier_window import DossierWindow

READINGS = [
    {"value": "2025-03-02", "page": 2, "document": "filing_approval",
     "region": [300.0, 600.0, 500.0, 640.0], "confidence": 0.42, "source": "立案审批表落款"},
    {"value": "2025-03-07", "page": 1, "document": "case_cover",
     "region": None, "confidence": 0.9, "source": "案卷封面"},
]  # fmt: skip


@pytest.fixture
def services(demo_library_template: Path, tmp_path: Path) -> Iterator[Services]:
    target = tmp_path / "data"
    shutil.copytree(demo_library_template, target)
    opened = Services.open(RunContext(Paths(target)))
    yield opened
    opened.db.dispose()


@pytest.fixture
def case_id(services: Services) -> int:
    case = services.library.list_cases()[0]
    with services.db.session() as session:
        session.add(
            CaseField(
                case_file_id=case.id,
                name="date.filed",
                value="2025-03-02",
                page=2,
                status="doubtful",
                confidence=0.42,
                region=READINGS[0]["region"],
                readings=READINGS,
            )
        )
    return case.id


@pytest.fixture
def window(qtbot, services: Services, case_id: int) -> DossierWindow:
    window = DossierWindow(services, case_id)
    qtbot.addWidget(window, before_close_func=lambda w: w.shutdown())
    window.show()
    qtbot.waitExposed(window)
    return window


def test_a_doubtful_fact_is_confirmed_by_one_click_on_its_reading(
    qtbot, window: DossierWindow, services: Services, case_id: int
) -> None:
    row = window.side.facts.rows["date.filed"]
    assert row.trust.text() == "待核实" and row.trust.isVisibleTo(window)
    assert "e65100" in row.trust.styleSheet()  # orange, and the word says it too
    assert row.confirm_button.isVisibleTo(window)
    assert window.side.facts.rows["case_no"].confirm_button.isHidden()
    assert window.side.facts.rows["case_no"].trust.isHidden()  # one clean source: no mark

    qtbot.mouseClick(row.confirm_button, Qt.MouseButton.LeftButton)
    dialog = window.facts_editor.dialog
    assert dialog is not None and dialog.isVisible()
    assert [c.value.text() for c in dialog.cards] == ["2025年3月2日", "2025年3月7日"]
    assert "来源：立案审批表落款" in dialog.cards[0].details.text()
    assert "第 2 页" in dialog.cards[0].details.text()
    assert "可信度 0.42" in dialog.cards[0].details.text()
    qtbot.waitUntil(lambda: dialog.crops_loaded, timeout=20_000)
    crop, page = (c.image.pixmap() for c in dialog.cards)
    assert not crop.isNull() and not page.isNull()
    # The region is 200 × 40 points (+ margins) at 150 dpi: a strip, wider than tall.
    assert crop.width() > 2 * crop.height()
    assert page.height() > page.width()  # no region: the whole (portrait) page, small

    qtbot.mouseClick(dialog.cards[1].choose, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.tasks.idle and not dialog.isVisible(), timeout=20_000)
    fact = services.cases.detail(case_id).facts["date.filed"]
    assert (fact.value, fact.page, fact.source, fact.status) == (
        "2025-03-07",
        1,
        "user",
        "confirmed",
    )
    row = window.side.facts.rows["date.filed"]  # the panel was refreshed
    assert row.source.text() == "人工更正" and row.confirm_button.isHidden()


def test_the_precheck_list_marks_needs_check_items_and_asks_for_the_fact(qtbot) -> None:
    panel = PrecheckList()
    qtbot.addWidget(panel)
    fact = {"name": "decided", "label": "决定日期", "value": "2024年7月2日", "page": 11,
            "status": "doubtful", "readings": []}  # fmt: skip
    plain = {"name": "served", "label": "决定书送达日期", "value": "2024年8月1日", "page": 13,
             "status": "single", "readings": []}  # fmt: skip
    rows = [
        {"id": 1, "rule": "decision_served_late", "item_id": "P-4.12", "pages": [11, 13],
         "message": "决定日期待核实：……", "suggested_points": None, "state": "pending",
         "reject_reason": None, "needs_check": True, "facts": [fact, plain]},
        {"id": 2, "rule": "page_gap", "item_id": "P-6.2", "pages": [4], "message": "页码不连续",
         "suggested_points": 1.0, "state": "pending", "reject_reason": None,
         "needs_check": False, "facts": []},
    ]  # fmt: skip
    panel.set_suggestions(rows)
    assert panel.table.item(0, 0).text() == "需核实"
    assert panel.table.item(0, 4).text() == "—"
    basis = "依据：决定日期 2024年7月2日（第 11 页，待核实）；决定书送达日期 2024年8月1日（第 13 页，单一来源）"
    assert panel.table.item(0, 2).text().endswith(basis)
    assert "1 条需核实" in panel.status_label.text()
    panel.table.setCurrentCell(0, 2)
    assert not panel.accept_one_button.isEnabled() and panel.confirm_button.isEnabled()
    with qtbot.waitSignal(panel.confirm_requested) as asked:
        panel.confirm_button.click()
    assert asked.args == ["date.decided"]
    panel.table.setCurrentCell(1, 2)
    assert panel.accept_one_button.isEnabled() and not panel.confirm_button.isEnabled()


def test_typing_the_value_of_a_doubtful_fact_confirms_it(
    qtbot, window: DossierWindow, services: Services, case_id: int, monkeypatch
) -> None:
    from app.ui import facts_editor

    monkeypatch.setattr(facts_editor, "ask_value", lambda _p, _n, _c: "2025-03-05")
    window.side.facts.rows["date.filed"].edit_button.click()
    qtbot.waitUntil(lambda: window.tasks.idle, timeout=20_000)
    fact = services.cases.detail(case_id).facts["date.filed"]
    assert (fact.value, fact.source, fact.status) == ("2025-03-05", "user", "confirmed")
    assert window.side.facts.rows["date.filed"].trust.isHidden()


def test_the_scoring_window_confirms_the_fact_of_a_needs_check_item(
    qtbot, services: Services, case_id: int
) -> None:
    from app.store.models import PrecheckSuggestion
    from app.ui.review.scoring_window import ScoringWindow

    services.set_reviewer_name("孙评查")
    campaign = services.campaigns.create("专项评查", "selfreview", "2025").id
    services.campaigns.add_cases(campaign, [case_id])
    fact = {"name": "filed", "label": "立案日期", "value": "2025年3月2日", "page": 2,
            "status": "doubtful", "readings": READINGS}  # fmt: skip
    with services.db.session() as session:
        session.add(
            PrecheckSuggestion(case_file_id=case_id, rule="filing_late", item_id="P-4.2",
                               message="立案日期待核实：……", pages=[2], needs_check=True,
                               facts=[fact])
        )  # fmt: skip
    window = ScoringWindow(services, campaign, case_id)
    qtbot.addWidget(window, before_close_func=lambda w: w.shutdown())
    window.show()
    qtbot.waitExposed(window)
    panel = window.prechecks
    row = next(r for r, s in enumerate(panel.rows) if s["rule"] == "filing_late")
    assert panel.table.item(row, 0).text() == "需核实"
    panel.table.setCurrentCell(row, 2)
    assert not panel.accept_one_button.isEnabled()
    panel.confirm_button.click()
    dialog = window.confirm_dialog
    assert dialog.checklist is window.checklist  # re-run against this campaign's checklist
    dialog.cards[0].choose.click()
    qtbot.waitUntil(lambda: window.jobs.idle and not dialog.isVisible(), timeout=20_000)
    fact_now = services.cases.detail(case_id).facts["date.filed"]
    assert (fact_now.value, fact_now.source) == ("2025-03-02", "user")
    # The pre-checks re-ran: the pending 需核实 item was replaced by what the rules say now.
    assert not any(s.get("needs_check") for s in window.prechecks.rows)


def test_a_date_the_seal_hid_entirely_shows_its_crop_and_is_confirmed_by_typing(
    qtbot, services: Services, case_id: int
) -> None:
    with services.db.session() as session:  # what extraction stores for a hidden 落款 date
        session.add(
            CaseField(case_file_id=case_id, name="date.decided", value=None, page=2,
                      status="doubtful", confidence=0.0, region=[300.0, 600.0, 500.0, 650.0],
                      readings=None)
        )  # fmt: skip
    window = DossierWindow(services, case_id)
    qtbot.addWidget(window, before_close_func=lambda w: w.shutdown())
    window.show()
    qtbot.waitExposed(window)
    row = window.side.facts.rows["date.decided"]
    assert row.trust.text() == "待核实" and row.value.text() == "—"
    qtbot.mouseClick(row.confirm_button, Qt.MouseButton.LeftButton)
    dialog = window.facts_editor.dialog
    assert dialog is not None and len(dialog.cards) == 1
    card = dialog.cards[0]
    assert card.value.text() == "未能读出（可能被印章覆盖）" and not card.choose.isEnabled()
    qtbot.waitUntil(lambda: dialog.crops_loaded, timeout=20_000)
    assert card.image.pixmap().width() > 2 * card.image.pixmap().height()  # the band's crop
    dialog.value_edit.setText("2024-06-17")
    dialog.type_button.click()
    qtbot.waitUntil(lambda: window.tasks.idle and not dialog.isVisible(), timeout=20_000)
    fact = services.cases.detail(case_id).facts["date.decided"]
    assert (fact.value, fact.source) == ("2024-06-17", "user")
