"""Previews of a campaign's papers, built off the GUI thread and free of Qt.

Each function takes a :class:`~app.tasks.TaskState` (progress and cancel) and returns plain
data: the .docx written into a scratch folder with its pages as PNG bytes (LibreOffice →
PDF → PyMuPDF), or, without LibreOffice, the document's text; the Excel workbook's sheets
with their first rows; the campaign's charts as PNG bytes. The dialog shows them and copies
the previewed file where the reviewer saves it, so what is saved is what was seen.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from app.documents.letter_requests import OpinionRequest
from app.documents.pdf_convert import INSTALL_HINT
from app.errors import UserError, os_reason
from app.services import Services
from app.tasks import TaskState

PAGE_DPI = 96
WORKBOOK_HEAD_ROWS = 20
NO_SOFFICE_NOTE = (
    "未找到 LibreOffice，无法显示版式预览；以下为文书的文字内容（版式以 Word 打开为准）。"
    + INSTALL_HINT
)


@dataclass
class DocPreview:
    """A Word paper ready to be saved: the file, its pages (PNG) or its text."""

    docx: Path
    pages: list[bytes] = field(default_factory=list)
    text: str = ""
    note: str = ""


@dataclass
class SheetHead:
    name: str
    rows: int
    columns: int
    head: list[list[str]]


@dataclass
class WorkbookPreview:
    path: Path
    sheets: list[SheetHead]

    def summary(self) -> str:
        parts = "；".join(f"“{s.name}” {max(s.rows - 1, 0)} 行" for s in self.sheets)
        return f"共 {len(self.sheets)} 个工作表：{parts}（不含表头）。"


@dataclass
class ChartImage:
    name: str
    title: str
    png: bytes


def safe_name(text: str) -> str:
    """A file name without the characters Windows refuses."""
    return re.sub(r'[\\/:*?"<>|\s]+', "_", text).strip("_") or "文书"


# ------------------------------------------------------------------ Word → pages or text
def docx_text(path: Path) -> str:
    """The paragraphs and tables of a .docx in document order, as plain text."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            table = Table(child, document)
            for row in table.rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = cell.text.replace("\n", " ").strip()
                    if not cells or cells[-1] != text:  # merged cells repeat their text
                        cells.append(text)
                lines.append(" │ ".join(cells))
            lines.append("")
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def pdf_pages(pdf: Path, state: TaskState, dpi: int = PAGE_DPI) -> list[bytes]:
    """Every page of ``pdf`` as PNG bytes; each call opens its own document."""
    import pymupdf

    pages: list[bytes] = []
    with pymupdf.open(str(pdf)) as document:
        total = document.page_count
        for index, page in enumerate(document):
            state.progress(index, total, f"正在生成第 {index + 1}/{total} 页预览……")
            pages.append(page.get_pixmap(dpi=dpi).tobytes("png"))
    return pages


def preview_docx(docx: Path, work_dir: Path, state: TaskState) -> DocPreview:
    """Pages through LibreOffice when it is installed, else the text with a note."""
    from app.documents.pdf_convert import docx_to_pdf, find_soffice

    state.check()
    if find_soffice() is None:
        return DocPreview(docx, text=docx_text(docx), note=NO_SOFFICE_NOTE)
    state.progress(0, 0, "正在用 LibreOffice 排版……")
    pdf = docx_to_pdf(docx, work_dir / "pdf")
    state.check()
    return DocPreview(docx, pages=pdf_pages(pdf, state))


# ------------------------------------------------------------------ the papers
def opinion_preview(
    services: Services,
    campaign_id: int,
    department: str,
    issued_number: str | None,
    today: date,
    work_dir: Path,
    state: TaskState,
) -> DocPreview:
    """The opinion as it would be issued today (the next number, peeked, not taken), or the
    file of the opinion already issued."""
    from app.documents.docx_render import render_document

    state.progress(0, 0, "正在生成监督意见书……")
    letters = services.letters()
    note = ""
    if issued_number:
        issued = next((r for r in letters.letters() if r["number"] == issued_number), None)
        if issued and issued["file"] and Path(issued["file"]).is_file():
            preview = preview_docx(Path(issued["file"]), work_dir, state)
            preview.note = _join(f"已出具的{issued_number}（{issued['file']}）。", preview.note)
            return preview
        note = f"已出具{issued_number}，但其文件已不在原处；下为按出具时内容生成的副本，可“重新生成”保存。"
        context = letters.issued_context(issued_number)
    else:
        context = letters.opinion_context(
            OpinionRequest(campaign_id, department, today), draft=True
        )
        note = (
            f"预览稿：文号{context['number']}在出具时才正式取号，整改期限至{context['deadline']}。"
        )
    out = work_dir / f"{safe_name(department)}-监督意见书.docx"
    render_document("opinion", context, out, template_dir=letters.template_dir)
    preview = preview_docx(out, work_dir, state)
    preview.note = _join(note, preview.note)
    return preview


def report_preview(
    what: str, out: Path, write: Callable[[Path], object], state: TaskState
) -> DocPreview:
    """A paper the report service writes (评查表, 评查情况通报): ``write`` makes ``out`` (in
    the work folder), the progress line saying ``what``; then previewed like a letter."""
    state.progress(0, 0, f"正在生成{what}……")
    write(out)
    return preview_docx(out, out.parent, state)


def workbook_preview(
    services: Services, campaign_id: int, name: str, today: date, work_dir: Path, state: TaskState
) -> WorkbookPreview:
    state.progress(0, 0, "正在生成 Excel 汇总表……")
    out = work_dir / f"{safe_name(name)}-汇总表.xlsx"
    services.reports().workbook(campaign_id, out, today)
    state.check()
    return read_workbook(out)


def read_workbook(path: Path, head_rows: int = WORKBOOK_HEAD_ROWS) -> WorkbookPreview:
    """The sheets of a workbook with their sizes and first rows, read back with openpyxl."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except OSError as exc:
        raise UserError(f"无法读取 Excel 文件“{path.name}”：{os_reason(exc)}") from exc
    except Exception as exc:  # openpyxl raises several kinds (in English) for a broken file
        raise UserError(
            f"无法读取 Excel 文件“{path.name}”：文件已损坏或不是 Excel 工作簿。"
        ) from exc
    try:
        sheets = []
        for sheet in book.worksheets:
            rows = [
                [_cell(v) for v in row]
                for row in sheet.iter_rows(max_row=head_rows, values_only=True)
            ]
            sheets.append(SheetHead(sheet.title, sheet.max_row or 0, sheet.max_column or 0, rows))
        return WorkbookPreview(path, sheets)
    finally:
        book.close()


def chart_images(services: Services, campaign_id: int, state: TaskState) -> list[ChartImage]:
    """Every chart the campaign has data for, as PNG bytes, in report order."""
    from app.documents.charts import available_charts, chart_png, chart_title

    state.progress(0, 0, "正在统计评查结果……")
    stats = services.campaign_stats(campaign_id)
    names = available_charts(stats)
    images = []
    for index, name in enumerate(names):
        state.progress(index, len(names), f"正在绘制“{chart_title(name)}”……")
        png = chart_png(stats, name)
        if png is not None:
            images.append(ChartImage(name, chart_title(name), png))
    return images


def export_charts(
    services: Services, campaign_id: int, folder: Path, names: list[str] | None = None
) -> list[Path]:
    """Write charts as PNG and SVG into ``folder`` (one chart, or all of them)."""
    from app.documents.charts import render_charts

    if names is None:
        return services.reports().charts(campaign_id, folder, ("png", "svg"))
    stats = services.campaign_stats(campaign_id)
    return render_charts(stats, folder, ("png", "svg"), names=names)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _join(*notes: str) -> str:
    return "\n".join(n for n in notes if n)
