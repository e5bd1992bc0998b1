"""How far each fact can be trusted: the places a dossier states it, and its steps' order.

A dossier states most facts more than once — the decision's 落款 and the 卷内目录 row give its
date, the 立案审批表 and the 案卷封面 the filing date, the decision and its 送达回证 the 文号.
A fact is CONFIRMED when two independent places agree, SINGLE when one place read it with a
good score and nothing contradicts it, DOUBTFUL (待核实) when places disagree, when the plain
reading and the seal-free re-reading of a sealed date disagree and no other place breaks the
tie, when the score is low, or when a reading taken under a seal breaks the procedure's
order. A doubtful fact keeps every candidate reading, so a reviewer chooses; nothing is
guessed. A cleanly read date that breaks the order stays as read: that is a defect of the
case for a pre-check to report, not a doubt about the reading. Sources, the order and the
thresholds are data (``resources/extraction.yaml``, section ``fact_trust``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from statistics import median
from typing import Any

from app.casefiles.fact_dates import date_from, reread_lines
from app.casefiles.fact_fields import quoted_case_numbers
from app.casefiles.fact_model import (
    CONFIRMED,
    DOUBTFUL,
    SEAL_SOURCE,
    SEAL_SOURCES,
    SINGLE,
    Fact,
    Facts,
    Reading,
    doc_lines,
    documents_of,
    reading_of,
    trust_config,
)
from app.casefiles.splitting import DocumentSpan, PageInput, extraction_config
from app.same_named import same_named

# ---------------------------------------------------------------- other places


def _other_readings(
    key: str, fact: Fact, pages: Sequence[PageInput], documents: Sequence[DocumentSpan]
) -> list[Reading]:
    """Readings of date ``key`` from the places ``fact_trust.agree`` lists, except the
    place ``fact`` itself was read from."""
    out = []
    for source in trust_config().get("agree", {}).get(key, []):
        for doc in documents_of(documents, source["document"], source.get("serves", ())):
            lines = doc_lines(pages, doc)
            found = date_from(source, doc, lines)
            if found is None and any(ln.reread for ln in lines):
                found = date_from(source, doc, reread_lines(lines))
            if found is None or (found.page, found.region) == (fact.page, fact.region):
                continue
            out.append(reading_of(found, source.get("label", "")))
    return out


def _case_no_readings(
    fact: Fact, pages: Sequence[PageInput], documents: Sequence[DocumentSpan]
) -> list[Reading]:
    """The 文号 as the other documents quoting it state it (送达回证, 结案审批表, 封面 …)."""
    sources = trust_config().get("case_no_sources", [])
    conf = extraction_config().get("facts", {})
    return [
        reading_of(found)
        for found in quoted_case_numbers(pages, documents, sources, conf)
        if (found.page, found.region) != (fact.page, fact.region)
    ]


def _settle(fact: Fact, others: Sequence[Reading], conf: dict[str, Any]) -> Fact:
    """The fact's status from its own readings and the other places' readings."""
    if fact.value is None:  # the 落款 date a seal hid: another place may state it
        stated = {r.value for r in others}
        if len(stated) == 1:
            best = max(others, key=lambda r: r.confidence)
            return _adopt(fact, best, SINGLE, best.confidence, tuple(others))
        return replace(fact, status=DOUBTFUL, readings=tuple(others))
    own = fact.readings or (reading_of(fact),)
    readings = tuple(own) + tuple(others)
    candidates = {r.value for r in own}
    if fact.status == DOUBTFUL and len(candidates) > 1:
        backed = {r.value for r in others if r.value in candidates}
        if len(backed) == 1 and not any(r.value not in candidates for r in others):
            value = backed.pop()
            best = next(r for r in own if r.value == value)
            return _confirmed(fact, best, readings)
        return _doubtful(fact, readings, conf)
    if not others:
        good = fact.confidence >= float(conf.get("min_score", 0.9))
        if fact.status == DOUBTFUL or not good:
            return _doubtful(fact, fact.readings, conf)
        return fact
    if all(r.value == fact.value for r in others):
        return _confirmed(fact, own[0], readings)
    return _doubtful(fact, readings, conf)


def _confirmed(fact: Fact, best: Reading, readings: tuple[Reading, ...]) -> Fact:
    agreeing = [r.confidence for r in readings if r.value == best.value]
    doubt = 1.0
    for score in agreeing:
        doubt *= 1.0 - min(max(score, 0.0), 1.0)
    return _adopt(fact, best, CONFIRMED, round(1.0 - doubt, 4), readings)


def _adopt(
    fact: Fact, best: Reading, status: str, confidence: float, readings: tuple[Reading, ...]
) -> Fact:
    """``fact`` taking the value, page, document and region of reading ``best`` (the fields
    a reading shares with a fact); its evidence stays."""
    return same_named(
        Fact, best, evidence=fact.evidence, confidence=confidence, status=status, readings=readings
    )


def _doubtful(fact: Fact, readings: tuple[Reading, ...], conf: dict[str, Any]) -> Fact:
    cap = float(conf.get("doubtful_confidence", 0.5))
    return replace(fact, status=DOUBTFUL, confidence=min(fact.confidence, cap), readings=readings)


# ---------------------------------------------------------------- order of the steps


def _sealed(fact: Fact) -> bool:
    """Read under a seal and not settled by it. On a colour scan the re-reading sees the
    text with the seal's red ink taken away: where the plain reading of the same place
    agrees, two readings stand behind the value and a broken order is the case's defect,
    not the reading's (GB/T 9704 seals every decision's date, so the rule would otherwise
    silence every 先决定后审核). A grey re-reading only darkens the same mixed ink: its
    agreement proves less, and a broken order is still blamed on the seal."""
    sources = {r.source for r in fact.readings if r.value == fact.value}
    if SEAL_SOURCE in sources and len(sources) > 1:
        return False
    return any(r.source in SEAL_SOURCES.values() for r in fact.readings)


def _weak(fact: Fact, conf: dict[str, Any]) -> bool:
    """A reading a broken order may be blamed on: not confirmed, and taken under a seal or
    with a low score."""
    low = fact.confidence < float(conf.get("min_score", 0.9))
    return fact.status == SINGLE and (low or _sealed(fact))


def _order_dates(
    name: str,
    dates: dict[str, Fact | None],
    pages: Sequence[PageInput],
    documents: Sequence[DocumentSpan],
) -> list[Fact]:
    """A fact key's date, or the dates of a document type named ``doc:<type>``."""
    if not name.startswith("doc:"):
        fact = dates.get(name)
        return [fact] if fact is not None else []
    source = {"document": name[4:], "last": True}
    found = (
        date_from(source, doc, doc_lines(pages, doc)) for doc in documents_of(documents, name[4:])
    )
    return [f for f in found if f is not None]


def _check_order(
    dates: dict[str, Fact | None],
    pages: Sequence[PageInput],
    documents: Sequence[DocumentSpan],
    conf: dict[str, Any],
) -> None:
    for earlier, later in conf.get("order", []):
        for first in _order_dates(earlier, dates, pages, documents):
            for second in _order_dates(later, dates, pages, documents):
                if not (isinstance(first.value, date) and isinstance(second.value, date)):
                    continue
                if first.value <= second.value:
                    continue
                for key in (earlier, later):
                    fact = dates.get(key)
                    if fact is not None and _weak(fact, conf):
                        dates[key] = _doubtful(fact, fact.readings or (reading_of(fact),), conf)
    years = [f.value.year for f in dates.values() if f is not None and isinstance(f.value, date)]
    if len(years) >= 3:
        middle = median(years)
        for key, fact in dates.items():
            if fact is None or fact.status == CONFIRMED or not isinstance(fact.value, date):
                continue
            gap = int(conf.get("max_year_gap", 1))
            if abs(fact.value.year - middle) > gap:
                readings = fact.readings or (reading_of(fact),)
                dates[key] = _nearest_shown(_doubtful(fact, readings, conf), middle, gap)


def _nearest_shown(fact: Fact, middle: float, gap: int) -> Fact:
    """A doubtful date shown by its one candidate reading in the dossier's years (2024 read
    2021 by one reading only): still 待核实, but the value a reviewer sees first is the one
    the dossier makes likely."""
    near = [
        r for r in fact.readings if isinstance(r.value, date) and abs(r.value.year - middle) <= gap
    ]
    if len({r.value for r in near}) != 1:
        return fact
    return _adopt(fact, near[0], fact.status, fact.confidence, fact.readings)


# ---------------------------------------------------------------- entry point


def check_facts(
    facts: Facts, pages: Sequence[PageInput], documents: Sequence[DocumentSpan]
) -> Facts:
    """``facts`` with each fact's status, confidence and candidate readings settled."""
    conf = trust_config()
    dates: dict[str, Fact | None] = {}
    for key, fact in facts.dates.items():
        dates[key] = (
            None
            if fact is None
            else _settle(fact, _other_readings(key, fact, pages, documents), conf)
        )
    _check_order(dates, pages, documents, conf)
    case_no = facts.case_no
    if case_no is not None:
        case_no = _settle(case_no, _case_no_readings(case_no, pages, documents), conf)
    return Facts(
        case_no=case_no,
        party=facts.party and _settle(facts.party, (), conf),
        cause=facts.cause and _settle(facts.cause, (), conf),
        fine_yuan=facts.fine_yuan and _settle(facts.fine_yuan, (), conf),
        dates=dates,
    )
