"""Importing a province's official checklist table from a real Excel workbook."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from app.config import Paths, RunContext
from app.errors import UserError
from app.review import checklist_excel
from app.services import Services

HEADER = ["序号", "评查类别", "评查项目", "分值", "评分细则", "否决项"]


def rows_totalling(total_items: int = 10) -> list[list[object]]:
    rows: list[list[object]] = []
    for n in range(total_items):
        category = "执法主体" if n < 3 else ("执法程序" if n < 7 else "")  # blank: merged cell
        rows.append([n + 1, category, f"评查项目{n + 1}", 10, "每处扣2分", "是" if n == 0 else ""])
    return rows


def write_book(
    path: Path, header: list[str], rows: list[list[object]], sheet: str = "评查标准"
) -> Path:
    book = openpyxl.Workbook()
    first = book.active
    first.title = "说明"
    first["A1"] = "本表为某省行政处罚案卷评查标准"
    ws = book.create_sheet(sheet)
    ws.append(["某省行政处罚案卷评查标准（2025年版）"])
    ws.append(header)
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


@pytest.fixture
def services(tmp_path: Path) -> Services:
    return Services.open(RunContext(Paths(tmp_path / "data")))


def test_header_row_found_on_the_right_sheet(tmp_path: Path) -> None:
    table = checklist_excel.read_table(write_book(tmp_path / "t.xlsx", HEADER, rows_totalling()))
    assert table.sheet == "评查标准" and table.header_row == 2
    assert checklist_excel.guess_mapping(table.headers) == {
        "seq": 0,
        "category": 1,
        "item": 2,
        "points": 3,
        "detail": 4,
        "veto": 5,
    }


def test_excel_import_end_to_end(services: Services, tmp_path: Path) -> None:
    path = write_book(tmp_path / "省标准.xlsx", HEADER, rows_totalling())
    job = services.checklists.start_excel_import(path)
    job.update_meta(name="某省行政处罚案卷评查标准", id="province-penalty", province="某省")
    result = job.convert()
    assert result.checklist is not None, result.report_text
    saved = job.save().value
    assert saved.id == "province-penalty"
    stored = services.checklists.get(saved.id)
    assert stored.total_points == 100
    assert [c.name for c in stored.categories] == ["执法主体", "执法程序"]
    assert len(stored.veto_items) == 1
    assert stored.name == "某省行政处罚案卷评查标准"
    assert list(services.ctx.paths.checklists_dir.glob("*.yaml")), "kept as a data file too"


def test_wrong_sheet_names_the_sheet(services: Services, tmp_path: Path) -> None:
    path = write_book(tmp_path / "t.xlsx", HEADER, rows_totalling())
    with pytest.raises(UserError, match="说明"):
        services.checklists.start_excel_import(path, sheet="说明")
    with pytest.raises(UserError, match="没有名为“第三页”"):
        services.checklists.start_excel_import(path, sheet="第三页")


def test_missing_required_column_is_reported(services: Services, tmp_path: Path) -> None:
    header = ["序号", "评查类别", "评查项目", "备注", "评分细则", "否决项"]
    job = services.checklists.start_excel_import(
        write_book(tmp_path / "t.xlsx", header, rows_totalling())
    )
    result = job.convert()
    assert result.checklist is None
    assert "分值" in result.report_text


def test_bad_points_are_reported_by_row(services: Services, tmp_path: Path) -> None:
    rows = rows_totalling()
    rows[4][3] = "十分"
    job = services.checklists.start_excel_import(write_book(tmp_path / "t.xlsx", HEADER, rows))
    result = job.convert()
    assert result.checklist is None
    assert "7" in result.report_text  # sheet row 7 = title + header + 5th item
    with pytest.raises(UserError):
        job.save()


def test_not_an_excel_file(services: Services, tmp_path: Path) -> None:
    fake = tmp_path / "fake.xlsx"
    fake.write_text("hello", encoding="utf-8")
    with pytest.raises(UserError, match="无法读取 Excel"):
        services.checklists.start_excel_import(fake)
