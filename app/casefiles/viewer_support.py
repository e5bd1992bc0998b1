"""Read-only vocabulary the dossier viewer shows: document type names and fact labels.

The viewer must not open files itself, so the document-type names (the one vocabulary of
``app.casefiles.document_types``) and fact labels are handed out here as plain strings.
"""

from __future__ import annotations

from app.casefiles.corrections import FACT_LABELS
from app.casefiles.document_types import display_name, document_type_names

__all__ = ["document_type_name", "document_type_names", "fact_label"]


def document_type_name(type_id: str, first_page: int | None = None) -> str:
    """The Chinese name of a document type; 未识别文书（第 N 页） for one the vocabulary lacks."""
    return display_name(type_id, first_page)


def fact_label(name: str) -> str:
    """The Chinese label of a stored fact name (``date.filed`` → 立案日期); unknown names as they are."""
    return FACT_LABELS.get(name, name)
