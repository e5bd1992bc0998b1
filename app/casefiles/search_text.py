"""Text normalisation shared by the search index and the search query (pure, no database).

Why a normalisation of our own: Chinese has no spaces, so SQLite's ``unicode61`` tokenizer
would take a whole line as one "word", and ``trigram`` cannot find terms of one or two
characters (see /work/shared/OCR-NOTES.md). Instead every CJK character and every ASCII
letter or digit becomes its own token; a query term becomes a phrase of those tokens, so a
term of any length is found wherever it occurs, with no dictionary (jieba) to load or ship.

Matching rule, the same for the index, the query and the final check:

- each character is NFKC-folded and case-folded (full-width ``３０，０００`` == ``30,000``);
- whitespace is ignored, so a word broken across two OCR lines is still one word;
- everything else (punctuation such as ``〔〕`` included) must match exactly.

The FTS index only sees the "token characters" (CJK, ``a-z``, ``0-9``): it narrows the pages
down, and the exact rule above is then checked in Python on the page text.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

# Ranges SQLite's unicode61 tokenizer (3.40) treats as token characters, as Python does;
# tests/unit/test_search_text.py checks every one of them against SQLite itself.
_TOKEN_RANGES = (
    (0x3005, 0x3007),  # 々 〆 〇 (二〇二四年)
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0x20000, 0x2A6DF),  # CJK extension B
)
_WHITESPACE = re.compile(r"\s+")


def is_token_char(char: str) -> bool:
    """True if ``char`` (already folded) is one token of the full-text index."""
    if char.isascii():
        return char.isalnum()
    code = ord(char)
    return any(low <= code <= high for low, high in _TOKEN_RANGES)


@lru_cache(maxsize=1 << 16)
def fold_char(char: str) -> str:
    """One character folded for matching (may be several characters, e.g. ``ß`` → ``ss``)."""
    return unicodedata.normalize("NFKC", char).casefold()


@dataclass(frozen=True)
class Folded:
    """A text folded for matching, with whitespace removed.

    ``origin(i)`` is the index in the source text of folded character ``i``: spans found in
    the folded text are mapped back to the text the user sees."""

    text: str
    # Either an explicit map (slow path), or the folded indexes where a run of whitespace
    # was removed with the number of source characters skipped up to there (fast path).
    _origins: tuple[int, ...] | None = None
    _gap_at: tuple[int, ...] = ()
    _skipped: tuple[int, ...] = ()

    def origin(self, index: int) -> int:
        if self._origins is not None:
            return self._origins[index]
        position = bisect_right(self._gap_at, index) - 1
        return index + (self._skipped[position] if position >= 0 else 0)


class _NeedsSlowPath(Exception):
    """A character folds to several characters: the one-to-one fast path cannot be used."""


# Characters that fold to themselves: ASCII but A-Z, CJK ideographs and the usual CJK
# punctuation (a test checks every one). Only the others are looked up one by one.
_IDENTITY = "\x00-\x40\x5b-\x7f\u3001-\u3003\u3005-\u3011\u3014-\u301f\u3400-\u4dbf\u4e00-\u9fff"
_NEEDS_FOLDING = re.compile(f"[^{_IDENTITY}]")


def _fold_match(match: re.Match[str]) -> str:
    folded = fold_char(match.group())
    if len(folded) != 1:
        raise _NeedsSlowPath
    return folded


def fold(text: str) -> Folded:
    """Fold ``text`` character by character (see the module docstring).

    Fast path: when every character folds to exactly one character (full-width punctuation
    such as ``，`` → ``,`` included, which is most OCR text), only the characters that may
    change are replaced, by one regular expression pass, and whitespace is cut out by
    another, instead of a Python loop over every character; a property test checks that
    both paths agree."""
    try:
        return _fold_fast(_NEEDS_FOLDING.sub(_fold_match, text))
    except _NeedsSlowPath:
        return _fold_slow(text)


def _fold_fast(folded: str) -> Folded:
    gap_at: list[int] = []
    skipped: list[int] = []
    total = 0
    for match in _WHITESPACE.finditer(folded):
        gap_at.append(match.start() - total)
        total += match.end() - match.start()
        skipped.append(total)
    return Folded(_WHITESPACE.sub("", folded), None, tuple(gap_at), tuple(skipped))


def _fold_slow(text: str) -> Folded:
    chars: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        for piece in fold_char(char):
            if not piece.isspace():
                chars.append(piece)
                origins.append(index)
    return Folded("".join(chars), tuple(origins))


def index_body(text: str) -> str:
    """What the SQLite FTS table stores for a page: its token characters, space-separated."""
    return " ".join(char for char in fold(text).text if is_token_char(char))


def term_tokens(term: str) -> list[str]:
    """The index tokens of one query term, in order (empty for pure punctuation)."""
    return [char for char in fold(term).text if is_token_char(char)]


_LATIN_LINE_BREAK = re.compile(r"(?<=[A-Za-z0-9])\n(?=[A-Za-z0-9])")


def join_lines(ocr_text: str) -> tuple[str, tuple[int, ...]]:
    """The page text with its OCR lines joined, and where each line starts in it.

    Lines are joined without a separator (Chinese has none), except that a space is kept
    between two ASCII letters or digits so that Latin words do not run together."""
    lines = _LATIN_LINE_BREAK.sub(" \n", ocr_text).split("\n")
    starts = tuple(accumulate((len(line) for line in lines[:-1]), initial=0))
    return "".join(lines), starts
