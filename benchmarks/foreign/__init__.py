"""A second corpus of scanned penalty dossiers, made by a different recipe from app/demo.

Independent of the product on purpose: nothing here imports app.demo, app.casefiles or the
product's title vocabulary (resources/document_types.yaml), so a splitter or reader tuned
on the demo meets layouts, titles, seals and scans it was not written against. Modelled on
published 文书式样 of several sectors; see sectors.yaml for the wording and case.py for
the planted defects.

    python -m benchmarks.foreign OUT_DIR [--count 12] [--seed 7]
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.foreign.dossier import generate


def generate_corpus(folder: Path, count: int = 12, seed: int = 7) -> list[Path]:
    """Write ``count`` dossiers (PDF + ``.truth.json``) into ``folder``; returns the PDFs."""
    folder.mkdir(parents=True, exist_ok=True)
    return [generate(index, seed, folder) for index in range(count)]


__all__ = ["generate", "generate_corpus"]
