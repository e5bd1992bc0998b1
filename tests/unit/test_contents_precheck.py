"""The pre-check of a dossier against its own 卷内目录 (rule contents_mismatch)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.casefiles.splitting import pages_from_records, split_dossier
from app.review.precheck_contents import listed_documents
from app.review.precheck_facts import printed_page_numbers
from scoring.prechecks import DocumentRef, DossierFacts, run_prechecks
from scoring.prechecks.facts import ListedDocument

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ocr"


def fixture(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


def facts_of(records: list[dict[str, Any]]) -> DossierFacts:
    pages = pages_from_records(records)
    docs = split_dossier(pages)
    numbers = printed_page_numbers(pages)
    return DossierFacts(
        kind="penalty",
        documents=[DocumentRef(d.type, d.first_page, d.last_page, d.serves) for d in docs],
        contents=listed_documents(pages, docs, numbers),
        page_numbers=numbers if any(n is not None for n in numbers) else None,
        page_count=len(pages),
    )


def mismatch(facts: DossierFacts) -> list[tuple[str, tuple[int, ...]]]:
    return [(s.message, s.pages) for s in run_prechecks(facts) if s.rule == "contents_mismatch"]


def test_a_dossier_matching_its_contents_raises_nothing() -> None:
    facts = facts_of(fixture("演示01-行政处罚案卷")["pages"])
    assert facts.contents is not None and len(facts.contents) == 13
    assert [r.first for r in facts.contents][:3] == [3, 4, 5]  # listed 1, 2, 3 after the 目录
    assert mismatch(facts) == []


def without_footers(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The pages with their printed 页码 (a lone number at the foot) taken away."""
    return [
        {**r, "lines": [ln for ln in r["lines"] if not ln["text"].strip().isdigit()]}
        for r in records
    ]


def test_a_page_taken_out_is_found_by_its_printed_number() -> None:
    records = fixture("演示01-行政处罚案卷")["pages"]
    del records[8]  # the 调查终结报告 (PDF page 9, listed and numbered 7)
    [(message, pages)] = mismatch(facts_of(records))
    assert message == (
        "卷内目录与案卷不符：第6项“本机关案件调查终结报告”（第7页）所列页在案卷中缺失"
        "（卷内页码无第7页）。"
    )
    assert pages == (2,)


def test_without_page_numbers_the_missing_page_shifts_the_rows_after_it() -> None:
    records = without_footers(fixture("演示01-行政处罚案卷")["pages"])
    del records[8]
    [(message, pages)] = mismatch(facts_of(records))
    assert message == (
        "卷内目录与案卷不符：第6项“本机关案件调查终结报告”（第7页）应始于第9页，该页不是此文书"
        "（案卷中未见此类文书）；自第7项起，案卷比目录所列少1页。"
    )
    assert pages == (2, 9)


def test_a_page_added_is_found_too() -> None:
    records = without_footers(fixture("演示01-行政处罚案卷")["pages"])
    records.insert(9, records[8])  # the 调查终结报告 twice: one page not in the 目录
    [(message, _)] = mismatch(facts_of(records))
    assert message == "卷内目录与案卷不符：自第7项起，案卷比目录所列多1页（有未列入目录的页）。"


def test_rows_out_of_order_and_unmatched_numbering() -> None:
    rows = [
        ListedDocument(1, "立案审批表", "filing_approval", 1, 1, None, None, 2),
        ListedDocument(2, "询问笔录", "inquiry_record", 4, 5, None, None, 2),
        ListedDocument(3, "现场检查笔录", "inspection_record", 2, 3, None, None, 2),
        ListedDocument(4, "结案审批表", "closing_approval", 30, 30, None, None, 2),
    ]
    facts = DossierFacts(kind="penalty", documents=[], contents=rows, page_count=12)
    [(message, pages)] = mismatch(facts)
    assert (
        "第3项“现场检查笔录”（第2-3页）排在第2项“询问笔录”（第4-5页）之后，页号顺序颠倒" in message
    )
    assert "第4项“结案审批表”（第30页）超出案卷页数（共12页）" in message
    assert "应始于" not in message  # numbering not matched to the file: no page is judged
    assert pages == (2,)


def test_no_contents_no_finding() -> None:
    facts = DossierFacts(kind="coercion", documents=[DocumentRef("seizure_decision", 1, 1)])
    assert mismatch(facts) == []


def test_a_page_number_ocr_did_not_read_is_no_missing_page() -> None:
    records = fixture("演示01-行政处罚案卷")["pages"]
    photo = records[6]  # the 现场照片, numbered 5: its 页码 unread under the photograph
    records[6] = {**photo, "lines": [ln for ln in photo["lines"] if ln["text"].strip() != "5"]}
    facts = facts_of(records)
    assert facts.page_numbers is not None and facts.page_numbers[6] is None
    assert mismatch(facts) == []
