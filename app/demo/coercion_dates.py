"""The dates of a coercion dossier, by procedure: 查封/扣押, 强制执行 of a fine, 强制拆除.

Each planner meets every limit the pre-checks apply unless the spec plants the defect that
breaks it; ``coercion_date_defects`` re-reads the plan the way the rules do, and the case
builder re-draws until the two agree (as for penalty files). Keys beyond DATE_KEYS name the
events of ``scoring/data/prechecks.yaml`` (demand_served, enforcement_decided, …).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import TYPE_CHECKING

from app.casefiles.facts import DATE_KEYS
from app.demo.workdays import (
    add_days_to_workday,
    add_workdays,
    next_workday,
    workday_on_or_before,
    workdays_between,
)
from scoring.workdays import shift_months

if TYPE_CHECKING:
    from app.demo.case import Case

FIRST_DAY = date(2024, 1, 8)
LAST_START = date(2025, 6, 10)
# 强制拆除 only after the 复议 (60 日) and 诉讼 (6 个月) periods of the 限期拆除 decision
# (《行政强制法》第四十四条): a demolition is at least this far after the order.
REMEDY_MONTHS = 6
DEMAND_DAYS = 10  # the 履行期限 a demo 催告书 states (calendar days, "十日内")
SUBSTITUTE_NOTICE = 3  # 代履行三日前催告 (第五十一条, 工作日 by 第六十九条)
PUBLIC_NOTICE_DAYS = 30  # 公告送达: served when thirty days have passed (民事诉讼法第九十五条)

COERCION_DATE_DEFECTS = frozenset(
    {
        "seizure_over_30_days",
        "emergency_report_late",
        "enforcement_before_demand_period",
        "demolition_before_remedy_period",
        "substitute_without_demand",
        "public_notice_too_soon",
    }
)
#: The events the procedures and the later penalty plants add (ground truth ``other_dates``).
PROCEDURE_EVENTS = (
    "emergency_reported",
    "penalty_decided",
    "demand",
    "demand_served",
    "late_fine_decided",
    "enforcement_decided",
    "demolition_ordered",
    "announced",
    "substitute_demanded",
    "demolished",
    "hearing_notified",
    "hearing_held",
    "preserved",
    "preservation_handled",
    "published",
    "transferred",
    "transfer_received",
    "transfer_acknowledged",
)


def rand_workday(rng: random.Random, start: date, end: date) -> date:
    return workday_on_or_before(start + timedelta(days=rng.randrange((end - start).days)))


def _blank() -> dict[str, date | None]:
    return dict.fromkeys((*DATE_KEYS, *PROCEDURE_EVENTS))


def seizure_dates(rng: random.Random, case: Case) -> dict[str, date | None]:
    d = _blank()
    seized = rand_workday(rng, FIRST_DAY, LAST_START)
    d["seized"] = d["discovered"] = d["decided"] = seized
    if not case.has("missing_service_receipt"):
        d["served"] = seized
    if case.has_extension:
        d["extended"] = workday_on_or_before(seized + timedelta(days=rng.randint(24, 29)))
        d["released"] = workday_on_or_before(seized + timedelta(days=rng.randint(38, 60)))
    elif case.has("seizure_over_30_days"):
        d["released"] = add_days_to_workday(seized, rng.randint(36, 50))
    elif not case.has("missing_release_decision"):
        d["released"] = workday_on_or_before(seized + timedelta(days=rng.randint(10, 30)))
    if d["released"] is None:
        d["closed"] = workday_on_or_before(seized + timedelta(days=rng.randint(15, 28)))
    else:
        d["closed"] = add_workdays(d["released"], rng.randint(2, 8))
    if case.emergency:  # 当场实施: the approval is made up afterwards (第十九条)
        late = case.has("emergency_report_late")
        d["emergency_reported"] = add_workdays(seized, rng.randint(2, 4)) if late else seized
    return d


def demand_due(served: date) -> date:
    """The last day of the 催告书's period (a period ending on a rest day runs on to the next
    working day, as the rule counts it)."""
    return next_workday(served + timedelta(days=DEMAND_DAYS))


def _demand_and_decision(rng: random.Random, case: Case, d: dict, demand: date) -> date:
    """催告书, its service and the 强制执行决定 after the period it states (第三十五至三十七条)."""
    d["demand"] = demand
    d["demand_served"] = served = add_workdays(demand, rng.randint(0, 2))
    if case.has("enforcement_before_demand_period"):
        decided = add_days_to_workday(served, rng.randint(2, DEMAND_DAYS - 3))
    else:
        decided = add_workdays(demand_due(served), rng.randint(1, 8))
    d["enforcement_decided"] = d["decided"] = decided
    d["served"] = add_workdays(decided, rng.randint(0, 2))
    return d["served"]


def enforcement_dates(rng: random.Random, case: Case) -> dict[str, date | None]:
    """An unpaid fine: decision served, 15 days pass, 催告 and 加处罚款, 强制执行 (划拨)."""
    d = _blank()
    d["penalty_decided"] = decided = rand_workday(rng, FIRST_DAY, LAST_START)
    d["discovered"] = unpaid = add_days_to_workday(decided, 15 + rng.randint(8, 30))
    demand = add_workdays(unpaid, rng.randint(1, 4))
    d["late_fine_decided"] = demand
    served = _demand_and_decision(rng, case, d, demand)
    d["closed"] = add_workdays(served, rng.randint(3, 10))
    return d


def demolition_dates(rng: random.Random, case: Case) -> dict[str, date | None]:
    """限期拆除 → (复议、诉讼期限) → 催告 → 强制执行决定 → 公告 → 拆除 (by 代履行 or not)."""
    d = _blank()
    d["demolition_ordered"] = ordered = rand_workday(rng, FIRST_DAY, LAST_START)
    d["discovered"] = ordered
    if case.has("demolition_before_remedy_period"):
        demand = add_days_to_workday(ordered, rng.randint(15, 40))
    else:
        demand = add_days_to_workday(shift_months(ordered, REMEDY_MONTHS), rng.randint(3, 20))
    served = _demand_and_decision(rng, case, d, demand)
    last = served
    if not case.has("demolition_without_announcement"):
        d["announced"] = last = add_workdays(served, rng.randint(1, 3))
    if case.substitute:
        d["substitute_demanded"] = last = add_workdays(last, rng.randint(1, 3))
        gap = 1 if case.has("substitute_without_demand") else rng.randint(4, 7)
        d["demolished"] = demolished = add_workdays(last, gap)
    else:
        d["demolished"] = demolished = add_workdays(last, rng.randint(5, 10))
    d["closed"] = add_workdays(demolished, rng.randint(3, 10))
    return d


PLANNERS = {
    "seizure": seizure_dates,
    "enforcement": enforcement_dates,
    "demolition": demolition_dates,
}


def coercion_date_defects(case: Case) -> set[str]:
    """The date-based coercion defects the planned dates actually contain."""
    d = case.dates
    found: set[str] = set()
    if d.get("seized"):
        end = d["released"] or d["closed"]
        if end and (end - case.day("seized")).days > 30 and not case.has_extension:
            found.add("seizure_over_30_days")
    reported = d.get("emergency_reported")
    if reported and (reported - case.day("seized")).days > 1:
        found.add("emergency_report_late")
    demand_served = d.get("demand_served")
    if demand_served and case.day("enforcement_decided") <= demand_due(demand_served):
        found.add("enforcement_before_demand_period")
    ordered = d.get("demolition_ordered")
    if ordered and case.day("demolished") <= shift_months(ordered, REMEDY_MONTHS):
        found.add("demolition_before_remedy_period")
    asked = d.get("substitute_demanded")
    if asked and workdays_between(asked, case.day("demolished")) < SUBSTITUTE_NOTICE:
        found.add("substitute_without_demand")
    # the 强制执行决定书 served by 公告 (issued the day it would have been served): the
    # demolition must wait until the thirty days have passed
    issued, demolished = d.get("served"), d.get("demolished")
    if (
        case.has("public_notice_too_soon")
        and issued
        and demolished
        and demolished < next_workday(issued + timedelta(days=PUBLIC_NOTICE_DAYS))
    ):
        found.add("public_notice_too_soon")
    return found
