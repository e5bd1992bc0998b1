"""The case-file library: registering dossiers and listing them.

An imported file is hashed (a file already in the library is reported, not imported twice),
copied into the library folder under its hash and never touched again; its pages are
recorded. The copy is written under a temporary name and renamed into place before the
database row is committed; a failure removes it again. A killed process can at worst leave
an unreferenced file in the library folder (harmless: a re-import reuses its name), never a
database row without its file.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select

from app.changes import OpChanges
from app.config import Paths
from app.errors import UserError, os_reason
from app.private_files import make_private, private_dir
from app.same_named import same_named
from app.store import repositories
from app.store.database import Database
from app.store.models import CaseFile, Department, Page
from app.tasks import Writer, write_here
from scoring.checklist import CASE_KIND_LABELS

KIND_LABELS = CASE_KIND_LABELS
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


def folder_pages(folder: Path) -> list[Path]:
    """The page images of a folder dossier in natural order (2.jpg before 10.jpg)."""
    from app.casefiles.page_source import IMAGE_SUFFIXES, natural_key

    return sorted(
        (p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES),
        key=lambda p: natural_key(p.name),
    )


def dossier_digest(path: Path) -> str:
    """A file's SHA-256; for a folder, the SHA-256 of its page images' digests in page order,
    so the same scans are recognised whatever the folder is called."""
    if not path.is_dir():
        return sha256_of(path)
    combined = hashlib.sha256(b"folder:")
    for page in folder_pages(path):
        combined.update(sha256_of(page).encode("ascii"))
    return combined.hexdigest()


def source_kind_of(path: Path) -> str:
    if path.is_dir():
        return "images"
    if path.suffix.lower() == ".pdf":
        return "pdf"
    return "tiff" if path.suffix.lower() in (".tif", ".tiff") else "images"


@dataclass(frozen=True)
class _Scan:
    sizes: list[tuple[float, float, bool]]  # (width, height, has_text_layer) in PDF points


def _scan(path: Path, password: str | None) -> _Scan:
    """Open the dossier the way the viewer and OCR will, and read every page's size.

    Raises the page source's Chinese errors (corrupt, encrypted, empty, no images …).
    Imported here: PyMuPDF costs a second and the window/CLI start must not pay it."""
    from app.casefiles.page_source import open_pages

    with open_pages(path, password) as source:
        return _Scan(
            [(*source.page_size(i), source.has_text_layer(i)) for i in range(source.count)]
        )


def _copy_into_library(source: Path, final: Path) -> None:
    """Copy the original under a temporary name and rename it into place (atomic on one disk)."""
    partial = final.with_name(final.name + ".part")
    if partial.exists():
        shutil.rmtree(partial) if partial.is_dir() else partial.unlink()
    try:
        if source.is_dir():
            partial.mkdir(parents=True)
            for page in folder_pages(source):
                shutil.copyfile(page, partial / page.name)
        else:
            shutil.copyfile(source, partial)
    except OSError as exc:  # a full disk or a read-only library: no partial copy stays
        _remove(partial)
        with contextlib.suppress(OSError):
            final.parent.rmdir()  # the shard folder, when this copy was to be its first
        raise UserError(
            f"无法把“{source.name}”复制到案卷库“{final.parent.parent}”：{os_reason(exc)}。"
            "未导入，已有数据未受影响。"
        ) from exc
    if final.exists():  # left by a killed import whose row never committed
        shutil.rmtree(final) if final.is_dir() else final.unlink()
    make_private(partial)  # a copy of the dossier: the parties' names and ID numbers
    os.replace(partial, final)


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def readable_copy_path(paths: Paths, digest: str) -> Path:
    """Where an encrypted PDF's decrypted working copy lives (derived data, never the original)."""
    return paths.derived_dir / digest[:2] / f"{digest}-readable.pdf"


def readable_path(paths: Paths, stored_path: str, digest: str) -> Path:
    """The file the viewer and OCR open: the library copy, or for an encrypted PDF its
    decrypted working copy."""
    readable = readable_copy_path(paths, digest)
    return readable if readable.exists() else paths.library_dir / stored_path


def _write_readable_copy(original: Path, password: str, target: Path) -> None:
    import pymupdf  # imported here: it costs ~1 s and the window/CLI start must not pay it

    private_dir(target.parent)
    with pymupdf.open(original) as doc:
        doc.authenticate(password)
        doc.save(target, encryption=pymupdf.PDF_ENCRYPT_NONE)  # type: ignore[attr-defined]  # constant missing from PyMuPDF's type stubs
    make_private(target)  # decrypted: it must not be more open than the original


class LibraryService:
    """Queries and imports over the library; every call opens its own short session."""

    def __init__(self, db: Database, paths: Paths) -> None:
        self.db = db
        self.paths = paths

    def is_empty(self) -> bool:
        with self.db.session() as session:
            return not session.scalar(select(func.count(CaseFile.id)))

    def count_real_dossiers(self) -> int:
        """Dossiers that are not the demo's (a demo library may not be built over them)."""
        with self.db.session() as session:
            return (
                session.scalar(select(func.count(CaseFile.id)).where(CaseFile.demo.is_(False))) or 0
            )

    def list_cases(self) -> list[CaseSummary]:
        with self.db.session() as session:
            rows = session.execute(
                select(CaseFile, Department.name)
                .outerjoin(Department, CaseFile.department_id == Department.id)
                .order_by(CaseFile.id)
            ).all()
            return [
                same_named(
                    CaseSummary,
                    case,
                    department=dept,
                    pages=case.page_count,
                    file_name=case.original_name,
                )
                for case, dept in rows
            ]

    def departments(self) -> list[str]:
        with self.db.session() as session:
            return [d.name for d in repositories.list_departments(session)]

    def set_classification(
        self, case_id: int, department: str | None, kind: str | None
    ) -> OpChanges:
        """The reviewer confirms (or corrects) the department and kind the import guessed."""
        if kind is not None and kind not in KIND_LABELS:
            raise UserError(
                f"案件类型应为 penalty（行政处罚）或 coercion（行政强制），而不是“{kind}”。"
            )
        with self.db.session() as session:
            case = repositories.require_case_file(session, case_id)
            department = (department or "").strip()
            case.department = (
                repositories.get_or_create_department(session, department) if department else None
            )
            case.kind = kind
        return OpChanges(library=True, case_facts=True).with_ids(None, case_id)

    def unfinished_case_ids(self) -> list[int]:
        """Dossiers whose reading was interrupted (a killed process, a closed window)."""
        with self.db.session() as session:
            return list(
                session.scalars(
                    select(CaseFile.id)
                    .where(CaseFile.status.in_(("imported", "processing")))
                    .order_by(CaseFile.id)
                )
            )

    def import_pdf(
        self, source: Path, department: str | None = None, kind: str | None = None, **kw
    ):
        """Kept for callers that know they hold a PDF; see :meth:`import_path`."""
        return self.import_path(source, department, kind, **kw)

    def import_path(
        self,
        source: Path,
        department: str | None = None,
        kind: str | None = None,
        *,
        password: str | None = None,
        demo: bool = False,
        write: Writer = write_here,
    ) -> ImportOutcome:
        """Register one dossier (a PDF, an image, a multi-page TIFF or a folder of page images).

        A dossier already in the library returns its id as ``duplicate_of``. Bad input raises
        a :class:`UserError` in Chinese and leaves nothing behind. Hashing, scanning and
        copying run here; the one database write runs through ``write`` (the window's
        writer when a long job imports, see ``app/tasks.py``)."""
        source = Path(source)
        if not source.exists():
            raise UserError(f"找不到文件：{source}")
        if kind is not None and kind not in KIND_LABELS:
            raise UserError(
                f"案件类型应为 penalty（行政处罚）或 coercion（行政强制），而不是“{kind}”。"
            )
        if source.is_dir() and not folder_pages(source):
            raise UserError(f"文件夹“{source.name}”中没有页面图片（JPG、PNG、TIFF），未导入。")
        digest = dossier_digest(source)
        with self.db.session() as session:
            existing = session.scalar(select(CaseFile).where(CaseFile.sha256 == digest))
            if existing is not None:
                return ImportOutcome(existing.id, source.name, existing.page_count, existing.id)
        scan = _scan(source, password)
        if not scan.sizes:
            raise UserError(f"“{source.name}”中没有页面，未导入。")

        suffix = "" if source.is_dir() else source.suffix.lower()
        relative = Path(digest[:2]) / f"{digest}{suffix}"
        final = self.paths.library_dir / relative
        try:
            private_dir(final.parent)
        except OSError as exc:
            raise UserError(
                f"无法在案卷库“{self.paths.library_dir}”中建立文件夹：{os_reason(exc)}。未导入。"
            ) from exc
        _copy_into_library(source, final)
        readable = readable_copy_path(self.paths, digest)
        try:
            if password:
                _write_readable_copy(final, password, readable)

            def register() -> int:
                with self.db.session() as session:
                    case = CaseFile(
                        sha256=digest,
                        original_name=source.name,
                        stored_path=relative.as_posix(),
                        source_kind=source_kind_of(source),
                        page_count=len(scan.sizes),
                        department=(
                            repositories.get_or_create_department(session, department)
                            if department
                            else None
                        ),
                        kind=kind,
                        demo=demo,
                        status="imported",
                    )
                    case.pages = [
                        Page(index=i, width=w, height=h, has_text_layer=t)
                        for i, (w, h, t) in enumerate(scan.sizes, start=1)
                    ]
                    session.add(case)
                    session.flush()
                    return case.id

            case_id = write(register)
        except BaseException:
            _remove(final)
            readable.unlink(missing_ok=True)
            raise
        return ImportOutcome(case_id, source.name, len(scan.sizes), None)
