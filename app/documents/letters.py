"""Issuing the 《行政执法监督意见书》 and 《行政执法监督决定书》.

An opinion is drafted from a campaign's findings for one department: the problems on
supervision items (file, page, rule), the files reviewed, the configured legal basis and the
rectification deadline on the working-day calendar. Issuing takes a number from the
registry, writes the .docx and records the letter (its filled fields and problems as
issued), its rectification and an audit entry — all in one transaction, so a letter whose
file could not be written gives its number back.

A decision follows an opinion whose rectification is overdue
(:mod:`app.documents.decision_letters`). No number is taken while the organ, its 代字 and
the legal basis are unset (:meth:`app.config.Settings.check_letters_ready`).
"""

from __future__ import annotations

import copy
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.config import Settings, basis_clause
from app.documents.decision_letters import UNSET_DEADLINE, DecisionLetters, problem_fields
from app.documents.issued_letter import IssuedLetter
from app.documents.letter_deadlines import LetterDeadlines
from app.documents.letter_requests import OpinionRequest
from app.documents.paper_service import PaperService
from app.errors import NotFoundError, UserError
from app.identity import Identity
from app.review.bulletins import issued_bulletins
from app.review.campaigns import KIND_LABELS, get_campaign, period_label
from app.review.deadlines import cn_date
from app.review.findings import FindingInfo, findings, no_opinion_reasons
from app.review.letter_dates import check_paper_date
from app.review.letter_numbers import find_letter, normalise_number, peek_number, take_number
from app.store import audit
from app.store.database import Database
from app.store.models import (
    CampaignCase,
    CaseFile,
    Department,
    Letter,
    LetterProblem,
    Rectification,
)

__all__ = ["UNSET_DEADLINE", "IssuedLetter", "LetterService", "OpinionCandidate"]


@dataclass(frozen=True)
class OpinionCandidate:
    """A department of a campaign and what an opinion to it would contain."""

    department: str
    problems: int
    cases: int
    issued_number: str | None  # an opinion already issued for this campaign

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def _problem_dict(seq: int, f: FindingInfo) -> dict[str, Any]:
    return problem_fields(seq, f.case_no, f.page, f.item, f.item_text, f.text, f.basis, f.category)


class LetterService(LetterDeadlines, DecisionLetters, PaperService):
    """Drafts and issues letters; the window and the CLI both call this."""

    def __init__(
        self,
        db: Database,
        settings: Settings,
        calendar_dir: Path | None,
        who: Identity | str = "",
        *,
        provisional: bool = False,
    ) -> None:
        super().__init__(db, settings, who)
        self.calendar_dir = calendar_dir
        #: Count a deadline in a year whose holidays are not known yet on the statutory
        #: holidays (暂定) instead of refusing; the letter then says so.
        self.provisional = provisional

    # ------------------------------------------------------------------ helpers

    @staticmethod
    def _department(session: Session, name: str) -> Department:
        name = (name or "").strip()
        row = session.scalar(select(Department).where(Department.name == name))
        if row is None:
            row = session.scalar(select(Department).where(Department.short_name == name))
        if row is None:
            raise NotFoundError(f"没有名为“{name}”的执法单位。")
        return row

    def _cases(self, campaign_id: int, department: str) -> list[dict[str, Any]]:
        """The department's files of the campaign with score and grade, from the campaign
        statistics (the same settled-review rule as the circular and the workbook); a file
        graded by a 否决项 names it (its wording: a score of 91 shown 不合格 says why)."""
        from app.documents.campaign_stats import campaign_stats

        stats = campaign_stats(self.db, campaign_id, related=False)
        rows = [c for c in stats.cases if c.department == department and c.case_id is not None]
        vetoes: dict[int, list[str]] = {}
        for d in stats.deductions:
            if (
                d.veto
                and d.department == department
                and d.item_text not in vetoes.get(d.case_id, [])
            ):
                vetoes.setdefault(d.case_id, []).append(d.item_text)
        with self.db.session() as session:
            causes: dict[int | None, str | None] = dict(
                session.execute(
                    select(CaseFile.id, CaseFile.cause).where(
                        CaseFile.id.in_([c.case_id for c in rows])
                    )
                ).all()
            )
        return [
            {
                "seq": n,
                "case_no": c.case_no or "（无案号）",
                "cause": causes.get(c.case_id) or "",
                "score": f"{c.total:g}" if c.scored and c.total is not None else c.status,
                "grade": c.grade if c.scored else "",
                "vetoes": "、".join(f"“{t.rstrip('。')}”" for t in vetoes.get(c.case_id or 0, []))
                if c.scored and c.vetoed
                else "",
            }
            for n, c in enumerate(rows, start=1)
        ]

    @staticmethod
    def _case_ids(session: Session, campaign_id: int, dept: Department) -> list[int | None]:
        """The department's files of the campaign: those its opinion names."""
        return list(
            session.scalars(
                select(CampaignCase.case_file_id)
                .join(CaseFile, CaseFile.id == CampaignCase.case_file_id)
                .where(CampaignCase.campaign_id == campaign_id, CaseFile.department_id == dept.id)
            )
        )

    @staticmethod
    def _existing(session: Session, campaign_id: int, department_id: int) -> Letter | None:
        return session.scalar(
            select(Letter).where(
                Letter.kind == "opinion",
                Letter.campaign_id == campaign_id,
                Letter.department_id == department_id,
            )
        )

    def _record(
        self,
        session: Session,
        kind: str,
        context: dict[str, Any],
        issued_on: date,
        deadline: date,
        out: Path,
        department_id: int,
        campaign_id: int | None,
        details: dict[str, Any],
        follows: int | None = None,
    ) -> Letter:
        """Take the next number and record the letter with its filled fields, and the issue
        in the audit log with ``details`` (one transaction with the caller: a failure
        afterwards gives the number back)."""
        issued = take_number(
            session, kind, self.settings.letter_code(kind), issued_on.year, self.who
        )
        context["number"] = issued.number_text
        letter = Letter(
            kind=kind,
            number_text=issued.number_text,
            year=issued.year,
            seq=issued.seq,
            department_id=department_id,
            campaign_id=campaign_id,
            issued_on=issued_on,
            deadline=deadline,
            file_path=str(Path(out).resolve()),
            follows_letter_id=follows,
            content=context,
        )
        session.add(letter)
        session.flush()
        audit.record(
            session,
            self.who,
            "letter",
            letter.number_text,
            "issue",
            None,
            {"kind": kind, **details, "deadline": deadline.isoformat(), "file": str(out)},
        )
        return letter

    def _written(
        self, session: Session, letter: Letter, context: dict[str, Any], out: Path
    ) -> IssuedLetter:
        """Write the recorded letter's file from its fields (after everything it records is
        flushed, so a failure to write gives the number back)."""
        from app.documents.docx_render import render_document

        session.flush()
        written = render_document(letter.kind, context, Path(out), template_dir=self.template_dir)
        return IssuedLetter.of(letter, written, context)

    # ------------------------------------------------------------------ opinions

    def _findings(self, campaign_id: int) -> dict[str, list[FindingInfo]]:
        """The campaign's findings in the scope the settings give (监督事项 or all)."""
        return findings(self.db, campaign_id, self.settings.opinion_scope)

    def no_opinion_reasons(self, campaign_id: int) -> dict[str, str]:
        """Department → why it gets no opinion from this campaign (the documents dialog)."""
        return no_opinion_reasons(self.db, campaign_id, self.settings.opinion_scope)

    def _deadline_start(self, issued_on: date, served_on: date | None) -> date:
        """The day the rectification period is counted from: the letter's date, or the day
        it is served when the settings say 送达 (then asked for, never before the date)."""
        if self.settings.deadline_from != "service":
            return issued_on
        served = served_on or issued_on
        if served < issued_on:
            raise UserError(
                f"送达日期（{cn_date(served)}）不能早于印发日期（{cn_date(issued_on)}）。"
            )
        return served

    def candidates(self, campaign_id: int) -> list[OpinionCandidate]:
        """Departments of the campaign with problems to put in an opinion."""
        found = self._findings(campaign_id)
        with self.db.session() as session:
            result = []
            for name, rows in found.items():
                dept = session.scalar(select(Department).where(Department.name == name))
                existing = self._existing(session, campaign_id, dept.id) if dept else None
                result.append(
                    OpinionCandidate(
                        name,
                        len(rows),
                        len({r.case_id for r in rows}),
                        existing.number_text if existing else None,
                    )
                )
            return result

    def opinion_context(
        self,
        request: OpinionRequest,
        *,
        number: str | None = None,
        draft: bool = False,
        found: dict[str, list[FindingInfo]] | None = None,
    ) -> dict[str, Any]:
        """The opinion's fields. Without ``number`` the number the letter would get is shown
        (peeked, not taken) — what the window's preview uses. A ``draft`` whose deadline
        falls in a year the calendar does not know yet says it is to be set at issue.
        ``found``: the campaign's findings when the caller already has them."""
        campaign_id, department, issued_on = (
            request.campaign_id,
            request.department,
            request.issued_on,
        )
        deadline, served_on = request.deadline, request.served_on
        found = self._findings(campaign_id) if found is None else found
        days = request.days or self.settings.rectification_days
        with self.db.session() as session:
            campaign = get_campaign(session, campaign_id)
            dept = self._department(session, department)
            problems = [
                _problem_dict(i, f)
                for i, f in enumerate(
                    (f for f in found.get(dept.name, []) if f.department_id == dept.id), start=1
                )
            ]
            if not problems:
                reason = self.no_opinion_reasons(campaign_id).get(dept.name, "")
                raise UserError(
                    f"“{campaign.name}”中未发现{dept.name}需要整改的问题，不出具监督意见书。{reason}"
                )
            start = self._deadline_start(issued_on, served_on)
            typed = deadline is not None
            if deadline is None:
                deadline = self._computed_deadline(start, days, draft)
            elif deadline <= start:
                raise UserError(
                    "整改期限应晚于送达日期。" if start != issued_on else "整改期限应晚于印发日期。"
                )
            basis = self._provisional_basis(start, deadline, days, typed)
            cases = self._cases(campaign_id, dept.name)
            year = issued_on.year
            shown = number or peek_number(
                session, "opinion", self.settings.letter_code_opinion, year
            )
            return {
                "organ": self.settings.issuing_organ,
                "number": shown,
                "department": dept.name,
                "campaign_name": campaign.name,
                "period_label": period_label(campaign.period),
                "kind_label": KIND_LABELS.get(campaign.kind, ""),
                "cases": cases,
                "problems": problems,
                "legal_basis": self.settings.legal_basis("opinion"),
                "legal_basis_clause": basis_clause(self.settings.legal_basis("opinion")),
                "vetoed_cases": [c for c in cases if c["vetoes"]],
                "rectification_days": days,
                "deadline_from": self.settings.deadline_from,
                "served_date": cn_date(start) if start != issued_on else "",
                "deadline": cn_date(deadline) if deadline else UNSET_DEADLINE,
                "deadline_iso": deadline.isoformat() if deadline else None,
                "deadline_provisional": basis is not None,
                "deadline_basis": basis,
                "issued_date": cn_date(issued_on),
                "copy_to": self.settings.copy_to,
            }

    def issue_opinion(self, request: OpinionRequest, out: Path) -> IssuedLetter:
        from app.documents.docx_render import check_template

        self.settings.check_letters_ready()
        check_template("opinion", self.template_dir)
        campaign_id, department, issued_on = (
            request.campaign_id,
            request.department,
            request.issued_on,
        )
        found = self._findings(campaign_id)
        with self.db.session() as session:
            dept = self._department(session, department)
            existing = self._existing(session, campaign_id, dept.id)
            if existing is not None:
                raise UserError(
                    f"已于{cn_date(existing.issued_on)}向{dept.name}出具{existing.number_text}；"
                    f"如需再次生成该文书文件，请使用“重新生成”（letter write {existing.number_text}）。"
                )
        context = self.opinion_context(request, number="待编号", found=found)
        limit = date.fromisoformat(context["deadline_iso"])
        with self.db.session() as session:
            dept = self._department(session, department)
            chosen = [f for f in found.get(dept.name, []) if f.department_id == dept.id]
            named = self._case_ids(session, campaign_id, dept)
            check_paper_date(session, "监督意见书", issued_on, campaign_id, named)
            letter = self._record(
                session,
                "opinion",
                context,
                issued_on,
                limit,
                out,
                dept.id,
                campaign_id,
                {"department": dept.name, "campaign_id": campaign_id, "problems": len(chosen)},
            )
            by_seq = {p["seq"]: p for p in context["problems"]}
            for seq, f in enumerate(chosen, start=1):
                session.add(
                    LetterProblem(
                        letter_id=letter.id,
                        seq=seq,
                        case_file_id=f.case_id or None,
                        case_no=f.case_no,
                        page=f.page,
                        item_id=f.item,
                        item_text=f.item_text,
                        category=f.category[:50],
                        text=by_seq[seq]["text"],
                        basis=f.basis,
                    )
                )
            session.add(
                Rectification(
                    letter_id=letter.id, state="issued", deadline=limit, issued_on=issued_on
                )
            )
            return self._written(session, letter, context, out)

    # ------------------------------------------------------------------ re-writing

    @classmethod
    def _issued(cls, session: Session, number: str) -> tuple[Letter, dict[str, Any]]:
        """The letter and a copy of its fields as issued (only letters this program wrote
        have them)."""
        text = normalise_number(number)
        letter = find_letter(session, text)
        if not letter.content:
            raise UserError(f"{text}不是由本程序生成的，没有可重新生成的内容。")
        return letter, copy.deepcopy(letter.content)

    def issued_context(self, number: str) -> dict[str, Any]:
        """An issued letter's fields as issued (a copy), e.g. to preview it again."""
        with self.db.session() as session:
            return self._issued(session, number)[1]

    def rewrite(self, number: str, out: Path) -> IssuedLetter:
        """Write an issued letter again from its fields as issued (same number, same text),
        e.g. after the file was lost or the bureau changed its template."""
        from app.documents.docx_render import render_document

        with self.db.session() as session:
            letter, content = self._issued(session, number)
            written = render_document(
                letter.kind,
                content,
                Path(out),
                template_dir=self.template_dir,
            )
            audit.record(
                session,
                self.who,
                "letter",
                letter.number_text,
                "rewrite",
                None,
                {"file": str(written)},
            )
            return IssuedLetter.of(letter, written, content)

    def letters(self, until: date | None = None) -> list[dict[str, Any]]:
        """The issued letters and 通报, oldest first; with ``until`` only those issued by that
        day (``--today``: a letter dated later was not issued yet on that day)."""
        with self.db.session() as session:
            query = select(Letter).order_by(Letter.issued_on, Letter.id)
            if until is not None:
                query = query.where(Letter.issued_on <= until)
            rows = session.scalars(query).all()
            bulletins = [
                b.as_row()
                for b in issued_bulletins(session)
                if until is None or b.issued_on <= until
            ]
            letters = [
                {
                    "number": r.number_text,
                    "kind": r.kind,
                    "department": r.department.name,
                    "issued_on": r.issued_on.isoformat(),
                    "deadline": r.deadline.isoformat() if r.deadline else None,
                    "campaign_id": r.campaign_id,
                    "follows": r.follows.number_text if r.follows else None,
                    "file": r.file_path,
                }
                for r in rows
            ]
            # stable: a letter and a 通报 of the same day stay in the order each was issued
            return sorted(letters + bulletins, key=lambda r: r["issued_on"])
