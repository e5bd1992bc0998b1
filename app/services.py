"""The services a window or a CLI command works with, opened once from a run context.

``Services`` is the one place services are built, for the window and every CLI command
alike, and the only holder of the database handle that ``app.ui`` and ``app.cli`` may use
(through the methods below; an import-linter contract and ``tests/unit/test_front_door.py``
keep widgets and commands off ``.db``). It owns one :class:`~app.identity.Identity` that
every service reads at call time, so 我的身份 changes without rebuilding anything.
Passed explicitly to whoever needs them (never a global).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import DBAPIError

from app.casefiles.case_detail import CaseDetailService
from app.casefiles.corrections import CorrectionService
from app.casefiles.library import LibraryService
from app.casefiles.search_index import index_missing
from app.changes import OpChanges, OpResult
from app.config import RunContext, Settings
from app.identity import Identity
from app.review.campaigns import CampaignService
from app.review.checklists import ChecklistService
from app.review.reviews import ReviewService
from app.review.team import TeamService
from app.review.town_powers import TownPowerService
from app.store.database import Database
from app.store.errors import NotADatabaseError, SchemaTooNewError
from app.store.ready import ensure_ready
from app.store.way_out import database_unusable
from app.tasks import TaskState

if TYPE_CHECKING:  # heavy (PyMuPDF, onnxruntime, docx): imported only when used
    from app.casefiles.importing import Importer
    from app.casefiles.ocr_pool import OcrPool
    from app.casefiles.processing import CaseProcessor
    from app.casefiles.search import SearchHit
    from app.documents.campaign_stats import CampaignStats
    from app.documents.letters import LetterService
    from app.documents.reports import ReportService
    from app.review.calendar_service import CalendarService
    from app.review.corrected_cases import CorrectedCaseService
    from app.review.findings import FindingInfo
    from app.review.letter_numbers import LetterNumberRegistry
    from app.review.rectification import RectificationService
    from scoring.checklist import Checklist
    from scoring.prechecks import Suggestion


@dataclass
class Services:
    ctx: RunContext
    db: Database
    settings: Settings
    library: LibraryService
    checklists: ChecklistService
    cases: CaseDetailService
    corrections: CorrectionService = field(init=False)
    identity: Identity = field(init=False)
    campaigns: CampaignService = field(init=False)
    reviews: ReviewService = field(init=False)
    team: TeamService = field(init=False)
    town_powers: TownPowerService = field(init=False)

    def __post_init__(self) -> None:
        # Built once; every service reads the same identity at call time.
        self.identity = Identity(self.settings.reviewer_name)
        self.corrections = CorrectionService(self.db, self.identity)
        self.campaigns = CampaignService(self.db, self.checklists, who=self.identity)
        self.reviews = ReviewService(self.db, self.checklists, identity=self.identity)
        self.team = TeamService(self.db, who=self.identity)
        self.town_powers = TownPowerService(self.checklists.paths)

    def set_reviewer_name(self, name: str) -> OpChanges:
        """Who is working at this machine (saved in the settings): written to the audit log,
        the default reviewer of a deduction, and what decides the cases shown in team mode.
        Nothing is rebuilt: the services read the shared identity at call time."""
        self.identity.set(name)
        self.settings.reviewer_name = self.identity.name
        self.settings.save(self.ctx.paths.settings_file)
        return OpChanges(settings=True)

    def act_as(self, name: str | None) -> None:
        """Who works for this one run (the CLI's ``--reviewer``/``--lead``); not saved."""
        if name and name.strip():
            self.identity.set(name)

    def save_settings(self, settings: Settings | None = None) -> OpChanges:
        """Validate and store the settings (the dialog and ``settings set`` both call this)."""
        chosen = settings or self.settings
        chosen.validate()
        if chosen is not self.settings:
            for name, value in vars(chosen).items():
                setattr(self.settings, name, value)
        self.identity.set(self.settings.reviewer_name)
        self.settings.save(self.ctx.paths.settings_file)
        return OpChanges(settings=True)

    @classmethod
    def open(cls, ctx: RunContext) -> Services:
        """Create the data folder, open (and if needed migrate) the database, sync checklists.

        A database from a newer version or a file that is not a database raises the store's
        own error with a Chinese message; nothing is altered in that case.
        """
        ctx.paths.ensure()
        db: Database | None = None
        try:
            db = ensure_ready(ctx.database_url, ctx.paths.backups_dir)
            settings = Settings.load(ctx.paths.settings_file)
            checklists = ChecklistService(db, ctx.paths)
            checklists.sync_bundled()
            with db.session() as session:
                # The search index is derived data: rebuild what a restore or a move left out.
                index_missing(session)
        except (NotADatabaseError, SchemaTooNewError, DBAPIError) as exc:
            if db is not None:
                db.dispose()
            raise database_unusable(exc, ctx.paths.backups_dir) from exc
        return cls(
            ctx,
            db,
            settings,
            LibraryService(db, ctx.paths),
            checklists,
            CaseDetailService(db, ctx.paths),
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
        from app.demo.library import TOWN_POWERS as DEMO_TOWN_POWERS
        from app.demo.roster_sheet import ROSTER_FILE

        paths = self.ctx.paths
        check_may_hold_demo(paths, self.library)
        if not paths.is_demo:
            mark_demo_folder(paths)
            demo_settings(self.settings)
        outcomes = build_demo_library(
            self.library, paths.demo_sources_dir, state, count=count or DEMO_COUNT
        )
        if not self.town_powers.file.exists():  # the demo's 乡镇 act under the demo's list
            self.town_powers.import_file(DEMO_TOWN_POWERS)
        # the demo officers' 名册, one certificate expired and one reviewer unqualified
        self.import_roster(paths.demo_sources_dir / ROSTER_FILE)
        self.settings.demo_built = True
        self.settings.save(paths.settings_file)
        return len(outcomes)

    def build_demo_campaign(self) -> int:
        """The demo spot-check (scored from pre-checks, signed off) of the demo library."""
        from app.review.demo_campaign import build_demo_campaign

        return build_demo_campaign(self.db, self.checklists, self.ctx.effective_today())

    # ------------------------------------------------------------ services built on demand

    def letters(self, *, provisional: bool = False) -> LetterService:
        """Drafting and issuing 监督意见书 / 监督决定书 (settings read at each call).
        ``provisional``: a deadline in a year whose holidays are not imported yet is counted
        on the statutory holidays and marked 暂定 instead of refused."""
        from app.documents.letters import LetterService

        return LetterService(
            self.db,
            self.settings,
            self.ctx.paths.calendar_dir,
            self.identity,
            provisional=provisional,
        )

    def calendar(self) -> CalendarService:
        """The holiday calendar: import a year's State Council notice, show a year."""
        from app.review.calendar_service import CalendarService

        return CalendarService(self.ctx.paths.calendar_dir)

    def rectification(self) -> RectificationService:
        """Replies, verification, extensions; reply documents are copied into the library."""
        from app.review.rectification import RectificationService

        return RectificationService(
            self.db, self.ctx.paths.library_dir / "rectification", self.identity
        )

    def reports(self) -> ReportService:
        """评查表, 通报, Excel and charts of a campaign."""
        from app.documents.reports import ReportService

        return ReportService(self.db, self.settings, self.rectification(), self.identity)

    def ledger(self) -> CorrectedCaseService:
        """The 纠错案件台账."""
        from app.review.corrected_cases import CorrectedCaseService

        return CorrectedCaseService(self.db, self.identity)

    def numbers(self) -> LetterNumberRegistry:
        """The registry of letter numbers (list, set the next number)."""
        from app.review.letter_numbers import LetterNumberRegistry

        return LetterNumberRegistry(self.db, self.identity)

    # ------------------------------------------------------------ queries widgets and commands need
    def search(
        self, query: str | None, case_file_id: int | None = None, limit: int | None = 200
    ) -> list[SearchHit]:
        """Full-text search over the library (or one dossier)."""
        from app.casefiles.search import search

        return search(self.db, query, case_file_id=case_file_id, limit=limit)

    def run_prechecks(self, case_id: int, checklist: Checklist) -> list[Suggestion]:
        """Run and store the automatic pre-checks of one dossier."""
        from app.review.prechecks import run_prechecks

        return run_prechecks(self.db, case_id, checklist, self.town_powers.current())

    def confirm_fact(
        self,
        case_id: int,
        name: str,
        *,
        reading: int | None = None,
        value: str | None = None,
        checklist: Checklist | None = None,
    ) -> OpResult[str]:
        """Confirm a 待核实 fact (a reading, or a typed value: a correction kept over re-OCR)
        and re-run the case's pre-checks so a 需核实 item becomes a plain suggestion or goes.

        The pre-checks run against ``checklist``, else the bundled one of the case's kind;
        a case of unknown kind keeps its stored suggestions."""
        result = self.corrections.confirm_fact(case_id, name, reading=reading, value=value)
        kind = self.cases.detail(case_id).kind
        if checklist is None and kind in ("penalty", "coercion"):
            checklist = self.checklists.default_for(kind)
        if checklist is None:
            return result
        self.run_prechecks(case_id, checklist)
        return OpResult(
            result.value, result.changes | OpChanges(review=True).with_ids(None, case_id)
        )

    def precheck_suggestions(self, case_id: int) -> list[dict[str, Any]]:
        from app.review.prechecks import list_suggestions

        return list_suggestions(self.db, case_id)

    def campaign_stats(self, campaign_id: int, *, related: bool = True) -> CampaignStats:
        from app.documents.campaign_stats import campaign_stats

        return campaign_stats(self.db, campaign_id, related=related)

    def findings(self, campaign_id: int) -> dict[str, list[FindingInfo]]:
        from app.review.findings import findings

        return findings(self.db, campaign_id, self.settings.opinion_scope)

    def import_roster(self, path: Path, sheet: str | None = None) -> OpResult[int]:
        """Certified officers from an Excel roster (upserted by certificate number)."""
        from app.review.roster import import_roster

        return import_roster(self.db, path, sheet)

    def roster(self) -> list[dict[str, Any]]:
        from app.review.roster import list_roster

        return list_roster(self.db)

    def close(self) -> None:
        """Release the database (before a restore, at the end of a CLI run)."""
        self.db.dispose()

    # ------------------------------------------------------------ database copies
    def backup_to(self, dest: Path | None = None, state: TaskState | None = None) -> Path:
        """A consistent copy of the database (SQLite file, or a JSON dump for PostgreSQL);
        with progress, and Cancel through ``state`` (the partial file is deleted)."""
        from app.store.backup import backup, backup_into
        from app.store.migrations import current_revision

        if dest is not None:
            return backup(self.db, dest, state)
        return backup_into(
            self.db, self.ctx.paths.backups_dir, current_revision(self.db), "manual", state
        )

    def daily_backup(self, state: TaskState | None = None) -> Path | None:
        """The day's automatic backup (the window asks at start): once a calendar day,
        the newest ``daily_backups_kept`` kept; None when one exists or they are off."""
        from app.store.backup import daily_backup
        from app.store.migrations import current_revision

        return daily_backup(
            self.db,
            self.ctx.paths.backups_dir,
            current_revision(self.db),
            self.settings.daily_backups_kept,
            date.today(),
            state,
        )

    def verify_audit(self) -> dict[str, Any]:
        """``db verify`` / 帮助 → 校验数据: the audit log checked as a hash chain; every entry
        edited, deleted or inserted behind the program's back, in words."""
        from app.store.audit_chain import verify
        from app.store.models import AuditEntry

        with self.db.session() as session:
            problems = verify(session)
            count = session.query(AuditEntry).count()
        return {
            "entries": count,
            "intact": not problems,
            "problems": [p.as_json() for p in problems],
        }

    def check_database(self, state: TaskState | None = None) -> dict[str, Any]:
        """``db check`` / 帮助 → 校验数据: whether letters, numbers, deductions and files
        still fit together (``app/review/consistency.py``); read only."""
        from app.review.consistency import check

        report = check(self.db, self.ctx.paths.library_dir, state)
        return {**report.as_json(), "summary": report.summary()}

    def restore_from(self, src: Path, state: TaskState | None = None) -> Path | None:
        """Replace the database with a backup; returns the safety copy of the one replaced.
        Cancel through ``state`` is honoured until the swap begins.

        The services are closed by this call: the caller restarts (the CLI exits, the
        window asks the user to start the program again)."""
        self.close()
        return restore_database(self.ctx, src, state)


# ---------------------------------------------------------------- without opening services
def upgrade_database(ctx: RunContext) -> dict[str, Any]:
    """``db upgrade``: migrate the database (backed up first); what was done, as plain data."""
    from app.store.database import open_database
    from app.store.migrations import upgrade

    ctx.paths.ensure()
    db = open_database(ctx.database_url)
    try:
        result = upgrade(db, ctx.paths.backups_dir)
    finally:
        db.dispose()
    return {
        "file": str(db.file) if db.file else ctx.database_url,
        "from_revision": result.before,
        "to_revision": result.after,
        "backup": str(result.backup_file) if result.backup_file else None,
    }


def restore_database(ctx: RunContext, src: Path, state: TaskState | None = None) -> Path | None:
    """``db restore`` (nothing open): replace the database; the safety copy of the old one."""
    from app.store.restore import restore

    ctx.paths.ensure()
    return restore(ctx.database_url, src, ctx.paths.backups_dir, state).safety_copy
