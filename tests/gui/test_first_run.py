"""首次使用: the values are checked where settings are checked and saved; 跳过 saves nothing;
the dialog comes on the very first start only, before the demo library opens."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.config import Paths, RunContext, Settings
from app.services import Services
from app.ui.application import open_main_window
from app.ui.first_run import FirstRunDialog


@pytest.fixture
def services(tmp_path: Path):  # type: ignore[no-untyped-def]
    opened = Services.open(RunContext(Paths(tmp_path / "data")))
    yield opened
    opened.close()


def test_the_values_are_checked_then_saved(qtbot, services: Services) -> None:
    dialog = FirstRunDialog(services)
    qtbot.addWidget(dialog)
    dialog.reviewer.setText("钱评查")
    dialog.organ.setText("某县司法局")
    dialog.legal_basis.setText("《行政执法监督条例》第×条")
    assert not dialog.save()  # a value typed in must be usable: no placeholder for the article
    assert "含有占位符" in dialog.error.text() and "有关规定" in dialog.error.text()
    assert dialog.error.isVisibleTo(dialog)
    dialog.legal_basis.setText("《某省行政执法监督办法》第二十条")
    dialog.code_opinion.setText("县司监意")
    dialog.code_decision.setText("县司监决")
    assert dialog.save()
    stored = Settings.load(services.ctx.paths.settings_file)
    assert (stored.issuing_organ, stored.letter_code_opinion, stored.reviewer_name) == (
        "某县司法局",
        "县司监意",
        "钱评查",
    )
    assert services.identity.name == "钱评查"
    assert stored.legal_basis_opinion == "《某省行政执法监督办法》第二十条"
    assert not stored.letter_gaps()


def test_skipping_saves_nothing(qtbot, services: Services) -> None:
    dialog = FirstRunDialog(services)
    qtbot.addWidget(dialog)
    dialog.reviewer.setText("钱评查")
    dialog.skip_button.click()
    assert not services.identity.known
    assert Settings.load(services.ctx.paths.settings_file).reviewer_name == ""


def test_asked_on_the_first_start_only(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("app.demo.folder.DEMO_COUNT", 1)
    asked: list[Path] = []
    real = tmp_path / "data"

    def welcome(services: Services) -> None:
        asked.append(services.ctx.paths.data_dir)
        services.set_reviewer_name("钱评查")

    window = open_main_window(RunContext(Paths(real)), welcome)
    qtbot.addWidget(window)
    assert asked == [real]  # the user's own library, not the demo's
    window.close()  # the demo build it started stops (its OCR is not what this tests)
    again = open_main_window(RunContext(Paths(real)), welcome)
    qtbot.addWidget(again)
    assert asked == [real]
    assert Settings.load(Paths(real).settings_file).reviewer_name == "钱评查"


@pytest.fixture
def location(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The note of the chosen data folder, kept in the test's folder (not the user's)."""
    note = tmp_path / "config" / "data-folder.json"
    monkeypatch.setattr("app.config.location_file", lambda: note)
    monkeypatch.delenv("ANJUAN_DATA_DIR", raising=False)
    return note


def test_a_chosen_data_folder_gets_the_values_and_is_used_from_then_on(
    qtbot, services: Services, tmp_path: Path, location: Path
) -> None:
    from app.config import default_data_dir

    chosen = tmp_path / "共享盘" / "案卷评查"
    dialog = FirstRunDialog(services)
    qtbot.addWidget(dialog)
    dialog.ask_folder = lambda: str(chosen)
    dialog.choose_folder()
    assert dialog.folder_label.text() == str(chosen)
    dialog.reviewer.setText("钱评查")
    assert dialog.save()
    assert dialog.opened is not None and dialog.opened.ctx.paths.data_dir == chosen
    assert Settings.load(Paths(chosen).settings_file).reviewer_name == "钱评查"
    assert not services.ctx.paths.settings_file.exists()  # nothing left in the old folder
    assert default_data_dir() == chosen.resolve()  # the next start opens it
    dialog.opened.close()


def test_a_demo_folder_is_refused_as_data_folder(
    qtbot, services: Services, tmp_path: Path, location: Path
) -> None:
    from app.config import DEMO_MARKER

    demo = tmp_path / "demo-library"
    demo.mkdir()
    (demo / DEMO_MARKER).write_text("", encoding="utf-8")
    dialog = FirstRunDialog(services)
    qtbot.addWidget(dialog)
    dialog.ask_folder = lambda: str(demo)
    dialog.choose_folder()
    assert "演示库" in dialog.error.text() and dialog.error.isVisibleTo(dialog)
    assert dialog.folder == services.ctx.paths.data_dir
    assert dialog.save() and not location.exists()


def test_the_window_opens_on_the_folder_chosen_at_the_first_start(
    qtbot, tmp_path: Path, monkeypatch, location: Path
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("app.demo.folder.DEMO_COUNT", 1)
    chosen = tmp_path / "elsewhere"

    def welcome(services: Services) -> Services | None:
        dialog = FirstRunDialog(services)
        qtbot.addWidget(dialog)
        dialog.set_folder(chosen)
        dialog.reviewer.setText("钱评查")
        assert dialog.save()
        return dialog.opened

    window = open_main_window(RunContext(Paths(tmp_path / "data")), welcome)
    qtbot.addWidget(window)
    # The demo library of the chosen folder, and 返回我的案卷库 goes to the chosen folder.
    assert window.services.ctx.paths.data_dir == chosen / "demo"
    assert window.library_windows is not None
    assert window.library_windows.real_ctx.paths.data_dir == chosen
    assert Settings.load(Paths(chosen).settings_file).demo_built
    window.close()


def test_the_purpose_decides_what_is_asked(qtbot, services: Services) -> None:
    from app.ui.first_run import Purpose

    letters = FirstRunDialog(services, purpose=Purpose.LETTERS)
    folder = FirstRunDialog(services, purpose=Purpose.DATA_FOLDER)
    first = FirstRunDialog(services)
    for dialog in (letters, folder, first):
        qtbot.addWidget(dialog)
    assert letters.isAncestorOf(letters.organ) and not letters.isAncestorOf(letters.folder_label)
    assert folder.isAncestorOf(folder.folder_label) and not folder.isAncestorOf(folder.organ)
    assert first.isAncestorOf(first.organ) and first.isAncestorOf(first.folder_label)
    # Before a letter every letter value is required; at the first start they may wait.
    assert not letters.save() and "发文机关" in letters.error.text()
    assert first.save()


def test_changing_the_data_folder_later_opens_it_without_a_restart(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, location: Path
) -> None:
    """文件 → 更改数据文件夹…: the same chooser and checks; the window is replaced by one on
    the chosen folder's library, which keeps its own settings, and later starts open it."""
    from dataclasses import replace

    from app.config import DEMO_MARKER, default_data_dir

    real, other = tmp_path / "data", tmp_path / "共享盘" / "案卷评查"
    for folder, organ in ((real, "甲县司法局"), (other, "乙县司法局")):
        opened = Services.open(RunContext(Paths(folder)))
        opened.save_settings(replace(opened.settings, issuing_organ=organ, demo_built=True))
        opened.close()
    demo = tmp_path / "demo-library"
    demo.mkdir()
    (demo / DEMO_MARKER).write_text("", encoding="utf-8")

    window = open_main_window(RunContext(Paths(real)))
    qtbot.addWidget(window)
    switcher = window.library_windows
    assert switcher is not None
    tried: list[str] = []

    def answer(dialog: FirstRunDialog) -> int:
        assert dialog.windowTitle() == "更改数据文件夹"
        assert not dialog.save()  # the folder in use is not a change
        tried.append(dialog.error.text())
        dialog.set_folder(demo)  # refused at once, as at the first start
        tried.append(dialog.error.text())
        dialog.set_folder(other)
        assert dialog.save()
        return dialog.result()

    monkeypatch.setattr(FirstRunDialog, "exec", answer)
    window.data_folder_action.trigger()
    assert "当前使用" in tried[0] and "演示库" in tried[1]
    replaced = switcher.window
    assert replaced is not None and replaced is not window
    qtbot.addWidget(replaced)
    assert replaced.services.ctx.paths.data_dir == other
    assert replaced.services.settings.issuing_organ == "乙县司法局"  # not overwritten
    assert Settings.load(Paths(real).settings_file).issuing_organ == "甲县司法局"
    assert default_data_dir() == other.resolve()  # the next start opens it too
    assert switcher.real_ctx.paths.data_dir == other  # 打开演示库 / 返回 go from there
    replaced.close()
