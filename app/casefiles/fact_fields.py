"""The facts read as text after a label or in a document's body: 文号, 当事人, 案由, 罚款.

Each is read from the document that states it with authority (the decision's own number
before any number a 送达回证 quotes); where to look is data (``resources/extraction.yaml``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from app.casefiles.amounts import fine_in
from app.casefiles.fact_model import Fact, doc_lines, documents_of, label_pattern
from app.casefiles.splitting import DocumentSpan, PageInput

# ---------------------------------------------------------------- case number

_CASE_NO = re.compile(
    r"(?P<prefix>[\u4e00-\u9fffA-Za-z]{1,16}?)\s*[〔\[【(（{［]\s*(?P<year>(?:19|20)\d{2})\s*[〕\]】)）}］]"
    r"\s*(?P<di>第)?\s*(?P<n>\d{1,6})\s*号"
)


def case_numbers(text: str, labels: Sequence[str]) -> Iterator[str]:
    for match in _CASE_NO.finditer(text):
        prefix = match["prefix"]
        for label in labels:
            prefix = prefix.removeprefix(label)
        if prefix:
            yield f"{prefix}〔{match['year']}〕{match['di'] or ''}{match['n']}号"


def case_no_fact(
    pages: Sequence[PageInput], documents: Sequence[DocumentSpan], conf: dict[str, Any]
) -> Fact | None:
    labels = sorted(conf.get("case_no_labels", []), key=len, reverse=True)
    for type_id in conf.get("decisions", []):
        for doc in documents_of(documents, type_id):
            page = pages[doc.first_page - 1]
            limit = page.size[1] * 0.4
            for line in doc_lines(
                pages, DocumentSpan(doc.type, doc.title, doc.first_page, doc.first_page, 0)
            ):
                if line.y <= limit:
                    for number in case_numbers(line.text, labels):
                        return line.fact(number, doc.type)
    return next(quoted_case_numbers(pages, documents, conf.get("case_no_sources", []), conf), None)


def quoted_case_numbers(
    pages: Sequence[PageInput],
    documents: Sequence[DocumentSpan],
    sources: Sequence[str],
    conf: dict[str, Any],
) -> Iterator[Fact]:
    """The 文号 the documents of ``sources`` quote after a label (送达文书文号 …), the first
    of each document; a 送达回证 counts only when it served a decision."""
    labels = sorted(conf.get("case_no_labels", []), key=len, reverse=True)
    if not labels:
        return
    label_re = re.compile("|".join(label_pattern(label) for label in labels))
    decisions = tuple(conf.get("decisions", []))
    for type_id in sources:
        serves = decisions if type_id == "service_receipt" else ()
        for doc in documents_of(documents, type_id, serves):
            for line in doc_lines(pages, doc):
                found = label_re.search(line.text)
                number = found and next(case_numbers(line.text[found.end() :], labels), None)
                if number:
                    yield line.fact(number, doc.type)
                    break


# ---------------------------------------------------------------- labelled text fields


def labelled_fact(
    pages: Sequence[PageInput],
    documents: Sequence[DocumentSpan],
    labels: Sequence[str],
    sources: Sequence[str],
    stop_words: Sequence[str] = (),
    value_ends: Sequence[str] = (),
) -> Fact | None:
    """The value after a label at the start of a line (当事人：X, or a table row 案由 X).

    The value ends where the label of another field begins on the same line
    (``value_ends``): a decision may print 当事人：张三身份证号码：5101… on one line, and the
    party is 张三, not the line."""
    pattern = re.compile(
        r"^\s*(?:" + "|".join(label_pattern(label) for label in labels) + r")\s*[：:]?\s*(?P<v>.+)$"
    )
    ends = (
        re.compile("|".join(label_pattern(label) for label in value_ends)) if value_ends else None
    )
    for type_id in sources:
        for doc in documents_of(documents, type_id):
            for line in doc_lines(pages, doc):
                match = pattern.match(line.text)
                if match is None:
                    continue
                value = re.sub(r"\s+", "", match["v"])
                cut = ends.search(value) if ends else None
                value = (value[: cut.start()] if cut else value).strip(
                    "：:，,。;；.．、"
                )  # a stray speck read as a full stop
                if len(value) < 2 or any(value.startswith(w) for w in stop_words):
                    continue
                return line.fact(value, doc.type)
    return None


def fine_fact(
    pages: Sequence[PageInput], documents: Sequence[DocumentSpan], conf: dict[str, Any]
) -> Fact | None:
    keywords = tuple(conf.get("fine_keywords", ["罚款"]))
    for type_id in conf.get("fine_sources", []):
        for doc in documents_of(documents, type_id):
            lines = doc_lines(pages, doc)
            # Lines joined without a break: an amount may wrap onto the next line.
            text = "".join(line.text for line in lines)
            amount = fine_in(text, keywords)
            if amount is None:
                continue
            offset = 0
            for line in lines:  # the page of the line where the amount starts
                if offset + len(line.text) > amount.start:
                    return line.fact(amount.yuan, doc.type)
                offset += len(line.text)
    return None
