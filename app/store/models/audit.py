"""The audit log: who changed what, when, with the state before and after."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.store.models.base import Base, UTCDateTime, json_column_type, utcnow


class AuditEntry(Base):
    """One change. No foreign keys: the log must outlive the rows it describes."""

    __tablename__ = "audit_log"
    __table_args__ = (Index(None, "entity", "entity_id"),)

    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    who: Mapped[str] = mapped_column(String(100))
    entity: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(30))
    before: Mapped[Any | None] = mapped_column(json_column_type())
    after: Mapped[Any | None] = mapped_column(json_column_type())
    # SHA-256 of the previous entry's digest and this entry (app.store.audit_chain; rev 0007)
    digest: Mapped[str | None] = mapped_column(String(64))


class AuditHead(Base):
    """The newest entry of the chain (one row, id 1): deleting the last entries is seen."""

    __tablename__ = "audit_head"

    last_id: Mapped[int] = mapped_column(Integer)
    digest: Mapped[str] = mapped_column(String(64))
