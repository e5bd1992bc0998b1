"""The audit log becomes a hash chain: each entry's digest covers the previous one's, and a
one-row head holds the newest (issue 18: an entry edited, deleted or inserted behind the
program's back is seen by ``db verify``).

Existing entries are chained in id order here, with a frozen copy of the digest rule (a
migration must not change when the program's code does): the log as it stands at the upgrade
is taken as the program wrote it.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 23:00:00
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GENESIS = "0" * 64


def _at(value: object) -> str:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    assert isinstance(value, datetime)
    value = value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    return value.isoformat(timespec="microseconds")


def _json(value: object) -> object:
    return json.loads(value) if isinstance(value, str) else value


def upgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("digest", sa.String(length=64), nullable=True))
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("last_id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT id, at, who, entity, entity_id, action, before, after FROM audit_log "
            "ORDER BY id"
        )
    ).all()
    previous, last_id = GENESIS, 0
    for row in rows:
        text = json.dumps(
            [
                row.id,
                _at(row.at),
                row.who,
                row.entity,
                row.entity_id,
                row.action,
                _json(row.before),
                _json(row.after),
            ],
            ensure_ascii=False,
            sort_keys=True,
            separators=(",", ":"),
        )
        previous = hashlib.sha256((previous + text).encode("utf-8")).hexdigest()
        last_id = row.id
        bind.execute(
            sa.text("UPDATE audit_log SET digest = :d WHERE id = :i"), {"d": previous, "i": row.id}
        )
    if last_id:  # an empty log gets its head with its first entry (a restore loads it)
        bind.execute(
            sa.text("INSERT INTO audit_head (id, last_id, digest) VALUES (1, :i, :d)"),
            {"i": last_id, "d": previous},
        )


def downgrade() -> None:
    op.drop_table("audit_head")
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("digest")
