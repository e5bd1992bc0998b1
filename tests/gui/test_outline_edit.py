"""Correcting the document outline from the dossier window's outline context menu, on a
real demo dossier whose outline is seeded through the store; the corrections go through
the real ``CorrectionService`` and are read back from the database."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.config import Paths, RunContext
from app.services import Services
from app.store.models import Document
from app.ui import outline_editor
from app.ui.viewer.dossier_window import DossierWindow
from app.ui.viewer.outline import EDITED_MARK


@pytest.fixture
def services(demo_library_template: Path, tmp_path: Path) -> Iterator[Services]:
    target = tmp_path / "data"
    shutil.copytree(demo_library_template, target)
    opened = Services.open(RunContext(Paths(target)))
    yield opened
    opened.db.dispose()


@pytest.fixture
def case_id(services: Services) -> int:
    """The first demo dossier with three documents: cover, filing approval, inquiry."""
    case = services.library.list_cases()[0]
    assert case.pages >= 6
    with services.db.session() as session:
        for type_, first, last in (
            ("case_cover", 1, 1),
            ("filing_approval", 2, 4),
            ("inquiry_record", 5, case.pages),
        ):
            session.add(
                Document(case_file_id=case.id, type=type_, first_page=first, last_page=last)
            )
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
    """The type chooser answers from ``answers``; warnings are recorded, never shown."""
    seen: dict[str, list] = {"answers": [], "prompts": [], "warnings": []}

    def choose(_parent, title, prompt, current):  # type: ignore[no-untyped-def]
        seen["prompts"].append((title, prompt, current))
        return seen["answers"].pop(0)

    monkeypatch.setattr(outline_editor, "choose_type", choose)
    monkeypatch.setattr(outline_editor, "warn", lambda _p, m: seen["warnings"].append(m))
    return seen


def action(window: DossierWindow, row: int, text: str):  # type: ignore[no-untyped-def]
    item = window.outline.tree.topLevelItem(row)
    document = window.outline_editor.document_at(item)
    menu = window.outline_editor.menu_for(document)
    found = [a for a in menu.actions() if a.text().startswith(text)]
    assert found, [a.text() for a in menu.actions()]
    return found[0]


def shape(services: Services, case_id: int) -> list[tuple[str, int, int, bool]]:
    docs = services.cases.detail(case_id).documents
    return [(d.type, d.first_page, d.last_page, d.user_edited) for d in docs]


def test_retype_a_document_from_the_context_menu(
    qtbot, window: DossierWindow, services: Services, case_id: int, dialogs: dict[str, list]
) -> None:
    assert window.outline.tree.topLevelItem(1).text(0) == "立案审批表"
    dialogs["answers"].append("decision_approval")
    action(window, 1, "更改文书类型…").trigger()
    settle(qtbot, window)
    assert dialogs["prompts"][0][2] == "filing_approval"
    assert shape(services, case_id)[1] == ("decision_approval", 2, 4, True)
    assert window.outline.tree.topLevelItem(1).text(0) == "行政处罚决定审批表" + EDITED_MARK
    assert window.outline.tree.topLevelItem(1).text(1) == "第 2–4 页"

    dialogs["answers"].append(None)  # cancelled: nothing changes
    action(window, 1, "更改文书类型…").trigger()
    settle(qtbot, window)
    assert shape(services, case_id)[1] == ("decision_approval", 2, 4, True)


def test_merge_with_next_and_the_last_one_refused(
    qtbot, window: DossierWindow, services: Services, case_id: int, dialogs: dict[str, list]
) -> None:
    last = services.cases.detail(case_id).documents[-1].last_page
    action(window, 1, "与下一份合并").trigger()
    settle(qtbot, window)
    assert shape(services, case_id) == [
        ("case_cover", 1, 1, False),  # only the merged entry is the reviewer's
        ("filing_approval", 2, last, True),
    ]
    assert window.outline.tree.topLevelItemCount() == 2
    assert window.outline.tree.topLevelItem(1).text(1) == f"第 2–{last} 页"

    action(window, 1, "与下一份合并").trigger()
    settle(qtbot, window)
    assert dialogs["warnings"] == ["这是最后一份文书，没有可合并的下一份。"]
    assert len(shape(services, case_id)) == 2


def test_split_at_the_viewers_current_page(
    qtbot, window: DossierWindow, services: Services, case_id: int, dialogs: dict[str, list]
) -> None:
    window.view.go_to_page(3)
    split = action(window, 1, "从当前页")
    assert split.text() == "从当前页（第 3 页）拆分为新文书…"
    assert split.isEnabled()
    dialogs["answers"].append("evidence")
    split.trigger()
    settle(qtbot, window)
    assert [s[:3] for s in shape(services, case_id)][:3] == [
        ("case_cover", 1, 1),
        ("filing_approval", 2, 2),
        ("evidence", 3, 4),
    ]
    assert window.outline.tree.topLevelItem(2).text(0) == "证据材料" + EDITED_MARK
    assert window.outline.tree.currentItem() is window.outline.tree.topLevelItem(2)

    # The first page of a document cannot start a new one: offered disabled, and the
    # service's own message if asked anyway.
    window.view.go_to_page(2)
    assert not action(window, 1, "从当前页").isEnabled()
    dialogs["answers"].append("evidence")
    window.outline_editor.split_at_current(services.cases.detail(case_id).documents[1])
    settle(qtbot, window)
    assert dialogs["warnings"] and "只有一页，不能拆分" in dialogs["warnings"][0]
    assert len(shape(services, case_id)) == 4
