"""Turning a registered dossier into something a reviewer can read and reason about.

Order matters for the reviewer waiting on an import: the top band of every page is read
first, so the documents of the dossier are known within seconds; the full text follows,
page by page, each page committed as soon as it is read (a killed process resumes where it
stopped); then the dossier is split again on the full text, its facts extracted and its
pages indexed for search.

What a reviewer corrected wins over what the machine found: an outline entry the user
adjusted is never replaced (the machine's other entries are refreshed around it), a fact
the user set is never overwritten.

Reading and OCR run wherever the caller runs this; every write is one small closure handed
to ``state.write`` (the window's one database writer, or the calling thread on the command
line), so a long reading never writes to the database behind the window's back.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import partial

from sqlalchemy import delete, select

from app.casefiles.case_detail import DATE_FACT_PREFIX, FACT_NAMES
from app.casefiles.fact_model import Region
from app.casefiles.facts import Fact, Facts, extract_facts, reading_json, stored_value
from app.casefiles.library import readable_path
from app.casefiles.ocr_pool import Mode, OcrPool, PageResult
from app.casefiles.page_lines import A4_POINTS, stored_page_input, turn_of
from app.casefiles.page_turn import scan_rect
from app.casefiles.search_index import index_pages
from app.casefiles.splitting import (
    DocumentSpan,
    PageInput,
    fill_around,
    load_split_config,
    split_dossier,
)
from app.changes import OpChanges
from app.config import Paths
from app.store import repositories
from app.store.database import Database
from app.store.models import CaseField, CaseFile, Document, Page
from app.tasks import Cancelled, TaskState
from app.work_queue import FACTS, FULL_PASS, TITLE_PASS


@dataclass
class ProcessResult:
    case_id: int
    pages: int
    ocr_pages: int  # pages read by OCR in this run (pages already done are skipped)
    failed_pages: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds_to_documents: float | None = None
    seconds: float = 0.0

    @property
    def changes(self) -> OpChanges:
        """Reading a dossier changes its pages, text, outline and facts."""
        return OpChanges(library=True, case_facts=True).with_ids(None, self.case_id)


def _lines_json(result: PageResult) -> list[dict]:
    assert result.text is not None
    out: list[dict] = []
    for ln in result.text.lines:
        record = {"text": ln.text, "box": [list(p) for p in ln.box], "score": round(ln.score, 4)}
        if ln.reread is not None:
            record["reread"] = ln.reread.json()
        if result.text.turned:
            record["turn"] = result.text.turned  # read turned, boxed on the scan (page_turn)
        out.append(record)
    return out


def _on_scan(fact: Fact | None, pages: dict[int, tuple[int, tuple[float, float]]]) -> Fact | None:
    """``fact`` with its regions put back on the scan where its page was read turned: the
    reader saw the page upright, the crops and the viewer draw on the scan."""
    if fact is None:
        return None

    def back(page: int, region: Region | None) -> Region | None:
        turn, size = pages.get(page, (0, (0.0, 0.0)))
        return scan_rect(region, size, turn) if region is not None and turn else region

    readings = tuple(replace(r, region=back(r.page, r.region)) for r in fact.readings)
    return replace(fact, region=back(fact.page, fact.region), readings=readings)


def guess_kind(documents: list[DocumentSpan]) -> str | None:
    """Penalty or coercion from the document types found (查封扣押决定书 → coercion …)."""
    kinds = {t.id: t.kind for t in load_split_config().types}
    votes = Counter(kinds.get(d.type) for d in documents)
    penalty, coercion = votes.get("penalty", 0), votes.get("coercion", 0)
    if penalty == coercion == 0:
        return None
    return "coercion" if coercion > penalty else "penalty"


class CaseProcessor:
    """Runs OCR, splitting, fact extraction and indexing for dossiers of one library."""

    def __init__(self, db: Database, paths: Paths, pool: OcrPool | None = None) -> None:
        self.db = db
        self.paths = paths
        self._own_pool = pool is None
        self.pool = pool or OcrPool()

    def close(self) -> None:
        if self._own_pool:
            self.pool.close()

    # ------------------------------------------------------------------ steps
    def _load(self, case_id: int) -> tuple[str, str, list[Page]]:
        """The dossier's readable file, the name the reviewer knows it by, its pages."""
        with self.db.session() as session:
            case = repositories.require_case_file(session, case_id)
            path = str(readable_path(self.paths, case.stored_path, case.sha256))
            return path, case.case_no or case.original_name, list(case.pages)

    def reset(self, case_id: int) -> None:
        """Forget the OCR text so the next run reads every page again (corrections are kept)."""
        with self.db.session() as session:
            for page in session.scalars(select(Page).where(Page.case_file_id == case_id)):
                page.ocr_status = "pending"

    def process(
        self, case_id: int, state: TaskState | None = None, *, redo: bool = False
    ) -> ProcessResult:
        state = state or TaskState()
        started = time.perf_counter()
        if redo:
            state.write(lambda: self.reset(case_id))
        path, name, pages = self._load(case_id)
        state.describe(dossier=name, case_id=case_id)
        result = ProcessResult(case_id, len(pages), 0)
        # the pages to read, each with the turn it is read with: a reviewer's rotation (or
        # the turn an earlier reading found) is how the page stands upright
        pending = {p.index: p.rotation or 0 for p in pages if p.ocr_status != "done"}
        state.write(lambda: self._set_status(case_id, "processing"))
        try:
            if pending:
                state.describe(stage=TITLE_PASS)
                spans = split_dossier(self._title_pass(path, pages, pending, state))
                state.write(lambda: self._save_documents(case_id, spans))
                result.seconds_to_documents = time.perf_counter() - started
                state.describe(stage=FULL_PASS)
                self._full_pass(case_id, path, pending, state, result)
            state.describe(stage=FACTS)
            self._finish(case_id, state)
        except Cancelled:
            # 识别中 would be a lie once nothing reads it: it waits again (待识别), and
            # the pages already read are kept for the next run.
            state.write(lambda: self._set_status(case_id, "imported"))
            raise
        result.seconds = time.perf_counter() - started
        if result.seconds_to_documents is None:
            result.seconds_to_documents = result.seconds
        return result

    def _title_pass(
        self, path: str, pages: list[Page], pending: dict[int, int], state: TaskState
    ) -> list[PageInput]:
        by_index = {p.index: stored_page_input(p.ocr_boxes, p.width, p.height) for p in pages}
        sizes = {p.index: (p.width, p.height) for p in pages}
        for index, page_result in self._read(
            path, pending, "title", state, "正在识别各页标题 {done}/{total}"
        ):
            if page_result.text is not None:
                by_index[index] = stored_page_input(_lines_json(page_result), *sizes[index])
        return [by_index[p.index] for p in pages]

    def _full_pass(
        self,
        case_id: int,
        path: str,
        pending: dict[int, int],
        state: TaskState,
        result: ProcessResult,
    ) -> None:
        for index, page_result in self._read(
            path, pending, "full", state, "正在识别全文 {done}/{total} 页"
        ):
            state.write(partial(self._save_page, case_id, index, page_result))
            if page_result.text is None:
                result.failed_pages.append(index)
                result.errors.append(page_result.error or f"第 {index} 页识别失败")
            else:
                result.ocr_pages += 1

    def _read(
        self, path: str, pending: dict[int, int], mode: Mode, state: TaskState, wording: str
    ) -> Iterator[tuple[int, PageResult]]:
        """One OCR pass over the ``pending`` pages (1-based, each with its turn): each page
        with its number as soon as it is read; progress in ``wording`` (with ``{done}`` and
        ``{total}``)."""

        def report(done: int, total: int, _message: str) -> None:
            state.progress(done, total, wording.format(done=done, total=total))

        pass_state = state.child(report)
        turns = {i - 1: turn for i, turn in pending.items() if turn}
        for page_result in self.pool.run(
            path, [i - 1 for i in pending], mode=mode, state=pass_state, turns=turns
        ):
            yield page_result.index + 1, page_result

    def _save_page(self, case_id: int, index: int, page_result: PageResult) -> None:
        """Store one page's reading (committed at once: a killed process resumes after it)."""
        with self.db.session() as session:
            page = session.scalar(
                select(Page).where(Page.case_file_id == case_id, Page.index == index)
            )
            assert page is not None
            if page_result.text is None:
                page.ocr_status = "failed"
                return
            page.ocr_text = page_result.text.text
            page.ocr_boxes = _lines_json(page_result)
            if page_result.text.turned:  # shown as it was read: upright
                page.rotation = page_result.text.turned
            page.ocr_status = "done"
            index_pages(session, case_id, [index])

    def _save_documents(self, case_id: int, spans: list[DocumentSpan]) -> None:
        """Replace the machine's outline; the entries a reviewer adjusted stay as they are
        and the machine's reading fills the pages around them (``fill_around``): a reviewer
        expects their own fix to survive a re-read, and the rest to get the better reading."""
        with self.db.session() as session:
            kept = [
                (d.first_page, d.last_page)
                for d in session.scalars(
                    select(Document).where(Document.case_file_id == case_id, Document.user_edited)
                )
            ]
            session.execute(
                delete(Document).where(
                    Document.case_file_id == case_id, Document.user_edited.is_(False)
                )
            )
            for span in fill_around(spans, kept):
                session.add(
                    Document(
                        case_file_id=case_id,
                        type=span.type,
                        title=span.title or None,
                        first_page=span.first_page,
                        last_page=span.last_page,
                    )
                )

    def _finish(self, case_id: int, state: TaskState) -> None:
        with self.db.session() as session:
            case = session.get(CaseFile, case_id)
            assert case is not None
            inputs = [stored_page_input(p.ocr_boxes, p.width, p.height) for p in case.pages]
            turns = {
                p.index: (turn_of(p.ocr_boxes), (p.width or A4_POINTS[0], p.height or A4_POINTS[1]))
                for p in case.pages
                if turn_of(p.ocr_boxes)
            }
        spans = split_dossier(inputs)
        state.write(lambda: self._save_documents(case_id, spans))
        with self.db.session() as session:
            stored = [
                DocumentSpan(d.type, d.title or "", d.first_page, d.last_page, 1.0)
                for d in session.scalars(
                    select(Document)
                    .where(Document.case_file_id == case_id)
                    .order_by(Document.first_page)
                )
            ]
        facts = extract_facts(inputs, stored)
        if turns:
            facts = replace(
                facts,
                **{n: _on_scan(getattr(facts, n), turns) for n in FACT_NAMES},
                dates={key: _on_scan(fact, turns) for key, fact in facts.dates.items()},
            )
        state.write(lambda: self._save_facts(case_id, facts, stored))

    def _save_facts(self, case_id: int, facts: Facts, documents: list[DocumentSpan]) -> None:
        named: dict[str, Fact | None] = {name: getattr(facts, name) for name in FACT_NAMES}
        named.update({DATE_FACT_PREFIX + key: fact for key, fact in facts.dates.items()})
        values = {
            name: None if fact is None else stored_value(fact.value) for name, fact in named.items()
        }
        with self.db.session() as session:
            case = session.get(CaseFile, case_id)
            assert case is not None
            session.execute(
                delete(CaseField).where(
                    CaseField.case_file_id == case_id, CaseField.source == "extracted"
                )
            )
            user = {f.name: f.value for f in case.fields if f.source == "user"}
            for name, fact in named.items():
                if fact is not None:
                    session.add(
                        CaseField(
                            case_file_id=case_id,
                            name=name,
                            value=values[name],
                            page=fact.page,
                            source="extracted",
                            status=fact.status,
                            confidence=fact.confidence,
                            region=list(fact.region) if fact.region else None,
                            readings=[reading_json(r) for r in fact.readings] or None,
                        )
                    )

            def effective(name: str) -> str | None:
                return user[name] if name in user else values.get(name)

            case.case_no = effective("case_no")
            case.party = effective("party")
            case.cause = effective("cause")
            if case.kind is None:
                case.kind = guess_kind(documents)
            if case.department_id is None:
                guessed = guess_department([p.ocr_text or "" for p in case.pages], session)
                if guessed:
                    case.department = repositories.get_or_create_department(session, guessed)
            case.status = "ready"

    def _set_status(self, case_id: int, status: str) -> None:
        with self.db.session() as session:
            case = session.get(CaseFile, case_id)
            if case is not None:
                case.status = status


def guess_department(texts: list[str], session) -> str | None:
    """The enforcement organ named most often in the dossier: a department already in the
    library if one appears, else the most frequent organ-like name (…局, …人民政府)."""
    from app.casefiles.organs import organ_names

    known = [d.name for d in repositories.list_departments(session)]
    joined = "\n".join(texts)
    counts = Counter({name: joined.count(name) for name in known if joined.count(name)})
    if counts:
        return counts.most_common(1)[0][0]
    found = Counter(organ_names(joined))
    return found.most_common(1)[0][0] if found else None
