"""Letters (监督意见书 / 监督决定书), the number registry that keeps 发文字号 unique, and the
rectification (整改) each opinion opens."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import CheckConstraint, Date, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.store.models.base import Base, UTCDateTime, json_column_type, one_of, utcnow
from app.store.models.library import Department
from app.store.models.links import may_refer_to, owned_children, part_of, refers_to
from app.store.models.review import Campaign

LETTER_KINDS = ("opinion", "decision")
# What the number registry numbers: the two letters and the 评查情况通报 (rev 0008), which has a
# 文号 of its own but is not a letter to one department.
NUMBER_KINDS = (*LETTER_KINDS, "bulletin")
# Free-text (no CHECK); ``overdue`` is usually computed from the deadline, not stored.
RECTIFICATION_STATES = ("issued", "replied", "verified", "overdue", "decided")
REPLY_STATES = ("pending", "accepted", "returned")
PROBLEM_OUTCOMES = ("rectified", "partly", "not")
CORRECTION_CHANNELS = ("reconsideration", "litigation")


class LetterSequence(Base):
    """The next number to issue for one kind of letter, 机关代字 and year."""

    __tablename__ = "letter_sequences"
    __table_args__ = (
        UniqueConstraint("letter_kind", "organ_code", "year"),
        one_of("letter_kind", NUMBER_KINDS),
        CheckConstraint("next_number >= 1", name="next_number"),
    )

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
        one_of("letter_kind", NUMBER_KINDS),
    )

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

    kind: Mapped[str] = mapped_column(String(10))
    number_text: Mapped[str] = mapped_column(String(100), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    department_id: Mapped[int] = refers_to("departments")
    campaign_id: Mapped[int | None] = may_refer_to("campaigns")
    issued_on: Mapped[date] = mapped_column(Date)
    deadline: Mapped[date | None] = mapped_column(Date)
    file_path: Mapped[str | None] = mapped_column(String(1000))
    follows_letter_id: Mapped[int | None] = may_refer_to("letters")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # The document's filled fields as issued: the letter can be written again word for word
    # after the reviews it came from have changed (rev 0003).
    content: Mapped[Any | None] = mapped_column(json_column_type())

    department: Mapped[Department] = relationship()
    campaign: Mapped[Campaign | None] = relationship()
    follows: Mapped[Letter | None] = relationship(remote_side="Letter.id")
    problems: Mapped[list[LetterProblem]] = owned_children("letter", order_by="LetterProblem.seq")


class LetterProblem(Base):
    """One problem an opinion letter names, as issued (a snapshot, not a live deduction):
    the department's reply answers each one (rev 0003)."""

    __tablename__ = "letter_problems"
    __table_args__ = (UniqueConstraint("letter_id", "seq"),)

    letter_id: Mapped[int] = part_of("letters")
    seq: Mapped[int] = mapped_column(Integer)
    case_file_id: Mapped[int | None] = may_refer_to("case_files", index=False)
    case_no: Mapped[str | None] = mapped_column(String(100))
    page: Mapped[int | None] = mapped_column(Integer)
    item_id: Mapped[str] = mapped_column(String(20))
    item_text: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(50))
    text: Mapped[str] = mapped_column(Text)
    basis: Mapped[str | None] = mapped_column(Text)
    deduction_id: Mapped[int | None] = mapped_column(Integer)

    letter: Mapped[Letter] = relationship(back_populates="problems")


class Rectification(Base):
    """The rectification an opinion orders: its state, the dates it changed, replies, extensions."""

    __tablename__ = "rectifications"

    letter_id: Mapped[int] = part_of("letters", unique=True)
    state: Mapped[str] = mapped_column(String(20), default="issued")
    deadline: Mapped[date | None] = mapped_column(Date)
    issued_on: Mapped[date | None] = mapped_column(Date)
    replied_on: Mapped[date | None] = mapped_column(Date)
    verified_on: Mapped[date | None] = mapped_column(Date)
    decided_on: Mapped[date | None] = mapped_column(Date)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    letter: Mapped[Letter] = relationship()
    replies: Mapped[list[RectificationReply]] = owned_children(
        "rectification", order_by="RectificationReply.received_on"
    )
    extensions: Mapped[list[RectificationExtension]] = owned_children(
        "rectification", order_by="RectificationExtension.granted_on"
    )


class RectificationReply(Base):
    """A written reply (整改回复) received from the department."""

    __tablename__ = "rectification_replies"

    rectification_id: Mapped[int] = part_of("rectifications", index=True)
    received_on: Mapped[date] = mapped_column(Date)
    file_path: Mapped[str | None] = mapped_column(String(1000))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # rev 0003: the reviewer's verdict on the reply (验收 or 退回).
    status: Mapped[str] = mapped_column(String(10), default="pending", server_default="pending")
    reviewed_on: Mapped[date | None] = mapped_column(Date)
    reviewed_by: Mapped[str | None] = mapped_column(String(100))
    review_note: Mapped[str | None] = mapped_column(Text)

    rectification: Mapped[Rectification] = relationship(back_populates="replies")
    outcomes: Mapped[list[ReplyOutcome]] = owned_children("reply")
    attachments: Mapped[list[ReplyAttachment]] = owned_children(
        "reply", order_by="ReplyAttachment.id"
    )


class ReplyOutcome(Base):
    """What the reply says of one problem: rectified, partly rectified or not (rev 0003)."""

    __tablename__ = "reply_outcomes"
    __table_args__ = (
        UniqueConstraint("reply_id", "problem_id"),
        one_of("outcome", PROBLEM_OUTCOMES),
    )

    reply_id: Mapped[int] = part_of("rectification_replies")
    problem_id: Mapped[int] = part_of("letter_problems")
    outcome: Mapped[str] = mapped_column(String(10))
    note: Mapped[str | None] = mapped_column(Text)

    reply: Mapped[RectificationReply] = relationship(back_populates="outcomes")
    problem: Mapped[LetterProblem] = relationship()


class ReplyAttachment(Base):
    """A document the department sent with its reply, copied into the library (rev 0003)."""

    __tablename__ = "reply_attachments"

    reply_id: Mapped[int] = part_of("rectification_replies", index=True)
    original_name: Mapped[str] = mapped_column(String(500))
    stored_path: Mapped[str] = mapped_column(String(1000))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)

    reply: Mapped[RectificationReply] = relationship(back_populates="attachments")


class RectificationExtension(Base):
    """A deadline extension granted to the department, with the reason."""

    __tablename__ = "rectification_extensions"

    rectification_id: Mapped[int] = part_of("rectifications", index=True)
    previous_deadline: Mapped[date | None] = mapped_column(Date)
    new_deadline: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    granted_on: Mapped[date] = mapped_column(Date)

    rectification: Mapped[Rectification] = relationship(back_populates="extensions")


class CorrectedCase(Base):
    """纠错案件台账: a department's decision overturned or found unlawful on 行政复议 or in
    行政诉讼, with the department's 复盘 and, where ordered, its own rectification (rev 0003)."""

    __tablename__ = "corrected_cases"
    __table_args__ = (
        UniqueConstraint("department_id", "case_no", "corrected_on"),
        one_of("channel", CORRECTION_CHANNELS),
    )

    department_id: Mapped[int] = refers_to("departments")
    case_no: Mapped[str] = mapped_column(String(100))
    channel: Mapped[str] = mapped_column(String(20))
    correcting_organ: Mapped[str] = mapped_column(String(200))
    corrected_on: Mapped[date] = mapped_column(Date)
    quarter: Mapped[str] = mapped_column(String(10), index=True)
    result: Mapped[str] = mapped_column(String(50))
    reason: Mapped[str] = mapped_column(Text)
    review_note: Mapped[str | None] = mapped_column(Text)
    rectification_note: Mapped[str | None] = mapped_column(Text)
    rectified_on: Mapped[date | None] = mapped_column(Date)
    letter_id: Mapped[int | None] = may_refer_to("letters", index=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    department: Mapped[Department] = relationship()
