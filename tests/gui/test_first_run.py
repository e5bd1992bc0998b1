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
    dialog.legal_basis.setText("《行政执法监督条例》")
    assert not dialog.save()  # a value typed in must be usable: the basis names its article
    assert "未写明条款" in dialog.error.text() and "国务院令第825号" in dialog.error.text()
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
