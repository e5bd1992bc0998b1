"""What a synthetic dossier should be, and the plan of a whole demo library.

A spec holds only the choices that matter to a test (kind, department, planted defects,
seed); case.py derives every concrete detail from its seed, so a spec written by hand in a
test is as valid as one from ``plan_library``.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from scoring.checklist import CASE_KIND_LABELS

KINDS = ("penalty", "coercion")
# The procedures of a coercion dossier: 查封/扣押 (行政强制措施), 行政强制执行 of an unpaid fine
# (催告 → 加处罚款 → 强制执行决定), 强制拆除 of a building (限期拆除 → 催告 → 强制执行决定 →
# 公告 → 拆除, by 代履行 when a third party demolishes).
PROCEDURES = ("seizure", "enforcement", "demolition")
DEPARTMENTS = ("market", "urban", "transport", "ecology", "town")
BIG_FINE_DEPARTMENTS = ("market", "urban", "ecology")

# Defects of the steps some penalty files hold (听证, 先行登记保存, 送达, 公示, 乡镇 移送 and 赋权).
STEP_DEFECTS = (
    "hearing_notified_late",
    "preservation_handled_late",
    "lodged_service_without_witness",
    "mailed_service_without_receipt",
    "publication_late",
    "transfer_late",
    "outside_delegated_powers",
    "officer_not_certified",  # the roster (truth ``roster``) shows a certificate expired
)
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
    # the 法制审核 signed by an officer the roster records without a 法律职业资格 (第五十八条第二款)
    "unqualified_legal_reviewer",
    *STEP_DEFECTS,
)
COERCION_DEFECTS = (
    "seizure_over_30_days",
    "missing_release_decision",
    "emergency_report_late",
    "enforcement_before_demand_period",
    "demolition_without_announcement",
    "demolition_before_remedy_period",
    "substitute_without_demand",
    # the 强制执行决定书 served by 公告, the demolition before the 30 days passed (民诉法第九十五条)
    "public_notice_too_soon",
)
SHARED_DEFECTS = (
    "missing_service_receipt",
    "missing_remedy_notice",
    "page_gap",
    "missing_case_no",
    "no_av_record",
    # a 加处罚款决定书 without its standard: a penalty file paid late, or an enforcement
    "late_fine_standard_not_told",
    # a 加处罚款 above the fine it enforces (《行政强制法》第四十五条第二款)
    "late_fine_over_fine",
)
#: Defects that give a penalty file a 加处罚款决定书 (the fine was paid late).
LATE_FINE_DEFECTS = ("late_fine_standard_not_told", "late_fine_over_fine")
DEFECT_CODES = PENALTY_DEFECTS + COERCION_DEFECTS + SHARED_DEFECTS
NEEDS_MAJOR = frozenset(
    {
        "missing_legal_review",
        "legal_review_after_decision",
        "missing_collective_discussion",
        "bare_legal_review",
        "unqualified_legal_reviewer",
        "hearing_notified_late",  # a hearing is offered in a major case (较大数额罚款)
    }
)
# A time-barred act is one a party did on a stated day (倾倒建筑垃圾, 焚烧秸秆, 露天烧烤):
# those causes carry fines below the major-case line, so the two cannot meet.
CONFLICTS = (
    frozenset({"missing_legal_review", "legal_review_after_decision"}),
    frozenset({"missing_legal_review", "bare_legal_review"}),
    frozenset({"missing_legal_review", "unqualified_legal_reviewer"}),
    frozenset({"late_service", "missing_service_receipt"}),
    frozenset({"lodged_service_without_witness", "missing_service_receipt"}),
    # a decision waiting for the hearing is past the defence period
    frozenset({"hearing_notified_late", "decided_before_defence_period"}),
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
    "late_fine_standard_not_told",
    "late_fine_over_fine",
    "unqualified_legal_reviewer",
    *STEP_DEFECTS,
)
#: Later codes planted in coercion files (after the first draw, like LATER_DEFECTS).
LATER_COERCION_DEFECTS = ("no_av_record", "emergency_report_late")
# The procedure a coercion defect needs (codes not listed: a 查封/扣押, whose decision,
# record and receipt the shared rules read). 催告 before the 强制执行决定 is in both the
# enforcement of a fine and a demolition: the library plants it in the demolition.
DEFECT_PROCEDURES = {
    "enforcement_before_demand_period": ("demolition", "enforcement"),
    "late_fine_standard_not_told": ("enforcement",),
    "late_fine_over_fine": ("enforcement",),
    "public_notice_too_soon": ("demolition",),
    "demolition_without_announcement": ("demolition",),
    "demolition_before_remedy_period": ("demolition",),
    "substitute_without_demand": ("demolition",),
}
# Departments that order and carry out a 强制拆除 (城乡规划法第六十四条、第六十五条、第六十八条).
DEMOLITION_DEPARTMENTS = ("urban", "town")
# Departments with a cause for the defect: a basis whose fine range is a fixed amount
# (scoring/data/fine_ranges.yaml), or facts stating the day of the act (当事人于{day}).
DEFECT_DEPARTMENTS = {
    "fine_out_of_range": ("urban", "transport", "ecology", "town"),
    "time_bar_exceeded": ("urban", "town"),
    # a 乡镇's file received by 移送函, or punished outside its 赋权事项清单
    "transfer_late": ("town",),
    "outside_delegated_powers": ("town",),
    **{
        code: DEMOLITION_DEPARTMENTS
        for code, p in DEFECT_PROCEDURES.items()
        if p == ("demolition",)
    },
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
    procedure: str | None = None  # coercion only; None: what the defects need, else seizure

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"未知的案卷类别：{self.kind}")
        if self.department not in DEPARTMENTS:
            raise ValueError(f"未知的执法部门：{self.department}")
        self._check_procedure()
        allowed = allowed_defects(self.kind)
        for code in self.defects:
            if code not in allowed:
                raise ValueError(f"缺陷 {code} 不适用于{CASE_KIND_LABELS[self.kind]}案卷")
        for pair in CONFLICTS:
            if pair <= set(self.defects):
                raise ValueError(f"缺陷 {' 与 '.join(sorted(pair))} 不能同时设置")
        if NEEDS_MAJOR & set(self.defects) and self.major is False:
            raise ValueError("法制审核、集体讨论类缺陷只能用于重大案件")

    def _check_procedure(self) -> None:
        if self.procedure is not None and (
            self.kind != "coercion" or self.procedure not in PROCEDURES
        ):
            raise ValueError(f"程序 {self.procedure} 不适用于{CASE_KIND_LABELS[self.kind]}案卷")
        if self.kind != "coercion":
            return
        for code in self.defects:
            if self.coercion_procedure not in procedures_for(code):
                raise ValueError(f"缺陷 {code} 不适用于该行政强制程序")
        if self.coercion_procedure == "demolition" and self.department not in (
            DEMOLITION_DEPARTMENTS
        ):
            raise ValueError("强制拆除案卷只能由城市管理部门或乡镇人民政府办理")

    @property
    def coercion_procedure(self) -> str:
        """The coercion procedure: the one asked for, else the one the defects need."""
        if self.procedure is not None:
            return self.procedure
        for code in self.defects:
            if code in DEFECT_PROCEDURES:
                return DEFECT_PROCEDURES[code][0]
        return "seizure"

    @property
    def has_time_bar(self) -> bool:
        return "time_bar_exceeded" in self.defects

    @property
    def needs_major(self) -> bool:
        return bool(self.major) or bool(NEEDS_MAJOR & set(self.defects))


def procedures_for(code: str) -> tuple[str, ...]:
    """The coercion procedures a defect can be planted in (a 查封/扣押 unless listed)."""
    return DEFECT_PROCEDURES.get(code, ("seizure",))


def allowed_defects(kind: str) -> tuple[str, ...]:
    own = PENALTY_DEFECTS if kind == "penalty" else COERCION_DEFECTS
    return own + SHARED_DEFECTS


def _departments_for(
    defects: list[str], major: bool, fallback: tuple[str, ...] | None = DEPARTMENTS
) -> tuple[str, ...]:
    """The departments whose causes can carry all of ``defects`` (every one if none limit;
    ``fallback`` when they exclude each other)."""
    allowed: tuple[str, ...] = BIG_FINE_DEPARTMENTS if major else DEPARTMENTS
    for code in defects:
        allowed = tuple(d for d in allowed if d in DEFECT_DEPARTMENTS.get(code, allowed))
    return allowed or fallback or ()


def _compatible(code: str, current: list[str], kind: str = "penalty") -> bool:
    if any(pair <= {code, *current} for pair in CONFLICTS) or code in current:
        return False
    if kind != "coercion":
        return bool(_departments_for([code, *current], bool(NEEDS_MAJOR & {code, *current}), None))
    shared = set(procedures_for(code))
    for other in current:
        shared &= set(procedures_for(other))
    return bool(shared)


def _assign(codes: list[str], files: list[list[str]], kind: str = "penalty") -> None:
    """Give each code to the least-loaded compatible file (best effort for tiny libraries)."""
    for code in codes:
        for target in sorted(files, key=len):
            if _compatible(code, target, kind):
                target.append(code)
                break


def _procedure(defects: list[str], planned: list[str]) -> str:
    """A coercion file's procedure: the one its defects need, else (a clean file) the first
    one no other file of the library shows, so the library holds every procedure."""
    if defects:
        return DossierSpec("x", "coercion", "urban", defects=tuple(defects)).coercion_procedure
    return next((p for p in PROCEDURES if p not in planned), PROCEDURES[0])


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
    # the two seizure codes that exclude each other first, then the ones of a demolition (one
    # file holds them all), then the codes any seizure file can take
    seizure_first = ["seizure_over_30_days", "missing_release_decision"]
    coe_codes = [
        *seizure_first,
        *(c for c in COERCION_DEFECTS if c not in seizure_first and c in DEFECT_PROCEDURES),
        "missing_case_no",
        *LATER_COERCION_DEFECTS,
    ]
    if not coe_files:
        pen_codes.append("missing_case_no")
    rng.shuffle(pen_codes)
    pen_codes += LATER_DEFECTS  # after the shuffle: older libraries keep their draw
    if not coe_files:
        pen_codes += LATER_COERCION_DEFECTS
    _assign(pen_codes, pen_files)
    _assign(coe_codes, coe_files, "coercion")
    for files, kind in ((pen_files, "penalty"), (coe_files, "coercion")):
        for target in files:
            if not target:
                options = [c for c in allowed_defects(kind) if _compatible(c, target, kind)]
                target.append(rng.choice(options))

    plans: list[tuple[str, list[str]]] = [("penalty", []) for _ in range(clean_pen)]
    plans += [("penalty", f) for f in pen_files]
    plans += [("coercion", []) for _ in range(clean_coe)]
    plans += [("coercion", f) for f in coe_files]
    rng.shuffle(plans)
    departments = list(DEPARTMENTS)
    rng.shuffle(departments)
    specs = []
    planned = [_procedure(f, []) for f in coe_files]
    for index, (kind, defects) in enumerate(plans, start=1):
        major: bool | None = None
        procedure: str | None = None
        if kind == "penalty":
            major = bool(NEEDS_MAJOR & set(defects)) or (not defects and rng.random() < 0.4)
        else:
            procedure = _procedure(defects, planned)
            planned.append(procedure)
        department = departments[index % len(departments)]
        if major and department not in BIG_FINE_DEPARTMENTS:
            department = rng.choice(BIG_FINE_DEPARTMENTS)
        suitable = _departments_for(defects, bool(major))
        if procedure == "demolition":
            suitable = DEMOLITION_DEPARTMENTS
        if department not in suitable:
            department = rng.choice(suitable)
        specs.append(
            DossierSpec(
                name=f"演示{index:02d}-{CASE_KIND_LABELS[kind]}案卷",
                kind=kind,
                department=department,
                seed=rng.randrange(2**31),
                defects=tuple(sorted(defects, key=DEFECT_CODES.index)),
                major=major,
                company=True if major else None,
                procedure=procedure,
            )
        )
    return specs
