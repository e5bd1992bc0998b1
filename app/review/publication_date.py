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
from scoring.prechecks.table import PrecheckTable, PublicationRecord

__all__ = ["publication_date"]

_SENTENCE = re.compile(r"[^。；;！!？?\n]+")


def _stated(sentence: str, conf: PublicationRecord, decided: date | None) -> date | None:
    """The date a sentence says the decision was published on ("已于…在…公示"), if any."""
    if not any(w in sentence for w in conf.words) or any(w in sentence for w in conf.unless):
        return None
    for m in find_dates(sentence):
        if decided is not None and m.value < decided:
            continue
        told = any(sentence[: m.start].endswith(w) for w in conf.before)
        if told and any(w in sentence[m.end :] for w in conf.words):
            return m.value
    return None


def publication_date(
    pages: Sequence[PageInput],
    documents: Sequence[DocumentSpan],
    table: PrecheckTable,
    decided: date | None = None,
) -> tuple[date, int] | None:
    """(date, page) of the publication: a labelled date on a 公示 page, else a sentence;
    a date before the decision (``decided``) is not its publication and is passed over."""
    conf = table.publication
    if conf is None:
        return None
    read = PageTexts.of(pages, documents)
    for number in read.pages_of(conf.titles, conf.types):
        text = read.texts[number - 1]
        for m in find_dates(text):
            before = text[max(0, m.start - 8) : m.start]
            if decided is not None and m.value < decided:
                continue
            if any(re.search(re.escape(w) + r"[:：]?$", before) for w in conf.labels):
                return m.value, number
    for number, text in enumerate(read.texts, 1):
        for sentence in _SENTENCE.findall(text):
            found = _stated(sentence, conf, decided)
            if found is not None:
                return found, number
    return None
