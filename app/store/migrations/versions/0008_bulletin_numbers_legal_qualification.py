"""The number registry also numbers the 评查情况通报 (issue 15: a 通报's 文号 is taken and kept
like a letter's, never used twice), and the roster records an officer's 法律职业资格 (issue 14:
《行政处罚法》第五十八条第二款 — a first-time 法制审核 reviewer must hold one).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 08:50:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_NUMBERED = ("letter_sequences", "issued_numbers")


def _kinds_check(table: str, kinds: str) -> None:
    with op.batch_alter_table(table) as batch:
        batch.drop_constraint(op.f(f"ck_{table}_letter_kind"), type_="check")
        batch.create_check_constraint("letter_kind", f"letter_kind IN ({kinds})")


def upgrade() -> None:
    for table in _NUMBERED:
        _kinds_check(table, "'opinion', 'decision', 'bulletin'")
    with op.batch_alter_table("officers") as batch:
        batch.add_column(sa.Column("legal_qualification", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("officers") as batch:
        batch.drop_column("legal_qualification")
    for table in _NUMBERED:
        op.execute(sa.text(f"DELETE FROM {table} WHERE letter_kind = 'bulletin'"))
        _kinds_check(table, "'opinion', 'decision'")
