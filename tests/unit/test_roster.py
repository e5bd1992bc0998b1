"""The officers' roster: Excel import (header found, columns guessed), list, pre-check rule."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from app.casefiles.splitting import pages_from_records, split_dossier
from app.config import Paths, RunContext
from app.errors import UserError
from app.review.prechecks import build_facts
from app.review.roster import import_roster, list_roster, parse_validity, read_roster
from app.services import Services
from scoring.prechecks import DossierFacts, OfficerRecord, RosterEntry, run_prechecks

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ocr"


def workbook(path: Path, rows: list[list[object]], title: str = "名册") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    book.create_sheet("说明").append(["本表由法制科维护"])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


ROSTER = [
    ["某县司法局行政执法人员名册"],
    [],
    ["序号", "姓名", "执法证号", "执法类别", "有效期", "所属单位"],
    [1, "高杰", "32051754256", "市场监管", "2023-01-01至2026-12-31", "某县市场监督管理局"],
    [2, "唐桂英", "32053191692", "市场监管", "2020年1月1日至2024年12月31日", "某县市场监督管理局"],
    [3, "", "", "", "", ""],
]


def test_read_finds_the_header_and_parses_validity(tmp_path: Path) -> None:
    rows = read_roster(workbook(tmp_path / "r.xlsx", ROSTER))
    assert [(r.name, r.cert_no, r.valid_from, r.valid_to) for r in rows] == [
        ("高杰", "32051754256", date(2023, 1, 1), date(2026, 12, 31)),
        ("唐桂英", "32053191692", date(2020, 1, 1), date(2024, 12, 31)),
    ]
    assert parse_validity("2026-12-31") == (None, date(2026, 12, 31))


def test_separate_start_and_end_columns(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "r.xlsx",
        [["姓名", "证件号", "有效期起", "有效期止"], ["高杰", "X1", date(2022, 1, 1), "2025.6.30"]],
    )
    (row,) = read_roster(path)
    assert (row.cert_no, row.valid_from, row.valid_to) == (
        "X1",
        date(2022, 1, 1),
        date(2025, 6, 30),
    )


def test_wrong_sheet_and_missing_columns_are_named(tmp_path: Path) -> None:
    path = workbook(tmp_path / "r.xlsx", ROSTER)
    with pytest.raises(UserError, match="说明"):
        read_roster(path, "说明")
    with pytest.raises(UserError, match="没有名为“其他”"):
        read_roster(path, "其他")
    no_cert = workbook(
        tmp_path / "n.xlsx", [["姓名", "执法类别", "所属单位"], ["高杰", "市场", "某局"]]
    )
    with pytest.raises(UserError, match="执法证号"):
        read_roster(no_cert)


def test_import_upserts_by_certificate_and_lists(tmp_path: Path) -> None:
    db = Services.open(RunContext(paths=Paths(tmp_path / "data"))).db
    path = workbook(tmp_path / "r.xlsx", ROSTER)
    assert import_roster(db, path).value == 2
    renamed = [row[:] for row in ROSTER]
    renamed[3] = [
        1,
        "高杰",
        "32051754256",
        "市场监管",
        "2023-01-01至2028-12-31",
        "某县市场监督管理局",
    ]
    assert import_roster(db, workbook(tmp_path / "r2.xlsx", renamed)).value == 2
    listed = list_roster(db)
    assert len(listed) == 2
    gao = next(r for r in listed if r["name"] == "高杰")
    assert gao == {
        "name": "高杰",
        "cert_no": "32051754256",
        "department": "某县市场监督管理局",
        "category": "市场监管",
        "valid_to": "2028-12-31",
        "legal_qualification": None,
    }


def test_the_legal_qualification_column_is_read_and_listed(tmp_path: Path) -> None:
    """《行政处罚法》第五十八条第二款: the roster records who holds a 法律职业资格."""
    db = Services.open(RunContext(paths=Paths(tmp_path / "data"))).db
    rows = [
        ["姓名", "执法证号", "执法类别", "法律职业资格证书编号"],
        ["高杰", "32051754256", "市场监管", "A20183201000123"],
        ["唐桂英", "32053191692", "市场监管", "无"],
        ["李明", "32053191700", "市场监管", "是"],
    ]
    read = {r.name: r.legal_qualification for r in read_roster(workbook(tmp_path / "q.xlsx", rows))}
    assert read == {"高杰": "A20183201000123", "唐桂英": None, "李明": "有"}
    import_roster(db, tmp_path / "q.xlsx")
    listed = {r["name"]: r["legal_qualification"] for r in list_roster(db)}
    assert listed == read
    short = workbook(
        tmp_path / "s.xlsx", [["姓名", "执法证号", "法律职业资格"], ["高杰", "1", "有"]]
    )
    assert read_roster(short)[0].legal_qualification == "有"


def record(*certs: str, on: date | None = None) -> OfficerRecord:
    return OfficerRecord("inquiry_record", 5, 6, ("高杰", "唐桂英")[: len(certs)], certs, on)


ENTRIES = [
    RosterEntry("高杰", "32051754256", date(2023, 1, 1), date(2026, 12, 31)),
    RosterEntry("唐桂英", "32053191692", date(2020, 1, 1), date(2024, 12, 31)),
]


def test_rule_names_unknown_and_expired_officers() -> None:
    facts = DossierFacts(
        kind="penalty",
        officer_records=[record("32051754256", "99999999", on=date(2025, 5, 6))],
        roster=ENTRIES,
    )
    (s,) = [s for s in run_prechecks(facts) if s.rule == "officer_not_certified"]
    assert "唐桂英（执法证号99999999）不在执法人员名册中" in s.message and "第5页" in s.message
    assert s.pages == (5, 6)
    expired = DossierFacts(
        kind="coercion",
        officer_records=[record("32051754256", "32053191692", on=date(2025, 5, 6))],
        roster=ENTRIES,
    )
    (s,) = [s for s in run_prechecks(expired) if s.rule == "officer_not_certified"]
    assert "唐桂英（执法证号32053191692）的执法证在2025年5月6日不在有效期内" in s.message
    # no record date: the filing date is used
    filed = DossierFacts(
        kind="penalty",
        dates={"filed": date(2024, 3, 1)},
        officer_records=[record("32051754256", "32053191692")],
        roster=ENTRIES,
    )
    assert all(s.rule != "officer_not_certified" for s in run_prechecks(filed))


def test_empty_roster_says_nothing() -> None:
    facts = DossierFacts(kind="penalty", officer_records=[record("1", "2")], roster=[])
    assert all(s.rule != "officer_not_certified" for s in run_prechecks(facts))


def test_rule_on_real_ocr_of_a_demo_record() -> None:
    fixture = json.loads((FIXTURES / "演示01-行政处罚案卷.json").read_text(encoding="utf-8"))
    pages = pages_from_records(fixture["pages"])
    spans = split_dossier(pages)
    good = build_facts(
        "penalty",
        pages,
        spans,
        {},
        roster=[*ENTRIES[:1], RosterEntry("唐桂英", "32053191692", date(2020, 1, 1), None)],
    )
    assert all(s.rule != "officer_not_certified" for s in run_prechecks(good))
    bad = build_facts("penalty", pages, spans, {}, roster=ENTRIES)
    (s,) = [s for s in run_prechecks(bad) if s.rule == "officer_not_certified"]
    assert "32053191692" in s.message and "15828468956" not in s.message


def test_rule_names_an_officer_of_another_organ_or_category() -> None:
    """Issue 14: the roster's 所属单位 and 执法类别, not only the certificate."""

    def found(*entries: RosterEntry) -> list[str]:
        facts = DossierFacts(
            kind="penalty",
            organ="江州市市场监督管理局",
            officer_records=[record("32051754256", on=date(2025, 5, 6))],
            roster=list(entries),
        )
        return [s.message for s in run_prechecks(facts) if s.rule == "officer_not_certified"]

    start, end = date(2023, 1, 1), date(2026, 12, 31)
    assert (
        found(RosterEntry("高杰", "32051754256", start, end, "江州市市场监管局", "市场监管")) == []
    )
    (message,) = found(RosterEntry("高杰", "32051754256", start, end, "江州市生态环境局"))
    assert "所属单位为江州市生态环境局" in message and "江州市市场监督管理局" in message
    (message,) = found(RosterEntry("高杰", "32051754256", start, end, None, "交通运输（路政）"))
    assert "执法类别为交通运输（路政）" in message
    # 综合执法 fits, an unknown category or organ is not judged
    assert found(RosterEntry("高杰", "32051754256", start, end, None, "综合行政执法")) == []
    assert found(RosterEntry("高杰", "32051754256", start, end)) == []
