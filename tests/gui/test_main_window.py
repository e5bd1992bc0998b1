"""The main window on a real data folder: empty state, the demo library, About, checklists."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from app.config import Paths, RunContext
from app.services import Services
from app.ui.application import create_application, open_main_window
from app.ui.checklist_dialog import ChecklistDialog
from app.ui.main_window import MainWindow
from app.ui.qt import QtCore, QtWidgets


@pytest.fixture
def demo_data_dir(demo_library_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(demo_library_template, target)
    return target


def test_window_shows_the_demo_library(qtbot, demo_data_dir: Path) -> None:
    create_application()
    window = open_main_window(RunContext(Paths(demo_data_dir)))
    qtbot.addWidget(window)
    window.show()
    assert window.stack.currentIndex() == 1, "the library page, not the empty state"
    model = window.model
    assert model.rowCount() >= 4
    departments = {model.case_at(r).department for r in range(model.rowCount())}
    assert all(departments) and len(departments) >= 2
    kinds = {model.index(r, 2).data() for r in range(model.rowCount())}
    statuses = {model.index(r, 5).data() for r in range(model.rowCount())}
    assert statuses == {"待识别"}, "imported, not yet read by OCR"
    assert kinds <= {"行政处罚", "行政强制"} and "行政处罚" in kinds
    assert all(model.case_at(r).pages > 5 for r in range(model.rowCount()))
    assert "案卷库" in window.statusBar().currentMessage()


def test_filter_narrows_the_list(qtbot, demo_data_dir: Path) -> None:
    window = open_main_window(RunContext(Paths(demo_data_dir)))
    qtbot.addWidget(window)
    total = window.proxy.rowCount()
    department = window.model.case_at(0).department
    window.filter_edit.setText(department)
    assert 0 < window.proxy.rowCount() <= total
    window.filter_edit.setText("没有这个单位")
    assert window.proxy.rowCount() == 0


def test_empty_library_shows_the_empty_state(qtbot, tmp_path: Path) -> None:
    services = Services.open(RunContext(Paths(tmp_path / "data")))
    window = MainWindow(services)
    qtbot.addWidget(window)
    assert window.stack.currentIndex() == 0
    assert window.empty_page.demo_button.isEnabled()


def test_the_empty_page_says_the_demo_is_being_built(qtbot, tmp_path: Path) -> None:
    services = Services.open_demo(RunContext(Paths(tmp_path / "data")))
    window = MainWindow(services)
    qtbot.addWidget(window)
    page = window.empty_page
    assert page.title.text() == "案卷库还是空的"
    window.build_demo_library()
    assert page.title.text() == "正在生成演示案卷库……"
    assert not page.demo_button.isVisibleTo(page) and not page.import_button.isVisibleTo(page)
    [build] = window.jobs.queue.records()
    window.jobs.cancel(build)  # 取消: the page says "empty" again, with its buttons
    qtbot.waitUntil(lambda: page.title.text() == "案卷库还是空的", timeout=120_000)
    assert page.import_button.isVisibleTo(page) and not window.jobs.busy
    window.close()
    services.close()


def test_first_start_opens_the_demo_library_built_in_its_own_folder(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A smaller library than the shipped 12 keeps the test quick; the path is the real one.
    monkeypatch.setattr("app.demo.folder.DEMO_COUNT", 2)
    real = tmp_path / "data"
    window = open_main_window(RunContext(Paths(real)))
    qtbot.addWidget(window)
    assert window.services.ctx.paths.data_dir == real / "demo"
    assert "演示库" in window.windowTitle()
    assert window.progress.isVisible() or window.jobs.busy
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=600_000)
    qtbot.waitUntil(lambda: not window.jobs.busy, timeout=600_000)
    assert window.stack.currentIndex() == 1
    assert window.services.settings.demo_built

    # 文件 → 返回我的案卷库: a new window on the real library, which stayed empty.
    switcher = window.library_windows
    window.switch_action.trigger()
    mine = switcher.window
    qtbot.addWidget(mine)
    assert mine is not window and mine.services.ctx.paths.data_dir == real
    assert "演示库" not in mine.windowTitle() and mine.model.rowCount() == 0
    assert mine.empty_page.demo_button.text() == "打开演示库"
    # The next start opens the real library: the demo was offered once.
    again = open_main_window(RunContext(Paths(real)))
    qtbot.addWidget(again)
    assert again.services.ctx.paths.data_dir == real
    # 文件 → 打开演示库 opens the demo library already built (nothing rebuilt).
    again.switch_action.trigger()
    demo = again.library_windows.window
    qtbot.addWidget(demo)
    assert demo.services.ctx.paths.is_demo and demo.model.rowCount() == 2
    assert not demo.jobs.busy


def test_about_box_shows_the_version(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app import __version__

    services = Services.open(RunContext(Paths(tmp_path / "data")))
    window = MainWindow(services)
    qtbot.addWidget(window)
    shown: list[str] = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "about", lambda _p, _t, text: shown.append(text))
    window.show_about()
    assert shown and __version__ in shown[0] and "案卷评查工作站" in shown[0]


def test_checklist_dialog_lists_both_checklists(qtbot, tmp_path: Path) -> None:
    services = Services.open(RunContext(Paths(tmp_path / "data")))
    dialog = ChecklistDialog(services.checklists)
    qtbot.addWidget(dialog)
    # both checklists, each in its current and its superseded version (reviews keep theirs)
    shown = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert len(shown) == 4, shown
    assert sum("2026.2" in t for t in shown) == 2 and sum("2026.1" in t for t in shown) == 2
    dialog.list.setCurrentRow(1)
    assert dialog.tree.topLevelItemCount() >= 5
    points = sum(
        float(dialog.tree.topLevelItem(i).text(1)) for i in range(dialog.tree.topLevelItemCount())
    )
    assert points == 100
    assert "否决项" in dialog.summary.text()


def test_qt_dialogs_speak_chinese(qtbot) -> None:
    app = create_application()
    from app.ui.i18n import install_chinese

    assert "qtbase_zh_CN" in install_chinese(app)
    box = QtWidgets.QMessageBox()
    qtbot.addWidget(box)
    box.setStandardButtons(QtWidgets.QMessageBox.StandardButton.Cancel)
    assert box.button(QtWidgets.QMessageBox.StandardButton.Cancel).text() in ("取消", "&取消")


def test_the_file_dialog_speaks_chinese(qtbot) -> None:
    """Qt's catalogue knows "Look in:" but the dialog asks for "&Look in:": before the
    accelerator fallback the labels stood in English (seen at 1366×768, 另存为)."""
    app = create_application()
    from app.ui.i18n import install_chinese

    install_chinese(app)
    dialog = QtWidgets.QFileDialog(None, "另存为")
    qtbot.addWidget(dialog)
    dialog.setOption(QtWidgets.QFileDialog.Option.DontUseNativeDialog, True)
    labels = [label.text() for label in dialog.findChildren(QtWidgets.QLabel) if label.text()]
    assert "查找范围(&L)：" in labels and "文件类型(&T)：" in labels
    assert not [text for text in labels if re.search(r"[A-Za-z]{3,}", text)]
    # a string no catalogue knows stays as it is (the fallback answers nothing, not "")
    assert QtCore.QCoreApplication.translate("QFileDialog", "Nothing&Here") == "Nothing&Here"


def test_qt_formats_with_a_chinese_system_locale_unless_one_is_set(monkeypatch) -> None:
    from app.ui.i18n import CHINESE_LOCALE, chinese_system_locale

    for name in ("LC_ALL", "LC_TIME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    with chinese_system_locale():
        assert os.environ["LC_ALL"] == CHINESE_LOCALE
    assert "LC_ALL" not in os.environ  # later child processes get the user's environment
    monkeypatch.setenv("LANG", "zh_TW.UTF-8")  # a Chinese locale the user chose stays
    with chinese_system_locale():
        assert "LC_ALL" not in os.environ
