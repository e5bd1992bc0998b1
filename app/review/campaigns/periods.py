"""Kinds of campaign and review periods (2024Q2, 2024H1, 2024-05, 2024) as the letters print them."""

from __future__ import annotations

import re
from collections.abc import Callable

from app.errors import UserError

KIND_LABELS = {"selfreview": "自评", "spotcheck": "抽查"}
# How a case came into a campaign (``CampaignCase.drawn_by``), as lists name it.
DRAWN_LABELS = {"random": "随机抽取", "manual": "人工添加"}
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


Rule = tuple[str, Callable[[re.Match[str]], str | None]]

# How a normalised period is printed (2024Q2 → 2024年第二季度, …); first match wins.
_LABELS: tuple[Rule, ...] = (
    (r"(\d{4})Q([1-4])", lambda m: f"{m[1]}年第{'一二三四'[int(m[2]) - 1]}季度"),
    (r"(\d{4})H([12])", lambda m: f"{m[1]}年{'上下'[int(m[2]) - 1]}半年"),
    (r"(\d{4})-(\d{2})", lambda m: f"{m[1]}年{int(m[2])}月"),
    (r"(\d{4})", lambda m: f"{m[1]}年"),
)
# How people write a period, and its normalised form; first match wins (None: no match).
_READINGS: tuple[Rule, ...] = (
    (r"(\d{4})[-_]?Q([1-4])", lambda m: f"{m[1]}Q{m[2]}"),
    (r"(\d{4})年?(?:第)?([一二三四1-4])季度", lambda m: f"{m[1]}Q{_CN_DIGITS[m[2]]}"),
    (r"(\d{4})[-_]?H([12])", lambda m: f"{m[1]}H{m[2]}"),
    (r"(\d{4})年?([上下])半年", lambda m: f"{m[1]}H{1 if m[2] == '上' else 2}"),
    (
        r"(\d{4})(?:年|-|/|\.)(\d{1,2})月?",
        lambda m: f"{m[1]}-{int(m[2]):02d}" if 1 <= int(m[2]) <= 12 else None,
    ),
    (r"(\d{4})(?:年度?)?", lambda m: m[1]),
)


def _first(rules: tuple[Rule, ...], text: str) -> str | None:
    for pattern, build in rules:
        m = re.fullmatch(pattern, text)
        if m and (result := build(m)) is not None:
            return result
    return None


def period_label(period: str) -> str:
    """The Chinese name of a normalised period, as letters and circulars print it:
    2024Q2 → 2024年第二季度, 2024H1 → 2024年上半年, 2024-05 → 2024年5月, 2024 → 2024年."""
    return _first(_LABELS, period) or period


def normalise_period(text: str) -> str:
    """``2024Q2`` for 2024Q2 / 2024-q2 / 2024年第二季度 / 2024年2季度; also ``2024H1`` (上半年),
    ``2024-05`` (2024年5月) and ``2024`` (2024年/2024年度)."""
    found = _first(_READINGS, re.sub(r"\s+", "", str(text or "")).upper())
    if found is not None:
        return found
    raise UserError(
        f"评查期间“{text}”无法识别。请写成 2024Q2、2024年第二季度、2024年上半年、2024年5月或 2024年。"
    )
