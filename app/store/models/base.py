"""Declarative base, naming convention and the column types every model shares.

The naming convention gives every index and constraint a stable, predictable name, so that
migrations can refer to them by name (and Alembic batch mode can rebuild SQLite tables)
without reflecting the live database first.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import JSON, CheckConstraint, DateTime, MetaData
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)

    # Every table's key is a surrogate integer called ``id``, declared once here: the links
    # (app/store/models/links.py) all point at ``<table>.id``.
    id: Mapped[int] = mapped_column(primary_key=True)


def utcnow() -> datetime:
    """Timestamps are stored in UTC and converted for display only."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp on every backend.

    SQLite keeps no time zone and PostgreSQL returns the session's zone; this type makes
    both hand back aware UTC datetimes, so comparisons never mix naive and aware values.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("时间必须带时区（UTC）。")
        value = value.astimezone(UTC)
        # SQLite stores text; a naive UTC value keeps the stored form sortable.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def json_column_type() -> JSON:
    """JSON where a Python ``None`` means SQL NULL (not the JSON text ``null``)."""
    return JSON(none_as_null=True)


def one_of(column: str, values: tuple[str, ...], name: str | None = None) -> CheckConstraint:
    """A CHECK that keeps a short code column inside its closed set of values."""
    listed = ", ".join(f"'{v}'" for v in values)
    return CheckConstraint(f"{column} IN ({listed})", name=name or column)
