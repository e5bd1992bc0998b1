"""Opening the Excel workbooks reviewers bring (checklist tables, case catalogues, rosters).

One place says, in Chinese, what is wrong with a file that is not a readable .xlsx — and what
to do about an old .xls — so every import reports it the same way.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from app.errors import UserError


def open_workbook(path: Path) -> openpyxl.Workbook:
    """The workbook, read-only with cached values; a Chinese :class:`UserError` otherwise."""
    if not path.exists():
        raise UserError(f"找不到文件：{path}")
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
        raise UserError(
            f"无法读取 Excel 文件 {path.name}：文件已损坏或不是 .xlsx 格式（{type(exc).__name__}）。"
            "如为旧版 .xls，请先在 Excel/WPS 中另存为 .xlsx。"
        ) from exc
