"""The campaign workbook, checked by reopening it with openpyxl."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from app.documents.campaign_stats import campaign_stats
from app.documents.excel_report import SHEETS, display_width, write_campaign_workbook
from app.errors import UserError
from app.review.campaigns import CampaignService
from tests.review_support import DEPARTMENTS, ReviewedLibrary, build_reviewed_library

MARKET, CITY, TRANSPORT = DEPARTMENTS


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory) -> ReviewedLibrary:
    return build_reviewed_library(tmp_path_factory.mktemp("excel"))


def _table(sheet) -> tuple[list[str], list[dict[str, object]]]:  # type: ignore[no-untyped-def]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    header = list(rows[0])
    return header, [dict(zip(header, r, strict=True)) for r in rows[1:]]


def test_sheets_tables_and_layout(lib: ReviewedLibrary, tmp_path: Path) -> None:
    out = write_campaign_workbook(
        lib.db, lib.spotcheck, tmp_path / "抽查.xlsx", {MARKET: "已整改，已书面回复"}
    )
    book = load_workbook(out)
    assert book.sheetnames == list(SHEETS)
    for sheet in book.worksheets:
        assert "2026年第二季度行政执法案卷抽查" in sheet["A1"].value
        assert sheet.freeze_panes == "A3"
        assert sheet.auto_filter.ref.startswith("A2:")
        # the filter ends at the last data row (the 合计 row of 单位汇总 stays outside)
        totals = sheet.cell(sheet.max_row, 2).value == "合计"
        assert sheet.auto_filter.ref.endswith(str(sheet.max_row - totals))
        assert all(c.font.bold for c in sheet[2] if c.value)
        # printed landscape, every column on one page width, the header on every page
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
        assert sheet.print_title_rows == "$2:$2"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]

    header, cases = _table(book["案卷得分"])
    assert header[:3] == ["序号", "执法单位", "案号"] and "得分" in header
    assert len(cases) == 12
    first = cases[0]
    assert first["案号"] == "某市1罚〔2026〕1号" and first["当事人"] == "张三"
    assert first["得分"] == 96 and first["等次"] == "优秀" and first["签字确认"] == "已签字"
    vetoed = [c for c in cases if c["否决项"]]
    assert len(vetoed) == 3 and all(c["等次"] == "不合格" for c in vetoed)
    score_cell = book["案卷得分"].cell(3, header.index("得分") + 1)
    assert isinstance(score_cell.value, int | float) and score_cell.number_format == "0.0"
    assert score_cell.data_type == "n"


def test_deductions_one_per_row(lib: ReviewedLibrary, tmp_path: Path) -> None:
    book = load_workbook(write_campaign_workbook(lib.db, lib.spotcheck, tmp_path / "a.xlsx"))
    header, rows = _table(book["扣分明细"])
    assert header == [
        "序号",
        "案号",
        "执法单位",
        "评查项目编号",
        "评查项目",
        "评查类别",
        "问题处数",
        "扣分",
        "扣分理由",
        "法律依据",
        "页码",
        "评查人",
    ]
    assert len(rows) == 15
    row = next(r for r in rows if r["评查项目编号"] == "P-3.4")
    assert row["评查类别"] == "法律适用" and row["扣分"] == 3 and row["页码"] == 12
    assert isinstance(row["页码"], int) and row["评查人"] == "王评查"
    assert "李四" in str(row["扣分理由"])  # an internal workbook keeps the reviewer's words
    no_page = next(r for r in rows if r["评查项目编号"] == "P-5.1")
    assert no_page["页码"] is None
    sheet = book["扣分明细"]
    reason_column = sheet.column_dimensions["I"]
    assert 20 <= reason_column.width <= 40
    assert sheet.cell(3, 9).alignment.wrap_text


def test_department_summary_with_rectification(lib: ReviewedLibrary, tmp_path: Path) -> None:
    out = write_campaign_workbook(
        lib.db, lib.spotcheck, tmp_path / "b.xlsx", {MARKET: "已整改，已书面回复"}
    )
    header, rows = _table(load_workbook(out)["单位汇总"])
    assert header[:5] == ["排名", "执法单位", "评查案卷数", "已评查", "平均分"]
    assert header[-1] == "整改情况" and {"优秀", "良好", "合格", "不合格"} <= set(header)
    by_name = {r["执法单位"]: r for r in rows}
    assert set(by_name) == {*DEPARTMENTS, "合计"}
    market = by_name[MARKET]
    assert market["平均分"] == 97.5 and market["排名"] == 1 and market["优秀"] == 3
    assert market["整改情况"] == "已整改，已书面回复"
    assert by_name[CITY]["整改情况"] is None  # blank when the mapping does not name it
    # a name longer than the department column wraps in a row tall enough for its lines
    sheet = load_workbook(out)["单位汇总"]
    width = sheet.column_dimensions["B"].width
    assert width < display_width("某市城市管理和综合执法局")
    row = next(r for r in range(3, sheet.max_row + 1) if sheet.cell(r, 2).value == CITY)
    assert sheet.cell(row, 2).alignment.wrap_text and sheet.row_dimensions[row].height >= 34


def test_department_totals_row_and_as_of_date(lib: ReviewedLibrary, tmp_path: Path) -> None:
    """A 合计 row under the departments (outside the filter, so sorting keeps it last) and
    the day the rectification states are of in the column's header."""
    out = write_campaign_workbook(
        lib.db,
        lib.spotcheck,
        tmp_path / "t.xlsx",
        {MARKET: "整改中", TRANSPORT: "已整改"},
        as_of=date(2026, 10, 15),
    )
    sheet = load_workbook(out)["单位汇总"]
    header, rows = _table(sheet)
    assert header[-1] == "整改情况（截至2026年10月15日）"
    *departments, total = rows
    assert total["执法单位"] == "合计" and total["排名"] is None
    for column in ("评查案卷数", "已评查", "优秀", "不合格", "否决", "扣分项数"):
        assert total[column] == sum(int(d[column] or 0) for d in departments), column
    assert total["扣分合计"] == pytest.approx(sum(float(d["扣分合计"]) for d in departments))
    assert total["平均分"] == campaign_stats(lib.db, lib.spotcheck).average  # not a mean of means
    assert total[header[-1]] == "2个单位已出具意见书"
    assert sheet.auto_filter.ref.endswith(str(sheet.max_row - 1))  # the 合计 row outside


def test_no_letter_yet_is_said_so_in_the_totals(lib: ReviewedLibrary, tmp_path: Path) -> None:
    """Before any 监督意见书 the 合计 does not say that no department needs rectification."""
    out = write_campaign_workbook(lib.db, lib.spotcheck, tmp_path / "n.xlsx", {})
    header, rows = _table(load_workbook(out)["单位汇总"])
    assert rows[-1][header[-1]] == "尚未出具意见书"


def test_item_frequency(lib: ReviewedLibrary, tmp_path: Path) -> None:
    book = load_workbook(write_campaign_workbook(lib.db, lib.spotcheck, tmp_path / "c.xlsx"))
    header, rows = _table(book["问题频次"])
    assert header[1:5] == ["评查项目编号", "评查项目", "评查类别", "出现次数"]
    assert [r["出现次数"] for r in rows] == sorted((r["出现次数"] for r in rows), reverse=True)
    p44 = next(r for r in rows if r["评查项目编号"] == "P-4.4")
    assert p44["问题处数"] == 6 and p44["涉及案卷数"] == 3 and p44["扣分合计"] == 6
    # A text longer than its wrapped column gets a row tall enough for its lines (LibreOffice
    # and WPS keep a row one line high and cut the text off otherwise); a short one keeps the
    # default height.
    sheet = book["问题频次"]
    column = get_column_letter(header.index("评查项目") + 1)
    width = sheet.column_dimensions[column].width
    for n, row in enumerate(rows, start=3):
        height = sheet.row_dimensions[n].height
        if display_width(row["评查项目"]) > width:
            assert height is not None and height >= 30, row["评查项目"]
        elif display_width(row["评查项目"]) < width / 2:
            assert height is None
    assert any(display_width(r["评查项目"]) > width for r in rows)


def test_empty_campaign_and_overwrite(lib: ReviewedLibrary, tmp_path: Path) -> None:
    empty = CampaignService(lib.db).create("空活动", "spotcheck", "2027Q1").id
    target = tmp_path / "空.xlsx"
    target.write_bytes(b"old")
    write_campaign_workbook(lib.db, empty, target)
    book = load_workbook(target)
    for sheet in book.worksheets:
        assert sheet.max_row == 2 and sheet.auto_filter.ref.endswith("2")
    with pytest.raises(UserError, match="xlsx"):
        write_campaign_workbook(lib.db, empty, tmp_path / "x.xls")


def test_display_width_counts_chinese_double() -> None:
    assert display_width("abc") == 3
    assert display_width("执法单位") == 8
    assert display_width(97.5) == 4
    assert display_width(None) == 0


def test_the_publication_variant_masks_persons_and_leaves_reviewers_out(
    lib: ReviewedLibrary, tmp_path: Path
) -> None:
    """Issue 18 item 6: an export marked for publication masks natural persons' names (a
    company keeps its name, as bureaus publish it), ID numbers in reasons, and does not list
    the reviewers."""
    inside = load_workbook(write_campaign_workbook(lib.db, lib.spotcheck, tmp_path / "in.xlsx"))
    public = load_workbook(
        write_campaign_workbook(lib.db, lib.spotcheck, tmp_path / "pub.xlsx", public=True)
    )
    header, rows = _table(inside["案卷得分"])
    assert "张三" in {r["当事人"] for r in rows} and "评查人" in header
    header, rows = _table(public["案卷得分"])
    parties = {r["当事人"] for r in rows}
    assert "评查人" not in header and "张三" not in parties and "李四" not in parties
    assert {"张某", "李某", "某某商贸有限公司"} <= parties
    header, rows = _table(public["扣分明细"])
    reasons = " ".join(str(r["扣分理由"]) for r in rows)
    assert "评查人" not in header and rows
    assert "330102198001011234" not in reasons and "张三" not in reasons
    assert "王小明" not in reasons and "王某" in reasons
