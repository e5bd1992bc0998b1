"""Campaigns (评查活动) and everything a review produces: reviews, deductions, pre-check
suggestions and the findings that roll up into letters."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Float,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.store.models.base import Base, UTCDateTime, json_column_type, one_of, utcnow
from app.store.models.checklists import Checklist
from app.store.models.library import CaseFile, Department
from app.store.models.links import may_refer_to, owned_children, part_of, refers_to

CAMPAIGN_KINDS = ("selfreview", "spotcheck")
DRAWN_BY = ("random", "manual")
REVIEW_ROLES = ("reviewer", "lead", "final")
DEDUCTION_ORIGINS = ("manual", "precheck")
SUGGESTION_STATES = ("pending", "accepted", "rejected")
MEMBER_ROLES = ("reviewer", "lead")


class Campaign(Base):
    """A self-review or spot-check for one period; ``seed`` makes the random draw repeatable."""

    __tablename__ = "campaigns"
    __table_args__ = (one_of("kind", CAMPAIGN_KINDS),)

    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    period: Mapped[str] = mapped_column(String(20), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    double_review: Mapped[bool] = mapped_column(Boolean, default=False)
    seed: Mapped[int | None] = mapped_column(BigInteger)

    # in the order a campaign is set up: its scope, its review group, checklists, cases
    scope: Mapped[list[CampaignDepartment]] = owned_children(
        "campaign", order_by="CampaignDepartment.position"
    )
    members: Mapped[list[CampaignMember]] = owned_children(
        "campaign", order_by="CampaignMember.position"
    )
    checklists: Mapped[list[CampaignChecklist]] = owned_children("campaign")
    cases: Mapped[list[CampaignCase]] = owned_children("campaign")


class PartOfCampaign:
    """A row that is part of one campaign (its scope, members, checklists, cases, reviews):
    deleting the campaign deletes it."""

    campaign_id: Mapped[int] = part_of("campaigns")


def once_per_campaign(
    *columns: str, check: CheckConstraint | None = None
) -> tuple[UniqueConstraint | CheckConstraint, ...]:
    """The table args of a :class:`PartOfCampaign` row that exists once per campaign and
    ``columns`` (a department is in a campaign's scope once, a case is drawn once …),
    followed by the table's ``check`` if it has one."""
    unique = UniqueConstraint("campaign_id", *columns)
    return (unique,) if check is None else (unique, check)


class CampaignDepartment(PartOfCampaign, Base):
    """A department in a campaign's scope (评查范围); an empty scope means every department."""

    __tablename__ = "campaign_departments"
    __table_args__ = once_per_campaign("department_id")

    department_id: Mapped[int] = refers_to("departments")
    position: Mapped[int] = mapped_column(Integer, default=0)

    campaign: Mapped[Campaign] = relationship(back_populates="scope")
    department: Mapped[Department] = relationship()


class CampaignMember(PartOfCampaign, Base):
    """A person of a campaign's review group: a reviewer (评查人) or a lead (组长)."""

    __tablename__ = "campaign_members"
    __table_args__ = once_per_campaign("reviewer_id", check=one_of("role", MEMBER_ROLES))

    reviewer_id: Mapped[int] = refers_to("reviewers")
    role: Mapped[str] = mapped_column(String(10), default="reviewer")
    position: Mapped[int] = mapped_column(Integer, default=0)

    campaign: Mapped[Campaign] = relationship(back_populates="members")
    reviewer: Mapped[Reviewer] = relationship()


class CampaignChecklist(PartOfCampaign, Base):
    """A checklist version pinned by a campaign; later versions do not change its scores."""

    __tablename__ = "campaign_checklists"
    __table_args__ = once_per_campaign("checklist_version_id")

    checklist_version_id: Mapped[int] = refers_to("checklists")

    campaign: Mapped[Campaign] = relationship(back_populates="checklists")
    checklist: Mapped[Checklist] = relationship()


class CampaignCase(PartOfCampaign, Base):
    """A case drawn into a campaign: its catalogue row (案件台账) and, once imported, its dossier."""

    __tablename__ = "campaign_cases"
    __table_args__ = once_per_campaign("case_file_id", check=one_of("drawn_by", DRAWN_BY))

    case_file_id: Mapped[int | None] = refers_to("case_files")
    department_id: Mapped[int | None] = refers_to("departments")
    catalogue_row: Mapped[Any | None] = mapped_column(json_column_type())
    drawn_by: Mapped[str] = mapped_column(String(10), default="manual")
    added_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    campaign: Mapped[Campaign] = relationship(back_populates="cases")
    case_file: Mapped[CaseFile | None] = relationship()
    department: Mapped[Department | None] = relationship()
    assignments: Mapped[list[CaseAssignment]] = owned_children("entry")


class CaseAssignment(Base):
    """A case of a campaign given to a reviewer (分工). A campaign with assignments is in
    team mode: a reviewer sees and scores only the cases given to them, a lead sees all."""

    __tablename__ = "case_assignments"
    __table_args__ = (UniqueConstraint("campaign_case_id", "reviewer_id"),)

    campaign_case_id: Mapped[int] = part_of("campaign_cases", index=True)
    reviewer_id: Mapped[int] = refers_to("reviewers")
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    entry: Mapped[CampaignCase] = relationship(back_populates="assignments")
    reviewer: Mapped[Reviewer] = relationship()


class Reviewer(Base):
    """A person who scores files (评查人) or leads a review group (组长)."""

    __tablename__ = "reviewers"

    name: Mapped[str] = mapped_column(String(100), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Review(PartOfCampaign, Base):
    """One reviewer's scoring of one case in one campaign, against a pinned checklist version."""

    __tablename__ = "reviews"
    __table_args__ = once_per_campaign(
        "case_file_id", "reviewer_id", "role", check=one_of("role", REVIEW_ROLES)
    )

    case_file_id: Mapped[int] = refers_to("case_files")
    reviewer_id: Mapped[int] = refers_to("reviewers")
    role: Mapped[str] = mapped_column(String(10), default="reviewer")
    checklist_version_id: Mapped[int | None] = refers_to("checklists")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    signed_off_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    signed_off_by: Mapped[int | None] = may_refer_to("reviewers")

    campaign: Mapped[Campaign] = relationship()
    case_file: Mapped[CaseFile] = relationship()
    reviewer: Mapped[Reviewer] = relationship(foreign_keys=[reviewer_id])
    signer: Mapped[Reviewer | None] = relationship(foreign_keys=[signed_off_by])
    checklist: Mapped[Checklist | None] = relationship()
    deductions: Mapped[list[Deduction]] = owned_children("review")


class PrecheckSuggestion(Base):
    """An automatic pre-check result that waits for a person to accept or reject it."""

    __tablename__ = "precheck_suggestions"
    __table_args__ = (one_of("state", SUGGESTION_STATES),)

    case_file_id: Mapped[int] = part_of("case_files", index=True)
    rule: Mapped[str] = mapped_column(String(100))
    item_id: Mapped[str | None] = mapped_column(String(50))
    message: Mapped[str] = mapped_column(Text)
    pages: Mapped[Any | None] = mapped_column(json_column_type())
    suggested_points: Mapped[float | None] = mapped_column(Float)
    state: Mapped[str] = mapped_column(String(10), default="pending")
    reject_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # 需核实 (rev 0006): the rule rests on a doubtful fact; it cannot be accepted as a
    # deduction until the fact is confirmed and the pre-checks re-run.
    needs_check: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The facts the finding rests on: [{"name", "label", "value", "page", "status", "readings"}]
    facts: Mapped[Any | None] = mapped_column(json_column_type())

    case_file: Mapped[CaseFile] = relationship()


class Deduction(Base):
    """A deduction (扣分) on one checklist item, with its reason, basis and page evidence."""

    __tablename__ = "deductions"
    __table_args__ = (
        one_of("origin", DEDUCTION_ORIGINS),
        CheckConstraint("count >= 1", name="count"),
    )

    review_id: Mapped[int] = part_of("reviews", index=True)
    item_id: Mapped[str] = mapped_column(String(50))
    count: Mapped[int] = mapped_column(Integer, default=1)
    points: Mapped[float] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(Text)
    basis: Mapped[str | None] = mapped_column(Text)
    page: Mapped[int | None] = mapped_column(Integer)
    region: Mapped[Any | None] = mapped_column(json_column_type())
    origin: Mapped[str] = mapped_column(String(10), default="manual")
    suggestion_id: Mapped[int | None] = may_refer_to("precheck_suggestions")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    review: Mapped[Review] = relationship(back_populates="deductions")
    suggestion: Mapped[PrecheckSuggestion | None] = relationship()


class Finding(Base):
    """A problem found in a campaign, per department; findings fill the 监督意见书 and 通报."""

    __tablename__ = "findings"

    campaign_id: Mapped[int] = part_of("campaigns", index=True)
    department_id: Mapped[int] = refers_to("departments")
    deduction_id: Mapped[int | None] = may_refer_to("deductions")
    category: Mapped[str] = mapped_column(String(50))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    campaign: Mapped[Campaign] = relationship()
    department: Mapped[Department] = relationship()
    deduction: Mapped[Deduction | None] = relationship()
