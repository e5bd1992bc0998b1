"""The product's tables, as SQLAlchemy 2 typed models, split by subject.

Import models from here (``from app.store.models import CaseFile``); ``Base.metadata`` is
the schema the Alembic head must match (a test checks it).
"""

from app.store.models.audit import AuditEntry
from app.store.models.base import NAMING_CONVENTION, Base, UTCDateTime, utcnow
from app.store.models.checklists import CHECKLIST_ORIGINS, Checklist
from app.store.models.letters import (
    LETTER_KINDS,
    RECTIFICATION_STATES,
    IssuedNumber,
    Letter,
    LetterSequence,
    Rectification,
    RectificationExtension,
    RectificationReply,
)
from app.store.models.library import (
    CASE_KINDS,
    CASE_STATUSES,
    FIELD_SOURCES,
    OCR_STATUSES,
    SOURCE_KINDS,
    CaseField,
    CaseFile,
    Department,
    Document,
    Officer,
    Page,
)
from app.store.models.review import (
    CAMPAIGN_KINDS,
    DEDUCTION_ORIGINS,
    DRAWN_BY,
    REVIEW_ROLES,
    SUGGESTION_STATES,
    Campaign,
    CampaignCase,
    CampaignChecklist,
    Deduction,
    Finding,
    PrecheckSuggestion,
    Review,
    Reviewer,
)

__all__ = [
    "CAMPAIGN_KINDS",
    "CASE_KINDS",
    "CASE_STATUSES",
    "CHECKLIST_ORIGINS",
    "DEDUCTION_ORIGINS",
    "DRAWN_BY",
    "FIELD_SOURCES",
    "LETTER_KINDS",
    "NAMING_CONVENTION",
    "OCR_STATUSES",
    "RECTIFICATION_STATES",
    "REVIEW_ROLES",
    "SOURCE_KINDS",
    "SUGGESTION_STATES",
    "AuditEntry",
    "Base",
    "Campaign",
    "CampaignCase",
    "CampaignChecklist",
    "CaseField",
    "CaseFile",
    "Checklist",
    "Deduction",
    "Department",
    "Document",
    "Finding",
    "IssuedNumber",
    "Letter",
    "LetterSequence",
    "Officer",
    "Page",
    "PrecheckSuggestion",
    "Rectification",
    "RectificationExtension",
    "RectificationReply",
    "Review",
    "Reviewer",
    "UTCDateTime",
    "utcnow",
]
