"""The statutory holidays of a year the State Council has not arranged yet (暂定).

Why: in December every 30-day deadline ends in a year whose notice (《国务院办公厅关于20XX年
部分节假日安排的通知》) may not be published or imported yet. Refusing to compute stops the
work; guessing "weekends only" silently ignores 春节. What the law fixes in advance is
《全国年节及纪念日放假办法》 (2024年11月10日 国务院第四次修订, in force 2025-01-01):

* 第二条 全体公民放假的节日: 元旦 1天 (1月1日); 春节 4天 (农历除夕、正月初一至初三);
  清明节 1天 (农历清明当日); 劳动节 2天 (5月1日、2日); 端午节 1天 (农历端午当日);
  中秋节 1天 (农历中秋当日); 国庆节 3天 (10月1日至3日).
* 第六条 全体公民放假的假日，如果适逢星期六、星期日，应当在工作日补假.

This module computes those days (lunar dates by ``lunardate``, 清明 by the solar term in
``chinese_calendar``) plus the 第六条 补假. It cannot know the 调休 (weekend days turned into
working days and the bridging days off) the yearly notice adds, so a deadline counted on it
is *provisional* and must say so (暂定) until the year's notice is imported.
"""

from __future__ import annotations

import datetime as _dt

import chinese_calendar
from lunardate import LunarDate

__all__ = ["PROVISIONAL_SOURCE", "statutory_holidays"]

#: What a provisional year is said to come from (shown beside a 暂定 deadline).
PROVISIONAL_SOURCE = "《全国年节及纪念日放假办法》第二条、第六条（未含调休）"

_DAY = _dt.timedelta(days=1)


def _lunar(year: int, month: int, day: int) -> _dt.date:
    solar: _dt.date = LunarDate(year, month, day).to_solar_date()
    return solar


def _qingming(year: int) -> _dt.date:
    """The day of the 清明 solar term (4–6 April)."""
    terms = chinese_calendar.get_solar_terms(_dt.date(year, 4, 1), _dt.date(year, 4, 10))
    for day, name in terms:
        if name == "清明":
            return day
    raise LookupError(f"{year}年的清明日期无法计算")


def _festival_days(year: int) -> list[tuple[_dt.date, str]]:
    """第二条: the days themselves, without 补假."""
    new_year = _lunar(year, 1, 1)
    days = [(_dt.date(year, 1, 1), "元旦")]
    days += [(new_year - _DAY + i * _DAY, "春节") for i in range(4)]  # 除夕、初一至初三
    days.append((_qingming(year), "清明节"))
    days += [(_dt.date(year, 5, 1), "劳动节"), (_dt.date(year, 5, 2), "劳动节")]
    days.append((_lunar(year, 5, 5), "端午节"))
    days.append((_lunar(year, 8, 15), "中秋节"))
    days += [(_dt.date(year, 10, d), "国庆节") for d in (1, 2, 3)]
    return days


def statutory_holidays(year: int) -> dict[_dt.date, str]:
    """Every rest day other than a plain weekend of ``year`` by law alone: the festivals of
    第二条 and, for each that falls on a Saturday or Sunday, a 补假 on the next weekday that
    is not already a holiday (第六条). Days are named by their festival."""
    holidays: dict[_dt.date, str] = {}
    for day, name in _festival_days(year):
        holidays.setdefault(day, name)
    for day, name in sorted(_festival_days(year)):
        if day.weekday() < 5:
            continue
        make_up = day + _DAY
        while make_up.weekday() >= 5 or make_up in holidays:
            make_up += _DAY
        holidays[make_up] = f"{name}（补假）"
    return holidays
