"""Traditional characters OCR reads in a simplified dossier are put back (app/casefiles/simplified)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.casefiles.ocr import OcrEngine, page_text
from app.casefiles.page_source import open_pages
from app.casefiles.simplified import simplified
from tests.unit.test_page_source_scans import scan_pdf


def test_traditional_readings_become_simplified() -> None:
    assert simplified("评查人：蕭國慶") == "评查人：萧国庆"
    assert simplified("強制執行決定書") == "强制执行决定书"


def test_no_character_of_gb2312_is_changed() -> None:
    """A character a mainland paper prints (GB 2312) stays as it is: 著, 乾, 后, 发 …"""
    changed = []
    for high in range(0xB0, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                char = bytes((high, low)).decode("gb2312")
            except UnicodeDecodeError:
                continue
            if simplified(char) != char:
                changed.append(char)
    assert changed == []


@pytest.mark.slow
def test_ocr_of_a_name_printed_in_traditional_characters_reads_simplified(
    tmp_path: Path,
) -> None:
    pdf = scan_pdf(tmp_path / "笔录.pdf", [["询问笔录", "执法人员：蕭國強、陳靜"]])
    with open_pages(pdf) as source:
        text = page_text(source, 0, OcrEngine()).text
    assert "萧国强" in text
    assert not set(text) & set("蕭國強陳靜")
