"""Layout that depends on the filled-in text, applied to a rendered letter before it is saved.

GB/T 9704-2012 7.3.5.1: the 成文日期 stands four characters in from the right and the
发文机关署名 is centred over it. How far in the 署名 must stand depends on the organ's name
and the date, known only once the template is filled, so the renderer sets it here. The
templates mark the two paragraphs by their styles (署名, 成文日期); a bureau's template
without them is left as it is.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from typing import Any

from docx.oxml import OxmlElement
from docx.shared import Pt

SIGNATURE_STYLE = "署名"
DATE_STYLE = "成文日期"
DATE_RIGHT_CHARS = 4  # 成文日期 右空四字
MIN_RIGHT_CHARS = 2  # a 署名 longer than the date: 右空二字, the date centred under it
DEFAULT_CHAR_PT = 16.0  # 3号
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
VML_NS = "urn:schemas-microsoft-com:vml"
_VML_HEIGHT = re.compile(r"(?<![-\w])height:[\d.]+pt")


def text_width_chars(text: str) -> float:
    """Width in full-width characters: CJK and full-width forms count 1, others ½."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text.strip())


def centred_indents(signature: str, date: str) -> tuple[float, float]:
    """(署名, 成文日期) right indents in characters: the date four in, the 署名 centred over
    it; a 署名 too long for that stands two in and the date is centred under it."""
    sig_w, date_w = text_width_chars(signature), text_width_chars(date)
    sig_right = DATE_RIGHT_CHARS + (date_w - sig_w) / 2
    if sig_right >= MIN_RIGHT_CHARS:
        return sig_right, float(DATE_RIGHT_CHARS)
    return float(MIN_RIGHT_CHARS), MIN_RIGHT_CHARS + (sig_w - date_w) / 2


def _style_name(paragraph: Any) -> str:
    style = paragraph.style
    return str(style.name) if style is not None else ""


def _char_pt(paragraph: Any) -> float:
    size = paragraph.style.font.size if paragraph.style is not None else None
    return size.pt if size is not None else DEFAULT_CHAR_PT


def centre_signatures(document: Any) -> int:
    """Centre each 署名 paragraph over the 成文日期 that follows it (python-docx
    ``Document``); returns how many were set."""
    paragraphs = document.paragraphs
    done = 0
    for first, second in itertools.pairwise(paragraphs):
        if _style_name(first) != SIGNATURE_STYLE or _style_name(second) != DATE_STYLE:
            continue
        if not first.text.strip() or not second.text.strip():
            continue
        sig_right, date_right = centred_indents(first.text, second.text)
        char = _char_pt(second)
        first.paragraph_format.right_indent = Pt(sig_right * char)
        second.paragraph_format.right_indent = Pt(date_right * char)
        done += 1
    return done


BANJI_BOX_NAME = "版记"
BOX_PADDING_PT = 4.0
EMU_PER_PT = 12700


def _exact_line_pt(paragraph_xml: Any) -> float:
    """A paragraph's exact line height in points (the 版记 lines are set exactly)."""
    spacing = paragraph_xml.find(f"{{{W_NS}}}pPr/{{{W_NS}}}spacing")
    line = spacing.get(f"{{{W_NS}}}line") if spacing is not None else None
    return int(line) / 20 if line else 0.0


def fit_banji_room(document: Any) -> int:
    """Size the 版记's box (and its VML fallback) and the empty paragraph that holds its room
    to the lines left in it (抄送 is dropped when there is none): a room sized for two lines pushed a letter's
    closing block onto a page of its own when one line was printed. Returns the height set,
    in points (0 when the template has no 版记 box)."""
    for paragraph in document.paragraphs:
        for doc_pr in paragraph._p.iter(f"{{{WP_NS}}}docPr"):
            if doc_pr.get("name") != BANJI_BOX_NAME:
                continue
            anchor = doc_pr.getparent()
            content = next(anchor.iter(f"{{{W_NS}}}txbxContent"))
            height = sum(_exact_line_pt(p) for p in content.iter(f"{{{W_NS}}}p")) + BOX_PADDING_PT
            cy = str(round(height * EMU_PER_PT))
            for extent in (anchor.find(f"{{{WP_NS}}}extent"), *anchor.iter(f"{{{A_NS}}}ext")):
                if extent is not None:
                    extent.set("cy", cy)
            for rect in paragraph._p.iter(f"{{{VML_NS}}}rect"):  # the VML fallback's box
                if rect.get("id") == BANJI_BOX_NAME:
                    rect.set("style", _VML_HEIGHT.sub(f"height:{height:g}pt", rect.get("style")))
            paragraph.paragraph_format.line_spacing = Pt(height)
            return round(height)
    return 0


# Rows of the table before a kept-together block that go to its page with it.
LEAD_IN_ROWS = 2


def _keeps_whole(table: Any) -> bool:
    """Whether a table is marked to stay whole: every paragraph keeps with the next (the
    评查表's result and signature rows, templates/build_templates.py)."""
    paragraphs = list(table.iter(f"{{{W_NS}}}p"))
    return bool(paragraphs) and all(
        p.find(f"{{{W_NS}}}pPr/{{{W_NS}}}keepNext") is not None for p in paragraphs
    )


def _keep_next(paragraph_xml: Any) -> None:
    paragraph_xml.get_or_add_pPr().get_or_add_keepNext()


def keep_lead_in_with_blocks(document: Any) -> int:
    """A table kept whole never stands alone on a page: the paragraphs before it and the last
    LEAD_IN_ROWS rows of the table before those (rows that may not split) keep with it, so
    the 评查表's signatures move to a new page together with the last item rows. Returns how
    many tables were tied to what precedes them."""
    tied = 0
    for table in document.element.body.iterchildren(f"{{{W_NS}}}tbl"):
        if not _keeps_whole(table):
            continue
        before = table.getprevious()
        while before is not None and before.tag == f"{{{W_NS}}}p":
            _keep_next(before)
            before = before.getprevious()
        if before is None or before.tag != f"{{{W_NS}}}tbl":
            continue
        for row in before.findall(f"{{{W_NS}}}tr")[-LEAD_IN_ROWS:]:
            trpr = row.get_or_add_trPr()
            if trpr.find(f"{{{W_NS}}}cantSplit") is None:
                trpr.insert(0, OxmlElement("w:cantSplit"))
            for paragraph in row.iter(f"{{{W_NS}}}p"):
                _keep_next(paragraph)
        tied += 1
    return tied


LEAD_IN_END = ("：", ":")


def keep_table_lead_ins(document: Any) -> int:
    """A paragraph that announces the table under it ("……分布如下：") keeps with it: the 通报
    ended page 1 and page 3 with such a line and began the next page with its table.
    Returns how many were kept."""
    kept = 0
    for table in document.element.body.iterchildren(f"{{{W_NS}}}tbl"):
        before = table.getprevious()
        if before is None or before.tag != f"{{{W_NS}}}p":
            continue
        text = "".join(t.text or "" for t in before.iter(f"{{{W_NS}}}t")).strip()
        if text.endswith(LEAD_IN_END):
            _keep_next(before)
            kept += 1
    return kept


def finish_layout(document: Any) -> None:
    """Every layout step that needs the filled-in text."""
    centre_signatures(document)
    fit_banji_room(document)
    keep_lead_in_with_blocks(document)
    keep_table_lead_ins(document)
