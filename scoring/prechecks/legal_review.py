"""法制审核 in substance (《行政处罚法》第五十八条): an opinion of one word is no review.

Why: published 评查通报 keep criticising 法制审核意见 that read only "同意": the review must
look at 主体、程序、事实、证据、法律适用、裁量 (the points of 第五十八条 and the
provinces' 法制审核办法). The check is deliberately narrow so it never argues with a real
review: it fires only on a short opinion (``max_chars``) naming none of those points.
"""

from __future__ import annotations

import re

from scoring.prechecks.facts import DossierFacts, Finding
from scoring.prechecks.table import (
    LegalReviewOpinionPrecheck,
    PrecheckTable,
    ReviewerQualificationPrecheck,
)

__all__ = ["check_legal_review_opinion", "check_reviewer_qualification"]

_PUNCT = re.compile(r"[\s，。、；：,.;:!！?？“”\"'（）()]")


def check_legal_review_opinion(
    rule: LegalReviewOpinionPrecheck, facts: DossierFacts, table: PrecheckTable
) -> Finding | None:
    opinion = facts.legal_review_opinion
    if opinion is None:
        return None
    bare = _PUNCT.sub("", opinion)
    if not bare or len(bare) > rule.max_chars or any(p in bare for p in rule.points):
        return None
    message = rule.message.format(opinion=opinion)
    return Finding(message, facts.pages_of(rule.cite))


def check_reviewer_qualification(
    rule: ReviewerQualificationPrecheck, facts: DossierFacts, table: PrecheckTable
) -> Finding | None:
    """审核人 of the 法制审核 who are on the roster, none of whose entries records a 法律职业
    资格 (《行政处罚法》第五十八条第二款). Only a first-time reviewer must hold one, which no
    dossier shows: the finding asks the reviewer to check. Silent when the 审核人 was not
    read, is not on the roster, or the roster records no qualification for anyone (a roster
    without the column says nothing about it)."""
    if not facts.legal_reviewers or not facts.roster:
        return None
    if not any(e.legal_qualification for e in facts.roster):
        return None
    unqualified = []
    for name in _names(facts.legal_reviewers):
        entries = [e for e in facts.roster if e.name == name]
        if entries and not any(e.legal_qualification for e in entries):
            unqualified.append(name)
    if not unqualified:
        return None
    page = facts.page_of("legal_reviewers")
    pages = [page] if page else facts.pages_of(rule.cite)
    message = rule.message.format(names="、".join(unqualified))
    return Finding(message, pages, len(unqualified))


def _names(joined: str) -> list[str]:
    return [n for n in re.split(r"[、，,;；\s]+", joined) if n]
