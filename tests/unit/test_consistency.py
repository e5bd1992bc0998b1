"""``db check``: letters ↔ numbers ↔ files, reviews ↔ deductions ↔ audit, files ↔ hashes,
and the database file itself; each break named in Chinese."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pymupdf
import pytest

from app.casefiles.library import LibraryService
from app.config import Settings
from app.documents.letter_requests import OpinionRequest
from app.documents.letters import LetterService
from app.review.consistency import check
from app.store.database import Database
from tests.review_support import LETTER_SETTINGS, ReviewedLibrary

MARKET = "某市市场监督管理局"


def messages(db: Database, library: Path, area: str) -> list[str]:
    return [p.message for p in check(db, library).problems if p.area == area]


def sql(reviewed: ReviewedLibrary, statement: str) -> None:
    """An edit behind the program's back, with a database tool."""
    file = reviewed.db.file
    assert file is not None
    reviewed.db.dispose()
    connection = sqlite3.connect(file)
    connection.execute(statement)
    connection.commit()
    connection.close()


def issue(reviewed: ReviewedLibrary, tmp_path: Path) -> str:
    letters = LetterService(
        reviewed.db, Settings(**LETTER_SETTINGS), reviewed.paths.calendar_dir, who="王评查"
    )
    return letters.issue_opinion(
        OpinionRequest(reviewed.spotcheck, MARKET, date(2026, 9, 1), deadline=date(2026, 10, 9)),
        tmp_path / "意见书.docx",
    ).number


def test_a_reviewed_campaign_with_a_letter_is_sound(
    reviewed: ReviewedLibrary, tmp_path: Path
) -> None:
    issue(reviewed, tmp_path)
    report = check(reviewed.db, reviewed.paths.library_dir)
    assert [p for p in report.problems if p.area != "files"] == []
    assert report.counts["letters"] == report.counts["numbers"] == 1
    assert report.counts["deductions"] > 0


def test_a_deduction_edited_with_a_database_tool_is_named(reviewed: ReviewedLibrary) -> None:
    sql(reviewed, "UPDATE deductions SET points = 0.5 WHERE id = 2")
    found = messages(reviewed.db, reviewed.paths.library_dir, "reviews")
    assert len(found) == 1 and "第 2 条扣分" in found[0] and "绕过本程序改动" in found[0]


def test_a_deduction_deleted_behind_the_program_is_named(reviewed: ReviewedLibrary) -> None:
    sql(reviewed, "DELETE FROM deductions WHERE id = 3")
    found = messages(reviewed.db, reviewed.paths.library_dir, "reviews")
    assert len(found) == 1 and "第 3 条扣分" in found[0] and "绕过本程序删除" in found[0]


def test_a_deduction_inserted_behind_the_program_is_named(reviewed: ReviewedLibrary) -> None:
    sql(
        reviewed,
        "INSERT INTO deductions (review_id, item_id, count, points, reason, origin, created_at,"
        " updated_at) VALUES (1, 'P-2.2', 1, 1.0, '补录', 'manual', '2026-01-01', '2026-01-01')",
    )
    found = messages(reviewed.db, reviewed.paths.library_dir, "reviews")
    assert any("没有审计记录" in m for m in found)


def test_a_forged_signoff_is_named(reviewed: ReviewedLibrary) -> None:
    sql(
        reviewed,
        "UPDATE reviews SET signed_off_by = 1 WHERE signed_off_by IS NOT NULL AND id = (SELECT max(id) FROM reviews WHERE signed_off_by IS NOT NULL)",
    )
    found = messages(reviewed.db, reviewed.paths.library_dir, "reviews")
    assert any("不是经本程序签字" in m for m in found)


def test_a_number_without_its_letter_and_a_sequence_moved_back_are_named(
    reviewed: ReviewedLibrary, tmp_path: Path
) -> None:
    number = issue(reviewed, tmp_path)
    sql(reviewed, "DELETE FROM letters")
    sql(reviewed, "UPDATE letter_sequences SET next_number = 1")
    found = messages(reviewed.db, reviewed.paths.library_dir, "letters")
    assert any(number in m and "文号丢失" in m for m in found)
    assert any("重复使用文号" in m for m in found)


def test_a_moved_letter_file_is_only_a_warning(reviewed: ReviewedLibrary, tmp_path: Path) -> None:
    issue(reviewed, tmp_path)
    (tmp_path / "意见书.docx").unlink()
    report = check(reviewed.db, reviewed.paths.library_dir)
    moved = [p for p in report.problems if p.area == "letters"]
    assert [p.severity for p in moved] == ["warning"] and "不在原处" in moved[0].message


@pytest.fixture
def library(tmp_path: Path, reviewed: ReviewedLibrary) -> tuple[LibraryService, int]:
    pdf = tmp_path / "卷宗.pdf"
    with pymupdf.open() as doc:
        doc.new_page().insert_text((72, 72), "case")
        doc.save(pdf)
    service = LibraryService(reviewed.db, reviewed.paths)
    return service, service.import_path(pdf, MARKET, "penalty").id


def test_an_original_changed_or_removed_is_named(
    reviewed: ReviewedLibrary, library: tuple[LibraryService, int]
) -> None:
    _, case_id = library
    [stored] = [p for p in reviewed.paths.library_dir.rglob("*.pdf")]
    assert not [
        m
        for m in messages(reviewed.db, reviewed.paths.library_dir, "files")
        if f"案卷 {case_id}（" in m
    ]
    stored.write_bytes(stored.read_bytes() + b"\n%tampered")
    found = [
        m
        for m in messages(reviewed.db, reviewed.paths.library_dir, "files")
        if f"案卷 {case_id}（" in m
    ]
    assert found == [f"案卷 {case_id}（卷宗.pdf）的原件与导入时的校验值不同：已被改动。"]
    stored.unlink()
    found = [
        m
        for m in messages(reviewed.db, reviewed.paths.library_dir, "files")
        if f"案卷 {case_id}（" in m
    ]
    assert len(found) == 1 and "不在案卷库中" in found[0]


def test_a_damaged_database_file_fails_the_integrity_check(reviewed: ReviewedLibrary) -> None:
    file = reviewed.db.file
    assert file is not None
    reviewed.db.dispose()
    connection = sqlite3.connect(file)
    connection.execute("PRAGMA journal_mode = DELETE")
    page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    root = connection.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'deductions'"
    ).fetchone()[0]
    connection.close()
    with file.open("r+b") as handle:  # scribble over the header of the deductions' root page
        handle.seek((root - 1) * page_size)
        handle.write(b"\xff" * 64)
    report = check(reviewed.db, reviewed.paths.library_dir)
    damaged = [p for p in report.problems if p.area == "database"]
    assert damaged and not report.sound
    assert "请从最近的备份恢复" in damaged[0].message or "已损坏" in damaged[0].message
