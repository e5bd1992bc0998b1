"""The facts of a dossier as data: a fact, its candidate readings, and the lines it is read from.

Apart from the readers (``fact_fields``, ``fact_dates``) and the cross-checks
(``fact_checks``) so each of them builds on the same plain types without importing another.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from app.casefiles.seal_ink import COLOUR, GREY, Reread
from app.casefiles.splitting import (
    DocumentSpan,
    PageInput,
    extraction_config,
    line_rect,
    load_split_config,
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

    value: str | int | date | None
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

    value: str | int | date | None  # None: a date a seal hid entirely (DOUBTFUL, region only)
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


def stored_value(value: str | int | date | None) -> str | None:
    """A fact's value as the text stored in ``case_fields.value`` (dates ISO)."""
    if value is None:
        return None
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


# ---------------------------------------------------------------- readings and their sources

SEAL_SOURCE = "红章分离重读"  # a colour scan's line re-read with the seal's red ink taken away
GREY_SEAL_SOURCE = "灰度增强重读"  # a grey scan's line re-read with only its darkest ink kept
SEAL_SOURCES = {COLOUR: SEAL_SOURCE, GREY: GREY_SEAL_SOURCE}


def trust_config() -> dict[str, Any]:
    return dict(extraction_config().get("fact_trust", {}))


def source_label(document: str, labels: dict[str, str] | None = None) -> str:
    """The name a reviewer knows for the place a fact was read ("决定书落款", "送达回证")."""
    labels = trust_config().get("labels", {}) if labels is None else labels
    if document in labels:
        return str(labels[document])
    names = {t.id: t.name for t in load_split_config().types}
    return names.get(document, "未识别文书")


def reading_of(fact: Fact, source: str = "") -> Reading:
    return Reading(
        fact.value,
        fact.page,
        fact.document,
        fact.region,
        fact.confidence,
        source or source_label(fact.document),
    )


# ---------------------------------------------------------------- the seal's second reading


def with_seal_reading(plain: Fact | None, reread: Fact | None, mode: str = COLOUR) -> Fact | None:
    """One fact from the plain reading of a place and its seal-free re-reading.

    Agreeing, the fact keeps both readings and the better score, and is as sure as the
    surer of the two (a plain reading cut short by the seal, 2024年7月3, agrees with the
    re-read 2024年7月3日). Disagreeing, it is DOUBTFUL with both; its value is the re-read
    one (seal ink removed is what the second reading is for) until another place breaks
    the tie. A reading with no value (the date not seen at all) gives way to the other."""
    if reread is None or reread.value is None:
        return plain
    second = reading_of(reread, SEAL_SOURCES.get(mode, SEAL_SOURCE))
    if plain is None or plain.value is None:
        return replace(reread, readings=(second,))
    first = reading_of(plain)
    if plain.value == reread.value:
        confidence = max(plain.confidence, reread.confidence)
        status = plain.status if plain.status == reread.status else SINGLE
        return replace(plain, confidence=confidence, status=status, readings=(first, second))
    return replace(reread, status=DOUBTFUL, readings=(first, second))
