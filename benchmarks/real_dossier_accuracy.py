"""Accuracy of the whole import on two corpora: the demo's own and a foreign one.

The foreign corpus (benchmarks/foreign) is made by a different recipe from app/demo: other
layouts and titles, red seals over the decision dates, grey scans, 150/300 dpi, skew, covers,
卷内目录, photo pages. Both are imported through the product's real path — Services →
Importer → OCR pool → split → facts — and pre-checked through Services.run_prechecks, each
corpus into its own fresh data folder. Printed per corpus:

  documents   % of the truth's documents found with the right type at the right first page
  facts       % of the facts the dossier states (case_no, party, fine, dates) read exactly
  待核实       share of the facts the product reported whose status is "doubtful"
  wrong dates dates reported as confirmed/single whose value is wrong (or that the dossier
              does not state): the safety figure, a reviewer trusts these
  pre-checks  recall and precision on the planted defects; an item marked 需核实 counts as
              neither found nor false (a defect behind it still counts as missed)

    python benchmarks/real_dossier_accuracy.py [--corpus foreign|demo|both] [--dossiers 12]
        [--demo-dossiers 6] [--seed 7] [--keep DIR] [--json]

``--keep DIR`` keeps the generated PDFs (DIR/foreign, DIR/demo) and reuses them next time;
``--rescore DATA_DIR [DATA_DIR …] --corpus foreign --keep DIR`` scores data folders imported
before (the path is printed at import; several are one corpus imported in parts, their PDFs
all in DIR) without reading the pages again; with ``--refresh`` the stored
OCR is split and its facts extracted again first (the import's last step, as the product
does it now), so a change to splitting, facts or rules is measured without new OCR.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from precheck_accuracy import Tally  # type: ignore[import-not-found]  # a script beside this one

from app.casefiles.case_detail import DATE_FACT_PREFIX, CaseDetail
from app.casefiles.document_types import document_type_names
from app.errors import UserError
from benchmarks.corpora import demo_corpus

#: The foreign corpus's canonical document names → the product's Chinese type names. A name
#: the product does not have (yet) can only be missed.
PRODUCT_NAME = {
    "案卷封面": "案卷封面",
    "卷内目录": "卷内目录",
    "立案审批表": "立案审批表",
    "现场检查笔录": "现场检查笔录",
    "现场照片": "证据材料",
    "证据材料": "证据材料",
    "询问笔录": "询问笔录",
    "案件调查终结报告": "案件调查终结报告",
    "延长办案期限审批表": "延长办案期限审批表",
    "法制审核意见书": "法制审核意见",
    "集体讨论记录": "集体讨论记录",
    "行政处罚告知书": "行政处罚事先告知书",
    "送达回证": "送达回证",
    "陈述申辩笔录": "陈述申辩笔录",
    "行政处罚决定书": "行政处罚决定书",
    "当场行政处罚决定书": "当场处罚决定书",
    "结案审批表": "结案审批表",
    "备考表": "备考表",
}
#: The foreign corpus's defect ids → the product's pre-check rule that should find each.
FOREIGN_RULE_OF = {
    "late_service": "decision_served_late",
    "review_after_decision": "legal_review_after_decision",
    "no_decision_receipt": "missing_decision_receipt",
    "over_90_days": "decision_over_90_days",
    "notice_after_decision": "decided_within_defence_period",
    "simple_fine_over_limit": "on_the_spot_fine_over_limit",
    "late_filing": "filing_late",
    "decided_in_defence_period": "decided_within_defence_period",
    "no_remedy_notice": "decision_without_remedy_notice",
    "wrong_remedy_period": "remedy_notice_wrong",
    "no_legal_review": "missing_legal_review",
}
DOUBTFUL = "doubtful"
_BRACKETS = str.maketrans({"[": "〔", "]": "〕", "（": "〔", "）": "〕", "(": "〔", ")": "〕"})


# ------------------------------------------------------------------ corpora
def foreign_corpus(folder: Path, count: int, seed: int) -> list[Path]:
    from benchmarks.foreign import generate_corpus

    return sorted(folder.glob("*.pdf")) or generate_corpus(folder, count, seed)


def truth_of(pdf: Path) -> dict[str, Any]:
    return json.loads(pdf.with_name(pdf.stem + ".truth.json").read_text(encoding="utf-8"))


def expected(truth: dict[str, Any]) -> tuple[list[tuple[str, int]], dict[str, Any], list[str]]:
    """(type name, first page) of each document, the facts as {name: value or None} (keys
    as the product stores them) and the planted defect codes, for either corpus."""
    names = document_type_names()
    if truth.get("generator") == "benchmarks.foreign":
        docs = [
            (PRODUCT_NAME.get(d["name"], d["name"]), d["first_page"]) for d in truth["documents"]
        ]
        raw = truth["facts"]
        facts = {k: (raw[k] or {}).get("value") for k in ("case_no", "party", "fine_yuan")}
        facts |= {DATE_FACT_PREFIX + k: (v or {}).get("value") for k, v in raw["dates"].items()}
        return docs, facts, [d["id"] for d in truth["defects"]]
    docs = [(names.get(d["type"], d["type"]), d["first_page"]) for d in truth["documents"]]
    fields = truth["fields"]
    facts = {k: fields[k] for k in ("case_no", "party", "cause", "fine_yuan")}
    facts |= {DATE_FACT_PREFIX + k: v for k, v in fields["dates"].items()}
    return docs, facts, [d["code"] for d in truth["defects"]]


# ------------------------------------------------------------------ scoring
def same(name: str, got: str | None, want: Any) -> bool:
    if got is None or want is None:
        return got is None and want is None
    if name == "fine_yuan":
        try:
            return float(got) == float(want)
        except ValueError:
            return False
    if name == "case_no":
        return re.sub(r"\s", "", got).translate(_BRACKETS) == str(want).translate(_BRACKETS)
    return got.strip() == str(want)


def needs_verifying(suggestion: Any) -> bool:
    """A 需核实 item (issue 13 item 3): ``Suggestion.needs_check``."""
    return bool(getattr(suggestion, "needs_check", False))


class Score:
    def __init__(self, label: str, rule_of: dict[str, str] | None) -> None:
        self.label = label
        self.docs = [0, 0]
        self.facts = [0, 0]
        self.reported = 0
        self.doubtful = 0
        self.wrong_trusted: list[str] = []
        self.wrong_doubtful = 0
        self.tally = Tally(rule_of)
        self.seconds = 0.0
        self.pages = 0
        self.notes: list[str] = []

    def dossier(
        self, name: str, truth: dict[str, Any], detail: CaseDetail, found: list[Any]
    ) -> str:
        docs, facts, defects = expected(truth)
        names = document_type_names()
        got_docs = {(names.get(d.type, d.type), d.first_page) for d in detail.documents}
        missed = [f"{t}@{p}" for t, p in docs if (t, p) not in got_docs]
        self.docs[0] += len(docs) - len(missed)
        self.docs[1] += len(docs)
        wrong_facts = []
        for key, want in facts.items():
            info = detail.facts.get(key)
            got = info.value if info else None
            status = info.status if info else None
            if got is not None:
                self.reported += 1
                self.doubtful += status == DOUBTFUL
            if want is not None:
                self.facts[1] += 1
                if same(key, got, want):
                    self.facts[0] += 1
                else:
                    wrong_facts.append(f"{key}={got!r}/{want!r}{'?' if status == DOUBTFUL else ''}")
            if key.startswith(DATE_FACT_PREFIX) and got is not None and not same(key, got, want):
                if status == DOUBTFUL:
                    self.wrong_doubtful += 1
                else:
                    self.wrong_trusted.append(f"{name}: {key} {got} (truth {want}, {status})")
        unsure = [s.rule for s in found if needs_verifying(s)]
        rules = [s.rule for s in found if not needs_verifying(s)]
        self.tally.add(name, {"defects": [{"code": c} for c in defects]}, rules, unsure)
        line = f"  {name:<28} documents {len(docs) - len(missed)}/{len(docs)}"
        stated = sum(v is not None for v in facts.values())
        line += f"  facts {stated - len(wrong_facts)}/{stated}  rules {sorted(rules)}"
        for label, items in (("missed documents", missed), ("wrong facts", wrong_facts)):
            if items:
                line += f"\n      {label}: {'; '.join(items)}"
        return line

    def summary(self) -> dict[str, Any]:
        recall, precision = self.tally.figures()
        pct = lambda a, b: round(100 * a / b, 1) if b else None  # noqa: E731
        return {
            "corpus": self.label,
            "documents_pct": pct(*self.docs),
            "documents": self.docs,
            "facts_pct": pct(*self.facts),
            "facts": self.facts,
            "doubtful_pct": pct(self.doubtful, self.reported),
            "wrong_dates_trusted": len(self.wrong_trusted),
            "wrong_dates_doubtful": self.wrong_doubtful,
            "precheck_recall": round(recall, 3),
            "precheck_precision": round(precision, 3),
            "prechecks": {
                "found": sum(self.tally.tp.values()),
                "missed": sum(self.tally.fn.values()),
                "false_alarms": sum(self.tally.fp.values()),
                "needs_verifying": self.tally.unsure,
            },
            "pages": self.pages,
            "seconds": round(self.seconds, 1),
        }


# ------------------------------------------------------------------ the product's path
def import_corpus(label: str, pdfs: list[Path]) -> tuple[Path, float]:
    """Import ``pdfs`` into a fresh data folder the way the window does (OCR included)."""
    from app.config import Paths, RunContext
    from app.services import Services

    data_dir = Path(tempfile.mkdtemp(prefix=f"accuracy-{label}-"))
    print(f"[{label}] importing {len(pdfs)} dossiers into {data_dir}", file=sys.stderr)
    services = Services.open(RunContext(Paths(data_dir)))
    importer = services.importer()
    started = time.perf_counter()
    try:
        for item in importer.import_paths(pdfs):
            if item.error:
                print(f"[{label}] {item.path.name}: {item.error}", file=sys.stderr)
    finally:
        importer.close()
        services.close()
    return data_dir, time.perf_counter() - started


def refresh_corpus(data_dir: Path) -> None:
    """Split and extract facts again from the OCR stored in ``data_dir`` (no page is read:
    ``CaseProcessor.process`` skips pages already done and runs only its last step)."""
    from app.config import Paths, RunContext
    from app.services import Services

    services = Services.open(RunContext(Paths(data_dir)))
    processor = services.processor()
    try:
        for case in services.library.list_cases():
            processor.process(case.id)
    finally:
        processor.close()
        services.close()


def import_registers(services: Any, pdf_dir: Path) -> None:
    """Import the 执法人员名册 and 乡镇赋权事项清单 a corpus keeps beside its dossiers, as a
    bureau imports its own (``roster import``, ``town import``) and as ``anjuan demo`` does:
    without them the officer, 法制审核 qualification and 乡镇 rules rightly judge nothing."""
    from app.demo.library import TOWN_POWERS
    from app.demo.roster_sheet import ROSTER_FILE

    if (pdf_dir / ROSTER_FILE).exists():
        services.import_roster(pdf_dir / ROSTER_FILE)
    if (pdf_dir / TOWN_POWERS.name).exists() and not services.town_powers.file.exists():
        services.town_powers.import_file(pdf_dir / TOWN_POWERS.name)


def score_corpus(
    label: str,
    data_dir: Path,
    pdf_dir: Path,
    rule_of: dict[str, str] | None,
    quiet: bool,
    score: Score | None = None,
) -> Score:
    """Pre-check and score every dossier read completely in ``data_dir`` (its PDFs and
    truths in ``pdf_dir``); a dossier still being read is left out and named. With
    ``score``, the dossiers are added to it (one corpus imported in parts)."""
    from app.config import Paths, RunContext
    from app.services import Services

    score = score or Score(label, rule_of)
    services = Services.open(RunContext(Paths(data_dir)))
    import_registers(services, pdf_dir)
    for case in services.library.list_cases():
        pdf = pdf_dir / case.file_name
        if case.status != "ready" or not pdf.exists():
            score.notes.append(f"{case.file_name}: not scored (status {case.status})")
            continue
        truth = truth_of(pdf)
        score.pages += truth["pages"]
        detail = services.cases.detail(case.id)
        try:
            checklist = services.checklists.default_for(detail.kind)
            found = services.run_prechecks(case.id, checklist)
        except UserError as exc:  # kind not recognised: no pre-checks at all
            score.notes.append(f"{case.file_name}: {exc}")
            found = []
        line = score.dossier(pdf.stem, truth, detail, found)
        if not quiet:
            print(line, flush=True)
    services.close()
    return score


def print_summary(scores: list[Score]) -> None:
    rows = [s.summary() for s in scores]
    print(
        f"\n{'corpus':<8} {'documents':>10} {'facts':>8} {'待核实':>7} {'wrong dates':>12}"
        f" {'recall':>7} {'precision':>9} {'needs check':>11} {'pages':>6} {'seconds':>8}"
    )
    for r in rows:
        print(
            f"{r['corpus']:<8} {r['documents_pct']:>9}% {r['facts_pct']:>7}% {r['doubtful_pct']!s:>6}%"
            f" {r['wrong_dates_trusted']:>12} {r['precheck_recall']:>7} {r['precheck_precision']:>9}"
            f" {r['prechecks']['needs_verifying']:>11} {r['pages']:>6} {r['seconds']:>8}"
        )
    for s in scores:
        for line in s.wrong_trusted + s.tally.misses + s.notes:
            print(f"  [{s.label}] {line}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=("foreign", "demo", "both"), default="both")
    parser.add_argument("--dossiers", type=int, default=12, help="foreign dossiers")
    parser.add_argument("--demo-dossiers", type=int, default=6)
    parser.add_argument("--seed", type=int, default=7, help="foreign corpus seed")
    parser.add_argument("--demo-seed", type=int, default=2024)
    parser.add_argument("--keep", type=Path, help="folder for the generated PDFs (reused)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--rescore",
        type=Path,
        nargs="+",
        metavar="DATA_DIR",
        help="score data folders imported before (with --keep and one --corpus) without "
        "re-reading; several folders are scored as one corpus (imported in parts)",
    )
    parser.add_argument(
        "--refresh",
        action="store_true",
        help="with --rescore: split and extract the facts again from the stored OCR first",
    )
    args = parser.parse_args(argv)
    root = args.keep or Path(tempfile.mkdtemp(prefix="accuracy-corpora-"))
    scores = []
    plan = [("foreign", FOREIGN_RULE_OF), ("demo", None)]
    for label, rule_of in plan:
        if args.corpus not in (label, "both"):
            continue
        if label == "foreign":
            pdfs = foreign_corpus(root / label, args.dossiers, args.seed)[: args.dossiers]
        else:
            pdfs = demo_corpus(root / label, args.demo_dossiers, args.demo_seed)
            pdfs = pdfs[: args.demo_dossiers]
        seconds = None
        if args.rescore:
            data_dirs = args.rescore
            for data_dir in data_dirs if args.refresh else ():
                refresh_corpus(data_dir)
        else:
            data_dir, seconds = import_corpus(label, pdfs)
            data_dirs = [data_dir]
        score = None
        for data_dir in data_dirs:
            score = score_corpus(label, data_dir, root / label, rule_of, args.json, score)
        assert score is not None
        score.seconds = seconds or 0.0
        scores.append(score)
    if args.json:
        print(json.dumps([s.summary() for s in scores], ensure_ascii=False, indent=2))
    else:
        print_summary(scores)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
