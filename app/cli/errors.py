"""Errors the command line reports as one Chinese line and a non-zero exit code.

Services raise ``UserError``; ``scoring/`` and the store raise their own classes
(``ChecklistError``, ``StoreError`` ...). The CLI maps exception *classes* to exit codes here
(the message itself comes from :func:`app.errors.user_message`), so a bad input never
reaches the user as a traceback.
"""

from __future__ import annotations

import errno
from enum import IntEnum

from app.errors import NotFoundError, UserError, database_reason, translated_classes
from app.store.errors import StoreError


class ExitCode(IntEnum):
    OK = 0
    FAILURE = 1
    USAGE = 2
    BAD_INPUT = 3
    DATABASE = 4
    NOT_FOUND = 5
    INTERRUPTED = 130


class CliError(Exception):
    """A failure with a message fit for the user (Chinese) and an exit code."""

    def __init__(
        self,
        message: str,
        code: ExitCode = ExitCode.FAILURE,
        detail: str = "",
        result: object = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.detail = detail
        # What was done before the failure (a batch half imported): still printed on stdout.
        self.result = result


# First match wins: subclasses before their bases. The scoring errors are the ones
# app/errors.py translates at the boundary (one list).
EXIT_CODES: tuple[tuple[type[BaseException], ExitCode], ...] = (
    (NotFoundError, ExitCode.NOT_FOUND),
    (UserError, ExitCode.BAD_INPUT),
    (StoreError, ExitCode.DATABASE),
    *((cls, ExitCode.BAD_INPUT) for cls in translated_classes()),
    (FileNotFoundError, ExitCode.BAD_INPUT),
    (IsADirectoryError, ExitCode.BAD_INPUT),
    (PermissionError, ExitCode.BAD_INPUT),
)


def exit_code_for(exc: BaseException) -> ExitCode | None:
    """The exit code of an error whose message is for the user; None for a bug."""
    if isinstance(exc, CliError):
        return exc.code
    for cls, code in EXIT_CODES:
        if isinstance(exc, cls):
            return code
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return ExitCode.FAILURE
    if database_reason(exc):  # disk full, locked, read-only, damaged: said in Chinese
        return ExitCode.DATABASE
    return None
