"""The demo's 执法人员名册: the officers of every demo dossier on one Excel sheet.

A bureau keeps such a sheet and imports it (``roster import``); the demo writes one beside
its dossiers and imports it the same way, so the demo window shows the roster findings
(an expired 执法证, a 法制审核 reviewer without 法律职业资格) the benchmark scores. Its lines
are the dossiers' ground truth (``truth.roster``), which plants those gaps.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl

ROSTER_FILE = "演示执法人员名册.xlsx"
_TITLE = "演示市行政执法人员名册（演示数据）"
_HEADER = (
    "序号",
    "姓名",
    "执法证号",
    "所属单位",
    "执法类别",
    "有效期起",
    "有效期止",
    "法律职业资格证书编号",
)
_NO_QUALIFICATION = "无"


def roster_lines(truths: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The roster lines of the dossiers, each certificate once (first dossier's line)."""
    lines: dict[str, dict[str, Any]] = {}
    for truth in truths:
        for line in truth.get("roster", []):
            lines.setdefault(line["cert_no"], line)
    return list(lines.values())


def write_roster(truths: Iterable[Mapping[str, Any]], path: Path) -> Path:
    """Write the sheet as a department would: a title row above the header, dates as dates,
    无 where an officer holds no 法律职业资格."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has its sheet
    sheet.title = "执法人员名册"
    sheet.append([_TITLE])
    sheet.append(list(_HEADER))
    for n, line in enumerate(roster_lines(truths), start=1):
        sheet.append(
            [
                n,
                line["name"],
                line["cert_no"],
                line["department"],
                line["category"],
                date.fromisoformat(line["valid_from"]),
                date.fromisoformat(line["valid_to"]),
                line.get("legal_qualification") or _NO_QUALIFICATION,
            ]
        )
    for column, width in zip("ABCDEFGH", (6, 10, 16, 28, 14, 12, 12, 22), strict=True):
        sheet.column_dimensions[column].width = width
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path
