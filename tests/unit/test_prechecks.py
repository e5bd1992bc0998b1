"""Pre-checks: each rule on hand-built facts, on every demo dossier's truth, on real OCR."""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from app.casefiles.facts import extract_facts
from app.casefiles.splitting import pages_from_records, split_dossier
from app.demo import dossier_truth, plan_library
from app.review.prechecks import build_facts
from scoring.checklist_loader import load_checklist
from scoring.prechecks import (
    DocumentRef,
    DossierFacts,
    OfficerRecord,
    load_prechecks,
    page_gaps,
    run_prechecks,
)
from tests.demo_facts import facts_from_truth, laid_pages

ROOT = Path(__file__).resolve().parents[2]
PENALTY = load_checklist(ROOT / "scoring/checklists/penalty-assembled.yaml")
COERCION = load_checklist(ROOT / "scoring/checklists/coercion-assembled.yaml")
FIXTURES = ROOT / "tests/fixtures/ocr"
RULE_OF_DEFECT = load_prechecks().rule_of_defect()  # from the rules' `detects`

CLEAN_PENALTY_DOCS = [
    DocumentRef("filing_approval", 3, 3),
    DocumentRef("inquiry_record", 4, 5),
    DocumentRef("prior_notice", 6, 6),
    DocumentRef("service_receipt", 7, 7, serves="prior_notice"),
    DocumentRef("penalty_decision", 8, 9),
    DocumentRef("service_receipt", 10, 10, serves="penalty_decision"),
]


def penalty(**changes: Any) -> DossierFacts:
    base: dict[str, Any] = {
        "kind": "penalty",
        "major": False,
        "dates": {
            "discovered": date(2025, 4, 16),
            "filed": date(2025, 4, 27),
            "notice_served": date(2025, 5, 19),
            "decided": date(2025, 5, 27),
            "served": date(2025, 5, 27),
        },
        "documents": CLEAN_PENALTY_DOCS,
        "decision_case_no": True,
        "decision_remedy_notice": True,
        "officer_records": [OfficerRecord("inquiry_record", 4, 5, ("高杰", "唐桂英"))],
        "page_numbers": [None, None, 1, 2, 3, 4, 5, 6, 7, 8],
    }
    return DossierFacts(**(base | changes))


def rules(facts: DossierFacts) -> list[str]:
    return [s.rule for s in run_prechecks(facts, PENALTY if facts.kind == "penalty" else COERCION)]


def test_the_table_loads_and_maps_every_rule_to_existing_items() -> None:
    table = load_prechecks()
    for rule in table.rules:
        for key, item in rule.items.items():
            checklist = PENALTY if key == "penalty" else COERCION
            assert checklist.has_item(item), (rule.id, item)


def test_a_clean_file_gives_nothing() -> None:
    assert rules(penalty()) == []


def test_unknown_facts_give_nothing_but_missing_documents_still_count() -> None:
    bare = DossierFacts(kind="penalty")
    assert rules(bare) == []
    no_receipt = DossierFacts(kind="penalty", documents=[DocumentRef("penalty_decision", 8, 9)])
    assert set(rules(no_receipt)) == {"missing_decision_receipt", "missing_prior_notice"}


def test_late_service_names_both_dates_and_suggests_the_item_points() -> None:
    facts = penalty(dates=penalty().dates | {"served": date(2025, 6, 27)})
    (found,) = run_prechecks(facts, PENALTY)
    assert found.rule == "decision_served_late" and found.item_id == "P-4.12"
    assert "2025年5月27日" in found.message and "2025年6月27日" in found.message
    assert found.suggested_points == 3.0
    assert found.pages == (8, 9)


def test_filing_and_decision_time_limits() -> None:
    dates = penalty().dates
    late_filing = dates | {"filed": date(2025, 5, 20)}
    # 立案 within 15 working days is a 市场监管 rule (《市场监督管理行政处罚程序规定》第十八条)
    assert rules(penalty(dates=late_filing, organ="江州市市场监督管理局")) == ["filing_late"]
    assert rules(penalty(dates=late_filing, sector="market")) == ["filing_late"]
    assert rules(penalty(dates=late_filing, organ="江州市城市管理综合行政执法局")) == []
    assert rules(penalty(dates=late_filing)) == []  # sector unknown: silent
    late = dates | {"decided": date(2025, 8, 1), "served": date(2025, 8, 1)}
    assert rules(penalty(dates=late)) == ["decision_over_90_days"]
    assert rules(penalty(dates={k: v for k, v in late.items() if k != "filed"})) == []


def test_defence_period_is_the_notices_own_else_the_sectors() -> None:
    """《行政处罚法》第四十四、四十五条 fix no period: the 告知书's own period, else the sector's
    (市场监管: 5 个工作日), else the 5 working days to ask for a hearing when one was offered."""
    dates = penalty().dates | {"decided": date(2025, 5, 23), "served": date(2025, 5, 23)}
    three = {"defence_period": (3, "working_days")}
    assert rules(penalty(dates=dates, stated_periods=three)) == []  # ended on 22 May
    early = dates | {"decided": date(2025, 5, 21)}
    assert rules(penalty(dates=early, stated_periods=three)) == ["decided_within_defence_period"]
    # no period read and no sector rule: the law fixes none, so nothing is said
    assert rules(penalty(dates=early)) == []
    assert rules(penalty(dates=dates, sector="market")) == ["decided_within_defence_period"]
    assert rules(penalty(dates=dates, hearing_offered=True)) == ["decided_within_defence_period"]
    # the notice's own period wins over the sector's
    assert rules(penalty(dates=dates, sector="market", stated_periods=three)) == []


def test_major_cases_need_legal_review_and_discussion_before_the_decision() -> None:
    assert rules(penalty(major=True)) == ["missing_legal_review", "missing_collective_discussion"]
    docs = [
        *CLEAN_PENALTY_DOCS,
        DocumentRef("legal_review", 11, 11),
        DocumentRef("collective_discussion", 12, 12),
    ]
    dates = penalty().dates | {"legal_review": date(2025, 5, 28), "discussed": date(2025, 5, 20)}
    assert rules(penalty(major=True, documents=docs, dates=dates)) == [
        "legal_review_after_decision"
    ]
    # unknown whether major: silent; a large fine on a company makes it major
    assert rules(penalty(major=None)) == []
    assert "missing_legal_review" in rules(
        penalty(major=None, fine_yuan=50_000, party_is_organisation=False)
    )
    assert rules(penalty(major=None, fine_yuan=50_000, party_is_organisation=True)) == []


def test_decision_text_officers_pages_and_fine() -> None:
    assert rules(penalty(decision_case_no=False)) == ["decision_without_case_no"]
    assert rules(penalty(decision_remedy_notice=False)) == ["decision_without_remedy_notice"]
    one = [OfficerRecord("inquiry_record", 4, 5, ("高杰",), ("32051754256",))]
    (found,) = run_prechecks(penalty(officer_records=one), PENALTY)
    assert found.item_id == "P-1.3" and "高杰" in found.message and found.pages == (4, 5)
    (gap,) = run_prechecks(penalty(page_numbers=[None, 1, 2, 3, 5, 6, None]), PENALTY)
    assert gap.rule == "page_gap" and "第3页之后缺少第4页" in gap.message and gap.pages == (4, 5)
    assert rules(penalty(fine_yuan=60_000, fine_range=(5_000, 50_000))) == ["fine_out_of_range"]
    assert rules(penalty(fine_yuan=40_000, fine_range=(5_000, 50_000))) == []
    assert rules(penalty(fine_yuan=60_000)) == []


def test_one_misread_page_number_is_not_a_gap() -> None:
    assert page_gaps([1, 2, 8, 4, 5]) == []
    assert page_gaps([1, 2, 4, 5]) == [(2, 3, 2, 4)]
    assert page_gaps([1, None, 3, 4]) == []


def test_coercion_seizure_rules() -> None:
    docs = [
        DocumentRef("seizure_decision", 4, 4),
        DocumentRef("seizure_record", 5, 5),
        DocumentRef("property_list", 6, 6),
        DocumentRef("release_decision", 8, 8),
        DocumentRef("closing_approval", 10, 10),
    ]
    dates = {"seized": date(2025, 5, 9), "released": date(2025, 6, 5)}
    clean = DossierFacts(kind="coercion", documents=docs, dates=dates)
    assert rules(clean) == []
    long = dates | {"released": date(2025, 6, 23)}
    (found,) = run_prechecks(DossierFacts(kind="coercion", documents=docs, dates=long), COERCION)
    assert found.item_id == "C-4.4" and "2025年6月23日" in found.message
    extended = long | {"extension_decided": date(2025, 6, 1)}
    assert rules(DossierFacts(kind="coercion", documents=docs, dates=extended)) == []
    missing = [d for d in docs if d.type not in ("release_decision", "property_list")]
    assert rules(DossierFacts(kind="coercion", documents=missing)) == [
        "missing_release_decision",
        "missing_property_list",
    ]


SPECS = plan_library(count=12, seed=2024)


@pytest.mark.parametrize(
    "spec", SPECS, ids=lambda s: f"demo-{s.index:02d}" if hasattr(s, "index") else None
)
def test_every_planted_defect_is_found_from_the_truth_and_nothing_else(spec: Any) -> None:
    truth = dossier_truth(spec)
    want = sorted(RULE_OF_DEFECT[d["code"]] for d in truth["defects"])
    got = run_prechecks(facts_from_truth(truth, laid_pages(spec)))
    assert sorted(s.rule for s in got) == want
    # from the truth fields alone, nothing that needs the text, and still no false alarm
    alone = {s.rule for s in run_prechecks(facts_from_truth(truth))}
    assert alone <= set(want)


@cache
def ocr_fixture(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(p.stem for p in FIXTURES.glob("演示*.json")))
def test_real_ocr_finds_the_planted_defects(name: str) -> None:
    data = ocr_fixture(name)
    truth = data["truth"]
    pages = pages_from_records(data["pages"])
    spans = split_dossier(pages)
    facts = extract_facts(pages, spans)
    dossier = build_facts(
        truth["kind"],
        pages,
        spans,
        {k: f.value for k, f in facts.dates.items() if f is not None},
        {k: f.page for k, f in facts.dates.items() if f is not None},
        fine_yuan=facts.fine_yuan.value if facts.fine_yuan else None,
        party=facts.party.value if facts.party else None,
    )
    checklist = PENALTY if truth["kind"] == "penalty" else COERCION
    got = run_prechecks(dossier, checklist)
    assert sorted(s.rule for s in got) == sorted(
        RULE_OF_DEFECT[d["code"]] for d in truth["defects"]
    )
    for s in got:
        assert s.item_id and checklist.has_item(s.item_id) and s.suggested_points
        assert s.pages and all(1 <= p <= truth["pages"] for p in s.pages)
