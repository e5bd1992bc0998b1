"""The first queries the rest of the product needs, kept thin: no business rules here
(those live in ``app.review`` / ``app.casefiles``). Every function takes the caller's
session, so a use case composes several of them in one transaction."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, select, true
from sqlalchemy.orm import Session

from app.errors import NotFoundError
from app.store.database import is_demo_database
from app.store.models import CaseFile, Checklist, Department, Page

Row = TypeVar("Row")


def get_or_raise(session: Session, model: type[Row], key: int, missing: str) -> Row:
    """The row of ``model`` with primary key ``key``; refused with the Chinese ``missing``
    (a :class:`NotFoundError`, exit code "not found" on the command line) when there is none."""
    row = session.get(model, key)
    if row is None:
        raise NotFoundError(missing)
    return row


def require_case_file(session: Session, case_id: int) -> CaseFile:
    """The dossier ``case_id``, or the one message for a dossier that is not in the library."""
    return get_or_raise(session, CaseFile, case_id, f"案卷库中没有编号为 {case_id} 的案卷。")


def get_or_create_department(session: Session, name: str) -> Department:
    """The department called ``name`` (trimmed), created if new; existing ones are not changed."""
    name = name.strip()
    if not name:
        raise ValueError("执法单位名称不能为空。")
    found = session.scalar(select(Department).where(Department.name == name))
    if found is not None:
        return found
    department = Department(name=name)
    session.add(department)
    session.flush()
    return department


def list_departments(session: Session) -> Sequence[Department]:
    return session.scalars(select(Department).order_by(Department.name)).all()


def add_case_file(session: Session, **values: Any) -> CaseFile:
    """Insert a case file; columns as keyword arguments (sha256, original_name, ...)."""
    case_file = CaseFile(**values)
    session.add(case_file)
    session.flush()
    return case_file


def get_case_file(session: Session, case_file_id: int) -> CaseFile | None:
    return session.get(CaseFile, case_file_id)


def case_file_by_sha256(session: Session, sha256: str) -> CaseFile | None:
    """The dossier already imported with these exact bytes (duplicate detection)."""
    return session.scalar(select(CaseFile).where(CaseFile.sha256 == sha256.lower()))


def is_demo_library(session: Session) -> bool:
    """Whether ``session`` works on the demo library's own database."""
    bind = session.get_bind()
    return is_demo_database(bind.engine.url)


def for_real_work(session: Session) -> ColumnElement[bool]:
    """The condition on ``CaseFile`` rows that real work (sampling, linking a catalogue,
    statistics) may use. Demo dossiers live in the demo library's own folder; an older
    library that got them beside real ones keeps them, but they are never drawn, linked or
    counted there. In the demo library they are the work itself."""
    return true() if is_demo_library(session) else CaseFile.demo.is_(False)


def is_used_for_real_work(session: Session, case: CaseFile | None) -> bool:
    """The same rule for one loaded dossier (no dossier: a catalogue row, always used)."""
    return case is None or not case.demo or is_demo_library(session)


def list_case_files(
    session: Session,
    *,
    department_id: int | None = None,
    kind: str | None = None,
    include_demo: bool = True,
) -> Sequence[CaseFile]:
    """The library in import order, optionally narrowed."""
    query = select(CaseFile).order_by(CaseFile.id)
    if department_id is not None:
        query = query.where(CaseFile.department_id == department_id)
    if kind is not None:
        query = query.where(CaseFile.kind == kind)
    if not include_demo:
        query = query.where(CaseFile.demo.is_(False))
    return session.scalars(query).all()


def add_page(session: Session, case_file: CaseFile | int, index: int, **values: Any) -> Page:
    """Insert page ``index`` (1-based) of a dossier; other columns as keyword arguments."""
    case_file_id = case_file if isinstance(case_file, int) else case_file.id
    page = Page(case_file_id=case_file_id, index=index, **values)
    session.add(page)
    session.flush()
    return page


def upsert_checklist(
    session: Session,
    *,
    checklist_id: str,
    version: str,
    name: str,
    kind: str,
    total_points: float,
    definition: str | dict[str, Any],
    province: str | None = None,
    effective_date: date | None = None,
    origin: str = "bundled",
) -> Checklist:
    """Store one checklist version, or refresh the row of the same id and version.

    The definition is kept verbatim as JSON text: scores made against this version are
    recomputed from exactly this text later."""
    text = (
        definition
        if isinstance(definition, str)
        else json.dumps(definition, ensure_ascii=False, sort_keys=True)
    )
    row = get_checklist(session, checklist_id, version)
    if row is None:
        row = Checklist(checklist_id=checklist_id, version=version)
        session.add(row)
    row.name = name
    row.kind = kind
    row.total_points = total_points
    row.definition = text
    row.province = province
    row.effective_date = effective_date
    row.origin = origin
    session.flush()
    return row


def get_checklist(
    session: Session, checklist_id: str, version: str | None = None
) -> Checklist | None:
    """One version of a checklist; without ``version`` the latest (by effective date, then
    by when it was stored)."""
    query = select(Checklist).where(Checklist.checklist_id == checklist_id)
    if version is not None:
        return session.scalar(query.where(Checklist.version == version))
    query = query.order_by(Checklist.effective_date.desc().nulls_last(), Checklist.id.desc()).limit(
        1
    )
    return session.scalar(query)


def list_checklists(session: Session, *, kind: str | None = None) -> Sequence[Checklist]:
    """Every stored version, grouped by checklist id, newest version first."""
    query = select(Checklist).order_by(
        Checklist.checklist_id, Checklist.effective_date.desc().nulls_last(), Checklist.id.desc()
    )
    if kind is not None:
        query = query.where(Checklist.kind == kind)
    return session.scalars(query).all()
