"""Rectification tracking (整改督办): replies, verification, extensions and the day's overview.

What a rectification *is* on a given day (issued, replied, verified, overdue, decided) is
decided in :mod:`app.review.rectification_status`; this module records what people do.
"""

from __future__ import annotations

import builtins
import hashlib
import os
import shutil
import tempfile
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audited import AuditedService
from app.errors import UserError, os_reason
from app.identity import Identity
from app.private_files import make_private, private_dir
from app.review.letter_numbers import find_letter
from app.review.rectification_status import (
    OUTCOME_LABELS,
    STATUS_LABELS,
    ProblemState,
    RectificationInfo,
    ReplyInfo,
    latest_outcomes,
    parse_outcome,
    rectification_info,
    status_on,
)
from app.store import audit
from app.store.database import Database
from app.store.models import (
    Letter,
    LetterProblem,
    Rectification,
    RectificationExtension,
    RectificationReply,
    ReplyAttachment,
    ReplyOutcome,
)

__all__ = [
    "OUTCOME_LABELS",
    "STATUS_LABELS",
    "ProblemState",
    "RectificationInfo",
    "RectificationService",
    "ReplyInfo",
    "mark_decided",
    "parse_outcome",
    "reminded_on",
    "status_on",
    "unrectified_problems",
]

ATTACHMENT_SUFFIXES = (
    ".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".doc", ".docx", ".wps", ".ofd",
)  # fmt: skip
DUE_SOON_DAYS = 7
REMIND = "remind"  # the audit action of a 催办


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class RectificationService(AuditedService):
    """Replies, verification, extensions and the day's overview, over the letters table."""

    def __init__(self, db: Database, attachments_dir: Path, who: Identity | str = "") -> None:
        super().__init__(db, who)
        self.attachments_dir = Path(attachments_dir)

    # ------------------------------------------------------------------ lookups

    @staticmethod
    def _rect(session: Session, number: str) -> Rectification:
        letter = find_letter(session, number)
        if letter.kind != "opinion":
            raise UserError(f"“{letter.number_text}”是监督决定书，整改督办针对的是监督意见书。")
        return _stored(session, letter.id) or _opened(session, letter)

    def list(
        self, today: date, *, status: str | None = None, department: str | None = None
    ) -> list[RectificationInfo]:
        """Every opinion letter and its rectification on ``today``, oldest deadline first."""
        if status is not None and status not in STATUS_LABELS:
            raise UserError(f"状态应为 {'、'.join(STATUS_LABELS)} 之一，而不是“{status}”。")
        with self.db.session() as session:
            letters = session.scalars(
                select(Letter).where(Letter.kind == "opinion").order_by(Letter.id)
            ).all()
            result = []
            for letter in letters:
                rect = self._rect(session, letter.number_text)
                info = rectification_info(session, rect, today)
                if status and info.status != status:
                    continue
                if department and department not in info.department:
                    continue
                result.append(info)
            result.sort(key=lambda i: (i.deadline or date.max, i.number))
            return result

    def show(self, number: str, today: date) -> RectificationInfo:
        with self.db.session() as session:
            return rectification_info(session, self._rect(session, number), today)

    def dashboard(self, today: date) -> dict[str, builtins.list[RectificationInfo]]:
        """What the bureau looks at each morning: overdue (most overdue first), due within a
        week, replies waiting for verification."""
        items = self.list(today)
        soon = today + timedelta(days=DUE_SOON_DAYS)
        return {
            "overdue": sorted(
                (i for i in items if i.status == "overdue"), key=lambda i: -i.days_overdue
            ),
            "due_soon": [
                i for i in items if i.status == "issued" and i.deadline and i.deadline <= soon
            ],
            "awaiting_verification": [i for i in items if i.status == "replied"],
        }

    def department_states(self, today: date, campaign_id: int | None = None) -> dict[str, str]:
        """Department → a short Chinese summary of its rectification (for the circular and
        the workbook), e.g. "司监意〔2026〕3号 已验收"."""
        states: dict[str, builtins.list[str]] = {}
        for info in self.list(today):
            if campaign_id is not None and info.campaign_id != campaign_id:
                continue
            text = f"{info.number} {info.status_label}"
            if info.status == "overdue":
                text += f"（逾期{info.days_overdue}天）"
            states.setdefault(info.department, []).append(text)
        return {k: "；".join(v) for k, v in states.items()}

    # ------------------------------------------------------------------ actions

    def _copy_attachment(self, letter_id: int, source: Path) -> tuple[str, str, int]:
        source = Path(source)
        if not source.is_file():
            raise UserError(f"找不到回复材料“{source}”。")
        if source.suffix.lower() not in ATTACHMENT_SUFFIXES:
            raise UserError(
                f"回复材料“{source.name}”的格式不受支持；可附 PDF、扫描图片（JPG/PNG/TIFF）、Word 或 OFD 文件。"
            )
        digest = _sha256(source)
        folder = self.attachments_dir / str(letter_id)
        private_dir(folder)
        target = folder / f"{digest[:12]}-{source.name}"
        if not target.exists():
            fd, tmp = tempfile.mkstemp(dir=folder, suffix=".part")
            os.close(fd)
            try:
                shutil.copyfile(source, tmp)
                make_private(Path(tmp))
                os.replace(tmp, target)
            except OSError as exc:
                Path(tmp).unlink(missing_ok=True)
                raise UserError(f"无法把回复材料复制到案卷库：{os_reason(exc)}") from exc
        return str(target), digest, source.stat().st_size

    def record_reply(
        self,
        number: str,
        received_on: date,
        *,
        files: Sequence[Path] = (),
        outcomes: dict[int, str] | None = None,
        note: str | None = None,
    ) -> RectificationInfo:
        """Record the department's written reply. ``outcomes`` maps problem numbers (1-based,
        as in the letter) to rectified/partly/not; problems not named are taken as
        rectified (what a reply claims unless it says otherwise)."""
        copied = []
        with self.db.session() as session:
            rect = self._rect(session, number)
            if rect.decided_on is not None:
                raise UserError(f"{rect.letter.number_text}已出具监督决定书，不再登记整改回复。")
            if rect.verified_on is not None:
                raise UserError(f"{rect.letter.number_text}的整改已于{rect.verified_on}验收。")
            if received_on < rect.letter.issued_on:
                raise UserError(
                    f"回复日期{received_on.isoformat()}早于意见书印发日期{rect.letter.issued_on.isoformat()}。"
                )
            seqs = {p.seq: p for p in rect.letter.problems}
            chosen: dict[int, str] = {}
            for seq, outcome in (outcomes or {}).items():
                if int(seq) not in seqs:
                    raise UserError(
                        f"{rect.letter.number_text}没有第{seq}个问题（共{len(seqs)}个）。"
                    )
                chosen[int(seq)] = parse_outcome(outcome)
            reply = RectificationReply(
                rectification_id=rect.id, received_on=received_on, note=note, status="pending"
            )
            session.add(reply)
            session.flush()
            for seq, problem in seqs.items():
                session.add(
                    ReplyOutcome(
                        reply_id=reply.id,
                        problem_id=problem.id,
                        outcome=chosen.get(seq, "rectified"),
                    )
                )
            for source in files:
                stored, digest, size = self._copy_attachment(rect.letter_id, Path(source))
                copied.append(stored)
                session.add(
                    ReplyAttachment(
                        reply_id=reply.id,
                        original_name=Path(source).name,
                        stored_path=stored,
                        sha256=digest,
                        size=size,
                    )
                )
            before = {"state": rect.state, "replied_on": _iso(rect.replied_on)}
            rect.state = "replied"
            rect.replied_on = received_on
            after = {
                "state": "replied",
                "replied_on": received_on.isoformat(),
                "outcomes": {str(k): v for k, v in chosen.items()},
                "files": copied,
            }
            return self._recorded(
                session, rect, "reply", before, after, received_on, reload="replies"
            )

    def verify(
        self,
        number: str,
        on: date,
        *,
        accept: bool = True,
        note: str | None = None,
    ) -> RectificationInfo:
        """The reviewer's verdict on the latest pending reply: accepted (整改验收通过) or sent
        back (退回补充整改; the clock keeps running)."""
        with self.db.session() as session:
            rect = self._rect(session, number)
            pending = sorted(
                (r for r in rect.replies if r.status == "pending"),
                key=lambda r: (r.received_on, r.id),
            )
            if not pending:
                raise UserError(f"{rect.letter.number_text}没有待验收的整改回复，请先登记回复。")
            reply = pending[-1]
            if on < reply.received_on:
                raise UserError("验收日期不能早于回复日期。")
            if accept:
                open_problems = [o for o in reply.outcomes if o.outcome != "rectified"]
                if open_problems:
                    raise UserError(
                        f"回复中有{len(open_problems)}个问题未完全整改，不能验收通过；请退回补充整改。"
                    )
            before = {"state": rect.state, "verified_on": _iso(rect.verified_on)}
            reply.status = "accepted" if accept else "returned"
            reply.reviewed_on = on
            reply.reviewed_by = self.identity.require()  # a person, never a placeholder
            reply.review_note = note
            if accept:
                rect.state = "verified"
                rect.verified_on = on
            else:
                rect.state = "issued"
            after = {"state": rect.state, "verified_on": _iso(rect.verified_on), "note": note}
            return self._recorded(
                session, rect, "verify" if accept else "return", before, after, on
            )

    def extend(self, number: str, new_deadline: date, reason: str, on: date) -> RectificationInfo:
        """Extend the deadline (延期整改) with a reason; each extension stays in the history."""
        reason = (reason or "").strip()
        if not reason:
            raise UserError("延长整改期限须写明理由。")
        with self.db.session() as session:
            rect = self._rect(session, number)
            if rect.decided_on is not None or rect.verified_on is not None:
                raise UserError(f"{rect.letter.number_text}的整改已经办结，不能再延长期限。")
            if rect.deadline is not None and new_deadline <= rect.deadline:
                raise UserError(f"新的整改期限应晚于现有期限{rect.deadline.isoformat()}。")
            session.add(
                RectificationExtension(
                    rectification_id=rect.id,
                    previous_deadline=rect.deadline,
                    new_deadline=new_deadline,
                    reason=reason,
                    granted_on=on,
                )
            )
            before = {"deadline": _iso(rect.deadline)}
            rect.deadline = new_deadline
            after = {"deadline": new_deadline.isoformat(), "reason": reason}
            return self._recorded(session, rect, "extend", before, after, on, reload="extensions")

    def remind(self, number: str, on: date, note: str = "") -> RectificationInfo:
        """Record a 催办 (a reminder sent to a department whose rectification is overdue),
        the step a decision may require first (settings ``decision_needs_reminder``). Kept
        as the rectification's audit entry, where every step on it is recorded."""
        with self.db.session() as session:
            rect = self._rect(session, number)
            status = status_on(rect, on)
            if status != "overdue":
                raise UserError(
                    f"{rect.letter.number_text}当前为“{STATUS_LABELS[status]}”，"
                    "只对逾期未整改的意见书催办。"
                )
            after = {"reminded_on": on.isoformat(), "note": (note or "").strip()}
            return self._recorded(session, rect, REMIND, {}, after, on)

    def _recorded(
        self,
        session: Session,
        rect: Rectification,
        action: str,
        before: dict[str, Any],
        after: dict[str, Any],
        day: date,
        *,
        reload: str | None = None,
    ) -> RectificationInfo:
        """How every step on a rectification ends: written (``reload``: a relationship the
        step added to), audited under the letter's 文号, and shown as it stands on ``day``."""
        session.flush()
        if reload:
            session.expire(rect, [reload])
        _audit(session, self.who, rect.letter.number_text, action, before, after)
        return rectification_info(session, rect, day)


def mark_decided(session: Session, opinion: Letter, decided_on: date, who: str) -> None:
    """Called in the transaction that records a 监督决定书 following ``opinion``."""
    rect = _stored(session, opinion.id)
    before = {"state": rect.state if rect else None}
    if rect is None:
        rect = _opened(session, opinion)
    rect.state = "decided"
    rect.decided_on = decided_on
    session.flush()
    _audit(
        session,
        who,
        opinion.number_text,
        "decide",
        before,
        {"state": "decided", "decided_on": decided_on.isoformat()},
    )


def reminded_on(session: Session, number: str) -> date | None:
    """The day of the latest 催办 recorded on the rectification of opinion ``number``."""
    days = [
        date.fromisoformat(e.after["reminded_on"])
        for e in audit.history(session, "rectification", number)
        if e.action == REMIND and e.after
    ]
    return max(days, default=None)


def unrectified_problems(session: Session, opinion: Letter) -> builtins.list[LetterProblem]:
    """The problems a decision letter must name: those the latest (not returned) reply did
    not report as rectified, or all of them when no reply came."""
    rect = _stored(session, opinion.id)
    latest = latest_outcomes(rect) if rect else {}
    return [p for p in opinion.problems if latest.get(p.id) != "rectified"]


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _stored(session: Session, letter_id: int) -> Rectification | None:
    return session.scalar(select(Rectification).where(Rectification.letter_id == letter_id))


def _opened(session: Session, opinion: Letter) -> Rectification:
    """The rectification an opinion letter opens (issued, with the letter's deadline), made
    the first time anybody acts on it."""
    rect = Rectification(
        letter_id=opinion.id,
        state="issued",
        deadline=opinion.deadline,
        issued_on=opinion.issued_on,
    )
    session.add(rect)
    session.flush()
    return rect


def _audit(session: Session, who: str, number: str, action: str, before: Any, after: Any) -> None:
    """A rectification's audit entry: keyed by its letter's 文号."""
    audit.record(session, who, "rectification", number, action, before, after)
