"""What a synthetic dossier should be, and the plan of a whole demo library.

A spec holds only the choices that matter to a test (kind, department, planted defects,
seed); case.py derives every concrete detail from its seed, so a spec written by hand in a
test is as valid as one from ``plan_library``.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

KINDS = ("penalty", "coercion")
DEPARTMENTS = ("market", "urban", "transport", "ecology", "town")
BIG_FINE_DEPARTMENTS = ("market", "urban", "ecology")

# Stable defect codes, with the kind of dossier each can be planted in.
PENALTY_DEFECTS = (
    "late_service",
    "over_90_days",
    "missing_legal_review",
    "legal_review_after_decision",
    "decided_before_defence_period",
    "single_officer",
    "missing_collective_discussion",
    "fine_out_of_range",
    "time_bar_exceeded",
    "bare_legal_review",
    "no_correction_order",
)
COERCION_DEFECTS = ("seizure_over_30_days", "missing_release_decision")
SHARED_DEFECTS = (
    "missing_service_receipt",
    "missing_remedy_notice",
    "page_gap",
    "missing_case_no",
    "no_av_record",
)
DEFECT_CODES = PENALTY_DEFECTS + COERCION_DEFECTS + SHARED_DEFECTS
NEEDS_MAJOR = frozenset(
    {
        "missing_legal_review",
        "legal_review_after_decision",
        "missing_collective_discussion",
        "bare_legal_review",
    }
)
# A time-barred act is one a party did on a stated day (倾倒建筑垃圾, 焚烧秸秆, 露天烧烤):
# those causes carry fines below the major-case line, so the two cannot meet.
CONFLICTS = (
    frozenset({"missing_legal_review", "legal_review_after_decision"}),
    frozenset({"missing_legal_review", "bare_legal_review"}),
    frozenset({"late_service", "missing_service_receipt"}),
    frozenset({"seizure_over_30_days", "missing_release_decision"}),
    *(frozenset({"time_bar_exceeded", code}) for code in sorted(NEEDS_MAJOR)),
)
# Codes added after the first release: planted last, so a seed draws the same library
# as before apart from them.
LATER_DEFECTS = (
    "fine_out_of_range",
    "time_bar_exceeded",
    "bare_legal_review",
    "no_correction_order",
)
#: Later codes planted in coercion files (after the first draw, like LATER_DEFECTS).
LATER_COERCION_DEFECTS = ("no_av_record",)
# Departments with a cause for the defect: a basis whose fine range is a fixed amount
# (scoring/data/fine_ranges.yaml), or facts stating the day of the act (当事人于{day}).
DEFECT_DEPARTMENTS = {
    "fine_out_of_range": ("urban", "transport", "ecology", "town"),
    "time_bar_exceeded": ("urban", "town"),
}

# 重大案件: fines at or above these amounts need 法制审核 and 集体讨论 (a common provincial line).
MAJOR_FINE_ORGANISATION = 100_000
MAJOR_FINE_PERSON = 10_000


@dataclass(frozen=True)
class DossierSpec:
    """One dossier to generate. ``major``/``company`` None: let the seed decide."""

    name: str
    kind: str = "penalty"
    department: str = "market"
    seed: int = 0
    defects: tuple[str, ...] = ()
    major: bool | None = None
    company: bool | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"未知的案卷类别：{self.kind}")
        if self.department not in DEPARTMENTS:
            raise ValueError(f"未知的执法部门：{self.department}")
        allowed = allowed_defects(self.kind)
        for code in self.defects:
            if code not in allowed:
                raise ValueError(f"缺陷 {code} 不适用于{_KIND_NAMES[self.kind]}案卷")
        for pair in CONFLICTS:
            if pair <= set(self.defects):
                raise ValueError(f"缺陷 {' 与 '.join(sorted(pair))} 不能同时设置")
        if NEEDS_MAJOR & set(self.defects) and self.major is False:
            raise ValueError("法制审核、集体讨论类缺陷只能用于重大案件")

    @property
    def has_time_bar(self) -> bool:
        return "time_bar_exceeded" in self.defects

    @property
    def needs_major(self) -> bool:
        return bool(self.major) or bool(NEEDS_MAJOR & set(self.defects))


_KIND_NAMES = {"penalty": "行政处罚", "coercion": "行政强制"}


def allowed_defects(kind: str) -> tuple[str, ...]:
    own = PENALTY_DEFECTS if kind == "penalty" else COERCION_DEFECTS
    return own + SHARED_DEFECTS


def _departments_for(defects: list[str], major: bool) -> tuple[str, ...]:
    """The departments whose causes can carry all of ``defects`` (every one if none limit)."""
    allowed: tuple[str, ...] = BIG_FINE_DEPARTMENTS if major else DEPARTMENTS
    for code in defects:
        allowed = tuple(d for d in allowed if d in DEFECT_DEPARTMENTS.get(code, allowed))
    return allowed or DEPARTMENTS


def _compatible(code: str, current: list[str]) -> bool:
    return not any(pair <= {code, *current} for pair in CONFLICTS) and code not in current


def _assign(codes: list[str], files: list[list[str]]) -> None:
    """Give each code to the least-loaded compatible file (best effort for tiny libraries)."""
    for code in codes:
        for target in sorted(files, key=len):
            if _compatible(code, target):
                target.append(code)
                break


def plan_library(count: int = 12, seed: int = 2024) -> list[DossierSpec]:
    """A mixed library: ~2/3 penalty, ~1/3 coercion, >= 1/3 clean, every defect code planted
    at least once when ``count`` allows (12, the default, does)."""
    if count < 1:
        raise ValueError("案卷数量至少为 1")
    rng = random.Random(seed)
    n_coe = round(count / 3)
    n_pen = count - n_coe
    clean_total = math.ceil(count / 3)
    clean_coe = min(n_coe, max(1 if n_coe >= 2 else 0, round(clean_total * n_coe / count)))
    clean_pen = min(n_pen, clean_total - clean_coe)
    pen_files: list[list[str]] = [[] for _ in range(n_pen - clean_pen)]
    coe_files: list[list[str]] = [[] for _ in range(n_coe - clean_coe)]
    early = [c for c in PENALTY_DEFECTS if c not in LATER_DEFECTS]
    pen_codes = [*early, "missing_service_receipt", "missing_remedy_notice", "page_gap"]
    coe_codes = [*COERCION_DEFECTS, "missing_case_no", *LATER_COERCION_DEFECTS]
    if not coe_files:
        pen_codes.append("missing_case_no")
    rng.shuffle(pen_codes)
    pen_codes += LATER_DEFECTS  # after the shuffle: older libraries keep their draw
    if not coe_files:
        pen_codes += LATER_COERCION_DEFECTS
    _assign(pen_codes, pen_files)
    _assign(coe_codes, coe_files)
    for files, kind in ((pen_files, "penalty"), (coe_files, "coercion")):
        for target in files:
            if not target:
                options = [c for c in allowed_defects(kind) if _compatible(c, target)]
                target.append(rng.choice(options))

    plans: list[tuple[str, list[str]]] = [("penalty", []) for _ in range(clean_pen)]
    plans += [("penalty", f) for f in pen_files]
    plans += [("coercion", []) for _ in range(clean_coe)]
    plans += [("coercion", f) for f in coe_files]
    rng.shuffle(plans)
    departments = list(DEPARTMENTS)
    rng.shuffle(departments)
    specs = []
    for index, (kind, defects) in enumerate(plans, start=1):
        major: bool | None = None
        if kind == "penalty":
            major = bool(NEEDS_MAJOR & set(defects)) or (not defects and rng.random() < 0.4)
        department = departments[index % len(departments)]
        if major and department not in BIG_FINE_DEPARTMENTS:
            department = rng.choice(BIG_FINE_DEPARTMENTS)
        suitable = _departments_for(defects, bool(major))
        if department not in suitable:
            department = rng.choice(suitable)
        specs.append(
            DossierSpec(
                name=f"demo-{index:02d}-{kind}",
                kind=kind,
                department=department,
                seed=rng.randrange(2**31),
                defects=tuple(sorted(defects, key=DEFECT_CODES.index)),
                major=major,
                company=True if major else None,
            )
        )
    return specs
