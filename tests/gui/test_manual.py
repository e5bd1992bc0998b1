"""帮助 → 使用手册 (F1): the guide shipped with the app, its sections and screenshots present,
every window mapped to its section, and F1 in a modal dialog opening that dialog's section."""

from __future__ import annotations

import re

import pytest

from app.services import Services
from app.ui.manual import (
    MANUAL_FILE,
    ManualWindow,
    headings,
    install_help_key,
    manual_dir,
    section_for,
    sections,
)
from app.ui.qt import Qt, QtWidgets
from app.ui.taskman import TaskManager
from tests.gui.windows import WINDOWS, shut

TEXT = (manual_dir() / MANUAL_FILE).read_text(encoding="utf-8")


def test_every_mapped_section_and_every_screenshot_exists() -> None:
    assert set(sections().values()) <= set(headings(TEXT))
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", TEXT)
    assert len(images) >= 8
    assert [i for i in images if not (manual_dir() / i).is_file()] == []
    # one section per step of the work
    assert {"首次使用", "案卷库与导入", "评查活动", "评查打分", "文书与报表", "整改督办"} <= set(
        headings(TEXT)
    )


@pytest.mark.parametrize("name", list(WINDOWS))
def test_every_window_has_its_section(
    qtbot, window_services: Services, window_tasks: TaskManager, name: str
) -> None:
    window = WINDOWS[name](window_services, window_tasks)
    qtbot.addWidget(window)
    try:
        assert section_for(window) in headings(TEXT), f"{name}: no section in the manual"
    finally:
        shut(window)


def test_the_window_scrolls_to_a_section(qtbot) -> None:
    window = ManualWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.show_section("评查打分")
    assert window.current_section() == "评查打分"
    assert window.contents.currentItem().text() == "评查打分"
    assert not window.show_section("没有这一节")
    window.contents.setCurrentRow(headings(TEXT).index("首次使用"))
    assert window.current_section() == "首次使用"


def test_f1_in_a_modal_dialog_opens_its_section(qtbot, qapp, window_services: Services) -> None:
    from app.ui.first_run import FirstRunDialog

    key = install_help_key(qapp)
    dialog = FirstRunDialog(window_services)
    qtbot.addWidget(dialog)
    try:
        dialog.setModal(True)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        qtbot.keyClick(dialog.organ, Qt.Key.Key_F1)
        [manual] = [w for w in dialog.findChildren(ManualWindow)]  # owned by the modal dialog
        assert manual.isVisible() and manual.current_section() == "首次使用"
        manual.close()
    finally:
        qapp.removeEventFilter(key)
        dialog.done(0)


def test_the_help_menu_lists_the_manual_and_the_walk(qtbot, window_services: Services) -> None:
    from app.ui.main_window import MainWindow

    window = MainWindow(window_services)
    qtbot.addWidget(window)
    window.manual_action.trigger()
    shown = [w for w in QtWidgets.QApplication.topLevelWidgets() if isinstance(w, ManualWindow)]
    assert any(w.isVisible() for w in shown)
    for w in shown:
        w.close()
