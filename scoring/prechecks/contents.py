"""The dossier against its own 卷内目录: listed pages the file lacks, a listed document not
found where the 目录 puts it, and a 目录 whose page numbers run backwards.

Why: the 目录 is the archivist's statement of what the dossier holds; a file that does not
match it (a page missing, documents out of order, a document swapped) is itself a 案卷管理
defect, and a reviewer needs the row and the page to see it. Silent when no 目录 was read;
a row whose pages could not be matched to the file is judged only against the file's
length, and a row of an unknown type is never "not found".
"""

from __future__ import annotations

from collections.abc import Sequence

from scoring.prechecks.facts import DossierFacts, Finding, ListedDocument
from scoring.prechecks.table import ContentsPrecheck

__all__ = ["check_contents", "contents_problems"]

MAX_LISTED = 5  # problems named in one message; the rest are counted


def _listed(row: ListedDocument) -> str:
    pages = (
        f"第{row.listed_first}页"
        if row.listed_first == row.listed_last
        else f"第{row.listed_first}-{row.listed_last}页"
    )
    number = f"第{row.number}项" if row.number is not None else "一项"
    return f"{number}“{row.title}”（{pages}）"


def contents_problems(facts: DossierFacts) -> list[tuple[str, list[int]]]:
    """Each mismatch as (Chinese sentence, pages to show), in the 目录's order."""
    out: list[tuple[str, list[int]]] = []
    printed = {n for n in facts.page_numbers or () if n is not None}
    previous: ListedDocument | None = None
    shift: int | None = None
    for row in facts.contents or ():
        problem = _row_problem(row, facts, printed)
        if problem is not None:
            out.append(problem)
        elif row.first is not None and not printed:
            offset = row.first - row.listed_first
            if shift is not None and offset != shift:
                out.append((_shifted(row, offset - shift), [row.contents_page, row.first]))
            shift = offset
        if previous is not None and row.listed_first < previous.listed_last:
            out.append(
                (f"{_listed(row)}排在{_listed(previous)}之后，页号顺序颠倒", [row.contents_page])
            )
        previous = row
    return out


def _row_problem(
    row: ListedDocument, facts: DossierFacts, printed: set[int]
) -> tuple[str, list[int]] | None:
    count = facts.page_count
    last = row.last if row.last is not None else row.listed_last
    starts = (
        {d.first_page for d in facts.documents if d.type == row.type}
        if row.type is not None and facts.documents is not None
        else None
    )
    if starts is not None and row.first in starts:
        return None  # the listed document is where the 目录 puts it
    if printed and row.listed_first not in printed and _missing(facts.page_numbers, row):
        return f"{_listed(row)}所列页在案卷中缺失（卷内页码无第{row.listed_first}页）", [
            row.contents_page
        ]
    if count is not None and last > count:
        return f"{_listed(row)}超出案卷页数（共{count}页）", [row.contents_page]
    if row.first is None or starts is None:
        return None
    where = (
        "此类文书在" + "、".join(f"第{p}页" for p in sorted(starts))
        if starts
        else "案卷中未见此类文书"
    )
    return (
        f"{_listed(row)}应始于第{row.first}页，该页不是此文书（{where}）",
        [row.contents_page, row.first],
    )


def _missing(numbers: Sequence[int | None] | None, row: ListedDocument) -> bool:
    """The listed page is truly absent: the pages numbered just before and just after it
    are next to each other in the file (a page whose 页码 OCR did not read is no gap)."""
    at = {n: i for i, n in enumerate(numbers or ()) if n is not None}
    before, after = at.get(row.listed_first - 1), at.get(row.listed_last + 1)
    return before is not None and after is not None and after == before + 1


def _shifted(row: ListedDocument, by: int) -> str:
    number = f"第{row.number}项" if row.number is not None else f"“{row.title}”"
    if by < 0:
        return f"自{number}起，案卷比目录所列少{-by}页"
    return f"自{number}起，案卷比目录所列多{by}页（有未列入目录的页）"


def check_contents(rule: ContentsPrecheck, facts: DossierFacts) -> Finding | None:
    problems = contents_problems(facts)
    if not problems:
        return None
    shown = "；".join(text for text, _ in problems[:MAX_LISTED])
    if len(problems) > MAX_LISTED:
        shown += f"；另有{len(problems) - MAX_LISTED}处"
    pages = sorted({p for _, ps in problems for p in ps})
    return Finding(rule.message.format(problems=shown), pages)
