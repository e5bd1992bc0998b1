"""What a document must say, read from its words (``document_text`` rules).

Why: several review points published 评查通报 cite most are a document's silence: a decision
that fines without ordering the act corrected (《行政处罚法》第二十八条), a 现场笔录 that does
not note the 执法记录仪 (第四十七条, 全过程记录), a 留置送达 receipt without a witness
(《民事诉讼法》第八十九条). The words are data (``scoring/data/prechecks.yaml``); this module
only reads them, one document at a time, and says nothing when no text was read.
"""

from __future__ import annotations

from scoring.prechecks.facts import DossierFacts, Finding
from scoring.prechecks.table import DocumentTextPrecheck, PrecheckTable

__all__ = ["check_document_text"]


def check_document_text(
    rule: DocumentTextPrecheck, facts: DossierFacts, table: PrecheckTable
) -> Finding | None:
    texts = facts.document_texts
    if not texts or any(facts.has(t) for t in rule.unless_documents):
        return None
    documents = rule.documents_for(table.sector_of(facts))
    elsewhere = [d.text for d in texts if d.type in rule.also_in and d.type not in documents]
    if any(w in text for text in elsewhere for w in rule.words):
        return None
    silent = [
        d
        for d in texts
        if d.type in documents
        and d.text
        and (not rule.if_words or any(w in d.text for w in rule.if_words))
        and not any(w in d.text for w in rule.unless_words)
        and not any(w in d.text for w in rule.words)
    ]
    if not silent:
        return None
    where = "、".join(
        f"{table.document_label(d.type)}（第{d.first_page}页）"
        if d.first_page == d.last_page
        else f"{table.document_label(d.type)}（第{d.first_page}-{d.last_page}页）"
        for d in silent
    )
    message = rule.message.format(document=where)
    return Finding(message, [p for d in silent for p in d.pages], len(silent))
