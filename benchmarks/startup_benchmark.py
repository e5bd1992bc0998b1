"""Time from process start to the main window shown, on a data folder (the demo library).

    .venv/bin/python benchmarks/startup_benchmark.py --data-dir DIR [--runs 5]

Prints each run and the median. Runs offscreen unless DISPLAY is set and --onscreen given.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = r"""
import time, sys
t0 = time.perf_counter()
from app.config import Paths, RunContext
from app.ui.application import create_application, open_main_window
app = create_application()
window = open_main_window(RunContext(Paths(sys.argv[1])))
window.show()
app.processEvents()
print(f"{time.perf_counter() - t0:.3f} {window.model.rowCount()}")
"""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--onscreen", action="store_true")
    args = parser.parse_args()
    env = dict(os.environ)
    if not args.onscreen:
        env["QT_QPA_PLATFORM"] = "offscreen"
    times = []
    for n in range(args.runs):
        out = subprocess.run(
            [sys.executable, "-c", PROBE, str(args.data_dir)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        seconds, rows = float(out[0]), int(out[1])
        times.append(seconds)
        print(f"run {n + 1}: window shown after {seconds:.3f} s ({rows} dossiers listed)")
    print(f"median: {statistics.median(times):.3f} s over {args.runs} runs (imports included)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
