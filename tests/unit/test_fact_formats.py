"""The fact editor takes dates and amounts as reviewers write them, and refuses the rest in
Chinese (CorrectionService.set_fact through the real store)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.casefiles.amounts import parse_amount
from app.config import Paths, RunContext
from app.errors import UserError
from app.services import Services
from tests.unit.test_library_import import make_pdf


@pytest.fixture
def case(tmp_path: Path) -> tuple[Services, int]:
    services = Services.open(RunContext(Paths(tmp_path / "data")))
    case_id = services.library.import_pdf(make_pdf(tmp_path / "卷.pdf", pages=2)).id
    return services, case_id


@pytest.mark.parametrize(
    "typed",
    ["2024年7月13日", "2024.7.13", "2024-7-13", "2024/7/13", "二〇二四年七月十三日",
     "2024-07-13", " 2024 年 7 月 13 日 ", "20240713"],
)  # fmt: skip
def test_dates_in_the_ways_people_write_them(case: tuple[Services, int], typed: str) -> None:
    services, case_id = case
    assert services.corrections.set_fact(case_id, "date.decided", typed).value == "2024-07-13"
    assert services.cases.detail(case_id).facts["date.decided"].value == "2024-07-13"


@pytest.mark.parametrize("typed", ["2024-7-32", "2024年13月1日", "上周五", "7月13日", "20241340"])
def test_other_dates_are_refused_in_chinese(case: tuple[Services, int], typed: str) -> None:
    services, case_id = case
    with pytest.raises(UserError, match=f"无法识别的决定日期：{typed}。可写作 2024年7月13日"):
        services.corrections.set_fact(case_id, "date.decided", typed)
    assert "date.decided" not in services.cases.detail(case_id).facts


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("8800", "8800"), ("8,800元", "8800"), ("8800.00元", "8800"), ("捌仟捌佰元", "8800"),
     ("八千八百元", "8800"), ("0.88万元", "8800"), ("人民币壹万元整", "10000"),
     ("¥12,500.50", "12500.5"), ("3万", "30000")],
)  # fmt: skip
def test_amounts_in_the_ways_people_write_them(
    case: tuple[Services, int], typed: str, stored: str
) -> None:
    services, case_id = case
    assert services.corrections.set_fact(case_id, "fine_yuan", typed).value == stored


@pytest.mark.parametrize("typed", ["五千块", "-5", "8,80元", "约八千", "8800美元"])
def test_other_amounts_are_refused_in_chinese(case: tuple[Services, int], typed: str) -> None:
    services, case_id = case
    with pytest.raises(UserError, match=f"无法识别的罚款金额：{typed}"):
        services.corrections.set_fact(case_id, "fine_yuan", typed)
    assert parse_amount(typed) is None
