"""Pre-checks that rest on doubtful facts: ask the reviewer (需核实) instead of judging.

Why: a date read wrongly where a seal covers it (7月27日 read as 7月2日) made confident false
alarms ("超过7个工作日的送达期限") and hid real ones; one such alarm and a reviewer stops
trusting every pre-check. So a rule whose declared ``inputs`` include a DOUBTFUL fact is run
once for every candidate reading: when no reading makes it fire it says nothing; when any
does, the result is a 需核实 item naming the readings and their pages, never a deduction
suggestion — unless the rule finds the same with every reading and without the fact (it
does not rest on it after all). Once the reviewer confirms the fact (a correction), the rule runs on that value
like any other. This is the one place that decides it, for every rule (the rules only
declare what they read, in ``prechecks.yaml``).
"""

from __future__ import annotations

import datetime as _dt
import itertools
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from scoring.prechecks.facts import (
    SINGLE,
    DossierFacts,
    FactReading,
    FactUse,
    FactValue,
    Finding,
)
from scoring.prechecks.table import PrecheckTable, RuleBase
from scoring.time_limits import format_cn_date

__all__ = ["fact_text", "facts_used", "weigh", "with_value"]

MAX_READINGS = 4  # candidate readings tried per doubtful fact (the store keeps few)


def fact_text(name: str, value: FactValue | None) -> str | None:
    """A fact's value as a reviewer reads it: 2024年7月27日, 8800元."""
    if value is None:
        return None
    if isinstance(value, _dt.date):
        return format_cn_date(value)
    if name in ("fine_yuan", "late_fine_yuan") and isinstance(value, int | float):
        return f"{value:g}元"
    return str(value)


def with_value(facts: DossierFacts, name: str, reading: FactReading) -> DossierFacts:
    """``facts`` with one fact set to a candidate reading (a date by its event, else the
    attribute of that name)."""
    value = reading.value
    if isinstance(value, _dt.date):
        dates = dict(facts.dates) | {name: value}
        pages = dict(facts.date_pages)
        if reading.page is not None:
            pages[name] = reading.page
        return replace(facts, dates=dates, date_pages=pages)
    changes: dict[str, Any] = {name: value}
    if name in ("fine_yuan", "late_fine_yuan"):
        changes = {name: float(value)}
    return replace(facts, **changes)


def facts_used(rule: RuleBase, facts: DossierFacts, table: PrecheckTable) -> tuple[FactUse, ...]:
    """The declared inputs the dossier knows, as shown beside a suggestion."""
    out = []
    for name in rule.inputs:
        value = facts.value_of(name)
        doubtful = facts.is_doubtful(name)
        if value is None and not doubtful:
            continue
        out.append(
            FactUse(
                name=name,
                label=table.fact_label(name),
                value=fact_text(name, value),
                page=facts.page_of(name),
                status=facts.fact_status.get(name, SINGLE),
                readings=tuple(facts.readings.get(name, ())) if doubtful else (),
            )
        )
    return tuple(out)


def _readings(facts: DossierFacts, name: str) -> list[FactReading]:
    """The candidates to try: the stored readings (at most MAX_READINGS, distinct values),
    and the value the engine holds if it is not among them."""
    seen: dict[FactValue, FactReading] = {}
    for reading in facts.readings.get(name, ()):
        seen.setdefault(reading.value, reading)
    current = facts.value_of(name)
    if current is not None and current not in seen:
        seen[current] = FactReading(current, facts.page_of(name))
    return list(seen.values())[:MAX_READINGS]


def _without(facts: DossierFacts, names: Sequence[str]) -> DossierFacts:
    """``facts`` as if the dossier did not state ``names`` at all."""
    dates = {k: v for k, v in facts.dates.items() if k not in names}
    others: dict[str, Any] = {n: None for n in names if n not in facts.dates and hasattr(facts, n)}
    return replace(facts, dates=dates, **others)


def _reading_text(name: str, reading: FactReading) -> str:
    where = f"第 {reading.page} 页" if reading.page else "某页"
    detail = [s for s in (reading.source,) if s]
    if reading.confidence is not None:
        detail.append(f"可信度 {reading.confidence:.2f}")
    suffix = f"（{'，'.join(detail)}）" if detail else ""
    return f"{where}读作{fact_text(name, reading.value)}{suffix}"


def _unread(
    rule: RuleBase, facts: DossierFacts, table: PrecheckTable, unread: Sequence[str]
) -> tuple[Finding, bool] | None:
    """A rule resting on a 待核实 fact with no reading at all (a date the seal hid
    entirely): nothing to try, so it asks — when it has another fact to compare with; a
    rule with nothing else known would say nothing once the fact is confirmed either."""
    if not any(facts.value_of(n) is not None for n in rule.inputs if n not in unread):
        return None
    parts, pages = [], []
    for name in unread:
        page = facts.page_of(name)
        where = f"第 {page} 页" if page else "原文"
        parts.append(f"{table.fact_label(name)}待核实：{where}未能读出（可能被印章覆盖）")
        pages += [page] if page else []
    message = "。".join(parts) + "。本项无法判断，请先确认该要素，确认后重新预检。"
    return Finding(message, pages), True


def weigh(
    rule: RuleBase,
    facts: DossierFacts,
    table: PrecheckTable,
    check: Callable[[DossierFacts], Finding | None],
) -> tuple[Finding, bool] | None:
    """Run ``check`` on ``facts``; (finding, needs_check) or None when nothing is found.

    With no doubtful input, the plain finding (needs_check False). With doubtful inputs, the
    check runs on every combination of their readings; if any fires, one 需核实 finding
    naming the readings and what the rule would say, its pages those of the readings —
    unless every reading and the facts' absence give the very same finding: then the
    finding does not rest on them and is plain."""
    doubtful = [name for name in rule.inputs if facts.is_doubtful(name)]
    if not doubtful:
        found = check(facts)
        return (found, False) if found is not None else None
    unread = [name for name in doubtful if not _readings(facts, name)]
    if unread:
        return _unread(rule, facts, table, unread)
    options = [[(name, r) for r in _readings(facts, name)] for name in doubtful]
    fired: list[tuple[Sequence[tuple[str, FactReading]], Finding]] = []
    combos = list(itertools.product(*options))
    for combo in combos:
        variant = facts
        for name, reading in combo:
            variant = with_value(variant, name, reading)
        found = check(variant)
        if found is not None:
            fired.append((combo, found))
    if not fired:
        return None
    alone = check(_without(facts, doubtful)) if len(fired) == len(combos) else None
    if alone is not None and all(found == alone for _, found in fired):
        # The same finding whatever the doubtful facts read, and without them: it does not
        # rest on them (a 救济告知's 三个月 is wrong whatever day the decision was made).
        return alone, False
    parts = []
    pages: list[int] = []
    for name in doubtful:
        readings = _readings(facts, name)
        pages += [r.page for r in readings if r.page]
        parts.append(
            f"{table.fact_label(name)}待核实："
            + "；".join(_reading_text(name, r) for r in readings)
        )
    first, found = fired[0]
    if_read = "、".join(f"{fact_text(n, r.value)}" for n, r in first)
    message = "。".join(parts) + f"。若为{if_read}：{found.message}请先确认该要素，确认后重新预检。"
    return Finding(message, pages + found.pages, found.count), True
