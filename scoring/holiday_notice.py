"""Read the State Council's yearly holiday notice into a calendar supplement.

Why: the bundled calendar knows the years its package shipped with; every December the
reviewers' 30-day deadlines start to end in a year nobody has described yet. The arrangement
is published each autumn as 《国务院办公厅关于20XX年部分节假日安排的通知》 (e.g. 国办发明电
〔2024〕12号 for 2025, the notice of 2025-11-04 for 2026). A reviewer pastes its text; this
module turns it into the year's holidays and 调休 working days, in the supplement format of
:mod:`scoring.workdays`.

What a notice looks like (one numbered line per festival)::

    一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
    二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。…
    六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）…上班。

The parser is strict on purpose: a deadline computed from a misread holiday is a wrong
finding. A notice without its year, without one of the seven festivals of 《全国年节及纪念日
放假办法》第二条, with a date that does not exist, a weekday in brackets that does not match
its date, or a day count (共N天) that does not match its range, is refused with a Chinese
:class:`NoticeError` naming the line that could not be read.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import yaml

__all__ = ["FESTIVALS", "HolidayNotice", "HolidayPeriod", "NoticeError", "parse_notice"]

#: The seven festivals of 《全国年节及纪念日放假办法》第二条 every notice arranges.
FESTIVALS = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")

_WEEKDAYS = "一二三四五六日"
_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5}
_CN_DIGITS.update({"六": 6, "七": 7, "八": 8, "九": 9})


class NoticeError(ValueError):
    """The pasted notice cannot be read; the message (Chinese) names the line."""


@dataclass(frozen=True)
class HolidayPeriod:
    """One holiday break of the notice (放假日, weekends inside it included)."""

    name: str
    start: _dt.date
    end: _dt.date

    def days(self) -> list[_dt.date]:
        count = (self.end - self.start).days + 1
        return [self.start + _dt.timedelta(days=i) for i in range(count)]


@dataclass(frozen=True)
class HolidayNotice:
    """A year's arrangement as the notice states it."""

    year: int
    holidays: tuple[HolidayPeriod, ...]
    workdays: tuple[_dt.date, ...]

    def holiday_days(self) -> dict[_dt.date, str]:
        return {day: p.name for p in self.holidays for day in p.days()}

    def as_supplement(self) -> dict[str, Any]:
        """The supplement-file content (:mod:`scoring.workdays` format)."""
        holidays: list[dict[str, Any]] = []
        for p in self.holidays:
            if p.start == p.end:
                holidays.append({"name": p.name, "date": p.start})
            else:
                holidays.append({"name": p.name, "from": p.start, "to": p.end})
        return {"year": self.year, "holidays": holidays, "workdays": list(self.workdays)}

    def to_yaml(self, source: str = "") -> str:
        """The supplement as YAML text, with a comment saying where it came from."""
        head = f"# {self.year}年节假日安排：{source or '国务院办公厅关于部分节假日安排的通知'}\n"
        body = yaml.safe_dump(self.as_supplement(), allow_unicode=True, sort_keys=False)
        return head + body


# ---------------------------------------------------------------- normalising the text


def _cn_number(text: str) -> int:
    """ "二〇二六" → 2026 (digit by digit), "三十一" → 31, "十二" → 12."""
    if "十" not in text:
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    tens, _, units = text.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)


def _normalise(text: str) -> str:
    """Full-width digits and punctuation to ASCII (NFKC), Chinese numerals before 年/月/日/天
    to digits; line breaks are kept so errors can name the line."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(
        r"(?<![初廿])([〇零一二三四五六七八九十]+)(?=[年月日天])",
        lambda m: str(_cn_number(m.group(1))),
        text,
    )


# ---------------------------------------------------------------- the grammar

_YEAR = re.compile(r"(?:关于|现将)\s*(\d{4})\s*年")
_HEADER = re.compile(r"([一二三四五六七八九十]+)、\s*([^:\n。]{1,24}?)\s*:")
_DATE = (
    r"(?:(?P<{p}y>\d{{4}})年)?(?P<{p}m>\d{{1,2}})月(?P<{p}d>\d{{1,2}})日(?:\((?P<{p}n>[^)]*)\))?"
)
_END = r"(?:(?:(?P<ey>\d{4})年)?(?P<em>\d{1,2})月)?(?P<ed>\d{1,2})日(?:\((?P<en>[^)]*)\))?"
_PERIOD = re.compile(_DATE.format(p="s") + r"(?:\s*(?:至|-|—|~)\s*" + _END + ")?")
_ONE_DATE = re.compile(_DATE.format(p="s"))
_COUNT = re.compile(r"(?:共|放假)\s*(\d+)\s*天")
_WEEKDAY = re.compile(r"(?:周|星期)([一二三四五六日天])")


@dataclass
class _Section:
    """One numbered line of the notice: its festivals, its text and where it starts."""

    names: list[str]
    text: str
    line_no: int
    line: str

    def fail(self, why: str) -> NoticeError:
        return NoticeError(f"第{self.line_no}行无法识别（{why}）：{self.line}")


def _sections(text: str, original: list[str]) -> list[_Section]:
    """The numbered festival lines; ``original`` (the lines as pasted) is what errors quote,
    unless the paste has no line breaks, when the section itself is quoted."""
    headers = [
        m
        for m in _HEADER.finditer(text)
        if all(n in FESTIVALS for n in re.split(r"[、和及]", m.group(2).replace(" ", "")))
    ]
    out: list[_Section] = []
    for i, m in enumerate(headers):
        stop = headers[i + 1].start() if i + 1 < len(headers) else len(text)
        body = text[m.end() : stop]
        # A festival's arrangement is one paragraph; in a paste without line breaks it runs
        # to the next numbered line or to the closing words.
        body = body.lstrip().split("\n", 1)[0]
        body = re.split(r"鼓励|节假日期间|国务院办公厅", body, maxsplit=1)[0]
        names = re.split(r"[、和及]", m.group(2).replace(" ", ""))
        line_no = text.count("\n", 0, m.start()) + 1
        line = (m.group(0) + body).strip()
        pasted = original[line_no - 1].strip() if line_no <= len(original) else ""
        if pasted and len(pasted) <= 2 * len(line):
            line = pasted
        out.append(_Section(names, body, line_no, line))
    return out


def _date(section: _Section, year: str | None, month: str, day: str, default: int) -> _dt.date:
    try:
        return _dt.date(int(year) if year else default, int(month), int(day))
    except ValueError:
        raise section.fail(f"没有{month}月{day}日这一天") from None


def _check_weekday(section: _Section, day: _dt.date, note: str | None) -> None:
    if not note:
        return
    stated = _WEEKDAY.search(note)
    if stated is None:
        return
    said = "日" if stated.group(1) == "天" else stated.group(1)
    actual = _WEEKDAYS[day.weekday()]
    if said != actual:
        raise section.fail(f"{day.month}月{day.day}日是周{actual}，通知写的是周{said}")


def _default_year(section: _Section, year: int, month: int) -> int:
    """Dates carry no year: the notice's year, except December dates of the 元旦 line
    (a New Year break or 调休 day that begins in the old year)."""
    return year - 1 if month == 12 and "元旦" in section.names else year


def _period(section: _Section, sentence: str, year: int) -> HolidayPeriod:
    m = _PERIOD.search(sentence)
    if m is None:
        raise section.fail("找不到放假日期")
    start_year = int(m["sy"]) if m["sy"] else _default_year(section, year, int(m["sm"]))
    start = _date(section, m["sy"], m["sm"], m["sd"], start_year)
    _check_weekday(section, start, m["sn"])
    end = start
    if m["ed"]:
        end_month = m["em"] or m["sm"]
        end_year = start.year + 1 if int(end_month) < start.month else start.year
        end = _date(section, m["ey"], end_month, m["ed"], end_year)
        _check_weekday(section, end, m["en"])
    if end < start:
        raise section.fail("放假结束日期早于开始日期")
    length = (end - start).days + 1
    count = _COUNT.search(sentence)
    if count and int(count.group(1)) != length:
        raise section.fail(f"放假日期共{length}天，通知写的是{count.group(1)}天")
    if length > 15:
        raise section.fail(f"一次放假{length}天，不像是节假日安排")
    return HolidayPeriod("、".join(section.names), start, end)


def _listed_days(section: _Section, clause: str, year: int, *, weekend: bool) -> list[_dt.date]:
    """The dates of a "…上班" clause (``weekend``: each must be a Saturday or Sunday) or of
    a "…补休" clause (each must be a weekday)."""
    found: list[_dt.date] = []
    for m in _ONE_DATE.finditer(clause):
        month = int(m["sm"])
        day = _date(section, m["sy"], m["sm"], m["sd"], _default_year(section, year, month))
        _check_weekday(section, day, m["sn"])
        if weekend and day.weekday() < 5:
            raise section.fail(f"调休上班日{day.month}月{day.day}日不是周六或周日")
        if not weekend and day.weekday() >= 5:
            raise section.fail(f"补休日{day.month}月{day.day}日是周末")
        found.append(day)
    if not found:
        raise section.fail("“上班”或“补休”前找不到日期")
    return found


def parse_notice(text: str) -> HolidayNotice:
    """The holidays and 调休 working days of the pasted notice; refuses what it cannot read."""
    original = (text or "").splitlines()
    text = _normalise(text or "")
    if not text.strip():
        raise NoticeError("通知内容为空：请粘贴国务院办公厅关于部分节假日安排的通知全文。")
    year_match = _YEAR.search(text)
    if year_match is None:
        raise NoticeError(
            "找不到通知所属的年份：应含“关于20XX年部分节假日安排的通知”或“现将20XX年……”。"
        )
    year = int(year_match.group(1))
    sections = _sections(text, original)
    seen: dict[str, _Section] = {}
    holidays: list[tuple[_Section, HolidayPeriod]] = []
    workdays: list[_dt.date] = []
    for section in sections:
        for name in section.names:
            if name in seen:
                raise section.fail(f"{name}的安排出现了两次")
            seen[name] = section
        sentences = [s for s in re.split(r"[。;；]", section.text) if re.search(r"\d+日", s)]
        if not sentences or ("放假" not in sentences[0] and "休息" not in sentences[0]):
            raise section.fail("找不到“放假”的日期")
        # "1月1日放假，1月2日（星期一）补休" (2017): a make-up weekday off in the same sentence.
        clauses = sentences[0].split(",")
        make_up = [c for c in clauses if "补休" in c]
        start_work = [c for c in clauses if "上班" in c]
        rest = ",".join(c for c in clauses if c not in make_up and c not in start_work)
        holidays.append((section, _period(section, rest, year)))
        for clause in make_up:
            for day in _listed_days(section, clause, year, weekend=False):
                holidays.append((section, HolidayPeriod(f"{section.names[0]}（补休）", day, day)))
        for sentence in [*start_work, *sentences[1:]]:
            if "上班" not in sentence:
                raise section.fail(f"这句话读不懂：“{sentence.strip()}”")
            workdays.extend(_listed_days(section, sentence, year, weekend=True))
    missing = [name for name in FESTIVALS if name not in seen]
    if missing:
        raise NoticeError(
            f"通知不完整：缺少{'、'.join(missing)}的安排（应有元旦、春节、清明节、劳动节、"
            "端午节、中秋节、国庆节七项，每项一行，如“一、元旦：1月1日（周四）至3日（周六）"
            "放假调休，共3天。”）。"
        )
    _check_consistent(holidays, workdays, year)
    periods = tuple(period for _, period in holidays)
    return HolidayNotice(year, periods, tuple(sorted(set(workdays))))


def _check_consistent(
    holidays: list[tuple[_Section, HolidayPeriod]], workdays: list[_dt.date], year: int
) -> None:
    low, high = _dt.date(year - 1, 12, 1), _dt.date(year + 1, 1, 31)
    taken: dict[_dt.date, str] = {}
    for section, period in holidays:
        for day in period.days():
            if not low <= day <= high:
                raise section.fail(f"{day.isoformat()}不在{year}年")
            if day in taken:
                raise section.fail(f"{day.month}月{day.day}日已列入{taken[day]}")
            taken[day] = period.name
    for day in workdays:
        if day in taken:
            raise NoticeError(f"{day.isoformat()}同时列为放假日（{taken[day]}）和调休上班日。")
