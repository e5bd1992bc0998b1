"""The 审核意见 of a dossier's 法制审核, as written (for the "one-line 同意" pre-check).

Why: 《行政处罚法》第五十八条 wants a review, and published 评查通报 criticise opinions that
read only "同意"; the engine (scoring.prechecks.legal_review) judges the text, this module
only finds it: after the label 审核意见(：) on the 法制审核 record (by type, or by its title as
:mod:`app.review.lawful_time` finds records), up to the signature or the date. No label, or
nothing after it (a handwritten opinion OCR could not read), is unknown: None. On a form the
label sits in a tall cell of its own, vertically centred, so the opinion is read as the lines
to its right within its row (reading order would put "同意。" before the label).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.casefiles.splitting import DocumentSpan, LineLike, PageInput, line_rect
from app.review.lawful_time import PageTexts

__all__ = ["legal_review_opinion", "legal_reviewers"]

TITLES = ("法制审核意见", "法制审核表", "法制审核审批表", "重大执法决定法制审核")
TYPES = ("legal_review",)
_SPACE = re.compile(r"\s+")
_LABEL = re.compile(r"审核意见(?![书表])[:：]?")  # a form cell has no colon
_END = re.compile(
    r"(?:法制)?审核(?:人|机构|部门)|法制机构|签名|签字|负责人|经办人|日期|(?:19|20)\d{2}\s*年|[〇零一二三四五六七八九]{4}年"
)


# A review written out before its conclusion line ("经审核，本案执法主体合法……" then
# "审核意见：同意"): the reasoning is part of the opinion, which is then no bare 同意.
_REASONED = re.compile(r"经(?:法制)?审[核查]|审核认为|审查认为")


def _with_reasoning(text: str, opinion: str) -> str:
    """``opinion`` preceded by the reasoning the record writes before its first label."""
    label = _LABEL.search(text)
    before = text[: label.start()] if label else ""
    found = _REASONED.search(before)
    return before[found.start() :] + opinion if found else opinion


def _cut(text: str) -> str:
    end = _END.search(text)
    return (text[: end.start()] if end else text).strip("，。,.;；： ")


def _in_row(page: PageInput) -> str | None:
    """The text right of a form's 审核意见 cell, between the left-column lines around it."""
    rects = [(line_rect(ln), _SPACE.sub("", ln.text)) for ln in page.lines]
    for n, ((_x0, y0, x1, y1), text) in enumerate(rects):
        label = _LABEL.search(text)
        if label is None or text[label.end() :]:
            continue
        left = [r for m, (r, _) in enumerate(rects) if m != n and r[0] < x1]
        top = max((r[3] for r in left if r[3] <= y0 + 1), default=float("-inf"))
        bottom = min((r[1] for r in left if r[1] >= y1 - 1), default=float("inf"))
        right = sorted(
            (r[1], r[0], t)
            for r, t in rects
            if r[0] >= x1 - 2 and top <= (r[1] + r[3]) / 2 <= bottom
        )
        if right:
            return "".join(t for _, _, t in right)
    return None


def legal_review_opinion(
    pages: Sequence[PageInput], documents: Sequence[DocumentSpan]
) -> tuple[str, int] | None:
    """The opinion text (whitespace removed) and its page; None when not read."""
    read = PageTexts.of(pages, documents)
    for number in read.pages_of(TITLES, TYPES):
        row = _in_row(pages[number - 1])
        text = read.texts[number - 1]
        if row is not None and _cut(row):
            return _with_reasoning(text, _cut(row)), number
        labels = list(_LABEL.finditer(text))
        if labels and _cut(text[labels[-1].end() :][:300]):
            return _with_reasoning(text, _cut(text[labels[-1].end() :][:300])), number
    return None


# Who signed the review: 法制审核人员：李明　2024年7月5日 / 审核人（签名）：李明、王芳.
_REVIEWER_LABEL = re.compile(
    r"(?:法制)?审核(?:人员|人)(?:（?签[名字]）?)?\s*[:：]|审核人签[名字]\s*[:：]?"
)
# A name ends where its date begins, in any form: 2024年…, 二〇二四年…, 2024.12.12 (no name
# holds a digit; the demo's real OCR read "张秀英2024.12.12" as one word).
_REVIEWER_END = re.compile(r"\d|[〇零一二三四五六七八九]{4}年|日期|时间|[:：]|审批|负责人")
_REVIEWER_CELL = re.compile(r"^(?:法制)?审核(?:人员|人)(?:（?签[名字]）?)?$")
_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_NOT_NAMES = frozenset({"签名", "签字", "盖章", "同意", "法制", "审核", "机构", "部门", "年月日"})


def _names(text: str) -> list[str]:
    end = _REVIEWER_END.search(text)
    text = text[: end.start()] if end else text
    return [t for t in re.split(r"[、，,;；\s]+", text) if _NAME.match(t) and t not in _NOT_NAMES]


def _right_of(page: PageInput, label: LineLike) -> str:
    """The text of the lines right of a form's 审核人 cell, in its row (left to right)."""
    _x0, y0, x1, y1 = line_rect(label)
    row = [
        (line_rect(ln)[0], ln.text)
        for ln in page.lines
        if ln is not label
        and line_rect(ln)[0] >= x1 - 2
        and y0 - 2 <= (line_rect(ln)[1] + line_rect(ln)[3]) / 2 <= y1 + 2
    ]
    return " ".join(text for _, text in sorted(row))


def legal_reviewers(
    pages: Sequence[PageInput], documents: Sequence[DocumentSpan]
) -> tuple[str, int] | None:
    """The names after 审核人/法制审核人员 on the 法制审核 record, joined with 、, and the page;
    None when no such line holds a readable name (a handwritten signature OCR missed).

    Read line by line with the spaces kept: two names printed side by side ("李明　王芳")
    would run into one four-character "name" in the page's joined text. A form's label cell
    with nothing after it is read with the cells to its right."""
    read = PageTexts.of(pages, documents)
    for number in read.pages_of(TITLES, TYPES):
        page = pages[number - 1]
        for line in page.lines:
            label = _REVIEWER_LABEL.search(line.text) or _REVIEWER_CELL.match(line.text.strip())
            if label is None:
                continue
            rest = line.text[label.end() :] if label.re is _REVIEWER_LABEL else ""
            names = _names(rest) or (_names(_right_of(page, line)) if not rest.strip() else [])
            if names:
                return "、".join(dict.fromkeys(names)), number
    return None
