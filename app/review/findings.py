"""Findings (发现的问题) that feed the 监督意见书: deductions on supervision items (监督事项),
or on every item when the settings' ``opinion_scope`` is "all", per department; and why a
department of the campaign has none (:func:`no_opinion_reasons`).

A case counts with its settled review: the final (reconciled) review, or the only review of
a single-reviewer case; a double-reviewed case not yet reconciled has no findings yet.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.identity import SYSTEM_ACTOR
from app.review.campaigns import entry_case_no, get_campaign, in_sample
from app.review.reviews import load_checklist
from app.store import audit, repositories
from app.store.database import Database
from app.store.models import CampaignCase, Finding, Review
from scoring.json_fields import JsonFields

NO_DEPARTMENT = "（未确定执法单位）"
SCOPES = ("supervision", "all")


@dataclass(frozen=True)
class FindingInfo(JsonFields):
    json_skip = ("department_id",)

    text: str
    case_no: str | None
    case_id: int
    page: int | None
    item: str
    item_text: str
    category: str
    deduction_id: int
    department_id: int | None
    basis: str | None = None


def settled_review(reviews: list[Review]) -> Review | None:
    """The review that counts: the final (reconciled) one, or the only one of a case."""
    final = [r for r in reviews if r.role == "final"]
    if final:
        return final[0]
    plain = [r for r in reviews if r.role == "reviewer"]
    return plain[0] if len(plain) == 1 else None


@dataclass
class Coverage:
    """What a department's files of a campaign gave: how many, settled, with deductions."""

    cases: int = 0
    settled: int = 0
    deducted: int = 0
    findings: list[FindingInfo] = field(default_factory=list)


def _settled(session: Session, campaign_id: int) -> Iterator[tuple[str, CampaignCase, Any, Any]]:
    """Each sampled real case of the campaign: its department's name, the entry, its settled
    review (None when not settled) and that review's checklist."""
    get_campaign(session, campaign_id)
    entries = session.scalars(
        select(CampaignCase)
        .where(CampaignCase.campaign_id == campaign_id, CampaignCase.case_file_id.is_not(None))
        .order_by(CampaignCase.id)
    ).all()
    cache: dict[int, Any] = {}
    for entry in entries:
        if not in_sample(entry) or not repositories.is_used_for_real_work(session, entry.case_file):
            continue  # demo dossiers never become findings of a real library's letters
        reviews = list(
            session.scalars(
                select(Review)
                .where(Review.campaign_id == campaign_id, Review.case_file_id == entry.case_file_id)
                .order_by(Review.id)
            )
        )
        department = entry.department or (entry.case_file.department if entry.case_file else None)
        name = department.name if department else NO_DEPARTMENT
        review = settled_review(reviews)
        if review is None or review.checklist is None:
            yield name, entry, None, None
            continue
        if review.checklist.id not in cache:
            cache[review.checklist.id] = load_checklist(review.checklist)
        yield name, entry, review, cache[review.checklist.id]


def _coverage(session: Session, campaign_id: int, scope: str) -> dict[str, Coverage]:
    if scope not in SCOPES:
        raise ValueError(scope)
    result: dict[str, Coverage] = {}
    for name, entry, review, checklist in _settled(session, campaign_id):
        cover = result.setdefault(name, Coverage())
        cover.cases += 1
        if review is None:
            continue
        cover.settled += 1
        cover.deducted += bool(review.deductions)
        categories = {i.id: c.name for c in checklist.categories for i in c.items}
        department = entry.department or (entry.case_file.department if entry.case_file else None)
        for d in sorted(review.deductions, key=lambda d: d.id):
            if not checklist.has_item(d.item_id):
                continue
            item = checklist.item(d.item_id)
            if scope == "supervision" and not item.supervision:
                continue
            cover.findings.append(
                FindingInfo(
                    text=d.reason,
                    case_no=entry_case_no(entry),
                    case_id=entry.case_file_id or 0,
                    page=d.page,
                    item=item.id,
                    item_text=item.text,
                    category=categories[item.id],
                    deduction_id=d.id,
                    department_id=department.id if department else None,
                    # A problem always cites a basis: the deduction's, the item's, or at
                    # least the checklist (评查标准) the file was scored against.
                    basis=d.basis or item.basis or f"《{checklist.name}》",
                )
            )
    return result


def _collect(
    session: Session, campaign_id: int, scope: str = "supervision"
) -> dict[str, list[FindingInfo]]:
    return {
        name: cover.findings
        for name, cover in _coverage(session, campaign_id, scope).items()
        if cover.findings
    }


def no_opinion_reasons(
    db: Database, campaign_id: int, scope: str = "supervision"
) -> dict[str, str]:
    """Department → why it gets no 监督意见书 from this campaign (Chinese), for each
    department of the campaign that has no findings (a query)."""
    with db.session() as session:
        covered = _coverage(session, campaign_id, scope)
    reasons = {}
    for name, cover in covered.items():
        if cover.findings or name == NO_DEPARTMENT:
            continue
        waiting = cover.cases - cover.settled
        later = f"另有{waiting}件尚未评定完毕，评定后可能需要出具。" if waiting else ""
        if not cover.settled:
            reasons[name] = f"{cover.cases}件案卷均未评定完毕（未评分或双人评查未合议），暂不出具。"
        elif not cover.deducted:
            reasons[name] = f"已评定的{cover.settled}件案卷均无扣分，不出具。{later}"
        else:
            reasons[name] = (
                f"已评定的{cover.settled}件案卷中有{cover.deducted}件扣分，但扣分均不属于监督事项"
                "（文书设置中“意见书问题范围”为仅监督事项），不出具。" + later
            )
    return reasons


def findings(
    db: Database, campaign_id: int, scope: str = "supervision"
) -> dict[str, list[FindingInfo]]:
    """Department name → its findings, in case and deduction order (a query; stores nothing).
    ``scope``: "supervision" (监督事项 only) or "all" (every deduction)."""
    with db.session() as session:
        return _collect(session, campaign_id, scope)


def store_findings(db: Database, campaign_id: int, who: str = SYSTEM_ACTOR) -> dict[str, int]:
    """Rebuild the campaign's ``Finding`` rows from the settled reviews; returns the count per
    department. Findings of cases without a department are not stored (no department to
    address a letter to) but are listed by :func:`findings`."""
    with db.session() as session:
        collected = _collect(session, campaign_id)
        before = session.scalar(
            select(Finding.id).where(Finding.campaign_id == campaign_id).limit(1)
        )
        session.execute(delete(Finding).where(Finding.campaign_id == campaign_id))
        counts: dict[str, int] = {}
        for department, rows in collected.items():
            for f in rows:
                if f.department_id is None:
                    continue
                session.add(
                    Finding(
                        campaign_id=campaign_id,
                        department_id=f.department_id,
                        deduction_id=f.deduction_id,
                        category=f.category[:50],
                        text=f"{f.case_no or ''}（第{f.page}页）：{f.text}"
                        if f.page
                        else f"{f.case_no or ''}：{f.text}",
                    )
                )
                counts[department] = counts.get(department, 0) + 1
        session.flush()
        audit.record(
            session,
            who,
            "campaign",
            campaign_id,
            "findings",
            {"had_findings": before is not None},
            {"findings": counts},
        )
        return counts
