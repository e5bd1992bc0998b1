"""``roster import FILE`` / ``roster list`` through the CLI."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from tests.support import run_cli


def test_roster_import_and_list(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (
        ["执法人员名册"],
        ["姓名", "执法证号", "执法类别", "有效期", "所属单位", "法律职业资格证书编号"],
        [
            "高杰",
            "32051754256",
            "市场监管",
            "2023-01-01至2026-12-31",
            "某县市场监督管理局",
            "A2018",
        ],
    ):
        sheet.append(row)
    book.save(tmp_path / "roster.xlsx")
    data = tmp_path / "data"
    result = run_cli(data, "roster", "import", str(tmp_path / "roster.xlsx"), "--json")
    assert result.code == 0, result.stderr
    assert result.json() == {"imported": 1}
    listed = run_cli(data, "roster", "list", "--json")
    assert listed.code == 0, listed.stderr
    assert listed.json() == [
        {
            "name": "高杰",
            "cert_no": "32051754256",
            "department": "某县市场监督管理局",
            "category": "市场监管",
            "valid_to": "2026-12-31",
            "legal_qualification": "A2018",
        }
    ]
    human = run_cli(data, "roster", "list")
    assert human.code == 0 and "法律职业资格 A2018" in human.stdout
    wrong = run_cli(data, "roster", "import", str(tmp_path / "roster.xlsx"), "--sheet", "无")
    assert wrong.code != 0 and "无" in wrong.stderr
