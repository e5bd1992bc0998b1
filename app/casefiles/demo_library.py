"""The demo library: synthetic scanned dossiers generated and imported on first run.

A reviewer trying the product, and every test of the later capabilities, gets the same
realistic dossiers with known documents, dates and planted defects (the ground truth lies
beside each PDF as ``<name>.truth.json``).
"""

from __future__ import annotations

import json
from pathlib import Path

from app.casefiles.library import ImportOutcome, LibraryService
from app.tasks import TaskState

DEMO_COUNT = 12
DEMO_SEED = 2024


def read_truth(pdf: Path) -> dict:
    return json.loads(pdf.with_suffix(".truth.json").read_text(encoding="utf-8"))


def build_demo_library(
    library: LibraryService,
    out_dir: Path,
    state: TaskState | None = None,
    count: int = DEMO_COUNT,
    seed: int = DEMO_SEED,
) -> list[ImportOutcome]:
    """Generate ``count`` dossiers into ``out_dir`` and import them (department and kind
    from the ground truth; case number and party are left for OCR to find)."""
    from app.demo import generate_library

    state = state or TaskState()
    total = count * 2

    def on_generated(done: int, _total: int) -> None:
        state.progress(done, total, f"正在生成演示案卷 {done}/{count}……")

    pdfs = generate_library(out_dir, count=count, seed=seed, progress=on_generated)
    outcomes = []
    for n, pdf in enumerate(pdfs, start=1):
        state.progress(count + n - 1, total, f"正在导入演示案卷 {n}/{len(pdfs)}……")
        truth = read_truth(pdf)
        outcomes.append(
            library.import_pdf(pdf, truth.get("department"), truth.get("kind"), demo=True)
        )
    state.progress(total, total, "演示案卷库已生成")
    return outcomes
