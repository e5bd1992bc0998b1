"""Splitting real OCR of generated demo dossiers (cached in tests/fixtures/ocr) against their truth."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from app.casefiles.splitting import pages_from_records, split_dossier

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ocr"
NAMES = sorted(p.stem for p in FIXTURES.glob("演示*.json"))


@cache
def fixture(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


def truth_documents(name: str) -> list[tuple[str, int, int]]:
    return [
        (d["type"], d["first_page"], d["last_page"]) for d in fixture(name)["truth"]["documents"]
    ]


def test_fixtures_cover_penalty_coercion_and_planted_defects() -> None:
    kinds = {fixture(n)["truth"]["kind"] for n in NAMES}
    defects = {d["code"] for n in NAMES for d in fixture(n)["truth"]["defects"]}
    assert len(NAMES) >= 3
    assert kinds == {"penalty", "coercion"}
    assert {"missing_case_no", "missing_service_receipt"} <= defects


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("key", ["lines", "band"])
def test_documents_match_the_truth_from_full_and_title_band_ocr(name: str, key: str) -> None:
    docs = split_dossier(pages_from_records(fixture(name)["pages"], key))
    assert [(d.type, d.first_page, d.last_page) for d in docs] == truth_documents(name)
    assert all(0.7 < d.confidence <= 1.0 for d in docs)


@pytest.mark.parametrize("name", NAMES)
def test_each_receipt_knows_the_document_it_serves(name: str) -> None:
    docs = split_dossier(pages_from_records(fixture(name)["pages"]))
    served = [d.serves for d in docs if d.type == "service_receipt"]
    kind = fixture(name)["truth"]["kind"]
    if kind == "penalty":
        assert served[0] == "prior_notice"
        assert served[1:] in ([], ["penalty_decision"])
    else:
        assert served in ([], ["seizure_decision"])
    receipts = sum(1 for t, _, _ in truth_documents(name) if t == "service_receipt")
    assert len(served) == receipts


def test_a_page_gap_or_missing_receipt_does_not_shift_the_other_documents() -> None:
    name = next(
        n
        for n in NAMES
        if any(d["code"] == "missing_service_receipt" for d in fixture(n)["truth"]["defects"])
    )
    docs = split_dossier(pages_from_records(fixture(name)["pages"]))
    decision = next(i for i, d in enumerate(docs) if d.type == "penalty_decision")
    assert docs[decision + 1].type != "service_receipt"
    assert docs[-1].last_page == len(fixture(name)["pages"])


@pytest.mark.parametrize("name", NAMES[:2])
def test_titles_misread_by_one_character_still_split_right(name: str) -> None:
    records = json.loads(json.dumps(fixture(name)["pages"]))  # a deep copy to damage
    titles = {d["first_page"]: d["title"] for d in fixture(name)["truth"]["documents"]}
    damaged = 0
    for number, title in titles.items():
        for line in records[number - 1]["lines"]:
            if line["text"] == title and len(title) >= 4:
                line["text"] = title[:1] + "口" + title[2:]
                damaged += 1
    assert damaged >= 5
    docs = split_dossier(pages_from_records(records))
    assert [(d.type, d.first_page, d.last_page) for d in docs] == truth_documents(name)
