"""The models on a real SQLite database made by the migrations: round trips, constraints,
foreign keys, connection tuning."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from app.store.database import Database
from app.store.migrations import ensure_ready
from app.store.models import (
    AuditEntry,
    Campaign,
    CampaignCase,
    CampaignChecklist,
    CaseField,
    CaseFile,
    Checklist,
    Deduction,
    Department,
    Document,
    Finding,
    IssuedNumber,
    Letter,
    LetterSequence,
    Officer,
    Page,
    PrecheckSuggestion,
    Rectification,
    RectificationExtension,
    RectificationReply,
    Review,
    Reviewer,
)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = ensure_ready(f"sqlite:///{tmp_path / 'library.sqlite3'}", tmp_path / "backups")
    yield database
    database.dispose()


def _case(session, sha: str = "a" * 64, **values) -> CaseFile:  # type: ignore[no-untyped-def]
    case = CaseFile(
        sha256=sha,
        original_name="案卷.pdf",
        stored_path=f"library/{sha[:2]}/{sha}.pdf",
        source_kind="pdf",
        **values,
    )
    session.add(case)
    session.flush()
    return case


def test_sqlite_connections_use_wal_foreign_keys_and_busy_timeout(db: Database) -> None:
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000


def test_foreign_keys_are_enforced(db: Database) -> None:
    with pytest.raises(IntegrityError), db.session() as session:
        session.add(Page(case_file_id=999, index=1))


def test_session_rolls_back_on_error(db: Database) -> None:
    with pytest.raises(RuntimeError), db.session() as session:
        session.add(Department(name="县市场监督管理局"))
        session.flush()
        raise RuntimeError("boom")
    with db.session() as session:
        assert session.scalars(select(Department)).all() == []


def test_a_whole_review_round_trips(db: Database) -> None:
    """Every table gets a row; reading them back gives the same values."""
    with db.session() as s:
        county = Department(name="某县市场监督管理局", short_name="县市监局", organ_kind="县级部门")
        town = Department(name="某镇人民政府", organ_kind="乡镇（街道）", parent=county)
        s.add_all([county, town])
        s.add(
            Officer(
                name="张三",
                certificate_no="42000012345",
                enforcement_category="市场监管",
                valid_from=date(2023, 1, 1),
                valid_to=date(2027, 12, 31),
                department=county,
            )
        )
        case = _case(
            s, department=county, kind="penalty", case_no="县市监罚〔2024〕12号", party="某公司"
        )
        s.add(Page(case_file=case, index=1, ocr_boxes=[{"t": "立案", "b": [1, 2, 3, 4]}]))
        s.add(
            Document(case_file=case, type="filing", title="立案审批表", first_page=1, last_page=2)
        )
        s.add(CaseField(case_file=case, name="fine_yuan", value="5000", page=9, source="user"))
        checklist = Checklist(
            checklist_id="hb-penalty",
            version="2024",
            name="行政处罚案卷评查标准",
            kind="penalty",
            total_points=100,
            definition='{"items": []}',
        )
        campaign = Campaign(name="2024年第二季度抽查", kind="spotcheck", period="2024Q2", seed=42)
        s.add_all([checklist, campaign])
        s.add(CampaignChecklist(campaign=campaign, checklist=checklist))
        s.add(CampaignCase(campaign=campaign, case_file=case, catalogue_row={"案号": "12"}))
        reviewer = Reviewer(name="李四")
        review = Review(campaign=campaign, case_file=case, reviewer=reviewer, checklist=checklist)
        suggestion = PrecheckSuggestion(
            case_file=case, rule="decide-90d", message="立案后超过90日作出决定", pages=[3, 9]
        )
        deduction = Deduction(
            review=review,
            item_id="3.2",
            count=2,
            points=2.0,
            reason="笔录未签名",
            page=5,
            region={"x": 0.1, "y": 0.2, "w": 0.3, "h": 0.1},
            origin="precheck",
            suggestion=suggestion,
        )
        s.add(
            Finding(
                campaign=campaign, department=county, deduction=deduction, category="程序", text="…"
            )
        )
        letter = Letter(
            kind="opinion",
            number_text="十司监意〔2024〕3号",
            year=2024,
            seq=3,
            department=county,
            campaign=campaign,
            issued_on=date(2024, 7, 1),
            deadline=date(2024, 7, 31),
        )
        rect = Rectification(letter=letter, deadline=date(2024, 7, 31))
        rect.replies.append(RectificationReply(received_on=date(2024, 7, 20), note="已整改"))
        rect.extensions.append(
            RectificationExtension(
                new_deadline=date(2024, 8, 15), reason="需补充材料", granted_on=date(2024, 7, 25)
            )
        )
        s.add(rect)
        s.add(AuditEntry(who="李四", entity="deduction", entity_id="1", action="create"))

    with db.session() as s:
        case = s.scalars(select(CaseFile)).one()
        assert case.department is not None and case.department.name == "某县市场监督管理局"
        assert case.pages[0].ocr_boxes == [{"t": "立案", "b": [1, 2, 3, 4]}]
        assert case.documents[0].title == "立案审批表"
        assert case.fields[0].source == "user"
        town = s.scalars(select(Department).where(Department.parent_id.is_not(None))).one()
        assert town.parent is not None and town.parent.short_name == "县市监局"
        deduction = s.scalars(select(Deduction)).one()
        assert deduction.region == {"x": 0.1, "y": 0.2, "w": 0.3, "h": 0.1}
        assert deduction.suggestion is not None and deduction.suggestion.pages == [3, 9]
        assert deduction.review.checklist is not None
        assert deduction.review.checklist.version == "2024"
        rect = s.scalars(select(Rectification)).one()
        assert rect.letter.number_text == "十司监意〔2024〕3号"
        assert [r.note for r in rect.replies] == ["已整改"]
        assert rect.extensions[0].new_deadline == date(2024, 8, 15)
        assert (
            s.scalars(select(Campaign)).one().checklists[0].checklist.checklist_id == "hb-penalty"
        )


def test_timestamps_come_back_as_aware_utc(db: Database) -> None:
    beijing = timezone(timedelta(hours=8))
    moment = datetime(2024, 5, 1, 9, 30, tzinfo=beijing)
    with db.session() as s:
        s.add(AuditEntry(at=moment, who="x", entity="case", entity_id="1", action="create"))
    with db.session() as s:
        stored = s.scalars(select(AuditEntry)).one().at
    assert stored == moment
    assert stored.tzinfo == UTC


def test_naive_timestamps_are_refused(db: Database) -> None:
    with pytest.raises(Exception, match="时区"), db.session() as s:
        s.add(AuditEntry(at=datetime(2024, 5, 1), who="x", entity="c", entity_id="1", action="a"))


def test_json_none_is_sql_null(db: Database) -> None:
    with db.session() as s:
        s.add(AuditEntry(who="x", entity="case", entity_id="1", action="delete", after=None))
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT after IS NULL FROM audit_log")).scalar() == 1


def test_sha256_is_unique(db: Database) -> None:
    with db.session() as s:
        _case(s)
    with pytest.raises(IntegrityError), db.session() as s:
        _case(s)


def test_closed_code_sets_are_checked(db: Database) -> None:
    with pytest.raises(IntegrityError), db.session() as s:
        _case(s, kind="licence")


def test_deleting_a_case_file_deletes_its_pages_but_not_a_campaign_case(db: Database) -> None:
    with db.session() as s:
        case = _case(s)
        s.add_all([Page(case_file=case, index=1), Page(case_file=case, index=2)])
    with db.session() as s:
        s.execute(text("DELETE FROM case_files"))
        assert s.scalars(select(Page)).all() == []
    with db.session() as s:
        case = _case(s, sha="b" * 64)
        s.add(
            CampaignCase(
                campaign=Campaign(name="c", kind="selfreview", period="2024Q1"), case_file=case
            )
        )
    with pytest.raises(IntegrityError), db.session() as s:
        s.execute(text("DELETE FROM case_files"))


def test_page_index_is_one_based_and_unique_per_case(db: Database) -> None:
    with pytest.raises(IntegrityError), db.session() as s:
        s.add(Page(case_file=_case(s), index=0))
    with db.session() as s:
        s.add(Page(case_file=_case(s), index=1))
    with pytest.raises(IntegrityError), db.session() as s:
        s.add(Page(case_file_id=s.scalars(select(CaseFile.id)).one(), index=1))


def test_a_letter_number_is_never_issued_twice(db: Database) -> None:
    with db.session() as s:
        s.add(
            LetterSequence(letter_kind="opinion", organ_code="十司监意", year=2024, next_number=4)
        )
        s.add(
            IssuedNumber(
                letter_kind="opinion",
                organ_code="十司监意",
                year=2024,
                seq=3,
                number_text="十司监意〔2024〕3号",
            )
        )
    # The same (kind, organ code, year, number) again, even under another text: refused.
    with pytest.raises(IntegrityError), db.session() as s:
        s.add(
            IssuedNumber(
                letter_kind="opinion",
                organ_code="十司监意",
                year=2024,
                seq=3,
                number_text="十司监意[2024]3号",
            )
        )
    # The same text again: refused.
    with pytest.raises(IntegrityError), db.session() as s:
        s.add(
            IssuedNumber(
                letter_kind="decision",
                organ_code="十司监意",
                year=2024,
                seq=3,
                number_text="十司监意〔2024〕3号",
            )
        )
    # One registry row per kind, organ code and year.
    with pytest.raises(IntegrityError), db.session() as s:
        s.add(LetterSequence(letter_kind="opinion", organ_code="十司监意", year=2024))
    # Another year starts again at 3 without conflict.
    with db.session() as s:
        s.add(
            IssuedNumber(
                letter_kind="opinion",
                organ_code="十司监意",
                year=2025,
                seq=3,
                number_text="十司监意〔2025〕3号",
            )
        )
        assert len(s.scalars(select(IssuedNumber)).all()) == 2
