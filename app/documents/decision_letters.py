"""Issuing the 《行政执法监督决定书》 that follows an overdue 监督意见书.

A decision is possible only once the opinion's rectification is overdue by at least the
settings' grace days and, where the settings ask for it, after a 催办 was recorded on it.
It names the problems the department did not report as rectified, each with its measure
(chosen per problem, default from the finding's category: :mod:`app.documents.decision_text`),
says who issues it (the bureau, or the 本级人民政府 at the bureau's request), the consequence
of not complying and the 复查 path.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.config import basis_clause
from app.documents import decision_text
from app.documents.cited_basis import drop_repeated_basis, page_text
from app.documents.issued_letter import IssuedLetter
from app.documents.letter_requests import DecisionRequest
from app.errors import UserError
from app.review import rectification as rect_mod
from app.review.deadlines import cn_date
from app.review.letter_dates import check_paper_date
from app.review.letter_numbers import find_letter, normalise_number, peek_number
from app.store.models import Letter, LetterProblem, Rectification

if TYPE_CHECKING:
    from app.config import Settings
    from app.store.database import Database

UNSET_DEADLINE = "（出具时指定）"


def problem_fields(
    seq: int,
    case_no: str | None,
    page: int | None,
    item: str,
    item_text: str,
    text: str,
    basis: str | None,
    category: str | None,
) -> dict[str, Any]:
    """One problem as the letters' templates list it (a finding, or a problem as issued)."""
    return {
        "seq": seq,
        "case_no": case_no or "（无案号）",
        "page_text": page_text(page, text),
        "item": item,
        "item_text": item_text,
        "text": drop_repeated_basis(text, basis),  # the letter prints the basis after it
        "basis": basis or "",
        "category": category or "",
    }


def stored_problem_dict(p: LetterProblem) -> dict[str, Any]:
    """A problem of an issued opinion as a letter lists it again."""
    return problem_fields(
        p.seq, p.case_no, p.page, p.item_id, p.item_text, p.text, p.basis, p.category
    )


class DecisionLetters:
    """The decision part of :class:`app.documents.letters.LetterService`."""

    if TYPE_CHECKING:
        db: Database
        settings: Settings

        @property
        def template_dir(self) -> Path | None: ...
        @property
        def who(self) -> str: ...

        def _computed_deadline(
            self, issued_on: date, days: int | None, draft: bool
        ) -> date | None: ...
        def _provisional_basis(
            self, issued_on: date, deadline: date | None, days: int, typed: bool
        ) -> dict[str, Any] | None: ...
        def _record(self, session: Session, kind: str, *args: Any, **kw: Any) -> Letter: ...
        def _written(
            self, session: Session, letter: Letter, context: dict[str, Any], out: Path
        ) -> IssuedLetter: ...

    def _decidable(self, session: Session, text: str, rect: Rectification | None, on: date) -> None:
        """Refuse (Chinese) a decision the opinion's state, the grace days or a missing 催办
        do not allow yet."""
        status = rect_mod.status_on(rect, on) if rect else "issued"
        if status == "decided":
            raise UserError(f"{text}已经出具过监督决定书。")
        if status == "verified":
            raise UserError(f"{text}的整改已验收通过，不需要出具监督决定书。")
        deadline = rect.deadline if rect else None
        if status != "overdue" or deadline is None:
            shown = cn_date(deadline) if deadline else "未定"
            raise UserError(
                f"{text}的整改期限（{shown}）尚未届满或回复待验收，"
                f"只有逾期未整改的才出具监督决定书。"
            )
        grace = self.settings.decision_grace_days
        if (on - deadline).days < grace:
            raise UserError(
                f"{text}逾期{(on - deadline).days}天；按文书设置，逾期满{grace}天后"
                f"（{cn_date(date.fromordinal(deadline.toordinal() + grace))}之后）方可出具监督决定书。"
            )
        needs_reminder = self.settings.decision_needs_reminder and rect is not None
        if needs_reminder and rect_mod.reminded_on(session, text) is None:
            raise UserError(
                f"按文书设置，出具监督决定书前须先催办：请先记录对{text}的催办"
                f"（整改督办 → 催办，或 rectify remind {text}）。"
            )

    def decision_context(
        self, request: DecisionRequest, *, number: str | None = None, draft: bool = False
    ) -> dict[str, Any]:
        """The decision's fields. ``draft``: as for ``opinion_context``."""
        issued_on, deadline, days = request.issued_on, request.deadline, request.days
        text = normalise_number(request.opinion_number)
        with self.db.session() as session:
            opinion = find_letter(session, text, what="监督意见书")
            if opinion.kind != "opinion":
                raise UserError(f"“{text}”不是监督意见书。")
            rect = session.scalar(
                select(Rectification).where(Rectification.letter_id == opinion.id)
            )
            self._decidable(session, opinion.number_text, rect, issued_on)
            opinion_deadline = rect.deadline if rect else opinion.deadline
            stored = [
                stored_problem_dict(p) for p in rect_mod.unrectified_problems(session, opinion)
            ]
            if not stored:
                raise UserError(f"{text}的回复称问题已全部整改：请先验收或退回该回复。")
            problems = decision_text.with_measures(stored, request.measures)
            if deadline is not None and deadline <= issued_on:
                raise UserError("纠正期限应晚于印发日期。")
            new_deadline = deadline or self._computed_deadline(issued_on, days, draft)
            basis = self._provisional_basis(
                issued_on, new_deadline, days or self.settings.rectification_days, bool(deadline)
            )
            by_government = self.settings.decision_issuer == "government"
            bureau = opinion.content.get("organ") if opinion.content else None
            bureau = bureau or self.settings.issuing_organ
            organ = (self.settings.decision_organ if by_government else "") or bureau
            opinion_date = cn_date(opinion.issued_on)
            shown = number or peek_number(
                session, "decision", self.settings.letter_code_decision, issued_on.year
            )
            return {
                "organ": organ,
                "number": shown,
                "department": opinion.department.name,
                "opinion_number": opinion.number_text,
                "opinion_date": opinion_date,
                "opinion_deadline": cn_date(opinion_deadline) if opinion_deadline else "",
                "opening": decision_text.opening(
                    requested_by=bureau if by_government else None,
                    opinion_date=opinion_date,
                    opinion_number=opinion.number_text,
                    opinion_deadline=cn_date(opinion_deadline) if opinion_deadline else "",
                ),
                "problems": problems,
                "decisions": request.decisions or decision_text.decision_items(problems),
                "new_deadline": cn_date(new_deadline) if new_deadline else UNSET_DEADLINE,
                "new_deadline_iso": new_deadline.isoformat() if new_deadline else None,
                "deadline_provisional": basis is not None,
                "deadline_basis": basis,
                "legal_basis": self.settings.legal_basis("decision"),
                "legal_basis_clause": basis_clause(self.settings.legal_basis("decision")),
                "objection": decision_text.objection(self.settings.objection_days),
                "issued_date": cn_date(issued_on),
                "copy_to": self.settings.copy_to,
            }

    def issue_decision(self, request: DecisionRequest, out: Path) -> IssuedLetter:
        from app.documents.docx_render import check_template

        self.settings.check_letters_ready()
        check_template("decision", self.template_dir)
        issued_on = request.issued_on
        context = self.decision_context(request, number="待编号")
        limit = date.fromisoformat(context["new_deadline_iso"])
        with self.db.session() as session:
            opinion = find_letter(session, context["opinion_number"], what="监督意见书")
            named = [p.case_file_id for p in opinion.problems]
            check_paper_date(session, "监督决定书", issued_on, opinion.campaign_id, named)
            letter = self._record(
                session,
                "decision",
                context,
                issued_on,
                limit,
                out,
                opinion.department_id,
                opinion.campaign_id,
                {
                    "follows": opinion.number_text,
                    "department": opinion.department.name,
                    "measures": {str(p["seq"]): p["measure"] for p in context["problems"]},
                },
                follows=opinion.id,
            )
            rect_mod.mark_decided(session, opinion, issued_on, self.who)
            return self._written(session, letter, context, out)
