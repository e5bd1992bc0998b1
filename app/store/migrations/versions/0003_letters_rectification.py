"""Letters as issued and rectification tracking: the problems an opinion names, the reply's
verdict, its per-problem outcomes and attached documents, and the 纠错案件台账.

``letters.content`` keeps the filled fields of a letter as issued, so it can be written again
word for word. The existing letters of a rev-0002 library keep ``content`` NULL (they were
never written by this program). ``rectification_replies.status`` is ``pending`` for replies
recorded before this revision: nobody had judged them yet.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 18:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("letters") as batch:
        batch.add_column(sa.Column("content", sa.JSON(none_as_null=True), nullable=True))
    with op.batch_alter_table("rectification_replies") as batch:
        batch.add_column(
            sa.Column("status", sa.String(length=10), nullable=False, server_default="pending")
        )
        batch.add_column(sa.Column("reviewed_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("reviewed_by", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("review_note", sa.Text(), nullable=True))

    op.create_table(
        "letter_problems",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("letter_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("case_file_id", sa.Integer(), nullable=True),
        sa.Column("case_no", sa.String(length=100), nullable=True),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("item_id", sa.String(length=20), nullable=False),
        sa.Column("item_text", sa.Text(), nullable=False),
        sa.Column("category", sa.String(length=50), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("basis", sa.Text(), nullable=True),
        sa.Column("deduction_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_file_id"],
            ["case_files.id"],
            name=op.f("fk_letter_problems_case_file_id_case_files"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["letter_id"],
            ["letters.id"],
            name=op.f("fk_letter_problems_letter_id_letters"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter_problems")),
        sa.UniqueConstraint("letter_id", "seq", name=op.f("uq_letter_problems_letter_id_seq")),
    )
    op.create_table(
        "reply_outcomes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reply_id", sa.Integer(), nullable=False),
        sa.Column("problem_id", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=10), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "outcome IN ('rectified', 'partly', 'not')", name=op.f("ck_reply_outcomes_outcome")
        ),
        sa.ForeignKeyConstraint(
            ["problem_id"],
            ["letter_problems.id"],
            name=op.f("fk_reply_outcomes_problem_id_letter_problems"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["reply_id"],
            ["rectification_replies.id"],
            name=op.f("fk_reply_outcomes_reply_id_rectification_replies"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reply_outcomes")),
        sa.UniqueConstraint(
            "reply_id", "problem_id", name=op.f("uq_reply_outcomes_reply_id_problem_id")
        ),
    )
    op.create_table(
        "reply_attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reply_id", sa.Integer(), nullable=False),
        sa.Column("original_name", sa.String(length=500), nullable=False),
        sa.Column("stored_path", sa.String(length=1000), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["reply_id"],
            ["rectification_replies.id"],
            name=op.f("fk_reply_attachments_reply_id_rectification_replies"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reply_attachments")),
    )
    op.create_index(op.f("ix_reply_attachments_reply_id"), "reply_attachments", ["reply_id"])
    op.create_table(
        "corrected_cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("case_no", sa.String(length=100), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("correcting_organ", sa.String(length=200), nullable=False),
        sa.Column("corrected_on", sa.Date(), nullable=False),
        sa.Column("quarter", sa.String(length=10), nullable=False),
        sa.Column("result", sa.String(length=50), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("review_note", sa.Text(), nullable=True),
        sa.Column("rectification_note", sa.Text(), nullable=True),
        sa.Column("rectified_on", sa.Date(), nullable=True),
        sa.Column("letter_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "channel IN ('reconsideration', 'litigation')",
            name=op.f("ck_corrected_cases_channel"),
        ),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["departments.id"],
            name=op.f("fk_corrected_cases_department_id_departments"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["letter_id"],
            ["letters.id"],
            name=op.f("fk_corrected_cases_letter_id_letters"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_corrected_cases")),
        sa.UniqueConstraint(
            "department_id",
            "case_no",
            "corrected_on",
            name=op.f("uq_corrected_cases_department_id_case_no_corrected_on"),
        ),
    )
    op.create_index(op.f("ix_corrected_cases_department_id"), "corrected_cases", ["department_id"])
    op.create_index(op.f("ix_corrected_cases_quarter"), "corrected_cases", ["quarter"])


def downgrade() -> None:
    op.drop_table("corrected_cases")
    op.drop_table("reply_attachments")
    op.drop_table("reply_outcomes")
    op.drop_table("letter_problems")
    with op.batch_alter_table("rectification_replies") as batch:
        batch.drop_column("review_note")
        batch.drop_column("reviewed_by")
        batch.drop_column("reviewed_on")
        batch.drop_column("status")
    with op.batch_alter_table("letters") as batch:
        batch.drop_column("content")
