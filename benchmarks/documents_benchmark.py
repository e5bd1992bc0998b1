"""Time to produce a campaign's papers: every 监督意见书, the 评查情况通报 with its charts,
and the Excel workbook, for a spot-check of 100 files — without LibreOffice (target: under
10 s on the 2-core reference machine).

The campaign is built through the real services (SQLite in a temp folder): 5 departments ×
20 files, each with 0–3 deductions from a fixed pattern, every file signed off.

    .venv/bin/python benchmarks/documents_benchmark.py [--files 100]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date
from pathlib import Path

from app.config import Paths, RunContext
from app.documents.letter_requests import OpinionRequest
from app.review.campaigns import CampaignService
from app.review.letter_dates import date_sign_offs
from app.review.reviews import ReviewService
from app.services import Services
from app.store import repositories

DEPARTMENTS = ("市场监督管理局", "城市管理和综合执法局", "交通运输局", "生态环境局", "应急管理局")
PATTERNS = (
    (("P-3.4", 1, "当事人张三有从轻情节未适用", 12),),
    (("P-4.4", 2, "先行登记保存超过七个工作日未作处理", 8), ("P-2.2", 1, "笔录未签名", 5)),
    (),
    (("P-1.1", 1, "执法人员无行政执法证件", 3), ("P-5.1", 1, "文书格式不规范", None)),
    (("P-2.2", 2, "询问笔录未逐页签名", 6),),
)


def build(data_dir: Path, files: int) -> tuple[Services, int]:
    services = Services.open(RunContext(Paths(data_dir), today=date(2026, 9, 1)))
    per_department = max(1, files // len(DEPARTMENTS))
    ids = []
    with services.db.session() as s:
        for d, name in enumerate(DEPARTMENTS):
            dept = repositories.get_or_create_department(s, f"某市{name}")
            for n in range(per_department):
                ids.append(
                    repositories.add_case_file(
                        s,
                        sha256=f"{d:032x}{n:032x}",
                        original_name=f"{d}-{n}.pdf",
                        stored_path=f"{d}-{n}.pdf",
                        source_kind="pdf",
                        page_count=30,
                        department_id=dept.id,
                        kind="penalty",
                        case_no=f"某市{d}罚〔2026〕{n + 1}号",
                        party="张三" if n % 2 else "某某有限公司",
                    ).id
                )
    campaigns = CampaignService(services.db)
    # a quarter ended before the letters' day (2026-09-01), signed off by then
    campaign = campaigns.create("2026年第二季度行政执法案卷抽查", "spotcheck", "2026Q2").id
    campaigns.add_cases(campaign, ids)
    reviews = ReviewService(services.db, default_reviewer="王评查")
    for i, case in enumerate(ids):
        for item, count, reason, page in PATTERNS[i % len(PATTERNS)]:
            reviews.deduct(campaign, case, item, count, reason, page=page)
        reviews.signoff(campaign, case, lead="赵组长")
    date_sign_offs(services.db, campaign, date(2026, 9, 1))
    return services, campaign


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        started = time.perf_counter()
        services, campaign = build(root / "data", args.files)
        print(
            f"built a reviewed campaign of {args.files} files in {time.perf_counter() - started:.1f} s"
        )
        out = root / "out"
        out.mkdir()
        # A letter takes no number before the organ and its legal basis are set.
        services.settings.issuing_organ = "某市司法局"
        services.settings.legal_basis_opinion = "《某省行政执法监督办法》第二十条"
        letters = services.letters()
        timings: dict[str, float] = {}

        t = time.perf_counter()
        issued = [
            letters.issue_opinion(
                OpinionRequest(campaign, c.department, date(2026, 9, 1)), out / f"{n}.docx"
            )
            for n, c in enumerate(letters.candidates(campaign))
        ]
        timings[f"{len(issued)} opinion letters"] = time.perf_counter() - t

        reports = services.reports()
        t = time.perf_counter()
        reports.circular(campaign, out / "circular.docx", date(2026, 9, 1))
        timings["circular with charts"] = time.perf_counter() - t

        t = time.perf_counter()
        reports.workbook(campaign, out / "summary.xlsx", date(2026, 9, 1))
        timings["Excel workbook"] = time.perf_counter() - t

        for what, seconds in timings.items():
            print(f"{what:28s} {seconds:6.2f} s")
        total = sum(timings.values())
        print(f"{'total':28s} {total:6.2f} s   (target < 10 s)")
        services.db.dispose()


if __name__ == "__main__":
    main()
