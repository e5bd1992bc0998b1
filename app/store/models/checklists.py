"""Checklist versions (评查标准). The full definition is kept as JSON text, so a score made
against an old version can always be recomputed against exactly that version."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Float, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.store.models.base import Base, UTCDateTime, one_of, utcnow

CHECKLIST_ORIGINS = ("bundled", "imported")


class Checklist(Base):
    """One version of one checklist; ``checklist_id`` names the standard, ``version`` the edition."""

    __tablename__ = "checklists"
    __table_args__ = (
        UniqueConstraint("checklist_id", "version"),
        one_of("origin", CHECKLIST_ORIGINS),
    )

    checklist_id: Mapped[str] = mapped_column(String(100))
    version: Mapped[str] = mapped_column(String(50))
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    province: Mapped[str | None] = mapped_column(String(50))
    effective_date: Mapped[date | None] = mapped_column(Date)
    total_points: Mapped[float] = mapped_column(Float)
    definition: Mapped[str] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(String(10), default="bundled")
    stored_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
