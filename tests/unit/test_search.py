"""Full-text search over OCR text on a real SQLite file and a real PostgreSQL database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select, text, update

from app.casefiles.search import (
    SNIPPET_CHARS,
    SearchHit,
    SearchQueryError,
    index_missing,
    index_pages,
    reindex_case,
    remove_case,
    search,
    unindexed_page_ids,
)
from app.casefiles.search_text import fold
from app.errors import UserError
from app.store import repositories
from app.store.database import Database
from app.store.migrations import ensure_ready
from app.store.models import CaseFile, Page

DECISION = "行政处罚决定书\n县市监罚〔2024〕15号\n当事人：某某商贸有限公司\n罚款人民币30,000元"
RECORD = "询问笔录\n询问时间：二〇二四年三月五日\n被询问人：张三\nABC Trading 公司"
RECEIPT = "送达回证\n受送达人：某某商贸有限公司\n送达方式：直接送达"
BROKEN = "执法人员现场检查时制作了询问\n笔录一份，当事人签名确认。"
OTHER_NOTICE = "送达地址确认书\n县市监罚〔2024〕16号"
OTHER_RECORD = "询问笔录（第二次）\n罚款人民币5,000元"

BOXES = [
    {"text": line, "box": [[0, 20 * i], [100, 20 * i], [100, 20 * i + 15], [0, 20 * i + 15]]}
    for i, line in enumerate(BROKEN.split("\n"))
]


def _build(db: Database) -> tuple[int, int]:
    with db.session() as s:
        first = repositories.add_case_file(
            s, sha256="a" * 64, original_name="甲.pdf", stored_path="a", source_kind="pdf"
        )
        second = repositories.add_case_file(
            s, sha256="b" * 64, original_name="乙.pdf", stored_path="b", source_kind="pdf"
        )
        for index, ocr_text in enumerate([DECISION, RECORD, RECEIPT, BROKEN, None], start=1):
            boxes = BOXES if ocr_text == BROKEN else None
            repositories.add_page(s, first, index, ocr_text=ocr_text, ocr_boxes=boxes)
        for index, ocr_text in enumerate([OTHER_NOTICE, OTHER_RECORD], start=1):
            repositories.add_page(s, second, index, ocr_text=ocr_text)
        assert index_pages(s, first.id) == 4
        assert index_pages(s, second.id) == 2
        return first.id, second.id


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'library.sqlite3'}"
    else:
        url = request.getfixturevalue("postgres_url")
    database = ensure_ready(url, tmp_path / "backups")
    yield database
    database.dispose()


@pytest.fixture
def library(db: Database) -> tuple[Database, int, int]:
    first, second = _build(db)
    return db, first, second


def _pages(hits: list[SearchHit]) -> list[tuple[int, int]]:
    return [(hit.case_file_id, hit.page) for hit in hits]


def _index_rows(db: Database) -> int:
    with db.session() as s:
        return s.scalar(text("SELECT count(*) FROM page_search")) or 0


# ---------------------------------------------------------------- terms of every length


def test_one_character_term(library: tuple[Database, int, int]) -> None:
    db, first, second = library
    assert _pages(search(db, "罚")) == [(first, 1), (second, 1), (second, 2)]


def test_two_character_term_in_page_order(library: tuple[Database, int, int]) -> None:
    db, first, second = library
    hits = search(db, "送达")
    assert _pages(hits) == [(first, 3), (second, 1)]
    assert (
        hits[0].marked() == "【送达】回证受【送达】人：某某商贸有限公司【送达】方式：直接【送达】"
    )
    assert hits[1].marked() == "【送达】地址确认书县市监罚〔2024〕16号"


def test_three_and_four_character_terms(library: tuple[Database, int, int]) -> None:
    db, first, second = library
    assert _pages(search(db, "决定书")) == [(first, 1)]
    assert _pages(search(db, "询问笔录")) == [(first, 2), (first, 4), (second, 2)]
    assert _pages(search(db, "某某商贸有限公司")) == [(first, 1), (first, 3)]


def test_case_numbers_and_amounts_match_punctuation_exactly(
    library: tuple[Database, int, int],
) -> None:
    db, first, second = library
    assert _pages(search(db, "〔2024〕15号")) == [(first, 1)]
    assert _pages(search(db, "〔2024〕16号")) == [(second, 1)]
    assert _pages(search(db, "2024")) == [(first, 1), (second, 1)]
    assert _pages(search(db, "30,000")) == [(first, 1)]
    assert _pages(search(db, "３０，０００元")) == [(first, 1)]  # full-width as OCR may read it
    assert search(db, "30000") == []
    assert _pages(search(db, "00")) == [(first, 1), (second, 2)]
    assert _pages(search(db, "二〇二四年")) == [(first, 2)]


def test_latin_text_is_case_insensitive(library: tuple[Database, int, int]) -> None:
    db, first, _ = library
    hits = search(db, "abc trading")
    assert _pages(hits) == [(first, 2)]
    assert "【ABC】" in hits[0].marked() and "【Trading】" in hits[0].marked()


def test_term_broken_across_ocr_lines_and_its_boxes(library: tuple[Database, int, int]) -> None:
    db, first, _ = library
    (hit,) = search(db, "询问笔录", case_file_id=first, limit=10)[1:]
    assert hit.page == 4
    assert hit.marked() == "执法人员现场检查时制作了【询问笔录】一份，当事人签名确认。"
    assert hit.lines == (0, 1)
    assert hit.boxes == (BOXES[0]["box"], BOXES[1]["box"])
    (only_second_line,) = search(db, "签名", case_file_id=first)
    assert only_second_line.lines == (1,)


def test_pages_without_boxes_have_no_lines(library: tuple[Database, int, int]) -> None:
    db, _, _ = library
    (hit,) = search(db, "决定书")
    assert (hit.lines, hit.boxes) == ((), ())


# ---------------------------------------------------------------- query forms


def test_terms_are_anded(library: tuple[Database, int, int]) -> None:
    db, first, second = library
    assert _pages(search(db, "送达 受送达人")) == [(first, 3)]
    assert _pages(search(db, "罚款 询问笔录")) == [(second, 2)]
    assert search(db, "送达 询问笔录") == []
    hits = search(db, "罚款　5,000")  # an ideographic space separates terms too
    assert hits[0].marked() == "询问笔录（第二次）【罚款】人民币【5,000】元"


def test_within_one_dossier(library: tuple[Database, int, int]) -> None:
    db, first, second = library
    assert _pages(search(db, "询问笔录", case_file_id=second)) == [(second, 2)]
    assert _pages(search(db, "送达", case_file_id=first)) == [(first, 3)]
    assert search(db, "送达", case_file_id=second + 100) == []


def test_limit(library: tuple[Database, int, int]) -> None:
    db, first, _ = library
    assert _pages(search(db, "询问笔录", limit=2)) == [(first, 2), (first, 4)]
    assert len(search(db, "询问笔录", limit=None)) == 3
    with pytest.raises(SearchQueryError, match="正整数"):
        search(db, "送达", limit=0)


@pytest.mark.parametrize("query", ["", "   ", "\u3000\n"])
def test_empty_query_is_refused_in_chinese(library: tuple[Database, int, int], query: str) -> None:
    db, _, _ = library
    with pytest.raises(SearchQueryError, match="请输入要检索的文字"):
        search(db, query)


@pytest.mark.parametrize("query", ["〔〕", '""', "%", "* ()"])
def test_query_with_nothing_searchable_is_refused_in_chinese(
    library: tuple[Database, int, int], query: str
) -> None:
    db, _, _ = library
    with pytest.raises(SearchQueryError, match="至少要有一个汉字、字母或数字"):
        search(db, query)
    assert issubclass(SearchQueryError, UserError)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"送达回证"', [3]),  # quotes around a term are dropped
        ("“询问笔录”", [2, 4]),
        ('送达"', [3]),  # an unbalanced quote is no syntax error
        ("送达 OR 笔录", []),  # OR is a term, not an operator
        ("NEAR(送达", []),
        ("送%达", []),  # LIKE wildcards are literal
        ("送_达", []),
        ("送*", []),
        ("受送达人：", [3]),
        ("\\送达", []),
        ("'; DROP TABLE pages; --", []),
    ],
)
def test_special_characters_are_literal(
    library: tuple[Database, int, int], query: str, expected: list[int]
) -> None:
    db, first, _ = library
    assert [hit.page for hit in search(db, query, case_file_id=first)] == expected


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(max_size=30))
def test_arbitrary_queries_never_break_the_search(
    library: tuple[Database, int, int], query: str
) -> None:
    db, _, _ = library
    try:
        hits = search(db, query)
    except SearchQueryError as error:
        assert "检索" in str(error)
        return
    terms = [fold(t.strip("\"'“”‘’「」『』")).text for t in query.split()]
    for hit in hits:
        assert len(hit.snippet) <= SNIPPET_CHARS + 2 or len(hit.spans) >= 1
        for start, end in hit.spans:
            assert 0 <= start < end <= len(hit.snippet)
        assert any(t and t in fold(hit.snippet).text for t in terms)


def test_snippet_is_about_forty_characters_around_the_first_hit(db: Database) -> None:
    long_text = "前文" * 40 + "\n现场检查笔录\n" + "后文" * 40
    with db.session() as s:
        case = repositories.add_case_file(
            s, sha256="c" * 64, original_name="丙.pdf", stored_path="c", source_kind="pdf"
        )
        repositories.add_page(s, case, 1, ocr_text=long_text)
        index_pages(s, case.id)
    (hit,) = search(db, "检查笔录")
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert len(hit.snippet) == SNIPPET_CHARS + 2
    ((start, end),) = hit.spans
    assert hit.snippet[start:end] == "检查笔录"
    assert abs(start - (len(hit.snippet) - end)) <= 2  # centred


# ---------------------------------------------------------------- keeping the index in step


def test_changed_text_leaves_the_index_until_reindexed(library: tuple[Database, int, int]) -> None:
    db, first, _ = library
    with db.session() as s:
        s.execute(
            update(Page)
            .where(Page.case_file_id == first, Page.index == 3)
            .values(ocr_text="送达回执\n签收人：李四")
        )
    # The trigger dropped the stale row: the old text is no longer found ...
    assert search(db, "受送达人") == []
    with db.session() as s:
        assert len(unindexed_page_ids(s)) == 1
        assert index_pages(s, first, [3]) == 1
        assert unindexed_page_ids(s) == []
    # ... and once indexed again, the new text is.
    assert _pages(search(db, "签收人")) == [(first, 3)]
    assert search(db, "受送达人") == []


def test_reindex_case_and_index_missing(library: tuple[Database, int, int]) -> None:
    db, first, second = library
    with db.session() as s:
        s.execute(text("DELETE FROM page_search"))
    assert search(db, "送达") == []
    with db.session() as s:
        assert reindex_case(s, first) == 4
    assert _pages(search(db, "送达")) == [(first, 3)]
    with db.session() as s:
        assert index_missing(s) == 2
        assert index_missing(s) == 0
    assert _pages(search(db, "送达")) == [(first, 3), (second, 1)]


def test_remove_case_keeps_the_pages(library: tuple[Database, int, int]) -> None:
    db, first, second = library
    with db.session() as s:
        remove_case(s, first)
    assert _pages(search(db, "询问笔录")) == [(second, 2)]
    assert _index_rows(db) == 2
    with db.session() as s:
        assert s.scalar(select(Page.ocr_text).where(Page.case_file_id == first, Page.index == 1))


def test_deleting_a_case_file_removes_its_index_rows(library: tuple[Database, int, int]) -> None:
    db, first, second = library
    assert _index_rows(db) == 6
    with db.session() as s:
        s.execute(delete(CaseFile).where(CaseFile.id == first))  # FK cascade to pages
    assert _index_rows(db) == 2
    assert _pages(search(db, "询问笔录")) == [(second, 2)]


def test_index_changes_roll_back_with_the_session(library: tuple[Database, int, int]) -> None:
    db, first, _ = library
    with pytest.raises(RuntimeError), db.session() as s:
        remove_case(s, first)
        raise RuntimeError("导入失败")
    assert _index_rows(db) == 6


def test_a_renumbered_page_is_never_reported_under_its_old_number(
    library: tuple[Database, int, int],
) -> None:
    db, first, _ = library
    with db.session() as s:
        s.execute(update(Page).where(Page.case_file_id == first, Page.index == 3).values(index=7))
    # SQLite keys its index by page number, so the trigger drops the row; PostgreSQL keys
    # it by page id, so the row follows the page.
    assert _pages(search(db, "受送达人")) in ([], [(first, 7)])
    with db.session() as s:
        index_missing(s)
    assert _pages(search(db, "受送达人")) == [(first, 7)]
