"""The base of the services that write papers (letters, 通报, reports) in the user's name.

Each holds the settings the papers are written with and names in the audit log the person
set as 我的身份 unless a caller names somebody else; the user's own template folder (文书设置
→ 模板文件夹) replaces the bundled templates. Written once here for the letter and report
services alike.
"""

from __future__ import annotations

from pathlib import Path

from app.audited import AuditedService
from app.config import Settings
from app.identity import Identity
from app.store.database import Database


class PaperService(AuditedService):
    """Writes papers over ``db`` with ``settings``; audit entries name ``who``, else the
    reviewer the settings name."""

    def __init__(self, db: Database, settings: Settings, who: Identity | str = "") -> None:
        super().__init__(db, who or settings.reviewer_name)
        self.settings = settings

    @property
    def template_dir(self) -> Path | None:
        """The user's template folder, or None for the bundled templates."""
        return Path(self.settings.template_dir) if self.settings.template_dir else None
