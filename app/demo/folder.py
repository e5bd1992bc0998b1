"""The demo library: a data folder of its own, filled with synthetic scanned dossiers.

A reviewer trying the product, and every test of the later capabilities, gets the same
realistic dossiers with known documents, dates and planted defects (the ground truth lies
beside each PDF as ``<name>.truth.json``).

The demo never fills a real library: it lives in ``<data folder>/demo/`` (or a folder a
test names), a full data folder with its own database, library and settings, marked by a
file so that the store knows its demo dossiers are the work there. Its settings name a demo
organ with its own 代字, so demo letters never use up the bureau's real 文号 sequence.
"""

from __future__ import annotations

import json
from pathlib import Path

from app import CLI_NAME
from app.casefiles.library import ImportOutcome, LibraryService
from app.config import Paths, RunContext, Settings
from app.demo.library import generate_library
from app.errors import UserError
from app.tasks import TaskState

DEMO_COUNT = 12
DEMO_SEED = 2024
DEMO_ORGAN = "演示市司法局"
DEMO_CODE_OPINION = "演司监意"
DEMO_CODE_DECISION = "演司监决"
DEMO_CODE_BULLETIN = "演司监通"
# A fictional regulation of the fictional demo province: demo letters cite an article as real
# ones must, without putting an article number of a real regulation in the product's mouth.
DEMO_LEGAL_BASIS = "《演示省行政执法监督办法》第二十条"
_MARKER_TEXT = "演示案卷库：本文件夹中的案卷均为合成的演示数据，不是真实案卷。\n"


def read_truth(pdf: Path) -> dict:
    return json.loads(pdf.with_suffix(".truth.json").read_text(encoding="utf-8"))


def demo_context(ctx: RunContext) -> RunContext:
    """The run context of the demo library that belongs to ``ctx``'s data folder (the same
    'today'; always a SQLite file in the demo folder, whatever database the real one uses)."""
    return RunContext(Paths(ctx.paths.demo_data_dir), None, ctx.today)


def demo_settings(settings: Settings) -> Settings:
    """``settings`` with the demo organ and its own 代字 (the demo's letters are numbered
    in their own sequence, e.g. 演司监意〔2026〕1号)."""
    settings.issuing_organ = DEMO_ORGAN
    settings.decision_organ = ""
    settings.letter_code_opinion = DEMO_CODE_OPINION
    settings.letter_code_decision = DEMO_CODE_DECISION
    settings.letter_code_bulletin = DEMO_CODE_BULLETIN
    settings.legal_basis_opinion = DEMO_LEGAL_BASIS
    settings.legal_basis_decision = ""
    return settings


def mark_demo_folder(paths: Paths) -> None:
    """Make ``paths.data_dir`` a demo folder: the marker, and demo settings on first use
    (settings a user changed later in the demo are kept)."""
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    fresh = not paths.is_demo
    paths.demo_marker_file.write_text(_MARKER_TEXT, encoding="utf-8")
    if fresh or not paths.settings_file.exists():
        settings = Settings.load(paths.settings_file)
        demo_settings(settings).save(paths.settings_file)
        return
    settings = Settings.load(paths.settings_file)
    if not settings.legal_basis_opinion:  # a demo folder built before the basis was asked
        settings.legal_basis_opinion = DEMO_LEGAL_BASIS
        settings.save(paths.settings_file)


def check_may_hold_demo(paths: Paths, library: LibraryService) -> None:
    """Refuse to turn a real library into a demo one (its real dossiers would count as demo)."""
    if not paths.is_demo and library.count_real_dossiers():
        raise UserError(
            "这个数据文件夹中已有真实案卷，不能在其中生成演示案卷。"
            f"演示案卷库有单独的文件夹：{paths.demo_data_dir}"
            f"（窗口：文件 → 打开演示库；命令行：{CLI_NAME} demo）。"
        )


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
            library.import_pdf(
                pdf, truth.get("department"), truth.get("kind"), demo=True, write=state.write
            )
        )
    state.progress(len(pdfs), len(pdfs), "演示案卷库已生成")
    return outcomes
