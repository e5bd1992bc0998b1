"""The day a decision was made public (行政执法公示), where the dossier records it.

Why: 国办发〔2018〕118号 wants 行政处罚 decisions public within 7 个工作日; files record it on a
公示 page or screenshot ("发布时间：2024-07-10") or in a sentence of the 结案审批表 ("已于2024年
7月10日在…网站公示"). Where to look is data (``publication`` in ``scoring/data/prechecks.yaml``).
Nothing found means unknown, never late: the rule then says nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from app.casefiles.cn_dates import find_dates
from app.casefiles.splitting import DocumentSpan, PageInput
from app.review.lawful_time import PageTexts
from scoring.prechecks.table import PrecheckTable

__all__ = ["publication_date"]

_SENTENCE = re.compile(r"[^。；;！!？?\n]+")


def publication_date(
    pages: Sequence[PageInput], documents: Sequence[DocumentSpan], table: PrecheckTable
) -> tuple[date, int] | None:
    """(date, page) of the publication: a labelled date on a 公示 page, else a sentence."""
    conf = table.publication
    if conf is None:
        return None
    read = PageTexts.of(pages, documents)
    for number in read.pages_of(conf.titles, conf.types):
        text = read.texts[number - 1]
        for m in find_dates(text):
            before = text[max(0, m.start - 8) : m.start]
            if any(re.search(re.escape(w) + r"[:：]?$", before) for w in conf.labels):
                return m.value, number
    for number, text in enumerate(read.texts, 1):
        for sentence in _SENTENCE.findall(text):
            if not any(w in sentence for w in conf.words):
                continue
            if any(w in sentence for w in conf.unless):
                continue
            for m in find_dates(sentence):
                told = any(sentence[: m.start].endswith(w) for w in conf.before)
                if told and any(w in sentence[m.end :] for w in conf.words):
                    return m.value, number
    return None
