"""The dossier window on a real demo library: opened from the library table, pages and
panels in step, rotation stored as derived data and shown again on reopening."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.config import Paths, RunContext
from app.services import Services
from app.store.models import Document
from app.ui.main_window import MainWindow
from app.ui.qt import Qt, QtCore
from app.ui.viewer.dossier_window import DossierWindow
from app.ui.viewer.outline import EMPTY_TEXT


@pytest.fixture
def services(demo_library_template: Path, tmp_path: Path) -> Iterator[Services]:
    target = tmp_path / "data"
    shutil.copytree(demo_library_template, target)
    opened = Services.open(RunContext(Paths(target)))
    yield opened
    opened.db.dispose()


def open_window(qtbot, services: Services, case_id: int) -> DossierWindow:
    window = DossierWindow(services, case_id)
    qtbot.addWidget(window, before_close_func=lambda w: w.shutdown())
    window.show()
    qtbot.waitExposed(window)
    return window


def test_enter_on_a_library_row_opens_its_dossier(qtbot, services: Services) -> None:
    main = MainWindow(services)
    qtbot.addWidget(main, before_close_func=lambda w: w.dossiers.close_all())
    main.show()
    qtbot.waitExposed(main)
    main.table.setFocus()
    main.table.selectRow(1)
    case = main.model.case_at(main.proxy.mapToSource(main.table.currentIndex()).row())
    qtbot.keyClick(main.table, Qt.Key.Key_Return)
    assert list(main.dossiers.windows) == [case.id]
    viewer = main.dossiers.windows[case.id]
    assert viewer.isVisible()
    assert viewer.view.page_count() == case.pages == viewer.thumbnails.model().rowCount()
    assert viewer.page_total.text().strip() == f"/ {case.pages} 页"
    main.open_action.trigger()  # the same row again: the open window is raised, not a twin
    assert list(main.dossiers.windows) == [case.id]
    qtbot.waitUntil(lambda: (1, viewer.view.dpi()) in viewer.view.cache, timeout=15_000)


def test_page_box_and_view_stay_in_step(qtbot, services: Services) -> None:
    case_id = services.library.list_cases()[0].id
    window = open_window(qtbot, services, case_id)
    window.page_box.setValue(6)
    assert window.view.current_page() == 6
    assert window.thumbnails.currentIndex().row() == 5
    assert window.side.page_text.title.text() == "第 6 页识别文字"
    window.view.next_page()
    assert window.page_box.value() == 7
    assert window.outline.currentWidget().objectName() == "outlineEmpty"
    assert window.outline.empty_label.text() == EMPTY_TEXT


def settle(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Wait until the window's writer has stored the correction and the window read it back."""
    qtbot.waitUntil(lambda: window.tasks.idle, timeout=20_000)


def test_rotation_is_stored_and_shown_on_reopening(qtbot, services: Services) -> None:
    case_id = services.library.list_cases()[0].id
    window = open_window(qtbot, services, case_id)
    window.view.go_to_page(2)
    window.rotate_right_action.trigger()
    settle(qtbot, window)
    assert services.cases.detail(case_id).pages[1].rotation == 90
    window.rotate_right_action.trigger()
    settle(qtbot, window)
    window.rotate_left_action.trigger()
    settle(qtbot, window)
    window.close()
    assert services.cases.detail(case_id).pages[1].rotation == 90
    scan = services.cases.detail(case_id).file_path
    assert scan.exists()

    again = open_window(qtbot, services, case_id)
    assert again.view.rotations[2] == 90
    rect = again.view.page_items[1].sceneBoundingRect()
    assert rect.width() > rect.height(), "page 2 is shown turned"
    assert (
        again.view.page_items[0].sceneBoundingRect().height()
        > again.view.page_items[0].sceneBoundingRect().width()
    )


def test_a_page_a_reading_turned_is_shown_turned_in_an_open_viewer(
    qtbot, services: Services
) -> None:
    """A re-read that finds a page upside down stores its rotation; the viewer already open
    on the dossier shows the page turned when the change reaches it, thumbnail included."""
    case_id = services.library.list_cases()[0].id
    window = open_window(qtbot, services, case_id)
    services.cases.set_rotation(case_id, 3, 180)  # as processing stores a turned reading
    window.reload()
    assert window.view.rotations[3] == 180
    assert window.thumbnails.thumbnail_model().rotations[3] == 180
    assert window.view.rotations[2] == 0
    assert services.cases.detail(case_id).pages[2].rotation == 180  # nothing stored back


def test_outline_click_jumps_to_the_document(qtbot, services: Services) -> None:
    case_id = services.library.list_cases()[0].id
    with services.db.session() as session:
        session.add_all(
            [
                Document(
                    case_file_id=case_id,
                    type="case_cover",
                    title="行政处罚案卷",
                    first_page=1,
                    last_page=1,
                ),
                Document(
                    case_file_id=case_id,
                    type="filing_approval",
                    title="立案审批表",
                    first_page=2,
                    last_page=4,
                ),
                Document(
                    case_file_id=case_id,
                    type="inquiry_record",
                    title="询问笔录",
                    first_page=5,
                    last_page=8,
                ),
            ]
        )
    window = open_window(qtbot, services, case_id)
    assert window.left_tabs.currentWidget() is window.outline
    tree = window.outline.tree
    assert [tree.topLevelItem(i).text(0) for i in range(3)] == [
        "案卷封面",
        "立案审批表",
        "询问笔录",
    ]
    tree.itemClicked.emit(tree.topLevelItem(2), 0)
    assert window.view.current_page() == 5
    assert window.page_box.value() == 5
    assert 5 in window.view.visible_pages()
    window.view.go_to_page(3)
    assert tree.currentItem() is tree.topLevelItem(1)


def test_keys_close_the_viewer_and_move_between_dossiers(
    qtbot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Esc and Ctrl+W close a viewer (Esc in the find box only leaves it); Ctrl+Tab and
    Ctrl+Shift+Tab go round the open dossiers (issue 16)."""
    from app.ui import screen_fit

    laptop = QtCore.QRect(0, 0, 1366, 728)  # the find box shows in full on the toolbar
    monkeypatch.setattr(screen_fit, "available_area", lambda _widget=None: laptop)
    main = MainWindow(services)
    qtbot.addWidget(main, before_close_func=lambda w: w.dossiers.close_all())
    first, second, third = (c.id for c in services.library.list_cases()[:3])
    windows = [main.dossiers.open(case) for case in (first, second, third)]
    assert main.dossiers.cycle(windows[2], 1) is windows[0]
    assert main.dossiers.cycle(windows[0], -1) is windows[2]
    viewer = windows[1]
    qtbot.waitExposed(viewer)
    escape = viewer.close_keys[1]
    viewer.activateWindow()
    qtbot.waitActive(viewer)
    assert viewer.find_bar.edit.isVisible()
    viewer.find_bar.edit.setFocus()
    qtbot.waitUntil(viewer.find_bar.edit.hasFocus, timeout=5_000)
    escape.activated.emit()
    assert viewer.isVisible() and not viewer.find_bar.edit.hasFocus()
    escape.activated.emit()
    qtbot.waitUntil(lambda: second not in main.dossiers.windows, timeout=5_000)
    close = windows[0].close_keys[0]
    assert close.key().toString() == "Ctrl+W"
    close.activated.emit()
    qtbot.waitUntil(lambda: list(main.dossiers.windows) == [third], timeout=5_000)
