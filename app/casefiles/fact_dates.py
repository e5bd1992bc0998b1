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

from app.casefiles.cn_dates import (
    DateMatch,
    find_dates,
    find_month_days,
    find_open_date,
    year_from_marks,
    year_marks,
)
from app.casefiles.contents_table import row_title_date, row_type
from app.casefiles.fact_model import (
    DOUBTFUL,
    DocLine,
    Fact,
    doc_lines,
    documents_of,
    label_pattern,
    with_seal_reading,
)
from app.casefiles.organs import organ_names
from app.casefiles.seal_ink import COLOUR
from app.casefiles.splitting import DocumentSpan, PageInput, load_split_config

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
    doc: DocumentSpan,
    lines: Sequence[DocLine],
    dated: list[tuple[DocLine, DateMatch]],
    near: date | None = None,
) -> Fact | None:
    """The date under the seal: the last line holding only a date.

    A seal over the date often cuts it short, and what is left is read for what it shows,
    never guessed: a date whose 日 is hidden (2024年2月26) is read when its day cannot go
    on (26, or 6 in 12月6), and is DOUBTFUL when it can (7月3 may be 30 or 31); a date whose
    year is hidden in part (二四年六月十二日: 〇 and 二 lost) takes the one year near the
    document's earliest quoted date, else ``near`` (the dossier's filing), that the year's
    digits read fit, and is DOUBTFUL when none were read or several years fit."""
    earliest = min((match.value for _, match in dated), default=None) or near
    for line in reversed(lines):
        full = [m for m in find_dates(line.text) if _is_standalone(line.text, m.start, m.end)]
        if full:
            return line.fact(full[-1].value, doc.type)
        cut = find_open_date(line.text)
        if cut is not None and _is_standalone(line.text, cut.start, cut.end):
            fact = line.fact(cut.read, doc.type)
            if cut.certain:
                return fact
            if cut.style != "ymd_hanzi":
                return replace(fact, status=DOUBTFUL)
            # 二〇二四年十月二十: ten days it may be; another place (the 目录) says which
        if earliest is None:
            continue
        partial = [
            m
            for m in find_month_days(line.text)
            if _is_standalone(line.text, m.start, m.end, slack=4)
        ]
        if not partial:
            continue
        month_day = partial[-1]
        year = year_from_marks(year_marks(line.text[: month_day.start]), earliest.year)
        if year is not None:
            value = month_day.in_year(year)
            if value is not None:
                return line.fact(value, doc.type)
        value = month_day.in_year_from(earliest)
        if value is not None:
            return replace(line.fact(value, doc.type), status=DOUBTFUL)
    return None


def hidden_date(doc: DocumentSpan, lines: Sequence[DocLine]) -> Fact | None:
    """A 落款 whose date the seal hid entirely: the organ's name stands at the foot of the
    document and no date follows it. The fact has no value, only the band under the name
    where the date belongs (the crop a reviewer is shown) and is DOUBTFUL: a date that
    cannot be read is asked for, never absent and never guessed."""
    last = [ln for ln in lines if ln.page == doc.last_page]
    for line in reversed(last):
        if not organ_names(line.text):
            continue
        x0, y0, x1, y1 = line.rect
        height = max(y1 - y0, 1.0)
        band = (x0 - height, y1, x1 + height, y1 + 2.5 * height)
        return Fact(None, line.page, doc.type, "", 0.0, band, DOUBTFUL)
    return None


def _catalogue_date(type_id: str, doc: DocumentSpan, lines: Sequence[DocLine]) -> Fact | None:
    """The date the 卷内目录 gives a document: the first row (one OCR line, read as the
    目录 reader reads it: yyyymmdd or any written date, 页号 before or after it) whose
    title lists a document of ``type_id``."""
    aliases = [(alias, t.id) for t in load_split_config().types for alias in t.aliases]
    for line in lines:
        title, value = row_title_date(line.text)
        if value is not None and row_type(title, aliases) == type_id:
            return line.fact(value, doc.type)
    return None


def _date_followed_by(
    lines: Sequence[DocLine], words: Sequence[str], doc: DocumentSpan
) -> Fact | None:
    """The first date a body sentence ties to its step by the words right after it
    ("决定自2024年3月5日起解除", "已于2024年3月5日解除"), also where the sentence wraps after
    the date: a date stated once more in the text, away from the seal that may hide the
    落款's, so it can confirm that one."""
    reach = 2 * max(map(len, words))
    for at, line in enumerate(lines):
        wrapped = lines[at + 1].text if at + 1 < len(lines) else ""
        for match in find_dates(line.text):
            after = re.sub(r"\s+", "", line.text[match.end :] + wrapped)[:reach]
            if any(after.startswith(word) for word in words):
                return line.fact(match.value, doc.type)
    return None


def date_from(
    source: dict[str, Any],
    doc: DocumentSpan,
    lines: Sequence[DocLine],
    near: date | None = None,
) -> Fact | None:
    """The date ``source`` (an entry of ``facts.dates``) names in ``doc``; ``near``, the
    dossier's filing date, sets the year of a signature date whose year the seal hid."""
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
    if source.get("followed_by"):
        return _date_followed_by(lines, source["followed_by"], doc)
    if source.get("signature"):
        return _signature_date(doc, lines, dated, near)
    if dated and source.get("last"):
        line, match = dated[-1]
        return line.fact(match.value, doc.type)
    return None


def date_value(
    key: str,
    pages: Sequence[PageInput],
    documents: Sequence[DocumentSpan],
    conf: dict[str, Any],
    near: date | None = None,
) -> Fact | None:
    """Date ``key`` from the first of its places that states it; a 落款 whose date the seal
    hid entirely counts only when no other place gives the date (``hidden_date``)."""
    hidden = None
    for source in conf.get("dates", {}).get(key, []):
        listed = source.get("catalogue")
        if listed and not any(d.type == listed for d in documents):
            continue  # the 目录 lists a document the dossier does not hold: no date for it
        for doc in documents_of(documents, source["document"], source.get("serves", ())):
            lines = doc_lines(pages, doc)
            fact = date_from(source, doc, lines, near)
            if any(line.reread for line in lines):
                # The same reading made on the lines as re-read without the seal's ink.
                second = date_from(source, doc, reread_lines(lines), near)
                fact = with_seal_reading(fact, second, _reread_mode(lines, second))
            if fact is not None:
                return fact
            if source.get("signature") and hidden is None:
                hidden = hidden_date(doc, lines)
    return hidden


def _reread_mode(lines: Sequence[DocLine], fact: Fact | None) -> str:
    """How the line ``fact`` was re-read from was separated from its seal (colour or grey)."""
    for line in lines:
        if fact is not None and line.reread and (line.page, line.rect) == (fact.page, fact.region):
            return line.reread.mode
    return COLOUR


def reread_lines(lines: Sequence[DocLine]) -> list[DocLine]:
    """``lines`` with each re-read line's text and score replaced by its second reading."""
    return [
        replace(ln, text=ln.reread.text, score=ln.reread.score, reread=None) if ln.reread else ln
        for ln in lines
    ]
