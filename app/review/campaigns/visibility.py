"""Team mode (分工): who sees which cases of a campaign and who may score, reconcile and sign."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import UserError
from app.review.campaigns.scope import settings_of
from app.store.models import CampaignCase, CampaignMember, CaseAssignment, Reviewer


def team_mode(session: Session, campaign_id: int) -> bool:
    """Whether any case of the campaign is assigned to a reviewer."""
    return (
        session.scalar(
            select(CaseAssignment.id)
            .join(CampaignCase, CaseAssignment.campaign_case_id == CampaignCase.id)
            .where(CampaignCase.campaign_id == campaign_id)
            .limit(1)
        )
        is not None
    )


@dataclass(frozen=True)
class Visibility:
    """What one person sees of a campaign, and why (shown in the window)."""

    name: str
    role: str | None  # "reviewer", "lead" or None (not in the review group)
    team_mode: bool
    sees_all: bool
    note: str

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def role_of(session: Session, campaign_id: int, name: str | None) -> str | None:
    wanted = (name or "").strip()
    if not wanted:
        return None
    return session.scalar(
        select(CampaignMember.role)
        .join(Reviewer, CampaignMember.reviewer_id == Reviewer.id)
        .where(CampaignMember.campaign_id == campaign_id, Reviewer.name == wanted)
    )


def visibility(session: Session, campaign_id: int, name: str | None) -> Visibility:
    """Outside team mode everybody sees every case; in team mode a lead sees all, a reviewer
    the cases assigned to them, anybody else (or an unnamed user) none."""
    who = (name or "").strip()
    role = role_of(session, campaign_id, who)
    if not team_mode(session, campaign_id):
        return Visibility(who, role, False, True, "")
    if role == "lead":
        return Visibility(who, role, True, True, f"{who}（组长）：显示全部案卷。")
    if role == "reviewer":
        return Visibility(who, role, True, False, f"{who}（评查人）：只显示分配给您的案卷。")
    if not who:
        note = "本活动已分工，请先在“评查 → 我的身份…”中填写您的姓名，才能看到分配给您的案卷。"
    else:
        note = f"本活动已分工，{who} 不在评查组中，看不到案卷。请组长把您加入评查组并分配案卷。"
    return Visibility(who, None, True, False, note)


def check_may_score(
    session: Session,
    campaign_id: int,
    case_id: int,
    name: str,
    role: str,
    *,
    actor: str | None = None,
) -> None:
    """Refuse work outside one's part. ``name`` owns the review written to, ``actor`` is the
    person at the machine (None or blank: the owner, as in scripts naming nobody).

    Once a campaign names leads, only they reconcile and sign off (``role`` "final"). In team
    mode a reviewer scores only the cases given to them, and only their own review; a lead
    may correct any review of the campaign (the audit log names the lead)."""
    acting = (actor or "").strip() or name
    acting_role = role_of(session, campaign_id, acting)
    if role == "final":
        has_leads = session.scalar(
            select(CampaignMember.id).where(
                CampaignMember.campaign_id == campaign_id, CampaignMember.role == "lead"
            )
        )
        if has_leads is not None and acting_role != "lead":
            leads = "、".join(settings_of(session, campaign_id)["leads"])
            raise UserError(
                f"只有本活动的组长（{leads}）可以合并评分和签字确认，{acting} 不是组长。"
            )
        return
    if not team_mode(session, campaign_id) or acting_role == "lead":
        return
    if acting != name:
        raise UserError(
            f"本活动已分工，{acting} 不能修改 {name} 的评分：评查人只评分给自己的案卷。"
        )
    assigned = session.scalar(
        select(CaseAssignment.id)
        .join(CampaignCase, CaseAssignment.campaign_case_id == CampaignCase.id)
        .join(Reviewer, CaseAssignment.reviewer_id == Reviewer.id)
        .where(
            CampaignCase.campaign_id == campaign_id,
            CampaignCase.case_file_id == case_id,
            Reviewer.name == name,
        )
    )
    if assigned is None:
        raise UserError(f"案卷 {case_id} 没有分配给 {name}，不能评分。请组长在“分工”中分配。")
