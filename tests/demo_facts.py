"""Pre-check facts from a demo dossier's ground truth: exact inputs for testing the rules.

Test-only (the tests and benchmarks/precheck_accuracy.py use it): production reads facts
from stored OCR and never from the demo's answers, so this lives beside the tests.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from app.casefiles.splitting import DocumentSpan, PageInput, TextLine
from app.demo.dossier import lay_dossier
from app.demo.layout import PAGE_H, PAGE_W, STYLES, TextOp, text_width
from app.demo.library import demo_town_powers
from app.review.prechecks import build_facts
from scoring.prechecks import DossierFacts, RosterEntry


def laid_pages(spec: Any) -> list[PageInput]:
    """The text of a demo dossier's pages as laid out (exact, no OCR), one line per text op."""
    out = []
    for page in lay_dossier(spec).pages:
        lines = []
        for op in page.ops:
            if isinstance(op, TextOp):
                height = STYLES[op.style][2]
                width = text_width(op.text, op.style)
                lines.append(TextLine(op.text, (op.x, op.y, op.x + width, op.y + height)))
        lines.sort(key=lambda ln: (ln.box[1], ln.box[0]))
        out.append(PageInput(lines, PAGE_W, PAGE_H))
    return out


def laid_rows(spec: Any) -> list[PageInput]:
    """The laid text joined into rows, as OCR reads them: the text ops of one baseline band
    (a form's label and its value, drawn as two ops) make one line, left to right."""
    out = []
    for page in laid_pages(spec):
        rows: dict[int, list[TextLine]] = {}
        for line in page.lines:
            rows.setdefault(round(line.box[1] / 8), []).append(line)
        lines = []
        for key in sorted(rows):
            row = sorted(rows[key], key=lambda ln: ln.box[0])
            box = (row[0].box[0], row[0].box[1], row[-1].box[2], max(ln.box[3] for ln in row))
            lines.append(TextLine("".join(ln.text for ln in row), box))
        out.append(PageInput(lines, page.width, page.height))
    return out


def demo_roster(truth: Mapping[str, Any]) -> list[RosterEntry]:
    """The roster lines of the dossier's officers, as a bureau's 名册 would list them."""
    return [
        RosterEntry(
            r["name"],
            r["cert_no"],
            date.fromisoformat(r["valid_from"]),
            date.fromisoformat(r["valid_to"]),
            r["department"],
            r["category"],
            r.get("legal_qualification"),
        )
        for r in truth.get("roster", [])
    ]


def facts_from_truth(
    truth: Mapping[str, Any], pages: Sequence[PageInput] | None = None
) -> DossierFacts:
    """Facts from a demo dossier's ground truth (and its page text when given)."""
    fields = truth["fields"]
    other = fields.get("other_dates", {})
    raw = {k: v for k, v in fields["dates"].items() if v}
    for key, event in (
        ("legal_review", "legal_review"),
        ("discussed", "discussed"),
        ("extended", "extension_decided"),
        ("public_notice_issued", "public_notice_issued"),
    ):
        if other.get(key):
            raw[event] = other[key]
    if fields.get("violation_ended"):
        raw["violation_ended"] = fields["violation_ended"]
    dates = {k: date.fromisoformat(v) for k, v in raw.items()}
    spans = [
        DocumentSpan(d["type"], d.get("title", ""), d["first_page"], d["last_page"], 1.0)
        for d in truth["documents"]
    ]
    served: list[DocumentSpan] = []
    for span in spans:  # a receipt serves the document before its run of receipts
        if span.type == "service_receipt":
            before = next((s for s in reversed(served) if s.type != "service_receipt"), None)
            span = DocumentSpan(
                span.type,
                span.title,
                span.first_page,
                span.last_page,
                1.0,
                before.type if before else None,
            )
        served.append(span)
    base = build_facts(
        truth["kind"],
        pages or [PageInput([]) for _ in range(truth["pages"])],
        served,
        dates,
        fine_yuan=fields.get("fine_yuan"),
        party=fields.get("party"),
        major=truth.get("major"),
        town_powers=demo_town_powers(),  # the demo's 乡镇 act under the demo's list
        roster=demo_roster(truth),
    )
    if pages is None:
        return replace(base, page_numbers=truth.get("page_numbers"))
    return base
