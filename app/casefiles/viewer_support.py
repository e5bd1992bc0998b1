"""Read-only vocabulary the dossier viewer shows: document type names and fact labels.

The viewer must not open files itself, so the document-type names of
``resources/document_types.yaml`` are read here (once) and handed out as plain strings.
"""

from __future__ import annotations

from functools import cache

import yaml

from app.casefiles.corrections import FACT_LABELS
from app.paths import resources_dir


@cache
def document_type_names() -> dict[str, str]:
    """Document type id → Chinese name, from the bundled vocabulary."""
    with (resources_dir() / "document_types.yaml").open(encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    return {str(entry["id"]): str(entry["name"]) for entry in raw["types"]}


def document_type_name(type_id: str) -> str:
    """The Chinese name of a document type; an unknown id (a newer vocabulary) as it is."""
    return document_type_names().get(type_id, type_id)


def fact_label(name: str) -> str:
    """The Chinese label of a stored fact name (``date.filed`` → 立案日期); unknown names as they are."""
    return FACT_LABELS.get(name, name)
