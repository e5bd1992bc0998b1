"""The penalty basis a 行政处罚决定书 cites: "依据《…》第…条…的规定，本机关决定…".

Why: the fine can be checked against its statutory range only through the provision the
decision rests on. A decision cites other provisions too — the one violated ("违反了《…》"),
the 加处罚款 of 《行政处罚法》第七十二条 for late payment, the remedies — so only a clause
that opens with 依据/根据/依照 and leads to the decision or the penalty counts, and
provisions of 《行政处罚法》 itself (procedure, never a fine range) are left out; its
第三十二条 (从轻或者减轻) and the words 减轻处罚 are noted instead, because a reduced
penalty may lawfully fall below the range.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from scoring.fine_ranges import Provision, parse_provisions

__all__ = ["PenaltyBasis", "joined_with_pages", "page_at", "penalty_basis"]

# The clause ends at 的规定/之规定, or a bare 规定 that is not the end of a title (《…管理规定》).
_CLAUSE = re.compile(
    r"(?:依据|根据|依照|按照)(?P<body>[^。；;]{0,200}?)(?:的规定|之规定|规定(?![》〉]))"
)
_LEADS_TO_PENALTY = re.compile(r"决定|处罚|罚款|处以|给予|作出")
_NOT_THE_BASIS = re.compile(r"加处|每日|滞纳|复议|诉讼|陈述|申辩|听证|告知")
_PROCEDURE_LAW = "行政处罚法"
# 《行政处罚法》第三十二条 (2021) and 第二十七条 (1996/2017 text, still cited in decisions made
# under it): 从轻或者减轻.
_MITIGATION_ARTICLES = (32, 27)
_MITIGATION_WORDS = re.compile(
    r"减轻(?:行政)?处罚|予以减轻|减轻处以|法定(?:幅度|处罚幅度|罚款幅度)以下|低于法定"
)


@dataclass(frozen=True)
class PenaltyBasis:
    """The provisions cited as the penalty basis, where the first one starts, and whether
    the decision states a reduced (减轻) penalty."""

    provisions: tuple[Provision, ...]
    start: int
    mitigated: bool = False


def penalty_basis(text: str) -> PenaltyBasis | None:
    """The penalty basis of a decision's text (lines joined, spaces removed), or None."""
    provisions: list[Provision] = []
    start: int | None = None
    mitigated = bool(_MITIGATION_WORDS.search(text))
    for clause in _CLAUSE.finditer(text):
        before = text[max(0, clause.start() - 12) : clause.start()]
        after = text[clause.end() : clause.end() + 30]
        if _NOT_THE_BASIS.search(after) or _NOT_THE_BASIS.search(before):
            continue
        if not _LEADS_TO_PENALTY.search(after):
            continue
        cited = parse_provisions(clause["body"])
        for provision in cited:
            if provision.law == _PROCEDURE_LAW:
                mitigated = mitigated or provision.article in _MITIGATION_ARTICLES
                continue
            if provision not in provisions:
                provisions.append(provision)
                if start is None:
                    start = clause.start()
    if not provisions or start is None:
        return None
    return PenaltyBasis(tuple(provisions), start, mitigated)


def joined_with_pages(lines: Sequence[tuple[int, str]]) -> tuple[str, list[tuple[int, int]]]:
    """Lines (page, text) joined without spaces, and (offset, page) where each line starts."""
    parts, offsets, at = [], [], 0
    for page, line in lines:
        compact = re.sub(r"\s+", "", line)
        offsets.append((at, page))
        parts.append(compact)
        at += len(compact)
    return "".join(parts), offsets


def page_at(offsets: Sequence[tuple[int, int]], position: int) -> int | None:
    """The page of the line holding ``position`` in a text from :func:`joined_with_pages`."""
    page = None
    for start, number in offsets:
        if start > position:
            break
        page = number
    return page
