"""What an untitled page is, from its make-up: a cover, a 卷内目录, evidence, or blank.

The splitter reads document starts from printed titles, but the pages real dossiers open and
end with often carry none the title band can read: a 案卷封面 is a grid of archival fields
under a large 行政处罚案卷 printed mid-page, a 卷内目录 may be read only by its table header,
a photo sheet has captions instead of a title, and a scanned separator sheet has nothing.
Each rule asks for marks no ordinary form carries (保管期限 and 全宗号 only on covers,
拍摄时间 only under photographs), so a continuation page of a form is never taken for one.

Pure data in, plain data out. Marks and thresholds are data (``pages`` in
``resources/extraction.yaml``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from statistics import median
from typing import Any

from app.casefiles.contents_table import is_contents_header
from app.casefiles.page_lines import (
    PageInput,
    extraction_config,
    line_rect,
    normalise,
    similarity,
)

COVER = "case_cover"
CONTENTS = "table_of_contents"
EVIDENCE = "evidence"
BLANK = "blank"

# A lone page number (3, 第3页, 第3页共5页, - 3 -): no content of its own.
_PAGE_NUMBER = re.compile(r"^(?:第?\d{1,4}页?)?(?:共\d{1,4}页)?$")


@dataclass(frozen=True)
class PageRules:
    blank_max_chars: int = 3
    cover_marks: tuple[str, ...] = ()
    cover_min_marks: int = 2
    cover_fields: tuple[str, ...] = ()
    cover_min_fields: int = 2
    cover_title_scale: float = 1.3
    evidence_marks: tuple[str, ...] = ()
    evidence_caption_starts: tuple[str, ...] = ()
    evidence_max_chars: int = 240
    picture_min_share: float = 0.3
    structure_confidence: float = 0.8


@cache
def page_rules(folder: Path | None = None) -> PageRules:
    conf: dict[str, Any] = extraction_config(folder).get("pages", {})
    defaults = PageRules()
    return PageRules(
        blank_max_chars=int(conf.get("blank_max_chars", defaults.blank_max_chars)),
        cover_marks=tuple(conf.get("cover_marks", ())),
        cover_min_marks=int(conf.get("cover_min_marks", defaults.cover_min_marks)),
        cover_fields=tuple(conf.get("cover_fields", ())),
        cover_min_fields=int(conf.get("cover_min_fields", defaults.cover_min_fields)),
        cover_title_scale=float(conf.get("cover_title_scale", defaults.cover_title_scale)),
        evidence_marks=tuple(conf.get("evidence_marks", ())),
        evidence_caption_starts=tuple(conf.get("evidence_caption_starts", ())),
        evidence_max_chars=int(conf.get("evidence_max_chars", defaults.evidence_max_chars)),
        picture_min_share=float(conf.get("picture_min_share", defaults.picture_min_share)),
        structure_confidence=float(conf.get("structure_confidence", defaults.structure_confidence)),
    )


def content_chars(page: PageInput) -> int:
    """Characters of the page's text, without punctuation and without a page-number footer."""
    return sum(
        len(text)
        for text in (normalise(line.text) for line in page.lines)
        if not _PAGE_NUMBER.match(text)
    )


def is_blank(page: PageInput, rules: PageRules | None = None) -> bool:
    rules = rules or page_rules()
    return content_chars(page) <= rules.blank_max_chars and not _mostly_picture(page, rules)


def _mostly_picture(page: PageInput, rules: PageRules) -> bool:
    return page.picture_share is not None and page.picture_share >= rules.picture_min_share


def contents_header_top(page: PageInput) -> float | None:
    """Where a 卷内目录's header row (naming 题名/文件名称, 页号/页次 and another column)
    starts on the page, None if there is none in the top half. OCR's boxes of one row are
    joined first: a header read cell by cell is still one header."""
    height = page.size[1]
    rows: dict[int, list[tuple[float, float, str]]] = {}
    for line in page.lines:
        x0, y0, _x1, y1 = line_rect(line)
        if y0 > height / 2:
            continue
        rows.setdefault(round((y0 + y1) / 2 / 8), []).append((x0, y0, line.text))
    tops = [
        min(y for _, y, _ in row)
        for row in rows.values()
        if is_contents_header(" ".join(t for _, _, t in sorted(row)))
    ]
    return min(tops) if tops else None


def is_cover(
    page: PageInput,
    cover_aliases: tuple[str, ...],
    min_similarity: float,
    rules: PageRules | None = None,
) -> bool:
    """A 案卷封面: archival fields (保管期限, 全宗号 …), or one of them with case fields, or
    a large centred 行政处罚案卷 anywhere on the page."""
    rules = rules or page_rules()
    text = normalise(page.text)
    marks = sum(1 for m in rules.cover_marks if m in text)
    fields = sum(1 for f in rules.cover_fields if f in text)
    if marks >= rules.cover_min_marks or (marks >= 1 and fields >= rules.cover_min_fields):
        return True
    if not page.lines:
        return False
    width = page.size[0]
    heights = [line_rect(line)[3] - line_rect(line)[1] for line in page.lines]
    typical = median(heights)
    for line, h in zip(page.lines, heights, strict=True):
        x0, _y0, x1, _y1 = line_rect(line)
        heading = normalise(line.text)
        if h < typical * rules.cover_title_scale or abs((x0 + x1) / 2 - width / 2) > 0.15 * width:
            continue
        if heading and max(similarity(heading, a) for a in cover_aliases) >= min_similarity:
            return True
    return False


def is_evidence(page: PageInput, rules: PageRules | None = None) -> bool:
    """A photo or evidence sheet: little text and a caption (拍摄时间, 照片1：…), or a page
    that is mostly photograph (when the caller measured it)."""
    rules = rules or page_rules()
    chars = content_chars(page)
    if chars > rules.evidence_max_chars:
        return False
    if _mostly_picture(page, rules):
        return True
    text = normalise(page.text)
    if any(m in text for m in rules.evidence_marks):
        return True
    starts = rules.evidence_caption_starts
    return any(
        normalise(line.text).startswith(s) and any(c.isdigit() for c in line.text[:6])
        for line in page.lines
        for s in starts
    )
