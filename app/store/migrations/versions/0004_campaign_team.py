"""A campaign's scope, review group and the 分工 (which reviewer scores which case).

Until rev 0003 the departments and reviewers named when a campaign was created lived only in
its audited creation entry. They get tables of their own here, filled from those entries
(departments and reviewers missing from their tables are created, as the program did when
the campaign was made). A person who signed off a review of the campaign becomes its lead
unless already named as one of its reviewers (not the placeholder 组长 the program signed with
when nobody was named). No assignments are made: a campaign of an
older library stays in single mode, where everybody sees every case.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 17:30:00
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "campaign_departments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_campaign_departments_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["departments.id"],
            name=op.f("fk_campaign_departments_department_id_departments"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign_departments")),
        sa.UniqueConstraint(
            "campaign_id",
            "department_id",
            name=op.f("uq_campaign_departments_campaign_id_department_id"),
        ),
    )
    op.create_index(
        op.f("ix_campaign_departments_department_id"), "campaign_departments", ["department_id"]
    )
    op.create_table(
        "campaign_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint("role IN ('reviewer', 'lead')", name=op.f("ck_campaign_members_role")),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_campaign_members_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["reviewer_id"],
            ["reviewers.id"],
            name=op.f("fk_campaign_members_reviewer_id_reviewers"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign_members")),
        sa.UniqueConstraint(
            "campaign_id", "reviewer_id", name=op.f("uq_campaign_members_campaign_id_reviewer_id")
        ),
    )
    op.create_index(op.f("ix_campaign_members_reviewer_id"), "campaign_members", ["reviewer_id"])
    op.create_table(
        "case_assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_case_id", sa.Integer(), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=False),
        sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_case_id"],
            ["campaign_cases.id"],
            name=op.f("fk_case_assignments_campaign_case_id_campaign_cases"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["reviewer_id"],
            ["reviewers.id"],
            name=op.f("fk_case_assignments_reviewer_id_reviewers"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_assignments")),
        sa.UniqueConstraint(
            "campaign_case_id",
            "reviewer_id",
            name=op.f("uq_case_assignments_campaign_case_id_reviewer_id"),
        ),
    )
    op.create_index(
        op.f("ix_case_assignments_campaign_case_id"), "case_assignments", ["campaign_case_id"]
    )
    op.create_index(op.f("ix_case_assignments_reviewer_id"), "case_assignments", ["reviewer_id"])
    _move_settings_out_of_the_audit_log(op.get_bind())


def _names(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    return list(dict.fromkeys(str(v).strip() for v in value if str(v or "").strip()))


def _now(bind: sa.Connection) -> datetime:
    now = datetime.now(UTC)
    return now.replace(tzinfo=None) if bind.dialect.name == "sqlite" else now


def _id_of(bind: sa.Connection, table: str, name: str) -> int:
    """The row of that name in departments/reviewers, created as the program would have."""
    found = bind.execute(sa.text(f"SELECT id FROM {table} WHERE name = :n"), {"n": name}).scalar()
    if found is not None:
        return int(found)
    extra = ", active" if table == "reviewers" else ""
    values = ", :active" if table == "reviewers" else ""
    bind.execute(
        sa.text(f"INSERT INTO {table} (name, created_at{extra}) VALUES (:n, :at{values})"),
        {"n": name, "at": _now(bind), "active": True},
    )
    return int(
        bind.execute(sa.text(f"SELECT id FROM {table} WHERE name = :n"), {"n": name}).scalar_one()
    )


def _move_settings_out_of_the_audit_log(bind: sa.Connection) -> None:
    campaigns = [row[0] for row in bind.execute(sa.text("SELECT id FROM campaigns ORDER BY id"))]
    for campaign_id in campaigns:
        raw = bind.execute(
            sa.text(
                "SELECT after FROM audit_log WHERE entity = 'campaign' AND entity_id = :c "
                "AND action = 'create' ORDER BY id LIMIT 1"
            ),
            {"c": str(campaign_id)},
        ).scalar()
        after = json.loads(raw) if isinstance(raw, str) else (raw or {})
        after = after if isinstance(after, dict) else {}
        for position, name in enumerate(_names(after.get("departments"))):
            bind.execute(
                sa.text(
                    "INSERT INTO campaign_departments (campaign_id, department_id, position) "
                    "VALUES (:c, :d, :p)"
                ),
                {"c": campaign_id, "d": _id_of(bind, "departments", name), "p": position},
            )
        members: dict[int, str] = {}
        for name in _names(after.get("reviewers")):
            members.setdefault(_id_of(bind, "reviewers", name), "reviewer")
        # "组长" is the placeholder the program signed with when nobody was named: not a person.
        signers = bind.execute(
            sa.text(
                "SELECT DISTINCT r.signed_off_by FROM reviews r "
                "JOIN reviewers p ON p.id = r.signed_off_by "
                "WHERE r.campaign_id = :c AND p.name <> :placeholder ORDER BY r.signed_off_by"
            ),
            {"c": campaign_id, "placeholder": "组长"},
        )
        for (reviewer_id,) in signers:
            members.setdefault(int(reviewer_id), "lead")
        for position, (reviewer_id, role) in enumerate(members.items()):
            bind.execute(
                sa.text(
                    "INSERT INTO campaign_members (campaign_id, reviewer_id, role, position) "
                    "VALUES (:c, :r, :role, :p)"
                ),
                {"c": campaign_id, "r": reviewer_id, "role": role, "p": position},
            )


def downgrade() -> None:
    op.drop_index(op.f("ix_case_assignments_reviewer_id"), table_name="case_assignments")
    op.drop_index(op.f("ix_case_assignments_campaign_case_id"), table_name="case_assignments")
    op.drop_table("case_assignments")
    op.drop_index(op.f("ix_campaign_members_reviewer_id"), table_name="campaign_members")
    op.drop_table("campaign_members")
    op.drop_index(op.f("ix_campaign_departments_department_id"), table_name="campaign_departments")
    op.drop_table("campaign_departments")
