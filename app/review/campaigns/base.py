"""What every part of :class:`CampaignService` shares: the database and who acts."""

from __future__ import annotations

from typing import Any

from app.audited import AuditedService
from app.identity import Identity
from app.store.database import Database


class CampaignBase(AuditedService):
    """Campaign use cases; ``who`` is written to the audit log for every change."""

    def __init__(self, db: Database, checklists: Any = None, who: Identity | str = "") -> None:
        super().__init__(db, who)
        self.checklists = checklists  # a ChecklistService: used to sync bundled checklists
