"""The earliest day a paper of a campaign may bear: a 监督意见书, 监督决定书 or 评查情况通报
reports a period's review, so it cannot be dated before that period has ended, nor before
the lead signed off (签字确认) the files it names — a letter dated earlier would state
findings nobody had confirmed yet. One rule, asked by every paper that takes a 文号.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import UserError
from app.review.campaigns import get_campaign, period_label
from app.review.corrected_case_values import period_bounds
from app.review.deadlines import cn_date
from app.store.database import Database
from app.store.models import CaseFile, Review


def earliest_date(
    session: Session, campaign_id: int, case_ids: Iterable[int | None] | None = None
) -> tuple[date, str]:
    """The earliest day a paper of the campaign naming ``case_ids`` (all its files when None)
    may be dated, and why (Chinese, for the refusal)."""
    campaign = get_campaign(session, campaign_id)
    day = period_bounds(campaign.period)[1]
    why = f"评查期间“{period_label(campaign.period)}”的最后一天"
    query = (
        select(Review.signed_off_at, CaseFile.case_no, CaseFile.id)
        .join(CaseFile, CaseFile.id == Review.case_file_id)
        .where(Review.campaign_id == campaign_id, Review.signed_off_at.is_not(None))
    )
    if case_ids is not None:
        query = query.where(Review.case_file_id.in_([c for c in case_ids if c is not None]))
    for signed_at, case_no, case_id in session.execute(query).all():
        # The day the lead signed, on this computer's calendar (not the UTC day).
        signed = signed_at.astimezone().date() if signed_at else day
        if signed > day:
            day = signed
            why = f"案卷“{case_no or case_id}”签字确认的日期"
    return day, why


def check_paper_date(
    session: Session,
    paper: str,
    issued_on: date,
    campaign_id: int | None,
    case_ids: Iterable[int | None] | None = None,
) -> None:
    """Refuse (Chinese) a ``paper`` dated before :func:`earliest_date`; a letter of no
    campaign has no such day."""
    if campaign_id is None:
        return
    day, why = earliest_date(session, campaign_id, case_ids)
    if issued_on < day:
        raise UserError(
            f"{paper}的成文日期（{cn_date(issued_on)}）早于{why}（{cn_date(day)}），不能出具。"
            f"请将成文日期定在{cn_date(day)}或之后。"
        )


def date_sign_offs(db: Database, campaign_id: int, day: date) -> None:
    """Date the campaign's sign-offs later than ``day`` on ``day`` (09:00 local): for a
    library whose 'today' is behind the clock — the demo built with ``--today``, a test or
    benchmark world — whose letters, dated that day, may not precede the sign-off."""
    stamp = datetime.combine(day, time(9)).astimezone(UTC)
    with db.session() as session:
        for review in session.scalars(select(Review).where(Review.campaign_id == campaign_id)):
            if review.signed_off_at is not None and review.signed_off_at > stamp:
                review.signed_off_at = stamp
