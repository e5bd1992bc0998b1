"""Find and parse the dates printed in Chinese administrative documents.

A dossier prints the same day in many ways: 2024年3月5日 (often read by OCR as
"2024 年 3 月 5 日"), 二〇二四年三月五日 on letters, 2024.3.5 / 2024-03-05 / 2024/3/5 beside
hand signatures. The reviewer's deadline checks depend on every one of them, so all forms are
recognised, each match keeps its position in the text (to tell the date *ending* a decision
from dates *quoted* in its body), and impossible dates are rejected rather than guessed.

OCR confusions are tolerated only where the surrounding pattern makes them unambiguous:
inside a date's digit groups, 'O'/'o' is read as 0 and 'l'/'I'/'|' as 1; 曰 as 日.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# Full-width digits and separators → ASCII, one character for one (positions are kept).
_FULLWIDTH = str.maketrans("０１２３４５６７８９．－／　", "0123456789.-/ ")
# Characters OCR puts in place of a digit, and the digit meant (only inside a digit group).
_OCR_DIGITS = str.maketrans("OoIl|", "00111")
_HANZI_DIGITS = {"〇": 0, "○": 0, "O": 0, "o": 0, "0": 0, "零": 0, "Ο": 0, "◯": 0}
_HANZI_DIGITS.update({c: i for i, c in enumerate("一二三四五六七八九", start=1)})

MIN_YEAR, MAX_YEAR = 1949, 2099

_D = r"[0-9OoIl|]"  # a digit as OCR may print it
_S = r"[ \t]*"  # OCR puts spaces between the parts of a date
_CN_ARABIC = re.compile(
    rf"(?<![0-9A-Za-z])(?P<y>[12]{_D}{{3}}){_S}年{_S}(?P<m>{_D}{{1,2}}){_S}月{_S}(?P<d>{_D}{{1,2}})(?!\d){_S}[日曰]"
)
_HZ0 = "〇○零Ο◯Oo0"
_HZ = f"[{_HZ0}一二三四五六七八九]"
_CN_HANZI = re.compile(
    rf"(?P<y>[一二]{_S}{_HZ}{_S}{_HZ}{_S}{_HZ}){_S}年{_S}"
    rf"(?P<m>十{_S}[一二]?|[{_HZ0}]?{_S}[一二三四五六七八九]){_S}月{_S}"
    rf"(?P<d>[一二三]?{_S}十{_S}[一二三四五六七八九]?|[{_HZ0}]?{_S}[一二三四五六七八九]){_S}[日曰]"
)
_SEPARATED = re.compile(
    rf"(?<![0-9A-Za-z.\-/])(?P<y>[12]{_D}{{3}}){_S}(?P<sep>[.\-/]){_S}(?P<m>{_D}{{1,2}}){_S}(?P=sep){_S}"
    rf"(?P<d>{_D}{{1,2}})(?![0-9A-Za-z]|[.\-/][0-9])"
)
_STYLES = (("ymd_cn", _CN_ARABIC), ("ymd_hanzi", _CN_HANZI), ("separated", _SEPARATED))


@dataclass(frozen=True)
class DateMatch:
    """A date found in a text: its value, where it is (``text[start:end]``) and its form."""

    value: date
    start: int
    end: int
    text: str
    style: str  # ymd_cn | ymd_hanzi | separated


def _arabic(group: str) -> int:
    return int(group.translate(_OCR_DIGITS))


def hanzi_number(text: str) -> int | None:
    """A day or month written in Chinese: 五 → 5, 十一 → 11, 二十五 → 25, 三十 → 30, 〇五 → 5."""
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return None
    if "十" in chars:
        at = chars.index("十")
        head, tail = chars[:at], chars[at + 1 :]
        if len(head) > 1 or len(tail) > 1:
            return None
        tens = _HANZI_DIGITS.get(head[0]) if head else 1
        ones = _HANZI_DIGITS.get(tail[0]) if tail else 0
        if tens is None or ones is None or tens == 0:
            return None
        return tens * 10 + ones
    value = 0
    for c in chars:
        digit = _HANZI_DIGITS.get(c)
        if digit is None:
            return None
        value = value * 10 + digit
    return value


def _hanzi_year(text: str) -> int | None:
    digits = [_HANZI_DIGITS.get(c) for c in text if not c.isspace()]
    if len(digits) != 4 or any(d is None for d in digits):
        return None
    return int("".join(str(d) for d in digits))


def _make(year: int | None, month: int | None, day: int | None) -> date | None:
    if year is None or month is None or day is None or not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _value(style: str, match: re.Match[str]) -> date | None:
    if style == "ymd_hanzi":
        return _make(_hanzi_year(match["y"]), hanzi_number(match["m"]), hanzi_number(match["d"]))
    return _make(_arabic(match["y"]), _arabic(match["m"]), _arabic(match["d"]))


def find_dates(text: str) -> list[DateMatch]:
    """Every valid date in ``text``, in order of position; impossible dates are skipped."""
    normal = text.translate(_FULLWIDTH)
    found: list[DateMatch] = []
    for style, pattern in _STYLES:
        for match in pattern.finditer(normal):
            value = _value(style, match)
            if value is not None:
                found.append(
                    DateMatch(
                        value, match.start(), match.end(), text[match.start() : match.end()], style
                    )
                )
    found.sort(key=lambda m: m.start)
    kept: list[DateMatch] = []
    for m in found:  # overlapping readings of one spot: keep the first, longest
        if kept and m.start < kept[-1].end:
            continue
        kept.append(m)
    return kept


def parse_date(text: str) -> date | None:
    """The one date ``text`` consists of (surrounding spaces allowed), else None."""
    stripped = text.strip()
    matches = find_dates(stripped)
    if len(matches) == 1 and matches[0].start == 0 and matches[0].end == len(stripped):
        return matches[0].value
    return None


_MONTH_DAY = re.compile(
    rf"(?:(?P<am>{_D}{{1,2}}){_S}月{_S}(?P<ad>{_D}{{1,2}})(?!\d)"
    rf"|(?P<hm>十{_S}[一二]?|[{_HZ0}]?{_S}[一二三四五六七八九]){_S}月{_S}"
    rf"(?P<hd>[一二三]?{_S}十{_S}[一二三四五六七八九]?|[{_HZ0}]?{_S}[一二三四五六七八九])){_S}[日曰]"
)


@dataclass(frozen=True)
class MonthDay:
    """A month and day whose year OCR lost (a seal over 二〇二四 often leaves 二四年三月五日)."""

    month: int
    day: int
    start: int
    end: int

    def in_year(self, year: int) -> date | None:
        return _make(year, self.month, self.day)

    def in_year_from(self, earliest: date) -> date | None:
        """The first such day on or after ``earliest`` (a letter is dated after what it quotes)."""
        for year in (earliest.year, earliest.year + 1):
            value = _make(year, self.month, self.day)
            if value is not None and value >= earliest:
                return value
        return None


def find_month_days(text: str) -> list[MonthDay]:
    """Every valid "month 月 day 日" in ``text``, with or without a year before it."""
    normal = text.translate(_FULLWIDTH)
    found = []
    for match in _MONTH_DAY.finditer(normal):
        month: int | None
        day: int | None
        if match["am"] is not None:
            month, day = _arabic(match["am"]), _arabic(match["ad"])
        else:
            month, day = hanzi_number(match["hm"]), hanzi_number(match["hd"])
        if month is None or day is None:
            continue
        if _make(2000, month, day) is not None:
            found.append(MonthDay(month, day, match.start(), match.end()))
    return found


# ---------------------------------------------------------------- dates a seal cut short

_OPEN_DATE = re.compile(
    rf"(?<![0-9A-Za-z])(?P<y>[12]{_D}{{3}}){_S}年{_S}(?P<m>{_D}{{1,2}}){_S}月{_S}(?P<d>{_D}{{1,2}}){_S}$"
)


@dataclass(frozen=True)
class OpenDate:
    """A date ending a line whose closing 日 a seal hid (2024年2月26): every day it can be.

    A day read with two digits, or with one digit that no second digit could follow
    (2024年12月6), has one candidate and is read; 2024年7月3 may be 3, 30 or 31."""

    read: date
    candidates: tuple[date, ...]
    start: int
    end: int
    style: str = "ymd_cn"  # or ymd_hanzi (二〇二四年八月二十)

    @property
    def certain(self) -> bool:
        return len(self.candidates) == 1


_OPEN_HANZI = re.compile(
    rf"(?P<y>[一二]{_S}{_HZ}{_S}{_HZ}{_S}{_HZ}){_S}年{_S}"
    rf"(?P<m>十{_S}[一二]?|[{_HZ0}]?{_S}[一二三四五六七八九]){_S}月{_S}"
    rf"(?P<d>[一二三]?{_S}十{_S}[一二三四五六七八九]?|[{_HZ0}]?{_S}[一二三四五六七八九]){_S}$"
)


def _hanzi_day(day: int) -> str:
    """A day of the month as a letter's date spells it: 五, 十, 十五, 二十, 二十五, 三十一."""
    tens, ones = divmod(day, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else "一二三"[tens - 1] + "十")
    return head + ("" if ones == 0 else "一二三四五六七八九"[ones - 1])


def _open_hanzi_date(text: str) -> OpenDate | None:
    """二〇二四年八月二十 (日 hidden): every day whose spelling begins with what was read."""
    match = _OPEN_HANZI.search(text)
    if match is None:
        return None
    year, month = _hanzi_year(match["y"]), hanzi_number(match["m"])
    spelled = re.sub(rf"[\s{_HZ0}]", "", match["d"])
    read = _make(year, month, hanzi_number(spelled) or 0)
    if year is None or month is None or read is None:
        return None
    candidates = tuple(
        d
        for d in (_make(year, month, day) for day in range(1, 32))
        if d is not None and _hanzi_day(d.day).startswith(spelled)
    )
    return OpenDate(read, candidates, match.start(), match.end(), "ymd_hanzi")


def find_open_date(text: str) -> OpenDate | None:
    """The date without its 日 that ends ``text``, if any: 2024年2月26, 二〇二四年八月二十."""
    normal = text.translate(_FULLWIDTH)
    match = _OPEN_DATE.search(normal)
    if match is None:
        return _open_hanzi_date(normal)
    year, month, digits = _arabic(match["y"]), _arabic(match["m"]), match["d"].strip()
    read = _make(year, month, _arabic(digits))
    if read is None:
        return None
    days = [read.day]
    if len(digits) == 1:
        days += [read.day * 10 + k for k in range(10)]
    candidates = tuple(d for d in (_make(year, month, day) for day in days) if d is not None)
    return OpenDate(read, candidates, match.start(), match.end())


_YEAR_MARKS = re.compile(rf"(?P<marks>[0-9{_HZ0}一二三四五六七八九\s]*)年\s*$")


def year_marks(text: str) -> str:
    """The digits of a year read only in part, at the end of ``text`` before its 年
    ("二四年" under a seal that hid 〇二 → "24"); "" when none were read."""
    match = _YEAR_MARKS.search(text.translate(_FULLWIDTH))
    if match is None:
        return ""
    digits = [c if c.isdigit() else _HANZI_DIGITS.get(c) for c in match["marks"]]
    return "".join(str(d) for d in digits if d is not None)


def year_from_marks(marks: str, near: int) -> int | None:
    """The one year within a year of ``near`` that the digits read can be part of: they
    must appear in it in order (OCR drops characters under a seal, it rarely adds them) and
    end it. None when no year, or more than one, fits."""

    def fits(year: int) -> bool:
        text = str(year)
        rest = iter(text)
        return bool(marks) and marks[-1] == text[-1] and all(c in rest for c in marks)

    found = [year for year in (near - 1, near, near + 1) if fits(year)]
    return found[0] if len(found) == 1 else None
