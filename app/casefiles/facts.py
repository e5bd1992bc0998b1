"""Key facts of a dossier (案号, 当事人, 案由, 罚款, the dates of each step), each with its page.

A fact is read from the document that states it with authority — the decision's own number,
the 送达回证 that follows the decision for the service date, the date under the decision's
seal rather than the dates its body quotes — using the split of the dossier. Where that
document is missing the fact is None: a pre-check must see "no 送达回证", not a date borrowed
from another document. Where to look is data (``resources/extraction.yaml``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from app.casefiles.fact_checks import check_facts
from app.casefiles.fact_dates import date_value
from app.casefiles.fact_fields import case_no_fact, fine_fact, labelled_fact
from app.casefiles.fact_model import (
    CLI_DATE_KEYS,
    CONFIRMED,
    DATE_KEYS,
    DOUBTFUL,
    FACT_STATUS_LABELS,
    SINGLE,
    Fact,
    Facts,
    Reading,
    reading_json,
    stored_value,
)
from app.casefiles.splitting import (
    DocumentSpan,
    PageInput,
    extraction_config,
    load_split_config,
    with_served,
)

__all__ = [
    "CLI_DATE_KEYS",
    "CONFIRMED",
    "DATE_KEYS",
    "DOUBTFUL",
    "FACT_STATUS_LABELS",
    "SINGLE",
    "Fact",
    "Facts",
    "Reading",
    "extract_facts",
    "reading_json",
    "stored_value",
]


# ---------------------------------------------------------------- entry point


def extract_facts(
    pages: Sequence[PageInput], documents: Sequence[DocumentSpan], resources: Path | None = None
) -> Facts:
    """The key facts of a dossier from its pages' OCR lines and its split into documents."""
    conf = extraction_config(resources).get("facts", {})
    documents = with_served(
        pages, sorted(documents, key=lambda d: d.first_page), load_split_config(resources)
    )
    facts = Facts(
        case_no=case_no_fact(pages, documents, conf),
        party=labelled_fact(
            pages,
            documents,
            conf.get("party_labels", []),
            conf.get("party_sources", []),
            conf.get("party_stop_words", []),
            conf.get("party_value_ends", []),
        ),
        cause=labelled_fact(
            pages, documents, conf.get("cause_labels", []), conf.get("cause_sources", [])
        ),
        fine_yuan=fine_fact(pages, documents, conf),
    )
    for key in DATE_KEYS:  # in the procedure's order: the filing dates the steps after it
        found = facts.dates.get("filed") or facts.dates.get("discovered")
        near = found.value if found is not None and isinstance(found.value, date) else None
        facts.dates[key] = date_value(key, pages, documents, conf, near)
    return check_facts(facts, pages, documents)
