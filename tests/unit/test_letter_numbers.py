"""The 发文字号 registry: 代字〔年〕序号号, never padded, never used twice, editable forward."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from app.errors import UserError
from app.review.letter_numbers import (
    LetterNumberRegistry,
    format_number,
    normalise_number,
    parse_number,
    peek_number,
    take_number,
)
from app.store.database import Database
from app.store.migrations import ensure_ready
from app.store.models import AuditEntry, IssuedNumber


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = ensure_ready(f"sqlite:///{tmp_path / 'n.sqlite3'}", None)
    yield database
    database.dispose()


def test_format_is_code_hexagonal_brackets_and_unpadded_sequence() -> None:
    assert format_number("十司监意", 2024, 3) == "十司监意〔2024〕3号"
    assert format_number("司监意", 2026, 12) == "司监意〔2026〕12号"


@given(st.integers(min_value=1, max_value=99999), st.integers(min_value=2000, max_value=2099))
def test_parse_reads_back_what_format_writes(seq: int, year: int) -> None:
    assert parse_number(format_number("某司监意", year, seq)) == ("某司监意", year, seq)


def test_typed_numbers_with_other_brackets_or_padding_are_normalised() -> None:
    assert normalise_number("司监意[2026]03号") == "司监意〔2026〕3号"
    assert normalise_number("司监意（2026）7号") == "司监意〔2026〕7号"
    with pytest.raises(UserError, match="不是有效的发文字号"):
        parse_number("2026-3")


def test_numbers_are_taken_in_order_and_each_only_once(db: Database) -> None:
    taken = []
    for _ in range(3):
        with db.session() as s:
            taken.append(take_number(s, "opinion", "司监意", 2026, "王").number_text)
    assert taken == ["司监意〔2026〕1号", "司监意〔2026〕2号", "司监意〔2026〕3号"]
    with db.session() as s:
        # Another kind and another year count on their own.
        assert take_number(s, "decision", "司监决", 2026, "王").number_text == "司监决〔2026〕1号"
        assert peek_number(s, "opinion", "司监意", 2027) == "司监意〔2027〕1号"
        assert (
            len(s.scalars(select(AuditEntry).where(AuditEntry.entity == "letter_number")).all())
            == 4
        )


def test_a_rolled_back_transaction_gives_its_number_back(db: Database) -> None:
    with pytest.raises(RuntimeError), db.session() as s:
        take_number(s, "opinion", "司监意", 2026, "王")
        raise RuntimeError("the letter could not be written")
    with db.session() as s:
        assert take_number(s, "opinion", "司监意", 2026, "王").number_text == "司监意〔2026〕1号"


def test_next_number_can_move_forward_but_never_back_onto_an_issued_one(db: Database) -> None:
    registry = LetterNumberRegistry(db, who="王")
    with db.session() as s:
        for _ in range(2):
            take_number(s, "opinion", "司监意", 2026, "王")
    info = registry.set_next("opinion", "司监意", 2026, 10)  # 3–9 issued on paper
    assert info.next_number == 10 and info.last_issued == "司监意〔2026〕2号"
    assert registry.peek("opinion", "司监意", 2026) == "司监意〔2026〕10号"
    with pytest.raises(UserError, match="不能小于或等于2"):
        registry.set_next("opinion", "司监意", 2026, 2)
    # Moving back to an unused number above the last issued one is allowed.
    assert registry.set_next("opinion", "司监意", 2026, 3).next_number == 3
    with db.session() as s:
        assert take_number(s, "opinion", "司监意", 2026, "王").number_text == "司监意〔2026〕3号"
    assert [i.as_json()["issued"] for i in registry.sequences()] == [3]


def test_a_sequence_behind_the_issued_numbers_skips_ahead(db: Database) -> None:
    """Even if a sequence row were edited behind the registry's back, no number repeats."""
    from app.store.models import LetterSequence

    with db.session() as s:
        take_number(s, "opinion", "司监意", 2026, "王")
        s.scalars(select(LetterSequence)).one().next_number = 1
    with db.session() as s:
        assert take_number(s, "opinion", "司监意", 2026, "王").number_text == "司监意〔2026〕2号"
        assert len(s.scalars(select(IssuedNumber)).all()) == 2


def test_bad_codes_and_kinds_are_refused_in_chinese(db: Database) -> None:
    with db.session() as s:
        with pytest.raises(UserError, match="机关代字不能为空"):
            take_number(s, "opinion", " ", 2026, "王")
        with pytest.raises(UserError, match=r"不应含(括号|年份)"):
            take_number(s, "opinion", "司监意〔2026〕", 2026, "王")
        with pytest.raises(UserError, match="文书种类"):
            take_number(s, "circular", "司通", 2026, "王")
