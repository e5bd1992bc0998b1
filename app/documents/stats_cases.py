"""Reading one campaign's sampled cases from the database: each case's settled review
scored against its checklist (the review's own, else the one the campaign's rule chooses),
and the rows of 扣分明细 it contributes."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.documents.stats_results import (
    NO_DEPARTMENT,
    STATUS_SCORED,
    STATUS_UNREVIEWED,
    STATUS_UNSETTLED,
    CaseStat,
    DeductionRow,
)
from app.review import checklist_choice
from app.review.campaigns import entry_case_no, entry_department, in_sample
from app.review.findings import settled_review
from app.review.reviews import load_checklist
from app.store import repositories
from app.store.models import Campaign, CampaignCase, CaseField, Officer, Review
from scoring.checklist import CASE_KIND_LABELS, Checklist
from scoring.scores import Deduction as ScoredDeduction
from scoring.scores import score_review


def personal_names(session: Session, cases: list[CaseStat]) -> tuple[str, ...]:
    """Every name of a person the database knows for a campaign: its cases' parties (the
    value on the case and every reading of the 当事人 fact) and the roster's enforcement
    officers. A published paper masks them wherever they stand, a cue word before them or
    not (app.documents.anonymise); organisations among them are left to its test."""
    names = {c.party for c in cases if c.party}
    case_ids = [c.case_id for c in cases if c.case_id is not None]
    if case_ids:
        for value, readings in session.execute(
            select(CaseField.value, CaseField.readings).where(
                CaseField.case_file_id.in_(case_ids), CaseField.name == "party"
            )
        ):
            names.add(value or "")
            for reading in readings or []:
                if isinstance(reading, dict) and isinstance(reading.get("value"), str):
                    names.add(reading["value"])
    names.update(session.scalars(select(Officer.name)))
    return tuple(sorted(n.strip() for n in names if n and n.strip()))


@dataclass
class ScoredCase:
    """A case with its exact total and what the deductions cost, per item and category."""

    stat: CaseStat
    exact_total: Decimal
    item_lost: dict[str, float]
    category_lost: dict[str, float]


class CaseReader:
    """Reads a campaign's cases in one session, loading each checklist once."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._checklists: dict[int, Checklist] = {}

    def checklist(self, row: object) -> Checklist:
        key = row.id  # type: ignore[attr-defined]
        if key not in self._checklists:
            self._checklists[key] = load_checklist(row)  # type: ignore[arg-type]
        return self._checklists[key]

    def pinned(self, campaign: Campaign) -> list[Checklist]:
        """The campaign's pinned checklists, then any other one a review was scored with (so
        every deduction's category is listed in the checklist's order)."""
        pinned = [self.checklist(c.checklist) for c in campaign.checklists]
        return pinned + [c for c in self._checklists.values() if all(c is not p for p in pinned)]

    def entries(self, campaign_id: int) -> list[CampaignCase]:
        return [
            e
            for e in self.session.scalars(
                select(CampaignCase)
                .where(CampaignCase.campaign_id == campaign_id)
                .order_by(CampaignCase.id)
            )
            if in_sample(e) and repositories.is_used_for_real_work(self.session, e.case_file)
        ]

    def reviews(self, campaign_id: int, case_id: int) -> list[Review]:
        return list(
            self.session.scalars(
                select(Review)
                .where(Review.campaign_id == campaign_id, Review.case_file_id == case_id)
                .order_by(Review.id)
            )
        )

    def review_checklist(self, campaign: Campaign, review: Review, kind: str | None) -> Checklist:
        if review.checklist is not None:
            return self.checklist(review.checklist)
        return self.checklist(checklist_choice.choose(self.session, campaign, kind).row)

    def case(
        self, campaign: Campaign, entry: CampaignCase, rows: list[DeductionRow]
    ) -> ScoredCase | CaseStat:
        case = entry.case_file
        department = entry_department(entry) or NO_DEPARTMENT
        reviews = self.reviews(campaign.id, case.id) if case is not None else []
        review = settled_review(reviews)
        names = tuple(dict.fromkeys(r.reviewer.name for r in reviews if r.role == "reviewer"))
        signed = next((r for r in reviews if r.signed_off_at is not None), None)
        signer = signed.signer.name if signed is not None and signed.signer else ""
        unscored = CaseStat(
            entry_id=entry.id,
            case_id=entry.case_file_id,
            department=department,
            case_no=entry_case_no(entry) or "",
            party=(case.party if case is not None else None) or _catalogue(entry, "party"),
            kind=CASE_KIND_LABELS.get(case.kind or "", "") if case is not None else "",
            checklist="",
            status=STATUS_UNSETTLED if reviews else STATUS_UNREVIEWED,
            total=None,
            grade="",
            vetoed=False,
            veto_items=(),
            deductions=0,
            points_lost=0.0,
            reviewers=names,
            signed_off=signed is not None,
            signed_off_by=signer,
        )
        if review is None or case is None:
            return unscored
        checklist = self.review_checklist(campaign, review, case.kind)
        category_of = {i.id: c.name for c in checklist.categories for i in c.items}
        deductions = sorted(review.deductions, key=lambda d: d.id)
        result = score_review(
            checklist, [ScoredDeduction(d.item_id, d.count, d.points) for d in deductions]
        )
        for d in deductions:
            item = checklist.item(d.item_id)
            rows.append(
                DeductionRow(
                    case_id=case.id,
                    case_no=unscored.case_no,
                    department=department,
                    party=unscored.party,
                    item_id=item.id,
                    item_text=item.text,
                    category=category_of[item.id],
                    count=d.count,
                    points=float(d.points),
                    reason=d.reason,
                    basis=d.basis or "",
                    page=d.page,
                    reviewer=review.reviewer.name,
                    veto=item.veto,
                )
            )
        stat = replace(
            unscored,
            checklist=f"{checklist.name}（{checklist.version}）",
            status=STATUS_SCORED,
            total=result.total,
            grade=result.grade,
            vetoed=result.vetoed,
            veto_items=tuple(f"{i} {checklist.item(i).text}" for i in result.veto_items),
            deductions=len(deductions),
            points_lost=result.lost,
            reviewers=names or (review.reviewer.name,),
        )
        return ScoredCase(
            stat,
            Decimal(str(result.total)),
            {k: v for k, v in result.items.items() if v},
            {c.name: c.lost for c in result.categories},
        )


def _catalogue(entry: CampaignCase, key: str) -> str:
    row = entry.catalogue_row
    if isinstance(row, dict):
        value = row.get("fields", {}).get(key)
        if value:
            return str(value)
    return ""
