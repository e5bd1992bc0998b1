"""A small but real data folder to crash, tamper with and load: three imported dossiers
(tiny PDFs with Chinese text, so OCR has something to read), a signed-off spot-check with
deductions, issued opinions with a reply document, and two backups of different content.

Built once through the product's services (what a user's work leaves behind), then copied
for every run, so a kill in one run never leaks into another."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pymupdf

from app.config import Paths, RunContext
from app.documents.letter_requests import OpinionRequest
from app.review.letter_dates import date_sign_offs
from app.services import Services

DEPARTMENTS = ("某县市场监督管理局", "某县交通运输局", "某县城市管理局")
REVIEWER, LEAD = "王评查", "赵组长"
TODAY = date(2026, 9, 1)
ITEM = "P-3.4"  # a supervision item of the bundled penalty checklist: it goes into letters


@dataclass(frozen=True)
class World:
    """Where a copy of the world lives and what it holds."""

    data_dir: Path
    campaign: int
    cases: tuple[int, ...]
    opinions: tuple[str, ...]
    backups: tuple[Path, Path]
    seed_pdf: Path
    reply_file: Path
    db_url: str | None = None  # None: SQLite in the data folder

    def to_json(self) -> str:
        return json.dumps(
            {
                "data_dir": str(self.data_dir),
                "campaign": self.campaign,
                "cases": list(self.cases),
                "opinions": list(self.opinions),
                "backups": [str(b) for b in self.backups],
                "seed_pdf": str(self.seed_pdf),
                "reply_file": str(self.reply_file),
                "db_url": self.db_url,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> World:
        d = json.loads(text)
        first, second = (Path(b) for b in d["backups"])
        return cls(
            Path(d["data_dir"]),
            d["campaign"],
            tuple(d["cases"]),
            tuple(d["opinions"]),
            (first, second),
            Path(d["seed_pdf"]),
            Path(d["reply_file"]),
            d.get("db_url"),
        )

    def context(self) -> RunContext:
        return RunContext(Paths(self.data_dir), db_url=self.db_url, today=TODAY)

    def copy_to(self, target: Path) -> World:
        """An independent copy of this world in ``target`` (paths inside it rewritten)."""
        shutil.copytree(self.data_dir.parent, target)
        moved = target / self.data_dir.name

        def inside(path: Path) -> Path:
            return target / path.relative_to(self.data_dir.parent)

        return World(
            moved,
            self.campaign,
            self.cases,
            self.opinions,
            (inside(self.backups[0]), inside(self.backups[1])),
            inside(self.seed_pdf),
            inside(self.reply_file),
            self.db_url,
        )


def write_pdf(path: Path, title: str, pages: int = 2, salt: str = "") -> Path:
    """A dossier of ``pages`` A4 pages with a printed Chinese title (OCR reads it)."""
    with pymupdf.open() as doc:
        for n in range(pages):
            page = doc.new_page(width=595, height=842)
            page.insert_text((170, 120), title, fontname="china-s", fontsize=22)
            page.insert_text(
                (72, 200),
                f"第{n + 1}页 当事人：某某有限公司 {salt}",
                fontname="china-s",
                fontsize=12,
            )
        doc.save(path)
    return path


# What a bureau sets before its first letter (issuing refuses until then).
LETTER_SETTINGS = {
    "issuing_organ": "某市司法局",
    "legal_basis_opinion": "《某省行政执法监督办法》第二十条",
}


def build_world(root: Path, db_url: str | None = None) -> World:
    """Build the world in ``root`` (which must not exist yet), its database at ``db_url``
    (an empty PostgreSQL database, say) or in the data folder."""
    root.mkdir(parents=True)
    inputs = root / "inputs"
    inputs.mkdir()
    data = root / "data"
    ctx = RunContext(Paths(data), db_url=db_url, today=TODAY)
    services = Services.open(ctx)
    try:
        services.set_reviewer_name(REVIEWER)
        services.save_settings(replace(services.settings, **LETTER_SETTINGS))
        cases = []
        for n, department in enumerate(DEPARTMENTS, start=1):
            pdf = write_pdf(inputs / f"卷宗{n}.pdf", "行政处罚决定书", salt=str(n))
            cases.append(services.library.import_path(pdf, department, "penalty").id)
        # a quarter that ended before TODAY, signed off by TODAY: its letters are dated TODAY
        campaign = services.campaigns.create("2026年第二季度抽查", "spotcheck", "2026Q2").id
        services.campaigns.add_cases(campaign, cases)
        for case in cases:
            services.reviews.deduct(campaign, case, ITEM, 1, "询问笔录未逐页签名", page=1)
            services.reviews.signoff(campaign, case, lead=LEAD)
        date_sign_offs(services.db, campaign, TODAY)
        letters = services.letters()
        out = root / "papers"
        out.mkdir()
        opinions = tuple(
            letters.issue_opinion(
                OpinionRequest(campaign, department, TODAY, deadline=date(2026, 10, 9)),
                out / f"意见书{n}.docx",
            ).number
            for n, department in enumerate(DEPARTMENTS[:2], start=1)
        )
        first = services.backup_to(root / "backups" / "a.sqlite3")
        services.reviews.deduct(campaign, cases[0], ITEM, 1, "送达回证缺少日期", page=2)
        second = services.backup_to(root / "backups" / "b.sqlite3")
    finally:
        services.close()
    reply = write_pdf(inputs / "整改报告.pdf", "整改情况报告", pages=1)
    return World(
        data, campaign, tuple(cases), opinions, (first, second), inputs / "卷宗1.pdf", reply, db_url
    )


def signed_off_campaigns(world: World, count: int) -> list[int]:
    """``count`` more spot-checks of the world's dossiers, scored and signed off: each can
    give every department an opinion."""
    services = Services.open(world.context())
    try:
        made = []
        for n in range(count):
            campaign = services.campaigns.create(f"专项抽查{n + 1}", "spotcheck", "2026Q2").id
            services.campaigns.add_cases(campaign, list(world.cases))
            for case in world.cases:
                services.reviews.deduct(campaign, case, ITEM, 1, "从轻情节未适用", page=1)
                services.reviews.signoff(campaign, case, lead=LEAD)
            date_sign_offs(services.db, campaign, TODAY)
            made.append(campaign)
        return made
    finally:
        services.close()
