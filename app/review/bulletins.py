"""The 评查情况通报's 文号 (bulletin numbers): taken from the same registry as the letters', so a
通报 number is never used twice either, and one 通报 per campaign.

A 通报 is not a letter to one department (no ``letters`` row): the registry's
``issued_numbers`` row keeps the number and the audit entry ``bulletin``/``issue`` keeps what
the number was given to (campaign, 成文日期, file) — what ``letter list`` and ``db check`` read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import UserError
from app.review.deadlines import cn_date
from app.review.letter_numbers import normalise_number, take_number
from app.store import audit
from app.store.models import AuditEntry, IssuedNumber

ENTITY = "bulletin"


@dataclass(frozen=True)
class IssuedBulletin:
    """A 通报 number as issued: to which campaign, dated when, written where."""

    number: str
    campaign_id: int | None
    issued_on: date
    file: str

    def as_row(self) -> dict[str, Any]:
        """The row ``letter list`` shows (the shape of a letter's; a 通报 has no department)."""
        return {
            "number": self.number,
            "kind": "bulletin",
            "department": "",
            "issued_on": self.issued_on.isoformat(),
            "deadline": None,
            "campaign_id": self.campaign_id,
            "follows": None,
            "file": self.file,
        }


def issued_bulletins(session: Session) -> list[IssuedBulletin]:
    """Every 通报 number issued, oldest first (from the audit entries that recorded them)."""
    entries = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.entity == ENTITY, AuditEntry.action == "issue")
        .order_by(AuditEntry.id)
    )
    result = []
    for entry in entries:
        after = entry.after or {}
        result.append(
            IssuedBulletin(
                entry.entity_id,
                after.get("campaign_id"),
                date.fromisoformat(after.get("issued_on") or entry.at.date().isoformat()),
                str(after.get("file") or ""),
            )
        )
    return result


def bulletin_of(session: Session, campaign_id: int) -> IssuedBulletin | None:
    """The 通报 already issued for a campaign, if any."""
    return next((b for b in issued_bulletins(session) if b.campaign_id == campaign_id), None)


def take_bulletin_number(
    session: Session, code: str, campaign_id: int, issued_on: date, file: str, who: str
) -> str:
    """Take the next 通报 number inside the caller's transaction (given back with it when the
    paper cannot be written); refused when the campaign already has its 通报."""
    existing = bulletin_of(session, campaign_id)
    if existing is not None:
        raise UserError(
            f"本次评查活动已于{cn_date(existing.issued_on)}印发评查情况通报{existing.number}；"
            f"如需再次生成该通报文件，请指定原文号（report circular --number {existing.number}）。"
        )
    issued = take_number(session, "bulletin", code, issued_on.year, who)
    details = {"campaign_id": campaign_id, "issued_on": issued_on.isoformat(), "file": file}
    audit.record(session, who, ENTITY, issued.number_text, "issue", None, details)
    return issued.number_text


def issued_bulletin(session: Session, number: str, campaign_id: int) -> IssuedBulletin:
    """The issued 通报 a typed number names, to write it again; a Chinese refusal when the
    number is not a 通报 number of this campaign (a 文号 is never made up at writing time)."""
    text = normalise_number(number)
    found = next((b for b in issued_bulletins(session) if b.number == text), None)
    if found is None:
        kind = session.scalar(
            select(IssuedNumber.letter_kind).where(IssuedNumber.number_text == text)
        )
        if kind is not None and kind != "bulletin":
            raise UserError(f"{text}是其他文书的文号，不能用作评查情况通报的文号。")
        raise UserError(
            f"{text}不是已印发的评查情况通报文号。通报文号由文号登记簿编排："
            "不指定文号即取下一个文号印发。"
        )
    if found.campaign_id != campaign_id:
        raise UserError(f"{text}是另一次评查活动的评查情况通报的文号。")
    return found
