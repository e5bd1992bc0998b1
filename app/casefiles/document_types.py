"""The document-type vocabulary of resources/document_types.yaml, typed: the one reader.

The ids are the contract between the page splitter, the viewer, stored data and the demo's
ground truth; the YAML is the single source so a province's extra forms are a data change.
It lives in ``app.casefiles`` (not in the demo) because real work needs it first: the demo
imports it from here, never the reverse.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from app.paths import resource_yaml

KINDS = ("penalty", "coercion", "both")
VOCABULARY_FILE = "document_types.yaml"


@dataclass(frozen=True)
class DocumentType:
    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    order: int
    repeatable: bool = False
    sector: str | None = None  # id of the sector whose 文书式样 has this form; None: common


def load_document_types(path: Path | None = None) -> dict[str, DocumentType]:
    """All document types keyed by id, in their usual order. Raises ValueError on bad data.

    ``path`` is a YAML file in the bundled format (tests, a province's own vocabulary)."""
    raw = _read(path)
    sectors = raw.get("sectors") or {}
    types: dict[str, DocumentType] = {}
    for entry in raw["types"]:
        doc_type = DocumentType(
            id=entry["id"],
            name=entry["name"],
            aliases=tuple(entry.get("aliases") or (entry["name"],)),
            kind=entry["kind"],
            order=int(entry["order"]),
            repeatable=bool(entry.get("repeatable", False)),
            sector=entry.get("sector"),
        )
        if doc_type.sector is not None and doc_type.sector not in sectors:
            raise ValueError(f"文书类型 {doc_type.id} 的行业 {doc_type.sector} 未定义")
        if doc_type.kind not in KINDS:
            raise ValueError(f"文书类型 {doc_type.id} 的类别 {doc_type.kind} 无效")
        if doc_type.id in types:
            raise ValueError(f"文书类型 {doc_type.id} 重复定义")
        types[doc_type.id] = doc_type
    return dict(sorted(types.items(), key=lambda kv: kv[1].order))


def _read(path: Path | None) -> dict[str, Any]:
    return resource_yaml(VOCABULARY_FILE, path) or {}


@cache
def sector_names() -> dict[str, str]:
    """Sector id → Chinese name (市场监管, 交通运输 …) of the bundled vocabulary."""
    return {str(k): str(v) for k, v in (_read(None).get("sectors") or {}).items()}


@cache
def document_types() -> dict[str, DocumentType]:
    """The bundled vocabulary (cached)."""
    return load_document_types()


def document_type_names() -> dict[str, str]:
    """Document type id → Chinese name, from the bundled vocabulary."""
    return {t.id: t.name for t in document_types().values()}


def display_name(type_id: str, first_page: int | None = None) -> str:
    """What a reviewer sees for a document of ``type_id``: its Chinese name.

    A page the splitter could not place (``unknown``) or an id a newer vocabulary wrote is
    never shown as the id: it reads 未识别文书（第 N 页）, so every screen, the CLI, letters and
    exports say the same thing (the one place that decides it)."""
    found = document_types().get(type_id)
    if found is not None:
        return found.name
    return f"未识别文书（第 {first_page} 页）" if first_page is not None else "未识别文书"
