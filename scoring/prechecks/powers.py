"""A 乡镇（街道） acting outside its 赋权事项清单 (《行政处罚法》第二十四条).

Why: the list, not the organ's name, gives a 乡镇 its power to punish; a decision on a basis
the list does not hold is a 执法主体 finding. Silent unless the dossier is a 乡镇's, its
basis was read and a list applies (scoring.town_powers: none ships, a bureau imports its
province's).
"""

from __future__ import annotations

from scoring.prechecks.facts import DossierFacts, Finding
from scoring.prechecks.table import DelegatedPowersPrecheck, PrecheckTable
from scoring.town_powers import outside_list

__all__ = ["check_delegated_powers"]


def check_delegated_powers(
    rule: DelegatedPowersPrecheck, facts: DossierFacts, table: PrecheckTable
) -> Finding | None:
    powers = facts.town_powers
    if powers is None or not facts.basis_provisions or table.sector_of(facts) not in rule.sectors:
        return None
    outside = outside_list(facts.basis_provisions, powers)
    if not outside:
        return None
    message = rule.message.format(
        organ=facts.organ or "",
        basis="、".join(p.label() for p in outside),
        list=powers.name,
    )
    decision = table.decision_documents.get(facts.kind, "")
    return Finding(message, facts.pages_of([decision]), len(outside))
