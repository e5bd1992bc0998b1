"""OCR speed and accuracy: this pipeline (RapidOCR, 2 worker processes) vs Tesseract chi_sim.

Both engines read the same demo pages in the same run. Speed is pages per minute on both
cores (two Tesseract processes side by side, one thread each, each given half the pages in
one list file so it loads its model once, as our pool's two workers do).
Our figure includes rendering each page from the PDF inside the workers; Tesseract gets
pre-rendered PNGs of the same pages at the same dpi (rendering not counted), so the
comparison favours Tesseract slightly. Accuracy is measured against the demo generator's
laid-out text of each page (what was drawn, before the scan simulation), after NFKC
normalisation and with whitespace removed: character accuracy = 1 - edit distance / length,
and the share of key strings (titles, 案号, dates) found on their page.

Also timed: the title-band pass of a first dossier from a cold pool (workers not started),
which is what makes a freshly imported dossier reviewable.

Run: ``python benchmarks/ocr_benchmark.py [--dossiers 3] [--dpi 150]``. Prints, asserts nothing.
Needs ``apt-get install tesseract-ocr tesseract-ocr-chi-sim`` for the comparison.
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import re
import resource
import shutil
import subprocess
import tempfile
import time
import unicodedata
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from app.casefiles.ocr import DET_LIMIT_SIDE_LEN
from app.casefiles.ocr_pool import OcrPool
from app.casefiles.page_source import open_pages
from app.demo.dossier import lay_dossier
from app.demo.layout import TextOp
from app.demo.library import generate_dossier
from app.demo.spec import plan_library

KEY_PATTERNS = [
    re.compile(r"\d{4}年\d{1,2}月\d{1,2}日"),  # dates
    re.compile(r"[\u4e00-\u9fff]{2,8}〔\d{4}〕\d+号"),  # 案号 / 文号
]


@dataclass
class Page:
    pdf: Path
    index: int
    truth: str  # reading-order text as drawn
    keys: list[str]
    titles: list[str]  # the title of the document this page opens, if it does


# ---------------------------------------------------------------- data


def demo_pages(out_dir: Path, dossiers: int, seed: int) -> list[Page]:
    pages: list[Page] = []
    for spec in plan_library(dossiers, seed):
        pdf = generate_dossier(spec, out_dir / f"{spec.name}.pdf")
        laid = lay_dossier(spec)
        titles = {doc.title for doc in laid.documents}
        seen: set[int] = set()
        for index, laid_page in enumerate(laid.pages):
            ops = sorted(
                (op for op in laid_page.ops if isinstance(op, TextOp)), key=lambda o: (o.y, o.x)
            )
            rows: list[list[TextOp]] = []
            for op in ops:
                if rows and abs(rows[-1][0].y - op.y) < 12:
                    rows[-1].append(op)
                else:
                    rows.append([op])
            truth = "\n".join("".join(o.text for o in sorted(r, key=lambda o: o.x)) for r in rows)
            flat = _norm(truth)
            keys = [m for p in KEY_PATTERNS for m in p.findall(flat)]
            drawn = [_norm(t) for t in titles if _norm(t) in flat]
            # The title that opens a document (the catalogue page lists them all: not that).
            opening = laid_page.doc_index not in seen
            seen.add(laid_page.doc_index)
            title = _norm(laid.documents[laid_page.doc_index].title)
            first = [title] if opening and title in flat else []
            pages.append(Page(pdf, index, truth, keys + drawn, first))
    return pages


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if not ch.isspace())


def levenshtein(a: str, b: str) -> int:
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


# ---------------------------------------------------------------- engines


def worker_cpu_seconds(pool: OcrPool) -> float:
    """User + system CPU time of the pool's workers so far (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pool.worker_pids():
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def run_pipeline(
    pool: OcrPool, pages: list[Page], dpi: float
) -> tuple[float, float, dict[tuple[Path, int], str]]:
    texts: dict[tuple[Path, int], str] = {}
    cpu0 = worker_cpu_seconds(pool)
    start = time.perf_counter()
    by_pdf: dict[Path, list[int]] = {}
    for page in pages:
        by_pdf.setdefault(page.pdf, []).append(page.index)
    for pdf, indices in by_pdf.items():
        for result in pool.run(pdf, indices, dpi=dpi):
            texts[(pdf, result.index)] = result.text.text if result.text else ""
    return time.perf_counter() - start, worker_cpu_seconds(pool) - cpu0, texts


def render_pngs(pages: list[Page], dpi: float, out_dir: Path) -> dict[tuple[Path, int], Path]:
    files = {}
    for page in pages:
        with open_pages(page.pdf) as source:
            png = out_dir / f"{page.pdf.stem}-{page.index:03d}.png"
            source.render(page.index, dpi).save(png, dpi=(dpi, dpi))
            files[(page.pdf, page.index)] = png
    return files


def run_tesseract(
    pngs: dict[tuple[Path, int], Path], dpi: float
) -> tuple[float, float, dict[tuple[Path, int], str]]:
    """Two Tesseract processes, one thread each, each reading half the pages from a list
    file: a process loads its model once and keeps it, as our workers keep theirs (a
    process per page would charge Tesseract its model load on every page)."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    keys = list(pngs)
    halves = [keys[0::2], keys[1::2]]

    def one(half: list[tuple[Path, int]]) -> list[str]:
        if not half:
            return []
        listing = pngs[half[0]].with_name(f"tesseract-{id(half)}.txt")
        listing.write_text("\n".join(str(pngs[k]) for k in half) + "\n", encoding="utf-8")
        cmd = ["tesseract", str(listing), "stdout", "-l", "chi_sim", "--dpi", str(int(dpi))]
        out = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True).stdout
        pages = out.split("\f")  # Tesseract ends every page with a form feed
        return (pages + [""] * len(half))[: len(half)]

    usage0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2) as pool:
        texts = list(pool.map(one, halves))
    wall = time.perf_counter() - start
    usage1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = usage1.ru_utime + usage1.ru_stime - usage0.ru_utime - usage0.ru_stime
    outputs = dict(zip(halves[0], texts[0], strict=True)) | dict(
        zip(halves[1], texts[1], strict=True)
    )
    return wall, cpu, {k: outputs[k] for k in keys}


def bag_errors(want: str, got: str) -> int:
    """Characters misread, missed or added, whatever the order lines came out in.

    Table cells whose text wraps (a label centred beside two value lines) come out in a
    different order from the layout's rows without a single character being misread; the
    edit distance counts such reordering as errors, this does not."""
    common = sum((Counter(want) & Counter(got)).values())
    return max(len(want), len(got)) - common


@dataclass
class Score:
    accuracy: float  # 1 - edit distance / characters, in reading order
    errors: int  # edit distance
    bag_errors: int  # order-free character errors
    keys: float  # share of key strings found on their page


def accuracy(pages: list[Page], texts: dict[tuple[Path, int], str]) -> Score:
    errors = bag = chars = keys = found = 0
    for page in pages:
        got = _norm(texts.get((page.pdf, page.index), ""))
        want = _norm(page.truth)
        errors += levenshtein(want, got)
        bag += bag_errors(want, got)
        chars += len(want)
        keys += len(page.keys)
        found += sum(key in got for key in page.keys)
    return Score(1 - errors / max(chars, 1), errors, bag, found / max(keys, 1))


def show_worst(pages: list[Page], texts: dict[tuple[Path, int], str], count: int) -> None:
    """Where our errors come from: the pages with most errors, expected vs read."""
    scored = []
    for page in pages:
        got = texts.get((page.pdf, page.index), "")
        scored.append((levenshtein(_norm(page.truth), _norm(got)), page, got))
    for errors, page, got in sorted(scored, key=lambda x: -x[0])[:count]:
        print(f"--- {page.pdf.name} page {page.index + 1}: {errors} errors")
        for want_line, got_line in itertools.zip_longest(page.truth.splitlines(), got.splitlines()):
            if _norm(want_line or "") != _norm(got_line or ""):
                print(f"  want {want_line!r}\n  got  {got_line!r}")


# ---------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--dpi", type=float, default=150.0)
    parser.add_argument("--det-limit", type=int, default=DET_LIMIT_SIDE_LEN)
    parser.add_argument("--show-worst", type=int, default=0, help="print our N worst pages")
    args = parser.parse_args()
    print(
        f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )

    with tempfile.TemporaryDirectory() as tmp:
        tmp_dir = Path(tmp)
        pages = demo_pages(tmp_dir, args.dossiers, args.seed)
        first_pdf = pages[0].pdf
        first_count = sum(p.pdf == first_pdf for p in pages)
        print(f"pages: {len(pages)} in {args.dossiers} demo dossiers, {args.dpi:.0f} dpi")

        with OcrPool(workers=2, det_limit_side_len=args.det_limit) as pool:
            start = time.perf_counter()
            titles = list(pool.run(first_pdf, mode="title", dpi=args.dpi))
            cold_titles = time.perf_counter() - start
            start = time.perf_counter()
            list(pool.run(first_pdf, mode="title", dpi=args.dpi))
            warm_titles = time.perf_counter() - start
            ours_s, ours_cpu, ours = run_pipeline(pool, pages, args.dpi)
        bands = {r.index: _norm(r.text.text if r.text else "") for r in titles}
        wanted = [(p.index, t) for p in pages if p.pdf == first_pdf for t in p.titles]
        title_hits = sum(t in bands.get(i, "") for i, t in wanted)
        print(
            f"first dossier ({first_count} pages): title bands from a cold pool {cold_titles:.1f} s "
            f"(warm {warm_titles:.1f} s = {first_count / warm_titles * 60:.0f} pages/min); "
            f"document titles found in the bands: {title_hits}/{len(wanted)}"
        )

        ours_score = accuracy(pages, ours)
        show_worst(pages, ours, args.show_worst)
        name = f"RapidOCR 3.10 (det {args.det_limit}), 2 procs"
        rows = [(name, ours_s, ours_cpu, ours_score)]
        if shutil.which("tesseract"):
            pngs = render_pngs(pages, args.dpi, tmp_dir)
            tess_s, tess_cpu, tess = run_tesseract(pngs, args.dpi)
            rows.append(("Tesseract 5 chi_sim, 2 procs", tess_s, tess_cpu, accuracy(pages, tess)))
        else:
            print("tesseract not installed: comparison skipped")

    print()
    print(
        "| engine | wall s | pages/min (wall) | CPU s/page | pages/min from CPU (2 idle cores) "
        "| char accuracy (reading order) | edit errors | order-free char errors | key strings found |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    n = len(pages)
    for name, wall, cpu, sc in rows:
        print(
            f"| {name} | {wall:.1f} | {n / wall * 60:.0f} | {cpu / n:.2f} | {2 * 60 * n / cpu:.0f} "
            f"| {sc.accuracy:.2%} | {sc.errors} | {sc.bag_errors} | {sc.keys:.1%} |"
        )
    if len(rows) == 2:
        (_, w1, c1, s1), (_, w2, c2, s2) = rows
        print()
        print(f"speed ratio ours/Tesseract: wall {w2 / w1:.2f}, CPU {c2 / c1:.2f}  (target >= 0.5)")
        print(
            f"error ratio ours/Tesseract: edit {s1.errors / max(s2.errors, 1):.2f}, "
            f"order-free {s1.bag_errors / max(s2.bag_errors, 1):.2f}  (target <= 0.2)"
        )
    print(f"load average at the end: {os.getloadavg()[0]:.1f} (other work here skews wall times)")


if __name__ == "__main__":
    main()
