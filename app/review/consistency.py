"""``db check`` / 帮助 → 校验数据: is the record whole? (issue 18)

The audit chain (:mod:`app.store.audit_chain`) says whether someone edited the log; this
module says whether what the tables hold still fits together after a crash, a restore or an
edit behind the program's back:

- the database file itself (SQLite ``PRAGMA integrity_check`` and ``foreign_key_check``;
  on PostgreSQL every table is read in full, which fails on a damaged page);
- letters ↔ numbers ↔ files: every letter's 文号 is in the registry and every number taken
  belongs to a letter (a number is never lost nor used twice), the sequence is ahead of the
  numbers issued, every opinion has its rectification, the paper is where it was written;
- reviews ↔ deductions: each deduction names an item of the checklist version its review
  was scored against and is as its last audit entry says (the chain proves the log was not
  edited; this proves the tables were not edited around it); a sign-off names who signed
  and was audited; an issued letter has its audit entry;
- files ↔ hashes: every dossier's original and every reply document is in the library and
  still has the SHA-256 recorded when it was imported.

Each finding is a :class:`Problem` in words a 法制科 official reads; ``error`` ones make
``db check`` exit non-zero, ``warning`` ones (a letter's paper moved by the user) do not.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import MetaData, func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.casefiles.library import dossier_digest, sha256_of
from app.errors import for_administrator
from app.review.letter_numbers import KIND_LABELS
from app.review.reviews.results import deduction_snapshot
from app.store.database import Database
from app.store.models import (
    AuditEntry,
    CaseFile,
    Checklist,
    Deduction,
    IssuedNumber,
    Letter,
    LetterSequence,
    Page,
    Rectification,
    ReplyAttachment,
    Review,
)
from app.tasks import TaskState
from scoring.json_fields import JsonFields

ERROR = "error"
WARNING = "warning"

#: The parts of the check, in the order they run and are reported.
AREAS = {
    "database": "数据库文件",
    "letters": "文书与文号",
    "reviews": "评查与扣分",
    "files": "案卷文件",
}


@dataclass(frozen=True)
class Problem(JsonFields):
    """One thing ``db check`` found wrong, in one area of the data (AREAS)."""

    area: str
    severity: str
    message: str

    def as_json(self) -> dict[str, Any]:
        return {**super().as_json(), "area_label": AREAS[self.area]}


@dataclass(frozen=True)
class CheckReport:
    problems: list[Problem]
    counts: dict[str, int]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def sound(self) -> bool:
        return not self.errors

    def as_json(self) -> dict[str, Any]:
        return {
            "sound": self.sound,
            "errors": len(self.errors),
            "warnings": len(self.problems) - len(self.errors),
            "counts": self.counts,
            "problems": [p.as_json() for p in self.problems],
        }

    def summary(self) -> str:
        """One Chinese paragraph: what was checked and how it stands."""
        c = self.counts
        checked = (
            f"已核对 {c.get('letters', 0)} 份文书、{c.get('numbers', 0)} 个文号、"
            f"{c.get('deductions', 0)} 条扣分、{c.get('files', 0)} 个文件"
        )
        if not self.problems:
            return f"数据完整：{checked}，均相互一致。"
        warnings = len(self.problems) - len(self.errors)
        found = f"发现 {len(self.errors)} 处错误" + (f"、{warnings} 处提示" if warnings else "")
        return f"{checked}，{found}：\n" + "\n".join(
            f"【{AREAS[p.area]}】{p.message}" for p in self.problems
        )


# ------------------------------------------------------------------ the database file
def _database_problems(db: Database, session: Session) -> Iterator[Problem]:
    if db.is_sqlite:
        rows = [r[0] for r in session.execute(text("PRAGMA integrity_check")).all()]
        if rows != ["ok"]:
            shown = "；".join(str(r) for r in rows[:5])
            yield Problem(
                "database", ERROR, f"SQLite 完整性检查未通过（{shown}）：请从最近的备份恢复。"
            )
        for table, rowid, parent, _fk in session.execute(text("PRAGMA foreign_key_check")):
            yield Problem(
                "database",
                ERROR,
                f"表 {table} 的第 {rowid} 行引用了 {parent} 中不存在的记录。",
            )
        return
    metadata = MetaData()
    metadata.reflect(session.connection())
    for table in metadata.sorted_tables:
        try:
            # A full read touches every page of the table: a damaged one raises.
            session.execute(select(func.count()).select_from(table)).scalar()
        except Exception as exc:  # the server's own words, for the administrator
            yield Problem(
                "database",
                ERROR,
                f"数据表 {table.name} 无法完整读取，请从最近的备份恢复。{for_administrator(exc)}",
            )


def _last_entries(session: Session, entity: str, actions: tuple[str, ...] = ()) -> dict[str, Any]:
    """The newest audit entry per record of ``entity`` (optionally of some actions only)."""
    query = select(AuditEntry).where(AuditEntry.entity == entity).order_by(AuditEntry.id)
    if actions:
        query = query.where(AuditEntry.action.in_(actions))
    return {e.entity_id: e for e in session.scalars(query)}


def _same(a: Any, b: Any) -> bool:
    """Equal as stored JSON (a float may come back as an int, a tuple as a list)."""
    return json.dumps(a, sort_keys=True, default=str) == json.dumps(b, sort_keys=True, default=str)


# ------------------------------------------------------------------ letters and numbers
def _letter_problems(session: Session, counts: dict[str, int]) -> Iterator[Problem]:
    letters = session.scalars(select(Letter).order_by(Letter.id)).all()
    numbers = session.scalars(select(IssuedNumber).order_by(IssuedNumber.id)).all()
    counts["letters"], counts["numbers"] = len(letters), len(numbers)
    by_text = {n.number_text: n for n in numbers}
    lettered = {letter.number_text for letter in letters}
    opinions_with_rect = set(session.scalars(select(Rectification.letter_id)))
    issued = _last_entries(session, "letter", ("issue",))
    for letter in letters:
        label = KIND_LABELS.get(letter.kind, "文书")
        if letter.number_text not in issued:
            yield Problem(
                "letters",
                ERROR,
                f"{label}{letter.number_text}没有出具的审计记录：不是经本程序出具的。",
            )
        number = by_text.get(letter.number_text)
        if number is None:
            yield Problem("letters", ERROR, f"{label}{letter.number_text}的文号不在文号登记簿中。")
        elif (number.year, number.seq, number.letter_kind) != (
            letter.year,
            letter.seq,
            letter.kind,
        ):
            yield Problem(
                "letters",
                ERROR,
                f"{label}{letter.number_text}与文号登记簿中的年份、序号或文种不一致。",
            )
        if letter.kind == "opinion" and letter.id not in opinions_with_rect:
            yield Problem("letters", ERROR, f"监督意见书{letter.number_text}没有对应的整改记录。")
        if letter.file_path and not Path(letter.file_path).is_file():
            yield Problem(
                "letters",
                WARNING,
                f"{label}{letter.number_text}的文件“{letter.file_path}”不在原处"
                "（可能已被移动；可用“重新生成”再写一份）。",
            )
    # a 通报 has no letters row: its numbers are checked by _bulletin_problems
    for number in [n for n in numbers if n.letter_kind != "bulletin"]:
        if number.number_text not in lettered:
            yield Problem(
                "letters",
                ERROR,
                f"文号{number.number_text}已登记为发出，但没有对应的文书（文号丢失）。",
            )
    for row in session.scalars(select(LetterSequence)):
        top = session.scalar(
            select(func.max(IssuedNumber.seq)).where(
                IssuedNumber.letter_kind == row.letter_kind,
                IssuedNumber.organ_code == row.organ_code,
                IssuedNumber.year == row.year,
            )
        )
        if top is not None and row.next_number <= top:
            yield Problem(
                "letters",
                ERROR,
                f"{row.organ_code}〔{row.year}〕的下一个序号 {row.next_number} 不大于已发出的"
                f"第 {top} 号：再出具会重复使用文号。",
            )
    yield from _bulletin_problems(session)


def _bulletin_problems(session: Session) -> Iterator[Problem]:
    """通报 numbers: each issued one has its 印发 record (the audit entry that says which
    campaign it numbers), and each such record a number in the registry."""
    numbers = set(
        session.scalars(
            select(IssuedNumber.number_text).where(IssuedNumber.letter_kind == "bulletin")
        )
    )
    recorded = _last_entries(session, "bulletin", ("issue",))
    for number in sorted(numbers - recorded.keys()):
        yield Problem(
            "letters",
            ERROR,
            f"通报文号{number}已登记为发出，但没有印发评查情况通报的记录（文号丢失）。",
        )
    for number in sorted(recorded.keys() - numbers):
        yield Problem("letters", ERROR, f"评查情况通报{number}的文号不在文号登记簿中。")


# ------------------------------------------------------------------ reviews and deductions
def _item_ids(definition: str) -> set[str]:
    """Every item id of a stored checklist definition (items sit in categories' lists)."""
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "items" and isinstance(value, list):
                    found.update(str(i["id"]) for i in value if isinstance(i, dict) and "id" in i)
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(definition))
    return found


def _review_problems(session: Session, counts: dict[str, int]) -> Iterator[Problem]:
    items = {c.id: _item_ids(c.definition) for c in session.scalars(select(Checklist))}
    audited = _last_entries(session, "deduction")
    signoffs = _last_entries(session, "review", ("signoff", "signoff_cleared"))
    reviews = {r.id: r for r in session.scalars(select(Review))}
    deductions = session.scalars(select(Deduction).order_by(Deduction.id)).all()
    counts["reviews"], counts["deductions"] = len(reviews), len(deductions)
    for review in reviews.values():
        where = f"案卷 {review.case_file_id}（评查活动 {review.campaign_id}）的签字确认"
        if (review.signed_off_at is None) != (review.signed_off_by is None):
            yield Problem("reviews", ERROR, f"{where}缺少签字人或时间。")
        entry = signoffs.get(str(review.id))
        if review.signed_off_by is not None and (
            entry is None
            or entry.action != "signoff"
            or (entry.after or {}).get("signed_off_by") != review.signed_off_by
        ):
            yield Problem("reviews", ERROR, f"{where}与审计日志不符：不是经本程序签字的。")
    present = {str(d.id) for d in deductions}
    for entity_id, last in audited.items():
        # The program never deletes a review, so a deduction of a review still there that
        # the log does not say was deleted went behind its back.
        if (
            entity_id not in present
            and last.action != "delete"
            and (last.after or {}).get("review_id") in reviews
        ):
            yield Problem(
                "reviews",
                ERROR,
                f"第 {entity_id} 条扣分（{last.after.get('item_id')}）已不在数据库中，"
                f"而审计日志没有删除记录（第 {last.id} 条）：已被绕过本程序删除。",
            )
    for d in deductions:
        owner = reviews.get(d.review_id)
        where = f"第 {d.id} 条扣分（{d.item_id}）"
        if owner is None:
            yield Problem("reviews", ERROR, f"{where}不属于任何评查记录。")
            continue
        known = items.get(owner.checklist_version_id or -1)
        if known is not None and d.item_id not in known:
            yield Problem(
                "reviews",
                ERROR,
                f"{where}的评查项目不在该评查所用的评查标准中（案卷 {owner.case_file_id}）。",
            )
        if d.points < 0:
            yield Problem("reviews", ERROR, f"{where}的扣分为负数。")
        last = audited.get(str(d.id))
        if last is None:
            yield Problem("reviews", ERROR, f"{where}没有审计记录：不是经本程序写入的。")
        elif last.after is None or not _same(last.after, deduction_snapshot(d)):
            yield Problem(
                "reviews",
                ERROR,
                f"{where}与审计日志第 {last.id} 条记录的内容不同：已被绕过本程序改动。",
            )


# ------------------------------------------------------------------ files and hashes
def _file_problems(
    session: Session, library_dir: Path, counts: dict[str, int], state: TaskState
) -> Iterator[Problem]:
    cases = session.scalars(select(CaseFile).order_by(CaseFile.id)).all()
    attachments = session.scalars(select(ReplyAttachment).order_by(ReplyAttachment.id)).all()
    pages = dict(
        session.execute(select(Page.case_file_id, func.count()).group_by(Page.case_file_id)).all()
    )
    total = len(cases) + len(attachments)
    counts["files"] = total
    for n, case in enumerate(cases):
        state.progress(n, total, "正在核对案卷文件……")
        name = f"案卷 {case.id}（{case.original_name}）"
        if pages.get(case.id, 0) != case.page_count:
            yield Problem(
                "files",
                ERROR,
                f"{name}登记为 {case.page_count} 页，数据库中有 {pages.get(case.id, 0)} 页。",
            )
        stored = library_dir / case.stored_path
        if not stored.exists():
            yield Problem("files", ERROR, f"{name}的原件不在案卷库中（{stored}）。")
        elif dossier_digest(stored) != case.sha256:
            yield Problem("files", ERROR, f"{name}的原件与导入时的校验值不同：已被改动。")
    for n, a in enumerate(attachments, start=len(cases)):
        state.progress(n, total, "正在核对整改回复材料……")
        name = f"整改回复材料“{a.original_name}”"
        path = Path(a.stored_path)
        if not path.is_file():
            yield Problem("files", ERROR, f"{name}不在案卷库中（{path}）。")
        elif sha256_of(path) != a.sha256:
            yield Problem("files", ERROR, f"{name}与登记时的校验值不同：已被改动。")
    state.progress(total, total, "核对完毕")


def check(db: Database, library_dir: Path, state: TaskState | None = None) -> CheckReport:
    """Run every check (read only) and gather what does not fit together."""
    state = state or TaskState()
    counts: dict[str, int] = {}
    problems: list[Problem] = []
    parts: list[Callable[[Session], Iterator[Problem]]] = [
        lambda s: _database_problems(db, s),
        lambda s: _letter_problems(s, counts),
        lambda s: _review_problems(s, counts),
        lambda s: _file_problems(s, library_dir, counts, state),
    ]
    with db.session() as session:
        for area, part in zip(AREAS, parts, strict=True):
            try:
                problems += part(session)
            except DBAPIError as exc:  # a damaged table: say so and check the rest
                session.rollback()
                problems.append(
                    Problem(
                        area,
                        ERROR,
                        f"无法读取{AREAS[area]}的数据，数据库可能已损坏。"
                        + for_administrator(exc.orig),
                    )
                )
        session.rollback()  # nothing here writes; keep it that way
    return CheckReport(problems, counts)


__all__ = ["AREAS", "ERROR", "WARNING", "CheckReport", "Problem", "check"]
