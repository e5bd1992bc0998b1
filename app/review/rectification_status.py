"""Rectification tracking (整改督办): every issued 监督意见书 opens a rectification that moves
issued → replied → verified, or issued → overdue → decided.

``overdue`` is never stored: it is read from the deadline and "today" each time, so moving
``--today`` forward (or a new morning) needs no job to run. The stored ``state`` keeps the
last thing a person did (issued, replied, verified, decided); :func:`status_on` turns it
into what the bureau sees on a day:

- ``decided`` once a 监督决定书 follows the opinion; ``verified`` once a reply is accepted;
- ``replied`` while a reply received **on or before** the deadline waits for the reviewer's
  verdict (the department has done its part; the bureau owes the verification);
- ``overdue`` when the deadline has passed without an accepted reply and without such a
  pending reply (a reply returned for more work, or a late reply, does not stop the clock);
- ``issued`` otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.changes import OpChanges
from app.errors import UserError
from app.store.models import Letter, Rectification
from scoring.json_fields import JsonFields

STATUS_LABELS = {
    "issued": "整改中",
    "replied": "已回复待验收",
    "verified": "已验收",
    "overdue": "逾期未整改",
    "decided": "已出具监督决定书",
}
OUTCOME_LABELS = {"rectified": "已整改", "partly": "部分整改", "not": "未整改"}
_OUTCOME_WORDS = {
    "rectified": "rectified",
    "已整改": "rectified",
    "整改": "rectified",
    "partly": "partly",
    "部分整改": "partly",
    "部分": "partly",
    "not": "not",
    "未整改": "not",
    "未": "not",
}


@dataclass(frozen=True)
class ProblemState(JsonFields):
    seq: int
    case_no: str | None
    page: int | None
    item: str
    text: str
    outcome: str | None  # of the latest reply that answered it


@dataclass(frozen=True)
class ReplyInfo(JsonFields):
    id: int
    received_on: date
    status: str
    note: str | None
    review_note: str | None
    reviewed_on: date | None
    files: list[str]
    outcomes: dict[int, str]


@dataclass(frozen=True)
class RectificationInfo:
    number: str
    letter_id: int
    department: str
    campaign_id: int | None
    campaign: str | None
    issued_on: date
    deadline: date | None
    status: str
    days_overdue: int
    days_left: int | None
    replied_on: date | None
    verified_on: date | None
    decided_on: date | None
    decision_number: str | None
    file: str | None
    problems: list[ProblemState] = field(default_factory=list)
    replies: list[ReplyInfo] = field(default_factory=list)
    extensions: list[dict[str, Any]] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def changes(self) -> OpChanges:
        """What a reply, verdict or extension that returns this letter changed."""
        return OpChanges(rectification=True, campaign_id=self.campaign_id)

    def as_json(self, *, detail: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "number": self.number,
            "department": self.department,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "status": self.status,
            "status_label": self.status_label,
            "days_overdue": self.days_overdue,
            "days_left": self.days_left,
            "issued_on": self.issued_on.isoformat(),
            "campaign": self.campaign,
            "replied_on": self.replied_on.isoformat() if self.replied_on else None,
            "verified_on": self.verified_on.isoformat() if self.verified_on else None,
            "decided_on": self.decided_on.isoformat() if self.decided_on else None,
            "decision_number": self.decision_number,
            "problems": len(self.problems),
            "unrectified": sum(1 for p in self.problems if p.outcome != "rectified"),
            "extensions": len(self.extensions),
        }
        if detail:
            data["problems"] = [p.as_json() for p in self.problems]
            data["replies"] = [r.as_json() for r in self.replies]
            data["extensions"] = self.extensions
            data["file"] = self.file
        return data


def status_on(rect: Rectification, today: date) -> str:
    """What the rectification is on ``today`` (see the module docstring)."""
    if rect.decided_on is not None or rect.state == "decided":
        return "decided"
    if rect.verified_on is not None or rect.state == "verified":
        return "verified"
    deadline = rect.deadline
    pending = [r for r in rect.replies if r.status == "pending"]
    if pending and (deadline is None or min(r.received_on for r in pending) <= deadline):
        return "replied"
    if deadline is not None and today > deadline:
        return "overdue"
    return "issued"


def parse_outcome(text: str) -> str:
    key = (text or "").strip().lower()
    if key not in _OUTCOME_WORDS:
        raise UserError(
            f"整改结果应为 rectified（已整改）、partly（部分整改）或 not（未整改），而不是“{text}”。"
        )
    return _OUTCOME_WORDS[key]


def latest_outcomes(rect: Rectification) -> dict[int, str]:
    """Each problem's outcome as the latest reply that was not returned reported it."""
    outcomes: dict[int, str] = {}
    for reply in sorted(rect.replies, key=lambda r: (r.received_on, r.id)):
        if reply.status == "returned":
            continue
        for o in reply.outcomes:
            outcomes[o.problem_id] = o.outcome
    return outcomes


def rectification_info(session: Session, rect: Rectification, today: date) -> RectificationInfo:
    """What the bureau sees of one rectification on ``today``: status, days, problems, replies."""
    letter = rect.letter
    status = status_on(rect, today)
    deadline = rect.deadline
    overdue = (today - deadline).days if status == "overdue" and deadline else 0
    left = (deadline - today).days if deadline and status in ("issued", "replied") else None
    decision = session.scalar(
        select(Letter.number_text)
        .where(Letter.follows_letter_id == letter.id, Letter.kind == "decision")
        .order_by(Letter.id.desc())
        .limit(1)
    )
    latest = latest_outcomes(rect)
    problems = [
        ProblemState(p.seq, p.case_no, p.page, p.item_id, p.text, latest.get(p.id))
        for p in letter.problems
    ]
    by_id = {p.id: p.seq for p in letter.problems}
    replies = [
        ReplyInfo(
            r.id,
            r.received_on,
            r.status,
            r.note,
            r.review_note,
            r.reviewed_on,
            [a.stored_path for a in r.attachments],
            {by_id[o.problem_id]: o.outcome for o in r.outcomes if o.problem_id in by_id},
        )
        for r in sorted(rect.replies, key=lambda r: (r.received_on, r.id))
    ]
    extensions = [
        {
            "previous_deadline": e.previous_deadline.isoformat() if e.previous_deadline else None,
            "new_deadline": e.new_deadline.isoformat(),
            "reason": e.reason,
            "granted_on": e.granted_on.isoformat(),
        }
        for e in sorted(rect.extensions, key=lambda e: (e.granted_on, e.id))
    ]
    return RectificationInfo(
        number=letter.number_text,
        letter_id=letter.id,
        department=letter.department.name,
        campaign_id=letter.campaign_id,
        campaign=letter.campaign.name if letter.campaign else None,
        issued_on=letter.issued_on,
        deadline=deadline,
        status=status,
        days_overdue=overdue,
        days_left=left,
        replied_on=rect.replied_on,
        verified_on=rect.verified_on,
        decided_on=rect.decided_on,
        decision_number=decision,
        file=letter.file_path,
        problems=problems,
        replies=replies,
        extensions=extensions,
    )
