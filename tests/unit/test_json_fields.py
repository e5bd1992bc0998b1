"""``json_fields``: a result object's fields as the CLI prints them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from scoring.json_fields import JsonFields, json_fields


@dataclass(frozen=True)
class _Inner:
    page: int

    def as_json(self) -> dict[str, int]:
        return {"page": self.page * 10}


@dataclass(frozen=True)
class _Result:
    name: str
    on: date
    off: date | None
    pages: tuple[int, ...]
    inner: tuple[_Inner, ...]
    by_id: dict[int, str]
    file: Path
    secret: int = 0


def test_fields_in_order_with_json_values_and_skips() -> None:
    r = _Result("甲", date(2025, 3, 1), None, (1, 2), (_Inner(3),), {7: "x"}, Path("/a/b.docx"), 9)
    data = json_fields(r, skip=("secret",))
    assert list(data) == ["name", "on", "off", "pages", "inner", "by_id", "file"]
    assert data == {
        "name": "甲",
        "on": "2025-03-01",
        "off": None,
        "pages": [1, 2],
        "inner": [{"page": 30}],
        "by_id": {"7": "x"},
        "file": "/a/b.docx",
    }
    json.dumps(data)  # printable as it is


@dataclass(frozen=True)
class _Row(JsonFields):
    seq: int
    on: date
    internal_id: int = 0

    json_skip = ("internal_id",)


def test_a_result_with_json_fields_prints_its_fields_but_the_skipped() -> None:
    assert _Row(1, date(2026, 1, 2), 99).as_json() == {"seq": 1, "on": "2026-01-02"}
