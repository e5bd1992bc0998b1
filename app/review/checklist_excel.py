"""Reading a province's official checklist table from an Excel workbook.

Provinces publish their 评查标准 as tables (序号, 评查类别, 评查项目, 分值, 评分细则, 否决项),
rarely with the same header words or on the first sheet. This module finds the header row,
guesses which column plays which role, and hands the rows to the pure converter in
``scoring.checklist_table``; the window lets the user correct the guessed mapping.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.errors import UserError
from app.review.excel_files import open_workbook

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

_HEADER_SCAN_ROWS = 15


@dataclass
class SheetTable:
    """The cells of one sheet below its header row, as text or numbers."""

    path: Path
    sheet_names: list[str]
    sheet: str
    header_row: int  # 1-based row number in the sheet
    headers: list[str]
    rows: list[tuple[int, list[object]]] = field(default_factory=list)  # (sheet row no., cells)


def _clean(value: object) -> object:
    if isinstance(value, str):
        return value.strip()
    return value


def _header_score(cells: list[object]) -> int:
    words = [str(c) for c in cells if isinstance(c, str) and c.strip()]
    return sum(1 for role in _SYNONYMS if any(_matches(role, w) for w in words))


def _matches(role: str, header: str) -> bool:
    text = header.replace(" ", "").replace("\n", "")
    return any(text == s or text.startswith(s) for s in _SYNONYMS[role])


def read_table(path: Path, sheet: str | None = None) -> SheetTable:
    """Read one sheet; the header row is the first of the top rows naming at least 3 roles."""
    book = open_workbook(path)
    try:
        names = list(book.sheetnames)
        if sheet is not None and sheet not in names:
            raise UserError(
                f"工作簿 {path.name} 中没有名为“{sheet}”的工作表（现有：{'、'.join(names)}）。"
            )
        candidates = [sheet] if sheet else names
        for name in candidates:
            ws = book[name]
            all_rows = [[_clean(c) for c in row] for row in ws.iter_rows(values_only=True)]
            for index, cells in enumerate(all_rows[:_HEADER_SCAN_ROWS]):
                if _header_score(cells) >= 3:
                    headers = ["" if c is None else str(c) for c in cells]
                    body = [
                        (index + 2 + offset, list(r))
                        for offset, r in enumerate(all_rows[index + 1 :])
                        if any(c not in (None, "") for c in r)
                    ]
                    return SheetTable(path, names, name, index + 1, headers, body)
        where = f"工作表“{sheet}”" if sheet else f"工作簿 {path.name} 的任何工作表"
        raise UserError(
            f"在{where}的前 {_HEADER_SCAN_ROWS} 行中找不到评查标准的表头"
            "（应含“评查类别”“评查项目”“分值”等列）。请确认选择了正确的工作表。"
        )
    finally:
        book.close()


def guess_mapping(headers: list[str]) -> dict[str, int | None]:
    """Role → column index (0-based) guessed from the header words; None where no column fits."""
    mapping: dict[str, int | None] = {}
    used: set[int] = set()
    for role, _label, _required in ROLES:
        mapping[role] = None
        for synonym in _SYNONYMS[role]:
            for col, header in enumerate(headers):
                text = header.replace(" ", "").replace("\n", "")
                if col not in used and (text == synonym or text.startswith(synonym)):
                    mapping[role] = col
                    used.add(col)
                    break
            if mapping[role] is not None:
                break
    return mapping


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
            entry[role] = cells[col] if col is not None and col < len(cells) else None
        result.append(entry)
    return result
