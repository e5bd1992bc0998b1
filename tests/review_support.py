"""A reviewed library built directly through the services, without OCR: three departments,
two quarters of spot-checks and one self-review, deductions with pages and reasons (some
naming a party and an ID number, for the anonymisation of the circular), a veto, sign-offs.

Shared by the documents, reports and rectification tests so each does not grow its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.config import Paths, Settings
from app.review.campaigns import CampaignService
from app.review.checklists import ChecklistService
from app.review.corrected_case_values import period_bounds
from app.review.letter_dates import date_sign_offs
from app.review.reviews import ReviewService
from app.store import repositories
from app.store.database import Database
from app.store.migrations import ensure_ready
from app.store.models import Campaign

# What a letter needs set before it takes a number (a fictional regulation's article).
LETTER_SETTINGS: dict[str, object] = {
    "issuing_organ": "某市司法局",
    "legal_basis_opinion": "《某省行政执法监督办法》第二十条",
}
DEPARTMENTS = ("某市市场监督管理局", "某市城市管理和综合执法局", "某市交通运输局")

# (item, count, reason, page) per case pattern; P-3.4 and P-4.4 are supervision items, P-1.1
# is a veto supervision item, P-2.2 and P-5.1 are not supervision items.
PATTERNS: tuple[tuple[tuple[str, int, str, int | None], ...], ...] = (
    (
        ("P-2.2", 1, "询问笔录未由当事人张三逐页签名", 5),
        ("P-3.4", 1, "当事人李四（身份证号330102198001011234）有从轻情节未适用", 12),
    ),
    (("P-4.4", 2, "先行登记保存超过七个工作日未作处理", 8),),
    (),
    (
        ("P-1.1", 1, "执法人员王小明无行政执法证件", 3),
        ("P-5.1", 1, "处罚决定书文书格式不规范", None),
    ),
)


PINNED_CHECKLISTS = ("penalty-assembled@2026.1", "coercion-assembled@2026.1")


@dataclass
class ReviewedLibrary:
    db: Database
    paths: Paths
    spotcheck_previous: int
    spotcheck: int
    selfreview: int
    cases: dict[str, list[int]] = field(default_factory=dict)  # department → case ids


def add_stored_case(
    db: Database,
    n: int,
    department: str,
    case_no: str | None = None,
    *,
    party: str | None = None,
    pages: int = 30,
    kind: str = "penalty",
) -> int:
    """A dossier row as an import leaves it (no file behind it): enough for campaigns, reviews
    and papers that never open the scan. ``n`` makes its hash and file name unique."""
    with db.session() as s:
        dept = repositories.get_or_create_department(s, department)
        return repositories.add_case_file(
            s,
            sha256=f"{n:064x}",
            original_name=f"{n}.pdf",
            stored_path=f"{n}.pdf",
            source_kind="pdf",
            page_count=pages,
            department_id=dept.id,
            kind=kind,
            case_no=case_no or f"某市{dept.id}罚〔2026〕{n}号",
            party=party,
        ).id


def _review(db: Database, campaign: int, cases: list[int], shift: int, lead: str) -> None:
    reviews = ReviewService(db, default_reviewer="王评查")
    for i, case in enumerate(cases):
        for item, count, reason, page in PATTERNS[(i + shift) % len(PATTERNS)]:
            reviews.deduct(campaign, case, item, count, reason, page=page)
        reviews.signoff(campaign, case, lead=lead)
    _signed_when_the_period_ended(db, campaign)


def _signed_when_the_period_ended(db: Database, campaign: int) -> None:
    """The library's story: each campaign was signed off on the last day of its period, not
    on the day the tests run (a letter may not be dated before the sign-off of its files)."""
    with db.session() as s:
        last_day = period_bounds(s.get(Campaign, campaign).period)[1]
    date_sign_offs(db, campaign, last_day)


def build_reviewed_library(tmp_path: Path, url: str | None = None) -> ReviewedLibrary:
    """Four cases per department; the later spot-check has one more defect pattern shifted
    in so that the two quarters differ; the self-review scores the same cases more kindly."""
    paths = Paths(tmp_path / "data")
    paths.ensure()
    db = ensure_ready(url or f"sqlite:///{paths.database_file}", None)
    ChecklistService(db, paths).sync_bundled()
    parties = ("张三", "某某商贸有限公司", "李四", "某某餐饮店")
    cases: dict[str, list[int]] = {}
    n = 0
    for department in DEPARTMENTS:
        for party in parties:
            n += 1
            cases.setdefault(department, []).append(add_stored_case(db, n, department, party=party))
    service = CampaignService(db)
    # The points these tests add up are those of the 2026.1 checklists; the current version
    # weighs some items differently, and a library scored with an earlier version keeps it.
    pinned = {"checklists": PINNED_CHECKLISTS}
    everything = [c for ids in cases.values() for c in ids]
    previous = service.create(
        "2026年第一季度行政执法案卷抽查", "spotcheck", "2026Q1", departments=DEPARTMENTS, **pinned
    ).id
    service.add_cases(previous, everything)
    current = service.create(
        "2026年第二季度行政执法案卷抽查", "spotcheck", "2026Q2", departments=DEPARTMENTS, **pinned
    ).id
    service.add_cases(current, everything)
    selfreview = service.create(
        "2026年第二季度案卷自评", "selfreview", "2026Q2", departments=DEPARTMENTS, **pinned
    ).id
    service.add_cases(selfreview, everything)
    for d, department in enumerate(DEPARTMENTS):
        _review(db, previous, cases[department], shift=d + 2, lead="赵组长")
        _review(db, current, cases[department], shift=d, lead="赵组长")
        _review(db, selfreview, cases[department][:2], shift=2, lead="钱科长")
    Settings(**LETTER_SETTINGS).save(paths.settings_file)  # ready to issue letters
    return ReviewedLibrary(db, paths, previous, current, selfreview, cases)
