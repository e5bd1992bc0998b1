"""Letters (监督意见书 / 监督决定书), the number registry that keeps 发文字号 unique, and the
rectification (整改) each opinion opens."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.store.models.base import Base, UTCDateTime, one_of, utcnow
from app.store.models.library import Department
from app.store.models.review import Campaign

LETTER_KINDS = ("opinion", "decision")
# Free-text (no CHECK); ``overdue`` is usually computed from the deadline, not stored.
RECTIFICATION_STATES = ("issued", "replied", "verified", "overdue", "decided")


class LetterSequence(Base):
    """The next number to issue for one kind of letter, 机关代字 and year."""

    __tablename__ = "letter_sequences"
    __table_args__ = (
        UniqueConstraint("letter_kind", "organ_code", "year"),
        one_of("letter_kind", LETTER_KINDS),
        CheckConstraint("next_number >= 1", name="next_number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_kind: Mapped[str] = mapped_column(String(10))
    organ_code: Mapped[str] = mapped_column(String(50))
    year: Mapped[int] = mapped_column(Integer)
    next_number: Mapped[int] = mapped_column(Integer, default=1)


class IssuedNumber(Base):
    """Every number ever issued. The unique constraints make a second use impossible, even
    if two processes race past the sequence."""

    __tablename__ = "issued_numbers"
    __table_args__ = (
        UniqueConstraint("letter_kind", "organ_code", "year", "seq"),
        one_of("letter_kind", LETTER_KINDS),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_kind: Mapped[str] = mapped_column(String(10))
    organ_code: Mapped[str] = mapped_column(String(50))
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    number_text: Mapped[str] = mapped_column(String(100), unique=True)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Letter(Base):
    """An issued letter; a decision ``follows`` the opinion whose rectification was overdue."""

    __tablename__ = "letters"
    __table_args__ = (one_of("kind", LETTER_KINDS),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    number_text: Mapped[str] = mapped_column(String(100), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    department_id: Mapped[int] = mapped_column(
        ForeignKey("departments.id", ondelete="RESTRICT"), index=True
    )
    campaign_id: Mapped[int | None] = mapped_column(
        ForeignKey("campaigns.id", ondelete="SET NULL"), index=True
    )
    issued_on: Mapped[date] = mapped_column(Date)
    deadline: Mapped[date | None] = mapped_column(Date)
    file_path: Mapped[str | None] = mapped_column(String(1000))
    follows_letter_id: Mapped[int | None] = mapped_column(
        ForeignKey("letters.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    department: Mapped[Department] = relationship()
    campaign: Mapped[Campaign | None] = relationship()
    follows: Mapped[Letter | None] = relationship(remote_side=[id])


class Rectification(Base):
    """The rectification an opinion orders: its state, the dates it changed, replies, extensions."""

    __tablename__ = "rectifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(
        ForeignKey("letters.id", ondelete="CASCADE"), unique=True
    )
    state: Mapped[str] = mapped_column(String(20), default="issued")
    deadline: Mapped[date | None] = mapped_column(Date)
    issued_on: Mapped[date | None] = mapped_column(Date)
    replied_on: Mapped[date | None] = mapped_column(Date)
    verified_on: Mapped[date | None] = mapped_column(Date)
    decided_on: Mapped[date | None] = mapped_column(Date)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    letter: Mapped[Letter] = relationship()
    replies: Mapped[list[RectificationReply]] = relationship(
        back_populates="rectification",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="RectificationReply.received_on",
    )
    extensions: Mapped[list[RectificationExtension]] = relationship(
        back_populates="rectification",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="RectificationExtension.granted_on",
    )


class RectificationReply(Base):
    """A written reply (整改回复) received from the department."""

    __tablename__ = "rectification_replies"

    id: Mapped[int] = mapped_column(primary_key=True)
    rectification_id: Mapped[int] = mapped_column(
        ForeignKey("rectifications.id", ondelete="CASCADE"), index=True
    )
    received_on: Mapped[date] = mapped_column(Date)
    file_path: Mapped[str | None] = mapped_column(String(1000))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    rectification: Mapped[Rectification] = relationship(back_populates="replies")


class RectificationExtension(Base):
    """A deadline extension granted to the department, with the reason."""

    __tablename__ = "rectification_extensions"

    id: Mapped[int] = mapped_column(primary_key=True)
    rectification_id: Mapped[int] = mapped_column(
        ForeignKey("rectifications.id", ondelete="CASCADE"), index=True
    )
    previous_deadline: Mapped[date | None] = mapped_column(Date)
    new_deadline: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    granted_on: Mapped[date] = mapped_column(Date)

    rectification: Mapped[Rectification] = relationship(back_populates="extensions")
