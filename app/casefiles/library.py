"""The case-file library: registering dossiers and listing them.

An imported file is hashed (a file already in the library is reported, not imported twice),
copied into the library folder under its hash and never touched again; its pages are
recorded. The copy is written under a temporary name and renamed into place before the
database row is committed; a failure removes it again. A killed process can at worst leave
an unreferenced file in the library folder (harmless: a re-import reuses its name), never a
database row without its file.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select

from app.config import Paths
from app.errors import UserError
from app.store import repositories
from app.store.database import Database
from app.store.models import CaseFile, Department, Page

KIND_LABELS = {"penalty": "行政处罚", "coercion": "行政强制"}
_HASH_CHUNK = 1 << 20


@dataclass(frozen=True)
class CaseSummary:
    """One row of the library list, as plain data for the window and the CLI."""

    id: int
    case_no: str | None
    department: str | None
    kind: str | None
    party: str | None
    pages: int
    file_name: str
    imported_at: datetime | None
    status: str


@dataclass(frozen=True)
class ImportOutcome:
    id: int
    file: str
    pages: int
    duplicate_of: int | None


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _pdf_page_sizes(path: Path) -> list[tuple[float, float, bool]]:
    """(width, height, has_text_layer) per page; a clear Chinese error for a bad PDF."""
    import pymupdf  # imported here: it costs ~1 s and the window/CLI start must not pay it

    if path.stat().st_size == 0:
        raise UserError(f"{path.name}：文件为空（0 字节），未导入。")
    try:
        doc = pymupdf.open(path, filetype="pdf")
    except Exception as exc:
        raise UserError(f"{path.name}：不是有效的 PDF 文件或文件已损坏，未导入。") from exc
    with doc:
        if doc.needs_pass:
            raise UserError(f"{path.name}：PDF 已加密，需要密码才能导入。")
        if doc.page_count == 0:
            raise UserError(f"{path.name}：PDF 中没有页面，未导入。")
        sizes = []
        for page in doc:
            has_text = bool(page.get_text("text").strip())
            sizes.append((page.rect.width, page.rect.height, has_text))
        return sizes


class LibraryService:
    """Queries and imports over the library; every call opens its own short session."""

    def __init__(self, db: Database, paths: Paths) -> None:
        self.db = db
        self.paths = paths

    def is_empty(self) -> bool:
        with self.db.session() as session:
            return not session.scalar(select(func.count(CaseFile.id)))

    def list_cases(self) -> list[CaseSummary]:
        with self.db.session() as session:
            rows = session.execute(
                select(CaseFile, Department.name)
                .outerjoin(Department, CaseFile.department_id == Department.id)
                .order_by(CaseFile.id)
            ).all()
            return [
                CaseSummary(
                    id=case.id,
                    case_no=case.case_no,
                    department=dept,
                    kind=case.kind,
                    party=case.party,
                    pages=case.page_count,
                    file_name=case.original_name,
                    imported_at=case.imported_at,
                    status=case.status,
                )
                for case, dept in rows
            ]

    def import_pdf(
        self,
        source: Path,
        department: str | None = None,
        kind: str | None = None,
        *,
        case_no: str | None = None,
        party: str | None = None,
        demo: bool = False,
    ) -> ImportOutcome:
        """Register one PDF dossier; a file already in the library returns its id as duplicate."""
        source = Path(source)
        if not source.is_file():
            raise UserError(f"找不到文件：{source}")
        if kind is not None and kind not in KIND_LABELS:
            raise UserError(
                f"案件类型应为 penalty（行政处罚）或 coercion（行政强制），而不是“{kind}”。"
            )
        digest = sha256_of(source)
        with self.db.session() as session:
            existing = session.scalar(select(CaseFile).where(CaseFile.sha256 == digest))
            if existing is not None:
                return ImportOutcome(existing.id, source.name, existing.page_count, existing.id)
        sizes = _pdf_page_sizes(source)

        relative = Path(digest[:2]) / f"{digest}.pdf"
        final = self.paths.library_dir / relative
        final.parent.mkdir(parents=True, exist_ok=True)
        partial = final.with_suffix(".part")
        shutil.copyfile(source, partial)
        os.replace(partial, final)
        try:
            with self.db.session() as session:
                case = CaseFile(
                    sha256=digest,
                    original_name=source.name,
                    stored_path=relative.as_posix(),
                    source_kind="pdf",
                    page_count=len(sizes),
                    department=(
                        repositories.get_or_create_department(session, department)
                        if department
                        else None
                    ),
                    kind=kind,
                    case_no=case_no,
                    party=party,
                    demo=demo,
                    status="imported",
                )
                case.pages = [
                    Page(index=i, width=w, height=h, has_text_layer=t)
                    for i, (w, h, t) in enumerate(sizes, start=1)
                ]
                session.add(case)
                session.flush()
                case_id = case.id
        except BaseException:
            final.unlink(missing_ok=True)
            raise
        return ImportOutcome(case_id, source.name, len(sizes), None)
