"""Searching the library from the main window and one dossier from its viewer, on a real
demo library whose pages are given known OCR text (and boxes) through the store, then
indexed the way the import pipeline does it; the search itself is the real one."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from app.casefiles.search import index_missing
from app.config import Paths, RunContext
from app.services import Services
from app.store.models import Page
from app.ui.main_window import MainWindow
from app.ui.qt import Qt
from app.ui.search_panel import HIT_STYLE, HTML_ROLE
from app.ui.viewer.dossier_window import DossierWindow

WORD = "违法所得"


@pytest.fixture
def services(demo_library_template: Path, tmp_path: Path) -> Iterator[Services]:
    target = tmp_path / "data"
    shutil.copytree(demo_library_template, target)
    opened = Services.open(RunContext(Paths(target)))
    yield opened
    opened.db.dispose()


def line_box(x0: float, y0: float, x1: float, y1: float) -> list[list[float]]:
    return [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]


def seed_page(services: Services, case_id: int, page: int, lines: list[tuple[str, float]]) -> None:
    """Give a page OCR lines (text, top y) and index it as the pipeline would."""
    with services.db.session() as session:
        row = session.scalar(select(Page).where(Page.case_file_id == case_id, Page.index == page))
        assert row is not None
        row.ocr_text = "\n".join(text for text, _ in lines)
        row.ocr_boxes = [
            {"text": text, "box": line_box(80.0, y, 500.0, y + 20.0), "score": 0.98}
            for text, y in lines
        ]
        row.ocr_status = "done"
    with services.db.session() as session:
        index_missing(session)


@pytest.fixture
def seeded(services: Services) -> tuple[int, int]:
    """Two dossiers: the first with the word on pages 3 and 6, the second on page 2."""
    first, second = (c.id for c in services.library.list_cases()[:2])
    seed_page(services, first, 3, [("询问笔录", 100.0), (f"当事人已退还{WORD}三千元", 300.0)])
    seed_page(services, first, 6, [(f"没收{WORD}人民币五千元", 200.0)])
    seed_page(services, first, 4, [("送达回证", 100.0)])
    seed_page(services, second, 2, [(f"经查无{WORD}", 150.0)])
    return first, second


def open_main(qtbot, services: Services) -> MainWindow:
    main = MainWindow(services)
    qtbot.addWidget(main, before_close_func=lambda w: w.dossiers.close_all())
    main.show()
    qtbot.waitExposed(main)
    return main


def test_library_search_lists_hits_by_dossier_and_opens_the_page_marked(
    qtbot, services: Services, seeded: tuple[int, int]
) -> None:
    first, second = seeded
    main = open_main(qtbot, services)
    assert not main.search_dock.isVisible()
    main.search_action.trigger()
    assert main.search_dock.isVisible()
    assert main.search_action.shortcut().toString() == "Ctrl+F"
    panel = main.search_panel
    panel.query_edit.setText(WORD)  # (QTest types ASCII only)
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_Return)

    assert panel.tree.topLevelItemCount() == 2
    names = {c.id: c.case_no or c.file_name for c in services.library.list_cases()}
    group = panel.tree.topLevelItem(0)
    assert group.text(0) == f"{names[first]}（2 页）"
    assert [group.child(i).text(0) for i in range(2)] == ["第 3 页", "第 6 页"]
    assert panel.tree.topLevelItem(1).text(0) == f"{names[second]}（1 页）"
    rich = group.child(0).data(1, HTML_ROLE)
    assert f'<span style="{HIT_STYLE}">{WORD}</span>' in rich
    assert "共 2 卷、3 页" in panel.status.text()

    hit_item = group.child(1)  # page 6 of the first dossier
    panel.tree.itemActivated.emit(hit_item, 0)
    viewer = main.dossiers.windows[first]
    assert viewer.isVisible()
    assert viewer.view.current_page() == 6
    assert viewer.page_box.value() == 6
    assert list(viewer.view.highlights) == [6]
    (box,) = viewer.view.highlights[6]
    assert (box.x0, box.y0, box.x1, box.y1) == (80.0, 200.0, 500.0, 220.0)

    # Another hit of the same dossier: the same window, the new page, only its mark.
    panel.tree.itemActivated.emit(group.child(0), 0)
    assert list(main.dossiers.windows) == [first]
    assert viewer.view.current_page() == 3
    assert list(viewer.view.highlights) == [3]
    (box,) = viewer.view.highlights[3]
    assert box.y0 == 300.0, "only the line holding the word is marked"


def test_library_search_explains_a_bad_query_and_no_hits(
    qtbot, services: Services, seeded: tuple[int, int]
) -> None:
    main = open_main(qtbot, services)
    panel = main.search_panel
    assert panel.run("   ") == []
    assert panel.status.text() == "请输入要检索的文字。"
    assert panel.run("？！") == []
    assert "至少要有一个汉字、字母或数字" in panel.status.text()
    assert panel.run("行政复议决定") == []
    assert panel.status.text().startswith("没有找到")
    assert panel.tree.topLevelItemCount() == 0
    assert len(panel.run(f"{WORD} 三千元")) == 1, "every term must be on the page"


def test_search_within_a_dossier_steps_through_hits_with_f3(
    qtbot, services: Services, seeded: tuple[int, int]
) -> None:
    first, _second = seeded
    window = DossierWindow(services, first)
    qtbot.addWidget(window, before_close_func=lambda w: w.shutdown())
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts (F3) reach the active window only
    assert window.find_next_action.shortcut().toString() == "F3"
    assert window.find_previous_action.shortcut().toString() == "Shift+F3"

    window.find_action.trigger()
    assert window.focusWidget() is window.find_bar.edit
    window.find_bar.edit.setText(WORD)
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Return)  # first hit from page 1 on
    assert window.view.current_page() == 3
    assert [b.y0 for b in window.view.highlights[3]] == [300.0]
    assert window.find_bar.count_label.text() == "1 / 2"

    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_F3)
    assert window.view.current_page() == 6
    assert list(window.view.highlights) == [6]
    assert window.find_bar.count_label.text() == "2 / 2"

    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_F3)  # wraps round
    assert window.view.current_page() == 3
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert window.view.current_page() == 6
    assert window.find_bar.count_label.text() == "2 / 2"

    # Only this dossier is searched: the other dossier's page 2 is never a hit.
    assert {h.case_file_id for h in window.find_bar.hits} == {first}

    window.find_bar.edit.setText("行政复议决定")
    window.find_next_action.trigger()
    assert window.find_bar.count_label.text() == "没有找到"
    assert window.view.current_page() == 6
