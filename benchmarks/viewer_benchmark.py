"""How fast a page appears after a jump in the dossier viewer (target: sharp under 100 ms).

Opens each demo dossier in a real ``PageView`` (offscreen unless a display is given), jumps
to pages never shown before (so nothing is cached) and measures, from ``go_to_page(n)``:
  * first paint: the page drawn with whatever it has (interim thumbnail or blank sheet),
  * sharp paint: the page painted with the pixmap rendered at the current zoom.

    python benchmarks/viewer_benchmark.py [--data-dir DIR] [--jumps 8] [--size 1000x800]

Without ``--data-dir`` a demo library of 2 dossiers is built in a temporary folder first.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen" if not os.environ.get("DISPLAY") else "xcb")

from app.config import Paths, RunContext
from app.services import Services
from app.ui.application import create_application
from app.ui.qt import QtCore
from app.ui.viewer.page_view import PageView
from app.ui.viewer.render_worker import RenderWorker


def measure_jump(view: PageView, page: int, timeout_ms: int = 10_000) -> tuple[float, float]:
    """Milliseconds from go_to_page(page) to its first paint and to its sharp paint."""
    first: float | None = None
    sharp: float | None = None
    loop = QtCore.QEventLoop()

    def on_painted(painted: int, is_sharp: bool) -> None:
        nonlocal first, sharp
        if painted != page:
            return
        elapsed = (time.perf_counter() - start) * 1000
        if first is None:
            first = elapsed
        if is_sharp and sharp is None:
            sharp = elapsed
            loop.quit()

    view.page_painted.connect(on_painted)
    QtCore.QTimer.singleShot(timeout_ms, loop.quit)
    start = time.perf_counter()
    view.go_to_page(page)
    if sharp is None:
        loop.exec()
    view.page_painted.disconnect(on_painted)
    if first is None or sharp is None:
        raise RuntimeError(f"page {page} was not painted sharp within {timeout_ms} ms")
    return first, sharp


def jump_targets(count: int, jumps: int, rng: random.Random) -> list[int]:
    """Pages in random order, never next to a page already shown (no prefetch helps)."""
    pages = list(range(3, count + 1))
    rng.shuffle(pages)
    chosen: list[int] = []
    for page in pages:
        if all(abs(page - other) > 1 for other in chosen):
            chosen.append(page)
        if len(chosen) == jumps:
            break
    return chosen


def settle(view: PageView, page: int) -> None:
    """Let the first page render so start-up work does not count against the jumps."""
    loop = QtCore.QEventLoop()
    view.page_painted.connect(lambda p, s: loop.quit() if p == page and s else None)
    QtCore.QTimer.singleShot(10_000, loop.quit)
    if (page, view.dpi()) not in view.cache:
        loop.exec()


def wait_idle(worker: RenderWorker) -> None:
    # An event loop polled by a timer: PySide6 6.12's processEvents(flags, ms) overload
    # over-releases None (Python 3.11 then aborts), so it is not used.
    loop = QtCore.QEventLoop()
    timer = QtCore.QTimer()
    timer.timeout.connect(lambda: loop.quit() if worker.idle() else None)
    timer.start(10)
    QtCore.QTimer.singleShot(10_000, loop.quit)
    loop.exec()
    timer.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--jumps", type=int, default=8)
    parser.add_argument("--size", default="1000x800", help="viewer size in pixels, WxH")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    app = create_application()
    data_dir = args.data_dir
    if data_dir is None:
        data_dir = Path(tempfile.mkdtemp(prefix="viewer-bench-")) / "data"
        print(f"building a demo library in {data_dir} …", flush=True)
        Services.open(RunContext(Paths(data_dir))).build_demo(count=2)
    services = Services.open(RunContext(Paths(data_dir)))
    width, height = (int(v) for v in args.size.lower().split("x"))
    rng = random.Random(args.seed)
    firsts: list[float] = []
    sharps: list[float] = []
    for case in services.library.list_cases():
        detail = services.cases.detail(case.id)
        worker = RenderWorker(detail.file_path, processes=2)
        view = PageView()
        view.resize(width, height)
        view.set_document(worker, detail.pages)
        view.show()
        settle(view, 1)
        for page in jump_targets(len(detail.pages), args.jumps, rng):
            wait_idle(worker)  # a reviewer reads a page before jumping: prefetch has finished
            first, sharp = measure_jump(view, page)
            firsts.append(first)
            sharps.append(sharp)
            print(
                f"case {case.id} page {page:3d}: first paint {first:6.1f} ms, sharp {sharp:6.1f} ms"
            )
        print(f"  zoom {view.zoom:.2f} ({view.dpi():.0f} dpi), {width}×{height}")
        view.close()
        worker.shutdown()
    if not sharps:
        print("no dossier in the library")
        return 1

    def summary(values: list[float]) -> str:
        ordered = sorted(values)
        p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
        return f"median {statistics.median(values):6.1f} ms, p90 {p90:6.1f} ms, max {max(values):6.1f} ms"

    print(f"jumps: {len(sharps)}")
    print(f"first paint after a jump: {summary(firsts)}")
    print(f"sharp page after a jump:  {summary(sharps)}   (target < 100 ms)")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
