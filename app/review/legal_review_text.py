"""The 审核意见 of a dossier's 法制审核, as written (for the "one-line 同意" pre-check).

Why: 《行政处罚法》第五十八条 wants a review, and published 评查通报 criticise opinions that
read only "同意"; the engine (scoring.prechecks.legal_review) judges the text, this module
only finds it: after the label 审核意见(：) on the 法制审核 record (by type, or by its title as
:mod:`app.review.lawful_time` finds records), up to the signature or the date. No label, or
nothing after it (a handwritten opinion OCR could not read), is unknown: None.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.casefiles.splitting import DocumentSpan, PageInput
from app.review.lawful_time import PageTexts

__all__ = ["legal_review_opinion"]

TITLES = ("法制审核意见", "法制审核表", "法制审核审批表", "重大执法决定法制审核")
TYPES = ("legal_review",)
_LABEL = re.compile(r"审核意见(?![书表])[:：]?")  # a form cell has no colon
_END = re.compile(
    r"(?:法制)?审核(?:人|机构|部门)|法制机构|签名|签字|负责人|经办人|日期|(?:19|20)\d{2}\s*年|[〇零一二三四五六七八九]{4}年"
)


def legal_review_opinion(
    pages: Sequence[PageInput], documents: Sequence[DocumentSpan]
) -> tuple[str, int] | None:
    """The opinion text (whitespace removed) and its page; None when not read."""
    read = PageTexts.of(pages, documents)
    for number in read.pages_of(TITLES, TYPES):
        text = read.texts[number - 1]
        labels = list(_LABEL.finditer(text))
        if not labels:
            continue
        rest = text[labels[-1].end() :][:300]
        end = _END.search(rest)
        opinion = (rest[: end.start()] if end else rest).strip("，。,.;；： ")
        if opinion:
            return opinion, number
    return None
