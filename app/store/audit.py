"""Writing the audit log. Callers pass plain JSON-able dicts of the state before and after;
the entry joins the caller's transaction, so a change and its log line commit together."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store.audit_chain import head, link
from app.store.models import AuditEntry


def record(
    session: Session,
    who: str,
    entity: str,
    entity_id: int | str,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> AuditEntry:
    """Add one audit entry (e.g. ``record(s, "张三", "deduction", 7, "update", old, new)``).

    The chain's head is locked before the entry gets its id: on PostgreSQL ids come from a
    sequence at insert, so two writers that took ids first and the lock after could chain
    entry 48 before 47, and ``db verify`` would call both altered (seen under load)."""
    head(session)
    entry = AuditEntry(
        who=who,
        entity=entity,
        entity_id=str(entity_id),
        action=action,
        before=before,
        after=after,
    )
    session.add(entry)
    session.flush()
    link(session, entry)
    return entry


def history(session: Session, entity: str, entity_id: int | str) -> Sequence[AuditEntry]:
    """Every entry about one row, oldest first."""
    query = (
        select(AuditEntry)
        .where(AuditEntry.entity == entity, AuditEntry.entity_id == str(entity_id))
        .order_by(AuditEntry.at, AuditEntry.id)
    )
    return session.scalars(query).all()
