"""The window's side of database safety (issue 18): the day's automatic backup is made
once a day at start and only the newest N are kept; a damaged database at start is
refused with the latest backup named and dated, restoring it opens the library again, and
the damaged file is set aside whole, never overwritten."""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from app.services import Services
from app.store.backup import backups_in
from app.ui.application import offer_latest_backup, start_background_work
from app.ui.main_window import MainWindow
from app.ui.qt import QtWidgets
from benchmarks.reliability.world import World
from tests.unit import test_database_safety as safety

# The world of the database-safety tests: dossiers, opinions and a backup in its backups/.
template = safety.template
world = safety.world


def dailies(world: World) -> list[Path]:
    return [p for p in backups_in(world.data_dir / "backups") if "-daily" in p.name]


def started(qtbot, world: World) -> tuple[MainWindow, list[str]]:  # type: ignore[no-untyped-def]
    """A window on ``world`` and its start-up work done (as ``run_window`` does it), with
    the messages its status bar showed meanwhile."""
    window = MainWindow(Services.open(world.context()))
    qtbot.addWidget(window)
    said: list[str] = []
    window.statusBar().messageChanged.connect(said.append)
    jobs: list[object] = []
    daily = window.daily_backup  # watched, not replaced: the timer calls it as it is
    window.daily_backup = lambda: jobs.append(daily()) or jobs[-1]  # type: ignore[method-assign]
    start_background_work(window)
    qtbot.waitUntil(lambda: bool(jobs) and window.jobs.idle, timeout=60_000)
    return window, said


def test_the_days_backup_is_made_once_at_start_and_the_newest_n_are_kept(
    qtbot, world: World
) -> None:
    services = Services.open(world.context())
    services.save_settings(replace(services.settings, daily_backups_kept=2))
    services.close()
    folder = world.data_dir / "backups"
    manual = set(backups_in(folder))
    for stamp in ("20200825", "20200826", "20200827"):  # earlier days' automatic copies
        shutil.copy(world.backups[0], folder / f"library-{stamp}-080000-0008-daily.sqlite3")

    first, said = started(qtbot, world)
    today = f"{date.today():%Y%m%d}"
    assert [p.name[8:16] for p in dailies(world)] == [today, "20200827"]  # newest 2 kept
    made = dailies(world)[0]
    assert f"已自动备份到 {made}" in said
    first.close()
    first.services.close()

    again, said = started(qtbot, world)  # a second start the same day: no second copy
    assert dailies(world) == [made, folder / "library-20200827-080000-0008-daily.sqlite3"]
    assert not [m for m in said if "备份" in m]
    assert manual <= set(backups_in(folder))  # other backups are never removed
    again.close()
    again.services.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def damage(world: World) -> Path:
    file = world.data_dir / "library.sqlite3"
    data = file.read_bytes()
    file.write_bytes(data[:4096] + b"\xff" * 8192 + data[12288:])
    return file


class Answer:
    """Stands in for the user at the modal start-up box: reads it, presses ``button``."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, button: str) -> None:
        self.texts: list[str] = []
        self.buttons: list[str] = []
        self.informed: list[str] = []

        def exec_(box: QtWidgets.QMessageBox) -> int:
            self.texts.append(box.text())
            self.buttons = [b.text() for b in box.buttons()]
            next(b for b in box.buttons() if b.text() == button).click()
            return 0

        monkeypatch.setattr(QtWidgets.QMessageBox, "exec", exec_)
        monkeypatch.setattr(
            QtWidgets.QMessageBox, "information", lambda _p, _t, text: self.informed.append(text)
        )
        monkeypatch.setattr(
            QtWidgets.QMessageBox, "critical", lambda _p, _t, text: self.texts.append(text)
        )


def refusal(world: World) -> Exception:
    with pytest.raises(Exception) as refused:
        Services.open(world.context())
    return refused.value


def test_a_damaged_database_offers_the_latest_backup_and_restoring_opens_it(
    qtbot, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = damage(world)
    damaged = digest(file)
    [latest, *_] = backups_in(world.data_dir / "backups")
    when = datetime.fromtimestamp(latest.stat().st_mtime)
    answer = Answer(monkeypatch, "从最近的备份恢复")

    assert offer_latest_backup(world.context(), refusal(world)) is True

    [text] = answer.texts
    assert latest.name in text and f"{when:%Y-%m-%d %H:%M}" in text and "不会被覆盖" in text
    assert answer.buttons == ["从最近的备份恢复", "退出"]
    [done] = answer.informed
    aside = next(p for p in (world.data_dir / "backups").iterdir() if "damaged" in p.name)
    assert latest.name in done and str(aside) in done
    assert digest(aside) == damaged  # the damaged file kept whole beside the backups
    window = MainWindow(Services.open(world.context()))  # opens again: the backup's data
    qtbot.addWidget(window)
    assert window.model.rowCount() == len(world.cases)
    assert len(window.services.letters().letters()) == len(world.opinions)
    window.close()
    window.services.close()


def test_declining_the_offer_leaves_the_damaged_database_as_it_was(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = damage(world)
    damaged = digest(file)
    before = sorted(p.name for p in (world.data_dir / "backups").iterdir())
    answer = Answer(monkeypatch, "退出")
    assert offer_latest_backup(world.context(), refusal(world)) is False
    assert answer.texts and not answer.informed
    assert digest(file) == damaged
    assert sorted(p.name for p in (world.data_dir / "backups").iterdir()) == before
