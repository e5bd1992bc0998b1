"""Pre-checks of a stored dossier: read the facts, run ``scoring.prechecks``, keep suggestions.

The facts come from what import extracted (dates, fine, party, the split into documents,
each a ``CaseField``/``Document`` row, a reviewer's correction winning) and from the pages'
OCR text, read by :mod:`app.review.precheck_facts`.

Suggestions are stored as ``PrecheckSuggestion`` rows: a new run replaces the pending
ones; a suggestion a reviewer accepted or rejected keeps its state and reason when the same
rule fires again (its message and pages are refreshed), and is left alone when it no longer
fires.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy import select

from app.casefiles.corrections import PERIOD_FACTS, TEXT_FACTS
from app.casefiles.page_lines import stored_page_input
from app.casefiles.splitting import DocumentSpan, PageInput
from app.errors import UserError
from app.review.precheck_facts import (
    DATE_PREFIX,
    build_facts,
    decision_flags,
    fine_basis,
    officer_records,
    printed_page_numbers,
)
from app.store.database import Database
from app.store.models import CaseField, Document, Officer, Page, PrecheckSuggestion
from app.store.repositories import require_case_file
from scoring.checklist import Checklist
from scoring.prechecks import DossierFacts, RosterEntry, Suggestion
from scoring.prechecks import run_prechecks as evaluate_prechecks
from scoring.prechecks.facts import CONFIRMED, DOUBTFUL, SINGLE, FactReading
from scoring.prechecks.periods import stated_period
from scoring.town_powers import TownPowers

__all__ = [
    "build_facts",
    "decision_flags",
    "fine_basis",
    "list_suggestions",
    "officer_records",
    "printed_page_numbers",
    "roster_entries",
    "run_prechecks",
]


def _page_input(page: Page) -> PageInput:
    return stored_page_input(page.ocr_boxes, page.width, page.height)


def _number(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def facts_of_case(
    session: Any, case_id: int, town_powers: TownPowers | None = None
) -> DossierFacts:
    case = require_case_file(session, case_id)
    if case.kind not in ("penalty", "coercion"):
        raise UserError(f"案卷 {case_id} 的案件类型未知，请先确认是行政处罚还是行政强制案卷。")
    pages = [_page_input(p) for p in case.pages]
    documents = [
        DocumentSpan(d.type, d.title or "", d.first_page, d.last_page, 1.0)
        for d in session.scalars(
            select(Document).where(Document.case_file_id == case_id).order_by(Document.first_page)
        )
    ]
    fields: dict[str, tuple[str | None, int | None]] = {}
    rows: dict[str, CaseField] = {}
    for f in sorted(case.fields, key=lambda f: f.source == "user"):  # a correction wins
        fields[f.name] = (f.value, f.page)
        rows[f.name] = f
    dates: dict[str, date] = {}
    date_pages: dict[str, int] = {}
    for name, (value, page) in fields.items():
        if not name.startswith(DATE_PREFIX):
            continue
        if value:
            try:
                dates[name.removeprefix(DATE_PREFIX)] = date.fromisoformat(value)
            except ValueError:
                continue
        if page:  # a date the seal hid entirely (no value) keeps its page for the 需核实 item
            date_pages[name.removeprefix(DATE_PREFIX)] = page
    facts = build_facts(
        case.kind,
        pages,
        documents,
        dates,
        date_pages,
        fine_yuan=_number(fields.get("fine_yuan", (None, None))[0]),
        party=fields.get("party", (None, None))[0] or case.party,
        roster=roster_entries(session),
        stated=_stated(fields),
        town_powers=town_powers,
    )
    status, readings = fact_trust(rows.values())
    return replace(_corrected(facts, fields), fact_status=status, readings=readings)


def _corrected(
    facts: DossierFacts, fields: Mapping[str, tuple[str | None, int | None]]
) -> DossierFacts:
    """``facts`` with the reviewer's values of the facts read from the text (审核人, 加处罚款)."""
    changes: dict[str, Any] = {}
    pages = dict(facts.fact_pages)
    for name in TEXT_FACTS:
        value, page = fields.get(name, (None, None))
        if not value:
            continue
        changes[name] = _number(value) if name.endswith("_yuan") else value
        if page:
            pages[name] = page
    return replace(facts, **changes, fact_pages=pages) if changes else facts


def _engine_name(field_name: str) -> str:
    """``date.decided`` → ``decided`` (the engine names a date by its event)."""
    return field_name.removeprefix(DATE_PREFIX)


def _engine_value(field_name: str, text: Any) -> date | float | str | None:
    try:
        if field_name.startswith(DATE_PREFIX):
            return date.fromisoformat(str(text))
        if field_name == "fine_yuan":
            return float(text)
    except (TypeError, ValueError):
        return None
    return None if text in (None, "") else str(text)


def fact_trust(
    rows: Any,
) -> tuple[dict[str, str], dict[str, tuple[FactReading, ...]]]:
    """Each winning fact row's trust for the engine, and the readings of the doubtful ones.

    A reviewer's value (source user) is confirmed whatever extraction thought of it."""
    status: dict[str, str] = {}
    readings: dict[str, tuple[FactReading, ...]] = {}
    for row in rows:
        name = _engine_name(row.name)
        if row.source == "user":
            status[name] = CONFIRMED
            continue
        status[name] = row.status or SINGLE
        if status[name] != DOUBTFUL:
            continue
        found = []
        for raw in row.readings if isinstance(row.readings, list) else []:
            value = _engine_value(row.name, raw.get("value"))
            if value is None:
                continue
            region = raw.get("region")
            found.append(
                FactReading(
                    value,
                    raw.get("page"),
                    raw.get("source") or "",
                    raw.get("confidence"),
                    tuple(region) if isinstance(region, list) and len(region) == 4 else None,
                )
            )
        readings[name] = tuple(found)
    return status, readings


def _stated(fields: Mapping[str, tuple[str | None, int | None]]) -> dict[str, tuple[int, str]]:
    """Periods a reviewer entered for what the documents state (``demand_period`` …)."""
    out = {}
    for name in PERIOD_FACTS:
        value = fields.get(name, (None, None))[0]
        period = stated_period(value + "内") if value else None
        if period is not None:
            out[name] = period
    return out


def roster_entries(session: Any) -> list[RosterEntry]:
    """The roster of certified officers (all departments) as the engine sees it."""
    return [
        RosterEntry(
            o.name,
            o.certificate_no,
            o.valid_from,
            o.valid_to,
            o.department.name if o.department else None,
            o.enforcement_category,
            o.legal_qualification,
        )
        for o in session.scalars(select(Officer).order_by(Officer.id))
    ]


def run_prechecks(
    db: Database, case_id: int, checklist: Checklist, town_powers: TownPowers | None = None
) -> list[Suggestion]:
    """Run the pre-checks of one case against ``checklist`` and store them as suggestions
    (``town_powers``: the 赋权事项清单 the bureau imported, for a 乡镇's dossier)."""
    with db.session() as session:
        facts = facts_of_case(session, case_id, town_powers)
    found = evaluate_prechecks(facts, checklist)
    with db.session() as session:
        rows = list(
            session.scalars(
                select(PrecheckSuggestion).where(PrecheckSuggestion.case_file_id == case_id)
            )
        )
        decided = {r.rule: r for r in rows if r.state != "pending"}
        for row in rows:
            if row.state == "pending":
                session.delete(row)
        for s in found:
            kept = decided.get(s.rule)
            if kept is None:
                kept = PrecheckSuggestion(case_file_id=case_id, rule=s.rule, state="pending")
                session.add(kept)
            row = kept
            row.item_id = s.item_id
            row.message = s.message
            row.pages = list(s.pages)
            row.suggested_points = s.suggested_points
            row.needs_check = s.needs_check
            row.facts = [f.as_json() for f in s.facts]
    return found


def list_suggestions(db: Database, case_id: int) -> list[dict[str, Any]]:
    """The stored suggestions of a case, in the order they were made, as plain data."""
    with db.session() as session:
        rows = session.scalars(
            select(PrecheckSuggestion)
            .where(PrecheckSuggestion.case_file_id == case_id)
            .order_by(PrecheckSuggestion.id)
        )
        return [
            {
                "id": r.id,
                "rule": r.rule,
                "item_id": r.item_id,
                "message": r.message,
                "pages": list(r.pages or []),
                "suggested_points": r.suggested_points,
                "state": r.state,
                "reject_reason": r.reject_reason,
                "needs_check": bool(r.needs_check),
                "facts": list(r.facts or []),
            }
            for r in rows
        ]
