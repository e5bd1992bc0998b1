"""The plain results of the campaign statistics: figures per case, department, grade,
checklist category and item, and a campaign's headline figures; with the rounding rule
(exact values rounded once, one decimal place, half up) and the period order they use.

Built by :mod:`app.documents.campaign_stats`; read by the circular, the charts, the Excel
workbook and the letters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from app.same_named import same_named

STANDARD_GRADES = ("优秀", "良好", "合格", "不合格")
NO_DEPARTMENT = "（未确定执法单位）"
STATUS_SCORED = "已评查"
STATUS_UNREVIEWED = "未评查"
STATUS_UNSETTLED = "未定稿"

_ONE_DECIMAL = Decimal("0.1")


# ------------------------------------------------------------------ numbers and periods
def round1(value: Decimal | float | int) -> float:
    """One decimal place, half up, from the exact value (95.45 → 95.5, never 95.4)."""
    exact = value if isinstance(value, Decimal) else Decimal(str(value))
    return float(exact.quantize(_ONE_DECIMAL, rounding=ROUND_HALF_UP))


def percent(part: int, whole: int) -> float:
    """``part`` of ``whole`` in per cent, one decimal place (0 when ``whole`` is 0)."""
    if not whole:
        return 0.0
    return round1(Decimal(part) * 100 / Decimal(whole))


def period_key(period: str) -> tuple[str, int, int] | None:
    """(granularity, year, index) of a normalised period, so that periods of the same
    granularity compare in time order; None for a period that is not normalised."""
    text = str(period or "")
    for pattern, granularity in (
        (r"(\d{4})Q([1-4])", "Q"),
        (r"(\d{4})H([12])", "H"),
        (r"(\d{4})-(\d{2})", "M"),
    ):
        m = re.fullmatch(pattern, text)
        if m:
            return granularity, int(m[1]), int(m[2])
    if re.fullmatch(r"\d{4}", text):
        return "Y", int(text), 0
    return None


# ------------------------------------------------------------------ plain results
@dataclass(frozen=True)
class DeductionRow:
    """One deduction of a scored case's settled review (a row of 扣分明细)."""

    case_id: int
    case_no: str
    department: str
    party: str
    item_id: str
    item_text: str
    category: str
    count: int
    points: float
    reason: str
    basis: str
    page: int | None
    reviewer: str
    veto: bool


@dataclass(frozen=True)
class CaseStat:
    entry_id: int
    case_id: int | None
    department: str
    case_no: str
    party: str
    kind: str
    checklist: str
    status: str
    total: float | None
    grade: str
    vetoed: bool
    veto_items: tuple[str, ...]
    deductions: int
    points_lost: float
    reviewers: tuple[str, ...]
    signed_off: bool
    signed_off_by: str = ""

    @property
    def scored(self) -> bool:
        return self.status == STATUS_SCORED


@dataclass(frozen=True)
class DepartmentStat:
    name: str
    cases: int
    scored: int
    average: float
    median: float
    highest: float
    lowest: float
    grades: dict[str, int]
    vetoed: int
    deductions: int
    points_lost: float
    rank: int | None


@dataclass(frozen=True)
class GradeCount:
    """How many scored files got one grade (等次); ``share`` is their percentage of the scored."""

    grade: str
    count: int
    share: float


@dataclass(frozen=True)
class CategoryStat:
    """The deductions of one checklist category: ``count`` deductions recorded, for
    ``occurrences`` problems (a deduction may count several) in ``cases_affected`` files."""

    name: str
    count: int
    occurrences: int
    points_lost: float
    cases_affected: int


@dataclass(frozen=True)
class ItemStat:
    item_id: str
    text: str
    category: str
    count: int
    occurrences: int
    points_lost: float
    cases_affected: int


@dataclass(frozen=True)
class CampaignSummary:
    """The headline figures of a campaign (for the comparison, the trend, self vs spot)."""

    campaign_id: int
    name: str
    kind: str
    period: str
    period_label: str
    scored: int
    average: float
    vetoed: int
    grades: dict[str, int]
    department_averages: dict[str, float]
    department_cases: dict[str, int]


@dataclass(frozen=True)
class SelfSpotRow:
    """A department's self-review and spot-check averages for the same period."""

    department: str
    selfreview_cases: int
    selfreview_average: float | None
    spotcheck_cases: int
    spotcheck_average: float | None

    @property
    def difference(self) -> float | None:
        """Self-review minus spot-check (positive: the department scored itself higher)."""
        if self.selfreview_average is None or self.spotcheck_average is None:
            return None
        return round1(Decimal(str(self.selfreview_average)) - Decimal(str(self.spotcheck_average)))


@dataclass(frozen=True)
class CampaignStats:
    campaign_id: int
    name: str
    kind: str
    kind_label: str
    period: str
    period_label: str
    cases: list[CaseStat]
    departments: list[DepartmentStat]
    grade_order: list[str]
    grades: list[GradeCount]
    categories: list[CategoryStat]
    items: list[ItemStat]
    deductions: list[DeductionRow]
    scored: int
    average: float
    median: float
    highest: float
    lowest: float
    vetoed: int
    previous: CampaignSummary | None = None
    trend: list[CampaignSummary] = field(default_factory=list)
    counterpart: CampaignSummary | None = None
    self_vs_spot: list[SelfSpotRow] = field(default_factory=list)
    # 纠错案件 per department in the campaign's period (from the ledger; set by the caller
    # with dataclasses.replace, since the ledger is not part of the campaign).
    corrections: dict[str, int] = field(default_factory=dict)
    # persons' names the database knows (parties, roster officers): masked in what is published
    personal_names: tuple[str, ...] = ()

    @property
    def listed(self) -> int:
        return len(self.cases)

    def summary(self) -> CampaignSummary:
        return same_named(
            CampaignSummary,
            self,
            grades={g.grade: g.count for g in self.grades},
            department_averages={d.name: d.average for d in self.departments if d.scored},
            department_cases={d.name: d.scored for d in self.departments},
        )
