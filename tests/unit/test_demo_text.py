"""Chinese renderings, check digits, working days and the document-type vocabulary."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest

from app.casefiles.document_types import document_types, load_document_types
from app.demo.chinese_text import capital_yuan, fine_text, format_date
from app.demo.identities import credit_code, id_card_number
from app.demo.workdays import add_workdays, workdays_between


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (30000, "叁万元"),
        (105000, "壹拾万伍仟元"),
        (250050, "贰拾伍万零伍拾元"),
        (1200000, "壹佰贰拾万元"),
        (500, "伍佰元"),
        (1005, "壹仟零伍元"),
    ],
)
def test_capital_yuan(amount: int, text: str) -> None:
    assert capital_yuan(amount) == text


def test_fine_text_and_date_styles() -> None:
    assert fine_text(30000) == "人民币叁万元（¥30,000.00）"
    day = date(2024, 3, 5)
    assert [format_date(day, s) for s in ("ymd_cn", "ymd_hanzi", "dots", "iso")] == [
        "2024年3月5日",
        "二〇二四年三月五日",
        "2024.3.5",
        "2024-03-05",
    ]
    assert format_date(date(2025, 10, 31), "ymd_hanzi") == "二〇二五年十月三十一日"


def test_identity_numbers_have_valid_check_digits() -> None:
    rng = random.Random(3)
    for _ in range(20):
        number = id_card_number(rng)
        total = sum(
            int(d) * w
            for d, w in zip(
                number[:17], (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2), strict=True
            )
        )
        assert number[17] == "10X98765432"[total % 11]
        code = credit_code(rng)
        assert len(code) == 18 and code.startswith("91")


def test_working_days_skip_holidays_and_count_make_up_days() -> None:
    assert add_workdays(date(2024, 9, 30), 1) == date(2024, 10, 8)  # National Day week
    assert add_workdays(date(2024, 10, 11), 1) == date(2024, 10, 12)  # 调休 Saturday
    assert workdays_between(date(2024, 9, 30), date(2024, 10, 8)) == 1


def test_document_types_vocabulary() -> None:
    types = document_types()
    for needed in (
        "penalty_decision",
        "service_receipt",
        "legal_review",
        "seizure_decision",
        "release_decision",
        "collective_discussion",
        "archive_note",
    ):
        assert needed in types
    assert "行政处罚决定书" in types["penalty_decision"].aliases
    orders = [t.order for t in types.values()]
    assert orders == sorted(orders)


def test_document_types_reject_bad_data(tmp_path: Path) -> None:
    bad = tmp_path / "t.yaml"
    bad.write_text("types:\n  - {id: a, name: 甲, kind: other, order: 1}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="类别"):
        load_document_types(bad)


def test_splitter_viewer_and_demo_share_one_vocabulary() -> None:
    from app.casefiles.splitting import load_split_config
    from app.casefiles.viewer_support import document_type_name

    types = document_types()
    split_types = load_split_config().types
    assert [t.id for t in split_types] == list(types)
    assert all(document_type_name(t.id) == t.name for t in split_types)
    import app.demo

    assert app.demo.document_types is document_types
