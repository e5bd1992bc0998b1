"""Links between tables: three kinds of foreign key, each with its one delete rule, and the
relationship to rows that are part of a row.

Why: the delete rule of a link is a decision about the data (is the row part of its parent,
or does it name a shared record that must outlive it?). Written once per kind, a model says
which kind it means and the rule cannot be mistyped in one table; the schema is exactly
what the columns spelled out before.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ForeignKey
from sqlalchemy.orm import MappedColumn, Relationship, mapped_column, relationship

__all__ = ["may_refer_to", "owned_children", "part_of", "refers_to"]


def part_of(table: str, *, index: bool = False, unique: bool = False) -> MappedColumn[Any]:
    """The key of the row this row is part of: deleting that row deletes this one."""
    return mapped_column(ForeignKey(f"{table}.id", ondelete="CASCADE"), index=index, unique=unique)


def refers_to(table: str) -> MappedColumn[Any]:
    """The key of a shared record (a department, a reviewer, a checklist …) that cannot be
    deleted while this row names it; indexed, since it is looked up from that side."""
    return mapped_column(ForeignKey(f"{table}.id", ondelete="RESTRICT"), index=True)


def may_refer_to(table: str, *, index: bool = True) -> MappedColumn[Any]:
    """The key of a record this row mentions; deleting that record leaves NULL here."""
    return mapped_column(ForeignKey(f"{table}.id", ondelete="SET NULL"), index=index)


def owned_children(back_populates: str, order_by: str | None = None) -> Relationship[Any]:
    """The rows that are part of this one: saved and deleted with it (the database's ON
    DELETE CASCADE does the deleting, so SQLAlchemy does not load them first)."""
    return relationship(
        back_populates=back_populates,
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by=order_by or False,
    )
