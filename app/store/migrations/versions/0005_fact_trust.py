"""How far each fact of a dossier can be trusted: status, confidence, region and readings.

A fact read from under a seal, or stated differently in two places of a dossier, must not
drive a pre-check as if it were certain (issue 13). Rows written before this revision keep
NULL in the new columns, which readers take as "single source, confidence unknown"; the next
re-read of the dossier fills them.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 22:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("case_fields") as batch:
        batch.add_column(sa.Column("status", sa.String(length=10), nullable=True))
        batch.add_column(sa.Column("confidence", sa.Float(), nullable=True))
        batch.add_column(sa.Column("region", sa.JSON(none_as_null=True), nullable=True))
        batch.add_column(sa.Column("readings", sa.JSON(none_as_null=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("case_fields") as batch:
        batch.drop_column("readings")
        batch.drop_column("region")
        batch.drop_column("confidence")
        batch.drop_column("status")
