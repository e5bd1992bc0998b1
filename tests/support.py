"""Helpers the tests share: running the real CLI in a subprocess and building demo data once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class CliResult:
    code: int
    stdout: str
    stderr: str

    def json(self):  # type: ignore[no-untyped-def]
        return json.loads(self.stdout)


def run_cli(data_dir: Path, *args: str, extra_env: dict[str, str] | None = None) -> CliResult:
    """Run ``python -m app`` as a user would, in a separate process."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(extra_env or {})}
    proc = subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(data_dir), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
    )
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


def build_demo_data_dir(data_dir: Path, count: int = 4) -> Path:
    """A data folder with ``count`` demo dossiers generated and imported the real way."""
    from app.config import Paths, RunContext
    from app.services import Services

    services = Services.open(RunContext(Paths(data_dir)))
    services.build_demo(count=count)
    services.db.dispose()
    return data_dir
