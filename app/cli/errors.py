"""Errors the command line reports as one Chinese line and a non-zero exit code.

Services raise their own exceptions (``ChecklistError``, ``StoreError`` ...); the CLI maps
them here, so a bad input never reaches the user as a traceback.
"""

from __future__ import annotations

from enum import IntEnum


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
