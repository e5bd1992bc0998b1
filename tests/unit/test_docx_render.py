"""Rendering the bundled letters: the text that comes out, pictures, fonts, atomic writes,
a bureau's own template, exporting the templates for editing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn
from PIL import Image

from app.documents import fonts
from app.documents.docx_render import (
    ContextError,
    cn_index,
    export_templates,
    render_document,
    template_path,
)
from app.documents.images import Picture
from app.documents.pdf_convert import preview_copy
from app.paths import templates_dir

PROBLEMS = [
    {
        "seq": 1,
        "case_no": "某市1罚〔2026〕1号",
        "page_text": "第12页",
        "item": "P-3.4",
        "item_text": "行使裁量权符合裁量基准",
        "text": "当事人有从轻情节未适用",
        "basis": "《中华人民共和国行政处罚法》第三十二条",
    },
    {
        "seq": 2,
        "case_no": "某市1罚〔2026〕2号",
        "page_text": "",
        "item": "P-4.4",
        "item_text": "先行登记保存依法处理",
        "text": "先行登记保存超过七个工作日未作处理。",
        "basis": "",
    },
]


def opinion_context(**changes: Any) -> dict[str, Any]:
    context = {
        "organ": "某市司法局",
        "number": "司监意〔2026〕3号",
        "department": "某市市场监督管理局",
        "campaign_name": "2026年第三季度行政执法案卷抽查",
        "period_label": "2026年第三季度",
        "cases": [
            {
                "seq": 1,
                "case_no": "某市1罚〔2026〕1号",
                "cause": "销售过期食品",
                "score": "92",
                "grade": "良好",
                "vetoes": "",
            },
            {
                "seq": 2,
                "case_no": "某市1罚〔2026〕2号",
                "cause": "无照经营",
                "score": "67",
                "grade": "不合格",
                "vetoes": "",
            },
        ],
        "vetoed_cases": [],
        "problems": PROBLEMS,
        "legal_basis": "《行政执法监督条例》第二十九条",
        "legal_basis_clause": "根据《行政执法监督条例》第二十九条的规定",
        "rectification_days": 30,
        "served_date": "",
        "deadline": "2026年12月23日",
        "issued_date": "2026年11月23日",
        "copy_to": "市人民政府办公室，市委依法治市办",
    }
    context.update(changes)
    return context


def decision_context(**changes: Any) -> dict[str, Any]:
    context = {
        "organ": "某市人民政府",
        "number": "司监决〔2027〕1号",
        "department": "某市市场监督管理局",
        "opinion_number": "司监意〔2026〕3号",
        "opinion_date": "2026年11月23日",
        "opinion_deadline": "2026年12月23日",
        "opening": "某市司法局于2026年11月23日向你单位发出《行政执法监督意见书》（司监意〔2026〕3号），"
        "要求你单位于2026年12月23日前完成整改并书面回复。整改期限届满，你单位未按要求完成整改。",
        "problems": [dict(p, measure_label="重新作出") for p in PROBLEMS],
        "objection": "",
        "decisions": [
            "责令你单位于2027年1月20日前重新作出行政行为",
            "确认某市1罚〔2026〕2号案件的先行登记保存行为违法",
        ],
        "new_deadline": "2027年1月20日",
        "legal_basis": "《行政执法监督条例》第三十条",
        "legal_basis_clause": "根据《行政执法监督条例》第三十条的规定",
        "issued_date": "2027年1月5日",
        "copy_to": "",
    }
    context.update(changes)
    return context


def chart_png(folder: Path) -> Path:
    path = folder / "chart.png"
    image = Image.new("RGB", (600, 300), "white")
    for x in range(100, 500):
        for y in range(100, 200):
            image.putpixel((x, y), (30, 90, 160))
    image.save(path)
    return path


def circular_context(folder: Path, **changes: Any) -> dict[str, Any]:
    context = {
        "organ": "某市司法局",
        "number": "司监通〔2026〕5号",
        "title": "关于2026年第三季度行政执法案卷评查情况的通报",
        "campaign_name": "2026年第三季度行政执法案卷抽查",
        "period_label": "2026年第三季度",
        "kind_label": "抽查",
        "issued_date": "2026年10月15日",
        "summary": {
            "cases": 12,
            "departments": 3,
            "average": "88.5",
            "median": "90",
            "highest": "100",
            "lowest": "61",
            "vetoed": 2,
        },
        "grades": [
            {"grade": "优秀", "count": 4, "share": "33.3%"},
            {"grade": "良好", "count": 5, "share": "41.7%"},
            {"grade": "不合格", "count": 3, "share": "25.0%"},
        ],
        "departments": [
            {
                "rank": i + 1,
                "name": name,
                "cases": 4,
                "average": avg,
                "median": avg,
                "excellent": 1,
                "good": 2,
                "passed": 0,
                "failed": 1,
                "rectification": "是",
            }
            for i, (name, avg) in enumerate(
                [
                    ("某市交通运输局", "91"),
                    ("某市城市管理和综合执法局", "88"),
                    ("某市市场监督管理局", "86.5"),
                ]
            )
        ],
        "categories": [
            {
                "name": "执法程序",
                "count": 5,
                "points_lost": "9",
                "examples": [
                    {"case_no": "某市1罚〔2026〕2号", "text": "先行登记保存超过七个工作日未作处理"}
                ],
            },
            {
                "name": "法律适用",
                "count": 3,
                "points_lost": "9",
                "examples": [{"case_no": "某市2罚〔2026〕6号", "text": "当事人有从轻情节未适用"}],
            },
        ],
        "rectifications": [
            {"department": "某市市场监督管理局", "state": "司监意〔2026〕1号，整改中"}
        ],
        "excellent_cases": [
            {"department": "某市交通运输局", "case_no": "某市3罚〔2026〕1号", "score": "100.0"}
        ],
        "failed_cases": [
            {
                "seq": 1,
                "department": "某市市场监督管理局",
                "case_no": "某市1罚〔2026〕4号",
                "score": "96.0",
                "reason": "执法主体合法",
            }
        ],
        "top_items": [{"item": "P-4.4", "text": "先行登记保存依法处理", "count": 5}],
        "comparison": "与上季度相比，平均分提高2.5分，不合格案卷减少1件。",
        "corrections": [{"department": "某市交通运输局", "count": 1}],
        "charts": [{"title": "各单位平均得分", "picture": Picture(chart_png(folder), 140)}],
    }
    context.update(changes)
    return context


def all_text(path: Path) -> str:
    """Every paragraph of the body, its text boxes (the 版记), its tables and the footers,
    one per line."""
    doc = Document(str(path))
    lines = [p.text for p in doc.paragraphs]
    for box in doc.element.body.iter(qn("w:txbxContent")):
        lines.extend("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in box.iter(qn("w:p")))
    for table in doc.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    for section in doc.sections:
        lines.extend(p.text for p in section.footer.paragraphs)
        lines.extend(p.text for p in section.even_page_footer.paragraphs)
    return "\n".join(lines)


def test_opinion_carries_number_department_problems_with_pages_and_deadline(tmp_path: Path) -> None:
    out = render_document("opinion", opinion_context(), tmp_path / "意见书.docx")
    text = all_text(out)
    for expected in (
        "某市司法局",
        "行政执法监督意见书",
        "司监意〔2026〕3号",
        "某市市场监督管理局：",
        "2026年第三季度行政执法案卷抽查",
        "1．某市1罚〔2026〕1号（第12页）：当事人有从轻情节未适用，不符合“行使裁量权符合裁量基准”的要求",
        "依据：《中华人民共和国行政处罚法》第三十二条",
        "2．某市1罚〔2026〕2号：先行登记保存超过七个工作日未作处理，不符合“先行登记保存依法处理”的要求",
        "请于2026年12月23日前完成整改",
        "书面回复",
        "某市1罚〔2026〕2号 | 无照经营 | 67 | 不合格",
        "抄送：市人民政府办公室，市委依法治市办。",
        "2026年11月23日印发",
    ):
        assert expected in text, expected
    assert "{{" not in text and "{%" not in text
    assert "。。" not in text
    assert "P-3.4" not in text and "P-4.4" not in text  # the item's wording, never its code
    # the campaign's name already says the period: it is not repeated in brackets
    assert text.count("2026年第三季度") == 1


def test_no_copy_to_means_no_chaosong_line(tmp_path: Path) -> None:
    out = render_document("opinion", opinion_context(copy_to=""), tmp_path / "o.docx")
    text = all_text(out)
    assert "抄送" not in text
    assert "2026年11月23日印发" in text


def test_decision_lists_the_decisions_and_the_opinion_it_follows(tmp_path: Path) -> None:
    text = all_text(render_document("decision", decision_context(), tmp_path / "d.docx"))
    for expected in (
        "行政执法监督决定书",
        "司监决〔2027〕1号",
        "《行政执法监督意见书》（司监意〔2026〕3号）",
        "于2026年12月23日前完成整改",
        "（一）责令你单位于2027年1月20日前重新作出行政行为。",
        "（二）确认某市1罚〔2026〕2号案件的先行登记保存行为违法。",
        "请你单位于2027年1月20日前执行本决定",
        "纳入法治政府建设考核",
        "一、存在的问题",
    ):
        assert expected in text, expected


def test_decision_without_problems_numbers_its_decision_first(tmp_path: Path) -> None:
    text = all_text(render_document("decision", decision_context(problems=[]), tmp_path / "d.docx"))
    assert "存在的问题" not in text
    assert "一、监督决定" in text


def test_circular_has_tables_examples_and_the_chart_picture(tmp_path: Path) -> None:
    out = render_document("circular", circular_context(tmp_path), tmp_path / "c.docx")
    text = all_text(out)
    for expected in (
        "关于2026年第三季度行政执法案卷评查情况的通报",
        "司监通〔2026〕5号",
        "行政执法案卷12件，平均得分88.5分",
        "优秀 | 4 | 33.3%",
        "2 | 某市城市管理和综合执法局 | 4 | 88",
        "（一）执法程序方面",
        "（二）法律适用方面",
        "如某市1罚〔2026〕2号：先行登记保存超过七个工作日未作处理。",
        "与上季度相比",
        "某市交通运输局1件",
        "图1　各单位平均得分",
        "1 | 先行登记保存依法处理 | 5",
    ):
        assert expected in text, expected
    assert "P-4.4" not in text  # readers get the item's wording, not the reviewers' code
    doc = Document(str(out))
    assert len(doc.inline_shapes) == 1
    assert abs(doc.inline_shapes[0].width.mm - 140) < 0.5


def test_circular_without_number_comparison_or_charts_leaves_no_trace(tmp_path: Path) -> None:
    context = circular_context(tmp_path, number="", comparison="", charts=[], corrections=[])
    text = all_text(render_document("circular", context, tmp_path / "c.docx"))
    assert "司监通" not in text and "与上季度" not in text and "图1" not in text
    assert "纠错" not in text


def test_text_is_escaped_not_taken_as_xml(tmp_path: Path) -> None:
    context = opinion_context(department="A&B <局>")
    text = all_text(render_document("opinion", context, tmp_path / "o.docx"))
    assert "A&B <局>：" in text


def test_a_context_missing_a_declared_field_is_a_programming_error(tmp_path: Path) -> None:
    context = opinion_context()
    del context["deadline"]
    with pytest.raises(ContextError, match="deadline"):
        render_document("opinion", context, tmp_path / "o.docx")
    bad = opinion_context(problems=[{k: v for k, v in PROBLEMS[0].items() if k != "page_text"}])
    with pytest.raises(ContextError, match="page_text"):
        render_document("opinion", bad, tmp_path / "o.docx")
    assert list(tmp_path.iterdir()) == []


def test_render_replaces_the_file_whole_and_leaves_no_temporary(tmp_path: Path) -> None:
    out = tmp_path / "o.docx"
    out.write_bytes(b"old")
    render_document("opinion", opinion_context(), out)
    assert "司监意〔2026〕3号" in all_text(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["o.docx"]


def test_page_numbers_odd_right_even_left_with_dashes(tmp_path: Path) -> None:
    out = render_document("opinion", opinion_context(), tmp_path / "o.docx")
    doc = Document(str(out))
    assert doc.settings.odd_and_even_pages_header_footer
    section = doc.sections[0]
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert odd.text == even.text == "— 1 —"
    assert odd.alignment == 2 and even.alignment == 0  # RIGHT, LEFT
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert round(section.top_margin.mm) == 37 and round(section.left_margin.mm) == 28
    assert round(section.bottom_margin.mm) == 35 and round(section.right_margin.mm) == 26


def east_asian_fonts(doc: Any) -> set[str]:
    names = set()
    for part in doc.part.package.iter_parts():
        element = getattr(part, "_element", None)
        if element is None:
            continue
        for rfonts in element.iter(qn("w:rFonts")):
            if rfonts.get(qn("w:eastAsia")):
                names.add(rfonts.get(qn("w:eastAsia")))
    return names


def test_the_saved_paper_names_the_standard_fonts(tmp_path: Path) -> None:
    """A bureau PC has 仿宋_GB2312 and 方正小标宋简体: the .docx must ask for them, not for
    the stand-ins of the machine that wrote it."""
    out = render_document("opinion", opinion_context(), tmp_path / "o.docx")
    names = east_asian_fonts(Document(str(out)))
    assert {"仿宋_GB2312", "方正小标宋简体", "黑体"} <= names, names


def test_apreview_copy_uses_faces_that_this_machine_has(tmp_path: Path) -> None:
    out = render_document("opinion", opinion_context(), tmp_path / "o.docx")
    work = tmp_path / "work"
    work.mkdir()
    copy = preview_copy(out, work)
    names = east_asian_fonts(Document(str(copy)))
    assert names
    assert all(fonts.is_installed(n) for n in names), names


def test_font_plan_takes_the_first_installed_fallback() -> None:
    plan = fonts.font_plan(installed=["FangSong", "SimHei", "Noto Serif CJK SC", "宋体"])
    assert plan.replace["仿宋_GB2312"] == "FangSong"
    assert plan.replace["黑体"] == "SimHei"  # Windows lists 黑体 by its English name
    assert plan.replace["楷体_GB2312"] == "Noto Serif CJK SC"
    assert plan.replace["方正小标宋简体"] == "Noto Serif CJK SC"
    assert "方正小标宋简体" in plan.bold
    assert "宋体" not in plan.replace
    everything = fonts.font_plan(
        installed=["仿宋_GB2312", "方正小标宋简体", "楷体_GB2312", "黑体", "宋体"]
    )
    assert everything.replace == {}


def test_a_bureau_template_wins(tmp_path: Path) -> None:
    own = tmp_path / "模板"
    own.mkdir()
    doc = Document(str(templates_dir() / "opinion.docx"))
    doc.add_paragraph("（本局定制模板）联系人：法制科 {{ organ }}")
    doc.save(str(own / "opinion.docx"))
    assert template_path("opinion", own) == own / "opinion.docx"
    assert template_path("decision", own) == templates_dir() / "decision.docx"
    assert template_path("opinion", None) == templates_dir() / "opinion.docx"
    text = all_text(
        render_document("opinion", opinion_context(), tmp_path / "o.docx", template_dir=own)
    )
    assert "（本局定制模板）联系人：法制科 某市司法局" in text


def test_export_templates_copies_them_with_a_field_list(tmp_path: Path) -> None:
    copies = export_templates(tmp_path / "导出")
    assert sorted(p.name for p in copies) == [
        "circular.docx",
        "decision.docx",
        "opinion.docx",
        "sheet.docx",
    ]
    help_text = (tmp_path / "导出" / "字段说明.txt").read_text(encoding="utf-8")
    assert "{{ deadline }}：整改期限（必需）" in help_text
    assert "p.page_text" in help_text
    from app.errors import UserError

    with pytest.raises(UserError, match="已有模板"):
        export_templates(tmp_path / "导出")
    assert len(export_templates(tmp_path / "导出", overwrite=True)) == 4


def test_cn_index() -> None:
    assert [cn_index(n) for n in (1, 9, 10, 11, 20, 23)] == [
        "一",
        "九",
        "十",
        "十一",
        "二十",
        "二十三",
    ]


@pytest.mark.parametrize("kind", ["opinion", "decision", "circular", "sheet"])
def test_table_rows_never_split_and_headers_repeat(kind: str) -> None:
    """Every row of every bundled template's tables carries cantSplit (the rows docxtpl
    repeats are copies of the template row, so they keep it); the first row repeats."""
    doc = Document(str(templates_dir() / f"{kind}.docx"))
    for table in doc.tables:
        for r, row in enumerate(table.rows):
            trpr = row._tr.trPr
            assert trpr is not None and trpr.find(qn("w:cantSplit")) is not None, (kind, r)
        if len(table.rows) > 1 and kind != "sheet":
            assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
