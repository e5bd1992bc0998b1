"""What every part of :class:`CampaignService` shares: the database and who acts."""

from __future__ import annotations

from typing import Any

from app.identity import Identity, as_identity
from app.store.database import Database


class CampaignBase:
    """Campaign use cases; ``who`` is written to the audit log for every change."""

    def __init__(self, db: Database, checklists: Any = None, who: Identity | str = "") -> None:
        self.db = db
        self.checklists = checklists  # a ChecklistService: used to sync bundled checklists
        self.identity = as_identity(who)

    @property
    def who(self) -> str:
        """Who the audit log names, read at call time from the shared identity."""
        return self.identity.actor
