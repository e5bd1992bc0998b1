"""A campaign's lookup, its scope (departments) and its review group (reviewers, leads)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import UserError
from app.store.models import Campaign, CampaignMember, Reviewer
from app.store.repositories import get_or_raise


def get_campaign(session: Session, campaign_id: int) -> Campaign:
    return get_or_raise(session, Campaign, campaign_id, f"没有编号为 {campaign_id} 的评查活动。")


def settings_of(session: Session, campaign_id: int) -> dict[str, Any]:
    """The campaign's scope (departments), reviewers and leads, in the order they were named."""
    campaign = get_campaign(session, campaign_id)
    return {
        "departments": [d.department.name for d in campaign.scope],
        "reviewers": [m.reviewer.name for m in campaign.members if m.role == "reviewer"],
        "leads": [m.reviewer.name for m in campaign.members if m.role == "lead"],
    }


def get_or_create_reviewer(session: Session, name: str) -> Reviewer:
    name = (name or "").strip()
    if not name:
        raise UserError("评查人姓名不能为空。")
    found = session.scalar(select(Reviewer).where(Reviewer.name == name))
    if found is None:
        found = Reviewer(name=name)
        session.add(found)
        session.flush()
    return found


def unique_names(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(n.strip() for n in names if n and n.strip()))


def team_names(reviewers: Iterable[str], leads: Iterable[str]) -> tuple[list[str], list[str]]:
    """Reviewers and leads without blanks or repeats; a person named as both is refused."""
    names, lead_names = unique_names(reviewers), unique_names(leads)
    both = [n for n in names if n in lead_names]
    if both:
        raise UserError(
            f"{'、'.join(both)} 不能同时担任评查人和组长：组长负责合并与签字确认，不参与背靠背评分。"
        )
    return names, lead_names


def add_members(
    session: Session, campaign: Campaign, reviewers: list[str], leads: list[str]
) -> None:
    """Write the review group in the given order (reviewers first, then leads)."""
    named = [(n, "reviewer") for n in reviewers] + [(n, "lead") for n in leads]
    for position, (name, role) in enumerate(named):
        person = get_or_create_reviewer(session, name)
        session.add(
            CampaignMember(
                campaign_id=campaign.id, reviewer_id=person.id, role=role, position=position
            )
        )
    session.flush()
