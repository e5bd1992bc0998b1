"""Automatic pre-checks (自动预检): plain facts of one dossier in, suggested deductions out.

Why: the mechanical findings of a review (a decision served late, no 送达回证, a 法制审核
dated after the decision, a gap in the 页码 …) cost a reviewer time and are easy to miss by
hand. The rules live in ``scoring/data/prechecks.yaml`` (time limits by their
``time_limits.yaml`` id), so a province changes data, not code. This module is pure: the
caller (``app.review.prechecks``) reads the facts from the store or OCR text.

The package: ``facts`` (input and output), ``table`` (the rule file: schema, loading,
conditions), the checks by subject (``dates``, ``documents``, ``officers``, ``fine``) and
``run`` (applies the table and prices each finding against a checklist).

The one promise a reviewer relies on: **no false alarm from a missing fact**. A rule whose
inputs are unknown (``None``) says nothing; only the "required document" rules fire on
absence, because absence is what they look for — and only when the dossier's documents are
known at all.
"""

from __future__ import annotations

from scoring.prechecks.documents import page_gaps
from scoring.prechecks.facts import (
    DocumentRef,
    DocumentText,
    DossierFacts,
    OfficerRecord,
    RosterEntry,
    Suggestion,
)
from scoring.prechecks.run import run_prechecks
from scoring.prechecks.table import (
    DEFAULT_PRECHECKS_PATH,
    PrecheckDataError,
    PrecheckTable,
    is_major,
    load_prechecks,
)

__all__ = [
    "DEFAULT_PRECHECKS_PATH",
    "DocumentRef",
    "DocumentText",
    "DossierFacts",
    "OfficerRecord",
    "PrecheckDataError",
    "PrecheckTable",
    "RosterEntry",
    "Suggestion",
    "is_major",
    "load_prechecks",
    "page_gaps",
    "run_prechecks",
]
