"""Running the rule table over one dossier's facts: which rules apply, what they suggest.

Why: the one place that ties a finding to a checklist item and its points, so every check
stays a plain function of the facts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from scoring.checklist import Checklist
from scoring.prechecks.contents import check_contents
from scoring.prechecks.dates import check_date_order, check_time_limit
from scoring.prechecks.documents import (
    check_decision_flag,
    check_document_order,
    check_page_numbers,
    check_required_document,
)
from scoring.prechecks.enforcement import check_enforcement_time
from scoring.prechecks.facts import DossierFacts, Finding, Suggestion
from scoring.prechecks.fine import check_fine_range, check_late_fine_cap, check_on_the_spot_fine
from scoring.prechecks.legal_review import check_legal_review_opinion, check_reviewer_qualification
from scoring.prechecks.officers import check_officers, check_roster
from scoring.prechecks.powers import check_delegated_powers
from scoring.prechecks.remedy import check_remedy
from scoring.prechecks.table import (
    ContentsPrecheck,
    DateOrderPrecheck,
    DecisionFlagPrecheck,
    DelegatedPowersPrecheck,
    DocumentOrderPrecheck,
    DocumentTextPrecheck,
    EnforcementTimePrecheck,
    LateFineCapPrecheck,
    LegalReviewOpinionPrecheck,
    OfficersPrecheck,
    OnTheSpotFinePrecheck,
    PageNumbersPrecheck,
    PrecheckTable,
    RemedyPrecheck,
    RequiredDocumentPrecheck,
    ReviewerQualificationPrecheck,
    RosterPrecheck,
    RuleBase,
    TimeLimitPrecheck,
    condition,
    load_prechecks,
)
from scoring.prechecks.trust import facts_used, weigh
from scoring.prechecks.wording import check_document_text
from scoring.scores import points_for
from scoring.time_limits import TimeLimitRule, load_time_limits
from scoring.workdays import WorkingDayCalendar, default_calendar

__all__ = ["run_prechecks"]


def _item_for(rule: RuleBase, checklist: Checklist | None, kind: str) -> str | None:
    if checklist is not None and checklist.id in rule.items:
        return rule.items[checklist.id]
    return rule.items.get(checklist.kind if checklist is not None else kind) or rule.items.get(kind)


# The check of each kind of rule (time limits and enforcement times need more and are run
# in run_prechecks); one table, so a new kind of rule is one line here.
_SIMPLE: dict[type, Callable[[Any, DossierFacts, PrecheckTable], Finding | None]] = {
    RequiredDocumentPrecheck: check_required_document,
    DateOrderPrecheck: lambda r, f, _t: check_date_order(r, f),
    DecisionFlagPrecheck: check_decision_flag,
    OfficersPrecheck: check_officers,
    DocumentOrderPrecheck: check_document_order,
    RosterPrecheck: check_roster,
    PageNumbersPrecheck: lambda r, f, _t: check_page_numbers(r, f),
    RemedyPrecheck: check_remedy,
    LegalReviewOpinionPrecheck: check_legal_review_opinion,
    ContentsPrecheck: lambda r, f, _t: check_contents(r, f),
    DocumentTextPrecheck: check_document_text,
    DelegatedPowersPrecheck: check_delegated_powers,
    OnTheSpotFinePrecheck: lambda r, f, _t: check_on_the_spot_fine(r, f),
    ReviewerQualificationPrecheck: check_reviewer_qualification,
    LateFineCapPrecheck: lambda r, f, _t: check_late_fine_cap(r, f),
}


def _run_simple(rule: Any, facts: DossierFacts, table: PrecheckTable) -> Finding | None:
    check = _SIMPLE.get(type(rule))
    return check(rule, facts, table) if check else check_fine_range(rule, facts)


def run_prechecks(
    facts: DossierFacts,
    checklist: Checklist | None = None,
    *,
    table: PrecheckTable | None = None,
    time_limits: Mapping[str, TimeLimitRule] | None = None,
    calendar: WorkingDayCalendar | None = None,
) -> list[Suggestion]:
    """Every pre-check that fires on ``facts``, in the table's order, one per rule.

    With a checklist, each suggestion names the rule's item for that checklist (by its id,
    else its kind) and the points one occurrence costs (``points_for``); an item the
    checklist lacks leaves ``item_id`` and ``suggested_points`` None. A rule resting on a
    doubtful fact yields a 需核实 item (``needs_check``, no points: scoring.prechecks.trust)."""
    table = table or load_prechecks()
    limits = time_limits or load_time_limits()
    calendar = calendar or default_calendar()
    out: list[Suggestion] = []
    for rule in table.rules:
        if facts.kind not in rule.kinds:
            continue

        def check(f: DossierFacts, rule: Any = rule) -> Finding | None:
            # The condition too depends on the facts (重大案件 on the fine): tried per reading.
            if not condition(rule.when, f, table):
                return None
            if isinstance(rule, TimeLimitPrecheck):
                return check_time_limit(rule, f, table, limits, calendar)
            if isinstance(rule, EnforcementTimePrecheck):
                return check_enforcement_time(rule, f, table, calendar)
            return _run_simple(rule, f, table)

        weighed = weigh(rule, facts, table, check)
        if weighed is None:
            continue
        finding, needs_check = weighed
        item_id = _item_for(rule, checklist, facts.kind)
        points = None
        if checklist is not None and item_id is not None:
            if checklist.has_item(item_id) and not needs_check:
                points = points_for(checklist.item(item_id), finding.count)
            elif not checklist.has_item(item_id):
                item_id = None
        out.append(
            Suggestion(
                rule=rule.id,
                item_id=item_id,
                message=finding.message,
                pages=tuple(sorted(set(finding.pages))),
                suggested_points=points,
                count=finding.count,
                needs_check=needs_check,
                facts=facts_used(rule, facts, table),
            )
        )
    return out
