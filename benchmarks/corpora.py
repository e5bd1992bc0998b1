"""The demo corpus the accuracy benchmarks read: the PDFs in a folder, or a demo library
generated there when it holds none (so a second run reuses the first one's dossiers)."""

from __future__ import annotations

from pathlib import Path


def demo_corpus(folder: Path, count: int, seed: int) -> list[Path]:
    from app.demo import generate_library

    folder.mkdir(parents=True, exist_ok=True)
    return sorted(folder.glob("*.pdf")) or generate_library(folder, count=count, seed=seed)
