"""Records that make a long case lawful, read from the dossier's pages (issue 13 item 6).

Why: a case decided on day 110 after an approved 30-day extension, or one that waited 20
days for a 检测 report, or a decision made the day after the party wrote that they give up
陈述申辩, is lawful; flagging it "超过90日" or "陈述申辩期限内作出决定" is the kind of
confident false alarm that makes a reviewer stop trusting the pre-checks. What to look for
is data (``lawful_time`` in ``scoring/data/prechecks.yaml``, each record with its article);
this module finds the records by the words of a page's title (so it works whether or not the
splitter knows the document type) or by type, and reads their dates. What cannot be read
(an approval without a date and no filing date, a suspension never resumed) is left out:
the time-limit rule then judges as before. No database work here.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from app.casefiles.cn_dates import find_dates
from app.casefiles.page_lines import sealed_text
from app.casefiles.splitting import DocumentSpan, PageInput, line_rect
from scoring.prechecks.table import LawfulTimeRecord, PrecheckTable
from scoring.time_limits import ExcludedPeriod

__all__ = ["PageTexts", "lawful_time"]

HEAD_BAND = 0.3  # share of the page height where a form's title sits
_SPACE = re.compile(r"\s+")
_SENTENCE = re.compile(r"[^。；;！!？?\n]+")
# Two dates joined by 至/到/—: the period a 期间告知书 states ("自2024年3月5日至2024年3月25日").
_JOIN = re.compile(r"^\s*(?:起)?\s*(?:至|到|—|－|-|~|～)\s*$")


@dataclass(frozen=True)
class PageTexts:
    """Each page's text and title band, read once for every record looked for."""

    texts: list[str]
    heads: list[str]
    documents: Sequence[DocumentSpan]

    @classmethod
    def of(cls, pages: Sequence[PageInput], documents: Sequence[DocumentSpan]) -> PageTexts:
        # a date a seal cut short is read from the line's seal-free re-reading
        texts = [
            _SPACE.sub("", "".join(sealed_text(line) for line in page.lines)) for page in pages
        ]
        heads = [
            _SPACE.sub(
                "",
                "".join(
                    ln.text for ln in page.lines if line_rect(ln)[1] < page.size[1] * HEAD_BAND
                ),
            )
            for page in pages
        ]
        return cls(texts, heads, documents)

    def titled(self, words: Sequence[str], after: int = 0) -> list[int]:
        """1-based pages after page ``after`` whose title band holds one of ``words``."""
        return [
            n
            for n, head in enumerate(self.heads, 1)
            if n > after and words and any(word in head for word in words)
        ]

    def record_pages(self, record: LawfulTimeRecord) -> list[int]:
        """Pages that hold the record: titled with one of its words, or of its types."""
        return self.pages_of(record.titles, record.types)

    def pages_of(self, titles: Sequence[str], types: Sequence[str]) -> list[int]:
        """Pages titled with one of ``titles`` or inside a document of one of ``types``."""
        found = set(self.titled(titles))
        for doc in self.documents:
            if doc.type in types:
                found.update(range(doc.first_page, min(doc.last_page, len(self.texts)) + 1))
        return sorted(found)


def _holds(record: LawfulTimeRecord, text: str) -> bool:
    if record.unless and any(word in text for word in record.unless):
        return False
    return not record.require or any(word in text for word in record.require)


def _last_date(text: str) -> date | None:
    found = find_dates(text)
    return found[-1].value if found else None


def _stated_span(text: str) -> tuple[date, date] | None:
    """The first "date 至 date" of the text, in order."""
    found = find_dates(text)
    for a, b in itertools.pairwise(found):
        if _JOIN.match(text[a.end : b.start]) and a.value <= b.value:
            return a.value, b.value
    return None


def _event(record: LawfulTimeRecord, read: PageTexts) -> tuple[date | None, int] | None:
    """The record's date (its last date: the signature) and page; a waiver is the first
    sentence of the dossier stating it (none of ``unless`` in that sentence)."""
    if record.phrases:
        patterns = [re.compile(p) for p in record.phrases]
        for number, text in enumerate(read.texts, 1):
            for sentence in _SENTENCE.findall(text):
                if any(p.search(sentence) for p in patterns) and _holds(record, sentence):
                    return _last_date(text), number
        return None
    for number in read.record_pages(record):
        if _holds(record, read.texts[number - 1]):
            return _last_date(read.texts[number - 1]), number
    return None


def _period(record: LawfulTimeRecord, read: PageTexts) -> ExcludedPeriod | None:
    """The period a record states (自…至…), or from its date to the date of the record
    that ends it (恢复调查)."""
    for number in read.record_pages(record):
        text = read.texts[number - 1]
        if not _holds(record, text):
            continue
        span = _stated_span(text)
        if span is not None:
            return ExcludedPeriod(span[0], span[1], record.exclude)
        start = _last_date(text)
        if start is None or not record.ends:
            continue
        for later in read.titled(record.ends, after=number):
            end = _last_date(read.texts[later - 1])
            if end is not None and start <= end:
                return ExcludedPeriod(start, end, record.exclude)
    return None


def lawful_time(
    pages: Sequence[PageInput],
    documents: Sequence[DocumentSpan],
    table: PrecheckTable,
    dates: Mapping[str, date],
) -> tuple[dict[str, tuple[date, int]], list[ExcludedPeriod]]:
    """The events (approved extensions, waivers: date and page) and the excluded periods
    the dossier records. A record whose own date is unreadable takes the filing date for an
    approval (it exists; its timing is not what the rules judge) or the notice's service
    date for a waiver; with neither it is left out."""
    read = PageTexts.of(pages, documents)
    events: dict[str, tuple[date, int]] = {}
    periods: list[ExcludedPeriod] = []
    fallback = {"filed": dates.get("filed"), "notice": dates.get("notice_served")}
    for record in table.lawful_time:
        if record.exclude is not None:
            period = _period(record, read)
            if period is not None:
                periods.append(period)
            continue
        found = _event(record, read)
        if found is None or record.event is None:
            continue
        day = found[0] or fallback["notice" if record.phrases else "filed"]
        if day is not None:
            events[record.event] = (day, found[1])
    return events, periods
