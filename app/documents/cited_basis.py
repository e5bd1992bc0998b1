"""What a reason already cites, not printed a second time beside it: its 依据, its page.

The prechecks write their finding as "……即作出处罚决定（《行政处罚法》第五十八条）。" and the
deduction keeps 《行政处罚法》第五十八条 as its basis; the 评查表 and the letters print the
basis after the reason ("依据：……"), so the same article stood twice in one line, which a
法制科 strikes out before signing. :func:`drop_repeated_basis` removes the bracket when
every citation in it is in the basis; a bracket that cites more (or something else) stays.
"""

from __future__ import annotations

import re

OPEN, CLOSE = "（(", "）)"
TRAILING_STOPS = "。；;，, "
# 《行政处罚法》第五十八条第一款 → (《行政处罚法》, 第五十八条); a 文件 number such as
# 国办发〔2018〕118号 counts as a citation of its own.
_LAW = re.compile(r"(《[^》]+》)(第[一二三四五六七八九十百零〇两\d]+条)?")
_PAPER = re.compile(r"[\u4e00-\u9fff]+〔\d{4}〕\d+号")


def _trailing_bracket(text: str) -> int | None:
    """Where the bracket that ends ``text`` opens (brackets nested inside it allowed)."""
    if not text or text[-1] not in CLOSE:
        return None
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        if text[i] in CLOSE:
            depth += 1
        elif text[i] in OPEN:
            depth -= 1
            if depth == 0:
                return i
    return None


def _cited_in(inner: str, basis: str) -> bool:
    """Whether ``inner`` cites something and everything it cites is in ``basis``."""
    laws = _LAW.findall(inner)
    papers = _PAPER.findall(inner)
    if not laws and not papers:
        return False
    for law, article in laws:
        start = basis.find(law)
        if start < 0 or (article and article not in basis[start:]):
            return False
    return all(paper in basis for paper in papers)


def drop_repeated_basis(reason: str, basis: str | None) -> str:
    """``reason`` without its closing bracket of citations when ``basis`` cites them all."""
    if not reason or not basis:
        return reason
    body = reason.rstrip(TRAILING_STOPS)
    start = _trailing_bracket(body)
    if start is None or not _cited_in(body[start + 1 : -1], basis):
        return reason
    return body[:start].rstrip() + reason[len(body) :]


def page_text(page: int | None, reason: str) -> str:
    """ "第5页" for a problem's page, or "" when the reason already names that page: the
    letters printed "109号（第16页）：行政处罚决定书（第16页）处罚款…"."""
    if not page:
        return ""
    cited = f"第{page}页"
    return "" if cited in (reason or "") else cited
