"""Double review: the reviewers' differences, the lead's reconciled final review, sign-off."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from app.errors import UserError
from app.review import reconcile as reconcile_mod
from app.review.campaigns import check_may_score, get_or_create_reviewer
from app.review.reviews.context import ReviewContext
from app.review.reviews.results import Change, deduction_snapshot
from app.store import audit
from app.store.models import Campaign, CaseFile, Deduction, Reviewer
from app.store.models.base import utcnow


class DoubleReview(ReviewContext):
    """The lead's side of a case: compare, reconcile, sign off."""

    def _reviewer_rows(
        self, session: Session, campaign: Campaign, case: CaseFile
    ) -> tuple[dict[str, list[dict[str, Any]]], dict[str, list[Deduction]]]:
        rows: dict[str, list[dict[str, Any]]] = {}
        objects: dict[str, list[Deduction]] = {}
        for review in self._reviews(session, campaign.id, case.id):
            if review.role != "reviewer":
                continue
            deductions = sorted(review.deductions, key=lambda d: d.id)
            objects[review.reviewer.name] = deductions
            rows[review.reviewer.name] = [
                {
                    "id": d.id,
                    "item_id": d.item_id,
                    "count": d.count,
                    "points": d.points,
                    "reason": d.reason,
                }
                for d in deductions
            ]
        return rows, objects

    def differences(self, campaign_id: int, case_id: int | str) -> reconcile_mod.Differences:
        """The two (or more) reviewers' deductions side by side, item by item (for the lead)."""
        with self.db.session() as session:
            campaign, case, checklist, _row = self._context(session, campaign_id, case_id)
            rows, _ = self._reviewer_rows(session, campaign, case)
            texts = {i.id: i.text for i in checklist.iter_items()}
            return reconcile_mod.compare(rows, texts)

    def reconcile(
        self,
        campaign_id: int,
        case_id: int | str,
        lead: str | None = None,
        choices: dict[str, str | None] | None = None,
    ) -> Change:
        """Write the final review: per item, the deductions of the reviewer the lead chose
        (items both agree on need no choice). Replaces an earlier final review."""
        lead_name = self.identity.require(lead)
        with self.db.session() as session:
            campaign, case, checklist, row = self._context(session, campaign_id, case_id)
            rows, objects = self._reviewer_rows(session, campaign, case)
            if len(rows) < 2:
                raise UserError(
                    f"案卷 {case.id} 目前只有 {len(rows)} 位评查人的评分，需两位评查人都评分后才能合并。"
                )
            texts = {i.id: i.text for i in checklist.iter_items()}
            chosen = reconcile_mod.choose(reconcile_mod.compare(rows, texts), choices or {})
            final = self._get_review(session, campaign, case, row, lead_name, "final")
            for old in list(final.deductions):
                audit.record(
                    session, lead_name, "deduction", old.id, "delete", deduction_snapshot(old), None
                )
                session.delete(old)
            session.flush()
            for item_id, reviewer in chosen.items():
                if reviewer is None:
                    continue
                for source in objects[reviewer]:
                    if source.item_id != item_id:
                        continue
                    copy = Deduction(
                        review_id=final.id,
                        item_id=source.item_id,
                        count=source.count,
                        points=source.points,
                        reason=source.reason,
                        basis=source.basis,
                        page=source.page,
                        region=source.region,
                        origin=source.origin,
                        suggestion_id=source.suggestion_id,
                    )
                    session.add(copy)
                    session.flush()
                    audit.record(
                        session,
                        lead_name,
                        "deduction",
                        copy.id,
                        "create",
                        None,
                        deduction_snapshot(copy),
                    )
            audit.record(
                session,
                lead_name,
                "review",
                final.id,
                "reconcile",
                None,
                {"choices": {k: v for k, v in chosen.items()}},
            )
            cleared = self._clear_signoff(session, campaign.id, case.id, lead_name)
            return Change("reconcile", campaign.id, case.id, final.id, None, None, cleared)

    def signoff(self, campaign_id: int, case_id: int | str, lead: str | None = None) -> Change:
        """The lead's sign-off (签字确认) on the case's final (or only) review."""
        lead_name = self.identity.require(lead)
        with self.db.session() as session:
            campaign, case, _checklist, row = self._context(session, campaign_id, case_id)
            check_may_score(session, campaign.id, case.id, lead_name, "final", actor=self.who)
            reviews = self._reviews(session, campaign.id, case.id)
            final = [r for r in reviews if r.role == "final"]
            plain = [r for r in reviews if r.role == "reviewer"]
            if final:
                target = final[0]
            elif campaign.double_review:
                raise UserError(
                    f"本次评查实行双人评查，案卷 {case.id} 尚未由组长合并两位评查人的结果（review reconcile）。"
                )
            elif len(plain) == 1:
                target = plain[0]
            elif not plain:
                target = self._get_review(session, campaign, case, row, lead_name, "final")
            else:
                raise UserError(
                    f"案卷 {case.id} 有多位评查人的评分，请先合并（review reconcile）。"
                )
            signer: Reviewer = get_or_create_reviewer(session, lead_name)
            before = {
                "signed_off_at": target.signed_off_at.isoformat() if target.signed_off_at else None,
                "signed_off_by": target.signed_off_by,
            }
            now: datetime = utcnow()
            target.signed_off_at = now
            target.signed_off_by = signer.id
            session.flush()
            audit.record(
                session,
                lead_name,
                "review",
                target.id,
                "signoff",
                before,
                {"signed_off_at": now.isoformat(), "signed_off_by": signer.id},
            )
            return Change("signoff", campaign.id, case.id, target.id)
