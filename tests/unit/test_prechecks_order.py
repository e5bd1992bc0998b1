"""Pre-checks: documents out of their usual order (P-6.3 / C-6.2) and the time bar (P-3.6)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.casefiles.splitting import DocumentSpan, PageInput
from app.review.prechecks import build_facts
from scoring.checklist_loader import load_checklist
from scoring.prechecks import DocumentRef, DossierFacts, run_prechecks

ROOT = Path(__file__).resolve().parents[2]
PENALTY = load_checklist(ROOT / "scoring/checklists/penalty-assembled.yaml")
COERCION = load_checklist(ROOT / "scoring/checklists/coercion-assembled.yaml")


def spans(*types: str) -> list[DocumentSpan]:
    return [DocumentSpan(t, "", i + 1, i + 1, 1.0) for i, t in enumerate(types)]


def facts_of(kind: str, *types: str) -> DossierFacts:
    return build_facts(kind, [PageInput([]) for _ in types], spans(*types), {})


def rules(facts: DossierFacts, checklist=PENALTY) -> dict[str, object]:
    return {s.rule: s for s in run_prechecks(facts, checklist)}


USUAL = (
    "case_cover",
    "table_of_contents",
    "filing_approval",
    "inspection_record",
    "inquiry_record",
    "evidence",
    "investigation_report",
    "prior_notice",
    "service_receipt",
    "decision_approval",
    "penalty_decision",
    "service_receipt",
    "payment_receipt",
    "closing_approval",
    "archive_note",
)


def test_usual_order_and_known_variants_are_not_flagged() -> None:
    assert "documents_out_of_order" not in rules(facts_of("penalty", *USUAL))
    variant = (
        "filing_approval",
        "inquiry_record",  # 询问 before 现场检查: a small step, tolerated
        "evidence",
        "inspection_record",
        "evidence",
        "investigation_report",
        "collective_discussion",
        "prior_notice",
        "service_receipt",
        "legal_review",  # review after discussion and notice: still before the decision
        "decision_approval",
        "penalty_decision",
        "closing_approval",
        "table_of_contents",  # 卷内目录 at the back
    )
    assert "documents_out_of_order" not in rules(facts_of("penalty", *variant))


def test_decision_before_filing_is_flagged_with_both_documents_and_pages() -> None:
    found = rules(
        facts_of("penalty", "case_cover", "penalty_decision", "filing_approval", "inquiry_record")
    )
    s = found["documents_out_of_order"]
    assert s.item_id == "P-6.3"
    assert s.pages == (2, 3)
    assert "行政处罚决定书（第2页）排在立案审批表（第3页）之前" in s.message


def test_the_most_clearly_misplaced_pair_is_named() -> None:
    facts = DossierFacts(
        kind="penalty",
        documents=[
            DocumentRef("inquiry_record", 1, 2, order=120),
            DocumentRef("closing_approval", 3, 3, order=900),
            DocumentRef("penalty_decision", 4, 5, order=310),
            DocumentRef("filing_approval", 6, 6, order=100),
        ],
    )
    s = rules(facts)["documents_out_of_order"]
    assert "结案审批表（第3页）排在立案审批表（第6页）之前" in s.message


def test_coercion_order_ignores_shared_types_and_flags_release_first() -> None:
    usual = (
        "case_cover",
        "coercion_approval",
        "seizure_decision",
        "seizure_record",
        "property_list",
        "service_receipt",
        "release_decision",
        "return_list",
        "closing_approval",
        "archive_note",
    )
    assert not rules(facts_of("coercion", *usual), COERCION)
    wrong = ("coercion_approval", "release_decision", "seizure_decision", "seizure_record")
    s = rules(facts_of("coercion", *wrong), COERCION)["coercion_documents_out_of_order"]
    assert s.item_id == "C-6.2"
    assert "解除查封（扣押）决定书（第2页）排在查封（扣押）决定书（第3页）之前" in s.message


def test_unknown_split_or_types_say_nothing() -> None:
    assert "documents_out_of_order" not in rules(DossierFacts(kind="penalty"))
    facts = DossierFacts(
        kind="penalty",
        documents=[DocumentRef("penalty_decision", 1, 1), DocumentRef("filing_approval", 2, 2)],
    )
    assert "documents_out_of_order" not in rules(facts)  # orders unknown


def test_time_bar_fires_only_when_exceeded_and_both_dates_known() -> None:
    late = DossierFacts(
        kind="penalty",
        dates={"violation_ended": date(2021, 3, 1), "discovered": date(2024, 5, 10)},
        date_pages={"discovered": 3},
    )
    s = rules(late)["time_bar"]
    assert s.item_id == "P-3.6"
    assert s.suggested_points == 0  # a veto item: 0 points, the grade falls
    assert 3 in s.pages
    assert "追责时效" in s.message
    within = DossierFacts(
        kind="penalty",
        dates={"violation_ended": date(2023, 3, 1), "discovered": date(2024, 5, 10)},
    )
    assert "time_bar" not in rules(within)
    assert "time_bar" not in rules(
        DossierFacts(kind="penalty", dates={"discovered": date(2024, 5, 10)})
    )
