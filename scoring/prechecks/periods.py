"""Periods a document states in words: "自收到本告知书之日起三个工作日内", "十日内履行".

Why: the law fixes no period for 陈述申辩 (《行政处罚法》第四十四、四十五条) nor for the 履行期限
of a 催告书 (《行政强制法》第三十五条); the document's own period binds the organ, so the
time-limit rules read it (``TimeLimitRule.stated_period``). Pure text in, (length, unit) out.
"""

from __future__ import annotations

import re

__all__ = ["cn_number", "period_text", "stated_period"]

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_DIGITS |= {"七": 7, "八": 8, "九": 9}

_NUMBER = r"[0-9０-９]{1,3}|[零〇一二两三四五六七八九十百]{1,5}"
_PERIOD = re.compile(rf"(?P<n>{_NUMBER})\s*(?P<unit>个工作日|工作日|日|天|个月|小时)\s*内")
_UNITS = {
    "个工作日": "working_days",
    "工作日": "working_days",
    "日": "calendar_days",
    "天": "calendar_days",
    "个月": "months",
    "小时": "hours",
}
_SENTENCE = re.compile(r"[^。；;！!？?]+")


def cn_number(text: str) -> int | None:
    """``三`` → 3, ``十五`` → 15, ``六十`` → 60, ``一百二十`` → 120, ``15`` → 15; else None."""
    text = text.strip().translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for char in text:
        if char in _DIGITS:
            current = _DIGITS[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    total += current
    return total or None


def stated_period(
    text: str, *keywords: str, unless: tuple[str, ...] = ()
) -> tuple[int, str] | None:
    """The first "N日/N个工作日/N个月内" of a sentence holding one of ``keywords`` and
    none of ``unless`` (the 催告书's 陈述申辩 sentence is not its 履行期限).

    The unit is the document's own word: "三日内" is three calendar days, "三个工作日内"
    three working days (a document's period is read as written; only the statutes' own
    short periods are working days by 《行政处罚法》第八十五条 / 《行政强制法》第六十九条).
    """
    for sentence in _SENTENCE.findall(re.sub(r"\s+", "", text)):
        if keywords and not any(word in sentence for word in keywords):
            continue
        if any(word in sentence for word in unless):
            continue
        match = _PERIOD.search(sentence)
        if match is None:
            continue
        length = cn_number(match["n"])
        if length:
            return length, _UNITS[match["unit"]]
    return None


def period_text(period: tuple[int, str]) -> str:
    """``(5, "working_days")`` → ``5个工作日``: how a stated period is stored and shown."""
    length, unit = period
    word = {v: k for k, v in reversed(_UNITS.items())}[unit]
    return f"{length}{word}"
