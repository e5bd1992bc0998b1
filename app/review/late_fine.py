"""The 加处罚款 (or 滞纳金) amount a dossier decides or demands, for the cap of
《行政强制法》第四十五条第二款 (加处罚款或者滞纳金的数额不得超出金钱给付义务的数额).

Why a reader of its own: the amount sits in a 加处罚款决定书, a 催告书 or an application to
the court, each wording it its own way ("加处罚款人民币壹万伍仟元", "加处罚款共计15000元",
"滞纳金数额为…"); only an amount that follows the words directly counts, so a total
("加处罚款5000元，合计10000元") or the fine itself is never taken for it. The largest such
amount is the one judged. No database work here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.casefiles.amounts import find_amounts
from app.casefiles.penalty_basis import joined_with_pages, page_at
from app.casefiles.splitting import DocumentSpan, PageInput
from app.review.lawful_time import PageTexts

__all__ = ["late_fine_amount"]

TITLES = ("加处罚款决定书", "加处罚款通知书", "催告书", "强制执行申请书", "申请强制执行书")
TYPES = (
    "late_fine_decision",
    "demand_notice",
    "enforcement_decision",
    "court_enforcement_application",
)
_LEAD = re.compile(
    r"(?:加处(?:的)?罚款|滞纳金)(?:的)?(?:金额|数额)?(?:共计|合计|累计|已达|为|计|达)*(?:人民币)?[:：]?"
)
_GAP = 1  # characters allowed between the words and the amount (a stray mark of OCR)


def late_fine_amount(
    pages: Sequence[PageInput], documents: Sequence[DocumentSpan]
) -> tuple[float, int] | None:
    """The largest 加处罚款/滞纳金 amount stated right after those words, and its page."""
    read = PageTexts.of(pages, documents)
    lines = [
        (number, line.text)
        for number in read.pages_of(TITLES, TYPES)
        for line in pages[number - 1].lines
    ]
    text, offsets = joined_with_pages(lines)
    best: tuple[float, int] | None = None
    for lead in _LEAD.finditer(text):
        window = text[lead.end() : lead.end() + 40]
        amount = next((a for a in find_amounts(window) if a.start <= _GAP), None)
        if amount is None:
            continue
        page = page_at(offsets, lead.start())
        if page is not None and (best is None or amount.yuan > best[0]):
            best = (float(amount.yuan), page)
    return best
