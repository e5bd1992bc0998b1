"""Kinds of campaign and review periods (2024Q2, 2024H1, 2024-05, 2024) as the letters print them."""

from __future__ import annotations

import re

from app.errors import UserError

KIND_LABELS = {"selfreview": "自评", "spotcheck": "抽查"}
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def period_label(period: str) -> str:
    """The Chinese name of a normalised period, as letters and circulars print it:
    2024Q2 → 2024年第二季度, 2024H1 → 2024年上半年, 2024-05 → 2024年5月, 2024 → 2024年."""
    m = re.fullmatch(r"(\d{4})Q([1-4])", period)
    if m:
        return f"{m[1]}年第{'一二三四'[int(m[2]) - 1]}季度"
    m = re.fullmatch(r"(\d{4})H([12])", period)
    if m:
        return f"{m[1]}年{'上下'[int(m[2]) - 1]}半年"
    m = re.fullmatch(r"(\d{4})-(\d{2})", period)
    if m:
        return f"{m[1]}年{int(m[2])}月"
    return f"{period}年" if re.fullmatch(r"\d{4}", period) else period


def normalise_period(text: str) -> str:
    """``2024Q2`` for 2024Q2 / 2024-q2 / 2024年第二季度 / 2024年2季度; also ``2024H1`` (上半年),
    ``2024-05`` (2024年5月) and ``2024`` (2024年/2024年度)."""
    raw = re.sub(r"\s+", "", str(text or "")).upper()
    m = re.fullmatch(r"(\d{4})[-_]?Q([1-4])", raw)
    if m:
        return f"{m[1]}Q{m[2]}"
    m = re.fullmatch(r"(\d{4})年?(?:第)?([一二三四1-4])季度", raw)
    if m:
        return f"{m[1]}Q{_CN_DIGITS[m[2]]}"
    m = re.fullmatch(r"(\d{4})[-_]?H([12])", raw)
    if m:
        return f"{m[1]}H{m[2]}"
    m = re.fullmatch(r"(\d{4})年?([上下])半年", raw)
    if m:
        return f"{m[1]}H{1 if m[2] == '上' else 2}"
    m = re.fullmatch(r"(\d{4})(?:年|-|/|\.)(\d{1,2})月?", raw)
    if m and 1 <= int(m[2]) <= 12:
        return f"{m[1]}-{int(m[2]):02d}"
    m = re.fullmatch(r"(\d{4})(?:年度?)?", raw)
    if m:
        return m[1]
    raise UserError(
        f"评查期间“{text}”无法识别。请写成 2024Q2、2024年第二季度、2024年上半年、2024年5月或 2024年。"
    )
