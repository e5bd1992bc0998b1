"""Read a dossier's 卷内目录: its rows of 序号, 文件名称/题名, 日期 and 页号 (single or 起止).

The 目录 is the archivist's own statement of what the dossier holds and where, so it serves
twice: its page numbers guide the split (a listed document starts on its page even when that
page's title was unread) and a dossier that does not match it is a 案卷管理 finding.

OCR gives a table either as one line per row ("3 本机关询问笔录 20250506 3-4") or as one box
per cell. Both are handled: lines are grouped into rows by their vertical centre, a row's
cells are assigned to the header's columns by their horizontal centre when the header's
columns are known, and whatever a column does not settle is read from the row's text, right
to left (页号 last, the date before it, 序号 first) — which also undoes OCR's gluing of a
yyyymmdd date to the page label ("2025052711-12") or of the 序号 to a 文号.

Pure data in, plain data out: no Qt, no database. Header words are data
(``contents_table`` in ``resources/extraction.yaml``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from statistics import median
from typing import Any

from app.casefiles.cn_dates import find_dates
from app.casefiles.page_lines import LineLike, PageInput, extraction_config, line_rect, normalise

# Column roles and the header words that name them (defaults; the YAML may override).
DEFAULT_HEADERS: dict[str, tuple[str, ...]] = {
    "number": ("序号", "顺序号", "件号"),
    "doc_no": ("文号", "文书编号"),
    "author": ("责任者", "责任人"),
    "title": ("文件名称", "题名", "文书名称", "文件材料名称", "材料名称", "题目"),
    "date": ("日期", "形成日期", "时间"),
    "pages": ("页号", "页次", "页码", "起止页", "页数"),
    "remark": ("备注",),
}

_DASH = r"[-－—–~～至]"
_PAGES_AT_END = re.compile(rf"(?<![\d.])(\d{{1,4}})(?:\s*{_DASH}\s*(\d{{1,4}}))?\s*$")
_YMD8 = re.compile(r"((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])")
_NUMBER_AT_START = re.compile(r"^\s*(\d{1,3})(?!\d)")
_NOISE = re.compile(r"以下空白|第\s*\d+\s*页|共\s*\d+\s*页")
FOOTER_BAND = 0.92  # below this share of the page height: the footer, never a row
_DOC_NO = re.compile(
    r"[\u4e00-\u9fa5]{1,12}[〔\[【(（]\s*(?:19|20)\d{2}\s*[〕\]】)）]\s*第?\s*\d{1,6}\s*号"
)


CONTENTS = "table_of_contents"


@dataclass(frozen=True)
class ContentsRow:
    """One listed document. ``first_page``/``last_page`` are the 目录's own (printed) page
    numbers, None when the row gives none; ``page`` is the PDF page the row is printed on."""

    number: int | None
    title: str
    first_page: int | None
    last_page: int | None
    date: date | None
    doc_no: str | None
    page: int
    text: str


@dataclass(frozen=True)
class _Cell:
    text: str
    x0: float
    x1: float
    y0: float
    y1: float

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def yc(self) -> float:
        return (self.y0 + self.y1) / 2


def header_words(config: dict[str, Any] | None = None) -> dict[str, tuple[str, ...]]:
    """Column role → header words, from ``contents_table.headers`` in extraction.yaml."""
    conf = (config if config is not None else extraction_config()).get("contents_table", {})
    raw = conf.get("headers") or {}
    return {role: tuple(raw.get(role, words)) for role, words in DEFAULT_HEADERS.items()}


def header_roles(text: str, headers: dict[str, tuple[str, ...]] | None = None) -> list[str]:
    """The column roles a line names, in the order they appear in it."""
    headers = headers or header_words()
    flat = normalise(text)
    found: list[tuple[int, str]] = []
    for role, words in headers.items():
        at = min((flat.find(w) for w in words if w in flat), default=-1)
        if at >= 0:
            found.append((at, role))
    return [role for _, role in sorted(found)]


def is_contents_header(text: str, headers: dict[str, tuple[str, ...]] | None = None) -> bool:
    """A 目录's header line: it names a title column, a page column and one more (序号, 日期 …)."""
    roles = set(header_roles(text, headers))
    return {"title", "pages"} <= roles and len(roles) >= 3


def _cells(lines: Sequence[LineLike], height: float) -> list[_Cell]:
    """The page's text boxes above the footer (where the archivist's 页码 is printed)."""
    out = []
    for line in lines:
        x0, y0, x1, y1 = line_rect(line)
        if line.text.strip() and y0 < height * FOOTER_BAND and not _NOISE.search(line.text):
            out.append(_Cell(line.text.strip(), x0, x1, y0, y1))
    return out


def _rows(cells: list[_Cell]) -> list[list[_Cell]]:
    """Cells grouped into table rows by vertical centre, each row left to right."""
    if not cells:
        return []
    tolerance = 0.5 * median(c.y1 - c.y0 for c in cells)
    rows: list[list[_Cell]] = []
    for cell in sorted(cells, key=lambda c: c.yc):
        if rows and abs(cell.yc - rows[-1][0].yc) <= tolerance:
            rows[-1].append(cell)
        else:
            rows.append([cell])
    return [sorted(row, key=lambda c: c.x0) for row in rows]


def _column_centres(
    header: list[_Cell], headers: dict[str, tuple[str, ...]]
) -> dict[str, float] | None:
    """Each column's centre, when the header was read as one box per column (else None:
    a header read as one line says nothing reliable about where its words are)."""
    centres: dict[str, float] = {}
    for cell in header:
        roles = header_roles(cell.text, headers)
        if len(roles) != 1:
            return None
        centres[roles[0]] = cell.xc
    return centres if {"title", "pages"} <= set(centres) else None


def _by_column(row: list[_Cell], centres: dict[str, float]) -> dict[str, str]:
    out: dict[str, list[str]] = {}
    for cell in row:
        role = min(centres, key=lambda r: abs(centres[r] - cell.xc))
        out.setdefault(role, []).append(cell.text)
    return {role: " ".join(texts) for role, texts in out.items()}


def _page_range(text: str) -> tuple[int | None, int | None, str]:
    """(first, last, text before the label): "3-5" → (3, 5); a trailing yyyymmdd is no page."""
    text = text.rstrip()
    match = _PAGES_AT_END.search(text)
    if match is None:
        return None, None, text
    first, last = int(match[1]), int(match[2]) if match[2] else int(match[1])
    if match[2] is None and len(match[1]) > 4:
        return None, None, text
    return first, last, text[: match.start()]


def _split_date(text: str) -> tuple[date | None, str, str]:
    """The row's date and the text before and after it (yyyymmdd or any form cn_dates reads)."""
    found = list(_YMD8.finditer(text))
    if found:
        m = found[-1]
        try:
            value = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            value = None
        if value is not None:
            return value, text[: m.start()], text[m.end() :]
    dates = find_dates(text)
    if dates:
        last = dates[-1]
        return last.value, text[: last.start], text[last.end :]
    return None, text, ""


def _parse_text(
    text: str,
) -> tuple[int | None, str, int | None, int | None, date | None, str | None]:
    """序号, title, pages and date of a row from its text alone, read from both ends."""
    value, before, after = _split_date(text)
    first, last = None, None
    if value is not None:
        first, last, _ = _page_range(after)  # "20250527 11-12" or glued "2025052711-12"
        rest = before
    else:
        first, last, rest = _page_range(text)
    number = None
    lead = _NUMBER_AT_START.match(rest)
    if lead is not None:
        number, rest = int(lead[1]), rest[lead.end() :]
    doc_no_match = _DOC_NO.search(rest)
    doc_no = doc_no_match[0].strip() if doc_no_match else None
    if doc_no_match is not None:
        rest = rest[: doc_no_match.start()] + rest[doc_no_match.end() :]
    return number, rest.strip(" .·:："), first, last, value, doc_no


def row_title_date(text: str) -> tuple[str, date | None]:
    """The title and date of a 目录 row read as one OCR line, 序号 and 页号 set aside — the
    页号 also where it stands before the date ("行政处罚决定书 10-11 2024.02.26"). Only the
    title is taken from there: pages read off a row OCR may have merged with the next one
    ("1211送达回证行政处罚决定书 1112-13 20240829") would make a 目录 mismatch out of noise."""
    _, title, _, _, value, _ = _parse_text(text)
    if value is not None:
        title = _page_range(title)[2].strip()
    return title, value


def _row_from(
    cells: list[_Cell], centres: dict[str, float] | None, page: int
) -> ContentsRow | None:
    text = " ".join(c.text for c in cells)
    number, title, first, last, value, doc_no = _parse_text(text)
    if centres is not None:
        columns = _by_column(cells, centres)
        if "pages" in columns:
            first, last, _ = _page_range(columns["pages"])
        if "date" in columns:
            value = _split_date(columns["date"])[0]
        if "title" in columns:
            title = columns["title"].strip()
        if "number" in columns:
            lead = _NUMBER_AT_START.match(columns["number"])
            number = int(lead[1]) if lead else None
        if "doc_no" in columns:
            doc_no = columns["doc_no"].strip() or None
    if not normalise(title):
        return None
    return ContentsRow(number, title, first, last, value, doc_no, page, text)


def parse_contents(pages: Sequence[PageInput], first_page: int = 1) -> list[ContentsRow]:
    """The rows of a 目录 printed on ``pages`` (PDF pages ``first_page``…), in order.

    Lines above a page's header row are the heading; a line with neither 序号 nor 页号 after a
    row is that row's title wrapped onto a second line. Pages without a header hold no rows."""
    headers = header_words()
    rows: list[ContentsRow] = []
    for offset, page in enumerate(pages):
        table = _rows(_cells(page.lines, page.size[1]))
        start = next(
            (i for i, row in enumerate(table) if is_contents_header(" ".join(c.text for c in row))),
            None,
        )
        if start is None:
            continue
        centres = _column_centres(table[start], headers)
        body = table[start + 1 :]
        carried: ContentsRow | None = None
        for at, cells in enumerate(body):
            row = _row_from(cells, centres, first_page + offset)
            if row is None:
                continue
            if carried is not None:
                row = replace(
                    row, title=carried.title + row.title, text=f"{carried.text} {row.text}"
                )
                carried = None
            if row.number is None and row.first_page is None and _opens_next(body, at):
                carried = row  # the top line of the next row, whose cells wrap around it
                continue
            if row.number is None and row.first_page is None and rows:
                prev = rows[-1]
                rows[-1] = ContentsRow(
                    prev.number, prev.title + row.title, prev.first_page, prev.last_page,
                    prev.date or row.date, prev.doc_no, prev.page, prev.text + " " + row.text,
                )  # fmt: skip
                continue
            rows.append(_unmerged(row, rows[-1] if rows else None))
    return rows


def _opens_next(body: list[list[_Cell]], at: int) -> bool:
    """Row ``at`` (no 序号, no 页号) is the top line of the next row, not the wrapped end of
    the one before: it overlaps the next row's boxes and is clear of the previous row's (a
    文号 and a title wrapped to two lines each, the 序号 centred between them)."""
    if at + 1 >= len(body):
        return False
    top = min(c.y0 for c in body[at])
    bottom = max(c.y1 for c in body[at])
    overlaps_next = min(c.y0 for c in body[at + 1]) < bottom
    clear_of_previous = at == 0 or max(c.y1 for c in body[at - 1]) <= top
    return overlaps_next and clear_of_previous


def _unmerged(row: ContentsRow, previous: ContentsRow | None) -> ContentsRow:
    """``row`` as trusted: two rows the OCR read as one line ("910…处理决案件调查终结报告
    2024082220241111 1011": 序号 9 and 10 glued, their 页号 and dates too) keep their
    titles, but their 页号 and date are noise, not the 目录's — a mismatch made of them
    would be the OCR's, not the archivist's."""
    if previous is None or previous.number is None or row.number is None:
        return row
    following = previous.number + 1
    if str(row.number) != f"{following}{following + 1}":
        return row
    return replace(row, number=following, first_page=None, last_page=None, date=None)


# ---------------------------------------------------------------- rows against the dossier


def row_type(title: str, aliases: Sequence[tuple[str, str]]) -> str | None:
    """The document type a row lists: the longest known title (normalised ``(alias, type)``
    pairs) ending the row's title (责任者 or 文号 may precede it), else contained in it."""
    flat = normalise(title)
    if not flat:
        return None
    ending = [(len(a), t) for a, t in aliases if a and flat.endswith(a)]
    if ending:
        return max(ending)[1]
    inside = [(len(a), t) for a, t in aliases if len(a) >= 3 and a in flat]
    return max(inside)[1] if inside else None


def best_offset(
    listed: Sequence[tuple[str | None, int | None]],
    starts: dict[int, set[str]],
    pages: int,
    preferred: Sequence[int] = (),
) -> int | None:
    """How far the 目录's page numbers are from PDF pages (PDF page = listed + offset).

    Archivists number from the cover, from the first page after the 目录, or from some other
    sheet; the offset that puts the most listed types on a page where a document of that type
    starts wins (``starts``: PDF page → types starting there). Ties go to ``preferred`` in
    order, then to the smaller offset. None when no listed document lands on its type."""
    known = [(t, first) for t, first in listed if t is not None and first is not None]
    scored = []
    for offset in range(-pages, pages + 1):
        score = sum(1 for t, first in known if t in starts.get(first + offset, set()))
        if score:
            rank = list(preferred).index(offset) if offset in preferred else len(preferred)
            scored.append(((score, -rank, -abs(offset)), offset))
    return max(scored)[1] if scored else None
