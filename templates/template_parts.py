"""The pieces every bundled Word template is built from, in GB/T 9704-2012 layout: page setup,
styles, 版头 (发文机关标志 and red 分隔线), title, signature, 版记 and tables. The four documents
themselves are assembled in build_templates.py, which is the script to run.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
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
FIGURE_GAP_PT = 12  # above a chart and below its caption
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
    # A figure stands apart from the table or caption above it and its caption from what
    # follows, as in a typeset report (chart 1 touched the ranking table above it).
    pic = paragraph_style(doc, "图片", FANGSONG, BODY_PT, align=WD_ALIGN_PARAGRAPH.CENTER)
    pic.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    pic.paragraph_format.space_before = Pt(FIGURE_GAP_PT)
    caption = paragraph_style(doc, "图题", FANGSONG, PAGE_NO_PT, align=WD_ALIGN_PARAGRAPH.CENTER)
    caption.paragraph_format.space_before = Pt(FIGURE_GAP_PT / 2)
    caption.paragraph_format.space_after = Pt(FIGURE_GAP_PT)

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


@contextmanager
def when(doc, condition: str) -> Iterator[Callable[[], None]]:  # type: ignore[no-untyped-def]
    """The paragraphs written inside stand in the letter only when the docxtpl
    ``condition`` holds; those written after calling the yielded ``otherwise()`` stand
    there when it does not. The ``{%p if %}`` … ``{%p endif %}`` lines come in pairs."""
    para(doc, f"{{%p if {condition} %}}")
    yield lambda: para(doc, "{%p else %}")
    para(doc, "{%p endif %}")


@contextmanager
def each(doc, loop: str) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """The paragraphs written inside stand once per item of a docxtpl loop (``loop`` is
    "p in problems")."""
    para(doc, f"{{%p for {loop} %}}")
    yield
    para(doc, "{%p endfor %}")


def if_para(doc, condition: str, text: str):  # type: ignore[no-untyped-def]
    """A paragraph only when a docxtpl ``condition`` holds; returns that paragraph."""
    with when(doc, condition):
        return para(doc, text)


def loop_para(doc, loop: str, text: str) -> None:  # type: ignore[no-untyped-def]
    """One paragraph per item of a docxtpl loop (``loop`` is "p in problems")."""
    with each(doc, loop):
        para(doc, text)


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
    :func:`signature`), then the 版记. Only the paragraph right above the 署名 is chained to
    it: chaining both moved a decision's closing lines to a page of their own and left half
    of the page before it blank."""
    if not then_if:
        para(doc, last).paragraph_format.keep_with_next = True
    else:
        with when(doc, then_if) as otherwise:
            para(doc, last)
            para(doc, f"{{{{ {then_if} }}}}").paragraph_format.keep_with_next = True
            otherwise()
            para(doc, last).paragraph_format.keep_with_next = True
    signature(doc)
    banji(doc, copy_to=copy_to)
    return doc
