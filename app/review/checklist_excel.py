"""Reading a province's official checklist table from an Excel workbook.

Provinces publish their 评查标准 as tables (序号, 评查类别, 评查项目, 分值, 评分细则, 否决项),
rarely with the same header words or on the first sheet. This module finds the header row,
guesses which column plays which role, and hands the rows to the pure converter in
``scoring.checklist_table``; the window lets the user correct the guessed mapping.
"""

from __future__ import annotations

from pathlib import Path

from app.errors import UserError
from app.review.excel_files import SheetTable, TableSpec, guess_columns
from app.review.excel_files import read_table as read_excel_table

__all__ = ["ROLES", "ROLE_LABELS", "SheetTable", "check_mapping", "guess_mapping", "mapped_rows"]

ROLES: list[tuple[str, str, bool]] = [
    # role, Chinese label, required
    ("seq", "序号", False),
    ("category", "评查类别", True),
    ("item", "评查项目", True),
    ("points", "分值", True),
    ("detail", "评分细则", False),
    ("veto", "否决项", False),
]
ROLE_LABELS = {role: label for role, label, _ in ROLES}

# Header words seen in published tables, per role, most specific first.
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "seq": ("序号", "编号", "项次"),
    "category": ("评查类别", "类别", "评查项目类别", "项目类别", "评查环节", "评查阶段"),
    "item": ("评查项目", "评查内容", "评查要点", "内容和要求", "评查标准", "项目"),
    "points": ("分值", "标准分", "分数", "满分", "总分值"),
    "detail": ("评分细则", "扣分标准", "评分标准", "计分标准", "扣分细则", "细则"),
    "veto": ("否决项", "是否否决", "一票否决", "否决"),
}

# A header row names at least three roles; which are required is checked on the mapping
# (the window lets the user correct it first).
SPEC = TableSpec(
    what="评查标准",
    words=_SYNONYMS,
    labels=ROLE_LABELS,
    min_roles=3,
    partial_roles=None,
    expect="“评查类别”“评查项目”“分值”",
)


def read_table(path: Path, sheet: str | None = None) -> SheetTable:
    """Read one sheet; the header row is the first of the top rows naming at least 3 roles."""
    return read_excel_table(path, SPEC, sheet)


def guess_mapping(headers: list[str]) -> dict[str, int | None]:
    """Role → column index (0-based) guessed from the header words; None where no column fits."""
    return guess_columns(SPEC, headers)


def check_mapping(mapping: dict[str, int | None]) -> None:
    missing = [ROLE_LABELS[r] for r, _l, required in ROLES if required and mapping.get(r) is None]
    if missing:
        raise UserError(f"以下必需的列尚未对应到表格中的列：{'、'.join(missing)}。")
    chosen = [c for c in mapping.values() if c is not None]
    if len(chosen) != len(set(chosen)):
        raise UserError("同一列被对应到了两个以上的角色，请检查列对应关系。")


def mapped_rows(table: SheetTable, mapping: dict[str, int | None]) -> list[dict[str, object]]:
    """Rows keyed by role (plus ``row``: the sheet row number) for ``checklist_from_rows``."""
    check_mapping(mapping)
    result: list[dict[str, object]] = []
    for row_no, cells in table.rows:
        entry: dict[str, object] = {"row": row_no}
        for role, col in mapping.items():
            value = cells[col] if col is not None and col < len(cells) else None
            entry[role] = value.strip() if isinstance(value, str) else value
        result.append(entry)
    return result
