"""Bad files through every importer, each input time-boxed: the product must answer with a
Chinese refusal (``UserError`` and the translated store/scoring errors) or accept the
input, never crash, hang or answer in English.

The inputs run in a worker process (``python -m benchmarks.reliability.fuzz TARGET SEED
START COUNT WORKDIR``) that announces each input before it starts; the harness kills a
worker that stays on one input past the time box (a hang: PyMuPDF or a parser stuck in C
cannot be interrupted from Python) and starts a new one after it."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.reliability import mutate, seeds

ROOT = Path(__file__).resolve().parents[2]
TARGETS = (
    "pdf", "png", "jpeg", "tiff", "catalogue", "roster", "checklist_excel", "ledger",
    "checklist_yaml", "docx_template", "holiday_notice",
)  # fmt: skip
SUFFIX = {
    "pdf": ".pdf", "png": ".png", "jpeg": ".jpg", "tiff": ".tif", "checklist_yaml": ".yaml",
    "docx_template": ".docx", "holiday_notice": ".txt",
}  # fmt: skip
TIME_BOX = 30.0  # seconds one input may take on a loaded 2-core machine
CJK = re.compile(r"[\u4e00-\u9fff]")


# ------------------------------------------------------------------ inputs
def make_input(target: str, seed: bytes, rng: random.Random) -> bytes:
    """Input number n of a target: a mutation of its seed suited to the format."""
    if target in seeds.TABLES:
        roll = rng.random()
        if roll < 0.5:
            return seeds.wild_table(seeds.TABLES[target], rng)
        return mutate.mutate_zip(seed, rng) if roll < 0.8 else mutate.mutate_bytes(seed, rng)
    if target == "docx_template":
        return (
            mutate.mutate_zip(seed, rng) if rng.random() < 0.8 else mutate.mutate_bytes(seed, rng)
        )
    if target in ("checklist_yaml", "holiday_notice"):
        text = seed.decode("utf-8")
        if rng.random() < 0.85:
            return mutate.mutate_text(text, rng).encode("utf-8", "surrogatepass")
        return mutate.mutate_bytes(seed, rng)
    return mutate.mutate_bytes(seed, rng)


# ------------------------------------------------------------------ the importers
class Importers:
    """The product's importers on a data folder of the worker's own."""

    def __init__(self, workdir: Path) -> None:
        from app.config import Paths, RunContext
        from app.services import Services

        self.services = Services.open(RunContext(Paths(workdir / "data")))
        self.campaign = self.services.campaigns.create("抽查", "spotcheck", "2026Q3").id
        self.templates = workdir / "templates"
        self.templates.mkdir(exist_ok=True)

    def run(self, target: str, path: Path) -> None:
        s = self.services
        if target in ("pdf", "png", "jpeg", "tiff"):
            from app.casefiles.page_source import open_pages

            s.library.import_path(path, "某县市场监督管理局", "penalty")
            with open_pages(path) as pages:  # what the viewer and OCR do next
                pages.render(0, 24)
        elif target == "catalogue":
            from app.review.catalogue import CatalogueSheet

            s.campaigns.import_catalogue(self.campaign, CatalogueSheet(path))
        elif target == "roster":
            s.import_roster(path)
        elif target == "checklist_excel":
            job = s.checklists.start_excel_import(path)
            job.convert()
        elif target == "ledger":
            s.ledger().import_excel(path)
        elif target == "checklist_yaml":
            s.checklists.validate_file(path)
        elif target == "docx_template":
            from app.documents.docx_render import check_template

            (self.templates / "opinion.docx").write_bytes(path.read_bytes())
            check_template("opinion", self.templates)
        elif target == "holiday_notice":
            s.calendar().parse(path.read_bytes().decode("utf-8", "replace"))


def classify(run: Callable[[], None]) -> tuple[str, str]:
    from app.errors import is_user_facing

    try:
        run()
    except Exception as exc:
        message = str(exc)
        if not is_user_facing(exc):
            return "crash", f"{type(exc).__name__}: {message[:300]}"
        if not CJK.search(message):
            return "english", message[:300]
        return "refused", ""
    return "accepted", ""


def worker(target: str, seed: int, start: int, count: int, workdir: Path) -> None:
    workdir.mkdir(parents=True, exist_ok=True)
    importers = Importers(workdir)
    good = seeds.seed_bytes(target, workdir)
    suffix = SUFFIX.get(target, ".xlsx")
    for n in range(start, count):
        data = make_input(target, good, random.Random(f"{seed}:{target}:{n}"))
        path = workdir / f"input-{n}{suffix}"
        path.write_bytes(data)
        print(json.dumps({"begin": n}), flush=True)
        outcome, detail = classify(lambda p=path: importers.run(target, p))
        print(
            json.dumps({"n": n, "outcome": outcome, "detail": detail}, ensure_ascii=False),
            flush=True,
        )
        path.unlink(missing_ok=True)
    importers.services.close()


# ------------------------------------------------------------------ the harness
@dataclass
class FuzzReport:
    inputs: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    per_target: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    @property
    def crashes(self) -> int:
        return self.outcomes["crash"] + self.outcomes["hang"] + self.outcomes["english"]


def _lines_of(proc: subprocess.Popen[str]) -> tuple[list[str], threading.Event]:
    """The worker's lines as they come, and an event set at each one (and at the end)."""
    lines: list[str] = []
    arrived = threading.Event()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line)
            arrived.set()
        arrived.set()

    threading.Thread(target=read, daemon=True).start()
    return lines, arrived


def _one_worker(
    target: str, seed: int, start: int, count: int, workdir: Path, report: FuzzReport
) -> int:
    """Run inputs ``start``… in one worker until it ends or hangs; the next input to run."""
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as errors:
        proc = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.reliability.fuzz", target, str(seed), str(start),
             str(count), str(workdir / f"{target}-{start}")],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=errors, text=True, encoding="utf-8",
            env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"},
        )  # fmt: skip
        lines, arrived = _lines_of(proc)
        current, seen, since = None, 0, time.monotonic()
        while True:
            arrived.clear()  # cleared before looking, so a line that comes now wakes the wait
            if seen == len(lines):
                arrived.wait(1.0)
            while seen < len(lines):
                record = json.loads(lines[seen])
                seen += 1
                since = time.monotonic()
                if "begin" in record:
                    current = record["begin"]
                    continue
                current = None
                report.inputs += 1
                report.outcomes[record["outcome"]] += 1
                report.per_target[target] = report.per_target.get(target, 0) + 1
                start = record["n"] + 1
                if record["outcome"] in ("crash", "english"):
                    report.failures.append(f"{target} #{record['n']}: {record['detail']}")
            if proc.poll() is not None and seen == len(lines):
                break
            if current is not None and time.monotonic() - since > TIME_BOX:  # a hang
                proc.kill()
                proc.wait()
                report.inputs += 1
                report.outcomes["hang"] += 1
                report.failures.append(f"{target} #{current}: 超过 {TIME_BOX:.0f} 秒未完成")
                return current + 1
        if proc.returncode != 0 and start < count:  # died on input ``start``: a crash
            errors.seek(0)
            report.failures.append(f"{target} #{start}: 进程异常退出：{errors.read()[-500:]}")
            report.outcomes["crash"] += 1
            report.inputs += 1
            return start + 1
    return start


def _run_target(target: str, count: int, seed: int, workdir: Path, report: FuzzReport) -> None:
    start = 0
    while start < count:
        start = _one_worker(target, seed, start, count, workdir, report)


def run_fuzz(
    per_target: int,
    workdir: Path,
    *,
    targets: tuple[str, ...] = TARGETS,
    seed: int = 18,
    progress: Callable[[str], None] = lambda _m: None,
) -> FuzzReport:
    report = FuzzReport()
    for target in targets:
        _run_target(target, per_target, seed, workdir, report)
        progress(f"{target}: {report.per_target.get(target, 0)} 个输入")
    return report


if __name__ == "__main__":
    name, seed_text, start_text, count_text, folder = sys.argv[1:]
    worker(name, int(seed_text), int(start_text), int(count_text), Path(folder))
