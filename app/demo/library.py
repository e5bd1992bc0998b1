"""Public entry points: generate one dossier (PDF, JPG folder or TIFF) or a demo library.

Every output gets a ``.truth.json`` beside it. ``progress(done, total)`` is called after each
rendered page; it may raise to cancel, and no half-written file is left behind.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.demo.dossier import LaidDossier, lay_dossier
from app.demo.output import write_image_folder, write_pdf, write_tiff
from app.demo.roster_sheet import ROSTER_FILE, write_roster
from app.demo.scan import render_page, to_jpeg
from app.demo.spec import DossierSpec, plan_library
from app.demo.truth import build_truth
from scoring.town_powers import TownPowers, load_town_powers

Progress = Callable[[int, int], None]
#: The demo's 乡镇（街道）赋权事项清单 (invented): the list its 乡镇 files are judged against.
TOWN_POWERS = Path(__file__).with_name("town_powers.yaml")


def demo_town_powers() -> TownPowers:
    """The demo 赋权事项清单, as ``town import`` would load it."""
    return load_town_powers([TOWN_POWERS])


def truth_path(output: Path) -> Path:
    """``x.pdf`` → ``x.truth.json``; a folder ``x/`` → ``x/truth.json``."""
    if output.is_dir() or not output.suffix:
        return output / "truth.json"
    return output.with_name(output.stem + ".truth.json")


def dossier_truth(spec: DossierSpec, file_name: str | None = None) -> dict[str, Any]:
    """The ground truth of ``spec`` without rendering a pixel (fast; used by tests)."""
    return build_truth(lay_dossier(spec), file_name or f"{spec.name}.pdf")


def _render(laid: LaidDossier, on_page: Callable[[], None] | None = None) -> list[bytes]:
    jpegs = []
    for number, page in enumerate(laid.pages):
        jpegs.append(to_jpeg(render_page(page, seed=laid.case.spec.seed * 1000 + number)))
        if on_page is not None:
            on_page()
    return jpegs


def _write_truth(truth: dict[str, Any], path: Path) -> None:
    path.write_text(json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _page_counter(
    progress: Progress | None, total: int, done: int = 0
) -> Callable[[], None] | None:
    if progress is None:
        return None
    state = {"done": done}

    def tick() -> None:
        state["done"] += 1
        progress(state["done"], total)

    return tick


def generate_dossier(spec: DossierSpec, out_path: Path, progress: Progress | None = None) -> Path:
    """Write the image-only PDF of ``spec`` to ``out_path`` and its truth beside it."""
    laid = lay_dossier(spec)
    jpegs = _render(laid, _page_counter(progress, len(laid.pages)))
    write_pdf(jpegs, out_path, laid.case.dates["closed"])
    _write_truth(build_truth(laid, out_path.name), truth_path(out_path))
    return out_path


def generate_image_folder(spec: DossierSpec, folder: Path) -> list[Path]:
    """The same dossier as ``page_001.jpg``… in ``folder`` (+ ``truth.json``)."""
    laid = lay_dossier(spec)
    paths = write_image_folder(_render(laid), folder)
    _write_truth(build_truth(laid, folder.name), folder / "truth.json")
    return paths


def generate_tiff(spec: DossierSpec, out_path: Path) -> Path:
    """The same dossier as one multi-page TIFF (+ ``<name>.truth.json``)."""
    laid = lay_dossier(spec)
    write_tiff(_render(laid), out_path)
    _write_truth(build_truth(laid, out_path.name), truth_path(out_path))
    return out_path


def generate_library(
    out_dir: Path, count: int = 12, seed: int = 2024, progress: Progress | None = None
) -> list[Path]:
    """A demo library of ``count`` scanned dossiers in ``out_dir``; returns the PDF paths.

    ``progress(done, total)`` counts pages over the whole library.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    laid_all = [(spec, lay_dossier(spec)) for spec in plan_library(count, seed)]
    total = sum(len(laid.pages) for _, laid in laid_all)
    done = 0
    paths = []
    truths = []
    for spec, laid in laid_all:
        out_path = out_dir / f"{spec.name}.pdf"
        jpegs = _render(laid, _page_counter(progress, total, done))
        done += len(laid.pages)
        write_pdf(jpegs, out_path, laid.case.dates["closed"])
        truths.append(build_truth(laid, out_path.name))
        _write_truth(truths[-1], truth_path(out_path))
        paths.append(out_path)
    # beside the dossiers (once they all are): `town import` / `roster import` them to judge
    # the 乡镇 files and the officers' certificates
    (out_dir / TOWN_POWERS.name).write_bytes(TOWN_POWERS.read_bytes())
    write_roster(truths, out_dir / ROSTER_FILE)
    return paths
