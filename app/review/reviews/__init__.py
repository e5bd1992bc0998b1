"""Scoring a case in a campaign: deductions, pre-check suggestions, double review, sign-off.

Every edit is its own transaction with its audit entry (who, before → after), committed
before the call returns: a crash loses nothing that was acknowledged. A reviewer's queries
only ever show that reviewer's own review (blind double review); the lead sees both through
:meth:`ReviewService.differences` and writes the final review with :meth:`reconcile`. Any
edit to a case's reviews after sign-off clears the sign-off.
"""

from __future__ import annotations

from app.review.reviews.context import ReviewContext
from app.review.reviews.deductions import DeductionEdits, DeductionUpdate
from app.review.reviews.double_review import DoubleReview
from app.review.reviews.precheck_decisions import PrecheckDecisions
from app.review.reviews.queries import ReviewQueries
from app.review.reviews.results import (
    Change,
    DeductionInfo,
    PrecheckAcceptance,
    load_checklist,
    score_json,
)

__all__ = [
    "Change",
    "DeductionInfo",
    "DeductionUpdate",
    "PrecheckAcceptance",
    "ReviewContext",
    "ReviewService",
    "load_checklist",
    "score_json",
]


class ReviewService(DeductionEdits, ReviewQueries, PrecheckDecisions, DoubleReview):
    """Review use cases; the identity names who acts when a call names nobody.

    ``default_reviewer``/``who`` (a plain name) are for scripts and tests; ``Services`` passes
    its one shared :class:`Identity` as ``identity``. Each part lives in its own module of
    this package; they share :class:`ReviewContext` (the case's checklist, who acts, which
    review a call reads or writes)."""
