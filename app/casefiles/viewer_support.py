"""Read-only vocabulary the dossier viewer shows: document type names and fact labels.

The viewer must not open files itself, so the document-type names (the one vocabulary of
``app.casefiles.document_types``) and fact labels are handed out here as plain strings.
"""

from __future__ import annotations

from app.casefiles.corrections import FACT_LABELS
from app.casefiles.document_types import document_type_names, document_types

__all__ = ["document_type_name", "document_type_names", "fact_label"]


def document_type_name(type_id: str) -> str:
    """The Chinese name of a document type; an unknown id (a newer vocabulary) as it is."""
    found = document_types().get(type_id)
    return found.name if found else type_id


def fact_label(name: str) -> str:
    """The Chinese label of a stored fact name (``date.filed`` → 立案日期); unknown names as they are."""
    return FACT_LABELS.get(name, name)
