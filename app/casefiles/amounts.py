"""Read fine amounts as Chinese forms print them: 人民币叁万元（¥30,000.00）, 罚款30000元, 3万元.

A decision states its fine in capitals (大写, the binding form) and usually in figures too;
OCR may read a comma as a full stop or drop the ¥. Both forms are parsed and the capitals win
when they disagree, because a misread capital fails to parse instead of changing the amount.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CAPITAL_DIGITS = {c: i for i, c in enumerate("零壹贰叁肆伍陆柒捌玖")}
_CAPITAL_DIGITS.update({c: i for i, c in enumerate("〇一二三四五六七八九")})
_CAPITAL_DIGITS.update({"两": 2, "貮": 2, "贰": 2, "参": 3})
_SMALL_UNITS = {"拾": 10, "十": 10, "佰": 100, "百": 100, "仟": 1000, "千": 1000}
_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
_CAPITAL_CHARS = "".join(_CAPITAL_DIGITS) + "".join(_SMALL_UNITS) + "".join(_BIG_UNITS)

_NUMBER = r"\d[\d,，]*(?:[.．]\d+)*"
AMOUNT = re.compile(
    rf"(?:人民币|RMB)?\s*(?P<cap>[{_CAPITAL_CHARS}]+)\s*元整?\s*[（(]\s*[¥￥Y羊]?\s*(?P<fig>{_NUMBER})\s*元?\s*[）)]"
    rf"|(?:人民币|RMB)?\s*(?P<cap2>[{_CAPITAL_CHARS}]+)\s*元整?"
    rf"|[¥￥]\s*(?P<fig2>{_NUMBER})"
    rf"|(?P<num>{_NUMBER})\s*(?P<wan>万)?\s*元"
)


@dataclass(frozen=True)
class Amount:
    yuan: int
    start: int
    end: int


def capital_value(text: str) -> int | None:
    """叁万元 → 30000; 壹拾万零伍仟 → 105000; None for text that is not a whole amount."""
    text = text.removesuffix("整").removesuffix("元")
    if not text or any(c not in _CAPITAL_CHARS for c in text):
        return None
    total, section, digit = 0, 0, None
    for c in text:
        if c in _CAPITAL_DIGITS:
            if digit is not None and _CAPITAL_DIGITS[c] != 0:
                return None  # two digits in a row: not a capital amount
            digit = _CAPITAL_DIGITS[c] or None
        elif c in _SMALL_UNITS:
            section += (digit if digit is not None else 1) * _SMALL_UNITS[c]
            digit = None
        else:
            total = (total + section + (digit or 0)) * _BIG_UNITS[c]
            section, digit = 0, None
    value = total + section + (digit or 0)
    return value or None


def figure_value(text: str) -> int | None:
    """30,000.00 → 30000; OCR's 30.000.00 and 30，000 too. Fractions of a yuan are dropped."""
    text = text.replace("，", ",").replace("．", ".")
    groups = re.split(r"[,.]", text)
    if len(groups) > 1 and len(groups[-1]) in (1, 2) and ("." in text):
        groups = groups[:-1]  # the jiao/fen part
    if not groups or not all(g.isdigit() for g in groups):
        return None
    if any(len(g) != 3 for g in groups[1:]):
        return None
    return int("".join(groups))


def _value(match: re.Match[str]) -> int | None:
    if match["cap"]:
        cap, fig = capital_value(match["cap"]), figure_value(match["fig"])
        return cap if cap is not None else fig
    if match["cap2"]:
        return capital_value(match["cap2"])
    if match["fig2"]:
        return figure_value(match["fig2"])
    value = figure_value(match["num"])
    if value is not None and match["wan"]:
        value *= 10_000
    return value


def find_amounts(text: str) -> list[Amount]:
    """Every money amount in ``text`` with its position."""
    found = []
    for match in AMOUNT.finditer(text):
        value = _value(match)
        if value is not None:
            found.append(Amount(value, match.start(), match.end()))
    return found


def fine_in(text: str, keywords: tuple[str, ...] = ("罚款",), window: int = 12) -> Amount | None:
    """The first amount that a fine keyword announces (罚款人民币… or …罚款)."""
    for amount in find_amounts(text):
        before = text[max(0, amount.start - window) : amount.start]
        after = text[amount.end : amount.end + 4]
        if any(k in before or k in after for k in keywords):
            return amount
    return None


_TYPED_FIGURES = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_TYPED_NOISE = re.compile(r"^(?:人民币|RMB)|[¥￥\s]|元整$|元$")


def parse_amount(text: str) -> float | None:
    """An amount as a reviewer types it, in yuan: 8800, 8,800元, 8800.00元, ¥8,800,
    捌仟捌佰元, 八千八百元, 0.88万元, 人民币壹万元整; None for anything else.

    Unlike ``find_amounts`` (which reads OCR and drops the jiao and fen of a printed figure),
    a typed amount keeps its decimals: the reviewer means what they typed."""
    value = text.strip().replace("，", ",").replace("．", ".").replace("。", ".")
    for _ in range(3):  # 人民币 … 元整 in any combination
        value = _TYPED_NOISE.sub("", value)
    factor = 1
    if value.endswith("万") and value[:-1] and _TYPED_FIGURES.match(value[:-1]):
        factor, value = 10_000, value[:-1]
    if _TYPED_FIGURES.match(value):
        return float(value.replace(",", "")) * factor
    capital = capital_value(value)
    return float(capital) if capital is not None else None
