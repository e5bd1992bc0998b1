"""The reliability report (issue 18): kills survived, inputs fuzzed, tamper cases caught,
load on SQLite and PostgreSQL, ending with ``records lost: N``.

    .venv/bin/python benchmarks/reliability.py [--quick] [--pg URL] [--keep DIR]

``--quick`` runs a sample of everything (a kill per operation, 30 inputs per importer, 2
processes × 20 s of load) in under 5 minutes on 2 idle cores; the full run makes ≥ 200
kills, ≥ 5,000 inputs and 4 processes × 2 minutes of load per database. PostgreSQL: a
server URL whose role may create databases, or the local server's ``postgres`` account is
used through ``runuser`` (skipped, and said so, when neither works). The pieces live in
``benchmarks/reliability/``; this file only runs them and prints."""

from __future__ import annotations

import argparse
import math
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.reliability.fuzz import TARGETS, run_fuzz
from benchmarks.reliability.kills import OPERATIONS, run_kills
from benchmarks.reliability.load import LoadReport, run_load
from benchmarks.reliability.tamper import run_tamper
from benchmarks.reliability.world import build_world

LOCAL_PG = "postgresql+psycopg://anjuan:anjuan@127.0.0.1:5432/"


def fresh_pg_database(server: str | None) -> str | None:
    """A new empty database: through ``server``'s role, or created by the local postgres
    account for the ``anjuan`` role. None (with a line on stderr) when neither can."""
    name = f"anjuan_rel_{uuid.uuid4().hex[:10]}"
    if server:
        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url

        engine = create_engine(server, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
        return make_url(server).set(database=name).render_as_string(hide_password=False)
    made = subprocess.run(
        ["runuser", "-u", "postgres", "--", "createdb", "-O", "anjuan", name],
        capture_output=True,
        text=True,
    )
    if made.returncode != 0:
        print(f"PostgreSQL 不可用，跳过：{made.stderr.strip()}", file=sys.stderr)
        return None
    return LOCAL_PG + name


def say(line: str) -> None:
    print(line, flush=True)


Outcome = tuple[int, int, bool]  # records lost, numbers duplicated, everything else clean


def kills_part(root: Path, total: int, progress: Callable[[str], None]) -> Outcome:
    """``total`` kills shared over the operations; OCR (a gigabyte per reading process) gets
    half a share."""
    t = time.monotonic()
    share = max(1, math.ceil(total / (len(OPERATIONS) - 0.5)))
    per_op = dict.fromkeys(OPERATIONS, share) | {"ocr": max(1, share // 2)}
    kills = run_kills(per_op, root / "kills", progress=progress)
    done = ", ".join(f"{k} {v}" for k, v in kills.kills.items())
    say(f"kills survived: {kills.survived}/{kills.total} ({done}; {kills.acknowledged}"
        f" acknowledged records; {time.monotonic() - t:.0f} s)")  # fmt: skip
    say(f"  interrupted OCR resumed to the end: {'yes' if kills.resumed_ok else 'NO'}")
    say(f"  records lost after kills: {kills.lost}; numbers duplicated: {kills.duplicated}")
    for failure in kills.failures[:10]:
        say(f"  ! {failure}")
    return kills.lost, kills.duplicated, kills.survived == kills.total and bool(kills.resumed_ok)


def fuzz_part(root: Path, per_target: int, progress: Callable[[str], None]) -> Outcome:
    t = time.monotonic()
    fuzz = run_fuzz(per_target, root / "fuzz", progress=progress)
    o = fuzz.outcomes
    say(f"inputs fuzzed: {fuzz.inputs} over {len(TARGETS)} importers (accepted {o['accepted']},"
        f" refused in Chinese {o['refused']}); crashes/hangs/English: {o['crash']}/{o['hang']}/"
        f"{o['english']} ({time.monotonic() - t:.0f} s)")  # fmt: skip
    for failure in fuzz.failures[:10]:
        say(f"  ! {failure}")
    return 0, 0, fuzz.crashes == 0


def tamper_part(root: Path, quick: bool, progress: Callable[[str], None]) -> Outcome:
    t = time.monotonic()
    tamper = run_tamper(build_world(root / "tamper-world"), root / "tamper")
    say(f"tamper cases caught: {len(tamper.caught)}/{tamper.cases} ({time.monotonic() - t:.0f} s)")
    for name in tamper.missed:
        say(f"  ! missed: {name}")
    return 0, 0, not tamper.missed


def load_part(root: Path, quick: bool, pg: str | None) -> Outcome:
    processes, seconds = (2, 20.0) if quick else (4, 120.0)
    loads: list[LoadReport] = [run_load("SQLite", root / "load-sqlite", processes, seconds)]
    url = fresh_pg_database(pg)
    if url:
        loads.append(run_load("PostgreSQL", root / "load-pg", processes, seconds, url))
    for load in loads:
        say(f"load {load.backend}: {load.processes} processes × {load.seconds:.0f} s:"
            f" {load.operations} operations ({load.saved} saved, {load.refusals} refused in Chinese,"
            f" {len(load.bad_refusals)} not), lost {load.lost}, numbers duplicated {load.duplicated},"
            f" locks left {load.locks_left}")  # fmt: skip
        for problem in (load.bad_refusals + load.problems)[:5]:
            say(f"  ! {problem}")
    return (
        sum(x.lost for x in loads),
        sum(x.duplicated for x in loads),
        all(x.clean for x in loads),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument(
        "--pg", default=None, help="PostgreSQL server URL (role may CREATE DATABASE)"
    )
    parser.add_argument("--keep", type=Path, default=None, help="work folder to keep")
    parser.add_argument("--verbose", action="store_true", help="progress lines")
    parser.add_argument("--only", default="kills,fuzz,tamper,load", help="parts, comma-separated")
    parser.add_argument("--kills", type=int, default=None, help="kills in all (default 200)")
    parser.add_argument("--inputs", type=int, default=None, help="inputs per importer (460)")
    args = parser.parse_args(argv)
    root = args.keep or Path(tempfile.mkdtemp(prefix="reliability-"))
    root.mkdir(parents=True, exist_ok=True)
    progress: Callable[[str], None] = say if args.verbose else (lambda _m: None)
    started = time.monotonic()
    parts = args.only.split(",")
    outcomes: list[Outcome] = []
    if "kills" in parts:
        outcomes.append(kills_part(root, args.kills or (6 if args.quick else 200), progress))
    if "fuzz" in parts:
        outcomes.append(fuzz_part(root, args.inputs or (30 if args.quick else 460), progress))
    if "tamper" in parts:
        outcomes.append(tamper_part(root, args.quick, progress))
    if "load" in parts:
        outcomes.append(load_part(root, args.quick, args.pg))
    lost = sum(o[0] for o in outcomes)
    duplicated = sum(o[1] for o in outcomes)
    say(f"numbers duplicated: {duplicated}")
    say(f"total time: {time.monotonic() - started:.0f} s")
    say(f"records lost: {lost}")
    return 0 if lost == 0 and duplicated == 0 and all(o[2] for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
