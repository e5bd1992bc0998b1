"""The concrete facts of one synthetic case, derived from a spec's seed.

Dates are planned so that every statutory limit is met unless the spec plants a defect
that breaks it; ``date_defects`` re-checks the plan and the builder re-draws until the
dates say exactly what the spec asked for.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from app.casefiles.facts import DATE_KEYS  # the dated steps a dossier records
from app.demo.chinese_text import DATE_STYLES, format_date
from app.demo.coercion_dates import (
    COERCION_DATE_DEFECTS,
    FIRST_DAY,
    LAST_START,
    PLANNERS,
    coercion_date_defects,
    rand_workday,
)
from app.demo.identities import (
    Officer,
    Party,
    catalog,
    make_officers,
    make_party,
    person_name,
    plate,
)
from app.demo.spec import (
    LATE_FINE_DEFECTS,
    MAJOR_FINE_ORGANISATION,
    MAJOR_FINE_PERSON,
    DossierSpec,
)
from app.demo.workdays import (
    add_days_to_workday,
    add_workdays,
    is_workday,
    workday_on_or_before,
    workdays_between,
)
from scoring.fine_ranges import fine_range_for, parse_provisions

LAST_DAY = date(2025, 12, 31)
DATE_DEFECTS = (
    frozenset(
        {
            "late_service",
            "over_90_days",
            "legal_review_after_decision",
            "decided_before_defence_period",
        }
    )
    | COERCION_DATE_DEFECTS
)


@dataclass
class Case:
    spec: DossierSpec
    organ: str
    city: str
    district: str
    case_no: str
    party: Party
    cause: str
    violated: str
    basis: str
    facts: str
    goods: str
    fine: int | None
    major: bool
    officers: list[Officer]
    leader: str
    legal_officer: str
    division_head: str
    dates: dict[str, date | None]
    has_defence_record: bool = False
    has_extension: bool = False
    measure: str = ""
    items: list[tuple[str, str, int]] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)
    court: str = ""  # the basic people's court for 行政诉讼
    emergency: bool = False  # a seizure made on the spot (当场实施, 《行政强制法》第十九条)
    substitute: bool = False  # a demolition carried out by 代履行 (第五十条、第五十一条)
    penalty_no: str = ""  # the unpaid penalty decision an enforcement executes
    order_no: str = ""  # the 责令限期拆除决定书 a demolition executes
    violated_on: date | None = None  # the day of the act, where the facts state it
    rng: random.Random = field(default_factory=random.Random)

    @property
    def kind(self) -> str:
        return self.spec.kind

    @property
    def procedure(self) -> str:
        """penalty, or the coercion procedure (seizure, enforcement, demolition)."""
        return self.spec.coercion_procedure if self.kind == "coercion" else "penalty"

    @property
    def start_key(self) -> str:
        """The date a dossier's cover gives as its start."""
        return {"penalty": "filed", "seizure": "seized"}.get(self.procedure, "discovered")

    def has(self, defect: str) -> bool:
        return defect in self.spec.defects

    @property
    def case_name(self) -> str:
        return f"{self.party.name}{self.cause.removeprefix('涉嫌')}案"

    def day(self, key: str) -> date:
        value = self.dates[key]
        if value is None:
            raise KeyError(key)
        return value

    def fmt(self, key: str, styles: tuple[str, ...] = DATE_STYLES) -> str:
        """The date ``key`` printed in a style drawn from ``styles``."""
        return format_date(self.day(key), self.rng.choice(styles))


def _penalty_dates(rng: random.Random, case: Case) -> dict[str, date | None]:
    has = case.has
    d: dict[str, date | None] = dict.fromkeys(DATE_KEYS)
    d["discovered"] = discovered = rand_workday(rng, FIRST_DAY, LAST_START)
    d["filed"] = filed = add_workdays(discovered, rng.randint(1, 8))
    if has("transfer_late"):
        d["filed"] = filed = _transfer_dates(rng, d, discovered)
    d["inquired"] = inquired = add_workdays(filed, rng.randint(2, 8))
    if has("over_90_days"):
        d["reported"] = last = add_days_to_workday(inquired, rng.randint(75, 95))
    else:
        d["reported"] = last = add_workdays(inquired, rng.randint(5, 14))
    if case.major and not has("missing_legal_review") and not has("legal_review_after_decision"):
        d["legal_review"] = last = add_workdays(last, rng.randint(1, 3))
    if case.major and not has("missing_collective_discussion"):
        d["discussed"] = last = add_workdays(last, rng.randint(1, 3))
    d["notice"] = notice = add_workdays(last, rng.randint(1, 3))
    d["notice_served"] = notice_served = add_workdays(notice, rng.randint(0, 2))
    # asked for a hearing, notified less than 7 days before it: the decision waits for it
    if has("hearing_notified_late"):
        d["hearing_notified"] = notified = add_workdays(notice_served, rng.randint(2, 4))
        d["hearing_held"] = notice_served = add_workdays(notified, rng.randint(3, 5))
    if has("decided_before_defence_period"):
        d["decision_approved"] = approved = add_workdays(notice_served, rng.randint(1, 2))
        d["decided"] = decided = approved
    else:
        d["decision_approved"] = approved = add_workdays(notice_served, rng.randint(5, 8))
        d["decided"] = decided = add_workdays(approved, rng.randint(0, 1))
        if case.has_defence_record:
            d["defence"] = add_workdays(notice_served, rng.randint(1, 3))
    if has("legal_review_after_decision"):
        d["legal_review"] = add_workdays(decided, rng.randint(1, 4))
    served: date | None = None
    if not has("missing_service_receipt"):
        late = has("late_service")
        d["served"] = served = add_workdays(
            decided, rng.randint(9, 16) if late else rng.randint(0, 5)
        )
    if any(has(code) for code in LATE_FINE_DEFECTS):  # paid late, after a 加处罚款决定
        late_fine = add_days_to_workday(served or decided, 15 + rng.randint(3, 10))
        d["late_fine_decided"] = served = late_fine
    d["paid"] = paid = add_workdays(served or decided, rng.randint(2, 8))
    d["closed"] = add_workdays(paid, rng.randint(3, 12))
    _later_steps(rng, case, d)
    return d


def _transfer_dates(rng: random.Random, d: dict[str, date | None], discovered: date) -> date:
    """Found by a department, sent to the 乡镇 after the 3 working days of the 衔接机制,
    acceptance told in time; returns the day the 乡镇 files the case."""
    d["transferred"] = transferred = add_workdays(discovered, rng.randint(5, 8))
    d["transfer_received"] = received = add_workdays(transferred, rng.randint(0, 1))
    d["transfer_acknowledged"] = told = add_workdays(received, rng.randint(1, 2))
    return add_workdays(told, rng.randint(0, 2))


def _later_steps(rng: random.Random, case: Case, d: dict[str, date | None]) -> None:
    """先行登记保存 at the inquiry handled after 7 days; 公示 after 7 working days."""
    inquired, decided, closed = d["inquired"], d["decided"], d["closed"]
    assert inquired and decided and closed  # every penalty plan has them
    if case.has("preservation_handled_late"):
        d["preserved"] = inquired
        d["preservation_handled"] = add_workdays(inquired, rng.randint(9, 14))
    if case.has("publication_late"):
        d["published"] = published = add_workdays(decided, rng.randint(9, 15))
        d["closed"] = max(closed, add_workdays(published, rng.randint(1, 3)))


def date_defects(case: Case) -> set[str]:
    """The date-based defects the planned dates actually contain."""
    d = case.dates
    found: set[str] = set()
    if case.kind == "penalty":
        if d["served"] and workdays_between(case.day("decided"), d["served"]) > 7:
            found.add("late_service")
        if (case.day("decided") - case.day("filed")).days > 90:
            found.add("over_90_days")
        review = d.get("legal_review")
        if review is not None and review > case.day("decided"):
            found.add("legal_review_after_decision")
        if workdays_between(case.day("notice_served"), case.day("decided")) < 3:
            found.add("decided_before_defence_period")
    else:
        found |= coercion_date_defects(case)
    return found


def _plan_is_sound(case: Case) -> bool:
    d = case.dates
    values = [v for v in d.values() if v is not None]
    if max(values) > LAST_DAY or not all(is_workday(v) for v in values):
        return False
    if case.kind == "penalty":
        if workdays_between(case.day("discovered"), case.day("filed")) > 15:
            return False
        # A clean file decides after the period of the notice has passed: 3 working days, or
        # 5 when the notice offers a hearing (major cases); a decision on its last day is
        # still inside it. (5 rather than 4 for the others keeps the libraries already drawn.)
        if not case.has("decided_before_defence_period") and workdays_between(
            case.day("notice_served"), case.day("decided")
        ) < (6 if case.major else 5):
            return False
    elif case.has_extension and (d["released"] - d["seized"]).days > 60:  # type: ignore[operator]
        return False
    return date_defects(case) == DATE_DEFECTS & set(case.spec.defects)


ACT_DAY = "当事人于{day}"  # facts that state the day of the act (for a time bar)
TIME_BAR_DAYS = (730 + 30, 730 + 300)  # act to discovery: clearly beyond two years


def _out_of_range_fine(cause: dict, company: bool) -> list[int]:
    """Fines just outside the statutory range of the cause's basis (below and above)."""
    found = fine_range_for(parse_provisions(cause["basis"]), company)
    if found is None:
        return []
    below = [int(found.low // 2 // 100 * 100)] if found.low >= 400 else []
    return [*below, int(found.high * 2)]


def _fines(cause: dict, spec: DossierSpec, company: bool) -> list[int]:
    if cause.get("party", "organisation" if company else "person") != (
        "organisation" if company else "person"
    ):
        return []
    if "time_bar_exceeded" in spec.defects and ACT_DAY not in cause.get("facts", ""):
        return []
    if "fine_out_of_range" in spec.defects:
        return _out_of_range_fine(cause, company)
    return list(cause["fines"])


def _choose_cause(rng: random.Random, spec: DossierSpec, company: bool) -> tuple[dict, int, bool]:
    causes = catalog()["departments"][spec.department]["causes"]
    threshold = MAJOR_FINE_ORGANISATION if company else MAJOR_FINE_PERSON
    want_major = spec.needs_major or None if spec.major is not False else False
    outside = "outside_delegated_powers" in spec.defects
    options = [
        (cause, fine)
        for cause in causes
        if cause.get("outside_powers", False) == outside
        for fine in _fines(cause, spec, company)
        if want_major is None or (fine >= threshold) == want_major
    ]
    if not options:
        raise ValueError(f"部门 {spec.department} 没有符合要求（重大案件：{want_major}）的案由")
    cause, fine = rng.choice(options)
    return cause, fine, fine >= threshold


def _fill(
    template: str, rng: random.Random, cause: dict, abbr: str, day: date, fine: int, goods: str
) -> str:
    values: dict[str, str] = defaultdict(str)
    values.update(
        goods=goods,
        claim=rng.choice(cause.get("claims", [""])),
        place=rng.choice(catalog()["places"]),
        qty=str(rng.randint(3, 260)),
        value=f"{rng.randint(8, 900) * 100}",
        gain=f"{rng.randint(2, 90) * 10}",
        plate=plate(rng, abbr),
        day=format_date(day, "ymd_cn"),
        invest=f"{fine * rng.randint(20, 80):,}",
    )
    return template.format_map(values)


def build_case(spec: DossierSpec) -> Case:
    """All the facts of ``spec``'s dossier; the same spec always yields the same case."""
    rng = random.Random(f"case:{spec.seed}")
    cat = catalog()
    city = rng.choice(cat["cities"])
    dept = cat["departments"][spec.department]
    town = rng.choice(cat["towns"])
    organ = dept["organ"].format(city=city["name"], town=f"{city['county']}{town}")
    company = spec.company if spec.company is not None else (spec.needs_major or rng.random() < 0.6)
    place_prefix = city["district"] if spec.department != "town" else f"{city['county']}{town}"
    officers = make_officers(rng, 2)
    staff = [person_name(rng) for _ in range(3)]
    procedure = spec.coercion_procedure if spec.kind == "coercion" else "penalty"
    if procedure in ("penalty", "enforcement"):  # an enforcement executes an unpaid fine
        try:
            cause, fine, major = _choose_cause(rng, spec, company)
        except ValueError:
            if spec.company is not None:
                raise
            company = not company  # e.g. no fine below the personal threshold here
            cause, fine, major = _choose_cause(rng, spec, company)
        goods = rng.choice(cause.get("goods", [""]))
        violated, basis = cause["violated"], cause["basis"]
        measure, items = "", []
        major = major and procedure == "penalty"
    elif procedure == "demolition":
        cause = rng.choice(cat["demolition"][spec.department])
        fine, major, goods = None, False, ""
        violated, basis, measure = cause["violated"], cause["basis"], "强制拆除"
        items = [(cause["building"], "平方米", rng.randint(40, 600))]
    else:
        cause = rng.choice(cat["coercion"][spec.department])
        fine, major, goods = None, False, ""
        violated, basis, measure = "", cause["basis"], cause["measure"]
        items = [
            (name, unit, rng.randint(1, 120) if unit not in ("辆", "台") else rng.randint(1, 3))
            for name, unit in cause["items"]
        ]
    party = make_party(rng, company, place_prefix, city["name"])
    case = Case(
        spec=spec,
        organ=organ,
        city=city["name"],
        district=place_prefix,
        case_no="",
        party=party,
        cause=cause["cause"],
        violated=violated,
        basis=basis,
        facts="",
        goods=goods,
        fine=fine,
        major=major,
        officers=officers,
        leader=staff[0],
        legal_officer=staff[1],
        division_head=staff[2],
        dates={},
        measure=measure,
        items=items,
        titles={k: dept[k] for k in ("seizure_title", "release_title", "extension_title")},
        court=f"{city['county'] if spec.department == 'town' else city['district']}人民法院",
        emergency="emergency_report_late" in spec.defects,
        # a demolition by 代履行 (a third party demolishes): drawn apart from the case's rng
        substitute=procedure == "demolition"
        and (
            "substitute_without_demand" in spec.defects
            or random.Random(f"substitute:{spec.seed}").random() < 0.5
        ),
    )
    for _ in range(200):
        # A decision made before the defence period passed has no 陈述申辩 record to show.
        case.has_defence_record = (
            spec.kind == "penalty"
            and "decided_before_defence_period" not in spec.defects
            and rng.random() < 0.4
        )
        case.has_extension = spec.kind == "coercion" and not spec.defects and rng.random() < 0.5
        case.has_extension = case.has_extension and procedure == "seizure"
        planner = _penalty_dates if spec.kind == "penalty" else PLANNERS[procedure]
        case.dates = planner(rng, case)
        if _plan_is_sound(case):
            break
    else:  # pragma: no cover - the ranges above always admit a plan
        raise RuntimeError("无法为该案卷安排符合要求的日期")
    if ACT_DAY in cause.get("facts", "") and spec.kind == "penalty":
        case.violated_on = case.day("discovered")
        if spec.has_time_bar:
            gap = random.Random(f"time-bar:{spec.seed}").randint(*TIME_BAR_DAYS)
            case.violated_on = workday_on_or_before(case.day("discovered") - timedelta(days=gap))
    case.facts = _fill(
        cause.get("facts", ""),
        rng,
        cause,
        city["abbr"],
        case.violated_on or case.day("discovered"),
        fine or 0,
        goods,
    )
    key, number = {
        "penalty": ("decided", "penalty_no"),
        "seizure": ("seized", "coercion_no"),
    }.get(procedure, ("decided", "enforcement_no"))
    case.case_no = dept[number].format(
        abbr=city["abbr"], town_abbr=town[0], year=case.day(key).year, n=rng.randint(3, 180)
    )
    for event, template, attr in (
        ("penalty_decided", "penalty_no", "penalty_no"),
        ("demolition_ordered", "demolition_no", "order_no"),
    ):
        if case.dates.get(event):
            setattr(
                case,
                attr,
                dept[template].format(
                    abbr=city["abbr"],
                    town_abbr=town[0],
                    year=case.day(event).year,
                    n=rng.randint(3, 180),
                ),
            )
    case.rng = random.Random(f"text:{spec.seed}")
    return case
