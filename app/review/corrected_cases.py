"""The ledger of corrected cases (纠错案件台账): decisions a department made that were
overturned, changed or found unlawful on 行政复议 or in 行政诉讼, recorded per quarter.

Entries are typed in the window or imported from the department's Excel sheet (header row
found, columns guessed, Chinese and Excel dates accepted; re-importing a sheet updates the
entries it already holds). Each entry carries the department's 复盘 (what went wrong) and its
own rectification. Counts per department feed the circular and its charts. Every change is
written to the audit log in the same transaction.
"""

from __future__ import annotations

import builtins
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audited import AuditedService
from app.changes import OpChanges
from app.errors import UserError
from app.review.campaigns import normalise_period, period_label
from app.review.catalogue import normalise_case_no
from app.review.corrected_case_values import (
    CHANNEL_LABELS,
    COMMON_RESULTS,
    LEDGER_CHANGED,
    CorrectedCaseInfo,
    ImportReport,
    RowError,
    checked_day,
    entry_info,
    entry_snapshot,
    normalise_channel,
    parse_day,
    period_bounds,
    quarter_of,
    required_text,
)
from app.review.ledger_sheet import SKIP_ROW, cell_text, read_ledger_sheet
from app.store import audit
from app.store.models import CorrectedCase, Department
from app.store.repositories import get_or_create_department, get_or_raise

__all__ = [
    "CHANNEL_LABELS",
    "COMMON_RESULTS",
    "CorrectedCaseInfo",
    "CorrectedCaseService",
    "ImportReport",
    "RowError",
    "normalise_channel",
    "parse_day",
    "period_bounds",
    "quarter_of",
]

ENTITY = "corrected_case"

_EDITABLE = {
    "department",
    "case_no",
    "channel",
    "correcting_organ",
    "corrected_on",
    "result",
    "reason",
    "review_note",
    "rectification_note",
    "rectified_on",
}


# ------------------------------------------------------------------ the service
class CorrectedCaseService(AuditedService):
    """Add, edit, list, count and import entries of the 纠错案件台账; every change audited."""

    # ---------------------------------------------------------------- validation
    @staticmethod
    def _values(
        department: object,
        case_no: object,
        channel: object,
        correcting_organ: object,
        corrected_on: object,
        result: object,
        reason: object,
    ) -> dict[str, Any]:
        organ = required_text(correcting_organ, "纠错机关")
        day = checked_day(corrected_on, "纠错日期")
        assert day is not None
        return {
            "department": required_text(department, "执法单位"),
            "case_no": required_text(case_no, "案号"),
            "channel": normalise_channel(channel, organ),
            "correcting_organ": organ,
            "corrected_on": day,
            "result": required_text(result, "纠错结果"),
            "reason": required_text(reason, "纠错原因"),
        }

    @staticmethod
    def _find_same(
        session: Session, department: Department, case_no: str, day: date
    ) -> CorrectedCase | None:
        key = normalise_case_no(case_no)
        for row in session.scalars(
            select(CorrectedCase).where(
                CorrectedCase.department_id == department.id, CorrectedCase.corrected_on == day
            )
        ):
            if normalise_case_no(row.case_no) == key:
                return row
        return None

    @staticmethod
    def _get(session: Session, entry_id: int) -> CorrectedCase:
        return get_or_raise(
            session, CorrectedCase, entry_id, f"纠错案件台账中没有编号为 {entry_id} 的记录。"
        )

    @staticmethod
    def _duplicate(department: str, case_no: str, day: date) -> UserError:
        return UserError(
            f"纠错案件台账中已有{department} {case_no}（纠错日期 {day.isoformat()}）的记录，"
            "不能重复登记；如需修改请编辑原记录。"
        )

    # ---------------------------------------------------------------- changes
    def add(
        self,
        department: str,
        case_no: str,
        channel: str,
        correcting_organ: str,
        corrected_on: date | str,
        result: str,
        reason: str,
        review_note: str | None = None,
    ) -> CorrectedCaseInfo:
        """Record one corrected case; a duplicate (same department, 案号 and date) is refused."""
        values = self._values(
            department, case_no, channel, correcting_organ, corrected_on, result, reason
        )
        with self.db.session() as session:
            dept = get_or_create_department(session, values.pop("department"))
            if self._find_same(session, dept, values["case_no"], values["corrected_on"]):
                raise self._duplicate(dept.name, values["case_no"], values["corrected_on"])
            row = CorrectedCase(
                department=dept,
                quarter=quarter_of(values["corrected_on"]),
                review_note=cell_text(review_note) or None,
                **values,
            )
            session.add(row)
            session.flush()
            audit.record(session, self.who, ENTITY, row.id, "create", None, entry_snapshot(row))
            return entry_info(row)

    def update(self, entry_id: int, **fields: Any) -> CorrectedCaseInfo:
        """Change fields of an entry (any of the add() fields, ``review_note``,
        ``rectification_note``, ``rectified_on``); an empty note clears it."""
        unknown = set(fields) - _EDITABLE
        if unknown:
            raise UserError(f"纠错案件台账没有这些可修改的项目：{'、'.join(sorted(unknown))}。")
        with self.db.session() as session:
            row = self._get(session, entry_id)
            before = entry_snapshot(row)
            self._apply(session, row, fields)
            after = entry_snapshot(row)
            if after != before:
                audit.record(session, self.who, ENTITY, row.id, "update", before, after)
            return entry_info(row)

    def _apply(self, session: Session, row: CorrectedCase, fields: dict[str, Any]) -> None:
        current = {
            "department": row.department.name,
            "case_no": row.case_no,
            "channel": row.channel,
            "correcting_organ": row.correcting_organ,
            "corrected_on": row.corrected_on,
            "result": row.result,
            "reason": row.reason,
        }
        merged = {k: fields.get(k, v) for k, v in current.items()}
        values = self._values(**merged)
        dept = get_or_create_department(session, values.pop("department"))
        same = self._find_same(session, dept, values["case_no"], values["corrected_on"])
        if same is not None and same.id != row.id:
            raise self._duplicate(dept.name, values["case_no"], values["corrected_on"])
        row.department = dept
        for key, value in values.items():
            setattr(row, key, value)
        row.quarter = quarter_of(row.corrected_on)
        for key in ("review_note", "rectification_note"):
            if key in fields:
                setattr(row, key, cell_text(fields[key]) or None)
        if "rectified_on" in fields:
            row.rectified_on = checked_day(fields["rectified_on"], "整改日期", required=False)
        if row.rectified_on is not None and row.rectified_on < row.corrected_on:
            raise UserError(
                f"整改日期 {row.rectified_on.isoformat()} 早于纠错日期 "
                f"{row.corrected_on.isoformat()}，请核对。"
            )
        session.flush()

    def delete(self, entry_id: int) -> OpChanges:
        with self.db.session() as session:
            row = self._get(session, entry_id)
            audit.record(session, self.who, ENTITY, row.id, "delete", entry_snapshot(row), None)
            session.delete(row)
        return LEDGER_CHANGED

    # ---------------------------------------------------------------- queries
    def get(self, entry_id: int) -> CorrectedCaseInfo:
        with self.db.session() as session:
            return entry_info(self._get(session, entry_id))

    def list(
        self, quarter: str | None = None, department: str | None = None
    ) -> list[CorrectedCaseInfo]:
        """Entries by date, then department and 案号; ``quarter`` may be any period
        (2026Q3, 2026年第三季度, 2026H1, 2026)."""
        query = select(CorrectedCase).join(CorrectedCase.department)
        if quarter:
            start, end = period_bounds(quarter)
            query = query.where(CorrectedCase.corrected_on.between(start, end))
        if department:
            query = query.where(Department.name == department.strip())
        query = query.order_by(CorrectedCase.corrected_on, Department.name, CorrectedCase.case_no)
        with self.db.session() as session:
            return [entry_info(row) for row in session.scalars(query)]

    def quarters(self) -> builtins.list[str]:
        """The quarters that have entries, latest first."""
        with self.db.session() as session:
            found = session.scalars(select(CorrectedCase.quarter).distinct()).all()
        return sorted(found, reverse=True)

    def department_names(self) -> builtins.list[str]:
        with self.db.session() as session:
            return list(session.scalars(select(Department.name).order_by(Department.name)))

    def counts_by_department(
        self, period: str | None = None, end_period: str | None = None
    ) -> dict[str, int]:
        """{department: number of corrected cases} in ``period`` (a quarter, half-year, month
        or year), or from the start of ``period`` to the end of ``end_period``; everything
        when no period is given. Most first, then by name."""
        entries = self.list(period) if period and not end_period else self.list()
        if end_period:
            start = period_bounds(period)[0] if period else date.min
            end = period_bounds(end_period)[1]
            if start > end:
                raise UserError(
                    f"统计期间有误：{period_label(normalise_period(period or ''))}晚于"
                    f"{period_label(normalise_period(end_period))}。"
                )
            entries = [e for e in entries if start <= e.date <= end]
        counts = Counter(e.department for e in entries)
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    # ---------------------------------------------------------------- Excel
    def import_excel(self, path: Path | str, sheet: str | None = None) -> ImportReport:
        """Import a ledger sheet: new entries added, known ones (same department, 案号 and
        纠错日期) updated; bad rows reported with their row number and skipped. An empty note
        cell never clears a note already recorded."""
        name, rows = read_ledger_sheet(Path(path), sheet)
        report = ImportReport(name)
        with self.db.session() as session:
            for sheet_row in rows:
                values = sheet_row.values
                if not any(cell_text(v) for v in values.values()):
                    continue
                if SKIP_ROW.match(sheet_row.first):
                    continue  # 合计 / 填表人 lines under the table
                try:
                    with session.begin_nested():
                        outcome = self._import_row(session, values)
                except UserError as exc:
                    report.errors.append(RowError(name, sheet_row.number, str(exc)))
                    continue
                setattr(report, outcome, getattr(report, outcome) + 1)
        return report

    def _import_row(self, session: Session, values: dict[str, Any]) -> str:
        clean = self._values(
            values.get("department"),
            values.get("case_no"),
            values.get("channel"),
            values.get("organ"),
            values.get("corrected_on"),
            values.get("result"),
            values.get("reason"),
        )
        notes = {
            key: cell_text(values.get(key)) or None for key in ("review_note", "rectification_note")
        }
        rectified_on = checked_day(values.get("rectified_on"), "整改日期", required=False)
        dept = get_or_create_department(session, clean.pop("department"))
        row = self._find_same(session, dept, clean["case_no"], clean["corrected_on"])
        if row is None:
            row = CorrectedCase(
                department=dept,
                quarter=quarter_of(clean["corrected_on"]),
                rectified_on=rectified_on,
                **clean,
                **notes,
            )
            session.add(row)
            session.flush()
            audit.record(session, self.who, ENTITY, row.id, "import", None, entry_snapshot(row))
            return "imported"
        before = entry_snapshot(row)
        changes: dict[str, Any] = {k: v for k, v in clean.items() if k != "case_no"}
        changes.update({k: v for k, v in notes.items() if v})
        if rectified_on is not None:
            changes["rectified_on"] = rectified_on
        self._apply(session, row, changes)
        after = entry_snapshot(row)
        if after == before:
            return "unchanged"
        audit.record(session, self.who, ENTITY, row.id, "import", before, after)
        return "updated"
