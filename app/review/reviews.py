"""Scoring a case in a campaign: deductions, pre-check suggestions, double review, sign-off.

Every edit is its own transaction with its audit entry (who, before → after), committed
before the call returns: a crash loses nothing that was acknowledged. A reviewer's queries
only ever show that reviewer's own review (blind double review); the lead sees both through
:meth:`ReviewService.differences` and writes the final review with :meth:`reconcile`. Any
edit to a case's reviews after sign-off clears the sign-off.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.changes import OpChanges
from app.errors import NotFoundError, UserError
from app.identity import Identity, as_identity
from app.review import checklist_choice, evidence
from app.review import reconcile as reconcile_mod
from app.review.campaigns import (
    check_may_score,
    get_campaign,
    get_or_create_reviewer,
    resolve_case,
    settings_of,
)
from app.store import audit
from app.store.database import Database
from app.store.models import (
    AuditEntry,
    Campaign,
    CaseFile,
    Deduction,
    PrecheckSuggestion,
    Review,
    Reviewer,
)
from app.store.models import (
    Checklist as ChecklistRow,
)
from app.store.models.base import utcnow
from scoring.checklist import Checklist
from scoring.checklist_loader import checklist_from_data
from scoring.scores import Deduction as ScoredDeduction
from scoring.scores import ScoreResult, points_for, score_review


@dataclass(frozen=True)
class DeductionInfo:
    id: int
    review_id: int
    reviewer: str
    role: str
    item_id: str
    item_text: str
    count: int
    points: float
    reason: str
    basis: str | None
    page: int | None
    region: Any
    origin: str
    suggestion_id: int | None
    veto: bool
    supervision: bool

    def as_json(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass(frozen=True)
class Change:
    """What a review write did (the CLI prints it); :attr:`changes` is the same in the
    app-wide change model. ``campaign_id`` is None for a write that belongs to the case in
    every campaign (a pre-check decision), never a made-up id."""

    action: str
    campaign_id: int | None
    case_id: int
    review_id: int | None = None
    deduction_id: int | None = None
    points: float | None = None
    signoff_cleared: bool = False

    def as_json(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}

    @property
    def changes(self) -> OpChanges:
        return OpChanges(review=True).with_ids(self.campaign_id, self.case_id)


class PrecheckAcceptance(dict[str, Any]):
    """``accept_prechecks``' document (``accepted``, ``deduction_ids``, ``skipped``,
    ``signoff_cleared``: printed by the CLI as it is) that also says what it changed."""

    def __init__(self, data: dict[str, Any], changes: OpChanges) -> None:
        super().__init__(data)
        self.changes = changes


def score_json(result: ScoreResult) -> dict[str, Any]:
    """The CLI's ``review score`` document (keys fixed by CLI.md; more may be added)."""
    return {
        "total": result.total,
        "grade": result.grade,
        "vetoed": result.vetoed,
        "veto_items": list(result.veto_items),
        "lost": result.lost,
        "categories": [
            {"name": c.name, "points": c.points, "lost": c.lost, "score": c.score}
            for c in result.categories
        ],
        "items": {k: v for k, v in result.items.items() if v},
    }


def _snapshot(d: Deduction) -> dict[str, Any]:
    return {
        "review_id": d.review_id,
        "item_id": d.item_id,
        "count": d.count,
        "points": d.points,
        "reason": d.reason,
        "basis": d.basis,
        "page": d.page,
        "region": d.region,
        "origin": d.origin,
        "suggestion_id": d.suggestion_id,
    }


def load_checklist(row: ChecklistRow) -> Checklist:
    return checklist_from_data(json.loads(row.definition), f"数据库中的评查标准 {row.checklist_id}")


class ReviewService:
    """Review use cases; the identity names who acts when a call names nobody.

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

    # ------------------------------------------------------------- context
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

    # ------------------------------------------------------------- deductions
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
            audit.record(
                session,
                self._actor(name),
                "deduction",
                deduction.id,
                "create",
                None,
                _snapshot(deduction),
            )
            cleared = self._clear_signoff(session, campaign.id, case.id, self._actor(name))
            return Change(
                "deduct", campaign.id, case.id, review.id, deduction.id, deduction.points, cleared
            )

    def _owned(self, session: Session, deduction_id: int, reviewer: str | None) -> Deduction:
        deduction = session.get(Deduction, deduction_id)
        if deduction is None:
            raise NotFoundError(f"没有编号为 {deduction_id} 的扣分记录。")
        owner = deduction.review.reviewer.name
        if reviewer and reviewer.strip() != owner:
            raise UserError(f"扣分记录 {deduction_id} 属于评查人 {owner}，不能由 {reviewer} 修改。")
        return deduction

    def update_deduction(
        self,
        deduction_id: int,
        *,
        count: int | None = None,
        reason: str | None = None,
        basis: str | None = None,
        page: int | None = None,
        region: Any = None,
        reviewer: str | None = None,
    ) -> Change:
        """Change a deduction; points are recomputed from the new count. Audited.

        ``region=None`` keeps the evidence region, ``evidence.CLEAR`` (``{}``) removes it."""
        with self.db.session() as session:
            deduction = self._owned(session, deduction_id, reviewer)
            review = deduction.review
            checklist = self._checklist(session.get(ChecklistRow, review.checklist_version_id))
            before = _snapshot(deduction)
            new_count = deduction.count if count is None else int(count)
            new_reason = deduction.reason if reason is None else reason
            new_page = deduction.page if page is None else page
            # region: None keeps the stored one (dropped when the deduction moves to another
            # page), evidence.CLEAR ({}) removes it, anything else is validated.
            new_region = deduction.region
            if region is None:
                kept = evidence.read_region(new_region)
                if kept is not None and new_page is not None and kept.page != new_page:
                    new_region = None
            elif evidence.is_clear(region):
                new_region = None
            else:
                checked = evidence.normalise_region(region, new_page)
                new_page, new_region = checked.page, checked.as_json()
            self._validate(
                checklist, review.case_file, deduction.item_id, new_count, new_reason, new_page
            )
            deduction.count = new_count
            deduction.reason = new_reason.strip()
            deduction.page = new_page
            if basis is not None:
                deduction.basis = basis.strip() or None
            deduction.region = new_region
            if count is not None:
                deduction.points = points_for(checklist.item(deduction.item_id), new_count)
            deduction.updated_at = utcnow()
            session.flush()
            who = self._actor(reviewer or review.reviewer.name)
            self._check_editor(session, review)
            audit.record(
                session, who, "deduction", deduction.id, "update", before, _snapshot(deduction)
            )
            cleared = self._clear_signoff(session, review.campaign_id, review.case_file_id, who)
            return Change(
                "update",
                review.campaign_id,
                review.case_file_id,
                review.id,
                deduction.id,
                deduction.points,
                cleared,
            )

    def delete_deduction(self, deduction_id: int, *, reviewer: str | None = None) -> Change:
        with self.db.session() as session:
            deduction = self._owned(session, deduction_id, reviewer)
            review = deduction.review
            before = _snapshot(deduction)
            who = self._actor(reviewer or review.reviewer.name)
            self._check_editor(session, review)
            if deduction.suggestion_id is not None and deduction.suggestion is not None:
                deduction.suggestion.state = "pending"  # the pre-check waits for a decision again
            session.delete(deduction)
            session.flush()
            audit.record(session, who, "deduction", deduction_id, "delete", before, None)
            cleared = self._clear_signoff(session, review.campaign_id, review.case_file_id, who)
            return Change(
                "delete",
                review.campaign_id,
                review.case_file_id,
                review.id,
                deduction_id,
                None,
                cleared,
            )

    # ------------------------------------------------------------- queries
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
            return [self._info(d, self._checklist(review.checklist)) for d in rows]

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
                "signed_off_at": signed.signed_off_at.isoformat() if signed else None,
            }

    # ------------------------------------------------------------- pre-checks
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
        checklist lacks stay pending and are reported as skipped."""
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
            name = self._reviewer_name(session, campaign, reviewer, case)
            accepted: list[int] = []
            skipped: list[int] = []
            review = None
            for suggestion in pending:
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
                    basis=item.basis,
                    page=page,
                    origin="precheck",
                    suggestion_id=suggestion.id,
                )
                session.add(deduction)
                suggestion.state = "accepted"
                session.flush()
                audit.record(
                    session, name, "deduction", deduction.id, "create", None, _snapshot(deduction)
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
        run(self.db, case_id, checklist)
        return True

    def reject_precheck(
        self, suggestion_id: int, reason: str, *, reviewer: str | None = None
    ) -> Change:
        if not (reason or "").strip():
            raise UserError("请说明不采纳该预检提示的理由。")
        with self.db.session() as session:
            suggestion = session.get(PrecheckSuggestion, suggestion_id)
            if suggestion is None:
                raise NotFoundError(f"没有编号为 {suggestion_id} 的预检提示。")
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

    # ------------------------------------------------------------- double review
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
                    session, lead_name, "deduction", old.id, "delete", _snapshot(old), None
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
                        session, lead_name, "deduction", copy.id, "create", None, _snapshot(copy)
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
