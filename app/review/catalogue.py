"""Reading a department's case catalogue (案件台账) from an Excel workbook.

Catalogues come in every layout: the header row is rarely the first, the words differ
(案号 / 立案编号 / 文号 …). Like ``checklist_excel`` this module finds the header row,
guesses which column plays which role and lets the caller override the guess. Case numbers
are normalised so that a catalogue's 〔2024〕 matches a dossier's [2024] or (2024).
"""

from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from app.errors import UserError
from app.review.excel_files import open_workbook

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

_HEADER_SCAN_ROWS = 15

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


def _header_text(value: object) -> str:
    return "" if value is None else re.sub(r"\s+", "", str(value))


def _role_of(header: str, role: str) -> bool:
    return any(header == s or header.startswith(s) for s in _SYNONYMS[role])


def guess_mapping(headers: list[str]) -> dict[str, int | None]:
    """Role → 0-based column guessed from the header words (most specific synonym first)."""
    mapping: dict[str, int | None] = {role: None for role, _ in ROLES}
    used: set[int] = set()
    # case_no first: "案号" must not be taken by a vaguer role.
    order = ["case_no"] + [r for r, _ in ROLES if r != "case_no"]
    for role in order:
        for synonym in _SYNONYMS[role]:
            for col, header in enumerate(headers):
                text = _header_text(header)
                if col not in used and text and (text == synonym or text.startswith(synonym)):
                    mapping[role] = col
                    used.add(col)
                    break
            if mapping[role] is not None:
                break
    return mapping


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


def _column_of(value: str | int, headers: list[str]) -> int:
    """A column given as its header text, a letter (A, B …) or a 1-based number."""
    if isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit()):
        number = int(value)
        if 1 <= number <= len(headers):
            return number - 1
    else:
        text = _header_text(value)
        for col, header in enumerate(headers):
            if _header_text(header) == text:
                return col
        if text and len(text) <= 2 and all(c in string.ascii_letters for c in text):
            col = 0
            for c in text.upper():
                col = col * 26 + (ord(c) - 64)
            if col <= len(headers):
                return col - 1
    shown = "、".join(h for h in headers if h) or "（无）"
    raise UserError(f"表格中没有“{value}”这一列（表头：{shown}）。")


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


def _find_header(
    rows: list[list[object]], overrides: dict[str, str | int | None]
) -> tuple[int, list[str]] | None:
    """The header row: the first top row naming 案号 (or the overridden column) and one more role."""
    wanted = overrides.get("case_no")
    for index, cells in enumerate(rows[:_HEADER_SCAN_ROWS]):
        headers = [_header_text(c) for c in cells]
        roles = {r for r, _ in ROLES if any(h and _role_of(h, r) for h in headers)}
        has_case_no = "case_no" in roles or (
            isinstance(wanted, str) and _header_text(wanted) in headers
        )
        if has_case_no and len(roles) >= 2:
            return index, ["" if c is None else str(c).strip() for c in cells]
    return None


def _looks_like_catalogue(rows: list[list[object]]) -> list[str] | None:
    """Headers of a row naming at least three roles but no 案号 (for a precise message)."""
    for cells in rows[:_HEADER_SCAN_ROWS]:
        headers = [_header_text(c) for c in cells]
        roles = {r for r, _ in ROLES if any(h and _role_of(h, r) for h in headers)}
        if len(roles) >= 3:
            return [h for h in headers if h]
    return None


def read_catalogue(
    path: Path,
    sheet: str | None = None,
    columns: dict[str, str | int | None] | None = None,
    header_row: int | None = None,
) -> CatalogueTable:
    """Read a 案件台账 sheet; ``columns`` overrides the guessed mapping (role or label → column,
    None for "no such column"); ``header_row`` (1-based, with ``sheet``) says where the header
    is when the words are too unusual to find it."""
    overrides = {_role_key(k): v for k, v in (columns or {}).items()}
    book = open_workbook(path)
    try:
        names = list(book.sheetnames)
        if sheet is not None and sheet not in names:
            raise UserError(
                f"工作簿 {path.name} 中没有名为“{sheet}”的工作表（现有：{'、'.join(names)}）。"
            )
        if sheet is not None and header_row is not None:
            all_rows = [list(r) for r in book[sheet].iter_rows(values_only=True)]
            if not 1 <= header_row <= len(all_rows):
                raise UserError(f"工作表“{sheet}”没有第 {header_row} 行。")
            cells = all_rows[header_row - 1]
            headers = ["" if c is None else str(c).strip() for c in cells]
            return _table(path, names, sheet, header_row - 1, headers, all_rows, overrides)
        no_case_no: tuple[str, list[str]] | None = None
        for name in [sheet] if sheet else names:
            all_rows = [list(r) for r in book[name].iter_rows(values_only=True)]
            found = _find_header(all_rows, overrides)
            if found is None:
                headers = _looks_like_catalogue(all_rows)
                if headers is not None and no_case_no is None:
                    no_case_no = (name, headers)
                continue
            index, headers = found
            return _table(path, names, name, index, headers, all_rows, overrides)
        if no_case_no is not None:
            name, headers = no_case_no
            if "case_no" in overrides:
                raise UserError(
                    f"工作表“{name}”中没有“{overrides['case_no']}”这一列"
                    f"（表头：{'、'.join(headers)}）。"
                )
            raise NoCaseNoColumn(
                f"工作表“{name}”中没有“案号”列（表头：{'、'.join(headers)}）。请指定哪一列是案号。"
            )
        where = f"工作表“{sheet}”" if sheet else f"工作簿 {path.name} 的任何工作表"
        raise UserError(
            f"在{where}的前 {_HEADER_SCAN_ROWS} 行中找不到案件台账的表头"
            "（应含“案号”“案件名称”“执法单位”等列）。请确认选择了正确的工作表。"
        )
    finally:
        book.close()


def _table(
    path: Path,
    names: list[str],
    sheet: str,
    index: int,
    headers: list[str],
    all_rows: list[list[object]],
    overrides: dict[str, str | int | None],
) -> CatalogueTable:
    mapping = guess_mapping(headers)
    for role, value in overrides.items():
        if value is None:
            mapping[role] = None
            continue
        col = _column_of(value, headers)
        for other, taken in mapping.items():
            if taken == col and other != role:
                mapping[other] = None
        mapping[role] = col
    if mapping["case_no"] is None:
        raise NoCaseNoColumn(
            f"工作表“{sheet}”中没有“案号”列（表头：{'、'.join(h for h in headers if h)}）。"
            "请指定哪一列是案号。"
        )
    table = CatalogueTable(path, names, sheet, index + 1, headers, mapping)
    seen: dict[str, int] = {}
    for offset, cells in enumerate(all_rows[index + 1 :]):
        row_no = index + 2 + offset
        if not any(c not in (None, "") for c in cells):
            continue
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


def preview_catalogue(
    path: Path,
    sheet: str | None = None,
    columns: dict[str, str | int | None] | None = None,
    header_row: int | None = None,
) -> SheetPreview:
    """Read like :func:`read_catalogue`; a refusal is returned (not raised) with the sheet's
    likely header row, so that the user can map the columns by hand. A file that cannot be
    opened as a workbook still raises."""
    try:
        table = read_catalogue(path, sheet, columns, header_row)
        return SheetPreview(
            table.sheet_names, table.sheet, table.header_row, table.headers, table, None
        )
    except UserError as exc:
        error = str(exc)
    book = open_workbook(path)
    try:
        names = list(book.sheetnames)
        candidates = [sheet] if sheet in names else names
        sheets = {n: [list(r) for r in book[n].iter_rows(values_only=True)] for n in candidates}
    finally:
        book.close()

    def best_header(rows: list[list[object]]) -> tuple[int, int]:
        """(roles named, -row index) of the top row naming the most catalogue roles."""
        scored = [
            (sum(1 for r, _ in ROLES if any(_role_of(_header_text(c), r) for c in cells if c)), -i)
            for i, cells in enumerate(rows[:_HEADER_SCAN_ROWS])
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
