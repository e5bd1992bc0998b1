"""Issuing the 《行政执法监督意见书》 and 《行政执法监督决定书》.

An opinion is drafted from a campaign's findings for one department: the problems on
supervision items (file, page, rule), the files reviewed, the configured legal basis and the
rectification deadline on the working-day calendar. Issuing takes a number from the
registry, writes the .docx and records the letter (its filled fields and problems as
issued), its rectification and an audit entry — all in one transaction, so a letter whose
file could not be written gives its number back.

A decision follows an opinion whose rectification is overdue; it names the problems the
department did not report as rectified.
"""

from __future__ import annotations

import copy
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.changes import OpChanges
from app.config import Settings
from app.documents.letter_deadlines import LetterDeadlines
from app.errors import NotFoundError, UserError
from app.identity import Identity, as_identity
from app.review import rectification as rect_mod
from app.review.campaigns import KIND_LABELS, get_campaign, period_label
from app.review.deadlines import cn_date
from app.review.findings import FindingInfo, findings
from app.review.letter_numbers import find_letter, normalise_number, peek_number, take_number
from app.store import audit
from app.store.database import Database
from app.store.models import (
    CaseFile,
    Department,
    Letter,
    LetterProblem,
    Rectification,
)

UNSET_DEADLINE = "（出具时指定）"
# The deadline and the report back are the template's closing sentence; the default measure
# does not repeat them (a signer would strike the second deadline out).
DEFAULT_DECISION = (
    "责令你单位对上述问题依法予以纠正：应当履行法定职责的，依法履行；"
    "行政行为违法或者不当的，依法重新作出、变更或者撤销"
)


@dataclass(frozen=True)
class IssuedLetter:
    number: str
    deadline: date | None
    file: Path
    letter_id: int
    department: str
    #: The deadline was counted on a year whose holidays were not yet known (暂定).
    deadline_provisional: bool = False

    @classmethod
    def of(cls, letter: Letter, written: Path, fields: dict[str, Any]) -> IssuedLetter:
        """What issuing or rewriting ``letter`` answers (``fields``: its filled fields)."""
        return cls(
            letter.number_text,
            letter.deadline,
            written,
            letter.id,
            letter.department.name,
            bool(fields.get("deadline_provisional")),
        )

    @property
    def changes(self) -> OpChanges:
        """Issuing a letter takes a number and opens (or updates) its rectification."""
        return OpChanges(letters=True, rectification=True)

    def as_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "file": str(self.file),
            "department": self.department,
            "deadline_provisional": self.deadline_provisional,
        }


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
    return {
        "seq": seq,
        "case_no": f.case_no or "（无案号）",
        "page_text": f"第{f.page}页" if f.page else "",
        "item": f.item,
        "item_text": f.item_text,
        "text": f.text,
        "basis": f.basis or "",
    }


def _stored_problem_dict(p: LetterProblem) -> dict[str, Any]:
    return {
        "seq": p.seq,
        "case_no": p.case_no or "（无案号）",
        "page_text": f"第{p.page}页" if p.page else "",
        "item": p.item_id,
        "item_text": p.item_text,
        "text": p.text,
        "basis": p.basis or "",
    }


class LetterService(LetterDeadlines):
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
        self.db = db
        self.settings = settings
        self.calendar_dir = calendar_dir
        #: Count a deadline in a year whose holidays are not known yet on the statutory
        #: holidays (暂定) instead of refusing; the letter then says so.
        self.provisional = provisional
        self.identity = as_identity(who or settings.reviewer_name)

    @property
    def who(self) -> str:
        """Who the audit log names, read at call time from the shared identity."""
        return self.identity.actor

    @property
    def template_dir(self) -> Path | None:
        return Path(self.settings.template_dir) if self.settings.template_dir else None

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
        statistics (the same settled-review rule as the circular and the workbook)."""
        from app.documents.campaign_stats import campaign_stats

        rows = [
            c
            for c in campaign_stats(self.db, campaign_id, related=False).cases
            if c.department == department and c.case_id is not None
        ]
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
            }
            for n, c in enumerate(rows, start=1)
        ]

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
        code = (
            self.settings.letter_code_opinion
            if kind == "opinion"
            else self.settings.letter_code_decision
        )
        issued = take_number(session, kind, code, issued_on.year, self.who)
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

    def candidates(self, campaign_id: int) -> list[OpinionCandidate]:
        """Departments of the campaign with problems to put in an opinion."""
        found = findings(self.db, campaign_id)
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
        campaign_id: int,
        department: str,
        issued_on: date,
        *,
        deadline: date | None = None,
        days: int | None = None,
        number: str | None = None,
        draft: bool = False,
        found: dict[str, list[FindingInfo]] | None = None,
    ) -> dict[str, Any]:
        """The opinion's fields. Without ``number`` the number the letter would get is shown
        (peeked, not taken) — what the window's preview uses. A ``draft`` whose deadline
        falls in a year the calendar does not know yet says it is to be set at issue.
        ``found``: the campaign's findings when the caller already has them."""
        found = findings(self.db, campaign_id) if found is None else found
        days = days or self.settings.rectification_days
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
                raise UserError(
                    f"“{campaign.name}”中未发现{dept.name}需要整改的问题（监督事项无扣分），不出具监督意见书。"
                )
            typed = deadline is not None
            if deadline is None:
                deadline = self._computed_deadline(issued_on, days, draft)
            elif deadline <= issued_on:
                raise UserError("整改期限应晚于印发日期。")
            basis = self._provisional_basis(issued_on, deadline, days, typed)
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
                "cases": self._cases(campaign_id, dept.name),
                "problems": problems,
                "legal_basis": self.settings.legal_basis_opinion,
                "rectification_days": days,
                "deadline": cn_date(deadline) if deadline else UNSET_DEADLINE,
                "deadline_iso": deadline.isoformat() if deadline else None,
                "deadline_provisional": basis is not None,
                "deadline_basis": basis,
                "issued_date": cn_date(issued_on),
                "copy_to": self.settings.copy_to,
            }

    def issue_opinion(
        self,
        campaign_id: int,
        department: str,
        out: Path,
        issued_on: date,
        *,
        deadline: date | None = None,
        days: int | None = None,
    ) -> IssuedLetter:
        from app.documents.docx_render import check_template

        check_template("opinion", self.template_dir)
        found = findings(self.db, campaign_id)
        with self.db.session() as session:
            dept = self._department(session, department)
            existing = self._existing(session, campaign_id, dept.id)
            if existing is not None:
                raise UserError(
                    f"已于{cn_date(existing.issued_on)}向{dept.name}出具{existing.number_text}；"
                    f"如需再次生成该文书文件，请使用“重新生成”（letter write {existing.number_text}）。"
                )
        context = self.opinion_context(
            campaign_id,
            department,
            issued_on,
            deadline=deadline,
            days=days,
            number="待编号",
            found=found,
        )
        limit = date.fromisoformat(context["deadline_iso"])
        with self.db.session() as session:
            dept = self._department(session, department)
            chosen = [f for f in found.get(dept.name, []) if f.department_id == dept.id]
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

    # ------------------------------------------------------------------ decisions

    def decision_context(
        self,
        opinion_number: str,
        issued_on: date,
        *,
        decisions: list[str] | None = None,
        days: int | None = None,
        number: str | None = None,
        deadline: date | None = None,
        draft: bool = False,
    ) -> dict[str, Any]:
        """The decision's fields (``draft``: as for :meth:`opinion_context`)."""
        text = normalise_number(opinion_number)
        with self.db.session() as session:
            opinion = find_letter(session, text, what="监督意见书")
            if opinion.kind != "opinion":
                raise UserError(f"“{text}”不是监督意见书。")
            rect = session.scalar(
                select(Rectification).where(Rectification.letter_id == opinion.id)
            )
            status = rect_mod.status_on(rect, issued_on) if rect else "issued"
            opinion_deadline = rect.deadline if rect else opinion.deadline
            if status == "decided":
                raise UserError(f"{text}已经出具过监督决定书。")
            if status == "verified":
                raise UserError(f"{text}的整改已验收通过，不需要出具监督决定书。")
            if status != "overdue":
                raise UserError(
                    f"{text}的整改期限（{cn_date(opinion_deadline)}）尚未届满或回复待验收，"
                    f"只有逾期未整改的才出具监督决定书。"
                )
            problems = [
                _stored_problem_dict(p) for p in rect_mod.unrectified_problems(session, opinion)
            ]
            if not problems:
                raise UserError(f"{text}的回复称问题已全部整改：请先验收或退回该回复。")
            organ = self.settings.decision_organ or self.settings.issuing_organ
            if deadline is not None and deadline <= issued_on:
                raise UserError("纠正期限应晚于印发日期。")
            new_deadline = deadline or self._computed_deadline(issued_on, days, draft)
            basis = self._provisional_basis(
                issued_on, new_deadline, days or self.settings.rectification_days, bool(deadline)
            )
            deadline_text = cn_date(new_deadline) if new_deadline else UNSET_DEADLINE
            texts = decisions or [DEFAULT_DECISION]
            shown = number or peek_number(
                session, "decision", self.settings.letter_code_decision, issued_on.year
            )
            return {
                "organ": organ,
                "number": shown,
                "department": opinion.department.name,
                "opinion_number": opinion.number_text,
                "opinion_date": cn_date(opinion.issued_on),
                "opinion_deadline": cn_date(opinion_deadline),
                "problems": problems,
                "decisions": texts,
                "new_deadline": deadline_text,
                "new_deadline_iso": new_deadline.isoformat() if new_deadline else None,
                "deadline_provisional": basis is not None,
                "deadline_basis": basis,
                "legal_basis": self.settings.legal_basis_decision,
                "issued_date": cn_date(issued_on),
                "copy_to": self.settings.copy_to,
            }

    def issue_decision(
        self,
        opinion_number: str,
        out: Path,
        issued_on: date,
        *,
        decisions: list[str] | None = None,
        days: int | None = None,
        deadline: date | None = None,
    ) -> IssuedLetter:
        from app.documents.docx_render import check_template

        check_template("decision", self.template_dir)
        context = self.decision_context(
            opinion_number,
            issued_on,
            decisions=decisions,
            days=days,
            number="待编号",
            deadline=deadline,
        )
        limit = date.fromisoformat(context["new_deadline_iso"])
        with self.db.session() as session:
            opinion = find_letter(session, context["opinion_number"], what="监督意见书")
            letter = self._record(
                session,
                "decision",
                context,
                issued_on,
                limit,
                out,
                opinion.department_id,
                opinion.campaign_id,
                {"follows": opinion.number_text, "department": opinion.department.name},
                follows=opinion.id,
            )
            rect_mod.mark_decided(session, opinion, issued_on, self.who)
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

    def letters(self) -> list[dict[str, Any]]:
        with self.db.session() as session:
            rows = session.scalars(select(Letter).order_by(Letter.issued_on, Letter.id)).all()
            return [
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
