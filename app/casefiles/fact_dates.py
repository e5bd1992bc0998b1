"""The dates of a dossier's steps, each from the place that states it with authority.

The date under the decision's seal rather than the dates its body quotes, the 送达回证 that
follows the decision for the service date, the 卷内目录 row of a document; each place also
read on the lines re-read without the seal's ink. Where to look is data
(``resources/extraction.yaml``, ``facts.dates``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from app.casefiles.cn_dates import DateMatch, find_dates, find_month_days
from app.casefiles.fact_model import (
    DocLine,
    Fact,
    doc_lines,
    documents_of,
    label_pattern,
    with_seal_reading,
)
from app.casefiles.splitting import DocumentSpan, PageInput, load_split_config, normalise

# ---------------------------------------------------------------- dates


def _dated_lines(lines: Sequence[DocLine]) -> Iterator[tuple[DocLine, DateMatch]]:
    for line in lines:
        for match in find_dates(line.text):
            yield line, match


def _is_standalone(text: str, start: int, end: int, slack: int = 3) -> bool:
    """A date line under a seal: nothing but the date, give or take OCR specks."""
    rest = re.sub(r"\s+", "", text[:start] + text[end:])
    return len(rest) <= slack


def _signature_date(
    doc: DocumentSpan, lines: Sequence[DocLine], dated: list[tuple[DocLine, DateMatch]]
) -> Fact | None:
    """The date under the seal: the last line holding only a date. Where the seal hid the
    year (二四年六月十二日), month and day are kept and the year is the first that puts the
    date on or after the earliest date the document quotes."""
    earliest = min((match.value for _, match in dated), default=None)
    for line in reversed(lines):
        full = [m for m in find_dates(line.text) if _is_standalone(line.text, m.start, m.end)]
        if full:
            return line.fact(full[-1].value, doc.type)
        if earliest is None:
            continue
        partial = [
            m
            for m in find_month_days(line.text)
            if _is_standalone(line.text, m.start, m.end, slack=4)
        ]
        value = partial[-1].in_year_from(earliest) if partial else None
        if value is not None:
            return line.fact(value, doc.type)
    return None


# A 目录 row's date (yyyymmdd), then the row's page label, which OCR may glue to it (2024102313-14).
_YMD8 = re.compile(
    r"(?<!\d)((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])"
    r"(?=\s*(?:\d{1,4}(?:\s*[-—~]\s*\d{1,4})?)?\s*$|\D)"
)


def _catalogue_date(type_id: str, doc: DocumentSpan, lines: Sequence[DocLine]) -> Fact | None:
    """The date the 卷内目录 gives a document: a row whose title (the longest known title
    ending the text before the row's yyyymmdd date) is of ``type_id``."""
    aliases = [(alias, t.id) for t in load_split_config().types for alias in t.aliases]
    for line in lines:
        match = _YMD8.search(line.text)
        if match is None:
            continue
        try:
            value = date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            continue
        head = normalise(line.text[: match.start()])
        ending = [(len(alias), tid) for alias, tid in aliases if head.endswith(alias)]
        if ending and max(ending)[1] == type_id:
            return line.fact(value, doc.type)
    return None


def date_from(source: dict[str, Any], doc: DocumentSpan, lines: Sequence[DocLine]) -> Fact | None:
    if source.get("catalogue"):
        return _catalogue_date(source["catalogue"], doc, lines)
    dated = list(_dated_lines(lines))
    if source.get("labels"):
        label_re = re.compile("|".join(label_pattern(label) for label in source["labels"]))
        for line, match in dated:
            found = label_re.search(line.text)
            if found is not None and found.end() <= match.start:
                return line.fact(match.value, doc.type)
        return None
    if source.get("signature"):
        return _signature_date(doc, lines, dated)
    if dated and source.get("last"):
        line, match = dated[-1]
        return line.fact(match.value, doc.type)
    return None


def date_value(
    key: str, pages: Sequence[PageInput], documents: Sequence[DocumentSpan], conf: dict[str, Any]
) -> Fact | None:
    for source in conf.get("dates", {}).get(key, []):
        listed = source.get("catalogue")
        if listed and not any(d.type == listed for d in documents):
            continue  # the 目录 lists a document the dossier does not hold: no date for it
        for doc in documents_of(documents, source["document"], source.get("serves", ())):
            lines = doc_lines(pages, doc)
            fact = date_from(source, doc, lines)
            if any(line.reread for line in lines):
                # The same reading made on the lines as re-read without the seal's ink.
                fact = with_seal_reading(fact, date_from(source, doc, reread_lines(lines)))
            if fact is not None:
                return fact
    return None


def reread_lines(lines: Sequence[DocLine]) -> list[DocLine]:
    """``lines`` with each re-read line's text and score replaced by its second reading."""
    return [
        replace(ln, text=ln.reread.text, score=ln.reread.score, reread=None) if ln.reread else ln
        for ln in lines
    ]
