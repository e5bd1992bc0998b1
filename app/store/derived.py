"""Tables that hold data derived from others (the full-text index) rather than user work.

They are built by migrations but have no ORM model (an FTS5 table brings internal tables of
its own), are left out of schema comparisons and logical backups, and are rebuilt from the
pages after a restore (``app.casefiles.search_index.index_missing``).
"""

from __future__ import annotations

from typing import Any

DERIVED_TABLE_PREFIXES = ("page_search",)


def is_derived_table(name: str | None) -> bool:
    return bool(name) and str(name).startswith(DERIVED_TABLE_PREFIXES)


def include_name(name: str | None, type_: str, _parents: Any) -> bool:
    """Alembic's ``include_name`` hook: compare and autogenerate only the product's own tables."""
    return not (type_ in ("table", "index") and is_derived_table(name))
