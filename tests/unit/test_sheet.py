"""The per-file 评查表 from a reviewed library: facts, every item with its deductions,
total, grade, veto items, reviewers and sign-off."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.documents.sheet import cn_date, period_label, sheet_context, write_sheet
from app.review.reviews import ReviewService
from tests.review_support import DEPARTMENTS, build_reviewed_library
from tests.unit.test_docx_render import all_text


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return build_reviewed_library(tmp_path_factory.mktemp("sheet"))


def test_context_of_a_case_with_deductions_on_pages(library) -> None:  # type: ignore[no-untyped-def]
    case = library.cases[DEPARTMENTS[0]][0]  # pattern 0: P-2.2 (page 5) and P-3.4 (page 12)
    ctx = sheet_context(library.db, library.spotcheck, case)
    assert ctx["campaign_name"] == "2026年第二季度行政执法案卷抽查"
    assert ctx["period_label"] == "2026年第二季度"
    assert ctx["kind_label"] == "抽查"
    assert ctx["department"] == DEPARTMENTS[0]
    assert ctx["case"]["party"] == "张三"
    assert ctx["case"]["case_no"].endswith("〔2026〕1号")
    items = {i["id"]: i for c in ctx["categories"] for i in c["entries"]}
    assert items["P-3.4"]["lost"] == "3"
    (deduction,) = items["P-3.4"]["deductions"]
    assert deduction["page_text"] == "第12页"
    assert deduction["basis"]  # the item's basis when the reviewer gave none
    assert items["P-2.2"]["deductions"][0]["page_text"] == "第5页"
    assert ctx["vetoed"] is False and ctx["veto_items"] == []
    lost = sum(float(c["lost"]) for c in ctx["categories"])
    assert float(ctx["total"]) == 100 - lost
    assert ctx["reviewers"] == "王评查" and ctx["lead"] == "赵组长"
    assert ctx["signoff"].startswith("20") and ctx["signoff"].endswith("日")


def test_sheet_document_of_a_vetoed_case(library, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    case = library.cases[DEPARTMENTS[0]][3]  # pattern 3: veto P-1.1 on page 3, P-5.1 no page
    out = write_sheet(library.db, library.spotcheck, case, tmp_path / "评查表.docx")
    text = all_text(out)
    ctx = sheet_context(library.db, library.spotcheck, case)
    for expected in (
        "行政执法案卷评查表",
        DEPARTMENTS[0],
        ctx["case"]["case_no"],
        "某某餐饮店",
        "执法人员王小明无行政执法证件（第3页），扣",
        "处罚决定书文书格式不规范，扣",
        f"得分 | {ctx['total']} | 等次 | 不合格",
        "否决项 | P-1.1 ",
        "评查人 | 王评查 | 组长 | 赵组长",
        "（否决项）",
        # the paper file is signed by hand: a blank cell and a date line for each signer
        "评查签名 |  | 日期 | ",
        "复核签名 |  | 日期 | ",
        "组长签名 |  | 日期 | ",
    ):
        assert expected in text, expected
    assert ctx["vetoed"] and [v["id"] for v in ctx["veto_items"]] == ["P-1.1"]
    assert "{{" not in text and "{%" not in text


def test_clean_case_says_no_veto(library, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    case = library.cases[DEPARTMENTS[0]][2]  # pattern 2: no deductions
    text = all_text(write_sheet(library.db, library.spotcheck, case, tmp_path / "s.docx"))
    assert "得分 | 100 | 等次 | 优秀" in text
    assert "否决项 | 无" in text
    # nothing deducted, so no reviewer's own review: the lead who scored and signed it is
    # named, not a dash an official fills in by hand (the demo's 乡镇 file)
    assert "评查人 | 赵组长 | 组长 | 赵组长" in text


def test_edit_after_signoff_shows_unsigned(tmp_path: Path) -> None:
    lib = build_reviewed_library(tmp_path)
    case = lib.cases[DEPARTMENTS[1]][1]  # reviewed by 王评查 alone, then signed off
    ReviewService(lib.db, default_reviewer="王评查").deduct(
        lib.selfreview, case, "P-5.1", 1, "文书缺少日期", page=7
    )
    ctx = sheet_context(lib.db, lib.selfreview, case)
    assert ctx["signoff"].startswith("未签字确认")
    assert ctx["kind_label"] == "自评"
    text = all_text(write_sheet(lib.db, lib.selfreview, case, tmp_path / "s.docx"))
    assert "签字确认 | 未签字确认" in text
    assert "文书缺少日期（第7页）" in text


def test_a_bureau_sheet_template_wins(library, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from docx import Document

    folder = tmp_path / "模板"
    folder.mkdir()
    doc = Document()
    doc.add_paragraph(
        "本局评查表 {{ campaign_name }} {{ department }} {{ case.case_no }} 得分{{ total }} 等次{{ grade }}"
    )
    doc.save(str(folder / "sheet.docx"))
    case = library.cases[DEPARTMENTS[2]][1]
    out = write_sheet(library.db, library.spotcheck, case, tmp_path / "s.docx", folder)
    assert all_text(out).startswith("本局评查表 ")


def test_labels() -> None:
    assert period_label("2026Q3") == "2026年第三季度"
    assert period_label("2026H1") == "2026年上半年"
    assert period_label("2026-05") == "2026年5月"
    assert period_label("2026") == "2026年"
    assert cn_date("2026-09-01") == "2026年9月1日"
    assert cn_date("不详") == "不详"
