"""Pre-check of the fine (罚款) against the statutory range of its legal basis.

Why apart: the range itself comes from ``scoring.fine_ranges`` via the caller; this check
only compares and words the finding.
"""

from __future__ import annotations

from scoring.fine_ranges import format_yuan
from scoring.prechecks.facts import DossierFacts, Finding
from scoring.prechecks.table import FineRangePrecheck

__all__ = ["check_fine_range"]


def _plain(value: float) -> str:
    """2000000 → 2000000, 2500.5 → 2500.5 (never 2e+06)."""
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.2f}".rstrip("0")


def check_fine_range(rule: FineRangePrecheck, facts: DossierFacts) -> Finding | None:
    if facts.fine_yuan is None or facts.fine_range is None:
        return None
    low, high = facts.fine_range
    if low <= facts.fine_yuan <= high:
        return None
    if low > 0:
        range_text = f"{format_yuan(low)}以上{format_yuan(high)}以下"
    else:
        range_text = f"{format_yuan(high)}以下"
    party = {True: "对单位", False: "对个人", None: ""}[facts.party_is_organisation]
    cited = facts.pages_of(rule.cite)
    page = facts.fine_page or (cited[0] if cited else None)
    message = rule.message.format(
        fine=_plain(facts.fine_yuan),
        low=_plain(low),
        high=_plain(high),
        range=range_text,
        party=party,
        basis=facts.fine_basis or "处罚依据",
        page=f"（第{page}页）" if page else "",
        direction="低于法定下限" if facts.fine_yuan < low else "超过法定上限",
    )
    return Finding(message + (facts.fine_note or ""), ([page] if page else []) + cited)
