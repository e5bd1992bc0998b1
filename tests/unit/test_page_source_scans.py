"""Small synthetic scans shared by the page-source, render and OCR tests (no tests here).

Pages are drawn with Pillow in the Noto CJK font and embedded as JPEGs, like a scanner
would: image-only, no text layer, so OCR has to read them.
"""

from __future__ import annotations

import io
import subprocess
from functools import cache
from pathlib import Path

import pymupdf
from PIL import Image, ImageDraw, ImageFont

A4_PT = (595.28, 841.89)

TITLE = "行政处罚决定书"
CASE_NO = "临城市监罚〔2024〕17号"
DATE = "2024年3月15日"
FOOTER = "本决定书送达之日起生效"
SAMPLE_LINES = [TITLE, f"案号：{CASE_NO}", "当事人：张三", f"日期：{DATE}"]


@cache
def cjk_font_path() -> str:
    return subprocess.run(
        ["fc-match", "-f", "%{file}", "Noto Sans CJK SC"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def draw_page(
    lines: list[str], dpi: int = 150, footer: str | None = None, size_pt=A4_PT
) -> Image.Image:
    """An A4 page: first line as a centred title near the top, the rest as body text."""
    width, height = round(size_pt[0] / 72 * dpi), round(size_pt[1] / 72 * dpi)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    title_font = ImageFont.truetype(cjk_font_path(), round(dpi * 0.25), index=0)
    body_font = ImageFont.truetype(cjk_font_path(), round(dpi * 0.15), index=0)
    y = round(height * 0.06)
    for i, line in enumerate(lines):
        font = title_font if i == 0 else body_font
        x = (width - draw.textlength(line, font=font)) / 2 if i == 0 else dpi
        draw.text((x, y), line, font=font, fill=0)
        y += round(font.size * 1.8)
    if footer:
        draw.text((dpi, round(height * 0.6)), footer, font=body_font, fill=0)
    return image


def jpeg_bytes(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=85)
    return buf.getvalue()


def scan_pdf(path: Path, pages: list[list[str]], dpi: int = 150, footer: str | None = None) -> Path:
    """An image-only PDF, one drawn page per entry of ``pages``."""
    doc = pymupdf.open()
    for lines in pages:
        page = doc.new_page(width=A4_PT[0], height=A4_PT[1])
        page.insert_image(page.rect, stream=jpeg_bytes(draw_page(lines, dpi, footer)))
    doc.save(path)
    doc.close()
    return path


def text_pdf(path: Path, lines: list[str]) -> Path:
    """A born-digital PDF: real text, no image."""
    doc = pymupdf.open()
    page = doc.new_page(width=A4_PT[0], height=A4_PT[1])
    for i, line in enumerate(lines):
        page.insert_text((72, 80 + 30 * i), line, fontname="china-s", fontsize=14)
    doc.save(path)
    doc.close()
    return path
