"""One dossier as the viewer and the CLI's ``case show`` see it: pages, documents, facts.

Plain data out of the store, so widgets never touch the database and tests need no window.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.casefiles.contents_table import CONTENTS, ContentsRow, parse_contents
from app.casefiles.document_types import display_name
from app.casefiles.library import readable_path
from app.casefiles.page_lines import pages_from_records
from app.changes import OpChanges
from app.config import Paths
from app.errors import NotFoundError, UserError
from app.same_named import same_named
from app.store.database import Database
from app.store.models import CaseField, CaseFile, Department, Page
from app.store.repositories import require_case_file

ROTATIONS = (0, 90, 180, 270)


@dataclass(frozen=True)
class PageInfo:
    index: int  # 1-based
    width: float | None  # PDF points (1/72 inch) of the unrotated page
    height: float | None
    rotation: int  # the reviewer's rotation, derived data; the original is untouched
    has_text_layer: bool
    ocr_status: str


@dataclass(frozen=True)
class DocumentInfo:
    id: int
    type: str
    title: str | None
    first_page: int
    last_page: int
    user_edited: bool


@dataclass(frozen=True)
class FactInfo:
    """A stored fact. ``status`` is app.casefiles.facts' CONFIRMED/SINGLE/DOUBTFUL (a user's
    value is confirmed); ``region`` [x0, y0, x1, y1] in PDF points on ``page``; ``readings``
    the candidate readings as stored (see ``facts.reading_json``)."""

    value: str | None
    page: int | None
    source: str  # "extracted" | "user"
    status: str = "single"
    confidence: float | None = None
    region: tuple[float, float, float, float] | None = None
    readings: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True)
class OcrLine:
    text: str
    box: list[list[float]]  # four corner points in PDF points of the unrotated page
    score: float | None = None


@dataclass(frozen=True)
class PageText:
    index: int
    text: str
    lines: list[OcrLine] = field(default_factory=list)


@dataclass(frozen=True)
class CaseDetail:
    id: int
    file_path: Path  # the library's copy of the original
    original_name: str
    source_kind: str
    kind: str | None
    department: str | None
    case_no: str | None
    party: str | None
    cause: str | None
    status: str
    pages: list[PageInfo]
    documents: list[DocumentInfo]
    facts: dict[str, FactInfo]
    # The dossier's 卷内目录 as read (empty when it has none); pages as printed in it.
    contents: list[ContentsRow] = field(default_factory=list)


def fact_info(field: CaseField) -> FactInfo:
    """A stored fact row as plain data; rows from before rev 0005 read as a single source."""
    region = field.region
    return FactInfo(
        value=field.value,
        page=field.page,
        source=field.source,
        status="confirmed" if field.source == "user" else (field.status or "single"),
        confidence=field.confidence,
        region=tuple(region) if isinstance(region, list) and len(region) == 4 else None,
        readings=tuple(field.readings) if isinstance(field.readings, list) else (),
    )


def _lines(raw: Any) -> list[OcrLine]:
    if not isinstance(raw, list):
        return []
    lines = []
    for entry in raw:
        if isinstance(entry, dict) and "text" in entry and "box" in entry:
            lines.append(OcrLine(str(entry["text"]), entry["box"], entry.get("score")))
    return lines


def _contents(case: CaseFile, documents: list[DocumentInfo]) -> list[ContentsRow]:
    """The rows of the dossier's 卷内目录, read from the stored OCR of its pages only."""
    toc = next((d for d in documents if d.type == CONTENTS), None)
    if toc is None:
        return []
    records = [
        {"width": p.width, "height": p.height, "lines": _boxes(p.ocr_boxes)}
        for p in case.pages
        if toc.first_page <= p.index <= toc.last_page
    ]
    return parse_contents(pages_from_records(records), toc.first_page)


def _boxes(raw: Any) -> list[dict[str, Any]]:
    return [{"text": ln.text, "box": ln.box, "score": ln.score or 1.0} for ln in _lines(raw)]


class CaseDetailService:
    def __init__(self, db: Database, paths: Paths) -> None:
        self.db = db
        self.paths = paths

    def detail(self, case_id: int) -> CaseDetail:
        with self.db.session() as session:
            case = require_case_file(session, case_id)
            department = session.scalar(
                select(Department.name).where(Department.id == case.department_id)
            )
            documents = [
                DocumentInfo(d.id, d.type, d.title, d.first_page, d.last_page, d.user_edited)
                for d in case.documents
            ]
            facts: dict[str, FactInfo] = {}
            # A user's correction wins over what extraction found.
            for f in sorted(case.fields, key=lambda f: f.source == "user"):
                facts[f.name] = fact_info(f)
            return same_named(
                CaseDetail,
                case,
                file_path=readable_path(self.paths, case.stored_path, case.sha256),
                department=department,
                pages=[
                    PageInfo(p.index, p.width, p.height, p.rotation, p.has_text_layer, p.ocr_status)
                    for p in case.pages
                ],
                documents=documents,
                facts=facts,
                contents=_contents(case, documents),
            )

    def page_text(self, case_id: int, page_index: int) -> PageText:
        with self.db.session() as session:
            page = session.scalar(
                select(Page).where(Page.case_file_id == case_id, Page.index == page_index)
            )
            if page is None:
                raise NotFoundError(f"案卷 {case_id} 没有第 {page_index} 页。")
            return PageText(page.index, page.ocr_text or "", _lines(page.ocr_boxes))

    def page_rotations(self, case_id: int) -> dict[int, int]:
        """How each turned page stands upright (1-based page → clockwise degrees): the
        reviewer's rotation or the turn its reading found, for pictures cut from the scan."""
        with self.db.session() as session:
            rows = session.execute(
                select(Page.index, Page.rotation).where(
                    Page.case_file_id == case_id, Page.rotation != 0
                )
            )
            return {int(index): int(rotation) for index, rotation in rows}

    def set_rotation(self, case_id: int, page_index: int, rotation: int) -> OpChanges:
        """Store the reviewer's rotation of a page (derived data; the scan is never modified)."""
        if rotation % 360 not in ROTATIONS:
            raise UserError("页面只能旋转 90 度的整数倍。")
        with self.db.session() as session:
            page = session.scalar(
                select(Page).where(Page.case_file_id == case_id, Page.index == page_index)
            )
            if page is None:
                raise NotFoundError(f"案卷 {case_id} 没有第 {page_index} 页。")
            page.rotation = rotation % 360
        return OpChanges(case_facts=True).with_ids(None, case_id)


CLI_DATES = ("filed", "notice", "decided", "served", "closed", "seized", "released")
FACT_NAMES = ("case_no", "party", "cause", "fine_yuan")
DATE_FACT_PREFIX = "date."


def _number(value: str | None) -> float | int | None:
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return int(number) if number.is_integer() else number


def case_json(detail: CaseDetail) -> dict[str, object]:
    """The CLI's ``case show`` document (keys fixed by CLI.md; unknown → null; pages 1-based)."""
    facts = detail.facts

    def value(name: str) -> str | None:
        fact = facts.get(name)
        return fact.value if fact else None

    return {
        "id": detail.id,
        "kind": detail.kind,
        "department": detail.department,
        "pages": len(detail.pages),
        "file": detail.original_name,
        "status": detail.status,
        "documents": [
            {
                "type": d.type,
                "name": display_name(d.type, d.first_page),
                "title": d.title,
                "first_page": d.first_page,
                "last_page": d.last_page,
            }
            for d in detail.documents
        ],
        "fields": {
            "case_no": value("case_no"),
            "party": value("party"),
            "cause": value("cause"),
            "fine_yuan": _number(value("fine_yuan")),
            "dates": {key: value(DATE_FACT_PREFIX + key) for key in CLI_DATES},
        },
        "sources": {
            name: {"page": fact.page, "source": fact.source} for name, fact in sorted(facts.items())
        },
        "contents": [
            {
                "number": r.number,
                "title": r.title,
                "doc_no": r.doc_no,
                "date": r.date.isoformat() if r.date else None,
                "first_page": r.first_page,
                "last_page": r.last_page,
                "page": r.page,
            }
            for r in detail.contents
        ],
    }
