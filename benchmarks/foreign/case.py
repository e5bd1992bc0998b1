"""One foreign dossier's case: who, what, which dates, which defects, how it was scanned.

Everything is drawn from ``random.Random(seed)`` so a seed always gives the same dossier.
The procedure's dates follow the order of a general-procedure penalty case with wide
margins, so a planted defect is unambiguous (a late service is 20+ calendar days, never
"7 or 8 working days depending on the holiday calendar") and a clean dossier is clean.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import yaml

#: Planted defects (this corpus's own ids; the benchmark maps them to the product's rules).
DEFECTS = (
    "late_service",  # decision served > 7 working days after it was made (行政处罚法第六十一条)
    "review_after_decision",  # 法制审核 dated after the decision (先决定后审核)
    "no_decision_receipt",  # no 送达回证 for the decision
    "over_90_days",  # decided > 90 days after filing, no extension (行政处罚法第六十条)
    "notice_after_decision",  # 告知书 served after the decision was made
    "simple_fine_over_limit",  # 当场处罚 above 200 yuan for a citizen (行政处罚法第五十一条)
    # 市场监管 files a case > 15 working days after finding it (市场监督管理行政处罚程序规定第十八条)
    "late_filing",
    # decided the day after the 告知书 was served, inside its 陈述申辩 period (行政处罚法第六十二条)
    "decided_in_defence_period",
    "no_remedy_notice",  # decision tells no 复议/诉讼 route or period (行政处罚法第五十九条第五项)
    # litigation period stated as 三个月 (the pre-2015 行政诉讼法), not 六个月 (第四十六条)
    "wrong_remedy_period",
    "no_legal_review",  # 重大案件 (collectively discussed) decided without 法制审核 (第五十八条)
)

#: The recipes dealt round-robin (after a seeded shuffle) so every corpus of 12 has each
#: defect, clean files, lawfully long (extended) files and simple-procedure files.
RECIPES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("general", ()),
    ("general", ("late_service",)),
    ("extended", ()),
    ("general", ("review_after_decision",)),
    ("general", ("no_decision_receipt",)),
    ("general", ("over_90_days",)),
    ("simple", ()),
    ("general", ("notice_after_decision",)),
    ("general", ()),
    ("simple", ("simple_fine_over_limit",)),
    ("general", ("late_service", "review_after_decision")),
    ("extended", ()),
)
#: Dossiers 13-20 (and on, round-robin): the later defect kinds, so a corpus of 20 plants
#: 20 defects. Kept apart from RECIPES so the first 12 dossiers of a seed never change.
MORE_RECIPES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("general", ("late_filing",)),
    ("general", ("decided_in_defence_period",)),
    ("general", ("no_remedy_notice",)),
    ("general", ("wrong_remedy_period", "late_service")),
    ("general", ("no_legal_review",)),
    ("general", ("decided_in_defence_period", "no_decision_receipt")),
    ("general", ("late_filing", "wrong_remedy_period")),
    ("general", ("over_90_days", "no_legal_review")),
)


@cache
def wording() -> dict[str, Any]:
    data = yaml.safe_load((Path(__file__).with_name("sectors.yaml")).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@dataclass(frozen=True)
class Person:
    name: str
    is_org: bool
    address: str
    id_no: str
    representative: str = ""


@dataclass
class Case:
    seed: int
    name: str
    procedure: str  # general | extended | simple
    defects: tuple[str, ...]
    sector: str
    place: str
    organ: str
    reconsideration: str  # the body named in the decision's remedy notice
    court: str
    case_no: str
    cause: str
    violation: str
    basis: str
    penalty_basis: str
    party: Person
    officers: tuple[tuple[str, str], ...]
    fine: int
    major: bool
    dates: dict[str, date] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    # how the dossier is put together and scanned
    cover: bool = True
    toc: bool = False
    blank_after_toc: bool = False
    archive_note: bool = False
    defence_record: bool = False
    colour: bool = True
    dpi: int = 150
    chinese_numeral_dates: bool = False


def _weekday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _name(rng: random.Random) -> str:
    w = wording()
    return rng.choice(w["surnames"]) + rng.choice(w["given"])


def _party(rng: random.Random, place: str, is_org: bool) -> Person:
    w = wording()
    road = rng.choice(["人民路", "建设路", "解放街", "滨江大道", "工业园区"])
    address = f"{place}{road}{rng.randint(1, 300)}号"
    if is_org:
        name = place[:2] + rng.choice(w["company_words"]) + rng.choice(w["company_kinds"])
        code = "91" + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(16))
        return Person(name, True, address, code, _name(rng))
    id_no = f"5{rng.randint(10000, 99999)}19{rng.randint(60, 99)}{rng.randint(1000, 1231):04d}{rng.randint(1000, 9999)}"
    return Person(_name(rng), False, address, id_no)


def _dates(rng: random.Random, procedure: str, defects: tuple[str, ...]) -> dict[str, date]:
    """The procedure's dates in order; a defect moves exactly the date it is about."""
    start = date(2024, 1, 8) + timedelta(days=rng.randint(0, 300))
    d: dict[str, date] = {"discovered": _weekday(start)}
    if procedure == "simple":
        d["decided"] = d["discovered"]
        d["closed"] = _weekday(d["decided"] + timedelta(days=rng.randint(3, 12)))
        return d
    step = lambda key, base, lo, hi: d.__setitem__(  # noqa: E731
        key, _weekday(d[base] + timedelta(days=rng.randint(lo, hi)))
    )
    if "late_filing" in defects:  # 35+ calendar days: > 15 working days even over 春节
        step("filed", "discovered", 35, 45)
    else:
        step("filed", "discovered", 1, 5)
    slow = procedure == "extended" or "over_90_days" in defects
    step("inquired", "filed", 2, 10)
    step("reported", "inquired", 30 if slow else 5, 50 if slow else 15)
    step("review", "reported", 2, 6)
    step("discussed", "review", 1, 4)
    step("notice", "discussed", 1, 3)
    step("notice_served", "notice", 0, 2)
    step("decided", "notice_served", 10, 16)
    if procedure == "extended":
        d["extended"] = _weekday(d["filed"] + timedelta(days=rng.randint(78, 84)))
        d["decided"] = _weekday(d["filed"] + timedelta(days=rng.randint(96, 112)))
    if "over_90_days" in defects:
        d["decided"] = _weekday(d["filed"] + timedelta(days=rng.randint(100, 140)))
    for key in ("review", "discussed", "notice", "notice_served"):  # keep the order
        if d[key] >= d["decided"]:
            d[key] = d["decided"] - timedelta(days={"review": 9, "discussed": 8}.get(key, 7))
    if "review_after_decision" in defects:
        d["review"] = _weekday(d["decided"] + timedelta(days=rng.randint(2, 6)))
    if "decided_in_defence_period" in defects:
        d["decided"] = _weekday(d["notice_served"] + timedelta(days=1))
    if "notice_after_decision" in defects:
        d["notice"] = d["decided"] - timedelta(days=rng.randint(1, 3))
        d["notice_served"] = _weekday(d["decided"] + timedelta(days=rng.randint(1, 4)))
    late = "late_service" in defects
    step("served", "decided", 20 if late else 0, 30 if late else 3)
    step("paid", "served", 3, 12)
    step("closed", "paid", 3, 15)
    if d["review"] > d["closed"]:
        d["closed"] = _weekday(d["review"] + timedelta(days=5))
    return d


def _recipe(index: int, seed: int) -> tuple[str, tuple[str, ...]]:
    """RECIPES for the first 12 dossiers (as before MORE_RECIPES existed), then MORE_RECIPES."""
    recipes = RECIPES if index < len(RECIPES) else MORE_RECIPES
    order = list(range(len(recipes)))
    random.Random(seed if recipes is RECIPES else seed + 1).shuffle(order)
    position = index if recipes is RECIPES else index - len(RECIPES)
    return recipes[order[position % len(recipes)]]


def plan_case(index: int, seed: int) -> Case:
    """The ``index``-th dossier of the corpus seeded ``seed``."""
    procedure, defects = _recipe(index, seed)
    rng = random.Random(seed * 7919 + index)
    w = wording()
    place = rng.choice(w["places"])
    city = rng.choice(["南岭市", "江州市", "云州市"])
    town = rng.choice(w["towns"])
    if procedure == "simple":
        simple = rng.choice(w["simple"]["causes"])
        sector_key = simple["sector"]
        cause = {
            "cause": simple["cause"],
            "violation": simple["cause"],
            "basis": "",
            "penalty": simple["penalty"],
        }
    else:
        sector_key = rng.choice(sorted(w["sectors"]))
        cause = rng.choice(w["sectors"][sector_key]["causes"])
        if "late_filing" in defects:  # a 市场监管 time limit: the case must be 市场监管's
            sector_key = "market"
            cause = w["sectors"][sector_key]["causes"][0]
    sector = w["sectors"][sector_key]
    organ = sector["organ"].format(place=place, city=city, town=town)
    short = (town if sector_key == "township" else place)[:2]
    abbr = sector["abbr"].format(short=short)
    dates = _dates(rng, procedure, defects)
    number = rng.randint(3, 180)
    case_no = sector["case_no"].format(abbr=abbr, year=dates["decided"].year, n=number)
    if sector_key == "township":
        reconsideration = f"{place}人民政府"
    elif sector_key == "ecology":
        reconsideration = f"{city}人民政府"
    else:
        reconsideration = f"{place}人民政府"
    is_org = procedure != "simple" and rng.random() < 0.6
    party = _party(rng, place, is_org)
    if procedure == "simple":
        fine = rng.randint(5, 20) * 10
        if "simple_fine_over_limit" in defects:
            fine = rng.randint(5, 12) * 100
    else:
        low, high = cause["org" if is_org else "person"]
        fine = rng.randint(low // 100, high // 100) * 100
    officers = tuple(
        (_name(rng), f"{rng.randint(11, 65)}{rng.randint(100000, 999999)}") for _ in range(2)
    )
    case = Case(
        seed=seed,
        name=f"foreign-{index + 1:02d}-{sector_key}",
        procedure=procedure,
        defects=defects,
        sector=sector_key,
        place=place,
        organ=organ,
        reconsideration=reconsideration,
        court=f"{place}人民法院",
        case_no=case_no,
        cause=cause["cause"],
        violation=cause["violation"],
        basis=cause["basis"],
        penalty_basis=cause["penalty"],
        party=party,
        officers=officers,
        fine=fine,
        # a fine at the usual provincial 重大 thresholds makes the case major whatever else
        major=procedure != "simple"
        and (rng.random() < 0.75 or fine >= (100000 if is_org else 10000)),
        dates=dates,
        titles=dict(sector.get("titles", {})),
    )
    if "review_after_decision" in defects or "no_legal_review" in defects:
        case.major = True
    case.cover = rng.random() < 0.85
    case.toc = procedure != "simple" and rng.random() < 0.5
    case.blank_after_toc = case.toc and rng.random() < 0.5
    case.archive_note = rng.random() < 0.5
    case.defence_record = procedure != "simple" and rng.random() < 0.4
    case.colour = rng.random() < 0.6
    case.dpi = 300 if rng.random() < 0.4 else 150
    case.chinese_numeral_dates = rng.random() < 0.25
    return case
