"""Chinese renderings of dates and amounts as they appear on real forms.

Dossiers print the same date in several ways (2024年3月5日, 二〇二四年三月五日, 2024.3.5,
2024-03-05) and amounts both in capitals and figures; OCR and extraction must cope with all.
"""

from __future__ import annotations

from datetime import date

DATE_STYLES = ("ymd_cn", "ymd_hanzi", "dots", "iso")

_DIGITS_ZERO = "〇一二三四五六七八九"
_CAPITAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_CAPITAL_UNITS = ("", "拾", "佰", "仟")
_CAPITAL_SECTIONS = ("", "万", "亿")


def small_number(n: int) -> str:
    """1..99 as written in dates and counts: 5 → 五, 15 → 十五, 30 → 三十."""
    if not 0 < n < 100:
        raise ValueError(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS_ZERO[ones]
    head = "" if tens == 1 else _DIGITS_ZERO[tens]
    return head + "十" + ("" if ones == 0 else _DIGITS_ZERO[ones])


def format_date(day: date, style: str) -> str:
    if style == "ymd_cn":
        return f"{day.year}年{day.month}月{day.day}日"
    if style == "ymd_hanzi":
        year = "".join(_DIGITS_ZERO[int(c)] for c in str(day.year))
        return f"{year}年{small_number(day.month)}月{small_number(day.day)}日"
    if style == "dots":
        return f"{day.year}.{day.month}.{day.day}"
    if style == "iso":
        return day.isoformat()
    raise ValueError(style)


def _capital_section(n: int) -> str:
    """0 < n < 10000 in capitals, with 零 for inner gaps."""
    out = ""
    zero = False
    for pos in range(3, -1, -1):
        digit = (n // 10**pos) % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += _CAPITAL_DIGITS[digit] + _CAPITAL_UNITS[pos]
    return out


def capital_yuan(amount: int) -> str:
    """Whole yuan in 大写: 30000 → 叁万元, 105000 → 壹拾万零伍仟元."""
    if amount <= 0:
        return "零元"
    sections = []
    n = amount
    while n:
        sections.append(n % 10000)
        n //= 10000
    out = ""
    need_zero = False
    for idx in range(len(sections) - 1, -1, -1):
        value = sections[idx]
        if value == 0:
            need_zero = bool(out)
            continue
        if out and (need_zero or value < 1000):
            out += "零"
        out += _capital_section(value) + _CAPITAL_SECTIONS[idx]
        need_zero = False
    return out + "元"


def figure_yuan(amount: int) -> str:
    return f"¥{amount:,}.00"


def fine_text(amount: int) -> str:
    """人民币叁万元（¥30,000.00）."""
    return f"人民币{capital_yuan(amount)}（{figure_yuan(amount)}）"
