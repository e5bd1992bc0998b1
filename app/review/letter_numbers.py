"""The letter-number registry (发文字号): 机关代字〔年份〕序号号, never used twice, never padded.

A number is taken inside the same transaction that records the letter, so a letter that
fails to be written gives its number back (the transaction rolls back) and a number that
was written is never offered again: ``issued_numbers`` has unique constraints, and the
registry refuses to move a sequence back to a number at or below one already issued.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.audited import AuditedService
from app.changes import OpChanges
from app.config import CLOSE_BRACKETS, OPEN_BRACKETS, code_problem
from app.errors import NotFoundError, UserError
from app.store import audit
from app.store.models import IssuedNumber, Letter, LetterSequence
from scoring.json_fields import JsonFields

KIND_LABELS = {"opinion": "监督意见书", "decision": "监督决定书", "bulletin": "评查情况通报"}
_NUMBER = re.compile(
    rf"^\s*(?P<code>.+?)\s*[{re.escape(OPEN_BRACKETS)}]\s*(?P<year>\d{{4}})\s*"
    rf"[{re.escape(CLOSE_BRACKETS)}]\s*(?P<seq>\d+)\s*号\s*$"
)


def format_number(code: str, year: int, seq: int) -> str:
    """十司监意〔2024〕3号: the year in 六角括号, the sequence without leading zeros."""
    return f"{code}〔{year}〕{int(seq)}号"


def parse_number(text: str) -> tuple[str, int, int]:
    """(代字, year, seq) of a number typed with 〔〕, [] or () brackets; a Chinese error
    when it is not a 发文字号."""
    m = _NUMBER.match(str(text or ""))
    if not m:
        raise UserError(f"“{text}”不是有效的发文字号，应形如“司监意〔2026〕3号”。")
    return m["code"], int(m["year"]), int(m["seq"])


def normalise_number(text: str) -> str:
    """The number as the registry writes it (brackets and padding normalised)."""
    return format_number(*parse_number(text))


def find_letter(session: Session, number: str, *, what: str = "文书") -> Letter:
    """The letter with this 文号 (written any accepted way), or a Chinese refusal naming
    ``what`` was looked for."""
    text = normalise_number(number)
    letter = session.scalar(select(Letter).where(Letter.number_text == text))
    if letter is None:
        raise NotFoundError(f"没有文号为“{text}”的{what}。")
    return letter


def _check_kind(kind: str) -> None:
    if kind not in KIND_LABELS:
        kinds = "、".join(f"{k}（{v}）" for k, v in KIND_LABELS.items())
        raise UserError(f"文书种类应为 {kinds}，而不是“{kind}”。")


def _check_code(code: str) -> str:
    code = (code or "").strip()
    if not code:
        raise UserError("机关代字不能为空，请在设置中填写（如“司监意”）。")
    problem = code_problem("机关代字", code)
    if problem:
        raise UserError(problem)
    return code


@dataclass(frozen=True)
class SequenceInfo(JsonFields):
    kind: str
    code: str
    year: int
    next_number: int
    issued: int
    last_issued: str | None

    @property
    def changes(self) -> OpChanges:
        """What setting a sequence's next number changed: the letters' numbers."""
        return OpChanges(letters=True)


def _max_issued(session: Session, kind: str, code: str, year: int) -> int:
    return (
        session.scalar(
            select(func.max(IssuedNumber.seq)).where(
                IssuedNumber.letter_kind == kind,
                IssuedNumber.organ_code == code,
                IssuedNumber.year == year,
            )
        )
        or 0
    )


def _sequence(session: Session, kind: str, code: str, year: int) -> LetterSequence:
    row = session.scalar(
        select(LetterSequence).where(
            LetterSequence.letter_kind == kind,
            LetterSequence.organ_code == code,
            LetterSequence.year == year,
        )
    )
    if row is None:
        row = LetterSequence(
            letter_kind=kind,
            organ_code=code,
            year=year,
            next_number=_max_issued(session, kind, code, year) + 1,
        )
        session.add(row)
        session.flush()
    return row


def peek_number(session: Session, kind: str, code: str, year: int) -> str:
    """The number the next letter would get (nothing is taken)."""
    _check_kind(kind)
    code = _check_code(code)
    row = session.scalar(
        select(LetterSequence).where(
            LetterSequence.letter_kind == kind,
            LetterSequence.organ_code == code,
            LetterSequence.year == year,
        )
    )
    seq = row.next_number if row else _max_issued(session, kind, code, year) + 1
    return format_number(code, year, max(seq, _max_issued(session, kind, code, year) + 1))


def take_number(session: Session, kind: str, code: str, year: int, who: str) -> IssuedNumber:
    """Take the next number inside the caller's transaction (rolled back with it)."""
    _check_kind(kind)
    code = _check_code(code)
    row = _sequence(session, kind, code, year)
    seq = max(row.next_number, _max_issued(session, kind, code, year) + 1)
    number = format_number(code, year, seq)
    if session.scalar(select(IssuedNumber.id).where(IssuedNumber.number_text == number)):
        raise UserError(f"发文字号“{number}”已经使用过，请在文号登记簿中调整下一个序号。")
    issued = IssuedNumber(letter_kind=kind, organ_code=code, year=year, seq=seq, number_text=number)
    session.add(issued)
    row.next_number = seq + 1
    session.flush()
    audit.record(session, who, "letter_number", number, "issue", None, {"kind": kind})
    return issued


class LetterNumberRegistry(AuditedService):
    """The registry as the settings dialog and the CLI see it: list, and set the next number."""

    def sequences(self) -> list[SequenceInfo]:
        with self.db.session() as session:
            rows = session.scalars(
                select(LetterSequence).order_by(
                    LetterSequence.year.desc(),
                    LetterSequence.letter_kind,
                    LetterSequence.organ_code,
                )
            ).all()
            result = []
            for row in rows:
                last = session.scalar(
                    select(IssuedNumber.number_text)
                    .where(
                        IssuedNumber.letter_kind == row.letter_kind,
                        IssuedNumber.organ_code == row.organ_code,
                        IssuedNumber.year == row.year,
                    )
                    .order_by(IssuedNumber.seq.desc())
                    .limit(1)
                )
                count = session.scalar(
                    select(func.count(IssuedNumber.id)).where(
                        IssuedNumber.letter_kind == row.letter_kind,
                        IssuedNumber.organ_code == row.organ_code,
                        IssuedNumber.year == row.year,
                    )
                )
                result.append(
                    SequenceInfo(
                        row.letter_kind, row.organ_code, row.year, row.next_number, count or 0, last
                    )
                )
            return result

    def peek(self, kind: str, code: str, year: int) -> str:
        with self.db.session() as session:
            return peek_number(session, kind, code, year)

    def set_next(self, kind: str, code: str, year: int, next_number: int) -> SequenceInfo:
        """Set the next sequence number (e.g. numbers issued on paper before the product was
        used). Refused at or below a number already issued: a 文号 is never used twice."""
        _check_kind(kind)
        code = _check_code(code)
        if int(next_number) < 1:
            raise UserError("下一个序号必须是正整数。")
        with self.db.session() as session:
            top = _max_issued(session, kind, code, year)
            if next_number <= top:
                raise UserError(
                    f"{format_number(code, year, top)}已经发出，下一个序号不能小于或等于{top}（文号不得重复使用）。"
                )
            row = _sequence(session, kind, code, year)
            before = row.next_number
            row.next_number = int(next_number)
            audit.record(
                session,
                self.who,
                "letter_sequence",
                f"{kind}:{code}:{year}",
                "set_next",
                {"next_number": before},
                {"next_number": row.next_number},
            )
            count = session.scalar(
                select(func.count(IssuedNumber.id)).where(
                    IssuedNumber.letter_kind == kind,
                    IssuedNumber.organ_code == code,
                    IssuedNumber.year == year,
                )
            )
            return SequenceInfo(
                kind,
                code,
                year,
                row.next_number,
                count or 0,
                format_number(code, year, top) if top else None,
            )
