"""The one Excel table reader the four importers share (catalogue, roster, checklist table,
纠错案件台账): sheet choice, header row, column roles, Chinese refusals."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from app.errors import UserError
from app.review.excel_files import MissingColumns, TableSpec, guess_columns, read_table

SPEC = TableSpec(
    what="测试表",
    words={"name": ("姓名", "名字"), "cert": ("证号", "执法证号"), "unit": ("单位",)},
    labels={"cert": "执法证号"},
    required=("name", "cert"),
    expect="“姓名”“证号”",
    advice="请补上该列。",
)


def book(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def test_header_found_below_a_title_on_the_first_sheet_that_has_one(tmp_path: Path) -> None:
    path = book(
        tmp_path / "r.xlsx",
        {
            "说明": [["填表说明"], ["请按表填写"]],
            "名册": [
                ["某局执法人员名册"],
                [],
                ["姓 名", "证号", "单位"],
                ["高杰", 123, "某局"],
                ["  ", None],
            ],
        },
    )
    table = read_table(path, SPEC)
    assert (table.sheet, table.header_row, table.sheet_names) == ("名册", 3, ["说明", "名册"])
    assert table.mapping == {"name": 0, "cert": 1, "unit": 2}
    assert table.records() == [{"row": 4, "name": "高杰", "cert": 123, "unit": "某局"}]


def test_explicit_header_row_and_column_override(tmp_path: Path) -> None:
    path = book(tmp_path / "r.xlsx", {"表": [["甲", "乙"], ["高杰", "A1"]]})
    table = read_table(path, SPEC, "表", header_row=1, columns={"name": "A", "cert": 2})
    assert table.records() == [{"row": 2, "name": "高杰", "cert": "A1", "unit": None}]
    with pytest.raises(UserError, match="没有第 9 行"):
        read_table(path, SPEC, "表", header_row=9)
    with pytest.raises(UserError, match="没有“丙”这一列"):
        read_table(path, SPEC, "表", header_row=1, columns={"name": "丙"})


def test_refusals_are_chinese(tmp_path: Path) -> None:
    path = book(tmp_path / "r.xlsx", {"表": [["姓名", "单位"], ["高杰", "某局"]], "空": [["x"]]})
    with pytest.raises(MissingColumns, match=r"工作表“表”中没有“执法证号”列.*请补上该列") as caught:
        read_table(path, SPEC)
    assert caught.value.missing == ["cert"] and caught.value.headers == ["姓名", "单位"]
    with pytest.raises(UserError, match="没有名为“其他”的工作表（现有：表、空）"):
        read_table(path, SPEC, "其他")
    with pytest.raises(
        UserError, match="工作表“空”的前 15 行中找不到测试表的表头（应含“姓名”“证号”等列）"
    ):
        read_table(path, SPEC, "空")
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a workbook", encoding="utf-8")
    with pytest.raises(UserError, match=r"无法读取 Excel 文件 bad\.xlsx"):
        read_table(bad, SPEC)


def test_best_word_guessing_takes_the_most_specific_word() -> None:
    spec = TableSpec(
        what="台账",
        words={"corrected_on": ("纠错日期", "日期"), "rectified_on": ("整改完成日期", "整改日期")},
        best_word=True,
    )
    assert guess_columns(spec, ["整改完成日期", "纠错日期"]) == {
        "corrected_on": 1,
        "rectified_on": 0,
    }
