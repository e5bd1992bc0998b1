"""文书设置: letter settings saved to the settings file with their checks, the bureau's
template folder (export, check), and the letter-number registry."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from app.config import Paths, RunContext, Settings
from app.documents.letter_requests import OpinionRequest
from app.services import Services
from app.ui.letter_settings import LetterSettingsDialog
from app.ui.main_window import MainWindow
from app.ui.qt import QtWidgets
from tests.review_support import ReviewedLibrary


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    opened = Services.open(RunContext(Paths(tmp_path / "data"), today=date(2026, 10, 20)))
    yield opened
    opened.db.dispose()


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(
        QtWidgets.QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append(text)
    )
    return shown


def test_settings_are_saved_to_the_settings_file(qtbot, services: Services) -> None:
    dialog = LetterSettingsDialog(services)
    qtbot.addWidget(dialog)
    dialog.issuing_organ.setText("某县司法局")
    dialog.basis_opinion.setText("《某省行政执法监督办法》第二十条")
    dialog.code_opinion.setText("十司监意")
    dialog.days.setValue(15)
    dialog.day_kind.setCurrentIndex(dialog.day_kind.findData("working"))
    dialog.copy_to.setText("市人民政府办公室")
    assert dialog.save()
    saved = Settings.load(services.ctx.paths.settings_file)
    assert saved.letter_code_opinion == "十司监意" and saved.rectification_days == 15
    assert saved.rectification_day_kind == "working" and saved.copy_to == "市人民政府办公室"
    assert services.settings.letter_code_opinion == "十司监意"  # the letters use it at once


def test_wrong_settings_are_refused_in_chinese(
    qtbot, services: Services, warnings: list[str]
) -> None:
    dialog = LetterSettingsDialog(services)
    qtbot.addWidget(dialog)
    dialog.code_decision.setText("司监决〔2026〕")
    dialog.days.setValue(0)
    assert not dialog.save()
    assert warnings and "不应含括号" in warnings[0] and "1 至 365 天" in warnings[0]
    dialog.code_decision.setText("")
    dialog.days.setValue(400)
    assert not dialog.save()
    assert "不能为空" in warnings[1] and "400" in warnings[1]
    dialog.days.setValue(30)
    dialog.basis_opinion.setText("《行政执法监督条例》第×条")
    assert not dialog.save()
    assert "意见书依据（legal_basis）：“《行政执法监督条例》第×条”含有占位符" in warnings[2]
    assert not services.ctx.paths.settings_file.exists()  # nothing written


def test_export_and_check_templates(
    qtbot, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "本单位模板"
    folder.mkdir()
    monkeypatch.setattr(QtWidgets.QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    dialog = LetterSettingsDialog(services)
    qtbot.addWidget(dialog)
    dialog.export_button.click()
    assert (folder / "opinion.docx").is_file() and (folder / "字段说明.txt").is_file()
    assert dialog.template_dir.text() == str(folder)
    report = dialog.template_report.toPlainText()
    assert "✓ 行政执法监督意见书（本单位模板）可以使用" in report
    (folder / "decision.docx").write_bytes(b"not a word file")
    problems = dialog.check_templates()
    assert len(problems) == 1 and problems[0].startswith("行政执法监督决定书（本单位模板）")
    assert "✗ 行政执法监督决定书" in dialog.template_report.toPlainText()
    assert dialog.save()
    assert Settings.load(services.ctx.paths.settings_file).template_dir == str(folder)


def test_registry_next_number_never_goes_back(
    qtbot,
    reviewed: ReviewedLibrary,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    warnings: list[str],
) -> None:
    reviewed.db.dispose()
    services = Services.open(RunContext(Paths(reviewed.paths.data_dir), today=date(2026, 10, 20)))
    services.letters().issue_opinion(
        OpinionRequest(reviewed.spotcheck, "某市市场监督管理局", date(2026, 9, 1)),
        tmp_path / "o.docx",
    )
    dialog = LetterSettingsDialog(services)
    qtbot.addWidget(dialog)
    table = dialog.registry_table
    assert table.rowCount() == 1
    assert [table.item(0, c).text() for c in range(6)] == [
        "监督意见书",
        "司监意",
        "2026",
        "2",
        "1",
        "司监意〔2026〕1号",
    ]
    table.selectRow(0)
    monkeypatch.setattr(QtWidgets.QInputDialog, "getInt", lambda *a, **k: (1, True))
    dialog.set_next_button.click()
    assert warnings and "不能小于或等于1" in warnings[0] and "文号不得重复使用" in warnings[0]
    assert table.item(0, 3).text() == "2"
    monkeypatch.setattr(QtWidgets.QInputDialog, "getInt", lambda *a, **k: (8, True))
    dialog.set_next_button.click()
    assert table.item(0, 3).text() == "8"
    assert (
        services.letters().opinion_context(
            OpinionRequest(reviewed.spotcheck, "某市交通运输局", date(2026, 10, 20))
        )["number"]
        == "司监意〔2026〕8号"
    )
    services.db.dispose()


def test_menu_opens_the_dialog(qtbot, services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    window = MainWindow(services)
    qtbot.addWidget(window)
    seen: list[str] = []
    monkeypatch.setattr(
        LetterSettingsDialog, "exec", lambda self: seen.append(self.windowTitle()) or 0
    )
    window.letter_settings_action.trigger()
    assert seen == ["文书设置"]
