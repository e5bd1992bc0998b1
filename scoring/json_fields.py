"""A plain result object as JSON: its dataclass fields, in order, with JSON-ready values.

Why one place: the CLI prints every result (a checklist row, a ledger entry, a pre-check
suggestion …) as JSON, and each used to spell out its fields one by one with the same
conversions (a date as ISO text, a tuple as a list, a nested result by its own ``as_json``).
Here the rule is written once; a result names only what it leaves out or adds. It lives in
``scoring`` because ``scoring`` may import nothing of the app, and both use it.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from dataclasses import fields
from pathlib import PurePath
from typing import Any, ClassVar

__all__ = ["JsonFields", "json_fields", "json_value"]


def json_value(value: Any) -> Any:
    """One value as JSON: dates as ISO text, tuples and lists as lists, mappings with text
    keys, paths as text, a result object by its own ``as_json``; anything else as it is."""
    if isinstance(value, _dt.date):  # datetime included
        return value.isoformat()
    if hasattr(value, "as_json"):
        return value.as_json()
    if isinstance(value, (tuple, list)):
        return [json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): json_value(v) for k, v in value.items()}
    if isinstance(value, PurePath):
        return str(value)
    return value


def json_fields(obj: Any, *, skip: Iterable[str] = ()) -> dict[str, Any]:
    """A dataclass instance's fields as JSON (see :func:`json_value`), in declaration order,
    without those named in ``skip`` (internal ids, bulky detail the caller adds itself)."""
    left_out = set(skip)
    return {f.name: json_value(getattr(obj, f.name)) for f in fields(obj) if f.name not in left_out}


class JsonFields:
    """For a dataclass result whose JSON is its fields: ``as_json`` from :func:`json_fields`,
    leaving out the fields named in ``json_skip``."""

    json_skip: ClassVar[tuple[str, ...]] = ()

    def as_json(self) -> dict[str, Any]:
        return json_fields(self, skip=self.json_skip)
