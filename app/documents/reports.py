"""The campaign's papers other than letters — per-file 评查表, 评查情况通报, Excel workbook,
charts — behind one service that the window and the CLI share.

The circular and the workbook show each department's rectification as of ``today`` and the
circular counts the 纠错案件 of the campaign's period, so these are gathered here rather
than by the document builders themselves.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from app.config import Settings
from app.documents.paper_service import PaperService
from app.errors import UserError, os_reason
from app.identity import Identity
from app.review.campaigns import get_campaign
from app.review.corrected_cases import CorrectedCaseService
from app.review.rectification import RectificationService
from app.store.database import Database
from app.store.models import Campaign


class ReportService(PaperService):
    def __init__(
        self,
        db: Database,
        settings: Settings,
        rectification: RectificationService,
        who: Identity | str = "",
    ) -> None:
        super().__init__(db, settings, who)
        self.rectification = rectification

    def _period(self, campaign_id: int) -> str:
        with self.db.session() as session:
            campaign: Campaign = get_campaign(session, campaign_id)
            return campaign.period

    def corrections(self, campaign_id: int) -> dict[str, int]:
        """纠错案件 per department in the campaign's period (quarter, half-year …)."""
        return CorrectedCaseService(self.db).counts_by_department(self._period(campaign_id))

    def sheet(self, campaign_id: int, case_ref: int | str, out: Path) -> Path:
        from app.documents.sheet import write_sheet

        return write_sheet(self.db, campaign_id, case_ref, Path(out), self.template_dir)

    def circular_context(
        self, campaign_id: int, issued_on: date, chart_dir: Path, number: str = ""
    ) -> dict[str, object]:
        from app.documents.campaign_stats import campaign_stats
        from app.documents.circular import circular_context
        from app.review.letter_numbers import normalise_number

        # A 通报 number is a 发文字号 like the letters' (代字〔年份〕序号号), checked the same way.
        number = normalise_number(number) if (number or "").strip() else ""
        return circular_context(
            campaign_stats(self.db, campaign_id),
            organ=self.settings.issuing_organ,
            issued_date=issued_on,
            chart_dir=chart_dir,
            number=number,
            corrections=self.corrections(campaign_id),
            rectification=self.rectification.department_states(issued_on, campaign_id),
        )

    def circular(self, campaign_id: int, out: Path, issued_on: date, number: str = "") -> Path:
        """Write the 通报 without taking a number: a preview (no ``number``, no 文号 printed),
        or an issued 通报 again under its ``number`` and its own 成文日期 (refused unless the
        registry issued that number to this campaign's 通报)."""
        from app.review.bulletins import issued_bulletin

        if (number or "").strip():
            with self.db.session() as session:
                issued = issued_bulletin(session, number, campaign_id)
            number, issued_on = issued.number, issued.issued_on
        return self._write_circular(campaign_id, out, issued_on, number)

    def issue_circular(self, campaign_id: int, out: Path, issued_on: date) -> tuple[Path, str]:
        """Issue the campaign's 通报: its date checked like a letter's, its 文号 taken from the
        registry (通报代字) in the transaction that records it, so a 通报 whose file could not
        be written gives the number back. Returns the file and the number."""
        from app.documents.docx_render import check_template, render_document
        from app.review.bulletins import take_bulletin_number
        from app.review.letter_dates import check_paper_date

        self.settings.check_letters_ready()
        check_template("circular", self.template_dir)
        with self.db.session() as session:
            check_paper_date(session, "评查情况通报", issued_on, campaign_id)
        with tempfile.TemporaryDirectory(prefix="anjuan-charts-") as charts:
            context = self.circular_context(campaign_id, issued_on, Path(charts))
            with self.db.session() as session:
                context["number"] = number = take_bulletin_number(
                    session,
                    self.settings.letter_code("bulletin"),
                    campaign_id,
                    issued_on,
                    str(Path(out).resolve()),
                    self.who,
                )
                written = render_document(
                    "circular", context, Path(out), template_dir=self.template_dir
                )
            return written, number

    def _write_circular(self, campaign_id: int, out: Path, issued_on: date, number: str) -> Path:
        from app.documents.docx_render import check_template, render_document

        check_template("circular", self.template_dir)
        with tempfile.TemporaryDirectory(prefix="anjuan-charts-") as charts:
            context = self.circular_context(campaign_id, issued_on, Path(charts), number)
            return render_document("circular", context, Path(out), template_dir=self.template_dir)

    def workbook(self, campaign_id: int, out: Path, today: date, *, public: bool = False) -> Path:
        """The Excel summary; ``public``: the variant for publication (names masked)."""
        from app.documents.excel_report import write_campaign_workbook

        return write_campaign_workbook(
            self.db,
            campaign_id,
            Path(out),
            rectification=self.rectification.department_states(today, campaign_id),
            as_of=today,
            public=public,
        )

    def charts(
        self, campaign_id: int, out_dir: Path, formats: Sequence[str] = ("png", "svg")
    ) -> list[Path]:
        import dataclasses

        from app.documents.campaign_stats import campaign_stats
        from app.documents.charts import render_charts

        out_dir = Path(out_dir)
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(f"无法创建文件夹“{out_dir}”：{os_reason(exc)}") from exc
        stats = dataclasses.replace(
            campaign_stats(self.db, campaign_id), corrections=self.corrections(campaign_id)
        )
        return render_charts(stats, out_dir, formats)
