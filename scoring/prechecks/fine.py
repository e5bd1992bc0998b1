"""Pre-checks of the fine (罚款): the statutory range of its legal basis, and the limit of
a fine decided on the spot.

Why apart: the range itself comes from ``scoring.fine_ranges`` via the caller, the on-the-
spot limits from the rule's data; these checks only compare and word the finding.
"""

from __future__ import annotations

from scoring.fine_ranges import format_yuan
from scoring.prechecks.facts import DossierFacts, Finding
from scoring.prechecks.table import FineRangePrecheck, LateFineCapPrecheck, OnTheSpotFinePrecheck

__all__ = ["check_fine_range", "check_late_fine_cap", "check_on_the_spot_fine"]


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


def check_on_the_spot_fine(rule: OnTheSpotFinePrecheck, facts: DossierFacts) -> Finding | None:
    """A 当场处罚决定书 whose fine exceeds the on-the-spot limit for the party; a party the
    name does not tell (person or organisation) is held to the higher limit only."""
    if facts.fine_yuan is None or not facts.has(rule.document):
        return None
    organisation = facts.party_is_organisation
    limit = rule.person_max if organisation is False else rule.organisation_max
    if facts.fine_yuan <= limit:
        return None
    pages = facts.pages_of([rule.document])
    message = rule.message.format(
        fine=_plain(facts.fine_yuan),
        limit=_plain(limit),
        party={True: "对法人或者其他组织", False: "对公民", None: "对法人或者其他组织"}[
            organisation
        ],
        page=f"（第{pages[0]}页）" if pages else "",
    )
    return Finding(message, pages[:1])


def check_late_fine_cap(rule: LateFineCapPrecheck, facts: DossierFacts) -> Finding | None:
    """加处罚款 (or 滞纳金) above the money obligation it enforces: 《行政强制法》第四十五条第二款
    caps it at the amount of the obligation. The obligation is the fine of the decision;
    both amounts must be read (a demand that names only one says nothing)."""
    late, fine = facts.late_fine_yuan, facts.fine_yuan
    if late is None or fine is None or fine <= 0 or late <= fine:
        return None
    page = facts.page_of("late_fine_yuan")
    cited = facts.pages_of(rule.cite)
    message = rule.message.format(
        late_fine=_plain(late),
        fine=_plain(fine),
        page=f"（第{page}页）" if page else "",
    )
    return Finding(message, ([page] if page else []) + cited)
