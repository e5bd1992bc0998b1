"""Which checklist applies to a case in a campaign: the one rule, used by scoring, the
scoring window and the statistics.

A reviewer at a justice bureau expects this:

1. The campaign's pinned checklist for the case's kind (行政处罚 / 行政强制) applies.
2. A case whose kind is not yet known is scored with the campaign's only checklist when it
   pinned one; with two pinned, the kind must be confirmed first (a clear refusal).
3. When the campaign pinned no checklist for the case's kind (a coercion case drawn into a
   campaign that pinned only the penalty checklist), the case is *not* scored against the
   penalty checklist (every deduction would be refused) and *not* refused either: the
   current checklist of that kind (the bundled one first, newest effective date) applies.
   It is pinned to the campaign, with an audit entry, the first time anything is stored for
   such a case, so later imports of a newer version do not change that campaign's scores, and
   the window, the deductions and the statistics all name the same version.

Reading (:func:`choose`) never writes; :func:`pin` is called by the writing paths.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.casefiles.library import KIND_LABELS
from app.errors import UserError
from app.store import audit
from app.store.models import Campaign, CampaignChecklist
from app.store.models import Checklist as ChecklistRow


@dataclass(frozen=True)
class Choice:
    """The checklist row that applies, and whether the campaign already pinned it."""

    row: ChecklistRow
    pinned: bool


def pinned_rows(session: Session, campaign: Campaign) -> list[ChecklistRow]:
    """The checklist versions the campaign pinned, in the order they were pinned."""
    links = session.scalars(
        select(CampaignChecklist)
        .where(CampaignChecklist.campaign_id == campaign.id)
        .order_by(CampaignChecklist.id)
    )
    return [link.checklist for link in links]


def current_of_kind(session: Session, kind: str) -> ChecklistRow | None:
    """The checklist a new campaign would pin for ``kind``: bundled first, then the newest
    effective date, then the most recently stored."""
    rows = list(session.scalars(select(ChecklistRow).where(ChecklistRow.kind == kind)))
    if not rows:
        return None
    return max(
        rows,
        key=lambda r: (
            r.origin == "bundled",
            r.effective_date is not None,
            r.effective_date or 0,
            r.id,
        ),
    )


def choose(session: Session, campaign: Campaign, kind: str | None) -> Choice:
    """The checklist for a case of ``kind`` in ``campaign`` (see the module docstring)."""
    rows = pinned_rows(session, campaign)
    if kind is None:
        if len(rows) == 1:
            return Choice(rows[0], True)
        if not rows:
            raise UserError(f"评查活动“{campaign.name}”没有固定评查标准。")
        raise UserError(
            "本案卷尚未确定案件类型（行政处罚或行政强制），无法选用评查标准。"
            "请先在案卷窗口确认案件类型。"
        )
    for row in rows:
        if row.kind == kind:
            return Choice(row, True)
    current = current_of_kind(session, kind)
    if current is None:
        label = KIND_LABELS.get(kind, kind)
        raise UserError(
            f"评查活动“{campaign.name}”没有适用于{label}案卷的评查标准，"
            "且本机尚无该类评查标准，请先导入或同步评查标准。"
        )
    return Choice(current, False)


def pin(session: Session, campaign: Campaign, kind: str | None, who: str) -> ChecklistRow:
    """:func:`choose`, and pin the choice to the campaign (audited) when it was not pinned."""
    choice = choose(session, campaign, kind)
    if not choice.pinned:
        row = choice.row
        session.add(CampaignChecklist(campaign_id=campaign.id, checklist_version_id=row.id))
        session.flush()
        session.expire(campaign, ["checklists"])
        audit.record(
            session,
            who,
            "campaign",
            campaign.id,
            "pin_checklist",
            None,
            {"checklist": f"{row.checklist_id}@{row.version}", "kind": row.kind},
        )
    return choice.row
