"""What the seal-aware second reading and the fact cross-checks add to the import of a dossier.

The same pages are read twice by one warm RapidOCR engine in this process, alternating page
by page so both runs see the same machine load: once as before (``reread=False``: the plain
page OCR only) and once with the lines that may hold a sealed date or 文号 read again without
the seal's ink. Fact extraction (with its cross-checks) is timed on the result. Prints wall
and CPU seconds before/after, the share added, how many lines were re-read and where the
second reading differs from the plain one, and each dated fact's status.

    PYTHONPATH=. python benchmarks/seal_benchmark.py [--dir DIR] [--count 1] [--seed 2024]

Generates demo dossiers (colour scans, red seals over the decisions' dates) when DIR has no
PDFs. The issue's budget: at most 15 % more on the import of a 20-page dossier.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.casefiles import ocr
from app.casefiles.facts import DATE_KEYS, FACT_STATUS_LABELS, extract_facts
from app.casefiles.page_source import open_pages
from app.casefiles.splitting import PageInput, split_dossier
from benchmarks.corpora import demo_corpus


def _timed(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def run(pdf: Path, engine: ocr.OcrEngine) -> tuple[float, float, float, float]:
    before = [0.0, 0.0]
    after = [0.0, 0.0]
    pages: list[PageInput] = []
    rereads = differing = 0
    with open_pages(pdf) as source:
        for index in range(source.count):
            order = (False, True) if index % 2 == 0 else (True, False)
            for reread in order:
                text, wall, cpu = _timed(ocr.page_text, source, index, engine, reread=reread)
                into = after if reread else before
                into[0] += wall
                into[1] += cpu
                if reread:
                    pages.append(PageInput(text.lines, *source.page_size(index)))
                    for line in text.lines:
                        if line.reread is not None:
                            rereads += 1
                            if line.reread.text.replace(" ", "") != line.text.replace(" ", ""):
                                differing += 1
                                print(f"    p{index + 1}: {line.text!r} → {line.reread.text!r}")
    facts, wall, cpu = _timed(extract_facts, pages, split_dossier(pages))
    after[0] += wall
    after[1] += cpu
    print(
        f"  {pdf.name}: {len(pages)} pages, {rereads} lines re-read, {differing} read differently"
    )
    for key in DATE_KEYS:
        fact = facts.dates[key]
        if fact is not None:
            sources = ", ".join(f"{r.source} {r.value}" for r in fact.readings)
            print(f"    {key:<14} {fact.value}  {FACT_STATUS_LABELS[fact.status]}  {sources}")
    return before[0], before[1], after[0], after[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, help="folder of scanned dossiers (PDF)")
    parser.add_argument("--count", type=int, default=1, help="demo dossiers to generate")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)
    folder = args.dir or Path(tempfile.mkdtemp(prefix="seal-bench-"))
    pdfs = demo_corpus(folder, args.count, args.seed)
    engine = ocr.OcrEngine(threads=1)
    engine.warm_up()
    totals = [0.0, 0.0, 0.0, 0.0]
    for pdf in pdfs:
        for i, value in enumerate(run(pdf, engine)):
            totals[i] += value
    bw, bc, aw, ac = totals
    print(f"before (plain OCR):               wall {bw:7.1f} s   CPU {bc:7.1f} s")
    print(f"after (+ seal re-read, checks):   wall {aw:7.1f} s   CPU {ac:7.1f} s")
    print(f"added: wall {100 * (aw - bw) / bw:+.1f} %   CPU {100 * (ac - bc) / bc:+.1f} %")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
