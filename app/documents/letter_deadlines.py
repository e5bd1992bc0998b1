"""The rectification deadline of a letter, and the letters whose deadline was 暂定.

A deadline is counted on the working-day calendar (the settings say how many days and of
which kind). In a year whose holidays are not known yet it is refused, or — when the service
was opened with ``provisional`` — counted on the statutory holidays and marked 暂定, kept in
the letter's fields so that it can be re-checked once that year's notice is imported.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.config import Settings
from app.errors import UserError
from app.review.deadlines import rectification_deadline, working_calendar
from app.store.database import Database
from app.store.models import Letter


class LetterDeadlines:
    """The deadline part of :class:`app.documents.letters.LetterService`."""

    db: Database
    settings: Settings
    calendar_dir: Path | None
    provisional: bool

    def deadline_for(self, issued_on: date, days: int | None = None) -> date:
        """The rectification deadline. In a year whose holidays are not known yet: refused,
        or with :attr:`provisional` counted on the statutory holidays (暂定, see
        :meth:`deadline_provisional`)."""
        calendar = working_calendar(self.calendar_dir, provisional=self.provisional)
        return rectification_deadline(
            calendar,
            issued_on,
            days or self.settings.rectification_days,
            self.settings.rectification_day_kind,
        )

    def deadline_provisional(self, issued_on: date, deadline: date | None) -> bool:
        """Whether a computed deadline crossed a year known only provisionally (暂定): the
        letter says so and is listed for re-check when that year's notice is imported."""
        if deadline is None or not self.provisional:
            return False
        calendar = working_calendar(self.calendar_dir, provisional=True)
        calendar.is_workday(deadline)  # a 暂定 year is taken in when first reached
        return calendar.uses_provisional(issued_on, deadline)

    def _provisional_basis(
        self, issued_on: date, deadline: date | None, days: int, typed: bool
    ) -> dict[str, Any] | None:
        """What a 暂定 deadline was counted from (kept in the letter's fields for re-check)."""
        if typed or not self.deadline_provisional(issued_on, deadline):
            return None
        return {
            "from": issued_on.isoformat(),
            "days": days,
            "kind": self.settings.rectification_day_kind,
        }

    def provisional_letters(self) -> list[dict[str, Any]]:
        """Issued letters whose deadline was 暂定, each with the deadline the calendar gives
        now (None while the year is still unknown) — listed for re-check after an import."""
        calendar = working_calendar(self.calendar_dir, provisional=False)
        out: list[dict[str, Any]] = []
        with self.db.session() as session:
            for letter in session.scalars(select(Letter).order_by(Letter.id)):
                basis = (letter.content or {}).get("deadline_basis")
                if not basis:
                    continue
                try:
                    now: date | None = rectification_deadline(
                        calendar, date.fromisoformat(basis["from"]), basis["days"], basis["kind"]
                    )
                except UserError:
                    now = None
                out.append(
                    {
                        "number": letter.number_text,
                        "department": letter.department.name,
                        "deadline": letter.deadline.isoformat() if letter.deadline else None,
                        "recomputed": now.isoformat() if now else None,
                        "changed": now is not None and now != letter.deadline,
                    }
                )
        return out

    def _computed_deadline(self, issued_on: date, days: int | None, draft: bool) -> date | None:
        try:
            return self.deadline_for(issued_on, days)
        except UserError:
            if draft:
                return None  # shown as "to be set"; issuing then needs a deadline typed in
            raise
