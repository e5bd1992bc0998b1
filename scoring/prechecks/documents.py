"""Pre-checks on the dossier's documents: missing ones, the decision's wording, their order
and gaps in the printed page numbers (页码).

Why: these read the split of the dossier (``DossierFacts.documents``) and its page numbers;
a missing-document rule fires only when the documents are known at all.
"""

from __future__ import annotations

from collections.abc import Sequence

from scoring.prechecks.facts import DocumentRef, DossierFacts, Finding
from scoring.prechecks.table import (
    DecisionFlagPrecheck,
    DocumentOrderPrecheck,
    PageNumbersPrecheck,
    PrecheckTable,
    RequiredDocumentPrecheck,
)

__all__ = [
    "check_decision_flag",
    "check_document_order",
    "check_page_numbers",
    "check_required_document",
    "page_gaps",
]


def check_required_document(
    rule: RequiredDocumentPrecheck, facts: DossierFacts, table: PrecheckTable
) -> Finding | None:
    if facts.documents is None or not facts.documents:
        return None
    if not all(facts.has(t) for t in rule.if_documents):
        return None
    if any(facts.has(t) for t in rule.unless_documents):
        return None
    if facts.has(rule.document, rule.serves):
        return None
    present = "、".join(table.document_label(t) for t in rule.if_documents)
    message = rule.message.format(missing=table.document_label(rule.document), present=present)
    return Finding(message, facts.pages_of(rule.cite))


def check_decision_flag(
    rule: DecisionFlagPrecheck, facts: DossierFacts, table: PrecheckTable
) -> Finding | None:
    if getattr(facts, rule.flag) is not False:
        return None
    decision = table.decision_documents.get(facts.kind, "")
    message = rule.message.format(decision=table.document_label(decision))
    return Finding(message, facts.pages_of([decision, *rule.cite]))


def check_document_order(
    rule: DocumentOrderPrecheck, facts: DossierFacts, table: PrecheckTable
) -> Finding | None:
    """The most clearly misplaced pair: a document filed before one that usually comes at
    least ``min_gap`` order steps earlier (skipped types may sit anywhere)."""
    docs = sorted(
        (d for d in facts.documents or () if d.order is not None and d.type not in rule.skip),
        key=lambda d: d.first_page,
    )
    best: tuple[int, DocumentRef, DocumentRef] | None = None
    for i, early in enumerate(docs):
        for late in docs[i + 1 :]:
            gap = early.order - late.order  # type: ignore[operator]
            if gap >= rule.min_gap and (best is None or gap > best[0]):
                best = (gap, early, late)
    if best is None:
        return None
    _, first, second = best
    message = rule.message.format(
        first=first.name or table.document_label(first.type),
        first_pages=first.page_text,
        second=second.name or table.document_label(second.type),
        second_pages=second.page_text,
    )
    return Finding(message, [*first.pages, *second.pages])


def page_gaps(numbers: Sequence[int | None]) -> list[tuple[int, int, int, int]]:
    """Gaps in the printed 页码: ``(file page before, file page after, last seen, next seen)``.

    A jump counts only when the numbers on both sides are confirmed by their own neighbour
    (or there is none), so one misread number is not taken for a missing page."""
    known = [(i + 1, n) for i, n in enumerate(numbers) if n is not None]
    gaps = []
    for k in range(len(known) - 1):
        (pa, na), (pb, nb) = known[k], known[k + 1]
        if nb - na <= pb - pa or nb <= na:
            continue
        before_ok = k == 0 or known[k - 1][1] == na - (pa - known[k - 1][0])
        after_ok = k + 2 >= len(known) or known[k + 2][1] == nb + (known[k + 2][0] - pb)
        if before_ok and after_ok:
            gaps.append((pa, pb, na, nb))
    return gaps


def check_page_numbers(rule: PageNumbersPrecheck, facts: DossierFacts) -> Finding | None:
    if not facts.page_numbers:
        return None
    gaps = page_gaps(facts.page_numbers)
    if not gaps:
        return None
    texts = []
    for _, _, before, after in gaps:
        missing = (
            f"第{before + 1}页" if after == before + 2 else f"第{before + 1}页至第{after - 1}页"
        )
        texts.append(f"第{before}页之后缺少{missing}")
    pages = [p for a, b, _, _ in gaps for p in (a, b)]
    return Finding(rule.message.format(gaps="；".join(texts)), pages, len(gaps))
