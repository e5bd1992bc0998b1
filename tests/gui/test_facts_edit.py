"""Correcting a dossier's facts in the 案卷信息 tab, on a real demo dossier whose extracted
facts are seeded through the store; corrections go through the real ``CorrectionService``."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.config import Paths, RunContext
from app.services import Services
from app.store.models import CaseField
from app.ui import facts_editor
from app.ui.qt import Qt
from app.ui.viewer.dossier_window import DossierWindow


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
        for name, value, page in (
            ("case_no", "望市监罚〔2025〕12号", 1),
            ("fine_yuan", "5000", 7),
            ("date.filed", "2025-03-02", 2),
        ):
            session.add(CaseField(case_file_id=case.id, name=name, value=value, page=page))
    return case.id


def settle(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Wait until the window's writer has stored the correction and the window read it back."""
    qtbot.waitUntil(lambda: window.tasks.idle, timeout=20_000)


@pytest.fixture
def window(qtbot, services: Services, case_id: int) -> DossierWindow:
    window = DossierWindow(services, case_id)
    qtbot.addWidget(window, before_close_func=lambda w: w.shutdown())
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> dict[str, list]:
    """The value dialog answers from ``answers``; warnings are recorded, never shown."""
    seen: dict[str, list] = {"answers": [], "asked": [], "warnings": []}

    def ask(_parent, name, current):  # type: ignore[no-untyped-def]
        seen["asked"].append((name, current))
        return seen["answers"].pop(0)

    monkeypatch.setattr(facts_editor, "ask_value", ask)
    monkeypatch.setattr(facts_editor, "warn", lambda _p, m: seen["warnings"].append(m))
    return seen


def test_facts_show_value_page_and_source_and_link_to_the_page(
    window: DossierWindow,
) -> None:
    rows = window.side.facts.rows
    assert list(rows)[:4] == ["case_no", "party", "cause", "fine_yuan"]
    assert "date.filed" in rows and "date.closed" in rows
    filed = rows["date.filed"]
    assert filed.value.text() == "2025-03-02"
    assert filed.source.text() == "机器识别"
    assert filed.page.text() == '<a href="2">第 2 页</a>'
    assert not filed.reset_button.isEnabled()
    assert rows["party"].source.text() == "未识别"
    rows["fine_yuan"].page.linkActivated.emit("7")
    assert window.view.current_page() == 7
    filed.page.linkActivated.emit("2")
    assert window.view.current_page() == 2


def test_correct_a_date_then_restore_the_machine_reading(
    qtbot, window: DossierWindow, services: Services, case_id: int, dialogs: dict[str, list]
) -> None:
    dialogs["answers"] += ["2025-3-32", "二〇二五年三月五日"]
    qtbot.mouseClick(window.side.facts.rows["date.filed"].edit_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert dialogs["asked"] == [("date.filed", "2025-03-02")]
    assert dialogs["warnings"] == [
        "无法识别的立案日期：2025-3-32。可写作 2024年7月13日、2024.7.13、2024-7-13、"
        "2024/7/13 或 二〇二四年七月十三日。"
    ]
    fact = services.cases.detail(case_id).facts["date.filed"]
    assert (fact.value, fact.source) == ("2025-03-02", "extracted"), "nothing saved"

    qtbot.mouseClick(window.side.facts.rows["date.filed"].edit_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    fact = services.cases.detail(case_id).facts["date.filed"]
    assert (fact.value, fact.page, fact.source) == ("2025-03-05", 2, "user")
    row = window.side.facts.rows["date.filed"]  # the panel was refreshed
    assert (row.value.text(), row.source.text()) == ("2025-03-05", "人工更正")
    assert row.reset_button.isEnabled()

    qtbot.mouseClick(row.reset_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    fact = services.cases.detail(case_id).facts["date.filed"]
    assert (fact.value, fact.source) == ("2025-03-02", "extracted")
    assert window.side.facts.rows["date.filed"].source.text() == "机器识别"


def test_fine_must_be_an_amount_and_case_no_updates_the_title(
    qtbot, window: DossierWindow, services: Services, case_id: int, dialogs: dict[str, list]
) -> None:
    dialogs["answers"] += ["五千块", "6,000元", "望市监罚〔2025〕21号"]
    window.side.facts.rows["fine_yuan"].edit_button.click()
    settle(qtbot, window)
    assert dialogs["warnings"] == [
        "无法识别的罚款金额：五千块。可写作 8800、8,800元、8800.00元、0.88万元、"
        "捌仟捌佰元或八千八百元。"
    ]
    assert services.cases.detail(case_id).facts["fine_yuan"].source == "extracted"
    window.side.facts.rows["fine_yuan"].edit_button.click()
    settle(qtbot, window)
    assert services.cases.detail(case_id).facts["fine_yuan"].value == "6000"

    changed: list[object] = []
    window.tasks.signals.changed.connect(lambda changes, _who: changed.append(changes))
    window.side.facts.rows["case_no"].edit_button.click()
    settle(qtbot, window)
    detail = services.cases.detail(case_id)
    assert detail.case_no == "望市监罚〔2025〕21号"
    assert detail.facts["case_no"].source == "user"
    assert window.windowTitle().startswith("望市监罚〔2025〕21号")
    assert [c.case_ids for c in changed] == [{case_id}] and changed[0].case_facts
