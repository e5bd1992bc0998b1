"""Accuracy of splitting and fact extraction on the demo library, against its ground truth.

generator → OCR → split → extract, per dossier and overall:
  documents: % of the truth's documents found with the exact type and page range;
  facts:     % of the truth's facts (case_no, party, cause, fine_yuan and the nine dates,
             nulls included: a fact the dossier lacks must come back null) read exactly.
The title-band-only variant splits from the OCR of the top of each page only.

    python benchmarks/extraction_accuracy.py [--dir DIR] [--count 12] [--seed 2024]

OCR results are cached as ``<name>.ocr.json`` beside each PDF in DIR, so a second run only
re-measures the logic (delete them to re-OCR).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.casefiles.facts import DOUBTFUL, FACT_STATUS_LABELS, extract_facts
from app.casefiles.splitting import pages_from_records, split_dossier
from benchmarks.corpora import demo_corpus

FACT_KEYS = ("case_no", "party", "cause", "fine_yuan")
DPI = 150.0
NON_NULL = [0, 0]  # facts the truth states (not null): matched, total
# Facts found, by trust status; and wrong values the extractor nonetheless trusted.
STATUS: dict[str, int] = {}
WRONG_TRUSTED: list[str] = []


def _lines_json(page_text: Any) -> list[dict[str, Any]]:
    out = []
    for ln in page_text.lines:
        record: dict[str, Any] = {
            "text": ln.text,
            "box": [[round(x, 1), round(y, 1)] for x, y in ln.box],
            "score": round(ln.score, 3),
        }
        if ln.reread is not None:
            record["reread"] = ln.reread.json()
        out.append(record)
    return out


def ocr_dossier(pdf: Path, engine: Any) -> list[dict[str, Any]]:
    """Full-page and title-band OCR of every page, as plain records (see
    splitting.pages_from_records), through the import's own ``page_text``: the full page
    with its seal re-reads (``seal_ink``), so a sealed date reads here as it does in the app."""
    from app.casefiles.ocr import TITLE_BAND, page_text
    from app.casefiles.page_source import open_pages

    records = []
    with open_pages(pdf) as source:
        for index in range(source.count):
            width, height = source.page_size(index)
            full = page_text(source, index, engine, DPI)
            band = page_text(source, index, engine, DPI, band=TITLE_BAND)
            records.append(
                {
                    "width": round(width, 1),
                    "height": round(height, 1),
                    "lines": _lines_json(full),
                    "band": _lines_json(band),
                }
            )
    return records


def cached_ocr(pdf: Path, engine_box: list[Any]) -> list[dict[str, Any]]:
    cache = pdf.with_suffix(".ocr.json")
    if cache.exists():
        return json.loads(cache.read_text(encoding="utf-8"))["pages"]
    if not engine_box:
        from app.casefiles.ocr import OcrEngine

        engine_box.append(OcrEngine())
    started = time.perf_counter()
    records = ocr_dossier(pdf, engine_box[0])
    cache.write_text(
        json.dumps({"file": pdf.name, "pages": records}, ensure_ascii=False), encoding="utf-8"
    )
    print(
        f"  OCR {pdf.name}: {len(records)} pages, {time.perf_counter() - started:.0f} s",
        file=sys.stderr,
    )
    return records


def score_documents(
    records: list[dict[str, Any]], truth: dict[str, Any], key: str
) -> tuple[int, int, list[str]]:
    found = {
        (d.type, d.first_page, d.last_page) for d in split_dossier(pages_from_records(records, key))
    }
    want = [(d["type"], d["first_page"], d["last_page"]) for d in truth["documents"]]
    missed = [f"{t}:{a}-{b}" for t, a, b in want if (t, a, b) not in found]
    return len(want) - len(missed), len(want), missed


def score_facts(records: list[dict[str, Any]], truth: dict[str, Any]) -> tuple[int, int, list[str]]:
    pages = pages_from_records(records)
    facts = extract_facts(pages, split_dossier(pages))
    got = facts.fields()
    want = truth["fields"]
    found = {k: getattr(facts, k) for k in FACT_KEYS}
    found.update(facts.dates)
    for key, fact in found.items():
        if fact is None:
            continue
        STATUS[fact.status] = STATUS.get(fact.status, 0) + 1
        truth_value = want["dates"].get(key) if key in facts.dates else want.get(key)
        value = fact.value.isoformat() if hasattr(fact.value, "isoformat") else fact.value
        if value != truth_value and fact.status != DOUBTFUL:
            WRONG_TRUSTED.append(f"{key}={value} ({fact.status})")
    pairs = [(k, got[k], want[k]) for k in FACT_KEYS]
    pairs += [(k, got["dates"][k], v) for k, v in want["dates"].items()]
    wrong = [f"{k}={g!r} (truth {w!r})" for k, g, w in pairs if g != w]
    stated = [(g, w) for _, g, w in pairs if w is not None]
    NON_NULL[0] += sum(g == w for g, w in stated)
    NON_NULL[1] += len(stated)
    return len(pairs) - len(wrong), len(pairs), wrong


def _pct(ok: int, total: int) -> str:
    return f"{100 * ok / total:5.1f} %" if total else "  n/a"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--dir", type=Path, help="demo library folder (generated if it has no PDFs)"
    )
    parser.add_argument("--count", type=int, default=12)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)
    folder = args.dir or Path(tempfile.mkdtemp(prefix="demo-accuracy-"))
    pdfs = demo_corpus(folder, args.count, args.seed)
    engine: list[Any] = []
    totals = {"full": [0, 0], "band": [0, 0], "facts": [0, 0]}
    print(f"{'dossier':<22} {'documents':>10} {'band only':>10} {'facts':>10}")
    for pdf in pdfs:
        truth = json.loads(pdf.with_name(pdf.stem + ".truth.json").read_text(encoding="utf-8"))
        records = cached_ocr(pdf, engine)
        full = score_documents(records, truth, "lines")
        band = score_documents(records, truth, "band")
        facts = score_facts(records, truth)
        for name, (ok, total, _) in (("full", full), ("band", band), ("facts", facts)):
            totals[name][0] += ok
            totals[name][1] += total
        print(f"{pdf.stem:<22} {_pct(*full[:2]):>10} {_pct(*band[:2]):>10} {_pct(*facts[:2]):>10}")
        for label, result in (("documents", full), ("band", band), ("facts", facts)):
            if result[2]:
                print(f"    {label} wrong: {'; '.join(result[2])}")
    print(
        f"{'overall':<22} {_pct(*totals['full']):>10} {_pct(*totals['band']):>10} {_pct(*totals['facts']):>10}"
    )
    print(
        f"(documents {totals['full'][0]}/{totals['full'][1]}, band {totals['band'][0]}/{totals['band'][1]}, "
        f"facts {totals['facts'][0]}/{totals['facts'][1]}; stated (non-null) facts {NON_NULL[0]}/{NON_NULL[1]})"
    )
    statuses = ", ".join(f"{FACT_STATUS_LABELS[k]} {n}" for k, n in sorted(STATUS.items()))
    print(f"facts found by trust: {statuses}; wrong yet not 待核实: {len(WRONG_TRUSTED)}")
    for item in WRONG_TRUSTED:
        print(f"    wrong yet trusted: {item}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
