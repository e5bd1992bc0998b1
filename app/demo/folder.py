"""The demo library: synthetic scanned dossiers generated and imported on first run.

A reviewer trying the product, and every test of the later capabilities, gets the same
realistic dossiers with known documents, dates and planted defects (the ground truth lies
beside each PDF as ``<name>.truth.json``).
"""

from __future__ import annotations

import json
from pathlib import Path

from app.casefiles.library import ImportOutcome, LibraryService
from app.demo.library import generate_library
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
    state = state or TaskState()

    def on_generated(done: int, total: int) -> None:
        state.progress(done, total, f"正在生成 {count} 卷演示案卷：第 {done}/{total} 页……")

    pdfs = generate_library(out_dir, count=count, seed=seed, progress=on_generated)
    outcomes = []
    for n, pdf in enumerate(pdfs):
        state.progress(n, len(pdfs), f"正在导入演示案卷 {n + 1}/{len(pdfs)}……")
        truth = read_truth(pdf)
        outcomes.append(
            library.import_pdf(pdf, truth.get("department"), truth.get("kind"), demo=True)
        )
    state.progress(len(pdfs), len(pdfs), "演示案卷库已生成")
    return outcomes
