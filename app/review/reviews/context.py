"""What every review use case needs: the case's checklist, who acts, which review a call
reads or writes, and clearing a sign-off after an edit."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import UserError
from app.identity import Identity, as_identity
from app.review import checklist_choice
from app.review.campaigns import (
    check_may_score,
    get_campaign,
    get_or_create_reviewer,
    resolve_case,
    settings_of,
)
from app.review.reviews.results import load_checklist
from app.store import audit
from app.store.database import Database
from app.store.models import Campaign, CaseFile, Review
from app.store.models import Checklist as ChecklistRow
from scoring.checklist import Checklist


class ReviewContext:
    """The shared state and look-ups of :class:`ReviewService`; the identity names who acts
    when a call names nobody.

    ``default_reviewer``/``who`` (a plain name) are for scripts and tests; ``Services`` passes
    its one shared :class:`Identity` as ``identity``."""

    def __init__(
        self,
        db: Database,
        checklists: Any = None,
        default_reviewer: str = "",
        who: str = "",
        *,
        identity: Identity | None = None,
    ) -> None:
        self.db = db
        self.checklists = checklists
        self.identity = identity or as_identity(default_reviewer or who)
        self._cache: dict[int, Checklist] = {}

    @property
    def default_reviewer(self) -> str:
        """The person at this machine ('' when nobody is named): read at call time."""
        return self.identity.name

    @property
    def who(self) -> str:
        return self.identity.name

    def _checklist(self, row: ChecklistRow) -> Checklist:
        if row.id not in self._cache:
            self._cache[row.id] = load_checklist(row)
        return self._cache[row.id]

    def _context(
        self, session: Session, campaign_id: int, case_ref: int | str
    ) -> tuple[Campaign, CaseFile, Checklist, ChecklistRow]:
        campaign = get_campaign(session, campaign_id)
        entry = resolve_case(session, campaign_id, case_ref)
        case = entry.case_file
        assert case is not None
        row = checklist_choice.choose(session, campaign, case.kind).row
        return campaign, case, self._checklist(row), row

    def _review_checklist(self, session: Session, review: Review) -> Checklist:
        """The checklist version the review was made with (a review stored without one: the
        checklist that applies to its case now)."""
        if review.checklist is not None:
            return self._checklist(review.checklist)
        return self._context(session, review.campaign_id, review.case_file_id)[2]

    def checklist_for(self, campaign_id: int, case_ref: int | str) -> Checklist:
        """The checklist that applies to this case (see :mod:`app.review.checklist_choice`)."""
        with self.db.session() as session:
            return self._context(session, campaign_id, case_ref)[2]

    def _actor(self, owner: str) -> str:
        """Who the audit log names: the person at this machine (``who``) when known, else the
        owner of the review being edited (scripts that name nobody)."""
        return (self.who or "").strip() or owner

    def _check_editor(self, session: Session, review: Review) -> None:
        """The person at this machine may change this review (see ``check_may_score``)."""
        check_may_score(
            session,
            review.campaign_id,
            review.case_file_id,
            review.reviewer.name,
            review.role,
            actor=self.who,
        )

    def _reviewer_name(
        self,
        session: Session,
        campaign: Campaign,
        reviewer: str | None,
        case: CaseFile | None = None,
    ) -> str:
        if reviewer and reviewer.strip():
            return reviewer.strip()
        if case is not None and not campaign.double_review:
            # A single review is the case's one review: whoever adds to it (a lead checking
            # it, a colleague) adds to that review rather than starting a second one.
            owners = [
                r.reviewer.name
                for r in self._reviews(session, campaign.id, case.id)
                if r.role == "reviewer"
            ]
            if len(owners) == 1:
                return owners[0]
        if self.identity.known:
            return self.identity.name
        if campaign.double_review:
            raise UserError("本次评查实行双人背靠背评查，请指明评查人（--reviewer）。")
        names = settings_of(session, campaign.id)["reviewers"]
        return names[0] if len(names) == 1 else self.identity.require()

    def _get_review(
        self,
        session: Session,
        campaign: Campaign,
        case: CaseFile,
        row: ChecklistRow,
        name: str,
        role: str,
    ) -> Review:
        check_may_score(session, campaign.id, case.id, name, role, actor=self.who)
        person = get_or_create_reviewer(session, name)
        review = session.scalar(
            select(Review).where(
                Review.campaign_id == campaign.id,
                Review.case_file_id == case.id,
                Review.reviewer_id == person.id,
                Review.role == role,
            )
        )
        if review is None:
            # The first stored review fixes the checklist version for the campaign.
            row = checklist_choice.pin(session, campaign, case.kind, self._actor(name))
            review = Review(
                campaign_id=campaign.id,
                case_file_id=case.id,
                reviewer_id=person.id,
                role=role,
                checklist_version_id=row.id,
            )
            session.add(review)
            session.flush()
        return review

    @staticmethod
    def _reviews(session: Session, campaign_id: int, case_id: int) -> list[Review]:
        return list(
            session.scalars(
                select(Review)
                .where(Review.campaign_id == campaign_id, Review.case_file_id == case_id)
                .order_by(Review.id)
            )
        )

    def _effective(
        self, session: Session, campaign: Campaign, case: CaseFile, reviewer: str | None
    ) -> Review | None:
        """The review a query shows: the named reviewer's own, else the final one, else the
        only one. Never another reviewer's review (blind double review)."""
        reviews = self._reviews(session, campaign.id, case.id)
        if reviewer:
            return next(
                (
                    r
                    for r in reviews
                    if r.reviewer.name == reviewer.strip() and r.role == "reviewer"
                ),
                None,
            )
        final = [r for r in reviews if r.role == "final"]
        if final:
            return final[0]
        if self.default_reviewer:
            own = [r for r in reviews if r.reviewer.name == self.default_reviewer]
            if own:
                return own[0]
        if len(reviews) > 1:
            names = "、".join(r.reviewer.name for r in reviews)
            raise UserError(
                f"案卷 {case.id} 有多位评查人的评分（{names}），尚未由组长合并。"
                "请指明评查人（--reviewer），或先合并（review reconcile）。"
            )
        return reviews[0] if reviews else None

    def _clear_signoff(self, session: Session, campaign_id: int, case_id: int, who: str) -> bool:
        cleared = False
        for review in self._reviews(session, campaign_id, case_id):
            if review.signed_off_at is not None:
                before = {
                    "signed_off_at": review.signed_off_at.isoformat(),
                    "signed_off_by": review.signed_off_by,
                }
                review.signed_off_at = None
                review.signed_off_by = None
                audit.record(session, who, "review", review.id, "signoff_cleared", before, None)
                cleared = True
        return cleared
