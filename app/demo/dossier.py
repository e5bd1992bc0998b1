"""A whole dossier laid out: documents in order, pages numbered, planted page gap applied.

Archive practice (卷内文件): the cover, the 卷内目录 and the 备考表 carry no 页码; the
documents between them are numbered from 1. The 目录 and the cover are written from the
numbering, so they must be laid out after the documents they describe.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.demo.case import Case, build_case
from app.demo.docs_coercion import coercion_documents
from app.demo.docs_forms import archive_note, catalogue, cover
from app.demo.docs_penalty import penalty_documents
from app.demo.flow import Document
from app.demo.layout import LaidPage, lay_document, page_number_op
from app.demo.spec import DossierSpec


@dataclass
class LaidDossier:
    case: Case
    documents: list[Document]
    pages: list[LaidPage]  # as in the output file (a planted gap already removed)
    gap_page: int | None = None  # 1-based file page right after which a page is missing

    def page_range(self, role: str) -> tuple[int, int] | None:
        """First and last file page (1-based) of the document with ``role``."""
        index = next((i for i, d in enumerate(self.documents) if d.role == role), None)
        if index is None:
            return None
        numbers = [n for n, p in enumerate(self.pages, start=1) if p.doc_index == index]
        return (numbers[0], numbers[-1]) if numbers else None

    def document(self, role: str) -> Document | None:
        return next((d for d in self.documents if d.role == role), None)


def _pages_label(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}-{last}"


def lay_dossier(spec: DossierSpec) -> LaidDossier:
    """Build and paginate the dossier of ``spec`` (no rasterising: cheap and deterministic)."""
    case = build_case(spec)
    body = penalty_documents(case) if spec.kind == "penalty" else coercion_documents(case)
    body_pages = [lay_document(doc, index + 2) for index, doc in enumerate(body)]
    entries = []
    number = 0
    for doc, pages in zip(body, body_pages, strict=True):
        first = number + 1
        for page in pages:
            number += 1
            page.printed_no = number
            page.ops.append(page_number_op(number))
        day = f"{doc.day:%Y%m%d}" if doc.day else ""
        entries.append((doc.doc_no, doc.title, day, _pages_label(first, number)))
    front = [cover(case, number, len(body)), catalogue(entries, case.organ)]
    back = archive_note(case, len(body), number)
    documents = [*front, *body, back]
    pages = lay_document(front[0], 0) + lay_document(front[1], 1)
    for doc_pages in body_pages:
        pages += doc_pages
    pages += lay_document(back, len(documents) - 1)
    gap_page = None
    if case.has("page_gap"):
        index = next(i for i, d in enumerate(documents) if d.role == "inquiry")
        own = [n for n, p in enumerate(pages) if p.doc_index == index]
        if len(own) < 2:
            raise RuntimeError("询问笔录不足两页，无法设置缺页")
        drop = own[len(own) // 2] if len(own) > 2 else own[1]
        del pages[drop]
        gap_page = drop  # 0-based index of the dropped page == 1-based number of the page before it
    return LaidDossier(case, documents, pages, gap_page)
