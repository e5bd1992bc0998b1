"""The review group of a campaign and its 分工: who reviews, who leads, which case goes to whom.

A campaign without assignments is in single mode: everybody sees and may score every case
(a department reviewing its own files, one reviewer at a bureau). Once the lead assigns
cases, the campaign is in team mode: a reviewer sees and scores only the cases given to them,
a lead sees all, reconciles and signs off. This is a working arrangement among colleagues
sharing a library, not access control: the person is who the settings name
(``reviewer_name``), as on paper where the 评查表 carries the reviewer's own signature.

A double-review campaign gives each case to two reviewers, a single one to one. Nobody's
started review is taken away: reassigning a case away from a reviewer who has scored it is
refused. Every change is audited (entity ``campaign``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.audited import AuditedService
from app.changes import OpResult
from app.errors import UserError
from app.review.campaigns import (
    CaseEntry,
    Visibility,
    add_members,
    campaign_changed,
    case_entry,
    entry_case_no,
    entry_department,
    get_campaign,
    in_sample,
    resolve_case,
    team_names,
    visibility,
)
from app.store import audit
from app.store.models import (
    Campaign,
    CampaignCase,
    CampaignMember,
    CaseAssignment,
    Review,
    Reviewer,
)


@dataclass(frozen=True)
class Member:
    name: str
    role: str  # "reviewer" or "lead"
    assigned: int  # cases assigned to them
    scored: int  # of those (or any, for a lead), cases where they have a review

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def reviewers_per_case(campaign: Campaign) -> int:
    return 2 if campaign.double_review else 1


class TeamService(AuditedService):
    # ------------------------------------------------------------- reading
    def members(self, campaign_id: int) -> list[Member]:
        with self.db.session() as session:
            campaign = get_campaign(session, campaign_id)
            assigned: dict[int, int] = {}
            for reviewer_id in session.scalars(
                select(CaseAssignment.reviewer_id)
                .join(CampaignCase, CaseAssignment.campaign_case_id == CampaignCase.id)
                .where(CampaignCase.campaign_id == campaign_id)
            ):
                assigned[reviewer_id] = assigned.get(reviewer_id, 0) + 1
            scored: dict[int, set[int]] = {}
            for reviewer_id, case_id in session.execute(
                select(Review.reviewer_id, Review.case_file_id).where(
                    Review.campaign_id == campaign_id
                )
            ):
                scored.setdefault(reviewer_id, set()).add(case_id)
            return [
                Member(
                    m.reviewer.name,
                    m.role,
                    assigned.get(m.reviewer_id, 0),
                    len(scored.get(m.reviewer_id, ())),
                )
                for m in campaign.members
            ]

    def visibility(self, campaign_id: int, name: str | None) -> Visibility:
        with self.db.session() as session:
            get_campaign(session, campaign_id)
            return visibility(session, campaign_id, name)

    # ------------------------------------------------------------- the group
    def set_team(
        self,
        campaign_id: int,
        reviewers: Sequence[str],
        leads: Sequence[str],
        *,
        who: str | None = None,
    ) -> OpResult[list[Member]]:
        """Replace the review group (the value: the new group). A reviewer who still has cases
        assigned cannot leave it (reassign the cases first); people who already scored keep
        their reviews."""
        names, lead_names = team_names(reviewers, leads)
        with self.db.session() as session:
            campaign = get_campaign(session, campaign_id)
            before = [(m.reviewer.name, m.role) for m in campaign.members]
            staying = set(names)
            for member in campaign.members:
                if member.role == "reviewer" and member.reviewer.name not in staying:
                    held = self._assigned_count(session, campaign_id, member.reviewer_id)
                    if held:
                        raise UserError(
                            f"{member.reviewer.name} 还分配有 {held} 卷案卷，不能移出评查组。"
                            "请先把这些案卷改派给其他评查人。"
                        )
            session.execute(delete(CampaignMember).where(CampaignMember.campaign_id == campaign_id))
            session.expire(campaign, ["members"])
            add_members(session, campaign, names, lead_names)
            audit.record(
                session,
                who or self.who,
                "campaign",
                campaign_id,
                "set_team",
                {"members": before},
                {"reviewers": names, "leads": lead_names},
            )
        return OpResult(self.members(campaign_id), campaign_changed(campaign_id))

    @staticmethod
    def _assigned_count(session: Session, campaign_id: int, reviewer_id: int) -> int:
        return len(
            session.scalars(
                select(CaseAssignment.id)
                .join(CampaignCase, CaseAssignment.campaign_case_id == CampaignCase.id)
                .where(
                    CampaignCase.campaign_id == campaign_id,
                    CaseAssignment.reviewer_id == reviewer_id,
                )
            ).all()
        )

    # ------------------------------------------------------------- 分工
    def assign(
        self,
        campaign_id: int,
        case_refs: Iterable[int | str],
        reviewers: Sequence[str],
        *,
        who: str | None = None,
    ) -> OpResult[list[CaseEntry]]:
        """Give each named case (library id or 案号) to exactly these reviewers (two for a
        double review, one otherwise), replacing its earlier assignment."""
        refs = list(case_refs)
        if not refs:
            raise UserError("请给出要分配的案卷。")
        names = list(dict.fromkeys(r.strip() for r in reviewers if r and r.strip()))
        with self.db.session() as session:
            campaign = get_campaign(session, campaign_id)
            wanted = reviewers_per_case(campaign)
            if len(names) != wanted:
                raise UserError(
                    f"本活动{'实行双人背靠背评查，每卷应分配给两名' if wanted == 2 else '每卷应分配给一名'}"
                    f"评查人，现给出 {len(names)} 名。"
                )
            self._check_lead_for_double_review(campaign)
            people = [self._group_reviewer(session, campaign, n) for n in names]
            entries = [resolve_case(session, campaign_id, ref) for ref in refs]
            changed = []
            for entry in entries:
                changed.append(self._give(session, campaign, entry, people, who))
            return OpResult([case_entry(e) for e in changed], campaign_changed(campaign_id))

    def auto_assign(self, campaign_id: int, *, who: str | None = None) -> OpResult[list[CaseEntry]]:
        """Share the unassigned cases (those with a dossier) among the reviewers: each case to
        the reviewer(s) with the fewest cases so far, in the group's order; cases taken in
        department order so that each department's files are spread too. Deterministic."""
        with self.db.session() as session:
            campaign = get_campaign(session, campaign_id)
            wanted = reviewers_per_case(campaign)
            self._check_lead_for_double_review(campaign)
            group = [m.reviewer for m in campaign.members if m.role == "reviewer"]
            if len(group) < wanted:
                raise UserError(
                    f"评查组中只有 {len(group)} 名评查人，"
                    f"{'双人评查至少需要两名' if wanted == 2 else '请先添加评查人'}。"
                )
            entries = [
                e
                for e in session.scalars(
                    select(CampaignCase)
                    .where(CampaignCase.campaign_id == campaign_id)
                    .order_by(CampaignCase.id)
                )
                if in_sample(e) and e.case_file_id is not None
            ]
            load = {p.id: 0 for p in group}
            for entry in entries:
                for a in entry.assignments:
                    if a.reviewer_id in load:
                        load[a.reviewer_id] += 1
            pending = sorted(
                (e for e in entries if not e.assignments),
                key=lambda e: (entry_department(e) or "", e.id),
            )
            if not pending:
                raise UserError("没有待分配的案卷（已分配的案卷请用“改派”调整）。")
            order = {p.id: i for i, p in enumerate(group)}
            changed = []
            for entry in pending:
                chosen = sorted(group, key=lambda p: (load[p.id], order[p.id]))[:wanted]
                for person in chosen:
                    load[person.id] += 1
                changed.append(self._give(session, campaign, entry, chosen, who))
            return OpResult([case_entry(e) for e in changed], campaign_changed(campaign_id))

    def clear(self, campaign_id: int, *, who: str | None = None) -> OpResult[int]:
        """Remove every assignment: the campaign returns to single mode (the value: how many)."""
        with self.db.session() as session:
            get_campaign(session, campaign_id)
            rows = session.scalars(
                select(CaseAssignment)
                .join(CampaignCase, CaseAssignment.campaign_case_id == CampaignCase.id)
                .where(CampaignCase.campaign_id == campaign_id)
            ).all()
            for row in rows:
                session.delete(row)
            audit.record(
                session,
                who or self.who,
                "campaign",
                campaign_id,
                "clear_assignments",
                None,
                {"removed": len(rows)},
            )
            return OpResult(len(rows), campaign_changed(campaign_id))

    # ------------------------------------------------------------- helpers
    @staticmethod
    def _check_lead_for_double_review(campaign: Campaign) -> None:
        """Once cases are assigned each reviewer sees only their own review: a double review
        then needs a lead to see both, reconcile and sign off."""
        if campaign.double_review and not any(m.role == "lead" for m in campaign.members):
            raise UserError("双人背靠背评查分工前，请先在评查组中指定组长（负责合并与签字确认）。")

    @staticmethod
    def _group_reviewer(session: Session, campaign: Campaign, name: str) -> Reviewer:
        for member in campaign.members:
            if member.reviewer.name == name:
                if member.role != "reviewer":
                    raise UserError(f"{name} 是本活动的组长，组长不参与背靠背评分，不能分配案卷。")
                return member.reviewer
        known = "、".join(m.reviewer.name for m in campaign.members if m.role == "reviewer")
        raise UserError(
            f"{name} 不在本活动的评查组中（评查人：{known or '尚未指定'}）。请先把其加入评查组。"
        )

    def _give(
        self,
        session: Session,
        campaign: Campaign,
        entry: CampaignCase,
        people: Sequence[Reviewer],
        who: str | None,
    ) -> CampaignCase:
        if entry.case_file_id is None:
            raise UserError(f"案件 {entry_case_no(entry)} 在案卷库中还没有卷宗，暂不能分配。")
        keep = {p.id for p in people}
        before = sorted(a.reviewer.name for a in entry.assignments)
        for assignment in list(entry.assignments):
            if assignment.reviewer_id in keep:
                continue
            started = session.scalar(
                select(Review.id).where(
                    Review.campaign_id == campaign.id,
                    Review.case_file_id == entry.case_file_id,
                    Review.reviewer_id == assignment.reviewer_id,
                    Review.role == "reviewer",
                )
            )
            if started is not None:
                raise UserError(
                    f"{assignment.reviewer.name} 已开始评查案卷 {entry_case_no(entry)}，"
                    "不能改派给他人（其评分会因此失去归属）。"
                )
            entry.assignments.remove(assignment)
            session.delete(assignment)
        present = {a.reviewer_id for a in entry.assignments}
        for person in people:
            if person.id not in present:
                entry.assignments.append(CaseAssignment(reviewer_id=person.id, reviewer=person))
        session.flush()
        after = sorted(p.name for p in people)
        if before != after:
            audit.record(
                session,
                who or self.who,
                "campaign",
                campaign.id,
                "assign",
                {"case": entry.case_file_id, "reviewers": before},
                {"case": entry.case_file_id, "reviewers": after},
            )
        return entry
