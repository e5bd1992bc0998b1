"""A sample of the reliability report (benchmarks/reliability.py, issue 18): kills at random
points, fuzzed importers, tampering caught, two CLI processes under load on SQLite and
PostgreSQL. The full figures come from the script; these keep the machinery honest."""

from __future__ import annotations

import random
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.reliability import fuzz, seeds
from benchmarks.reliability.kills import run_kills
from benchmarks.reliability.load import run_load
from benchmarks.reliability.survival import Ledger, verify
from benchmarks.reliability.tamper import run_tamper
from benchmarks.reliability.world import World, build_world


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return build_world(tmp_path_factory.mktemp("world") / "w")


def test_kills_during_import_letters_replies_and_restore_lose_nothing(tmp_path: Path) -> None:
    report = run_kills(
        {"import": 1, "letter": 1, "reply": 1, "restore": 1},
        tmp_path,
        operations=("import", "letter", "reply", "restore"),
        seed=7,
    )
    assert report.total == 4
    assert report.failures == []
    assert report.survived == 4 and report.lost == 0 and report.duplicated == 0


def test_a_lost_record_is_counted(world: World, tmp_path: Path) -> None:
    """The ledger is not a formality: a record acknowledged but absent is counted as lost."""
    copy = world.copy_to(tmp_path / "w")
    ledger = Ledger()
    ledger.take(
        ['{"kind": "deduction", "id": 999}', '{"kind": "letter", "number": "司监意〔2026〕77号"}']
    )
    verdict = verify(copy, ledger)
    assert verdict.lost == 2 and not verdict.survived


@pytest.fixture(scope="module")
def importers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[fuzz.Importers]:
    folder = tmp_path_factory.mktemp("fuzz")
    made = fuzz.Importers(folder)
    yield made
    made.services.close()


class TimeBox(Exception):
    pass


def _time_boxed(run, seconds: int = 30):  # type: ignore[no-untyped-def]
    def expire(*_: object) -> None:
        raise TimeBox

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        return fuzz.classify(run)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@settings(max_examples=40)
@given(target=st.sampled_from(fuzz.TARGETS), seed=st.integers(0, 2**32))
def test_fuzzed_inputs_are_accepted_or_refused_in_chinese(
    importers: fuzz.Importers, tmp_path_factory: pytest.TempPathFactory, target: str, seed: int
) -> None:
    folder = tmp_path_factory.mktemp("inputs")
    good = seeds.seed_bytes(target, folder)
    path = folder / f"input{fuzz.SUFFIX.get(target, '.xlsx')}"
    path.write_bytes(fuzz.make_input(target, good, random.Random(seed)))
    outcome, detail = _time_boxed(lambda: importers.run(target, path))
    assert outcome in ("accepted", "refused"), detail


def test_the_fuzz_harness_time_boxes_each_input_in_a_worker(tmp_path: Path) -> None:
    report = fuzz.run_fuzz(4, tmp_path, targets=("holiday_notice", "roster"))
    assert report.inputs == 8 and report.crashes == 0, report.failures


def test_tamper_cases_are_caught(world: World, tmp_path: Path) -> None:
    sample = (
        "审计记录的内容被改",
        "最新的审计记录被删",
        "扣分分值被改",
        "扣分被删除",
        "签字确认被伪造",
        "文号登记被删",
        "案卷原件被改",
    )
    report = run_tamper(world, tmp_path, sample)
    assert report.missed == [] and len(report.caught) == len(sample)


def test_two_cli_processes_on_sqlite(tmp_path: Path) -> None:
    report = run_load("SQLite", tmp_path / "w", processes=2, seconds=20)
    assert report.operations >= 2
    assert report.clean, (report.bad_refusals, report.problems, report.lost, report.locks_left)


@pytest.mark.postgres
def test_two_cli_processes_on_postgresql(postgres_url: str, tmp_path: Path) -> None:
    report = run_load("PostgreSQL", tmp_path / "w", processes=2, seconds=20, db_url=postgres_url)
    assert report.operations >= 2
    assert report.clean, (report.bad_refusals, report.problems, report.lost, report.locks_left)
