"""Pre-check suggestions decided by a reviewer: run, accepted as deductions, or rejected."""

from __future__ import annotations

import importlib
from collections.abc import Iterable

from sqlalchemy import select

from app.changes import OpChanges
from app.errors import UserError
from app.review.reviews.context import ReviewContext
from app.review.reviews.results import Change, PrecheckAcceptance, deduction_snapshot
from app.review.town_powers import town_powers_of
from app.store import audit
from app.store.models import Deduction, PrecheckSuggestion
from app.store.repositories import get_or_raise
from scoring.checklist import Checklist
from scoring.prechecks import load_prechecks
from scoring.scores import points_for


class PrecheckDecisions(ReviewContext):
    """Turning the automatic pre-checks' suggestions into deductions, or rejecting them."""

    def accept_prechecks(
        self,
        campaign_id: int,
        case_id: int | str,
        *,
        reviewer: str | None = None,
        run_missing: bool = True,
        only: Iterable[int] | None = None,
    ) -> PrecheckAcceptance:
        """Turn the case's pending pre-check suggestions into deductions (origin precheck);
        with ``only``, just those suggestion ids (the reviewer accepts one at a time).

        With ``run_missing`` and no suggestion stored for the case, the pre-checks run first
        (when the pre-check service is installed). Suggestions naming an item the pinned
        checklist lacks stay pending and are reported as skipped; 需核实 items (resting on a
        doubtful fact) stay pending and are reported as needs_check — asked for by id, they
        are refused."""
        with self.db.session() as session:
            _campaign, case, checklist, _row = self._context(session, campaign_id, case_id)
            stored = session.scalar(
                select(PrecheckSuggestion.id)
                .where(PrecheckSuggestion.case_file_id == case.id)
                .limit(1)
            )
            case_file_id = case.id
        if stored is None and run_missing:
            self._run_prechecks(case_file_id, checklist)
        with self.db.session() as session:
            campaign, case, checklist, row = self._context(session, campaign_id, case_id)
            pending = session.scalars(
                select(PrecheckSuggestion)
                .where(
                    PrecheckSuggestion.case_file_id == case.id,
                    PrecheckSuggestion.state == "pending",
                )
                .order_by(PrecheckSuggestion.id)
            ).all()
            if only is not None:
                wanted = set(only)
                pending = [p for p in pending if p.id in wanted]
                doubtful = [p for p in pending if p.needs_check]
                if doubtful:  # 需核实: the fact comes first, then the rule re-runs
                    raise UserError(
                        f"预检提示 {doubtful[0].id} 依据的要素待核实，请先确认该要素"
                        "（确认后将重新预检），不能直接采纳为扣分。"
                    )
            name = self._reviewer_name(session, campaign, reviewer, case)
            accepted: list[int] = []
            skipped: list[int] = []
            unconfirmed: list[int] = []
            review = None
            for suggestion in pending:
                if suggestion.needs_check:
                    unconfirmed.append(suggestion.id)
                    continue
                if not suggestion.item_id or not checklist.has_item(suggestion.item_id):
                    skipped.append(suggestion.id)
                    continue
                review = review or self._get_review(session, campaign, case, row, name, "reviewer")
                item = checklist.item(suggestion.item_id)
                points = (
                    min(float(suggestion.suggested_points), float(item.points))
                    if suggestion.suggested_points is not None
                    else points_for(item, 1)
                )
                pages = suggestion.pages if isinstance(suggestion.pages, list) else []
                page = next((int(p) for p in pages if isinstance(p, int)), None)
                deduction = Deduction(
                    review_id=review.id,
                    item_id=item.id,
                    count=1,
                    points=points,
                    reason=suggestion.message,
                    # the provision the finding rests on (a fine's range), else the item's
                    basis=load_prechecks().finding_basis(suggestion.rule, suggestion.facts or [])
                    or item.basis,
                    page=page,
                    origin="precheck",
                    suggestion_id=suggestion.id,
                )
                session.add(deduction)
                suggestion.state = "accepted"
                session.flush()
                audit.record(
                    session,
                    name,
                    "deduction",
                    deduction.id,
                    "create",
                    None,
                    deduction_snapshot(deduction),
                )
                audit.record(
                    session,
                    name,
                    "precheck",
                    suggestion.id,
                    "accept",
                    {"state": "pending"},
                    {"state": "accepted"},
                )
                accepted.append(deduction.id)
            cleared = (
                self._clear_signoff(session, campaign.id, case.id, name) if accepted else False
            )
            return PrecheckAcceptance(
                {
                    "accepted": len(accepted),
                    "deduction_ids": accepted,
                    "skipped": skipped,
                    "needs_check": unconfirmed,
                    "signoff_cleared": cleared,
                },
                OpChanges(review=True).with_ids(campaign.id, case.id),
            )

    def _run_prechecks(self, case_id: int, checklist: Checklist) -> bool:
        try:
            module = importlib.import_module("app.review.prechecks")
        except ModuleNotFoundError as exc:
            if exc.name != "app.review.prechecks":
                raise
            return False
        run = getattr(module, "run_prechecks", None)
        if run is None:
            return False
        paths = getattr(self.checklists, "paths", None)  # the data folder's 赋权事项清单
        run(self.db, case_id, checklist, town_powers_of(paths.data_dir if paths else None))
        return True

    def reject_precheck(
        self, suggestion_id: int, reason: str, *, reviewer: str | None = None
    ) -> Change:
        if not (reason or "").strip():
            raise UserError("请说明不采纳该预检提示的理由。")
        with self.db.session() as session:
            suggestion = get_or_raise(
                session,
                PrecheckSuggestion,
                suggestion_id,
                f"没有编号为 {suggestion_id} 的预检提示。",
            )
            if suggestion.state == "accepted":
                raise UserError(f"预检提示 {suggestion_id} 已被采纳为扣分；请先删除该扣分。")
            before = {"state": suggestion.state, "reject_reason": suggestion.reject_reason}
            suggestion.state = "rejected"
            suggestion.reject_reason = reason.strip()
            session.flush()
            audit.record(
                session,
                (reviewer or "").strip() or self.identity.actor,
                "precheck",
                suggestion.id,
                "reject",
                before,
                {"state": "rejected", "reject_reason": suggestion.reject_reason},
            )
            # A suggestion belongs to the case, whichever campaign shows it.
            return Change("reject_precheck", None, suggestion.case_file_id)
