"""What a review shows: its deductions, its score and who reviewed and signed it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.review.reviews.context import ReviewContext
from app.review.reviews.results import DeductionInfo
from app.store.models import AuditEntry, Deduction
from scoring.checklist import Checklist
from scoring.scores import Deduction as ScoredDeduction
from scoring.scores import ScoreResult, score_review


class ReviewQueries(ReviewContext):
    """Read-only review calls; a reviewer only ever sees their own review."""

    def _info(self, d: Deduction, checklist: Checklist) -> DeductionInfo:
        item = checklist.item(d.item_id) if checklist.has_item(d.item_id) else None
        return DeductionInfo(
            id=d.id,
            review_id=d.review_id,
            reviewer=d.review.reviewer.name,
            role=d.review.role,
            item_id=d.item_id,
            item_text=item.text if item else d.item_id,
            count=d.count,
            points=d.points,
            reason=d.reason,
            basis=d.basis,
            page=d.page,
            region=d.region,
            origin=d.origin,
            suggestion_id=d.suggestion_id,
            veto=bool(item and item.veto),
            supervision=bool(item and item.supervision),
        )

    def deductions(
        self, campaign_id: int, case_id: int | str, reviewer: str | None = None
    ) -> list[DeductionInfo]:
        """The deductions of the named reviewer's review (or the final/only one)."""
        with self.db.session() as session:
            campaign, case, _checklist, _row = self._context(session, campaign_id, case_id)
            review = self._effective(session, campaign, case, reviewer)
            if review is None:
                return []
            rows = sorted(review.deductions, key=lambda d: d.id)
            checklist = self._review_checklist(session, review)
            return [self._info(d, checklist) for d in rows]

    def score(
        self, campaign_id: int, case_id: int | str, reviewer: str | None = None
    ) -> ScoreResult:
        """The score of the named reviewer's review (or the final/only one), against the
        checklist version that review was made with."""
        with self.db.session() as session:
            campaign, case, checklist, _row = self._context(session, campaign_id, case_id)
            review = self._effective(session, campaign, case, reviewer)
            if review is not None and review.checklist is not None:
                checklist = self._checklist(review.checklist)
            scored = [
                ScoredDeduction(d.item_id, d.count, d.points)
                for d in (review.deductions if review else [])
            ]
            return score_review(checklist, scored)

    def status(self, campaign_id: int, case_id: int | str) -> dict[str, Any]:
        """Who reviewed the case and whether it is signed off (names only, no deductions)."""
        with self.db.session() as session:
            campaign, case, _c, _r = self._context(session, campaign_id, case_id)
            reviews = self._reviews(session, campaign.id, case.id)
            signed = next((r for r in reviews if r.signed_off_at is not None), None)
            # Was the case signed off once and the sign-off cleared by a later edit? The audit
            # log says so for as long as nobody signs again.
            last = session.scalar(
                select(AuditEntry.action)
                .where(
                    AuditEntry.entity == "review",
                    AuditEntry.entity_id.in_([str(r.id) for r in reviews]),
                    AuditEntry.action.in_(("signoff", "signoff_cleared")),
                )
                .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
                .limit(1)
            )
            return {
                "signoff_cleared": signed is None and last == "signoff_cleared",
                "case_id": case.id,
                "double_review": campaign.double_review,
                "reviewers": [r.reviewer.name for r in reviews if r.role == "reviewer"],
                "final": any(r.role == "final" for r in reviews),
                "signed_off": signed is not None,
                "signed_off_by": signed.signer.name if signed and signed.signer else None,
                "signed_off_at": (
                    signed.signed_off_at.isoformat() if signed and signed.signed_off_at else None
                ),
            }
