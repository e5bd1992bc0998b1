"""The matching rule of full-text search (pure functions) and its agreement with SQLite's
unicode61 tokenizer."""

from __future__ import annotations

import sqlite3

from hypothesis import given
from hypothesis import strategies as st

from app.casefiles.search_text import (
    _TOKEN_RANGES,
    _fold_slow,
    fold,
    index_body,
    is_token_char,
    join_lines,
    term_tokens,
)


def test_folding_ignores_whitespace_width_and_case() -> None:
    assert fold("询问\n笔录").text == "询问笔录"
    assert fold("３０，０００元").text == "30,000元"
    assert fold("ABC 公司\u3000甲").text == "abc公司甲"
    assert fold("〔2024〕15号").text == "〔2024〕15号"


def test_origins_point_back_into_the_source_text() -> None:
    source = "送达 回证\n询问\t笔录"
    folded = fold(source)
    assert [source[folded.origin(i)] for i in range(len(folded.text))] == list(folded.text)


def test_slow_path_expansions_keep_their_origin() -> None:
    folded = fold("Straße ①号")
    assert folded.text == "strasse1号"
    assert [folded.origin(i) for i in range(len(folded.text))] == [0, 1, 2, 3, 4, 4, 5, 7, 8]


@given(st.text())
def test_fast_and_slow_folding_agree(source: str) -> None:
    fast, slow = fold(source), _fold_slow(source)
    assert fast.text == slow.text
    assert [fast.origin(i) for i in range(len(fast.text))] == [
        slow.origin(i) for i in range(len(slow.text))
    ]


def test_index_body_has_one_token_per_character() -> None:
    assert index_body("县市监罚〔2024〕15号\n罚款30,000元") == (
        "县 市 监 罚 2 0 2 4 1 5 号 罚 款 3 0 0 0 0 元"
    )
    assert term_tokens("〔〕") == []
    assert term_tokens("二〇二四年") == ["二", "〇", "二", "四", "年"]


def test_join_lines_joins_chinese_and_keeps_latin_words_apart() -> None:
    assert join_lines("询问\n笔录") == ("询问笔录", (0, 2))
    assert join_lines("case\nfile\n号") == ("case file号", (0, 5, 9))


def test_every_token_character_is_one_token_for_sqlite_unicode61() -> None:
    """The query builds phrases from ``is_token_char`` characters: SQLite must index each
    of them as exactly that token, or a phrase would miss."""
    chars = [chr(c) for low, high in _TOKEN_RANGES for c in range(low, high + 1)]
    chars += [chr(c) for c in range(128) if chr(c).isalnum() and not chr(c).isupper()]
    assert all(is_token_char(c) for c in chars)
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='unicode61')")
    connection.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'row')")
    connection.execute("INSERT INTO t VALUES (?)", (" ".join(chars),))
    vocabulary = {term for (term,) in connection.execute("SELECT term FROM v")}
    connection.close()
    assert vocabulary == set(chars)


def test_punctuation_and_other_scripts_are_not_tokens() -> None:
    assert not any(is_token_char(c) for c in "〔〕，,。.%_\"'*()é")


def test_characters_the_fast_path_skips_really_fold_to_themselves() -> None:
    import re

    from app.casefiles.search_text import _NEEDS_FOLDING, fold_char

    skipped = [c for c in map(chr, range(0x10000)) if not _NEEDS_FOLDING.match(c)]
    assert len(skipped) > 27_000 and re.match(r"[\u4e00-\u9fff]", skipped[-1])
    assert [c for c in skipped if fold_char(c) != c] == []
