"""What issuing or rewriting a letter answers: its number, deadline and file (shared by the
opinion and decision halves of the letter service, so each can name it in its types)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from app.changes import OpChanges
from app.store.models import Letter


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
