"""The services a window or a CLI command works with, opened once from a run context.

Passed explicitly to whoever needs them (never a global): the window gets one ``Services``,
a CLI command opens its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from app.casefiles.case_detail import CaseDetailService
from app.casefiles.corrections import CorrectionService
from app.casefiles.library import LibraryService
from app.casefiles.search_index import index_missing
from app.config import RunContext, Settings
from app.review.campaigns import CampaignService
from app.review.checklists import ChecklistService
from app.review.reviews import ReviewService
from app.review.team import TeamService
from app.store.database import Database
from app.store.ready import ensure_ready
from app.tasks import TaskState

if TYPE_CHECKING:  # heavy (PyMuPDF, onnxruntime, docx): imported only when used
    from app.casefiles.importing import Importer
    from app.casefiles.ocr_pool import OcrPool
    from app.casefiles.processing import CaseProcessor
    from app.documents.letters import LetterService
    from app.documents.reports import ReportService
    from app.review.rectification import RectificationService


@dataclass
class Services:
    ctx: RunContext
    db: Database
    settings: Settings
    library: LibraryService
    checklists: ChecklistService
    cases: CaseDetailService
    corrections: CorrectionService
    campaigns: CampaignService = field(init=False)
    reviews: ReviewService = field(init=False)
    team: TeamService = field(init=False)

    def __post_init__(self) -> None:
        who = self.settings.reviewer_name
        self.campaigns = CampaignService(self.db, self.checklists, who=who)
        self.reviews = ReviewService(self.db, self.checklists, default_reviewer=who, who=who)
        self.team = TeamService(self.db, who=who)

    def set_reviewer_name(self, name: str) -> None:
        """Who is working at this machine (saved in the settings): written to the audit log,
        the default reviewer of a deduction, and what decides the cases shown in team mode."""
        self.settings.reviewer_name = (name or "").strip()
        self.settings.save(self.ctx.paths.settings_file)
        self.__post_init__()
        self.corrections.who = self.settings.reviewer_name or "评查人员"

    @classmethod
    def open(cls, ctx: RunContext) -> Services:
        """Create the data folder, open (and if needed migrate) the database, sync checklists.

        A database from a newer version or a file that is not a database raises the store's
        own error with a Chinese message; nothing is altered in that case.
        """
        ctx.paths.ensure()
        db = ensure_ready(ctx.database_url, ctx.paths.backups_dir)
        settings = Settings.load(ctx.paths.settings_file)
        checklists = ChecklistService(db, ctx.paths)
        checklists.sync_bundled()
        with db.session() as session:
            # The search index is derived data: rebuild what a restore or a move left out.
            index_missing(session)
        return cls(
            ctx,
            db,
            settings,
            LibraryService(db, ctx.paths),
            checklists,
            CaseDetailService(db, ctx.paths),
            CorrectionService(db, settings.reviewer_name),
        )

    def importer(self, pool: OcrPool | None = None) -> Importer:
        """An importer whose OCR runs on ``pool`` (the window keeps one warm) or its own."""
        from app.casefiles.importing import Importer
        from app.casefiles.processing import CaseProcessor

        return Importer(self.library, lambda: CaseProcessor(self.db, self.ctx.paths, pool))

    def processor(self, pool: OcrPool | None = None) -> CaseProcessor:
        from app.casefiles.processing import CaseProcessor

        return CaseProcessor(self.db, self.ctx.paths, pool)

    @classmethod
    def open_demo(cls, ctx: RunContext) -> Services:
        """The demo library that belongs to ``ctx``'s data folder: its own data folder
        (``<data folder>/demo``), marked and given the demo organ's settings on first use.
        Not built here: :meth:`build_demo` fills it (the window runs that as a job)."""
        from app.demo.folder import demo_context, mark_demo_folder

        demo_ctx = demo_context(ctx)
        mark_demo_folder(demo_ctx.paths)
        return cls.open(demo_ctx)

    def build_demo(self, state: TaskState | None = None, count: int | None = None) -> int:
        """Generate and import the demo dossiers into *this* data folder, which is (or now
        becomes) a demo library; refused where real dossiers are. Returns how many."""
        from app.demo.folder import (
            DEMO_COUNT,
            build_demo_library,
            check_may_hold_demo,
            demo_settings,
            mark_demo_folder,
        )

        paths = self.ctx.paths
        check_may_hold_demo(paths, self.library)
        if not paths.is_demo:
            mark_demo_folder(paths)
            demo_settings(self.settings)
        outcomes = build_demo_library(
            self.library, paths.demo_sources_dir, state, count=count or DEMO_COUNT
        )
        self.settings.demo_built = True
        self.settings.save(paths.settings_file)
        return len(outcomes)

    def build_demo_campaign(self) -> int:
        """The demo spot-check (scored from pre-checks, signed off) of the demo library."""
        from app.review.demo_campaign import build_demo_campaign

        return build_demo_campaign(self.db, self.checklists, self.ctx.effective_today())

    def letters(self) -> LetterService:
        """Drafting and issuing 监督意见书 / 监督决定书 (settings read at each call)."""
        from app.documents.letters import LetterService

        return LetterService(
            self.db, self.settings, self.ctx.paths.calendar_dir, self.settings.reviewer_name
        )

    def rectification(self) -> RectificationService:
        """Replies, verification, extensions; reply documents are copied into the library."""
        from app.review.rectification import RectificationService

        return RectificationService(
            self.db, self.ctx.paths.library_dir / "rectification", self.settings.reviewer_name
        )

    def reports(self) -> ReportService:
        """评查表, 通报, Excel and charts of a campaign."""
        from app.documents.reports import ReportService

        return ReportService(self.db, self.settings, self.rectification())

    def import_roster(self, path: Path, sheet: str | None = None) -> int:
        """Certified officers from an Excel roster (upserted by certificate number)."""
        from app.review.roster import import_roster

        return import_roster(self.db, path, sheet)

    # ------------------------------------------------------------ database copies
    def backup_to(self, dest: Path | None = None) -> Path:
        """A consistent copy of the database (SQLite file, or a JSON dump for PostgreSQL)."""
        from app.store.backup import backup, backup_into
        from app.store.migrations import current_revision

        if dest is not None:
            return backup(self.db, dest)
        return backup_into(
            self.db, self.ctx.paths.backups_dir, current_revision(self.db), note="manual"
        )

    def restore_from(self, src: Path) -> Path | None:
        """Replace the database with a backup; returns the safety copy of the one replaced.

        The services are closed by this call: the caller restarts (the CLI exits, the
        window asks the user to start the program again)."""
        from app.store.restore import restore

        self.db.dispose()
        return restore(self.ctx.database_url, src, self.ctx.paths.backups_dir).safety_copy
