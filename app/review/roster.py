"""The roster of certified enforcement officers (执法人员名册): import from Excel, list.

Rosters come from each department's Excel sheet: the header row is rarely the first and
the words differ (执法证号 / 证件号 …), so the header row is found and the columns guessed,
as for catalogues (``app.review.catalogue``). Rows become ``Officer`` rows, updated in place
by certificate number. The pre-checks compare the officers on the records with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.changes import OpChanges, OpResult
from app.review.excel_files import TableSpec, read_table
from app.store.database import Database
from app.store.models import Officer
from app.store.repositories import get_or_create_department

__all__ = ["RosterRow", "import_roster", "list_roster", "parse_validity", "read_roster"]

ROLES: dict[str, tuple[str, ...]] = {
    "cert_no": (
        "执法证号",
        "行政执法证号",
        "执法证件号",
        "证件号",
        "证号",
        "执法证编号",
        "证书编号",
    ),
    "name": ("姓名", "执法人员姓名", "执法人员", "名字"),
    "category": ("执法类别", "执法类型", "执法种类", "执法领域"),
    "valid_from": ("有效期起", "起始日期", "有效期自", "发证日期", "生效日期"),
    "valid_to": ("有效期止", "截止日期", "有效期至", "到期日期", "失效日期"),
    "validity": ("有效期", "有效期限"),
    "department": ("所属单位", "执法单位", "工作单位", "单位", "所在单位", "部门"),
    # 《行政处罚法》第五十八条第二款: a first-time 法制审核 reviewer holds a 法律职业资格.
    "legal_qualification": ("法律职业资格证书编号", "法律职业资格证号", "法律职业资格", "法律职业"),
}
LABELS = {"name": "姓名", "cert_no": "执法证号"}
SPEC = TableSpec(
    what="执法人员名册",
    words=ROLES,
    labels=LABELS,
    required=("name", "cert_no"),
    partial_roles=2,
    expect="“姓名”“执法证号”“执法类别”“有效期”“所属单位”“法律职业资格”",
    advice="执法人员名册须含“姓名”和“执法证号”两列。",
)
_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


@dataclass(frozen=True)
class RosterRow:
    name: str
    cert_no: str
    category: str | None
    valid_from: date | None
    valid_to: date | None
    department: str | None
    #: 法律职业资格证书编号 (or 有 when the sheet only says so); None = none or not stated.
    legal_qualification: str | None = None


# A 法律职业资格 cell that says the officer holds none (not a certificate number).
_NO_QUALIFICATION = frozenset(
    {"无", "否", "没有", "未取得", "不具备", "—", "-", "－", "/", "／", "×"}
)


def _qualification(value: object) -> str | None:
    """The certificate number as written; "是/有/√" kept as 有; "无/否/—" and blanks None."""
    text = _text(value)
    if not text or text in _NO_QUALIFICATION:
        return None
    return "有" if text in ("是", "有", "√", "已取得", "具备") else text


def _text(value: object) -> str:
    return "" if value is None else re.sub(r"\s+", "", str(value))


def _as_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    m = _DATE.search(_text(value))
    if m is None:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def parse_validity(value: object) -> tuple[date | None, date | None]:
    """ "2023-01-01至2026-12-31" (or 年月日, ~, —) → (from, to); a lone date is the end."""
    if isinstance(value, (date, datetime)):
        return None, _as_date(value)
    found = [_as_date(m.group(0)) for m in _DATE.finditer(_text(value))]
    if len(found) >= 2:
        return found[0], found[1]
    return (None, found[0]) if found else (None, None)


def read_roster(path: Path, sheet: str | None = None) -> list[RosterRow]:
    """The officers of a roster sheet (the first sheet that looks like one unless named);
    rows without a name or a certificate number are left out."""
    table = read_table(path, SPEC, sheet)
    out = []
    for _number, row in table.rows:
        name, cert = _text(table.value(row, "name")), _text(table.value(row, "cert_no"))
        if not name or not cert:
            continue
        start, end = parse_validity(table.value(row, "validity"))
        start = _as_date(table.value(row, "valid_from")) or start
        end = _as_date(table.value(row, "valid_to")) or end
        out.append(
            RosterRow(
                name,
                cert,
                _text(table.value(row, "category")) or None,
                start,
                end,
                _text(table.value(row, "department")) or None,
                _qualification(table.value(row, "legal_qualification")),
            )
        )
    return out


def import_roster(db: Database, path: Path, sheet: str | None = None) -> OpResult[int]:
    """Import a roster sheet into ``Officer`` rows (updated by certificate number); the
    value: how many rows were read."""
    rows = read_roster(path, sheet)
    with db.session() as session:
        for r in rows:
            officer = session.scalar(select(Officer).where(Officer.certificate_no == r.cert_no))
            if officer is None:
                officer = Officer(name=r.name, certificate_no=r.cert_no)
                session.add(officer)
            officer.name = r.name
            officer.enforcement_category = r.category
            officer.legal_qualification = r.legal_qualification
            officer.valid_from, officer.valid_to = r.valid_from, r.valid_to
            if r.valid_from and r.valid_to and r.valid_from > r.valid_to:
                officer.valid_from = None  # a swapped or misread range: keep the end date
            if r.department:
                officer.department = get_or_create_department(session, r.department)
            session.flush()
    return OpResult(len(rows), OpChanges(roster=True))


def list_roster(db: Database) -> list[dict[str, Any]]:
    """The roster as plain data, by name."""
    with db.session() as session:
        return [
            {
                "name": o.name,
                "cert_no": o.certificate_no,
                "department": o.department.name if o.department else None,
                "category": o.enforcement_category,
                "valid_to": o.valid_to.isoformat() if o.valid_to else None,
                "legal_qualification": o.legal_qualification,
            }
            for o in session.scalars(select(Officer).order_by(Officer.name, Officer.id))
        ]
