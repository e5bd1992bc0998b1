"""Reading the Excel tables reviewers bring: case catalogues, rosters, checklist tables and
the 纠错案件台账. One reader for all four, so every import reports problems the same way.

Such tables come in every layout: the header row is rarely the first, the sheet is rarely
the first, and the header words differ from one department to the next. An importer
describes what it looks for in a :class:`TableSpec` (the header words per column role, the
roles it cannot do without); :func:`read_table` opens the workbook, chooses the sheet, finds
the header row (or takes the one given), maps roles to columns (guessed from the words,
overridable by header text, letter or number) and returns the rows below with their sheet
row numbers. Every refusal is a Chinese :class:`UserError` naming the file, the sheet and
the headers it saw: not a workbook (or an old .xls), no such sheet, no header row, a
required column missing.
"""

from __future__ import annotations

import re
import string
import zipfile
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from app.errors import UserError

HEADER_SCAN_ROWS = 15  # a header row further down is given by hand (``header_row``)

Cells = list[object]
Columns = Mapping[str, str | int | None]  # role → header text, letter (A…), 1-based number


# What openpyxl raises on a damaged workbook besides its own error (found by fuzzing,
# benchmarks/reliability/fuzz.py): broken XML parts (SyntaxError: lxml's and ElementTree's
# parse errors), a broken deflate stream (zlib.error), unknown attributes (TypeError),
# impossible values (ValueError) — while opening, and while reading the rows of a sheet.
_DAMAGED_WORKBOOK = (
    InvalidFileException, zipfile.BadZipFile, zlib.error, KeyError, OSError, SyntaxError,
    ValueError, TypeError, AttributeError, IndexError, EOFError, NotImplementedError,
)  # fmt: skip


def _damaged(path: Path) -> UserError:
    return UserError(
        f"无法读取 Excel 文件 {path.name}：文件已损坏或不是 .xlsx 格式。"
        "如为旧版 .xls，请先在 Excel/WPS 中另存为 .xlsx。"
    )


def open_workbook(path: Path) -> openpyxl.Workbook:
    """The workbook, read-only with cached values; a Chinese :class:`UserError` otherwise."""
    if not path.exists():
        raise UserError(f"找不到文件：{path}")
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except _DAMAGED_WORKBOOK as exc:
        raise _damaged(path) from exc


def read_sheets(path: Path, sheet: str | None = None) -> tuple[list[str], dict[str, list[Cells]]]:
    """All sheet names, and the rows of ``sheet`` (of every sheet when None)."""
    book = open_workbook(path)
    try:
        names = list(book.sheetnames)
        if sheet is not None and sheet not in names:
            raise UserError(
                f"工作簿 {path.name} 中没有名为“{sheet}”的工作表（现有：{'、'.join(names)}）。"
            )
        wanted = [sheet] if sheet is not None else names
        try:
            return names, {
                n: [list(r) for r in book[n].iter_rows(values_only=True)] for n in wanted
            }
        except _DAMAGED_WORKBOOK as exc:  # read-only sheets are parsed only now
            raise _damaged(path) from exc
    finally:
        book.close()


def header_text(value: object) -> str:
    """A header cell as compared with header words: text without any whitespace."""
    return "" if value is None else re.sub(r"\s+", "", str(value))


@dataclass(frozen=True)
class TableSpec:
    """What one kind of table looks like.

    ``words``: header words per role, most specific first; with ``best_word`` False the
    roles are guessed in this order, each taking the first free column whose header equals
    or starts with one of its words. With ``best_word`` each header takes the role of the
    best word it matches (equal, then starting with, then containing; the longer word
    first), so that 整改完成日期 is not taken for 纠错日期.
    A header row names at least ``min_roles`` roles and every ``required`` one; the first
    such row of the top rows is taken (the one naming the most with ``most_roles``). A row
    naming ``partial_roles`` roles but lacking a required one is reported as a table with a
    missing column rather than as no table at all. Blank rows below the header are left out.
    """

    what: str  # 案件台账 (for messages)
    words: Mapping[str, Sequence[str]]
    labels: Mapping[str, str] = field(default_factory=dict)  # role → label in messages
    required: Sequence[str] = ()
    min_roles: int = 2
    partial_roles: int | None = 2  # None: never reported as a missing column
    expect: str = ""  # 应含…等列 (for the no-header message)
    advice: str = ""  # added to the missing-column message
    best_word: bool = False
    most_roles: bool = False

    def label(self, role: str) -> str:
        return self.labels.get(role) or self.words[role][0]


class MissingColumns(UserError):
    """A sheet that looks like the table but lacks a required column (``missing``: roles)."""

    def __init__(self, message: str, sheet: str, headers: list[str], missing: list[str]) -> None:
        super().__init__(message)
        self.sheet = sheet
        self.headers = headers
        self.missing = missing


@dataclass
class SheetTable:
    """One table read from a sheet: its header row, the column of each role and the
    non-empty rows below the header (with their sheet row numbers)."""

    path: Path
    sheet_names: list[str]
    sheet: str
    header_row: int  # 1-based row number in the sheet
    headers: list[str]
    mapping: dict[str, int | None] = field(default_factory=dict)
    rows: list[tuple[int, Cells]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # Chinese notes on rows left out

    def value(self, cells: Cells, role: str) -> object:
        col = self.mapping.get(role)
        return cells[col] if col is not None and col < len(cells) else None

    def records(self) -> list[dict[str, object]]:
        """Rows keyed by role, plus ``row``: the sheet row number."""
        return [
            {"row": number, **{role: self.value(cells, role) for role in self.mapping}}
            for number, cells in self.rows
        ]


def _strength(header: str, word: str) -> int:
    if header == word:
        return 3
    if header.startswith(word):
        return 2
    return 1 if word in header else 0


def guess_columns(spec: TableSpec, headers: Sequence[object]) -> dict[str, int | None]:
    """Role → 0-based column guessed from the header words; None where no column fits."""
    texts = [header_text(h) for h in headers]
    mapping: dict[str, int | None] = dict.fromkeys(spec.words)
    if spec.best_word:
        best: dict[str, tuple[int, int, int]] = {}  # role → (strength, word length, -column)
        for col, text in enumerate(texts):
            if not text:
                continue
            choice: tuple[int, int, str] | None = None
            for role, words in spec.words.items():
                for word in words:
                    strength = _strength(text, word)
                    if strength and (choice is None or (strength, len(word)) > choice[:2]):
                        choice = (strength, len(word), role)
            if choice is not None:
                key = (choice[0], choice[1], -col)
                if choice[2] not in best or key > best[choice[2]]:
                    best[choice[2]] = key
        mapping.update({role: -key[2] for role, key in best.items()})
        return mapping
    used: set[int] = set()
    for role, words in spec.words.items():
        for word in words:
            found = next(
                (i for i, t in enumerate(texts) if i not in used and t and t.startswith(word)),
                None,
            )
            if found is not None:
                mapping[role] = found
                used.add(found)
                break
    return mapping


def column_of(value: str | int, headers: Sequence[str]) -> int:
    """A column given as its header text, a letter (A, B …) or a 1-based number."""
    if isinstance(value, int) or value.strip().isdigit():
        number = int(value)
        if 1 <= number <= len(headers):
            return number - 1
    else:
        text = header_text(value)
        for col, header in enumerate(headers):
            if header_text(header) == text:
                return col
        if text and len(text) <= 2 and all(c in string.ascii_letters for c in text):
            col = 0
            for c in text.upper():
                col = col * 26 + (ord(c) - 64)
            if col <= len(headers):
                return col - 1
    shown = "、".join(h for h in headers if h) or "（无）"
    raise UserError(f"表格中没有“{value}”这一列（表头：{shown}）。")


def _mapping(spec: TableSpec, headers: list[str], columns: Columns) -> dict[str, int | None]:
    """The guessed mapping with the caller's choices applied (a column has one role)."""
    mapping = guess_columns(spec, headers)
    for role, value in columns.items():
        if value is None:
            mapping[role] = None
            continue
        col = column_of(value, headers)
        for other, taken in mapping.items():
            if taken == col and other != role:
                mapping[other] = None
        mapping[role] = col
    return mapping


def _named(spec: TableSpec, cells: Cells, columns: Columns) -> set[str]:
    """The roles a row names as a header (a caller's column named by its text counts)."""
    texts = [header_text(c) for c in cells]
    named = {r for r, col in guess_columns(spec, cells).items() if col is not None}
    for role, value in columns.items():
        if isinstance(value, str) and header_text(value) in texts:
            named.add(role)
    return named


def _missing_message(spec: TableSpec, sheet: str, headers: list[str], missing: list[str]) -> str:
    shown = "、".join(h for h in headers if h)
    wanted = "".join(f"“{spec.label(r)}”" for r in missing)
    return f"工作表“{sheet}”中没有{wanted}列（表头：{shown}）。{spec.advice}"


def _table(
    spec: TableSpec,
    path: Path,
    names: list[str],
    sheet: str,
    rows: list[Cells],
    index: int,
    columns: Columns,
) -> SheetTable:
    headers = ["" if c is None else str(c).strip() for c in rows[index]]
    mapping = _mapping(spec, headers, columns)
    missing = [r for r in spec.required if mapping.get(r) is None]
    if missing:
        message = _missing_message(spec, sheet, headers, missing)
        raise MissingColumns(message, sheet, [h for h in headers if h], missing)
    body = [
        (index + 2 + offset, cells)
        for offset, cells in enumerate(rows[index + 1 :])
        if any(not _blank(c) for c in cells)
    ]
    return SheetTable(path, names, sheet, index + 1, headers, mapping, body)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _header_index(spec: TableSpec, rows: list[Cells], columns: Columns) -> tuple[int | None, int]:
    """(the header row's index or None, index of a row that looks like a header but lacks a
    required column, else -1)."""
    found: tuple[int, int] | None = None  # (roles named, index)
    partial = -1
    for index, cells in enumerate(rows[:HEADER_SCAN_ROWS]):
        named = _named(spec, cells, columns)
        complete = len(named) >= spec.min_roles and all(r in named for r in spec.required)
        if complete:
            if not spec.most_roles:
                return index, partial
            if found is None or len(named) > found[0]:
                found = (len(named), index)
        elif spec.partial_roles is not None and len(named) >= spec.partial_roles and partial < 0:
            partial = index
    return (found[1] if found else None), partial


def read_table(
    path: Path,
    spec: TableSpec,
    sheet: str | None = None,
    *,
    header_row: int | None = None,
    columns: Columns | None = None,
) -> SheetTable:
    """Read the table: from ``sheet`` or the first sheet holding one; ``header_row``
    (1-based, with ``sheet``) when the header words are too unusual to be found; ``columns``
    overrides the guessed column of a role (None: the table has no such column)."""
    columns = dict(columns or {})
    names, sheets = read_sheets(path, sheet)
    if sheet is not None and header_row is not None:
        rows = sheets[sheet]
        if not 1 <= header_row <= len(rows):
            raise UserError(f"工作表“{sheet}”没有第 {header_row} 行。")
        return _table(spec, path, names, sheet, rows, header_row - 1, columns)
    partial: tuple[str, list[Cells], int] | None = None
    for name, rows in sheets.items():
        index, near = _header_index(spec, rows, columns)
        if index is not None:
            return _table(spec, path, names, name, rows, index, columns)
        if near >= 0 and partial is None:
            partial = (name, rows, near)
    if partial is not None:
        name, rows, near = partial
        _table(spec, path, names, name, rows, near, columns)  # raises: what is missing
    where = f"工作表“{sheet}”" if sheet else f"工作簿 {path.name} 的任何工作表"
    raise UserError(
        f"在{where}的前 {HEADER_SCAN_ROWS} 行中找不到{spec.what}的表头"
        f"（应含{spec.expect}等列）。请确认选择了正确的工作表。"
    )
