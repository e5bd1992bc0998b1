"""Adding, changing and deleting deductions; each edit is audited and clears a sign-off."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from app.errors import UserError
from app.review import evidence
from app.review.reviews.context import ReviewContext
from app.review.reviews.results import Change, deduction_snapshot
from app.store import audit
from app.store.models import CaseFile, Deduction, Review
from app.store.models.base import utcnow
from app.store.repositories import get_or_raise
from scoring.checklist import Checklist
from scoring.scores import points_for


@dataclass(frozen=True)
class DeductionUpdate:
    """What :meth:`DeductionEdits.update_deduction` changes on a deduction: a field left
    ``None`` keeps what is stored. ``region``: ``None`` keeps the evidence region (dropped
    when the deduction moves to another page), ``evidence.CLEAR`` (``{}``) removes it,
    anything else is checked against the page."""

    count: int | None = None
    reason: str | None = None
    basis: str | None = None
    page: int | None = None
    region: Any = None


class DeductionEdits(ReviewContext):
    """Deductions of one review: recorded, changed and deleted by hand."""

    @staticmethod
    def _validate(
        checklist: Checklist,
        case: CaseFile,
        item_id: str,
        count: int,
        reason: str,
        page: int | None,
    ) -> None:
        if not checklist.has_item(item_id):
            raise UserError(
                f"评查标准《{checklist.name}》（{checklist.version}）中没有编号为 {item_id} 的评查项目。"
            )
        if int(count) < 1:
            raise UserError(f"评查项目 {item_id} 的问题处数应至少为 1，实际为 {count}。")
        if not (reason or "").strip():
            raise UserError("请填写扣分理由。")
        if page is not None and (page < 1 or (case.page_count and page > case.page_count)):
            raise UserError(f"页码 {page} 超出案卷范围（共 {case.page_count} 页）。")

    def deduct(
        self,
        campaign_id: int,
        case_id: int | str,
        item_id: str,
        count: int = 1,
        reason: str = "",
        basis: str | None = None,
        page: int | None = None,
        region: Any = None,
        *,
        reviewer: str | None = None,
        final: bool = False,
    ) -> Change:
        """Record a deduction on the reviewer's review (``final``: on the lead's final one).

        Points follow the item's rule (每处扣分, capped at the item's points, or all of them).
        ``region`` is an evidence region (format: :mod:`app.review.evidence`) on ``page``; with
        no ``page`` given, the region's page is the deduction's page."""
        item_id = (item_id or "").strip()
        with self.db.session() as session:
            campaign, case, checklist, row = self._context(session, campaign_id, case_id)
            if region is not None and not evidence.is_clear(region):
                checked = evidence.normalise_region(region, page)  # see app/review/evidence.py
                page, region = checked.page, checked.as_json()
            else:
                region = None
            self._validate(checklist, case, item_id, count, reason, page)
            if final:
                name = self.identity.require(reviewer)
            else:
                name = self._reviewer_name(session, campaign, reviewer, case)
            review = self._get_review(
                session, campaign, case, row, name, "final" if final else "reviewer"
            )
            item = checklist.item(item_id)
            deduction = Deduction(
                review_id=review.id,
                item_id=item_id,
                count=int(count),
                points=points_for(item, int(count)),
                reason=reason.strip(),
                basis=(basis or "").strip() or None,
                page=page,
                region=region,
                origin="manual",
            )
            session.add(deduction)
            session.flush()
            after = deduction_snapshot(deduction)
            return self._edited(
                session, review, self._actor(name), "deduct", deduction.id, None, after, "create"
            )

    def _owned(self, session: Session, deduction_id: int, reviewer: str | None) -> Deduction:
        deduction = get_or_raise(
            session, Deduction, deduction_id, f"没有编号为 {deduction_id} 的扣分记录。"
        )
        owner = deduction.review.reviewer.name
        if reviewer and reviewer.strip() != owner:
            raise UserError(f"扣分记录 {deduction_id} 属于评查人 {owner}，不能由 {reviewer} 修改。")
        return deduction

    def update_deduction(
        self, deduction_id: int, update: DeductionUpdate, *, reviewer: str | None = None
    ) -> Change:
        """Change a deduction as ``update`` says; points are recomputed from a new count.
        Audited."""
        with self.db.session() as session:
            deduction = self._owned(session, deduction_id, reviewer)
            review = deduction.review
            checklist = self._review_checklist(session, review)
            before = deduction_snapshot(deduction)
            new_count = deduction.count if update.count is None else int(update.count)
            new_reason = deduction.reason if update.reason is None else update.reason
            new_page = deduction.page if update.page is None else update.page
            new_region = deduction.region
            if update.region is None:
                kept = evidence.read_region(new_region)
                if kept is not None and new_page is not None and kept.page != new_page:
                    new_region = None
            elif evidence.is_clear(update.region):
                new_region = None
            else:
                checked = evidence.normalise_region(update.region, new_page)
                new_page, new_region = checked.page, checked.as_json()
            self._validate(
                checklist, review.case_file, deduction.item_id, new_count, new_reason, new_page
            )
            deduction.count = new_count
            deduction.reason = new_reason.strip()
            deduction.page = new_page
            if update.basis is not None:
                deduction.basis = update.basis.strip() or None
            deduction.region = new_region
            if update.count is not None:
                deduction.points = points_for(checklist.item(deduction.item_id), new_count)
            deduction.updated_at = utcnow()
            session.flush()
            who = self._actor(reviewer or review.reviewer.name)
            self._check_editor(session, review)
            after = deduction_snapshot(deduction)
            return self._edited(session, review, who, "update", deduction.id, before, after)

    def delete_deduction(self, deduction_id: int, *, reviewer: str | None = None) -> Change:
        with self.db.session() as session:
            deduction = self._owned(session, deduction_id, reviewer)
            review = deduction.review
            before = deduction_snapshot(deduction)
            who = self._actor(reviewer or review.reviewer.name)
            self._check_editor(session, review)
            if deduction.suggestion_id is not None and deduction.suggestion is not None:
                deduction.suggestion.state = "pending"  # the pre-check waits for a decision again
            session.delete(deduction)
            session.flush()
            return self._edited(session, review, who, "delete", deduction_id, before, None)

    def _edited(
        self,
        session: Session,
        review: Review,
        who: str,
        action: str,
        deduction_id: int,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
        audit_action: str | None = None,
    ) -> Change:
        """What every deduction edit ends with: its audit entry (``audit_action``, default
        ``action``), the case's sign-off cleared, and the change it made."""
        audit.record(session, who, "deduction", deduction_id, audit_action or action, before, after)
        cleared = self._clear_signoff(session, review.campaign_id, review.case_file_id, who)
        points = after["points"] if after else None
        return Change(
            action,
            review.campaign_id,
            review.case_file_id,
            review.id,
            deduction_id,
            points,
            cleared,
        )
