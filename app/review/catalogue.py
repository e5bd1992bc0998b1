"""Reading a department's case catalogue (案件台账) from an Excel workbook.

Catalogues come in every layout: the header row is rarely the first, the words differ
(案号 / 立案编号 / 文号 …). Like ``checklist_excel`` this module finds the header row,
guesses which column plays which role and lets the caller override the guess. Case numbers
are normalised so that a catalogue's 〔2024〕 matches a dossier's [2024] or (2024).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from app.errors import UserError
from app.review.excel_files import (
    HEADER_SCAN_ROWS,
    MissingColumns,
    TableSpec,
    guess_columns,
    read_sheets,
    read_table,
)

ROLES: list[tuple[str, str]] = [
    ("seq", "序号"),
    ("case_no", "案号"),
    ("name", "案件名称/案由"),
    ("party", "当事人"),
    ("department", "执法单位"),
    ("filed", "立案日期"),
    ("closed", "结案日期"),
    ("penalty", "处罚种类/金额"),
    ("handler", "承办人"),
    ("kind", "案件类型"),
]
ROLE_LABELS = dict(ROLES)

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "seq": ("序号", "编号", "序"),
    "case_no": ("案号", "案件编号", "立案编号", "处罚决定书文号", "决定书文号", "文书编号", "文号"),
    "name": ("案件名称", "案由", "违法行为", "案件名"),
    "party": ("当事人", "被处罚人", "行政相对人", "相对人"),
    "department": ("执法单位", "执法部门", "办案单位", "实施机关", "执法机关", "执法主体", "单位"),
    "filed": ("立案日期", "立案时间", "立案"),
    "closed": ("结案日期", "结案时间", "结案"),
    "penalty": ("处罚种类", "处罚内容", "处罚结果", "处罚决定", "罚款金额", "金额"),
    "handler": ("承办人", "办案人员", "执法人员", "经办人", "承办人员"),
    "kind": ("案件类型", "案件类别", "类型"),
}

# case_no is guessed first: "案号" must not be taken by a vaguer role.
SPEC = TableSpec(
    what="案件台账",
    words={"case_no": _SYNONYMS["case_no"], **_SYNONYMS},
    labels={"case_no": "案号"},
    required=("case_no",),
    min_roles=2,
    partial_roles=3,
    expect="“案号”“案件名称”“执法单位”",
    advice="请指定哪一列是案号。",
)

_OPENING = "〔［[(（【﹝〖「"
_CLOSING = "〕］])）】﹞〗」"


class NoCaseNoColumn(UserError):
    """No column could be taken for 案号: the caller says how to name one (the CLI's
    ``--column 案号=…``, the window's mapping dialog)."""


def normalise_case_no(text: object) -> str:
    """A comparable form of a 案号: width-folded, no spaces, every bracket pair made ``()``.

    ``某市监罚〔2024〕12号``, ``某市监罚[2024]12号`` and ``某市监罚 (2024) 12 号`` are equal."""
    if text is None:
        return ""
    value = unicodedata.normalize("NFKC", str(text))
    value = re.sub(r"\s+", "", value)
    value = value.translate({ord(c): "(" for c in _OPENING} | {ord(c): ")" for c in _CLOSING})
    return value.upper()


@dataclass(frozen=True)
class CatalogueSheet:
    """Where and how a 案件台账 is read: the file; its ``sheet`` (None: the first holding a
    catalogue); ``columns`` overriding the guessed mapping (role or label → column, None
    for "no such column"); ``header_row`` (1-based, with ``sheet``) when the header words
    are too unusual to be found. The import dialog's preview and its import read the same
    object, so what the reviewer checked is what is imported."""

    path: Path
    sheet: str | None = None
    columns: dict[str, str | int | None] | None = None
    header_row: int | None = None


@dataclass
class CatalogueTable:
    """One catalogue sheet: its header row, the column mapping and the rows by role."""

    path: Path
    sheet_names: list[str]
    sheet: str
    header_row: int  # 1-based
    headers: list[str]
    mapping: dict[str, int | None]
    rows: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # Chinese notes on rows left out


def guess_mapping(headers: list[str]) -> dict[str, int | None]:
    """Role → 0-based column guessed from the header words (most specific synonym first)."""
    guessed = guess_columns(SPEC, headers)
    return {role: guessed[role] for role, _ in ROLES}


def _role_key(key: str) -> str:
    if key in ROLE_LABELS:
        return key
    for role, label in ROLES:
        if key == label or key in label.split("/"):
            return role
    for role, words in _SYNONYMS.items():
        if key in words:
            return role
    known = "、".join(f"{label}（{role}）" for role, label in ROLES)
    raise UserError(f"列对应中的“{key}”不是台账的栏目。可用：{known}。")


def _cell(value: object) -> object:
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def read_catalogue(source: CatalogueSheet) -> CatalogueTable:
    """Read a 案件台账 sheet (a refusal raises :class:`UserError`)."""
    path, header_row = source.path, source.header_row
    overrides = {_role_key(k): v for k, v in (source.columns or {}).items()}
    try:
        sheet_table = read_table(path, SPEC, source.sheet, header_row=header_row, columns=overrides)
    except MissingColumns as exc:
        raise NoCaseNoColumn(str(exc)) from exc
    mapping = {role: sheet_table.mapping.get(role) for role, _ in ROLES}
    table = CatalogueTable(
        path,
        sheet_table.sheet_names,
        sheet_table.sheet,
        sheet_table.header_row,
        sheet_table.headers,
        mapping,
    )
    seen: dict[str, int] = {}
    for row_no, cells in sheet_table.rows:
        entry: dict[str, Any] = {"row": row_no}
        for role, col in mapping.items():
            entry[role] = _cell(cells[col]) if col is not None and col < len(cells) else None
        if entry["case_no"] in (None, ""):
            table.skipped.append(f"第 {row_no} 行没有案号，已跳过")
            continue
        entry["case_no"] = str(entry["case_no"])
        key = normalise_case_no(entry["case_no"])
        if key in seen:
            table.skipped.append(f"第 {row_no} 行的案号与第 {seen[key]} 行重复，已跳过")
            continue
        seen[key] = row_no
        table.rows.append(entry)
    return table


@dataclass
class SheetPreview:
    """What the column-mapping dialog shows of one sheet: its header (found or the best
    guess), and either the table read with the current mapping or why it cannot be read."""

    sheet_names: list[str]
    sheet: str
    header_row: int | None  # 1-based
    headers: list[str]
    table: CatalogueTable | None
    error: str | None


def preview_catalogue(source: CatalogueSheet) -> SheetPreview:
    """Read like :func:`read_catalogue`; a refusal is returned (not raised) with the sheet's
    likely header row, so that the user can map the columns by hand. A file that cannot be
    opened as a workbook still raises."""
    path, sheet, header_row = source.path, source.sheet, source.header_row
    try:
        table = read_catalogue(source)
        return SheetPreview(
            table.sheet_names, table.sheet, table.header_row, table.headers, table, None
        )
    except UserError as exc:
        error = str(exc)
    names, sheets = read_sheets(path)
    candidates = [sheet] if sheet in names else names

    def best_header(rows: list[list[object]]) -> tuple[int, int]:
        """(roles named, -row index) of the top row naming the most catalogue roles."""
        scored = [
            (sum(1 for col in guess_columns(SPEC, cells).values() if col is not None), -i)
            for i, cells in enumerate(rows[:HEADER_SCAN_ROWS])
        ]
        return max(scored, default=(0, 0))

    name = max(candidates, key=lambda n: best_header(sheets[n])[0])  # first of the best
    rows = sheets[name]
    index = header_row - 1 if header_row and 1 <= header_row <= len(rows) else None
    if index is None:
        roles, minus_index = best_header(rows)
        if roles >= 1:
            index = -minus_index
        else:
            index = next((i for i, cells in enumerate(rows) if any(cells)), None)
    headers = [] if index is None else ["" if c is None else str(c).strip() for c in rows[index]]
    return SheetPreview(names, name, None if index is None else index + 1, headers, None, error)
