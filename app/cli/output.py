"""How commands print: one JSON document with ``--json``, readable Chinese text otherwise."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

Row = TypeVar("Row")


def emit(result: Any, as_json: bool, human: Callable[[Any], str] | None = None) -> None:
    """Print a command's result on stdout.

    JSON is UTF-8 with ``ensure_ascii=False`` (CLI.md): scripts read Chinese as it is.
    """
    try:
        if as_json:
            sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2, default=str))
            sys.stdout.write("\n")
        elif human is not None:
            text = human(result)
            if text:
                sys.stdout.write(text.rstrip("\n") + "\n")
        sys.stdout.flush()
    except BrokenPipeError:  # `… | head`: the reader has what it wanted
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keep interpreter exit quiet


def progress_line(message: str) -> None:
    """Progress goes to stderr so stdout stays a clean JSON document."""
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def table(rows: list[list[str]], headers: list[str]) -> str:
    """A plain text table; widths count CJK characters as two columns."""

    def width(text: str) -> int:
        return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)

    cols = [headers, *rows]
    widths = [max(width(str(r[i])) for r in cols) for i in range(len(headers))]

    def line(r: list[str]) -> str:
        return "  ".join(str(c) + " " * (w - width(str(c))) for c, w in zip(r, widths, strict=True))

    return "\n".join([line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows)])


def listing(rows: Sequence[Row], line: Callable[[Row], str], empty: str) -> str:
    """One line per row, or the ``empty`` sentence when there is no row (a command never
    answers with nothing)."""
    return "\n".join(line(r) for r in rows) if rows else empty


def line_each(empty: str) -> Callable[[Callable[[Row], str]], Callable[[Sequence[Row]], str]]:
    """Turns a function that words one row into the :func:`listing` of many rows: one line
    each, or ``empty`` when there is none. The row's wording and the empty sentence are all
    a list command says, so they are all it writes."""

    def make(line: Callable[[Row], str]) -> Callable[[Sequence[Row]], str]:
        def rows_text(rows: Sequence[Row]) -> str:
            return listing(rows, line, empty)

        rows_text.__doc__ = line.__doc__
        return rows_text

    return make
