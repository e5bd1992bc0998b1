"""Key facts of a dossier (案号, 当事人, 案由, 罚款, the dates of each step), each with its page.

A fact is read from the document that states it with authority — the decision's own number,
the 送达回证 that follows the decision for the service date, the date under the decision's
seal rather than the dates its body quotes — using the split of the dossier. Where that
document is missing the fact is None: a pre-check must see "no 送达回证", not a date borrowed
from another document. Where to look is data (``resources/extraction.yaml``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from app.casefiles.amounts import fine_in
from app.casefiles.cn_dates import DateMatch, find_dates, find_month_days
from app.casefiles.seal_ink import Reread
from app.casefiles.splitting import (
    DocumentSpan,
    PageInput,
    extraction_config,
    line_rect,
    load_split_config,
    normalise,
    with_served,
)

DATE_KEYS = (
    "discovered",
    "filed",
    "notice",
    "notice_served",
    "decided",
    "served",
    "closed",
    "seized",
    "released",
)
CLI_DATE_KEYS = ("filed", "notice", "decided", "served", "closed", "seized", "released")


Region = tuple[float, float, float, float]  # x0, y0, x1, y1 in PDF points of the page

# How far a fact can be trusted (stored in case_fields.status): independent sources agree;
# one source read cleanly; sources disagree, the procedure's order is broken, or the reading
# is doubtful (a seal over it, low OCR scores) — then a pre-check asks, it does not judge.
CONFIRMED, SINGLE, DOUBTFUL = "confirmed", "single", "doubtful"
FACT_STATUS_LABELS = {CONFIRMED: "已印证", SINGLE: "单一来源", DOUBTFUL: "待核实"}


@dataclass(frozen=True)
class Reading:
    """One candidate reading of a fact: where it was read and how sure the reading is.

    ``source`` names the place in words a reviewer knows ("决定书落款", "送达回证",
    "卷内目录", "封面", "红章分离重读")."""

    value: str | int | date
    page: int
    document: str
    region: Region | None = None
    confidence: float = 1.0
    source: str = ""


@dataclass(frozen=True)
class Fact:
    """A value, the 1-based page and document type it was read from, and the line as read.

    ``confidence`` (0–1) comes from the OCR scores of the characters read and the checks
    made on them; ``region`` is where on ``page`` the value stands (the crop a reviewer is
    shown); ``status`` is CONFIRMED, SINGLE or DOUBTFUL; ``readings`` holds every candidate
    found (this one included) when there was more than one."""

    value: str | int | date
    page: int
    document: str
    evidence: str = ""
    confidence: float = 1.0
    region: Region | None = None
    status: str = SINGLE
    readings: tuple[Reading, ...] = ()

    @property
    def doubtful(self) -> bool:
        return self.status == DOUBTFUL


def stored_value(value: str | int | date) -> str:
    """A fact's value as the text stored in ``case_fields.value`` (dates ISO)."""
    return value.isoformat() if isinstance(value, date) else str(value)


def reading_json(reading: Reading) -> dict[str, Any]:
    """One candidate reading as stored in ``case_fields.readings``."""
    return {
        "value": stored_value(reading.value),
        "page": reading.page,
        "document": reading.document,
        "region": list(reading.region) if reading.region else None,
        "confidence": reading.confidence,
        "source": reading.source,
    }


@dataclass
class Facts:
    case_no: Fact | None = None
    party: Fact | None = None
    cause: Fact | None = None
    fine_yuan: Fact | None = None
    dates: dict[str, Fact | None] = field(default_factory=lambda: dict.fromkeys(DATE_KEYS))

    def fields(self) -> dict[str, Any]:
        """The ``fields`` object of ``case show --json`` (unknown → None, dates ISO)."""

        def plain(fact: Fact | None) -> Any:
            if fact is None:
                return None
            return fact.value.isoformat() if isinstance(fact.value, date) else fact.value

        return {
            "case_no": plain(self.case_no),
            "party": plain(self.party),
            "cause": plain(self.cause),
            "fine_yuan": plain(self.fine_yuan),
            "dates": {key: plain(self.dates.get(key)) for key in DATE_KEYS},
        }


# ---------------------------------------------------------------- reading documents


@dataclass(frozen=True)
class DocLine:
    """An OCR line of a document: where it stands (``rect``, PDF points), how well it was
    read (``score``) and its second reading without the seal's ink, if it had one."""

    page: int
    text: str
    rect: Region
    score: float = 1.0
    reread: Reread | None = None

    @property
    def y(self) -> float:
        return self.rect[1]

    def fact(self, value: str | int | date, document: str) -> Fact:
        """A fact read on this line: its region and confidence are the line's."""
        return Fact(value, self.page, document, self.text, self.score, self.rect)


def doc_lines(pages: Sequence[PageInput], span: DocumentSpan) -> list[DocLine]:
    """The lines of the pages of ``span``, in reading order."""
    out = []
    for number in range(span.first_page, span.last_page + 1):
        if 1 <= number <= len(pages):
            for line in pages[number - 1].lines:
                out.append(
                    DocLine(
                        number,
                        line.text,
                        line_rect(line),
                        float(getattr(line, "score", 1.0)),
                        getattr(line, "reread", None),
                    )
                )
    return out


def documents_of(
    documents: Sequence[DocumentSpan], type_id: str, serves: Sequence[str] = ()
) -> Iterator[DocumentSpan]:
    for doc in documents:
        if doc.type == type_id and (not serves or doc.serves in serves):
            yield doc


def label_pattern(label: str) -> str:
    return r"\s*".join(re.escape(c) for c in label)


# ---------------------------------------------------------------- case number

_CASE_NO = re.compile(
    r"(?P<prefix>[\u4e00-\u9fffA-Za-z]{1,16}?)\s*[〔\[【(（{［]\s*(?P<year>(?:19|20)\d{2})\s*[〕\]】)）}］]"
    r"\s*(?P<di>第)?\s*(?P<n>\d{1,6})\s*号"
)


def case_numbers(text: str, labels: Sequence[str]) -> Iterator[str]:
    for match in _CASE_NO.finditer(text):
        prefix = match["prefix"]
        for label in labels:
            prefix = prefix.removeprefix(label)
        if prefix:
            yield f"{prefix}〔{match['year']}〕{match['di'] or ''}{match['n']}号"


def _case_no(
    pages: Sequence[PageInput], documents: Sequence[DocumentSpan], conf: dict[str, Any]
) -> Fact | None:
    labels = sorted(conf.get("case_no_labels", []), key=len, reverse=True)
    for type_id in conf.get("decisions", []):
        for doc in documents_of(documents, type_id):
            page = pages[doc.first_page - 1]
            limit = page.size[1] * 0.4
            for line in doc_lines(
                pages, DocumentSpan(doc.type, doc.title, doc.first_page, doc.first_page, 0)
            ):
                if line.y <= limit:
                    for number in case_numbers(line.text, labels):
                        return line.fact(number, doc.type)
    return next(quoted_case_numbers(pages, documents, conf.get("case_no_sources", []), conf), None)


def quoted_case_numbers(
    pages: Sequence[PageInput],
    documents: Sequence[DocumentSpan],
    sources: Sequence[str],
    conf: dict[str, Any],
) -> Iterator[Fact]:
    """The 文号 the documents of ``sources`` quote after a label (送达文书文号 …), the first
    of each document; a 送达回证 counts only when it served a decision."""
    labels = sorted(conf.get("case_no_labels", []), key=len, reverse=True)
    if not labels:
        return
    label_re = re.compile("|".join(label_pattern(label) for label in labels))
    decisions = tuple(conf.get("decisions", []))
    for type_id in sources:
        serves = decisions if type_id == "service_receipt" else ()
        for doc in documents_of(documents, type_id, serves):
            for line in doc_lines(pages, doc):
                found = label_re.search(line.text)
                number = found and next(case_numbers(line.text[found.end() :], labels), None)
                if number:
                    yield line.fact(number, doc.type)
                    break


# ---------------------------------------------------------------- labelled text fields


def _labelled(
    pages: Sequence[PageInput],
    documents: Sequence[DocumentSpan],
    labels: Sequence[str],
    sources: Sequence[str],
    stop_words: Sequence[str] = (),
) -> Fact | None:
    """The value after a label at the start of a line (当事人：X, or a table row 案由 X)."""
    pattern = re.compile(
        r"^\s*(?:" + "|".join(label_pattern(label) for label in labels) + r")\s*[：:]?\s*(?P<v>.+)$"
    )
    for type_id in sources:
        for doc in documents_of(documents, type_id):
            for line in doc_lines(pages, doc):
                match = pattern.match(line.text)
                if match is None:
                    continue
                value = re.sub(r"\s+", "", match["v"]).strip("：:，,。;；")
                if len(value) < 2 or any(value.startswith(w) for w in stop_words):
                    continue
                return line.fact(value, doc.type)
    return None


def _fine(
    pages: Sequence[PageInput], documents: Sequence[DocumentSpan], conf: dict[str, Any]
) -> Fact | None:
    keywords = tuple(conf.get("fine_keywords", ["罚款"]))
    for type_id in conf.get("fine_sources", []):
        for doc in documents_of(documents, type_id):
            lines = doc_lines(pages, doc)
            # Lines joined without a break: an amount may wrap onto the next line.
            text = "".join(line.text for line in lines)
            amount = fine_in(text, keywords)
            if amount is None:
                continue
            offset = 0
            for line in lines:  # the page of the line where the amount starts
                if offset + len(line.text) > amount.start:
                    return line.fact(amount.yuan, doc.type)
                offset += len(line.text)
    return None


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


def _date(
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
                from app.casefiles.fact_checks import with_seal_reading  # builds on this module

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


# ---------------------------------------------------------------- entry point


def extract_facts(
    pages: Sequence[PageInput], documents: Sequence[DocumentSpan], resources: Path | None = None
) -> Facts:
    """The key facts of a dossier from its pages' OCR lines and its split into documents."""
    conf = extraction_config(resources).get("facts", {})
    documents = with_served(
        pages, sorted(documents, key=lambda d: d.first_page), load_split_config(resources)
    )
    facts = Facts(
        case_no=_case_no(pages, documents, conf),
        party=_labelled(
            pages,
            documents,
            conf.get("party_labels", []),
            conf.get("party_sources", []),
            conf.get("party_stop_words", []),
        ),
        cause=_labelled(
            pages, documents, conf.get("cause_labels", []), conf.get("cause_sources", [])
        ),
        fine_yuan=_fine(pages, documents, conf),
    )
    facts.dates = {key: _date(key, pages, documents, conf) for key in DATE_KEYS}
    from app.casefiles.fact_checks import check_facts  # builds on this module

    return check_facts(facts, pages, documents)
