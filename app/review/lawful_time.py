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
from datetime import date

from app.casefiles.cn_dates import find_dates
from app.casefiles.splitting import DocumentSpan, PageInput, line_rect
from scoring.prechecks.table import LawfulTimeRecord, PrecheckTable
from scoring.time_limits import ExcludedPeriod

__all__ = ["lawful_time"]

HEAD_BAND = 0.3  # share of the page height where a form's title sits
_SPACE = re.compile(r"\s+")
_SENTENCE = re.compile(r"[^。；;！!？?\n]+")
# Two dates joined by 至/到/—: the period a 期间告知书 states ("自2024年3月5日至2024年3月25日").
_JOIN = re.compile(r"^\s*(?:起)?\s*(?:至|到|—|－|-|~|～)\s*$")


def _text(page: PageInput) -> str:
    return _SPACE.sub("", "".join(line.text for line in page.lines))


def _head(page: PageInput) -> str:
    height = page.size[1]
    return _SPACE.sub(
        "", "".join(ln.text for ln in page.lines if line_rect(ln)[1] < height * HEAD_BAND)
    )


def _record_pages(
    record: LawfulTimeRecord, pages: Sequence[PageInput], documents: Sequence[DocumentSpan]
) -> list[int]:
    """1-based pages that hold the record: titled with one of its words, or of its types."""
    found = {
        number
        for number, page in enumerate(pages, 1)
        if record.titles and any(word in _head(page) for word in record.titles)
    }
    for doc in documents:
        if doc.type in record.types:
            found.update(range(doc.first_page, min(doc.last_page, len(pages)) + 1))
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


def _waiver(record: LawfulTimeRecord, pages: Sequence[PageInput]) -> tuple[date | None, int] | None:
    """The first sentence of the dossier stating the waiver (none of ``unless`` in it)."""
    patterns = [re.compile(p) for p in record.phrases]
    for number, page in enumerate(pages, 1):
        text = _text(page)
        for sentence in _SENTENCE.findall(text):
            if any(p.search(sentence) for p in patterns) and _holds(record, sentence):
                return _last_date(text), number
    return None


def _event(
    record: LawfulTimeRecord,
    pages: Sequence[PageInput],
    documents: Sequence[DocumentSpan],
) -> tuple[date | None, int] | None:
    if record.phrases:
        return _waiver(record, pages)
    for number in _record_pages(record, pages, documents):
        text = _text(pages[number - 1])
        if _holds(record, text):
            return _last_date(text), number
    return None


def _period(
    record: LawfulTimeRecord,
    pages: Sequence[PageInput],
    documents: Sequence[DocumentSpan],
) -> tuple[ExcludedPeriod, int] | None:
    """The period a record states (自…至…), or from its date to the date of the record
    that ends it (恢复调查)."""
    kind = record.exclude
    for number in _record_pages(record, pages, documents):
        text = _text(pages[number - 1])
        if not _holds(record, text):
            continue
        span = _stated_span(text)
        if span is not None:
            return ExcludedPeriod(span[0], span[1], kind), number
        start = _last_date(text)
        if start is None or not record.ends:
            continue
        for later in range(number + 1, len(pages) + 1):
            if any(word in _head(pages[later - 1]) for word in record.ends):
                end = _last_date(_text(pages[later - 1]))
                if end is not None and start <= end:
                    return ExcludedPeriod(start, end, kind), number
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
    events: dict[str, tuple[date, int]] = {}
    periods: list[ExcludedPeriod] = []
    fallback = {"filed": dates.get("filed"), "notice": dates.get("notice_served")}
    for record in table.lawful_time:
        if record.exclude is not None:
            found_period = _period(record, pages, documents)
            if found_period is not None:
                periods.append(found_period[0])
            continue
        found = _event(record, pages, documents)
        if found is None or record.event is None:
            continue
        day = found[0] or fallback["notice" if record.phrases else "filed"]
        if day is not None:
            events[record.event] = (day, found[1])
    return events, periods
