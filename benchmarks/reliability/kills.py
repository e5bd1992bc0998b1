"""SIGKILL at random points of import, OCR, scoring, letter issue, reply recording and
restore; after each kill the world is held to :func:`survival.verify`.

Each worker runs in a session of its own and the whole process group is killed, so OCR
worker processes die with their parent as they would when the machine loses power."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from benchmarks.reliability.survival import Ledger, verify
from benchmarks.reliability.world import World, build_world

ROOT = Path(__file__).resolve().parents[2]
OPERATIONS = ("import", "ocr", "scoring", "letter", "reply", "restore")
# The longest wait before the kill, per operation (seconds after the worker is ready): long
# enough to land anywhere in several operations, OCR's worker start-up included.
MAX_DELAY = {
    "import": 4.0,
    "ocr": 10.0,
    "scoring": 3.0,
    "letter": 6.0,
    "reply": 4.0,
    "restore": 3.0,
}
READY_TIMEOUT = 180.0


@dataclass
class KillReport:
    kills: dict[str, int] = field(default_factory=dict)  # operation → kills
    survived: int = 0
    acknowledged: int = 0
    lost: int = 0
    duplicated: int = 0
    failures: list[str] = field(default_factory=list)
    resumed_ok: bool | None = None

    @property
    def total(self) -> int:
        return sum(self.kills.values())


class _Reader(threading.Thread):
    """Collects the worker's complete lines as they come (a line cut by the kill is dropped)."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        super().__init__(daemon=True)
        self.proc, self.lines = proc, []
        self.ready = threading.Event()

    def run(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            if not line.endswith("\n"):
                break
            self.lines.append(line)
            if '"ready"' in line:
                self.ready.set()


def run_worker(
    op: str, world_file: Path, seed: int, delay: float, extra: list[str]
) -> tuple[list[str], str, bool]:
    """Start a worker, kill its process group ``delay`` s after it is ready.
    Returns its acknowledgement lines, its stderr tail and whether the kill hit it alive."""
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as err:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "benchmarks.reliability.worker",
                op,
                str(world_file),
                str(seed),
                *extra,
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
            encoding="utf-8",
            env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"},
            start_new_session=True,
        )
        reader = _Reader(proc)
        reader.start()
        reader.ready.wait(READY_TIMEOUT)
        time.sleep(delay)
        alive = proc.poll() is None
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        reader.join(timeout=10)
        err.seek(0)
        tail = err.read()[-1500:]
    return reader.lines, tail, alive


def _restore_counts(world: World) -> set[int]:
    import sqlite3

    counts = set()
    for backup in world.backups:
        connection = sqlite3.connect(backup)
        counts.add(connection.execute("SELECT count(*) FROM deductions").fetchone()[0])
        connection.close()
    return counts


def _resume_all(world: World) -> bool:
    """What the window does at start: read every dossier a kill left half-read."""
    from app.services import Services

    services = Services.open(world.context())
    processor = services.processor()
    try:
        for case in services.library.unfinished_case_ids():
            processor.process(case)
        return not services.library.unfinished_case_ids()
    finally:
        processor.close()
        services.close()


def run_kills(
    per_op: int | dict[str, int],
    workdir: Path,
    *,
    operations: tuple[str, ...] = OPERATIONS,
    seed: int = 18,
    progress: Callable[[str], None] = lambda _m: None,
) -> KillReport:
    rng = random.Random(seed)
    template = build_world(workdir / "template")
    report = KillReport()
    counts_per_op = per_op if isinstance(per_op, dict) else dict.fromkeys(operations, per_op)
    for op in operations:
        if not counts_per_op.get(op):
            continue
        world = template.copy_to(workdir / op)
        world_file = workdir / f"{op}.json"
        world_file.write_text(world.to_json(), encoding="utf-8")
        ledger = Ledger()
        counts = _restore_counts(world) if op == "restore" else None
        for n in range(counts_per_op[op]):
            extra = [str(i) for i in ledger.live_deductions()] if op == "scoring" else []
            if op == "reply" and ledger.last_day:  # the in-flight reply may be a day later
                extra = [(date.fromisoformat(ledger.last_day) + timedelta(days=1)).isoformat()]
            lines, tail, alive = run_worker(
                op, world_file, rng.randrange(1 << 30), rng.uniform(0, MAX_DELAY[op]), extra
            )
            report.acknowledged += ledger.take(lines)
            if not alive:
                report.failures.append(f"{op} 第 {n + 1} 次：进程在被终止前自行退出：{tail}")
            report.kills[op] = report.kills.get(op, 0) + 1
            verdict = verify(world, ledger, restore_counts=counts)
            report.lost += verdict.lost
            report.duplicated += verdict.duplicated_numbers
            if verdict.survived and alive:
                report.survived += 1
            else:
                report.failures += [f"{op} 第 {n + 1} 次：{p}" for p in verdict.problems]
            progress(
                f"{op} {n + 1}/{counts_per_op[op]}: {len(lines)} 行确认, {'通过' if verdict.survived else '失败'}"
            )
        if op == "ocr":
            report.resumed_ok = _resume_all(world)
    return report
