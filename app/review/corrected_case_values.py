"""The values of the 纠错案件台账: channels, periods and dates as people write them, and
the plain results the ledger's calls return. No database work here (see
:mod:`app.review.corrected_cases`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from openpyxl.utils.datetime import from_excel

from app.casefiles.cn_dates import parse_date
from app.changes import OpChanges
from app.errors import UserError
from app.review.campaigns import normalise_period
from app.review.ledger_sheet import cell_text
from app.store.models import CorrectedCase
from scoring.json_fields import JsonFields

CHANNEL_LABELS = {"reconsideration": "行政复议", "litigation": "行政诉讼"}
COMMON_RESULTS = ("撤销", "部分撤销", "变更", "确认违法", "确认无效", "责令履行")


# ------------------------------------------------------------------ small parsers
def quarter_of(day: date) -> str:
    """2026-09-03 → ``2026Q3``."""
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def period_bounds(period: str) -> tuple[date, date]:
    """The first and last day of a period (2026Q3, 2026年第三季度, 2026H1, 2026-05, 2026)."""
    try:
        p = normalise_period(period)
    except UserError:
        raise UserError(
            f"期间“{period}”无法识别。请写成 2026Q3、2026年第三季度、2026年上半年、"
            "2026年9月或 2026年。"
        ) from None
    if "Q" in p:
        year, q = int(p[:4]), int(p[-1])
        start = date(year, 3 * q - 2, 1)
        end = date(year + 1, 1, 1) if q == 4 else date(year, 3 * q + 1, 1)
    elif "H" in p:
        year, h = int(p[:4]), int(p[-1])
        start = date(year, 1 if h == 1 else 7, 1)
        end = date(year, 7, 1) if h == 1 else date(year + 1, 1, 1)
    elif "-" in p:
        year, month = int(p[:4]), int(p[5:])
        start = date(year, month, 1)
        end = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    else:
        start, end = date(int(p), 1, 1), date(int(p) + 1, 1, 1)
    return start, date.fromordinal(end.toordinal() - 1)


def parse_day(value: object) -> date | None:
    """A date from a cell or an argument: a date, ISO text, 2026年9月3日 / 二〇二六年九月三日 /
    2026.9.3, or an Excel serial number; None when empty or not a date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 20000 <= value <= 80000:  # 1954 … 2119: a date cell that lost its format
            return from_excel(value).date()
        return None
    text = re.sub(r"\s+", "", str(value or ""))
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    day = parse_date(text)
    if day is None and re.fullmatch(r"\d{4}[./]\d{1,2}[./]\d{1,2}", text):
        y, m, d = (int(x) for x in re.split(r"[./]", text))
        try:
            day = date(y, m, d)
        except ValueError:
            day = None
    return day


def normalise_channel(value: object, organ: str = "") -> str:
    """``reconsideration`` or ``litigation`` from 复议/诉讼 (either language); when empty,
    guessed from the organ (a court means litigation). A Chinese error otherwise."""
    text = re.sub(r"\s+", "", str(value or "")).lower()
    if text in CHANNEL_LABELS:
        return text
    if "复议" in text:
        return "reconsideration"
    if "诉讼" in text or "法院" in text or "判决" in text:
        return "litigation"
    if not text and organ:
        return "litigation" if "法院" in organ else "reconsideration"
    raise UserError(
        f"纠错方式“{value or ''}”无法识别，应为“复议”（行政复议）或“诉讼”（行政诉讼）。"
    )


def required_text(value: object, label: str) -> str:
    text = cell_text(value)
    if not text:
        raise UserError(f"{label}不能为空。")
    return text


def checked_day(value: object, label: str, *, required: bool = True) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise UserError(f"{label}不能为空。")
        return None
    day = parse_day(value)
    if day is None or not 1949 <= day.year <= 2099:
        raise UserError(
            f"{label}“{cell_text(value)}”不是有效日期，应写成 2026-09-03 或 2026年9月3日。"
        )
    return day


# ------------------------------------------------------------------ plain results
LEDGER_CHANGED = OpChanges(ledger=True)  # what every write of the 纠错案件台账 changes

Day = date


@dataclass(frozen=True)
class CorrectedCaseInfo(JsonFields):
    """One ledger entry as plain data."""

    id: int
    department: str
    case_no: str
    channel: str
    organ: str
    date: date
    quarter: str
    result: str
    reason: str
    review_note: str | None
    rectification_note: str | None
    rectified_on: Day | None  # ``date`` is a field's name here
    letter_id: int | None = None

    @property
    def channel_label(self) -> str:
        return CHANNEL_LABELS.get(self.channel, self.channel)

    @property
    def changes(self) -> OpChanges:
        return LEDGER_CHANGED

    json_skip = ("letter_id",)


@dataclass(frozen=True)
class RowError:
    sheet: str
    row: int
    message: str

    def __str__(self) -> str:
        return f"工作表“{self.sheet}”第 {self.row} 行：{self.message}"


@dataclass
class ImportReport:
    """What an Excel import did: new entries, entries updated, unchanged ones, bad rows."""

    sheet: str
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def changes(self) -> OpChanges:
        return LEDGER_CHANGED

    def as_json(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet,
            "imported": self.imported,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": [{"row": e.row, "message": e.message} for e in self.errors],
        }

    def summary(self) -> str:
        text = (
            f"工作表“{self.sheet}”：新增 {self.imported} 件，更新 {self.updated} 件，"
            f"未变 {self.unchanged} 件"
        )
        if self.errors:
            text += f"，{len(self.errors)} 行未导入：\n" + "\n".join(str(e) for e in self.errors)
        return text + ("" if self.errors else "。")


def entry_info(row: CorrectedCase) -> CorrectedCaseInfo:
    return CorrectedCaseInfo(
        id=row.id,
        department=row.department.name,
        case_no=row.case_no,
        channel=row.channel,
        organ=row.correcting_organ,
        date=row.corrected_on,
        quarter=row.quarter,
        result=row.result,
        reason=row.reason,
        review_note=row.review_note,
        rectification_note=row.rectification_note,
        rectified_on=row.rectified_on,
        letter_id=row.letter_id,
    )


def entry_snapshot(row: CorrectedCase) -> dict[str, Any]:
    return entry_info(row).as_json()
