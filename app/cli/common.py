"""Helpers shared by the command modules: opening services for a run context."""

from __future__ import annotations

from app.config import RunContext
from app.services import Services


def open_services(ctx: RunContext) -> Services:
    """Open the data folder and database (migrating with a backup when needed)."""
    return Services.open(ctx)
