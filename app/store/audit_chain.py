"""The audit log as a hash chain: an entry edited, deleted or inserted behind the program's
back is seen (issue 18, tamper evidence).

Each entry's ``digest`` is SHA-256 over the previous entry's digest and the entry's own
content in a canonical form; a one-row ``audit_head`` holds the last entry's id and digest so
that deleting the newest entries is seen too. This is tamper *evidence* against edits made
with a database tool, not a signature: someone who recomputes the whole chain defeats it, so
:func:`verify` also compares what the log says with what the tables hold for the records that
matter most (deductions, sign-offs, letters). Appending takes the head row first, which
serialises writers on PostgreSQL (row lock) as SQLite's single writer already is.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store.models import AuditEntry, AuditHead

GENESIS = "0" * 64


def canonical(entry: AuditEntry) -> str:
    """The entry's content as one stable text (what the digest covers)."""
    at = entry.at.astimezone(UTC) if entry.at.tzinfo else entry.at.replace(tzinfo=UTC)
    return json.dumps(
        [
            entry.id,
            at.isoformat(timespec="microseconds"),
            entry.who,
            entry.entity,
            entry.entity_id,
            entry.action,
            entry.before,
            entry.after,
        ],
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )


def digest_of(previous: str, entry: AuditEntry) -> str:
    return hashlib.sha256((previous + canonical(entry)).encode("utf-8")).hexdigest()


def head(session: Session) -> AuditHead:
    """The chain's head row, locked for this transaction where the database can."""
    row = session.scalar(select(AuditHead).where(AuditHead.id == 1).with_for_update())
    if row is None:
        row = AuditHead(id=1, last_id=0, digest=GENESIS)
        session.add(row)
        session.flush()
    return row


def link(session: Session, entry: AuditEntry) -> None:
    """Chain ``entry`` (flushed, so it has its id) onto the log and move the head to it."""
    top = head(session)
    entry.digest = digest_of(top.digest, entry)
    top.last_id, top.digest = entry.id, entry.digest
    session.flush()


@dataclass(frozen=True)
class Tamper:
    """One thing found wrong, in words a 法制科 official reads."""

    entry_id: int | None
    message: str

    def as_json(self) -> dict[str, Any]:
        return {"entry_id": self.entry_id, "message": self.message}


def _when(entry: AuditEntry) -> str:
    at: datetime = entry.at
    return at.astimezone().strftime("%Y-%m-%d %H:%M")


#: What an audit entry is about, as a reviewer says it (other entities: 其他记录).
ENTITY_LABELS = {
    "deduction": "扣分",
    "review": "评查结果",
    "campaign": "评查活动",
    "letter": "监督文书",
    "letter_number": "发文字号",
    "letter_sequence": "文号序列",
    "precheck": "预检提示",
    "case_field": "案卷要素",
    "case_file": "案卷",
    "document": "文书目录",
    "rectification": "整改",
    "corrected_case": "纠错案件",
}


def _label(entry: AuditEntry) -> str:
    about = ENTITY_LABELS.get(entry.entity, "其他记录")
    return f"第 {entry.id} 条审计记录（{_when(entry)}，{entry.who or '未署名'}，{about}）"


def _chain_problems(session: Session) -> Iterator[Tamper]:
    previous, last_id = GENESIS, 0
    for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.id)):
        if entry.digest is None:
            yield Tamper(entry.id, f"{_label(entry)}没有校验值：不是本程序写入的。")
            previous, last_id = GENESIS, entry.id
            continue
        intact = entry.digest == digest_of(previous, entry)
        # Skipped ids alone are no deletion: on PostgreSQL a write refused after its audit
        # entry took an id (a rolled-back transaction) leaves a gap in the sequence, and the
        # next entry chains onto the last one kept. A deleted entry breaks the chain.
        if entry.id != last_id + 1 and last_id and not intact:
            missing = (
                f"第 {last_id + 1} 条"
                if entry.id == last_id + 2
                else f"第 {last_id + 1}–{entry.id - 1} 条"
            )
            yield Tamper(last_id + 1, f"审计记录{missing}已被删除。")
        elif not intact:
            yield Tamper(entry.id, f"{_label(entry)}的内容与写入时不同：已被改动或插入。")
        previous, last_id = entry.digest, entry.id
    top = session.get(AuditHead, 1)
    if top is not None and top.last_id > last_id:
        yield Tamper(last_id + 1, f"最新的审计记录（第 {last_id + 1} 条起）已被删除。")
    elif top is not None and last_id and (top.last_id != last_id or top.digest != previous):
        yield Tamper(last_id, "审计日志的末尾与记录的校验值不符：末尾的记录被改动或追加。")


def verify(session: Session) -> list[Tamper]:
    """Every break of the chain, oldest first; empty when the log is as the program wrote it."""
    return list(_chain_problems(session))


__all__ = ["GENESIS", "Tamper", "canonical", "digest_of", "head", "link", "verify"]
