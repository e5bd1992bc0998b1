"""Importing a province's official table: good tables become checklists, bad rows are
reported with their sheet row and column in Chinese."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from scoring.checklist_loader import dump_checklist, load_checklist
from scoring.checklist_table import (
    ChecklistMeta,
    checklist_from_rows,
    parse_amount,
    parse_category,
    parse_veto,
)
from scoring.scores import Deduction, score_review

META = ChecklistMeta(
    id="hubei-penalty",
    name="湖北省行政处罚案卷评查标准",
    province="湖北",
    kind="penalty",
    version="2025",
    effective_date=date(2025, 1, 1),
    source="湖北省行政处罚案卷评查标准（2025）",
)


def row(
    n: int,
    seq: object,
    category: object,
    item: object,
    points: object,
    detail: object = "",
    veto: object = "",
) -> dict[str, object]:
    return {
        "row": n,
        "seq": seq,
        "category": category,
        "item": item,
        "points": points,
        "detail": detail,
        "veto": veto,
    }


def good_rows() -> list[dict[str, object]]:
    """Shaped like a sheet read by openpyxl: merged category cells read as None below the first."""
    return [
        row(3, None, "一、执法主体（20分）", None, None),
        row(4, 1, None, "执法主体合法，未超越职权", 10, "超越职权的为不合格卷", "是"),
        row(5, 2, None, "执法人员两人以上并持证", 10.0, "缺一项扣2分", "√"),
        row(6, 3, "程序与文书", "事先告知当事人陈述申辩权", "40分", "未告知的扣全分", "是"),
        row(7, 4, None, "送达回证要素齐全", 20, "每处扣1分，扣完为止", None),
        row(8, 5, "", "文书填写规范", 10, "每处扣0.5分", "否"),
        row(9, 6, None, "卷内目录页码连续", 10, "每项扣一分", "×"),
        row(10, None, "合计", None, 100),
        row(11, None, None, None, None),
    ]


def test_good_table_becomes_checklist(tmp_path: Path) -> None:
    checklist, report = checklist_from_rows(good_rows(), META)
    assert report.ok, str(report)
    assert checklist is not None
    assert [c.name for c in checklist.categories] == ["执法主体", "程序与文书"]
    assert [c.points for c in checklist.categories] == [20, 80]
    ids = [i.id for i in checklist.iter_items()]
    assert ids == ["P-1.1", "P-1.2", "P-2.1", "P-2.2", "P-2.3", "P-2.4"]
    assert [i.id for i in checklist.veto_items] == ["P-1.1", "P-1.2", "P-2.1"]
    assert checklist.item("P-1.2").source == "湖北省行政处罚案卷评查标准（2025）（序号 2）"
    assert checklist.item("P-2.2").detail == "每处扣1分，扣完为止"
    # It is a real checklist: it scores, and it can be saved and loaded again.
    result = score_review(checklist, [Deduction("P-2.2", count=3), Deduction("P-2.3", count=30)])
    assert result.total == 100 - 3 - 10
    path = dump_checklist(checklist, tmp_path / "hubei.yaml")
    assert load_checklist(path) == checklist
    assert any("合计行" in str(n) for n in report.notes)


def test_inherited_categories_are_noted() -> None:
    _, report = checklist_from_rows(good_rows(), META)
    inherited = [n for n in report.notes if "沿用" in n.message]
    assert [n.row for n in inherited] == [4, 5, 7, 8, 9]
    assert "程序与文书" in inherited[-1].message


def test_rules_are_read_from_detail() -> None:
    checklist, _ = checklist_from_rows(good_rows(), META)
    assert checklist is not None
    rules = {i.id: (i.rule.mode, getattr(i.rule, "amount", None)) for i in checklist.iter_items()}
    assert rules == {
        "P-1.1": ("all_or_nothing", None),
        "P-1.2": ("per_occurrence", 2),
        "P-2.1": ("all_or_nothing", None),
        "P-2.2": ("per_occurrence", 1),
        "P-2.3": ("per_occurrence", 0.5),
        "P-2.4": ("per_occurrence", 1),
    }


@pytest.mark.parametrize(
    ("detail", "amount"),
    [
        ("每处扣1分", Decimal(1)),
        ("每项扣0.5分", Decimal("0.5")),
        ("缺一项扣2分", Decimal(2)),
        ("每发现一处扣1分，扣完为止", Decimal(1)),
        ("每缺一项扣 1.5 分", Decimal("1.5")),
        ("缺少一项扣1分", Decimal(1)),
        ("每处扣半分", Decimal("0.5")),
        ("未制作的扣5分", None),
        ("扣完为止，不计负分", None),
        ("", None),
    ],
)
def test_parse_amount(detail: str, amount: Decimal | None) -> None:
    assert parse_amount(detail) == amount


def test_parse_category_and_veto() -> None:
    assert parse_category("一、执法主体（10分）") == ("执法主体", Decimal(10))
    assert parse_category("3. 文书制作 (12.5分)") == ("文书制作", Decimal("12.5"))
    assert parse_category("案卷管理") == ("案卷管理", None)
    assert [parse_veto(v) for v in ("是", "√", "否", "×", "", None, True, "可能")] == [
        True, True, False, False, False, False, True, None,
    ]  # fmt: skip


def problems_of(rows: list[dict[str, object]]) -> list[str]:
    checklist, report = checklist_from_rows(rows, META)
    assert checklist is None
    assert not report.ok
    return report.lines()


def test_bad_rows_are_reported_with_row_and_column() -> None:
    rows = good_rows()
    rows[1] = row(4, 1, None, "执法主体合法", "十分", "", "是")
    rows[2] = row(5, 2, None, "", 10, "缺一项扣2分", "√")
    rows[4] = row(7, 4, None, "送达回证要素齐全", 20, "每处扣1分", "待定")
    rows[5] = row(8, 5, "", "文书填写规范", 10, "每处扣12分", "否")
    lines = problems_of(rows)
    assert "第 4 行「分值」：分值不是数字（十分）" in lines
    assert "第 5 行「评查项目」：评查项目为空" in lines
    assert "第 7 行「否决项」：否决项应填 是、否、√、× 或留空，实际为“待定”" in lines
    assert "第 8 行「评分细则」：评分细则中的每处扣分 12 分大于分值 10 分" in lines


def test_total_not_100_is_reported() -> None:
    rows = good_rows()
    rows[6] = row(9, 6, None, "卷内目录页码连续", 5, "每项扣一分", "×")
    lines = problems_of(rows)
    assert "整表「分值」：分值合计为 95 分，应为 100 分" in lines


def test_declared_category_points_are_checked() -> None:
    rows = good_rows()
    rows[0] = row(3, None, "一、执法主体（25分）", None, None)
    lines = problems_of(rows)
    assert "第 3 行「评查类别」：评查类别“执法主体”标明 25 分，但其下各项分值之和为 20 分" in lines


def test_first_item_without_category() -> None:
    rows = good_rows()[1:]
    lines = problems_of(rows)
    assert lines[0] == "第 4 行「评查类别」：缺少评查类别（之前也没有可沿用的类别）"


def test_half_points_and_zero_point_items() -> None:
    rows = good_rows()
    rows[5] = row(8, 5, "", "文书填写规范", 9.3, "每处扣0.5分", "否")
    rows.insert(7, row(9, 7, None, "超过追责时效", 0, "", ""))
    lines = problems_of(rows)
    assert "第 8 行「分值」：分值 9.3 应为 0.5 的整数倍" in lines
    assert "第 9 行「分值」：分值为 0 的项目只能是否决项" in lines


def test_empty_table() -> None:
    assert problems_of([]) == ["整表：表中没有任何评查项目"]


def test_bad_metadata_is_reported() -> None:
    meta = ChecklistMeta(**{**META.__dict__, "id": "湖北处罚"})
    checklist, report = checklist_from_rows(good_rows(), meta)
    assert checklist is None
    assert any(
        line.startswith("整表：标准信息 id：标准编号 “湖北处罚” 格式不对")
        for line in report.lines()
    )


def test_heading_row_with_category_points() -> None:
    rows = good_rows()
    rows[0] = row(3, None, "执法主体", None, 20)
    checklist, report = checklist_from_rows(rows, META)
    assert report.ok and checklist is not None
    rows[0] = row(3, None, "执法主体", None, 30)
    assert any("标明 30 分" in line for line in problems_of(rows))
