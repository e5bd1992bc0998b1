"""Layout that depends on the filled-in text, applied to a rendered letter before it is saved.

GB/T 9704-2012 7.3.5.1: the 成文日期 stands four characters in from the right and the
发文机关署名 is centred over it. How far in the 署名 must stand depends on the organ's name
and the date, known only once the template is filled, so the renderer sets it here. The
templates mark the two paragraphs by their styles (署名, 成文日期); a bureau's template
without them is left as it is.
"""

from __future__ import annotations

import itertools
import unicodedata
from typing import Any

from docx.shared import Pt

SIGNATURE_STYLE = "署名"
DATE_STYLE = "成文日期"
DATE_RIGHT_CHARS = 4  # 成文日期 右空四字
MIN_RIGHT_CHARS = 2  # a 署名 longer than the date: 右空二字, the date centred under it
DEFAULT_CHAR_PT = 16.0  # 3号


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


def finish_layout(document: Any) -> None:
    """Every layout step that needs the filled-in text."""
    centre_signatures(document)
