"""The base of every service whose writes name somebody in the audit log.

Each such service holds the database and the shared :class:`~app.identity.Identity` and
reads who acts at call time (``who``), so a change of 我的身份 reaches it without rebuilding
it. Written once here instead of in every service; review, library and letter services
alike derive from it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from app.identity import Identity, as_identity
from app.store.database import Database


class AuditedService:
    """A service over ``db`` whose audit entries name ``who`` (the shared identity, or a fixed
    name for scripts and tests)."""

    def __init__(self, db: Database, who: Identity | str = "") -> None:
        self.db = db
        self.identity = as_identity(who)

    @property
    def who(self) -> str:
        """Who the audit log names, read at call time from the shared identity."""
        return self.identity.actor


def snapshot(row: object, names: Iterable[str]) -> dict[str, Any]:
    """The named attributes of a row, as an audit entry's before/after records them."""
    return {name: getattr(row, name) for name in names}
