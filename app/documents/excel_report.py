"""The Excel workbook of a campaign (openpyxl): 案卷得分, 扣分明细, 单位汇总, 问题频次.

Each sheet has a title row, then one clean table (header row frozen, auto filter, numbers
stored as numbers with a number format), so a reviewer can sort, filter and pivot it. The
workbook is written to a temporary file beside the target and moved into place, so a crash
never leaves half a file under the target's name.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from app.documents.anonymise import anonymise
from app.documents.campaign_stats import CampaignStats, campaign_stats
from app.documents.circular import publication_names
from app.documents.files import replaced_whole
from app.errors import UserError
from app.store.database import Database
from scoring.time_limits import format_cn_date

SCORE_FORMAT = "0.0"
COUNT_FORMAT = "0"
TITLE_ROW = 1
HEADER_ROW = 2
MAX_WIDTH = 60
WRAP_WIDTH = 40  # columns wider than this wrap their text
# Names (执法单位, 当事人, 案号, 评查标准) wrap at NAME_WIDTH (and 否决项 at 30): at their full
# width the demo's 案卷得分 sheet was 240 characters wide and printed, fitted to the page
# width, in 5-point type.
NAME_WIDTH = 16
# A line of wrapped 11-point Chinese text: the CJK faces LibreOffice and WPS set it in are
# 1.45 em from ascent to descent (≈ 16 pt); at 15 pt the third line of a 否决项 was cut off.
LINE_POINTS = 17

_HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
_THIN = Side(style="thin", color="B0B0B0")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


@dataclass(frozen=True)
class Column:
    header: str
    number_format: str | None = None
    wrap: bool = False
    attr: str = ""  # the record's attribute shown, on a sheet of one record a row
    cap: int = 0  # the widest the column grows (0: WRAP_WIDTH if it wraps, else MAX_WIDTH)


def _numbered_rows(columns: Sequence[Column], records: Iterable[Any]) -> list[list[Any]]:
    """One row a record: its 序号 (the first column), then each column's ``attr`` of it, so a
    header and the value under it are declared together."""
    return [
        [n, *(getattr(record, column.attr) for column in columns[1:])]
        for n, record in enumerate(records, start=1)
    ]


def display_width(value: Any) -> int:
    """Width of a cell's text in Excel character units: CJK and full-width count two."""
    if value is None:
        return 0
    text = f"{value:.1f}" if isinstance(value, float) else str(value)
    longest = 0
    for line in text.splitlines() or [""]:
        width = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
        longest = max(longest, width)
    return longest


def _write_table(
    sheet: Worksheet,
    title: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Any]],
    totals: Sequence[Any] | None = None,
) -> None:
    """Title, header and rows; ``totals`` a bold 合计 row under them, outside the filter
    (sorting the table must not move it)."""
    sheet.cell(TITLE_ROW, 1, title).font = Font(bold=True, size=14)
    sheet.row_dimensions[TITLE_ROW].height = 24
    for c, column in enumerate(columns, start=1):
        cell = sheet.cell(HEADER_ROW, c, column.header)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    widths = [display_width(column.header) for column in columns]
    for r, row in enumerate(rows, start=HEADER_ROW + 1):
        for c, (column, value) in enumerate(zip(columns, row, strict=True), start=1):
            cell = sheet.cell(r, c, value)
            cell.border = _BORDER
            if column.number_format and isinstance(value, int | float):
                cell.number_format = column.number_format
            cell.alignment = Alignment(vertical="top", wrap_text=column.wrap)
            widths[c - 1] = max(widths[c - 1], display_width(value))
    shown = []
    for c, (column, width) in enumerate(zip(columns, widths, strict=True), start=1):
        cap = column.cap or (WRAP_WIDTH if column.wrap else MAX_WIDTH)
        shown.append(min(max(width + 2, 6), cap))
        sheet.column_dimensions[get_column_letter(c)].width = shown[-1]
    _fit_row_heights(sheet, columns, rows, shown)
    last_row = HEADER_ROW + max(len(rows), 0)
    if totals is not None:
        for c, (column, value) in enumerate(zip(columns, totals, strict=True), start=1):
            cell = sheet.cell(last_row + 1, c, value)
            cell.font = Font(bold=True)
            cell.border = _BORDER
            if column.number_format and isinstance(value, int | float):
                cell.number_format = column.number_format
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 1).coordinate
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(columns))}{last_row}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    _print_setup(sheet)


def _fit_row_heights(
    sheet: Worksheet,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
) -> None:
    """Rows tall enough for their wrapped text. Excel sizes such rows itself, but LibreOffice
    and WPS keep one line and cut the text off, so the height is written (LINE_POINTS a line
    of 11-point text)."""
    for r, row in enumerate(rows, start=HEADER_ROW + 1):
        lines = max(
            (
                _wrapped_lines(value, width - 1)
                for column, value, width in zip(columns, row, widths, strict=True)
                if column.wrap
            ),
            default=1,
        )
        if lines > 1:
            sheet.row_dimensions[r].height = LINE_POINTS * lines


def _wrapped_lines(value: Any, width: float) -> int:
    """How many lines ``value`` takes in a column ``width`` characters wide."""
    if value is None:
        return 1
    return sum(
        max(1, math.ceil(display_width(line) / max(width, 1)))
        for line in str(value).splitlines() or [""]
    )


def _print_setup(sheet: Worksheet) -> None:
    """Landscape A4, all columns on one page width, as many pages down as needed: without it
    a sheet printed as 14 pages with three columns on the first."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_options.horizontalCentered = True


def _public(
    columns: list[Column], rows: list[list[Any]], names: tuple[str, ...]
) -> tuple[list[Column], list[list[Any]]]:
    """The publication variant of a table: texts anonymised as the 通报's are (persons among
    the parties and in reasons become 张某, ID and phone numbers masked; organisations keep
    their names, as bureaus publish them) and the reviewers' names left out."""
    keep = [i for i, c in enumerate(columns) if c.header != "评查人"]
    masked = [
        [anonymise(v, names) if isinstance(v, str) else v for v in (row[i] for i in keep)]
        for row in rows
    ]
    return [columns[i] for i in keep], masked


def _cases_sheet(sheet: Worksheet, stats: CampaignStats, public: bool = False) -> None:
    columns = [
        Column("序号", COUNT_FORMAT),
        Column("执法单位", wrap=True, cap=NAME_WIDTH),
        Column("案号", wrap=True, cap=NAME_WIDTH),
        Column("当事人", wrap=True, cap=NAME_WIDTH),
        Column("案件类型"),
        Column("评查标准", wrap=True, cap=NAME_WIDTH),
        Column("评查状态"),
        Column("得分", SCORE_FORMAT),
        Column("等次"),
        Column("否决项", wrap=True, cap=30),
        Column("扣分项数", COUNT_FORMAT),
        Column("扣分合计", SCORE_FORMAT),
        Column("评查人"),
        Column("签字确认"),
    ]
    rows = [
        [
            n,
            c.department,
            c.case_no,
            c.party,
            c.kind,
            c.checklist,
            c.status,
            c.total,
            c.grade,
            "；".join(c.veto_items),
            c.deductions if c.scored else None,
            c.points_lost if c.scored else None,
            "、".join(c.reviewers),
            "已签字" if c.signed_off else "未签字",
        ]
        for n, c in enumerate(stats.cases, start=1)
    ]
    if public:
        columns, rows = _public(columns, rows, publication_names(stats))
    _write_table(sheet, f"{stats.name} — 案卷得分", columns, rows)


def _deductions_sheet(sheet: Worksheet, stats: CampaignStats, public: bool = False) -> None:
    columns = [
        Column("序号", COUNT_FORMAT),
        Column("案号", wrap=True, cap=NAME_WIDTH, attr="case_no"),
        Column("执法单位", wrap=True, cap=NAME_WIDTH, attr="department"),
        Column("评查项目编号", attr="item_id"),
        Column("评查项目", wrap=True, attr="item_text"),
        Column("评查类别", attr="category"),
        Column("问题处数", COUNT_FORMAT, attr="count"),
        Column("扣分", SCORE_FORMAT, attr="points"),
        Column("扣分理由", wrap=True, attr="reason"),
        Column("法律依据", wrap=True, attr="basis"),
        Column("页码", COUNT_FORMAT, attr="page"),
        Column("评查人", attr="reviewer"),
    ]
    rows = _numbered_rows(columns, stats.deductions)
    if public:
        columns, rows = _public(columns, rows, publication_names(stats))
    _write_table(sheet, f"{stats.name} — 扣分明细", columns, rows)


def _letters_total(departments: int) -> str:
    """The 合计 of the rectification column: how many departments have a 监督意见书 (it said
    "0个单位需整改" beside three 不合格 files before any letter was issued)."""
    return f"{departments}个单位已出具意见书" if departments else "尚未出具意见书"


def _departments_sheet(
    sheet: Worksheet,
    stats: CampaignStats,
    rectification: Mapping[str, str],
    as_of: date | None = None,
) -> None:
    """One row per department, a 合计 row (the campaign's own average and median, not an
    average of averages), and the rectification state as of the day it was written."""
    columns = [
        Column("排名", COUNT_FORMAT),
        Column("执法单位", wrap=True, cap=NAME_WIDTH),
        Column("评查案卷数", COUNT_FORMAT),
        Column("已评查", COUNT_FORMAT),
        Column("平均分", SCORE_FORMAT),
        Column("中位数", SCORE_FORMAT),
        Column("最高分", SCORE_FORMAT),
        Column("最低分", SCORE_FORMAT),
        *(Column(grade, COUNT_FORMAT) for grade in stats.grade_order),
        Column("否决", COUNT_FORMAT),
        Column("扣分项数", COUNT_FORMAT),
        Column("扣分合计", SCORE_FORMAT),
        Column(f"整改情况（截至{format_cn_date(as_of)}）" if as_of else "整改情况", wrap=True),
    ]
    rows = []
    for d in stats.departments:
        scored = bool(d.scored)
        rows.append(
            [
                d.rank,
                d.name,
                d.cases,
                d.scored,
                d.average if scored else None,
                d.median if scored else None,
                d.highest if scored else None,
                d.lowest if scored else None,
                *(d.grades.get(grade, 0) for grade in stats.grade_order),
                d.vetoed,
                d.deductions,
                d.points_lost,
                rectification.get(d.name, ""),
            ]
        )
    deps = stats.departments
    scored = bool(stats.scored)
    totals = [
        None,
        "合计",
        sum(d.cases for d in deps),
        sum(d.scored for d in deps),
        stats.average if scored else None,
        stats.median if scored else None,
        stats.highest if scored else None,
        stats.lowest if scored else None,
        *(sum(d.grades.get(grade, 0) for d in deps) for grade in stats.grade_order),
        sum(d.vetoed for d in deps),
        sum(d.deductions for d in deps),
        round(sum(d.points_lost for d in deps), 1),
        _letters_total(sum(1 for d in deps if rectification.get(d.name))),
    ]
    _write_table(sheet, f"{stats.name} — 单位汇总", columns, rows, totals if deps else None)


def _items_sheet(sheet: Worksheet, stats: CampaignStats) -> None:
    columns = [
        Column("序号", COUNT_FORMAT),
        Column("评查项目编号", attr="item_id"),
        Column("评查项目", wrap=True, attr="text"),
        Column("评查类别", attr="category"),
        Column("出现次数", COUNT_FORMAT, attr="count"),
        Column("问题处数", COUNT_FORMAT, attr="occurrences"),
        Column("涉及案卷数", COUNT_FORMAT, attr="cases_affected"),
        Column("扣分合计", SCORE_FORMAT, attr="points_lost"),
    ]
    rows = _numbered_rows(columns, stats.items)
    _write_table(sheet, f"{stats.name} — 问题频次", columns, rows)


SHEETS = ("案卷得分", "扣分明细", "单位汇总", "问题频次")


def build_workbook(
    stats: CampaignStats,
    rectification: Mapping[str, str] | None = None,
    as_of: date | None = None,
    *,
    public: bool = False,
) -> Workbook:
    """The workbook of already computed statistics (not saved); ``as_of`` the day the
    rectification states are of. ``public``: the variant marked for publication (DOMAIN §6),
    personal names masked and reviewers' names left out."""
    book = Workbook()
    first = book.active
    assert first is not None
    first.title = SHEETS[0]
    _cases_sheet(first, stats, public)
    _deductions_sheet(book.create_sheet(SHEETS[1]), stats, public)
    _departments_sheet(book.create_sheet(SHEETS[2]), stats, dict(rectification or {}), as_of)
    _items_sheet(book.create_sheet(SHEETS[3]), stats)
    book.properties.title = stats.name
    book.properties.creator = "案卷评查工作站"
    return book


def save_workbook(book: Workbook, out: Path) -> Path:
    """Save through a temporary file in the same folder, then move it into place."""
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise UserError(f"Excel 文件名应以 .xlsx 结尾：{out.name}")
    out.parent.mkdir(parents=True, exist_ok=True)
    with replaced_whole(out) as temp:
        book.save(temp)
    return out


def write_campaign_workbook(
    db: Database,
    campaign_id: int,
    out: Path,
    rectification: Mapping[str, str] | None = None,
    as_of: date | None = None,
    *,
    public: bool = False,
) -> Path:
    """The campaign's Excel summary at ``out``; ``rectification`` maps a department's name
    to the state of its rectification (整改情况) on ``as_of``, left blank for departments not
    named; ``public``: the variant for publication (:func:`build_workbook`)."""
    stats = campaign_stats(db, campaign_id, related=False)
    return save_workbook(build_workbook(stats, rectification, as_of, public=public), out)
