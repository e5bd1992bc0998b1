"""The day and clock time of a 行政强制执行, read from its record (强制执行现场笔录).

Why: 《行政强制法》第四十三条 forbids enforcing at night or on a 法定节假日 unless the
situation is urgent, and the record states when it happened ("执行时间：2024年7月1日22时30分
至23时10分"). Where to look is data (``enforcement_record`` in ``scoring/data/prechecks.yaml``):
the record is found by its title words (before and after the splitter knows its type, as
:mod:`app.review.lawful_time` does). Only a date after a time label or a date followed by a
clock time is taken, so a 卷内目录 line or a quoted date is not mistaken for the day.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time

from app.casefiles.cn_dates import find_dates, hanzi_number
from app.casefiles.splitting import DocumentSpan, PageInput
from app.review.lawful_time import PageTexts
from scoring.prechecks.table import PrecheckTable

__all__ = ["EnforcementReading", "clock_after", "enforcement_reading"]

SKIP_TYPES = ("table_of_contents", "case_cover")  # they list titles, not the record
_NUM = r"(?:\d{1,2}|[零〇一二两三四五六七八九十]{1,3})"
_CLOCK = re.compile(
    rf"^(?P<part>上午|下午|晚上|夜间|夜里|凌晨|中午|早上|早晨|傍晚)?(?P<h>{_NUM})(?:时|点|:|：)"
    rf"(?:(?P<m>{_NUM})分?)?"
)
_UNTIL = re.compile(r"^(?:至|到|—|－|-|~|～)(?:\d{1,2}月)?(?:\d{1,2}日)?")
_AFTERNOON = ("下午", "晚上", "夜间", "夜里", "傍晚")


@dataclass(frozen=True)
class EnforcementReading:
    day: date
    page: int
    times: tuple[time, time | None] | None
    urgent: bool


def _number(text: str | None) -> int | None:
    if text is None:
        return None
    return int(text) if text.isdigit() else hanzi_number(text)


def clock_after(text: str) -> tuple[time, int] | None:
    """The clock time at the start of ``text`` (22时30分, 下午3时, 22:30) and its length."""
    match = _CLOCK.match(text)
    if match is None:
        return None
    hour, minute = _number(match["h"]), _number(match["m"]) or 0
    if hour is None:
        return None
    if match["part"] in _AFTERNOON and hour < 12:
        hour += 12
    if match["part"] == "中午" and hour <= 2:
        hour += 12
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return time(hour, minute), match.end()


def _times(text: str) -> tuple[time, time | None] | None:
    """Start time at the head of ``text`` and the end time after 至 when stated."""
    start = clock_after(text)
    if start is None:
        return None
    rest = text[start[1] :]
    until = _UNTIL.match(rest)
    end = clock_after(rest[until.end() :]) if until else None
    return start[0], end[0] if end else None


def _dated(text: str, labels: Sequence[str]) -> tuple[date, tuple[time, time | None] | None] | None:
    """The date after a time label (with its times), else the first date with a clock time."""
    for m in find_dates(text):
        times = _times(text[m.end :])
        labelled = any(re.search(re.escape(w) + r"[:：]\s*$", text[: m.start]) for w in labels)
        if labelled or times is not None:
            return m.value, times
    return None


def enforcement_reading(
    pages: Sequence[PageInput], documents: Sequence[DocumentSpan], table: PrecheckTable
) -> EnforcementReading | None:
    """The enforcement's day, page, times and whether the record states 情况紧急."""
    conf = table.enforcement_record
    if conf is None:
        return None
    read = PageTexts.of(pages, documents)
    skip = {
        p for d in documents if d.type in SKIP_TYPES for p in range(d.first_page, d.last_page + 1)
    }
    found = [n for n in read.pages_of(conf.titles, conf.types) if n not in skip]
    text = "".join(read.texts[n - 1] for n in found)
    urgent = any(w in text for w in conf.urgent_words) and not any(
        w in text for w in conf.urgent_unless
    )
    for number in found:
        dated = _dated(read.texts[number - 1], conf.time_labels)
        if dated is not None:
            return EnforcementReading(dated[0], number, dated[1], urgent)
    return None
