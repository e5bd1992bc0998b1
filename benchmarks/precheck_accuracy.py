"""Recall and precision of the automatic pre-checks on the demo library's planted defects.

Two passes over the same dossiers, per defect code and overall:
  truth: facts from the ground truth fields plus the laid-out page text (no OCR): tests
         the rules themselves;
  ocr:   the import pipeline's path: real OCR → split → extract → pre-checks. OCR is read
         from ``<name>.ocr.json`` beside each PDF in DIR (as the extraction benchmark
         leaves them) or run and cached there.
A suggestion counts as a true positive when its rule is the one that detects a planted
defect code; anything else it fires is a false positive (also on clean files). A 需核实 item
(the rule rests on a 待核实 fact: it asks, it does not judge) counts as neither.

    python benchmarks/precheck_accuracy.py [--dir DIR] [--count 12] [--seed 2024] [--truth-only]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.casefiles.facts import extract_facts
from app.casefiles.splitting import pages_from_records, split_dossier
from app.demo import demo_town_powers
from app.review.prechecks import build_facts
from benchmarks.corpora import demo_corpus
from scoring.prechecks import load_prechecks, run_prechecks
from scoring.prechecks.facts import DOUBTFUL, FactReading
from tests.demo_facts import demo_roster, facts_from_truth, laid_pages

#: The pre-check rule that detects each planted defect code of app.demo (rule data `detects`).
RULE_OF_DEFECT = load_prechecks().rule_of_defect()


def facts_from_ocr(records: list[dict[str, Any]], truth: dict[str, Any]) -> Any:
    """What the app would know after importing: OCR lines → split → facts → DossierFacts."""
    pages = pages_from_records(records)
    spans = split_dossier(pages)
    facts = extract_facts(pages, spans)
    dates = {k: f.value for k, f in facts.dates.items() if f is not None}
    date_pages = {k: f.page for k, f in facts.dates.items() if f is not None}
    fine = facts.fine_yuan.value if facts.fine_yuan else None
    party = facts.party.value if facts.party else None
    built = build_facts(
        truth["kind"],
        pages,
        spans,
        dates,
        date_pages,
        fine_yuan=fine,
        party=party,
        town_powers=demo_town_powers(),  # as after `town import` of the demo's list
        roster=demo_roster(truth),  # as after `roster import` of the bureau's 名册
    )
    # The trust the import stores (待核实 with its readings): a rule on a doubtful date asks
    # (需核实) in the product, so it must here too.
    status = {k: f.status for k, f in facts.dates.items() if f is not None}
    readings = {
        k: tuple(FactReading(r.value, r.page, r.source, r.confidence, r.region) for r in f.readings)
        for k, f in facts.dates.items()
        if f is not None and f.status == DOUBTFUL
    }
    return replace(built, fact_status=status, readings=readings)


class Tally:
    """True/false positives per defect code. ``rule_of`` maps a corpus's defect codes to the
    rule that detects each (the demo's by default; benchmarks/real_dossier_accuracy.py
    passes the foreign corpus's)."""

    def __init__(self, rule_of: dict[str, str] | None = None) -> None:
        self.rule_of = RULE_OF_DEFECT if rule_of is None else rule_of
        self.tp: Counter[str] = Counter()
        self.fn: Counter[str] = Counter()
        self.fp: Counter[str] = Counter()
        self.unsure = 0
        self.clean_flagged: list[str] = []
        self.misses: list[str] = []

    def add(
        self, name: str, truth: dict[str, Any], rules: list[str], unsure: Sequence[str] = ()
    ) -> None:
        """``rules`` fired as findings; ``unsure`` fired as 需核实 items: neither right nor
        wrong (a planted defect behind one still counts as missed)."""
        wanted = {self.rule_of[d["code"]]: d["code"] for d in truth["defects"]}
        self.unsure += len(unsure)
        for rule, code in wanted.items():
            if rule in rules:
                self.tp[code] += 1
            else:
                self.fn[code] += 1
                self.misses.append(f"{name}: missed {code}")
        for rule in rules:
            if rule not in wanted:
                self.fp[rule] += 1
                self.misses.append(f"{name}: false alarm {rule}")
        if not truth["defects"] and rules:
            self.clean_flagged.append(name)

    def figures(self) -> tuple[float, float]:
        tp, fn, fp = sum(self.tp.values()), sum(self.fn.values()), sum(self.fp.values())
        return (tp / (tp + fn) if tp + fn else 1.0, tp / (tp + fp) if tp + fp else 1.0)

    def report(self, label: str) -> tuple[float, float]:
        tp, fn, fp = sum(self.tp.values()), sum(self.fn.values()), sum(self.fp.values())
        recall, precision = self.figures()
        print(
            f"\n[{label}]  recall {100 * recall:5.1f} %  precision {100 * precision:5.1f} %"
            f"  (found {tp}, missed {fn}, false alarms {fp}; clean files flagged: "
            f"{len(self.clean_flagged)})"
        )
        for code in sorted(set(self.tp) | set(self.fn)):
            total = self.tp[code] + self.fn[code]
            print(f"  {code:<32} {self.tp[code]}/{total}")
        for line in self.misses:
            print(f"  ! {line}")
        return recall, precision


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, help="demo library folder with PDFs (and OCR caches)")
    parser.add_argument("--count", type=int, default=12)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--truth-only", action="store_true", help="skip the OCR pass")
    args = parser.parse_args(argv)

    from app.demo import dossier_truth, plan_library

    truth_tally = Tally()
    for spec in plan_library(count=args.count, seed=args.seed):
        truth = dossier_truth(spec)
        found = run_prechecks(facts_from_truth(truth, laid_pages(spec)))
        truth_tally.add(truth["file"], truth, [s.rule for s in found if not s.needs_check])
    recall, precision = truth_tally.report("truth fields + laid-out text")
    ok = recall >= 0.9 and precision >= 0.9 and not truth_tally.clean_flagged
    if args.truth_only:
        return 0 if ok else 1

    folder = args.dir or Path(tempfile.mkdtemp(prefix="demo-precheck-"))
    pdfs = demo_corpus(folder, args.count, args.seed)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from extraction_accuracy import cached_ocr  # OCR with a cache beside each PDF

    ocr_tally = Tally()
    engine: list[Any] = []
    for pdf in pdfs:
        truth = json.loads(pdf.with_name(pdf.stem + ".truth.json").read_text(encoding="utf-8"))
        records = cached_ocr(pdf, engine)
        found = run_prechecks(facts_from_ocr(records, truth))
        ocr_tally.add(pdf.name, truth, [s.rule for s in found if not s.needs_check])
    recall, precision = ocr_tally.report("real OCR")
    ok = ok and recall >= 0.9 and precision >= 0.9 and not ocr_tally.clean_flagged
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
