"""The thin repositories and the audit log."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from app.errors import NotFoundError
from app.store import audit, repositories
from app.store.database import Database
from app.store.migrations import ensure_ready
from app.store.models import Department


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    db: Database = ensure_ready(f"sqlite:///{tmp_path / 'library.sqlite3'}", None)
    with db.session() as s:
        yield s
    db.dispose()


def test_department_get_or_create_is_idempotent(session: Session) -> None:
    first = repositories.get_or_create_department(session, " 某县司法局 ")
    first.short_name = "县司法局"
    again = repositories.get_or_create_department(session, "某县司法局")
    town = repositories.get_or_create_department(session, "某镇")
    town.parent = first
    session.flush()
    assert again.id == first.id and again.short_name == "县司法局"
    assert town.parent_id == first.id
    assert [d.name for d in repositories.list_departments(session)] == ["某县司法局", "某镇"]
    with pytest.raises(ValueError, match="不能为空"):
        repositories.get_or_create_department(session, "  ")


def test_case_files_add_get_list_and_find_by_hash(session: Session) -> None:
    dept = repositories.get_or_create_department(session, "某县市场监督管理局")
    values = {"original_name": "a.pdf", "stored_path": "library/a.pdf", "source_kind": "pdf"}
    real = repositories.add_case_file(
        session, sha256="ab" * 32, department=dept, kind="penalty", **values
    )
    demo = repositories.add_case_file(
        session, sha256="cd" * 32, demo=True, kind="coercion", **values
    )
    assert repositories.get_case_file(session, real.id) is real
    assert repositories.get_case_file(session, 9999) is None
    assert repositories.require_case_file(session, real.id) is real
    with pytest.raises(NotFoundError, match="案卷库中没有编号为 9999 的案卷"):
        repositories.require_case_file(session, 9999)
    assert repositories.get_or_raise(session, Department, dept.id, "无") is dept
    with pytest.raises(NotFoundError, match=r"^没有这个单位$"):
        repositories.get_or_raise(session, Department, 9999, "没有这个单位")
    assert repositories.case_file_by_sha256(session, "AB" * 32) is real
    assert repositories.case_file_by_sha256(session, "ef" * 32) is None
    assert list(repositories.list_case_files(session)) == [real, demo]
    assert list(repositories.list_case_files(session, include_demo=False)) == [real]
    assert list(repositories.list_case_files(session, department_id=dept.id)) == [real]
    assert list(repositories.list_case_files(session, kind="coercion")) == [demo]


def test_pages_are_added_in_order(session: Session) -> None:
    case = repositories.add_case_file(
        session, sha256="ab" * 32, original_name="a", stored_path="a", source_kind="images"
    )
    repositories.add_page(session, case, 2, width=595.0, height=842.0)
    repositories.add_page(session, case.id, 1, ocr_text="立案审批表", has_text_layer=True)
    session.refresh(case)
    assert [(p.index, p.ocr_text) for p in case.pages] == [(1, "立案审批表"), (2, None)]


def test_checklist_upsert_keeps_versions_apart(session: Session) -> None:
    common = {
        "checklist_id": "hb-penalty",
        "name": "行政处罚",
        "kind": "penalty",
        "total_points": 100,
    }
    v1 = repositories.upsert_checklist(
        session,
        version="2023",
        definition={"items": [1]},
        effective_date=date(2023, 1, 1),
        **common,
    )
    v2 = repositories.upsert_checklist(
        session,
        version="2024",
        definition='{"items": [2]}',
        effective_date=date(2024, 1, 1),
        **common,
    )
    again = repositories.upsert_checklist(
        session,
        version="2023",
        definition={"items": [1, 3]},
        effective_date=date(2023, 1, 1),
        **common,
    )
    assert again.id == v1.id and again.definition == '{"items": [1, 3]}'
    assert repositories.get_checklist(session, "hb-penalty") is v2
    assert repositories.get_checklist(session, "hb-penalty", "2023") is v1
    assert repositories.get_checklist(session, "nope") is None
    assert [c.version for c in repositories.list_checklists(session)] == ["2024", "2023"]
    assert repositories.list_checklists(session, kind="coercion") == []


def test_audit_record_and_history(session: Session) -> None:
    audit.record(session, "李四", "deduction", 7, "create", None, {"points": 1})
    audit.record(session, "李四", "deduction", 7, "update", {"points": 1}, {"points": 2})
    audit.record(session, "王五", "deduction", 8, "create", None, {"points": 3})
    entries = audit.history(session, "deduction", 7)
    assert [(e.action, e.before, e.after) for e in entries] == [
        ("create", None, {"points": 1}),
        ("update", {"points": 1}, {"points": 2}),
    ]
    assert entries[0].entity_id == "7" and entries[0].at.tzinfo is not None
