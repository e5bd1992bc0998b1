"""The 纠错案件台账 sheet: which header words name which column, read through the one Excel
table reader (``app.review.excel_files``). The rows go to ``CorrectedCaseService.import_excel``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.review.excel_files import TableSpec, read_table

# Header words per column role; the longest word a header matches (exactly, then as a
# prefix, then inside it) decides the role, so 整改完成日期 is not taken for 纠错日期.
ROLES: dict[str, tuple[str, ...]] = {
    "department": (
        "执法单位",
        "行政执法单位",
        "执法部门",
        "被纠错单位",
        "被纠错部门",
        "责任单位",
        "所属单位",
        "单位名称",
        "部门",
        "单位",
        "被申请人",
        "被告",
    ),
    "case_no": ("案号", "原案号", "决定书文号", "原行政行为文号", "处罚决定书文号", "文号"),
    "channel": ("纠错方式", "纠错类型", "纠错渠道", "纠错途径", "案件类型", "类型", "方式"),
    "organ": ("纠错机关", "复议机关", "审判机关", "复议机关或法院", "纠错单位", "作出机关"),
    "corrected_on": (
        "纠错日期",
        "纠错时间",
        "决定日期",
        "判决日期",
        "裁判日期",
        "复议决定日期",
        "作出日期",
        "日期",
    ),
    "result": ("纠错结果", "纠错结论", "纠错情形", "复议结果", "判决结果", "处理结果", "结果"),
    "reason": ("纠错原因", "纠错理由", "主要问题", "原因", "理由"),
    "review_note": ("复盘情况", "复盘分析", "复盘", "原因分析"),
    "rectification_note": ("整改情况", "整改措施", "整改落实情况", "整改"),
    "rectified_on": ("整改日期", "整改完成日期", "整改完成时间", "整改时间"),
}
LABELS = {
    "department": "执法单位",
    "case_no": "案号",
    "channel": "纠错方式（复议/诉讼）",
    "organ": "纠错机关",
    "corrected_on": "纠错日期",
    "result": "纠错结果",
    "reason": "纠错原因",
}
# The channel column may be left out when the organ says it (法院 → 诉讼, otherwise 复议).
REQUIRED = ("department", "case_no", "organ", "corrected_on", "result", "reason")
SPEC = TableSpec(
    what="纠错案件台账",
    words=ROLES,
    labels=LABELS,
    required=REQUIRED,
    min_roles=3,
    partial_roles=3,
    expect="“执法单位”“案号”“纠错机关”“纠错日期”“纠错方式”“纠错结果”“纠错原因”“复盘情况”",
    advice="纠错案件台账须含执法单位、案号、纠错机关、纠错日期、纠错结果、纠错原因等列。",
    best_word=True,
    most_roles=True,
)
SKIP_ROW = re.compile(r"^(合计|小计|总计|填表人|填报人|审核人|注[:：]|说明)")


def cell_text(value: object) -> str:
    """A cell as trimmed text (12.0 → "12")."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


@dataclass(frozen=True)
class SheetRow:
    number: int
    values: dict[str, Any]
    first: str  # the row's first non-empty cell (合计 / 填表人 lines are skipped)


def read_ledger_sheet(path: Path, sheet: str | None = None) -> tuple[str, list[SheetRow]]:
    """The sheet's name and its data rows (Excel row number, value per role)."""
    table = read_table(path, SPEC, sheet)
    roles = [role for role, col in table.mapping.items() if col is not None]
    data = [
        SheetRow(
            number,
            {role: table.value(cells, role) for role in roles},
            next((cell_text(c) for c in cells if cell_text(c)), ""),
        )
        for number, cells in table.rows
    ]
    return table.sheet, data
