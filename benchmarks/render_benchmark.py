"""Page rendering speed: PyMuPDF (our renderer) vs ``pdftoppm`` on the same demo pages.

For each dpi (100, 150, 200) every page is rendered cold (cache off) to an RGB image, and
``pdftoppm`` renders the same single page to PPM per call, which is how a viewer would have
to use it. Also timed: 20-dpi thumbnails and a cache hit. Target: <= 50 ms/page at 150 dpi.

Run: ``python benchmarks/render_benchmark.py [--pages 20]``. Prints, asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from app.casefiles.render import PageRenderer
from app.demo.library import generate_dossier
from app.demo.spec import plan_library

DPIS = (100, 150, 200)


def demo_pdf(out_dir: Path, pages: int) -> tuple[Path, int]:
    """The first demo dossier with at least ``pages`` pages (or the longest of a few)."""
    best = None
    for spec in plan_library(4, 2024):
        pdf = generate_dossier(spec, out_dir / f"{spec.name}.pdf")
        renderer = PageRenderer()
        count = renderer.source(pdf).count
        renderer.close()
        if best is None or count > best[1]:
            best = (pdf, count)
        if count >= pages:
            break
    assert best is not None
    return best[0], min(pages, best[1])


def time_ms(fn: Callable[..., object], *args: object, repeat: int = 1) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(*args)
        times.append((time.perf_counter() - start) * 1000)
    return times


def _run(cmd: list[str]) -> None:
    subprocess.run(cmd, capture_output=True, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20)
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        pdf, count = demo_pdf(Path(tmp), args.pages)
        print(f"{count} pages of {pdf.name} (image-only scan)")
        rows = []
        for dpi in DPIS:
            with PageRenderer(cache_bytes=0) as renderer:
                renderer.render(pdf, 0, dpi)  # open the document outside the timing
                ours = [t for i in range(count) for t in time_ms(renderer.render, pdf, i, dpi)]
            theirs: list[float] = []
            if shutil.which("pdftoppm"):
                for i in range(count):
                    cmd = ["pdftoppm", "-r", str(dpi), "-f", str(i + 1), "-l", str(i + 1), str(pdf)]
                    theirs += time_ms(_run, cmd)
            rows.append((dpi, ours, theirs))

        with PageRenderer() as renderer:
            thumbs = [t for i in range(count) for t in time_ms(renderer.thumbnail, pdf, i)]
            renderer.render(pdf, 0, 150)
            hits = time_ms(renderer.render, pdf, 0, 150, repeat=50)

    print()
    print(
        "| dpi | PyMuPDF ms/page (median / max) | pdftoppm ms/page (median / max) | pdftoppm / PyMuPDF |"
    )
    print("|---|---|---|---|")
    for dpi, ours, theirs in rows:
        ratio = statistics.median(theirs) / statistics.median(ours) if theirs else float("nan")
        their_text = f"{statistics.median(theirs):.1f} / {max(theirs):.1f}" if theirs else "n/a"
        print(
            f"| {dpi} | {statistics.median(ours):.1f} / {max(ours):.1f} | {their_text} | {ratio:.1f}× |"
        )
    print()
    print(f"thumbnail (20 dpi): {statistics.median(thumbs):.1f} ms/page median")
    print(f"cache hit (150 dpi): {statistics.median(hits) * 1000:.0f} µs median")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} (other work here skews times)")


if __name__ == "__main__":
    main()
