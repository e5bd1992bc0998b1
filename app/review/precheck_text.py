"""How a pre-check's supporting facts read to a reviewer, for the window and the CLI alike."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from app.casefiles.facts import FACT_STATUS_LABELS

__all__ = ["fact_line", "facts_text"]


def fact_line(fact: Mapping[str, Any]) -> str:
    """One fact a finding rests on: ``决定日期 2024年7月2日（第 11 页，待核实）``."""
    where = [f"第 {fact['page']} 页"] if fact.get("page") else []
    where.append(FACT_STATUS_LABELS.get(fact.get("status") or "", "单一来源"))
    return f"{fact['label']} {fact.get('value') or '—'}（{'，'.join(where)}）"


def facts_text(facts: Sequence[Mapping[str, Any]]) -> str:
    """``依据：…；…`` or empty when the finding rests on documents only."""
    return "依据：" + "；".join(fact_line(f) for f in facts) if facts else ""
