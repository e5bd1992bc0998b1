"""Pre-check suggestions that rest on a doubtful fact (需核实), and the facts each rests on.

A rule whose input fact is 待核实 (a date under a seal, sources that disagree) must ask the
reviewer, not suggest a deduction (issue 13 item 3): such a row is marked ``needs_check`` and
cannot be accepted until the fact is confirmed. ``facts`` lists what every finding rests on,
with pages. Rows written before this revision read as ordinary suggestions resting on facts
not recorded.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 22:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("precheck_suggestions") as batch:
        batch.add_column(
            sa.Column("needs_check", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("facts", sa.JSON(none_as_null=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("precheck_suggestions") as batch:
        batch.drop_column("facts")
        batch.drop_column("needs_check")
