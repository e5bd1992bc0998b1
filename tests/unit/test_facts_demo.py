"""Facts read from real OCR of generated demo dossiers (tests/fixtures/ocr) against their truth."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from app.casefiles.facts import DATE_KEYS, Facts, extract_facts
from app.casefiles.splitting import DocumentSpan, pages_from_records, split_dossier

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ocr"
NAMES = sorted(p.stem for p in FIXTURES.glob("演示*.json"))


@cache
def fixture(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


@cache
def facts_of(name: str) -> Facts:
    pages = pages_from_records(fixture(name)["pages"])
    return extract_facts(pages, split_dossier(pages))


def defects(name: str) -> set[str]:
    return {d["code"] for d in fixture(name)["truth"]["defects"]}


def with_defect(code: str) -> str:
    return next(n for n in NAMES if code in defects(n))


@pytest.mark.parametrize("name", NAMES)
def test_facts_match_the_truth(name: str) -> None:
    got = facts_of(name).fields()
    want = fixture(name)["truth"]["fields"]
    for key in ("case_no", "party", "cause", "fine_yuan"):
        assert got[key] == want[key], key
    assert got["dates"] == {key: want["dates"][key] for key in DATE_KEYS}


@pytest.mark.parametrize("name", NAMES)
def test_each_fact_points_at_a_page_of_the_document_it_came_from(name: str) -> None:
    facts = facts_of(name)
    spans = fixture(name)["truth"]["documents"]
    found = [facts.case_no, facts.party, facts.cause, facts.fine_yuan, *facts.dates.values()]
    for fact in filter(None, found):
        assert any(
            s["type"] == fact.document and s["first_page"] <= fact.page <= s["last_page"]
            for s in spans
        ), fact


@pytest.mark.parametrize("name", NAMES)
def test_the_decision_date_is_the_one_under_the_seal(name: str) -> None:
    decided = facts_of(name).dates["decided"]
    assert decided is not None
    kind = fixture(name)["truth"]["kind"]
    assert decided.document in (
        {"penalty_decision", "table_of_contents"}
        if kind == "penalty"
        else {"seizure_decision", "table_of_contents"}
    )


def test_a_missing_service_receipt_gives_no_service_date() -> None:
    facts = facts_of(with_defect("missing_service_receipt"))
    assert facts.dates["served"] is None
    assert facts.dates["notice_served"] is not None  # the notice's receipt is there


def test_a_decision_without_its_number_is_not_credited_with_one() -> None:
    name = with_defect("missing_case_no")
    case_no = facts_of(name).case_no
    assert case_no is not None and case_no.value == fixture(name)["truth"]["fields"]["case_no"]
    assert case_no.document not in ("penalty_decision", "seizure_decision")


def test_penalty_facts_come_from_the_decision_and_coercion_has_no_fine() -> None:
    for name in NAMES:
        facts = facts_of(name)
        if fixture(name)["truth"]["kind"] == "penalty":
            assert facts.fine_yuan is not None and facts.fine_yuan.document == "penalty_decision"
            assert facts.dates["seized"] is None
        else:
            assert facts.fine_yuan is None
            assert facts.dates["filed"] is None and facts.dates["notice"] is None


@pytest.mark.parametrize("name", NAMES)
def test_spans_stored_without_their_served_document_give_the_same_facts(name: str) -> None:
    pages = pages_from_records(fixture(name)["pages"])
    stored = [
        DocumentSpan(d["type"], d["title"], d["first_page"], d["last_page"], 1.0)
        for d in fixture(name)["truth"]["documents"]
    ]
    assert extract_facts(pages, stored).fields() == facts_of(name).fields()
