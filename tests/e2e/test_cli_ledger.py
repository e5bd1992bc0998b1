"""``ledger add|list|note|counts|import|delete`` through the CLI, on a fresh library (no demo)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from tests.support import run_cli

MARKET = "某县市场监督管理局"


def add(data: Path, case_no: str, day: str, *extra: str):  # type: ignore[no-untyped-def]
    return run_cli(
        data,
        "ledger",
        "add",
        "--department",
        MARKET,
        "--case-no",
        case_no,
        "--channel",
        "复议",
        "--organ",
        "某县人民政府",
        "--date",
        day,
        "--result",
        "撤销",
        "--reason",
        "未履行事先告知程序",
        *extra,
        "--json",
    )


def test_add_note_list_and_count(tmp_path: Path) -> None:
    data = tmp_path / "data"
    added = add(data, "某市监罚〔2026〕12号", "2026-09-03", "--note", "法制审核流于形式")
    assert added.code == 0, added.stderr
    entry_id = added.json()["id"]

    noted = run_cli(
        data,
        "ledger",
        "note",
        str(entry_id),
        "--rectification",
        "已组织程序规定专题学习",
        "--rectified-on",
        "2026-10-20",
        "--json",
    )
    assert noted.code == 0, noted.stderr

    listed = run_cli(data, "ledger", "list", "--quarter", "2026Q3", "--json")
    assert listed.code == 0, listed.stderr
    assert listed.json() == [
        {
            "id": entry_id,
            "department": MARKET,
            "case_no": "某市监罚〔2026〕12号",
            "channel": "reconsideration",
            "organ": "某县人民政府",
            "date": "2026-09-03",
            "quarter": "2026Q3",
            "result": "撤销",
            "reason": "未履行事先告知程序",
            "review_note": "法制审核流于形式",
            "rectification_note": "已组织程序规定专题学习",
            "rectified_on": "2026-10-20",
        }
    ]
    assert run_cli(data, "ledger", "list", "--quarter", "2026Q4", "--json").json() == []

    counts = run_cli(data, "ledger", "counts", "--quarter", "2026Q3", "--json")
    assert counts.code == 0, counts.stderr
    assert counts.json() == {MARKET: 1}

    text = run_cli(data, "ledger", "list")
    assert text.code == 0 and "某市监罚〔2026〕12号" in text.stdout and "复议" in text.stdout

    duplicate = add(data, "某市监罚〔2026〕12号", "2026-09-03")
    assert duplicate.code != 0
    assert "不能重复登记" in duplicate.stderr and "Traceback" not in duplicate.stderr
    assert len(duplicate.stderr.strip().splitlines()) == 1

    deleted = run_cli(data, "ledger", "delete", str(entry_id), "--json")
    assert deleted.code == 0, deleted.stderr
    assert run_cli(data, "ledger", "list", "--json").json() == []


def test_bad_input_is_one_chinese_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    bad_date = add(data, "某市监罚〔2026〕12号", "2026-13-01")
    assert bad_date.code != 0 and "纠错日期“2026-13-01”不是有效日期" in bad_date.stderr
    bad_channel = run_cli(
        data, "ledger", "add", "--department", MARKET, "--case-no", "x", "--channel", "仲裁",
        "--organ", "某县人民政府", "--date", "2026-09-03", "--result", "撤销", "--reason", "x",
    )  # fmt: skip
    assert bad_channel.code != 0 and "纠错方式“仲裁”无法识别" in bad_channel.stderr
    missing = run_cli(data, "ledger", "note", "999", "--review", "x")
    assert missing.code != 0 and "没有编号为 999 的记录" in missing.stderr
    empty = run_cli(data, "ledger", "note", "1")
    assert empty.code != 0 and "--review" in empty.stderr
    for result in (bad_date, bad_channel, missing, empty):
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_import_reports_bad_rows_and_updates_on_reimport(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "2026Q3"
    for row in (
        ["纠错案件台账"],
        ["执法单位", "案号", "纠错类型", "纠错机关", "纠错日期", "纠错结果", "纠错原因", "复盘情况"],
        [MARKET, "某市监罚〔2026〕12号", "复议", "某县人民政府", "2026年9月3日", "撤销", "程序违法", "已复盘"],
        ["某县交通运输局", "某交罚〔2026〕5号", "诉讼", "某区人民法院", "2026年7月15日", "确认违法", "超期送达", None],
        ["某县交通运输局", "某交罚〔2026〕6号", "诉讼", "某区人民法院", "某日", "确认违法", "超期送达", None],
    ):  # fmt: skip
        sheet.append(row)
    path = tmp_path / "台账.xlsx"
    book.save(path)
    data = tmp_path / "data"

    first = run_cli(data, "ledger", "import", str(path), "--json")
    assert first.code != 0
    assert first.json()["imported"] == 2
    assert first.json()["errors"] == [
        {"row": 5, "message": "纠错日期“某日”不是有效日期，应写成 2026-09-03 或 2026年9月3日。"}
    ]
    assert "有 1 行未导入（第 5 行）" in first.stderr

    sheet.delete_rows(5)
    book.save(path)
    again = run_cli(data, "ledger", "import", str(path), "--sheet", "2026Q3", "--json")
    assert again.code == 0, again.stderr
    assert (again.json()["imported"], again.json()["unchanged"]) == (0, 2)
    assert len(run_cli(data, "ledger", "list", "--json").json()) == 2
    counts = run_cli(data, "ledger", "counts", "--json").json()
    assert counts == {"某县交通运输局": 1, MARKET: 1}

    wrong = run_cli(data, "ledger", "import", str(path), "--sheet", "无此表")
    assert wrong.code != 0 and "没有名为“无此表”的工作表" in wrong.stderr
