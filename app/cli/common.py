"""Helpers shared by the command modules: opening services for a run context."""

from __future__ import annotations

from app.config import RunContext
from app.services import Services


def open_services(ctx: RunContext, who: str | None = None) -> Services:
    """Open the data folder and database (migrating with a backup when needed).

    ``who`` (a command's ``--reviewer``/``--lead``) is who works for this run: the same
    identity the window uses, so permissions and the audit log agree; without it the
    settings' 我的身份 is used."""
    services = Services.open(ctx)
    services.act_as(who)
    return services
