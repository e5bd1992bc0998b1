"""Read-only vocabulary the dossier viewer shows: document type names and fact labels.

The viewer must not open files itself, so the document-type names of
``resources/document_types.yaml`` are read here (once) and handed out as plain strings.
"""

from __future__ import annotations

from functools import cache

import yaml

from app.paths import resources_dir

# Chinese labels of the facts the extractor stores (resources/extraction.yaml), in the
# order a reviewer reads a dossier; unknown names are shown as they are.
FACT_LABELS: dict[str, str] = {
    "case_no": "案号",
    "party": "当事人",
    "cause": "案由",
    "fine": "罚款金额",
    "discovered": "发现日期",
    "filed": "立案日期",
    "notice": "告知日期",
    "notice_served": "告知送达日期",
    "decided": "决定日期",
    "served": "决定送达日期",
    "closed": "结案日期",
    "seized": "查封（扣押）日期",
    "released": "解除日期",
}


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
    return FACT_LABELS.get(name, name)
