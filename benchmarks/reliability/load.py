"""Two to eight CLI processes scoring, issuing opinions and recording replies at once, on
SQLite and on PostgreSQL: no acknowledged edit lost, no number used twice, no lock left
behind, every refusal one Chinese line (never a traceback).

Each worker is a thread that runs ``python -m app …`` again and again, as a script of a
bureau would; an edit counts as saved when the command exits 0 and prints it."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.reliability.survival import Ledger, verify
from benchmarks.reliability.world import (
    DEPARTMENTS,
    ITEM,
    TODAY,
    World,
    build_world,
    signed_off_campaigns,
)

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u4e00-\u9fff]")
REVIEWERS = ("王五", "赵六", "孙七", "周八", "吴九", "郑十", "冯一", "陈二")


@dataclass
class LoadReport:
    backend: str
    processes: int
    seconds: float
    operations: int = 0
    saved: int = 0
    refusals: int = 0
    bad_refusals: list[str] = field(default_factory=list)
    lost: int = 0
    duplicated: int = 0
    locks_left: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not (
            self.bad_refusals or self.lost or self.duplicated or self.locks_left or self.problems
        )


class _Shared:
    def __init__(self, world: World) -> None:
        self.lock = threading.Lock()
        self.lines: list[str] = []
        self.letters = list(world.opinions)
        self.replies: dict[str, int] = {}


def _cli(world: World, *args: str) -> subprocess.CompletedProcess[str]:
    base = [
        sys.executable,
        "-m",
        "app",
        "--data-dir",
        str(world.data_dir),
        "--today",
        TODAY.isoformat(),
    ]
    if world.db_url:
        base += ["--db", world.db_url]
    return subprocess.run(
        [*base, "--json", *args], cwd=ROOT, capture_output=True, text=True, encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"}, timeout=600,
    )  # fmt: skip


def _worker(
    k: int, world: World, campaigns: list[int], shared: _Shared, end: float, report: LoadReport
) -> None:
    rng = random.Random(k)
    out = world.data_dir.parent / "papers" / f"load-{k}"
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    while time.monotonic() < end:
        n += 1
        roll = rng.random()
        if roll < 0.5:
            op = "deduction"
            args = ["review", "deduct", str(world.campaign), str(rng.choice(world.cases)), ITEM,
                    "--reason", f"负载测试第{k}-{n}处", "--reviewer", REVIEWERS[k % len(REVIEWERS)]]  # fmt: skip
        elif roll < 0.75:
            op = "letter"
            args = ["letter", "opinion", str(rng.choice(campaigns)), "--department",
                    rng.choice(DEPARTMENTS), "--out", str(out / f"意见书-{n}.docx")]  # fmt: skip
        else:
            op = "reply"
            with shared.lock:
                number = rng.choice(shared.letters)
            args = ["rectify", "reply", number, "--date", f"2026-09-{rng.randint(2, 28):02d}",
                    "--file", str(world.reply_file)]  # fmt: skip
        done = _cli(world, *args)
        with shared.lock:
            report.operations += 1
            if done.returncode == 0:
                report.saved += 1
                doc = json.loads(done.stdout)
                if op == "deduction":
                    shared.lines.append(
                        json.dumps({"kind": "deduction", "id": doc["deduction_id"]})
                    )
                elif op == "letter":
                    shared.letters.append(doc["number"])
                    shared.lines.append(json.dumps({"kind": "letter", "number": doc["number"]}))
                else:
                    count = len(doc.get("replies") or [])
                    shared.lines.append(
                        json.dumps({"kind": "reply", "number": number, "replies": count})
                    )
            else:
                report.refusals += 1
                said = done.stderr.strip()
                if "Traceback" in said or not CJK.search(said):
                    report.bad_refusals.append(f"{' '.join(args[:2])}: {said[-300:]}")


def _locks_left(world: World) -> int:
    """Locks still held or waited for once every process is gone (0 when none)."""
    from sqlalchemy import create_engine, text

    if world.db_url:
        engine = create_engine(world.db_url)
        try:
            with engine.connect() as c:
                return int(
                    c.execute(
                        text(
                            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                            " AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%'"
                        )
                    ).scalar()
                    or 0
                ) + int(
                    c.execute(text("SELECT count(*) FROM pg_locks WHERE NOT granted")).scalar() or 0
                )
        finally:
            engine.dispose()
    import sqlite3

    connection = sqlite3.connect(world.data_dir / "library.sqlite3", timeout=1.0)
    try:
        connection.execute("BEGIN IMMEDIATE")  # a writer can start at once: no lock left
        connection.rollback()
        return 0
    except sqlite3.OperationalError:
        return 1
    finally:
        connection.close()


def run_load(
    backend: str, root: Path, processes: int, seconds: float, db_url: str | None = None
) -> LoadReport:
    """Build a world on ``db_url`` (or SQLite), run ``processes`` CLI loops for ``seconds``."""
    world = build_world(root, db_url)
    campaigns = signed_off_campaigns(world, 4)
    report = LoadReport(backend, processes, seconds)
    shared = _Shared(world)
    end = time.monotonic() + seconds
    threads = [
        threading.Thread(target=_worker, args=(k, world, campaigns, shared, end, report))
        for k in range(processes)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ledger = Ledger()
    ledger.take(shared.lines)
    verdict = verify(world, ledger)
    report.lost, report.duplicated = verdict.lost, verdict.duplicated_numbers
    report.problems = verdict.problems
    report.locks_left = _locks_left(world)
    return report
