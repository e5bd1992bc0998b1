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

import copy
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor

HERE = Path(__file__).resolve().parent

FANGSONG = "仿宋_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
KAITI = "楷体_GB2312"
HEITI = "黑体"
SONGTI = "宋体"

BODY_PT = 16  # 3号
TITLE_PT = 22  # 2号
MARK_PT = 36  # 发文机关标志: 小标宋, red, sized to the organ name (GB/T 9704 7.2.2)
RED = "E60012"  # the red of 版头 and 分隔线
HAND_SIGNERS = ("评查", "复核", "组长")  # 评查表 lines signed by hand (评查签名 …)
PAGE_NO_PT = 14  # 4号
TABLE_PT = 12  # 小四
LINE_PT = 28.9  # 225 mm / 22 lines
TEXT_WIDTH_MM = 156
CHAR = Pt(BODY_PT)


# ------------------------------------------------------------------ low-level helpers
def set_font(
    rpr_owner: object, name: str, size: float | None = None, bold: bool | None = None
) -> None:
    """Font of a style or run: ascii, hAnsi, eastAsia and cs all named (Word uses eastAsia
    for Chinese characters), no theme font left to override them."""
    font = rpr_owner.font  # type: ignore[attr-defined]
    font.name = name
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    rpr = rpr_owner.element.get_or_add_rPr()  # type: ignore[attr-defined]
    rfonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), name)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)


def exact(fmt: object, line_pt: float = LINE_PT) -> None:
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY  # type: ignore[attr-defined]
    fmt.line_spacing = Pt(line_pt)  # type: ignore[attr-defined]
    fmt.space_before = Pt(0)  # type: ignore[attr-defined]
    fmt.space_after = Pt(0)  # type: ignore[attr-defined]


def paragraph_style(doc, name: str, font: str, size: float, **kw: object):  # type: ignore[no-untyped-def]
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    set_font(style, font, size, kw.get("bold"))  # type: ignore[arg-type]
    fmt = style.paragraph_format
    exact(fmt, kw.get("line", LINE_PT))  # type: ignore[arg-type]
    fmt.alignment = kw.get("align", WD_ALIGN_PARAGRAPH.JUSTIFY)
    fmt.first_line_indent = kw.get("first", Pt(0))
    fmt.left_indent = kw.get("left", Pt(0))
    fmt.right_indent = kw.get("right", Pt(0))
    if "outline" in kw:
        outline = OxmlElement("w:outlineLvl")
        outline.set(qn("w:val"), str(kw["outline"]))
        style.element.get_or_add_pPr().append(outline)
    if kw.get("keep_next"):
        fmt.keep_with_next = True
    return style


def border(
    paragraph_or_style: object,
    side: str,
    size_eighths: int,
    color: str = "000000",
    space_pt: int = 1,
) -> None:
    ppr = paragraph_or_style._p.get_or_add_pPr()  # type: ignore[attr-defined]
    bdr = ppr.find(qn("w:pBdr"))
    if bdr is None:
        bdr = OxmlElement("w:pBdr")
        ppr.append(bdr)
    el = OxmlElement(f"w:{side}")
    el.set(qn("w:val"), "single")
    el.set(qn("w:sz"), str(size_eighths))
    el.set(qn("w:space"), str(space_pt))
    el.set(qn("w:color"), color)
    bdr.append(el)


def page_field(paragraph) -> None:  # type: ignore[no-untyped-def]
    """— PAGE — with a real field, so Word and LibreOffice number every page."""

    def run(text: str | None = None, fld: str | None = None, instr: str | None = None):  # type: ignore[no-untyped-def]
        r = paragraph.add_run(text or "")
        set_font(r, SONGTI, PAGE_NO_PT)
        if fld:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), fld)
            r._r.append(el)
        if instr:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = instr
            r._r.append(el)
        return r

    run("— ")
    run(fld="begin")
    run(instr=" PAGE ")
    run(fld="separate")
    run("1")
    run(fld="end")
    run(" —")


def page_number(doc, paragraph, side: WD_ALIGN_PARAGRAPH) -> None:  # type: ignore[no-untyped-def]
    """A footer paragraph holding the page number at ``side``, one character in from the
    edge (odd pages right, even pages left)."""
    paragraph.style = doc.styles["Normal"]
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = Pt(0)
    fmt.alignment = side
    if side == WD_ALIGN_PARAGRAPH.RIGHT:
        fmt.right_indent = Pt(PAGE_NO_PT)
    else:
        fmt.left_indent = Pt(PAGE_NO_PT)
    exact(fmt, 20)
    page_field(paragraph)


def new_document() -> Document:
    doc = Document()
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance = Mm(15)
    section.footer_distance = Mm(21)  # the page number sits ≈7 mm below the text block
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    # No snapping to a line grid: the body's exact 28.9 pt already gives 22 lines, and a
    # grid would stretch every table row to 28.9 pt as well.
    for key in list(grid.attrib):
        grid.attrib.pop(key)
    grid.set(qn("w:linePitch"), str(round(LINE_PT * 20)))

    # docDefaults name theme fonts; name real ones instead.
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        for rfonts in defaults.iter(qn("w:rFonts")):
            for key in list(rfonts.attrib):
                rfonts.attrib.pop(key)
            for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                rfonts.set(qn(attr), FANGSONG)
        for lang in defaults.iter(qn("w:lang")):
            lang.set(qn("w:eastAsia"), "zh-CN")

    normal = doc.styles["Normal"]
    set_font(normal, FANGSONG, BODY_PT, False)
    # No punctuation hanging into the right margin: the text block is 156 mm wide.
    no_hanging = OxmlElement("w:overflowPunct")
    no_hanging.set(qn("w:val"), "0")
    normal.element.get_or_add_pPr().append(no_hanging)
    fmt = normal.paragraph_format
    exact(fmt)
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = CHAR * 2
    fmt.widow_control = False

    paragraph_style(doc, "公文标题", XIAOBIAOSONG, TITLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER)
    mark = paragraph_style(
        doc,
        "发文机关标志",
        XIAOBIAOSONG,
        MARK_PT,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        line=MARK_PT * 1.2,
    )
    mark.font.color.rgb = RGBColor.from_string(RED)
    paragraph_style(doc, "发文字号", FANGSONG, BODY_PT, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph_style(doc, "主送机关", FANGSONG, BODY_PT)
    paragraph_style(doc, "一级标题", HEITI, BODY_PT, first=CHAR * 2, outline=0, keep_next=True)
    paragraph_style(doc, "二级标题", KAITI, BODY_PT, first=CHAR * 2, outline=1, keep_next=True)
    paragraph_style(doc, "正文", FANGSONG, BODY_PT, first=CHAR * 2)
    paragraph_style(doc, "署名", FANGSONG, BODY_PT, align=WD_ALIGN_PARAGRAPH.RIGHT, right=CHAR * 4)
    paragraph_style(
        doc, "成文日期", FANGSONG, BODY_PT, align=WD_ALIGN_PARAGRAPH.RIGHT, right=CHAR * 4
    )
    # No indents: a paragraph's rules span its indented width, and the 版记's rules run
    # across the whole 156 mm 版心; the text's one-character inset is a leading full-width
    # space and a right tab one character short of the edge.
    banji = paragraph_style(doc, "版记", FANGSONG, PAGE_NO_PT)
    banji.paragraph_format.tab_stops.add_tab_stop(
        Mm(TEXT_WIDTH_MM) - Pt(PAGE_NO_PT), WD_TAB_ALIGNMENT.RIGHT
    )
    paragraph_style(doc, "表格文字", FANGSONG, TABLE_PT, line=20, align=WD_ALIGN_PARAGRAPH.LEFT)
    paragraph_style(doc, "表格居中", FANGSONG, TABLE_PT, line=20, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph_style(doc, "表头", HEITI, TABLE_PT, line=20, align=WD_ALIGN_PARAGRAPH.CENTER)
    pic = paragraph_style(doc, "图片", FANGSONG, BODY_PT, align=WD_ALIGN_PARAGRAPH.CENTER)
    pic.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    paragraph_style(doc, "图题", FANGSONG, PAGE_NO_PT, align=WD_ALIGN_PARAGRAPH.CENTER)

    # Page numbers: odd pages right, even pages left, one character in from the edge.
    doc.settings.odd_and_even_pages_header_footer = True
    page_number(doc, section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    page_number(doc, section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)
    # Empty odd/even headers, so none of the default template's is inherited.
    section.header.paragraphs[0].style = doc.styles["Normal"]
    section.even_page_header.paragraphs[0].style = doc.styles["Normal"]

    # The default template's first empty paragraph is not wanted.
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    return doc


def para(doc, text: str = "", style: str = "正文"):  # type: ignore[no-untyped-def]
    return doc.add_paragraph(text, style=doc.styles[style])


def if_para(doc, condition: str, text: str):  # type: ignore[no-untyped-def]
    """A paragraph only when a docxtpl ``condition`` holds; returns that paragraph."""
    para(doc, f"{{%p if {condition} %}}")
    body = para(doc, text)
    para(doc, "{%p endif %}")
    return body


def loop_para(doc, loop: str, text: str) -> None:  # type: ignore[no-untyped-def]
    """One paragraph per item of a docxtpl loop (``loop`` is "p in problems")."""
    para(doc, f"{{%p for {loop} %}}")
    para(doc, text)
    para(doc, "{%p endfor %}")


def table(
    doc,
    headers: list[str],
    widths_mm: list[float],
    rows: list[list[str]],  # type: ignore[no-untyped-def]
    centred: set[int] | None = None,
):
    """A ruled table: a header row repeated on each page, then the given rows (which may be
    docxtpl ``{%tr %}`` rows: a row whose first cell holds only the tag)."""
    centred = centred or set()
    t = doc.add_table(rows=1 + len(rows), cols=len(headers))
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    t._tbl.tblPr.append(layout)
    for i, width in enumerate(widths_mm):
        t.columns[i].width = Mm(width)
    for r, values in enumerate([headers, *rows]):
        row = t.rows[r]
        trpr = row._tr.get_or_add_trPr()
        # a row is never split across pages (a reader must not turn the page mid-finding);
        # cantSplit precedes tblHeader in the schema's order
        trpr.append(OxmlElement("w:cantSplit"))
        if r == 0:
            trpr.append(OxmlElement("w:tblHeader"))
        for c, value in enumerate(values):
            cell = row.cells[c]
            cell.width = Mm(widths_mm[c])
            p = cell.paragraphs[0]
            p.text = value
            if r == 0:
                p.style = doc.styles["表头"]
            else:
                p.style = doc.styles["表格居中" if c in centred else "表格文字"]
        if len(values) == 1 and len(headers) > 1:  # a {%tr %} row: one cell across
            row.cells[0].merge(row.cells[-1])
    return t


def cell_margins(t, mm: float) -> None:  # type: ignore[no-untyped-def]
    """Left and right cell margins of a table (Table Grid's are 1.9 mm)."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(round(mm / 25.4 * 1440)))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    t._tbl.tblPr.append(margins)


# The columns of a listing that hold running text (names, case numbers, reasons) and read
# from the left; every other column holds a figure or a rank and is centred.
TEXT_COLUMNS = frozenset({"单位", "案号", "案由", "评查项目", "整改情况", "不合格原因"})


def loop_table(doc, loop: str, columns: dict[str, float], cells: list[str]):  # type: ignore[no-untyped-def]
    """A table with one row per item of a docxtpl loop (``loop`` is "c in cases"):
    ``columns`` maps each header to its width in mm, ``cells`` are the row's cells."""
    return table(
        doc,
        list(columns),
        list(columns.values()),
        [[f"{{%tr for {loop} %}}"], cells, ["{%tr endfor %}"]],
        centred={i for i, header in enumerate(columns) if header not in TEXT_COLUMNS},
    )


def signature(doc, organ: str = "{{ organ }}", date: str = "{{ issued_date }}") -> None:  # type: ignore[no-untyped-def]
    """署名 and 成文日期, chained to the last body lines by keep-with-next: GB/T 9704
    forbids a page holding only the signature, so the block moves to the next page together
    with the closing lines of the body (the caller marks the last body paragraph
    keep-with-next too). The 署名 is centred over the date when the paper is written
    (app/documents/docx_layout.py): the organ's name is known only then. The date keeps with
    the 版记's reserved space that follows it (:func:`banji`)."""
    for p in (para(doc), para(doc), para(doc, organ, "署名"), para(doc, date, "成文日期")):
        # room for the seal, which presses on the organ's name and the date
        p.paragraph_format.keep_with_next = True


BANJI_LINE_PT = 20  # a 版记 line: 4号 text between its rules
BANJI_INSET = "\u3000"  # 版记 text stands one character in from the rules' ends


MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WPS_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
VML_NS = "urn:schemas-microsoft-com:vml"


def _text_box_at_foot(anchor, height_pt: float):  # type: ignore[no-untyped-def]
    """A text box as wide as the 版心 at the foot of the page that holds ``anchor``; returns
    its two w:txbxContent (the DrawingML shape's and its VML fallback's). GB/T 9704 puts the
    版记 at the foot of the last page: a box anchored to the document's last paragraph stands
    on the last page. Written the way Word writes a text box: ``mc:AlternateContent`` with
    the ``wps:wsp`` shape (Word 2010+, WPS, LibreOffice) and a VML ``v:rect`` fallback
    (Word 2007 and readers without ``wps``); the 版记's text is placed in both."""
    emu_mm, emu_pt = 36000, 12700
    cx, cy = TEXT_WIDTH_MM * emu_mm, round(height_pt * emu_pt)
    width_pt = round(TEXT_WIDTH_MM * 72 / 25.4, 2)
    xml = (
        f"<w:r {nsdecls('w', 'wp', 'a')} "
        f'xmlns:mc="{MC_NS}" xmlns:wps="{WPS_NS}" xmlns:v="{VML_NS}">'
        '<mc:AlternateContent><mc:Choice Requires="wps">'
        '<w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" '
        'relativeHeight="251659264" behindDoc="0" locked="1" layoutInCell="1" allowOverlap="0">'
        '<wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="margin"><wp:align>center</wp:align></wp:positionH>'
        '<wp:positionV relativeFrom="margin"><wp:align>bottom</wp:align></wp:positionV>'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        '<wp:wrapNone/><wp:docPr id="9704" name="版记"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
        'wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr>'
        f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln>'
        "</wps:spPr><wps:txbx><w:txbxContent/></wps:txbx>"
        '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" '
        'anchor="b" anchorCtr="0"><a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData>'
        "</a:graphic></wp:anchor></w:drawing></mc:Choice>"
        '<mc:Fallback><w:pict><v:rect id="版记" filled="f" stroked="f" style="position:absolute;'
        f"margin-left:0;margin-top:0;width:{width_pt}pt;height:{height_pt}pt;z-index:251659264;"
        "mso-position-horizontal:center;mso-position-horizontal-relative:margin;"
        'mso-position-vertical:bottom;mso-position-vertical-relative:margin;v-text-anchor:bottom">'
        '<v:textbox inset="0,0,0,0"><w:txbxContent/></v:textbox></v:rect></w:pict>'
        "</mc:Fallback></mc:AlternateContent></w:r>"
    )
    run = parse_xml(xml)
    anchor._p.append(run)
    return run.findall(".//" + qn("w:txbxContent"))


def banji(doc, copy_to: bool = True) -> None:  # type: ignore[no-untyped-def]
    """版记 (抄送, 印发机关和印发日期) between full-width rules, at the foot of the last page.

    The rules and lines stand in a text box placed at the bottom of the text block, anchored
    to an empty paragraph as tall as the box that closes the document: that paragraph holds
    the box's room after the last line (the date, or an annex's table) and goes to the next
    page with the line before it (keep-with-next), so the 版记 never covers text and never
    stands alone (the room is sized to the lines printed when the letter is written:
    app/documents/docx_layout.fit_banji_room). The box does not push text itself:
    LibreOffice moved a page's closing block to a new page when it did."""
    lines = []
    if copy_to:
        lines.append(para(doc, "{%p if copy_to %}", "版记"))
        p = para(doc, BANJI_INSET + "抄送：{{ copy_to }}。", "版记")
        border(p, "top", 8)
        lines += [p, para(doc, "{%p endif %}", "版记")]
    p = para(doc, BANJI_INSET + "{{ organ }}\t{{ issued_date }}印发", "版记")
    border(p, "top", 8 if not copy_to else 4)
    border(p, "bottom", 8)
    lines.append(p)
    height = (2 if copy_to else 1) * BANJI_LINE_PT + 4
    room = para(doc, "", "正文")
    room.paragraph_format.first_line_indent = Pt(0)
    room.paragraph_format.line_spacing = Pt(height)
    shape, fallback = _text_box_at_foot(room, height)
    for line in lines:
        line.paragraph_format.line_spacing = Pt(BANJI_LINE_PT)
        fallback.append(copy.deepcopy(line._p))
        shape.append(line._p)  # moved from the body into the box


def letterhead(doc, organ: str, lines: list[str], number: str = "{{ number }}") -> None:  # type: ignore[no-untyped-def]
    """GB/T 9704 版头 (文件格式): the red 发文机关标志, one empty line, the 发文字号, the red
    分隔线 4 mm under it across the whole 版心, then the title two lines below."""
    para(doc, organ, "发文机关标志")
    para(doc, "", "发文字号")
    rule = para(doc, number, "发文字号")
    border(rule, "bottom", 12, color=RED, space_pt=11)
    para(doc)
    for line in lines:
        para(doc, line, "公文标题")
    para(doc)


def title(
    doc, lines: list[str], number: str | None = "{{ number }}", optional_number: bool = False
) -> None:  # type: ignore[no-untyped-def]
    for line in lines:
        para(doc, line, "公文标题")
    para(doc, "", "发文字号")
    if number:
        if optional_number:
            para(doc, "{%p if number %}", "发文字号")
        para(doc, number, "发文字号")
        if optional_number:
            para(doc, "{%p endif %}", "发文字号")
        para(doc)


PROBLEM_LINE = (
    "{{ p.seq }}．{{ p.case_no }}{% if p.page_text %}（{{ p.page_text }}）{% endif %}："
    "{{ p.text|trim('。；;') }}，不符合“{{ p.item_text|trim('。') }}”的要求"
    "{% if p.basis %}；依据：{{ p.basis|trim('。') }}{% endif %}。"
)


def problems(doc) -> None:  # type: ignore[no-untyped-def]
    loop_para(doc, "p in problems", PROBLEM_LINE)


def letter_to_department(heading: str) -> Document:
    """A letter to one department (意见书, 决定书): the 版头 with its title, then the
    department as 主送机关."""
    doc = new_document()
    letterhead(doc, "{{ organ }}", [heading])
    para(doc, "{{ department }}：", "主送机关")
    return doc


def closing(  # type: ignore[no-untyped-def]
    doc, last: str, copy_to: bool = True, then_if: str | None = None
) -> Document:
    """The body's last paragraph (and, when the context variable ``then_if`` is set, its
    text as one more paragraph), kept on the page of the 署名 and 成文日期 (see
    :func:`signature`), then the 版记."""
    para(doc, last).paragraph_format.keep_with_next = True
    if then_if:
        if_para(doc, then_if, f"{{{{ {then_if} }}}}").paragraph_format.keep_with_next = True
    signature(doc)
    banji(doc, copy_to=copy_to)
    return doc


# ------------------------------------------------------------------ the four documents
def build_opinion() -> Document:
    doc = letter_to_department("行政执法监督意见书")
    para(
        doc,
        "本机关组织开展了{{ campaign_name }}"
        "{% if period_label not in campaign_name %}（{{ period_label }}）{% endif %}，"
        "对你单位{{ cases|length }}件"
        "行政执法案卷进行了评查。根据{{ legal_basis }}的规定，现将评查发现的问题及整改要求通知如下。",
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
    return closing(
        doc,
        "请你单位对上述问题逐案整改，举一反三，完善执法程序，规范文书制作。"
        "请于{{ deadline }}前完成整改，"
        "并将整改情况书面回复本机关。逾期未整改或者整改不到位的，本机关将依法作出行政执法监督决定。",
    )


def build_decision() -> Document:
    doc = letter_to_department("行政执法监督决定书")
    para(doc, "{{ opening }}")
    para(doc, "{%p if problems %}")
    para(doc, "一、存在的问题", "一级标题")
    problems(doc)
    para(doc, "二、监督决定", "一级标题")
    para(doc, "{%p else %}")
    para(doc, "一、监督决定", "一级标题")
    para(doc, "{%p endif %}")
    para(doc, "根据{{ legal_basis }}的规定，本机关决定如下：")
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
            "优秀": 13,
            "良好": 13,
            "合格": 13,
            "不合格": 13,
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
    para(doc, "{%p if rectifications %}")
    para(doc, "需要整改的单位及整改情况如下：")
    loop_table(
        doc,
        "r in rectifications",
        {"单位": 56, "整改情况": 100},
        ["{{ r.department }}", "{{ r.state }}"],
    )
    para(doc, "{%p endif %}")
    para(doc, "{%p for c in charts %}")
    para(doc, "{{ c.picture }}", "图片").paragraph_format.keep_with_next = True
    para(doc, "图{{ loop.index }}　{{ c.title }}", "图题")
    para(doc, "{%p endfor %}")
    para(doc, "三、优秀案卷", "一级标题")
    para(doc, "{%p if excellent_cases %}")
    para(doc, "以下{{ excellent_cases|length }}件案卷评为优秀，予以通报表扬：")
    loop_table(
        doc,
        "e in excellent_cases",
        {"序号": 14, "单位": 62, "案号": 60, "得分": 20},
        ["{{ loop.index }}", "{{ e.department }}", "{{ e.case_no }}", "{{ e.score }}"],
    )
    para(doc, "{%p else %}")
    para(doc, "本次评查没有评为优秀的案卷。")
    para(doc, "{%p endif %}")
    para(doc, "四、存在的主要问题", "一级标题")
    para(doc, "{%p for c in categories %}")
    para(doc, "（{{ loop.index|cn_index }}）{{ c.name }}方面", "二级标题")
    para(doc, "共发现问题{{ c.count }}处，扣{{ c.points_lost }}分。")
    loop_para(doc, "e in c.examples", "如{{ e.case_no }}：{{ e.text|trim('。；;') }}。")
    para(doc, "{%p endfor %}")
    para(doc, "{%p if top_items %}")
    para(doc, "扣分较多的评查项目如下：")
    loop_table(
        doc,
        "t in top_items",
        {"序号": 14, "评查项目": 122, "次数": 20},
        # the item's wording: the code (P-4.5) is the reviewers' shorthand, not the readers'
        ["{{ loop.index }}", "{{ t.text }}", "{{ t.count }}"],
    )
    para(doc, "{%p endif %}")
    para(doc, "五、工作要求", "一级标题")
    para(doc, "（一）抓好问题整改", "二级标题")
    para(
        doc,
        "各单位要对照本通报指出的问题逐案整改，举一反三，查找执法程序、证据收集和文书制作中的薄弱环节，"
        "收到行政执法监督意见书的单位应当在规定期限内书面回复整改情况。",
    )
    para(doc, "（二）落实行政执法三项制度", "二级标题")
    para(
        doc,
        "各单位要严格落实行政执法公示、执法全过程记录和重大执法决定法制审核制度，"
        "防止法制审核流于形式。",
    )
    para(doc, "（三）常态化开展案卷自评", "二级标题")
    para(
        doc, "各单位要按季度开展案卷自评，并将自评结果报送本机关。"
    ).paragraph_format.keep_with_next = True
    para(doc, "{%p if failed_cases %}")
    para(doc).paragraph_format.keep_with_next = True
    para(doc, "附件：不合格案卷名单").paragraph_format.keep_with_next = True
    para(doc, "{%p endif %}")
    signature(doc)
    # the annex, on a page of its own, before the 版记 (GB/T 9704 附件)
    para(doc, "{%p if failed_cases %}")
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
        ["{{ f.seq }}", "{{ f.department }}", "{{ f.case_no }}", "{{ f.score }}", "{{ f.reason }}"],
    )
    para(doc, "{%p endif %}")
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
        [17, 54, 13, 13, 59],
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
    # the category row: its name across the first two columns, in 黑体
    category_row = items.rows[2]
    _merge(category_row, 0, 1)
    for cell in category_row.cells:
        for p in cell.paragraphs:
            p.style = doc.styles["表头"]
    # the "其余 N 项未扣分" row: one cell from the item's text to the end
    _merge(items.rows[7], 1, 4)
    para(doc, "", "表格文字")
    summary = table(
        doc,
        ["得分", "{{ total }}", "等次", "{{ grade }}"],
        [24, 54, 24, 54],
        [
            [
                "否决项",
                "{% if vetoed %}{% for v in veto_items %}{{ v.id }} {{ v.text }}"
                "{% if not loop.last %}；{% else %}{% endif %}{% endfor %}{% else %}无{% endif %}",
                "扣分合计",
                "{{ lost }}",
            ],
            ["评查人", "{{ reviewers }}", "组长", "{{ lead }}"],
            ["签字确认", "{{ signoff }}", "", ""],
            # blank cells for the handwritten signatures the paper file keeps
            *[[f"{who}签名", "", "日期", "　　　　年　　月　　日"] for who in HAND_SIGNERS],
        ],
    )
    _plain_rows(summary, doc)
    _merge(summary.rows[3], 1, 3)
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
