"""Checklists (评查标准) as the product uses them: bundled, imported, versioned in the database.

The data files are the source of truth for their text; the database keeps every version a
score was ever made with (the definition as JSON), so an old review is always recomputed
against exactly the checklist it was scored on.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from app.changes import OpChanges, OpResult
from app.config import Paths
from app.errors import NotFoundError, UserError
from app.paths import bundled_checklists_dir
from app.review import checklist_choice, checklist_excel
from app.store import repositories
from app.store.database import Database
from app.store.models import Checklist as ChecklistRow
from scoring.checklist import Checklist
from scoring.checklist_loader import (
    checklist_from_data,
    dump_checklist,
    load_checklist,
    scan_checklists,
)
from scoring.checklist_table import ChecklistMeta, ValidationReport, checklist_from_rows
from scoring.json_fields import JsonFields


@dataclass(frozen=True)
class ChecklistInfo(JsonFields):
    """One checklist version as the library lists it (the CLI's ``checklist list`` row)."""

    id: str
    name: str
    kind: str
    version: str
    province: str | None
    effective_date: date | None
    total_points: float
    items: int
    veto_items: int
    origin: str


def checklist_json(checklist: Checklist) -> dict[str, object]:
    """The CLI's ``checklist show`` document (keys fixed by CLI.md, more may be added)."""
    return {
        "id": checklist.id,
        "name": checklist.name,
        "kind": checklist.kind,
        "version": checklist.version,
        "province": checklist.province,
        "effective_date": checklist.effective_date.isoformat(),
        "source": checklist.source,
        "total_points": checklist.total_points,
        "grades": [{"grade": b.grade, "min": float(b.min)} for b in checklist.grades],
        "veto_grade": checklist.veto_grade,
        "categories": [
            {
                "name": c.name,
                "points": float(sum(i.points for i in c.items)),
                "items": [
                    {
                        "id": i.id,
                        "text": i.text,
                        "points": float(i.points),
                        "veto": i.veto,
                        "supervision": i.supervision,
                        "rule": i.rule.model_dump(mode="json"),
                        "source": i.source,
                    }
                    for i in c.items
                ],
            }
            for c in checklist.categories
        ],
    }


@dataclass
class ConversionResult:
    checklist: Checklist | None
    report: ValidationReport

    @property
    def report_text(self) -> str:
        lines = [str(self.report)]
        lines += [f"说明：{n}" for n in self.report.notes]
        return "\n".join(lines)


@dataclass
class ExcelImport:
    """One Excel import in progress: the sheet read, the column mapping, the metadata."""

    service: ChecklistService
    table: checklist_excel.SheetTable
    mapping: dict[str, int | None]
    meta: ChecklistMeta
    last: ConversionResult | None = field(default=None)

    def update_meta(self, **changes: object) -> None:
        """Change what the user typed (name, province, kind, version …); empty values are ignored."""
        given: dict[str, Any] = {k: v for k, v in changes.items() if v not in (None, "")}
        self.meta = replace(self.meta, **given)

    def select_sheet(self, sheet: str) -> None:
        self.table = checklist_excel.read_table(self.table.path, sheet)
        self.mapping = checklist_excel.guess_mapping(self.table.headers)

    def convert(self) -> ConversionResult:
        try:
            rows = checklist_excel.mapped_rows(self.table, self.mapping)
        except UserError as exc:
            report = ValidationReport()
            report.problem(None, None, str(exc))
            self.last = ConversionResult(None, report)
            return self.last
        checklist, report = checklist_from_rows(rows, self.meta)
        self.last = ConversionResult(checklist, report)
        return self.last

    def save(self) -> OpResult[Checklist]:
        """Store the converted checklist (refused while the table does not validate)."""
        result = self.convert()
        if result.checklist is None:
            raise UserError("表格未通过校验，未导入：\n" + result.report_text)
        return self.service.save_imported(result.checklist)


CHECKLISTS_CHANGED = OpChanges(checklists=True)
#: Where the bundled checklists' earlier versions live, beside the current ones.
SUPERSEDED_FOLDER = "superseded"


def _slug(text: str) -> str:
    """An ASCII file/id part; Chinese names get a short stable hash instead."""
    ascii_part = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return ascii_part or hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


class ChecklistService:
    def __init__(self, db: Database, paths: Paths) -> None:
        self.db = db
        self.paths = paths

    # ----------------------------------------------------------------- reading
    def folders(self) -> list[Path]:
        return [bundled_checklists_dir(), self.paths.checklists_dir]

    def sync_bundled(self) -> OpResult[list[str]]:
        """Store every checklist file's version in the database; the value: problems found.

        A broken file in the user's folder must not stop the product: it is skipped and its
        (Chinese) problem reported, the bundled ones always load.
        """
        problems: list[str] = []
        for folder, origin in (
            (bundled_checklists_dir(), "bundled"),
            # Earlier versions of the bundled checklists: a library scored with one keeps it,
            # a new library can still pin it; the newest effective date is the default.
            (bundled_checklists_dir() / SUPERSEDED_FOLDER, "bundled"),
            (self.paths.checklists_dir, "imported"),
        ):
            if not folder.exists():
                continue
            checklists, errors = scan_checklists([folder])
            for checklist in checklists:
                self._upsert(checklist, origin)
            problems.extend(str(e) for e in errors)
        return OpResult(problems, CHECKLISTS_CHANGED)

    def _upsert(self, checklist: Checklist, origin: str) -> None:
        with self.db.session() as session:
            repositories.upsert_checklist(
                session,
                checklist_id=checklist.id,
                version=checklist.version,
                name=checklist.name,
                kind=checklist.kind,
                total_points=float(checklist.total_points),
                definition=checklist.model_dump_json(),
                province=checklist.province,
                effective_date=checklist.effective_date,
                origin=origin,
            )

    def list(self) -> list[ChecklistInfo]:
        with self.db.session() as session:
            rows = repositories.list_checklists(session)
            infos = []
            for row in rows:
                checklist = self._from_row(row)
                infos.append(
                    ChecklistInfo(
                        id=row.checklist_id,
                        name=row.name,
                        kind=row.kind,
                        version=row.version,
                        province=row.province,
                        effective_date=row.effective_date,
                        total_points=row.total_points,
                        items=checklist.item_count,
                        veto_items=len(checklist.veto_items),
                        origin=row.origin,
                    )
                )
            return infos

    def default_for(self, kind: str | None) -> Checklist:
        """The checklist a dossier of ``kind`` is pre-checked against when no campaign pins
        one: the bundled one of that kind (else any of that kind)."""
        if kind is None:
            raise UserError("案卷的案件类型未知，请指定评查标准。")
        infos = [i for i in self.list() if i.kind == kind]
        bundled = [i for i in infos if i.origin == "bundled"] or infos
        if not bundled:
            raise NotFoundError(f"没有适用于该案件类型的评查标准（{kind}）。")
        return self.get(bundled[0].id)

    @staticmethod
    def _from_row(row: ChecklistRow) -> Checklist:
        return checklist_from_data(
            json.loads(row.definition), f"数据库中的评查标准 {row.checklist_id}"
        )

    def get(self, checklist_id: str, version: str | None = None) -> Checklist:
        """One checklist; without a version, the one with the latest effective date."""
        with self.db.session() as session:
            row = repositories.get_checklist(session, checklist_id, version)
            if row is None:
                known = "、".join(sorted({i.id for i in self.list()})) or "（无）"
                what = f"{checklist_id}（版本 {version}）" if version else checklist_id
                raise NotFoundError(f"没有找到评查标准 {what}。现有：{known}")
            return self._from_row(row)

    def current(self, kind: str | None) -> Checklist:
        """The checklist a case of ``kind`` gets outside any campaign (the pre-check command):
        the same choice a campaign makes for a kind it did not pin
        (:func:`app.review.checklist_choice.current_of_kind`)."""
        if kind is None:
            raise UserError("案卷的案件类型未知，请指定评查标准。")
        with self.db.session() as session:
            row = checklist_choice.current_of_kind(session, kind)
            if row is None:
                raise NotFoundError(f"没有适用于该案件类型的评查标准（{kind}）。")
            return self._from_row(row)

    # ---------------------------------------------------------------- importing
    @staticmethod
    def validate_file(path: Path) -> Checklist:
        """Load and validate a checklist file; raises ChecklistError (Chinese) when broken."""
        return load_checklist(path)

    def import_file(self, path: Path) -> OpResult[Checklist]:
        """Validate a checklist data file and keep it (the value: the checklist imported)."""
        return self.save_imported(self.validate_file(path))

    def save_imported(self, checklist: Checklist) -> OpResult[Checklist]:
        """Keep an imported checklist as a data file in the data folder and in the database."""
        self.paths.checklists_dir.mkdir(parents=True, exist_ok=True)
        target = (
            self.paths.checklists_dir / f"{_slug(checklist.id)}-{_slug(checklist.version)}.yaml"
        )
        dump_checklist(checklist, target)
        self._upsert(checklist, "imported")
        return OpResult(checklist, CHECKLISTS_CHANGED)

    def start_excel_import(
        self, path: Path, sheet: str | None = None, meta: ChecklistMeta | None = None
    ) -> ExcelImport:
        table = checklist_excel.read_table(path, sheet)
        mapping = checklist_excel.guess_mapping(table.headers)
        if meta is None:
            meta = ChecklistMeta(
                id=f"imported-{_slug(path.stem)}",
                name=path.stem,
                province="",
                kind="penalty",
                version=date.today().isoformat(),
                effective_date=date.today(),
                source=f"自 Excel 表格 {path.name} 导入",
            )
        return ExcelImport(self, table, mapping, meta)
