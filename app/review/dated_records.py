"""Dates of records found by their titles (``dated_records`` in ``scoring/data/prechecks.yaml``).

Why: some records a time limit needs (先行登记保存 and its 处理决定, 《行政处罚法》第五十六条)
have no document type in every vocabulary yet; found by the words of a page's title, as
:mod:`app.review.lawful_time` finds its records, they work before and after the splitter
knows them. A record's date is its last one (the signature); a date after 至/于 is a quoted
bound, not its own. No database work here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from app.casefiles.cn_dates import find_dates
from app.casefiles.splitting import DocumentSpan, PageInput
from app.review.lawful_time import PageTexts
from scoring.prechecks.table import PrecheckTable

__all__ = ["record_dates"]

_QUOTED_BOUND = re.compile(r"[至自于起从到]$")
_FOLLOW_SPAN = 12  # characters after a date where 收到/收悉 may stand ("5月7日收到贵单位…")


def record_dates(
    pages: Sequence[PageInput], documents: Sequence[DocumentSpan], table: PrecheckTable
) -> dict[str, tuple[date, int]]:
    """Each record's event → (date, page): the first page holding it with a date."""
    read = PageTexts.of(pages, documents)
    out: dict[str, tuple[date, int]] = {}
    for record in table.dated_records:
        for number in read.pages_of(record.titles, record.types):
            if any(word in read.heads[number - 1] for word in record.unless_titles):
                continue
            text = read.texts[number - 1]
            found = [
                m.value
                for m in find_dates(text)
                # "于5月7日收到": the word after it says what the date is; else a date after
                # 至/于 is a quoted bound, not the record's own
                if (
                    any(w in text[m.end : m.end + _FOLLOW_SPAN] for w in record.followed_by)
                    if record.followed_by
                    else not _QUOTED_BOUND.search(text[: m.start])
                )
            ]
            if found:
                out[record.event] = (found[0] if record.pick == "first" else found[-1], number)
                break
    return out
