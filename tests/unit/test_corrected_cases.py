"""纠错案件台账: entries added, edited, listed and counted; Excel sheets imported (header found,
Chinese and Excel dates, wrong sheets refused, bad rows reported, re-import updates)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from app.errors import NotFoundError, UserError
from app.review.corrected_cases import (
    CorrectedCaseService,
    normalise_channel,
    parse_day,
    period_bounds,
    quarter_of,
)
from app.store.audit import history
from app.store.database import Database
from app.store.models import AuditEntry
from app.store.ready import ensure_ready

MARKET = "某县市场监督管理局"
TRANSPORT = "某县交通运输局"


@pytest.fixture
def db(tmp_path: Path) -> Database:
    return ensure_ready(f"sqlite:///{tmp_path / 'library.db'}", tmp_path / "backups")


@pytest.fixture
def service(db: Database) -> CorrectedCaseService:
    return CorrectedCaseService(db, "李审")


def add_sample(service: CorrectedCaseService, **overrides: object):  # type: ignore[no-untyped-def]
    values: dict[str, object] = {
        "department": MARKET,
        "case_no": "某市监罚〔2026〕12号",
        "channel": "复议",
        "correcting_organ": "某县人民政府",
        "corrected_on": "2026年9月3日",
        "result": "撤销",
        "reason": "未履行事先告知程序",
    }
    values.update(overrides)
    return service.add(**values)  # type: ignore[arg-type]


def workbook(path: Path, rows: list[list[object]], title: str = "纠错台账") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.create_sheet("填表说明").append(["请按季度填报"])
    book.save(path)
    return path


HEADER = ["序号", "执法单位", "案号", "纠错方式", "纠错机关", "纠错日期", "纠错结果", "纠错原因"]
LEDGER = [
    ["2026年第三季度行政复议、行政诉讼纠错案件台账"],
    [],
    [*HEADER, "复盘情况"],
    [
        1,
        MARKET,
        "某市监罚〔2026〕12号",
        "行政复议",
        "某县人民政府",
        "2026年9月3日",
        "撤销",
        "未履行事先告知程序",
        "法制审核流于形式",
    ],
    [
        2,
        TRANSPORT,
        "某交罚〔2026〕5号",
        "行政诉讼",
        "某区人民法院",
        datetime(2026, 7, 15),
        "确认违法",
        "超期送达",
        None,
    ],
    [
        3,
        MARKET,
        "某市监罚〔2026〕30号",
        "诉讼",
        "某区人民法院",
        "二〇二六年八月八日",
        "变更",
        "罚款畸重",
        "",
    ],
    ["合计", "3件"],
]


# ------------------------------------------------------------------ parsers
def test_parsers() -> None:
    assert quarter_of(date(2026, 9, 30)) == "2026Q3"
    assert quarter_of(date(2026, 10, 1)) == "2026Q4"
    assert period_bounds("2026年第三季度") == (date(2026, 7, 1), date(2026, 9, 30))
    assert period_bounds("2026H1") == (date(2026, 1, 1), date(2026, 6, 30))
    assert period_bounds("2026") == (date(2026, 1, 1), date(2026, 12, 31))
    assert parse_day("2026年9月3日") == date(2026, 9, 3)
    assert parse_day("2026-09-03") == date(2026, 9, 3)
    assert parse_day("2026.9.3") == date(2026, 9, 3)
    assert parse_day(46268) == date(2026, 9, 3)  # an Excel serial that lost its format
    assert parse_day("九月三日") is None
    assert normalise_channel("行政复议") == "reconsideration"
    assert normalise_channel("litigation") == "litigation"
    assert normalise_channel("", "某区人民法院") == "litigation"
    with pytest.raises(UserError, match="纠错方式“信访”无法识别"):
        normalise_channel("信访")


# ------------------------------------------------------------------ service
def test_add_derives_the_quarter_and_is_audited(
    service: CorrectedCaseService, db: Database
) -> None:
    info = add_sample(service, review_note="法制审核流于形式")
    assert info.quarter == "2026Q3"
    assert info.channel == "reconsideration" and info.channel_label == "行政复议"
    assert info.as_json() == {
        "id": info.id,
        "department": MARKET,
        "case_no": "某市监罚〔2026〕12号",
        "channel": "reconsideration",
        "organ": "某县人民政府",
        "date": "2026-09-03",
        "quarter": "2026Q3",
        "result": "撤销",
        "reason": "未履行事先告知程序",
        "review_note": "法制审核流于形式",
        "rectification_note": None,
        "rectified_on": None,
    }
    with db.session() as session:
        entries = history(session, "corrected_case", info.id)
        assert [(e.who, e.action) for e in entries] == [("李审", "create")]


def test_duplicates_are_refused_in_chinese(service: CorrectedCaseService) -> None:
    add_sample(service)
    with pytest.raises(UserError, match=r"已有某县市场监督管理局.*不能重复登记"):
        add_sample(service, case_no="某市监罚[2026]12号", corrected_on="2026-09-03")
    # the same 案号 corrected again on another day is a second entry
    add_sample(service, corrected_on="2026-11-02", channel="诉讼", correcting_organ="某区人民法院")
    assert len(service.list()) == 2


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("case_no", " ", "案号不能为空"),
        ("corrected_on", "2026年13月1日", "纠错日期“2026年13月1日”不是有效日期"),
        ("channel", "仲裁", "纠错方式“仲裁”无法识别"),
        ("reason", "", "纠错原因不能为空"),
    ],
)
def test_bad_input_is_refused(
    service: CorrectedCaseService, field: str, value: str, message: str
) -> None:
    with pytest.raises(UserError, match=message):
        add_sample(service, **{field: value})
    assert service.list() == []


def test_update_notes_and_key_fields(service: CorrectedCaseService, db: Database) -> None:
    info = add_sample(service)
    updated = service.update(
        info.id,
        review_note="复盘：事先告知书未送达",
        rectification_note="已组织全员学习程序规定",
        rectified_on="2026-10-20",
    )
    assert updated.review_note == "复盘：事先告知书未送达"
    assert updated.rectified_on == date(2026, 10, 20)
    moved = service.update(info.id, corrected_on=date(2026, 10, 9))
    assert moved.quarter == "2026Q4"
    cleared = service.update(info.id, review_note="")
    assert cleared.review_note is None
    with pytest.raises(UserError, match="整改日期 2026-10-01 早于纠错日期 2026-10-09"):
        service.update(info.id, rectified_on="2026-10-01")
    assert service.get(info.id).rectified_on == date(2026, 10, 20)  # nothing half-saved
    other = add_sample(service, case_no="某市监罚〔2026〕13号", corrected_on="2026-10-09")
    with pytest.raises(UserError, match="不能重复登记"):
        service.update(other.id, case_no="某市监罚〔2026〕12号")
    with pytest.raises(NotFoundError, match="没有编号为 999 的记录"):
        service.update(999, review_note="x")
    with db.session() as session:
        actions = [e.action for e in history(session, "corrected_case", info.id)]
    assert actions == ["create", "update", "update", "update"]


def test_delete_is_audited(service: CorrectedCaseService, db: Database) -> None:
    info = add_sample(service)
    service.delete(info.id)
    assert service.list() == []
    with db.session() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert last is not None and last.action == "delete" and last.after is None
        assert last.before is not None and last.before["case_no"] == "某市监罚〔2026〕12号"
    with pytest.raises(NotFoundError):
        service.delete(info.id)


def test_list_filters_and_counts(service: CorrectedCaseService) -> None:
    add_sample(service)
    add_sample(service, case_no="某市监罚〔2026〕30号", corrected_on="2026-08-08")
    add_sample(service, case_no="某市监罚〔2026〕40号", corrected_on="2026-11-08")
    add_sample(
        service,
        department=TRANSPORT,
        case_no="某交罚〔2026〕5号",
        channel="litigation",
        correcting_organ="某区人民法院",
        corrected_on="2026-07-15",
        result="确认违法",
    )
    q3 = service.list(quarter="2026Q3")
    assert [e.case_no for e in q3] == [
        "某交罚〔2026〕5号",
        "某市监罚〔2026〕30号",
        "某市监罚〔2026〕12号",
    ]
    assert [e.case_no for e in service.list(quarter="2026年第三季度", department=TRANSPORT)] == [
        "某交罚〔2026〕5号"
    ]
    assert service.quarters() == ["2026Q4", "2026Q3"]
    assert service.counts_by_department("2026Q3") == {MARKET: 2, TRANSPORT: 1}
    assert service.counts_by_department("2026Q4") == {MARKET: 1}
    assert service.counts_by_department("2026Q3", "2026Q4") == {MARKET: 3, TRANSPORT: 1}
    assert service.counts_by_department("2026") == {MARKET: 3, TRANSPORT: 1}
    assert service.counts_by_department("2025Q1") == {}
    with pytest.raises(UserError, match="统计期间有误"):
        service.counts_by_department("2026Q4", "2026Q1")
    with pytest.raises(UserError, match="无法识别"):
        service.list(quarter="第五季度")


# ------------------------------------------------------------------ Excel
def test_import_a_ledger_sheet(service: CorrectedCaseService, tmp_path: Path) -> None:
    path = workbook(tmp_path / "台账.xlsx", LEDGER)
    report = service.import_excel(path)
    assert (report.sheet, report.imported, report.updated, report.errors) == ("纠错台账", 3, 0, [])
    entries = {e.case_no: e for e in service.list()}
    first = entries["某市监罚〔2026〕12号"]
    assert (first.channel, first.date, first.review_note) == (
        "reconsideration",
        date(2026, 9, 3),
        "法制审核流于形式",
    )
    assert entries["某交罚〔2026〕5号"].date == date(2026, 7, 15)
    assert entries["某交罚〔2026〕5号"].channel == "litigation"
    assert entries["某市监罚〔2026〕30号"].date == date(2026, 8, 8)
    assert service.counts_by_department("2026Q3") == {MARKET: 2, TRANSPORT: 1}


def test_reimport_updates_instead_of_duplicating(
    service: CorrectedCaseService, tmp_path: Path
) -> None:
    path = workbook(tmp_path / "台账.xlsx", LEDGER)
    service.import_excel(path)
    entry = next(e for e in service.list() if e.case_no == "某交罚〔2026〕5号")
    service.update(entry.id, review_note="窗口中填写的复盘")
    again = service.import_excel(path)
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 3)
    assert service.get(entry.id).review_note == "窗口中填写的复盘"  # empty cell keeps it
    changed = [list(r) for r in LEDGER]
    changed[4][6] = "撤销"
    changed[3][8] = "复盘：法制审核未审查送达"
    again = service.import_excel(workbook(tmp_path / "台账2.xlsx", changed))
    assert (again.imported, again.updated, again.unchanged) == (0, 2, 1)
    assert len(service.list()) == 3
    assert service.get(entry.id).result == "撤销"


def test_channel_column_may_be_left_out(service: CorrectedCaseService, tmp_path: Path) -> None:
    header = [h for h in HEADER if h != "纠错方式"]
    rows = [
        header,
        [1, MARKET, "某市监罚〔2026〕12号", "某县人民政府", "2026/9/3", "撤销", "程序违法"],
        [2, TRANSPORT, "某交罚〔2026〕5号", "某区人民法院", "2026-07-15", "确认违法", "超期送达"],
    ]
    report = service.import_excel(workbook(tmp_path / "台账.xlsx", rows))
    assert report.imported == 2
    assert {e.case_no: e.channel for e in service.list()} == {
        "某市监罚〔2026〕12号": "reconsideration",
        "某交罚〔2026〕5号": "litigation",
    }


def test_bad_rows_are_reported_with_their_row_number(
    service: CorrectedCaseService, tmp_path: Path
) -> None:
    rows = [
        HEADER,
        [
            1,
            MARKET,
            "某市监罚〔2026〕12号",
            "复议",
            "某县人民政府",
            "2026年9月3日",
            "撤销",
            "程序违法",
        ],
        [2, MARKET, "", "复议", "某县人民政府", "2026年9月4日", "撤销", "程序违法"],
        [3, MARKET, "某市监罚〔2026〕14号", "信访", "某县人民政府", "2026年9月5日", "撤销", "x"],
        [4, MARKET, "某市监罚〔2026〕15号", "复议", "某县人民政府", "九月", "撤销", "程序违法"],
        [],
        [
            5,
            TRANSPORT,
            "某交罚〔2026〕5号",
            "诉讼",
            "某区人民法院",
            "2026-07-15",
            "确认违法",
            "超期",
        ],
    ]
    report = service.import_excel(workbook(tmp_path / "台账.xlsx", rows))
    assert report.imported == 2
    assert [(e.row, e.message) for e in report.errors] == [
        (3, "案号不能为空。"),
        (4, "纠错方式“信访”无法识别，应为“复议”（行政复议）或“诉讼”（行政诉讼）。"),
        (5, "纠错日期“九月”不是有效日期，应写成 2026-09-03 或 2026年9月3日。"),
    ]
    assert "工作表“纠错台账”第 3 行：案号不能为空" in report.summary()


def test_a_wrong_sheet_is_refused_naming_it_and_the_missing_columns(
    service: CorrectedCaseService, tmp_path: Path
) -> None:
    rows = [
        ["序号", "执法单位", "案号", "当事人", "案由", "处罚日期"],
        [1, MARKET, "x", "张三", "y", "2026-01-01"],
    ]
    path = workbook(tmp_path / "案件目录.xlsx", rows, title="案件目录")
    with pytest.raises(UserError) as caught:
        service.import_excel(path)
    message = str(caught.value)
    assert "工作表“案件目录”中没有“纠错机关" in message  # the one reader's wording
    assert "纠错机关" in message and "纠错结果" in message and "纠错原因" in message
    with pytest.raises(UserError, match="没有名为“第四季度”的工作表"):
        service.import_excel(workbook(tmp_path / "台账.xlsx", LEDGER), sheet="第四季度")
    with pytest.raises(UserError, match="找不到纠错案件台账的表头"):
        service.import_excel(path, sheet="填表说明")
    assert service.list() == []


def test_a_file_that_is_not_excel(service: CorrectedCaseService, tmp_path: Path) -> None:
    bad = tmp_path / "台账.xlsx"
    bad.write_text("not excel", encoding="utf-8")
    with pytest.raises(UserError, match="无法读取 Excel 文件"):
        service.import_excel(bad)
