"""法制审核 in substance (《行政处罚法》第五十八条): an opinion of one word is no review.

Why: published 评查通报 keep criticising 法制审核意见 that read only "同意": the review must
look at 主体、程序、事实、证据、法律适用、裁量 (the points of 第五十八条 and the
provinces' 法制审核办法). The check is deliberately narrow so it never argues with a real
review: it fires only on a short opinion (``max_chars``) naming none of those points.
"""

from __future__ import annotations

import re

from scoring.prechecks.facts import DossierFacts, Finding
from scoring.prechecks.table import LegalReviewOpinionPrecheck, PrecheckTable

__all__ = ["check_legal_review_opinion"]

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
