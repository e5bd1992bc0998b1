"""A paper of a campaign is dated no earlier than the end of the campaign's period and the
sign-off of the files it names; a refused paper takes no number and leaves no file."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from app.config import Settings
from app.documents.letter_requests import OpinionRequest
from app.documents.letters import LetterService
from app.documents.reports import ReportService
from app.errors import UserError
from app.review.letter_dates import earliest_date
from app.review.rectification import RectificationService
from app.store.models import CaseFile, Department, IssuedNumber, Review
from tests.review_support import LETTER_SETTINGS, ReviewedLibrary

MARKET = "某市市场监督管理局"


def letters(reviewed: ReviewedLibrary) -> LetterService:
    return LetterService(
        reviewed.db, Settings(**LETTER_SETTINGS), reviewed.paths.calendar_dir, who="王评查"
    )


def case_ids(reviewed: ReviewedLibrary, department: str) -> list[int]:
    with reviewed.db.session() as s:
        query = select(CaseFile.id).join(Department).where(Department.name == department)
        return list(s.scalars(query.order_by(CaseFile.id)))


def numbers_taken(reviewed: ReviewedLibrary) -> int:
    with reviewed.db.session() as s:
        return len(s.scalars(select(IssuedNumber)).all())


def test_an_opinion_dated_inside_the_period_is_refused_and_takes_no_number(
    reviewed: ReviewedLibrary, tmp_path: Path
) -> None:
    out = tmp_path / "o.docx"
    # the fixture's spot-check covers 2026Q2: a letter may be dated 2026-06-30 at the earliest
    with pytest.raises(UserError, match="早于评查期间“2026年第二季度”的最后一天（2026年6月30日）"):
        letters(reviewed).issue_opinion(
            OpinionRequest(reviewed.spotcheck, MARKET, date(2026, 6, 29)), out
        )
    assert not out.exists() and numbers_taken(reviewed) == 0
    issued = letters(reviewed).issue_opinion(
        OpinionRequest(reviewed.spotcheck, MARKET, date(2026, 6, 30)), out
    )
    assert issued.number == "司监意〔2026〕1号"


def test_a_file_signed_off_later_moves_the_earliest_date(
    reviewed: ReviewedLibrary, tmp_path: Path
) -> None:
    market = case_ids(reviewed, MARKET)
    late = market[2]
    with reviewed.db.session() as s:
        for review in s.scalars(select(Review).where(Review.campaign_id == reviewed.spotcheck)):
            if review.case_file_id == late:
                review.signed_off_at = datetime(2026, 7, 20, 4, tzinfo=UTC)
    with reviewed.db.session() as s:
        day, why = earliest_date(s, reviewed.spotcheck, market)
        assert day == date(2026, 7, 20) and "签字确认" in why
        # another department's letter does not wait for the market's file
        other = earliest_date(s, reviewed.spotcheck, case_ids(reviewed, "某市交通运输局"))
        assert other[0] == date(2026, 6, 30)
    with pytest.raises(UserError, match=r"签字确认的日期（2026年7月20日）.*2026年7月20日或之后"):
        letters(reviewed).issue_opinion(
            OpinionRequest(reviewed.spotcheck, MARKET, date(2026, 7, 19)), tmp_path / "o.docx"
        )
    assert numbers_taken(reviewed) == 0


def test_a_circular_dated_before_the_sign_off_is_refused(
    reviewed: ReviewedLibrary, tmp_path: Path
) -> None:
    reports = ReportService(
        reviewed.db,
        Settings(**LETTER_SETTINGS),
        RectificationService(reviewed.db, tmp_path),
        "王评查",
    )
    out = tmp_path / "通报.docx"
    with pytest.raises(UserError, match="评查情况通报的成文日期（2026年6月1日）早于"):
        reports.issue_circular(reviewed.spotcheck, out, date(2026, 6, 1))
    assert not out.exists() and numbers_taken(reviewed) == 0
