"""Errors that the application's services raise with a message written for the user (Chinese)."""

from __future__ import annotations


class UserError(Exception):
    """Bad input or a refused operation; the message says what and what to do, in Chinese."""


class NotFoundError(UserError):
    """Something the user named (a case, a checklist, a campaign) does not exist."""
