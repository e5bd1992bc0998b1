"""Build the bundled Word templates in GB/T 9704-2012 layout (run by hand after a change).

    .venv/bin/python templates/build_templates.py

Writes opinion.docx, decision.docx, circular.docx and sheet.docx beside this script. The
fields they use are listed in fields.yaml; the fonts named here are the ones GB/T 9704
asks for (the renderer substitutes installed ones where they are missing, see fonts.yaml).

Layout: A4, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (text block 156 × 225
mm); body 3号 (16 pt) 仿宋_GB2312 at an exact 28.9 pt so 22 lines fill the block; title 2号
方正小标宋简体; headings 黑体 (一、) and 楷体_GB2312 (（一）); page numbers "— 1 —" 4号 宋体,
odd pages right, even pages left; 版记 (抄送, 印发) between rules at the foot of the last page.
"""

from __future__ import annotations

from docx import Document
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from template_parts import (
    HAND_SIGNERS,
    HERE,
    banji,
    cell_margins,
    closing,
    each,
    if_para,
    letter_to_department,
    letterhead,
    loop_para,
    loop_table,
    new_document,
    para,
    problems,
    signature,
    table,
    when,
)


# ------------------------------------------------------------------ the four documents
def build_opinion() -> Document:
    doc = letter_to_department("行政执法监督意见书")
    para(
        doc,
        "本机关组织开展了{{ campaign_name }}"
        "{% if period_label not in campaign_name %}（{{ period_label }}）{% endif %}，"
        "对你单位{{ cases|length }}件"
        "行政执法案卷进行了评查。{{ legal_basis_clause }}，现将评查发现的问题及整改要求通知如下。",
    )
    para(doc, "一、评查的案卷及结果", "一级标题")
    loop_table(
        doc,
        "c in cases",
        {"序号": 14, "案号": 52, "案由": 52, "得分": 19, "等次": 19},
        ["{{ c.seq }}", "{{ c.case_no }}", "{{ c.cause }}", "{{ c.score }}", "{{ c.grade }}"],
    )
    loop_para(
        doc,
        "c in vetoed_cases",
        "{{ c.case_no }}不符合否决项{{ c.vetoes }}的要求，按评查标准评为{{ c.grade }}。",
    )
    para(doc, "二、发现的问题", "一级标题")
    problems(doc)
    para(doc, "三、整改要求", "一级标题")
    para(
        doc,
        "请你单位对上述问题逐案整改，举一反三，完善执法程序，规范文书制作。"
        "请于{{ deadline }}前完成整改，并将整改情况书面回复本机关。",
    )
    # Only this short paragraph is chained to the 署名: the whole closing was, and moved to
    # a page of its own with it, leaving the page before half blank.
    return closing(doc, "逾期未整改或者整改不到位的，本机关将依法作出行政执法监督决定。")


def build_decision() -> Document:
    doc = letter_to_department("行政执法监督决定书")
    para(doc, "{{ opening }}")
    with when(doc, "problems") as otherwise:
        para(doc, "一、存在的问题", "一级标题")
        problems(doc)
        para(doc, "二、监督决定", "一级标题")
        otherwise()
        para(doc, "一、监督决定", "一级标题")
    para(doc, "{{ legal_basis_clause }}，本机关决定如下：")
    loop_para(
        doc,
        "d in decisions",
        "{% if decisions|length > 1 %}（{{ loop.index|cn_index }}）{% endif %}"
        "{{ d|trim('。；;') }}。",
    )
    return closing(
        doc,
        "请你单位于{{ new_deadline }}前执行本决定，并将执行情况书面报告本机关。"
        "逾期不执行的，本机关将依法纳入法治政府建设考核，并依法追究有关人员的责任。",
        then_if="objection",
    )


# 五、工作要求 of the 通报: each requirement under its 二级标题
WORK_REQUIREMENTS = {
    "（一）抓好问题整改": (
        "各单位要对照本通报指出的问题逐案整改，举一反三，查找执法程序、证据收集和文书制作中的薄弱环节，"
        "收到行政执法监督意见书的单位应当在规定期限内书面回复整改情况。"
    ),
    "（二）落实行政执法三项制度": (
        "各单位要严格落实行政执法公示、执法全过程记录和重大执法决定法制审核制度，"
        "防止法制审核流于形式。"
    ),
    "（三）常态化开展案卷自评": "各单位要按季度开展案卷自评，并将自评结果报送本机关。",
}


def _work_requirements(doc) -> None:  # type: ignore[no-untyped-def]
    """五、工作要求; its last line keeps with what follows (the annex line, the 署名)."""
    para(doc, "五、工作要求", "一级标题")
    for heading, text in WORK_REQUIREMENTS.items():
        para(doc, heading, "二级标题")
        last = para(doc, text)
    last.paragraph_format.keep_with_next = True


def build_circular() -> Document:
    """评查情况通报 with the letters' 版头; charts after the department table (a chart that
    does not fit left page 1 half blank when it stood under the first paragraph), the
    rectification states in a table of their own, an 优秀案卷 section, and an annex listing
    the 不合格 files before the 版记."""
    doc = new_document()
    letterhead(doc, "{{ organ }}", ["{{ title }}"])
    para(doc, "各有关单位：", "主送机关")
    para(
        doc,
        "{% if period_label not in campaign_name %}{{ period_label }}，{% endif %}"
        "{{ organ }}组织开展了{{ campaign_name }}"
        "{% if kind_label not in campaign_name %}（{{ kind_label }}）{% endif %}。"
        "现将评查情况通报如下。",
    )
    para(doc, "一、总体情况", "一级标题")
    para(
        doc,
        "本次共评查{{ summary.departments }}个单位的行政执法案卷{{ summary.cases }}件，"
        "平均得分{{ summary.average }}分，中位数{{ summary.median }}分，最高{{ summary.highest }}分，"
        "最低{{ summary.lowest }}分；存在否决项的案卷{{ summary.vetoed }}件。各等次分布如下：",
    )
    loop_table(
        doc,
        "g in grades",
        {"等次": 52, "案卷数（件）": 52, "占比": 52},
        ["{{ g.grade }}", "{{ g.count }}", "{{ g.share }}"],
    )
    if_para(doc, "comparison", "{{ comparison }}")
    if_para(
        doc,
        "corrections",
        "本期被行政复议、行政诉讼纠错的案件："
        "{% for r in corrections %}{{ r.department }}{{ r.count }}件"
        "{% if not loop.last %}，{% endif %}{% endfor %}。",
    )
    para(doc, "二、各单位评查情况", "一级标题")
    # a line between the heading and the table: LibreOffice keeps a heading with the whole
    # table that follows it, which left page 1 half blank
    para(doc, "各单位案卷平均得分、排名及等次分布如下：")
    ranks = loop_table(
        doc,
        "d in departments",
        # narrow cell margins: every header on one line, "100.0" too
        {
            "排名": 12,
            "单位": 47,
            "案卷数": 15,
            "平均分": 15,
            "中位数": 15,
            "优秀": 12,
            "良好": 12,
            "合格": 12,
            "不合格": 16,  # 13 mm wrapped it to "不合/格"
        },
        [
            "{{ d.rank }}",
            "{{ d.name }}",
            "{{ d.cases }}",
            "{{ d.average }}",
            "{{ d.median }}",
            "{{ d.excellent }}",
            "{{ d.good }}",
            "{{ d.passed }}",
            "{{ d.failed }}",
        ],
    )
    cell_margins(ranks, 1)
    with when(doc, "rectifications"):
        para(doc, "需要整改的单位及整改情况如下：")
        loop_table(
            doc,
            "r in rectifications",
            {"单位": 56, "整改情况": 100},
            ["{{ r.department }}", "{{ r.state }}"],
        )
    with each(doc, "c in charts"):
        para(doc, "{{ c.picture }}", "图片").paragraph_format.keep_with_next = True
        para(doc, "图{{ loop.index }}　{{ c.title }}", "图题")
    para(doc, "三、优秀案卷", "一级标题")
    with when(doc, "excellent_cases") as otherwise:
        para(doc, "以下{{ excellent_cases|length }}件案卷评为优秀，予以通报表扬：")
        loop_table(
            doc,
            "e in excellent_cases",
            {"序号": 14, "单位": 62, "案号": 60, "得分": 20},
            ["{{ loop.index }}", "{{ e.department }}", "{{ e.case_no }}", "{{ e.score }}"],
        )
        otherwise()
        para(doc, "本次评查没有评为优秀的案卷。")
    para(doc, "四、存在的主要问题", "一级标题")
    with each(doc, "c in categories"):
        para(doc, "（{{ loop.index|cn_index }}）{{ c.name }}方面", "二级标题")
        para(doc, "共发现问题{{ c.count }}处，扣{{ c.points_lost }}分。")
        loop_para(doc, "e in c.examples", "如{{ e.case_no }}：{{ e.text|trim('。；;') }}。")
    with when(doc, "top_items"):
        para(doc, "扣分较多的评查项目如下：")
        loop_table(
            doc,
            "t in top_items",
            {"序号": 14, "评查项目": 122, "次数": 20},
            # the item's wording: the code (P-4.5) is the reviewers' shorthand, not the readers'
            ["{{ loop.index }}", "{{ t.text }}", "{{ t.count }}"],
        )
    _work_requirements(doc)
    with when(doc, "failed_cases"):
        para(doc).paragraph_format.keep_with_next = True
        para(doc, "附件：不合格案卷名单").paragraph_format.keep_with_next = True
    signature(doc)
    # the annex, on a page of its own, before the 版记 (GB/T 9704 附件)
    with when(doc, "failed_cases"):
        annex = para(doc, "附件", "一级标题")
        annex.paragraph_format.page_break_before = True
        annex.paragraph_format.first_line_indent = Pt(0)
        para(doc)
        para(doc, "不合格案卷名单", "公文标题")
        para(doc)
        loop_table(
            doc,
            "f in failed_cases",
            # the reason (否决项 wording) is the long text
            {"序号": 14, "单位": 30, "案号": 38, "得分": 14, "不合格原因": 60},
            [
                "{{ f.seq }}",
                "{{ f.department }}",
                "{{ f.case_no }}",
                "{{ f.score }}",
                "{{ f.reason }}",
            ],
        )
    banji(doc, copy_to=False)
    return doc


def _plain_rows(t, doc) -> None:  # type: ignore[no-untyped-def]
    """A facts table (label, value, label, value): no header row, labels in 黑体."""
    for r, row in enumerate(t.rows):
        trpr = row._tr.get_or_add_trPr()
        header = trpr.find(qn("w:tblHeader"))
        if r == 0 and header is not None:
            trpr.remove(header)
        for c, cell in enumerate(row.cells):
            cell.paragraphs[0].style = doc.styles["表头" if c % 2 == 0 else "表格文字"]


def _merge(row, first: int, last: int) -> None:  # type: ignore[no-untyped-def]
    """Merge the cells first..last of a row, keeping one paragraph (the first)."""
    merged = row.cells[first].merge(row.cells[last])
    for extra in merged.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)


def _keep_together(t) -> None:  # type: ignore[no-untyped-def]
    """Every paragraph of the table keeps with the next: the table moves to a new page
    whole rather than leaving its signature rows alone on the next one."""
    for row in t.rows:
        for cell in row.cells:
            for p in cell.paragraphs:
                p.paragraph_format.keep_with_next = True


SHEET_TABLE_PT = 10.5  # 五号: the 评查表's item rows
SHEET_LINE_PT = 15.5


def _compact(t, rows: tuple[int, ...]) -> None:  # type: ignore[no-untyped-def]
    """The item table's rows in 五号 on an exact 15.5 pt line with 1 mm cell margins: at 小四
    a file with eight deductions, worded as the prechecks word them, ran to 4 pages."""
    cell_margins(t, 1)
    for r in rows:
        for cell in t.rows[r].cells:
            for p in cell.paragraphs:
                p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
                p.paragraph_format.line_spacing = Pt(SHEET_LINE_PT)
                for run in p.runs:
                    run.font.size = Pt(SHEET_TABLE_PT)


def build_sheet() -> Document:
    """The per-file 评查表, at most 3 pages for a file with a handful of deductions: the
    header facts of the case's kind, per category its subtotal, the deducted items in full
    and a count of the others, then the result and the lines signed by hand."""
    doc = new_document()
    para(doc, "行政执法案卷评查表", "公文标题")
    para(
        doc,
        "{{ campaign_name }}{% if period_label not in campaign_name %}（{{ period_label }}）{% endif %}",
        "发文字号",
    )
    facts = table(
        doc,
        ["", "", "", ""],
        [24, 54, 24, 54],
        [
            ["{%tr for h in header %}"],
            ["{{ h.label }}", "{{ h.value }}", "{{ h.label2 }}", "{{ h.value2 }}"],
            ["{%tr endfor %}"],
        ],
    )
    facts._tbl.remove(facts.rows[0]._tr)  # the facts come by case kind: no fixed first row
    _plain_rows(facts, doc)
    para(doc, "", "表格文字")
    items = table(
        doc,
        ["编号", "评查项目", "分值", "扣分", "扣分情况（理由、页码、依据）"],
        [19, 38, 13, 13, 73],  # 编号 fits "C-4.19" on one line, 分值 and 扣分 "13.5"
        [
            ["{%tr for c in categories %}"],
            ["{{ c.name }}", "", "{{ c.points }}", "{{ c.lost }}", "小计得分 {{ c.score }}"],
            ["{%tr for i in c.deducted %}"],
            [
                "{{ i.id }}",
                "{{ i.text }}{% if i.veto %}（否决项）{% endif %}",
                "{{ i.points }}",
                "{{ i.lost }}",
                "{% for d in i.deductions %}{{ d.reason|trim('。；;') }}"
                "{% if d.page_text %}（{{ d.page_text }}）{% endif %}，扣{{ d.points }}分"
                "{% if d.basis %}，依据：{{ d.basis|trim('。') }}{% endif %}"
                "{% if not loop.last %}；{% else %}。{% endif %}{% endfor %}",
            ],
            ["{%tr endfor %}"],
            ["{%tr if c.rest %}"],
            [
                "",
                "{% if c.deducted %}其余{% else %}本类{% endif %}{{ c.rest }}项未扣分",
                "",
                "",
                "",
            ],
            ["{%tr endif %}"],
            ["{%tr endfor %}"],
        ],
        centred={2, 3},  # the item's code left: "P-4.10" reads as one word
    )
    # the category row: its name across the first two columns, in 黑体, kept on the page of
    # the row under it (a subtotal stood alone at the foot of page 1)
    category_row = items.rows[2]
    _merge(category_row, 0, 1)
    for cell in category_row.cells:
        for p in cell.paragraphs:
            p.style = doc.styles["表头"]
            p.paragraph_format.keep_with_next = True
    # the "其余 N 项未扣分" row: one cell from the item's text to the end
    _merge(items.rows[7], 1, 4)
    _compact(items, (2, 4, 7))
    # no paragraph between the two tables: LibreOffice then keeps the item table's last rows
    # with the result (with one between, a split item table left the result alone on a page)
    summary = table(
        doc,
        ["得分", "{{ total }}", "等次", "{{ grade }}"],
        [24, 54, 24, 54],
        [
            ["扣分合计", "{{ lost }}", "签字确认", "{{ signoff }}"],
            # the 否决项 across the row: in one 54 mm cell three of them took ten lines
            [
                "否决项",
                "{% if vetoed %}{% for v in veto_items %}{{ v.id }} {{ v.text }}"
                "{% if not loop.last %}；{% else %}{% endif %}{% endfor %}{% else %}无{% endif %}",
                "",
                "",
            ],
            ["评查人", "{{ reviewers }}", "组长", "{{ lead }}"],
            # blank cells for the handwritten signatures the paper file keeps
            *[[f"{who}签名", "", "日期", "　　　　年　　月　　日"] for who in HAND_SIGNERS],
        ],
    )
    _plain_rows(summary, doc)
    _merge(summary.rows[2], 1, 3)
    # the hand-signed rows are tall enough to sign in
    for row in summary.rows[4:]:
        row.height = Mm(12)
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    _keep_together(summary)
    return doc


def main() -> None:
    for name, build in (
        ("opinion", build_opinion),
        ("decision", build_decision),
        ("circular", build_circular),
        ("sheet", build_sheet),
    ):
        doc = build()
        doc.core_properties.title = name
        doc.core_properties.author = "案卷评查工作站"
        target = HERE / f"{name}.docx"
        doc.save(str(target))
        print(target)


if __name__ == "__main__":
    main()
