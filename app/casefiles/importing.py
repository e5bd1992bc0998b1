"""Importing a batch of dossiers: what the reviewer dropped or named, each one registered and
read (OCR, documents, facts, search index), one bad file never stopping the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from app.casefiles.library import ImportOutcome, LibraryService
from app.casefiles.processing import CaseProcessor, ProcessResult
from app.errors import UserError, os_reason
from app.tasks import Cancelled, TaskState
from app.work_queue import REGISTERING

_DOSSIER_FILES = (".pdf", ".tif", ".tiff")


@dataclass
class ImportItem:
    """The outcome for one input: registered (maybe as a duplicate) and read, or an error."""

    path: Path
    outcome: ImportOutcome | None = None
    processed: ProcessResult | None = None
    error: str | None = None
    needs_password: bool = False

    def as_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "id": self.outcome.id if self.outcome else None,
            "file": self.path.name,
            "pages": self.outcome.pages if self.outcome else None,
            "duplicate_of": self.outcome.duplicate_of if self.outcome else None,
        }
        if self.error:
            data["error"] = self.error
        if self.processed and self.processed.failed_pages:
            data["failed_pages"] = self.processed.failed_pages
        return data


def expand_inputs(paths: Iterable[Path]) -> list[Path]:
    """The dossiers named by ``paths``.

    A file is a dossier. A folder holding PDFs or TIFFs is a batch: each of those files (and
    each sub-folder) is a dossier. A folder holding only page images is one dossier."""
    found: list[Path] = []
    for path in paths:
        path = Path(path)
        if not path.is_dir():
            found.append(path)
            continue
        entries = sorted(path.iterdir())
        dossier_files = [p for p in entries if p.is_file() and p.suffix.lower() in _DOSSIER_FILES]
        subfolders = [p for p in entries if p.is_dir()]
        if dossier_files or (subfolders and not _has_images(path)):
            found.extend(dossier_files)
            found.extend(expand_inputs(subfolders))
        else:
            found.append(path)
    return found


def _has_images(folder: Path) -> bool:
    from app.casefiles.library import folder_pages

    return bool(folder_pages(folder))


class Importer:
    def __init__(self, library: LibraryService, processor: Callable[[], CaseProcessor]) -> None:
        self.library = library
        self._processor_factory = processor
        self._processor: CaseProcessor | None = None

    @property
    def processor(self) -> CaseProcessor:
        if self._processor is None:
            self._processor = self._processor_factory()
        return self._processor

    def import_paths(
        self,
        paths: Iterable[Path],
        *,
        department: str | None = None,
        kind: str | None = None,
        password: str | None = None,
        ocr: bool = True,
        state: TaskState | None = None,
    ) -> list[ImportItem]:
        state = state or TaskState()
        from app.casefiles.page_source import PasswordRequired

        inputs = expand_inputs(paths)
        items: list[ImportItem] = []
        for n, path in enumerate(inputs):
            state.progress(n, len(inputs), f"正在导入 {path.name}（{n + 1}/{len(inputs)}）")
            state.describe(dossier=path.name, stage=REGISTERING, index=n + 1, count=len(inputs))
            item = ImportItem(path)
            items.append(item)
            try:
                item.outcome = self.library.import_path(
                    path, department, kind, password=password, write=state.write
                )
            except PasswordRequired as exc:
                item.error, item.needs_password = str(exc), True
                continue
            except UserError as exc:
                item.error = str(exc)
                continue
            except OSError as exc:
                item.error = f"“{path.name}”无法读取或写入：{os_reason(exc)}"
                continue
            if ocr and item.outcome.duplicate_of is None:
                try:
                    item.processed = self.processor.process(item.outcome.id, state)
                except Cancelled:
                    raise
                except UserError as exc:
                    item.error = f"已导入，但识别失败：{exc}"
        state.progress(len(inputs), len(inputs), "导入完成")
        return items

    def close(self) -> None:
        if self._processor is not None:
            self._processor.close()
