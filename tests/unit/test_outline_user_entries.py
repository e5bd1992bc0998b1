"""Retyping one outline entry marks that entry only; re-reading keeps the reviewer's entries
and refreshes the machine's others around them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from app.casefiles.splitting import DocumentSpan, fill_around
from app.config import Paths, RunContext
from app.services import Services
from app.store.models import Document, Page
from tests.unit.test_library_import import make_pdf

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "ocr" / "演示01-行政处罚案卷.json"


@pytest.fixture
def read_case(tmp_path: Path) -> tuple[Services, int]:
    """A dossier whose 18 pages carry the demo's OCR, outlined by the splitter."""
    record = json.loads(FIXTURE.read_text(encoding="utf-8"))
    services = Services.open(RunContext(Paths(tmp_path / "data")))
    case_id = services.library.import_pdf(make_pdf(tmp_path / "卷.pdf", pages=18)).id
    with services.db.session() as s:
        for page in s.scalars(select(Page).where(Page.case_file_id == case_id)):
            source = record["pages"][page.index - 1]
            page.ocr_boxes = source["lines"]
            page.ocr_text = "\n".join(ln["text"] for ln in source["lines"])
            page.ocr_status = "done"
    reread(services, case_id)
    return services, case_id


def reread(services: Services, case_id: int) -> None:
    processor = services.processor()
    try:
        processor.process(case_id)
    finally:
        processor.close()


def outline(services: Services, case_id: int) -> list[tuple[str, int, int, bool]]:
    docs = services.cases.detail(case_id).documents
    return [(d.type, d.first_page, d.last_page, d.user_edited) for d in docs]


def test_retyping_one_entry_marks_only_that_entry(read_case: tuple[Services, int]) -> None:
    services, case_id = read_case
    before = outline(services, case_id)
    assert len(before) == 16 and not any(edited for *_, edited in before)
    receipt = services.cases.detail(case_id).documents[9]  # the 送达回证 on page 11
    services.corrections.retype(case_id, receipt.id, "postal_service_proof")
    after = outline(services, case_id)
    assert [d for d in after if d[3]] == [("postal_service_proof", 11, 11, True)]
    assert [d[:3] for d in after if not d[3]] == [d[:3] for d in before if d[1] != 11]


def test_rereading_keeps_the_reviewers_entries_and_refreshes_the_others(
    read_case: tuple[Services, int],
) -> None:
    services, case_id = read_case
    docs = services.cases.detail(case_id).documents
    services.corrections.merge_with_next(case_id, docs[4].id)  # 询问笔录 5-6 + 现场照片 7
    services.corrections.retype(case_id, docs[0].id, "evidence")  # the cover, wrongly
    with services.db.session() as s:  # the machine's other entries went stale
        stale = s.scalar(select(Document).where(Document.first_page == 9))
        assert stale is not None
        stale.type = "unknown"
    reread(services, case_id)
    after = outline(services, case_id)
    assert after[0] == ("evidence", 1, 1, True)
    assert ("inquiry_record", 5, 7, True) in after
    assert ("investigation_report", 9, 9, False) in after  # refreshed
    pages = [p for _, first, last, _ in after for p in range(first, last + 1)]
    assert pages == list(range(1, 19))


def test_fill_around_clips_the_machines_spans_to_the_free_pages() -> None:
    spans = [
        DocumentSpan("inquiry_record", "询问笔录", 1, 4, 1.0),
        DocumentSpan("evidence", "现场照片", 5, 6, 1.0),
    ]
    assert [(s.type, s.first_page, s.last_page) for s in fill_around(spans, [(2, 2), (6, 6)])] == [
        ("inquiry_record", 1, 1),
        ("inquiry_record", 3, 4),
        ("evidence", 5, 5),
    ]
    assert fill_around(spans, []) == spans
