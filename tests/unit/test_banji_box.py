"""The 版记 box as Word writes a text box: ``mc:AlternateContent`` holding the DrawingML
shape (Word 2010+, WPS, LibreOffice) and a VML fallback (Word 2007), the same text in both
and both sized to the lines printed."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import docx
from docx.oxml.ns import qn

from app.config import Settings
from app.documents.letter_requests import OpinionRequest
from app.documents.letters import LetterService
from tests.review_support import LETTER_SETTINGS, ReviewedLibrary

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
VML = "{urn:schemas-microsoft-com:vml}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


def _texts(box) -> list[str]:  # type: ignore[no-untyped-def]
    return ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in box.iter(qn("w:p"))]


def test_the_banji_box_has_a_vml_fallback_with_the_same_text_and_height(
    reviewed: ReviewedLibrary, tmp_path: Path
) -> None:
    for copy_to, lines in (("", 1), ("市人民政府办公室", 2)):
        settings = Settings(**(LETTER_SETTINGS | {"copy_to": copy_to}))
        letters = LetterService(reviewed.db, settings, reviewed.paths.calendar_dir, who="王")
        out = tmp_path / f"o{lines}.docx"
        campaign = reviewed.spotcheck if lines == 1 else reviewed.spotcheck_previous
        letters.issue_opinion(OpinionRequest(campaign, "某市市场监督管理局", date(2026, 7, 1)), out)
        body = docx.Document(str(out)).element.body  # python-docx reopens it
        (choice_box,) = [
            a for a in body.iter(f"{MC}AlternateContent") if a.find(f"{MC}Choice") is not None
        ]
        choice, fallback = choice_box.find(f"{MC}Choice"), choice_box.find(f"{MC}Fallback")
        assert choice.get("Requires") == "wps"
        assert next(choice.iter(f"{WP}docPr")).get("name") == "版记"
        rect = next(fallback.iter(f"{VML}rect"))
        shape_text = _texts(next(choice.iter(qn("w:txbxContent"))))
        assert shape_text == _texts(next(fallback.iter(qn("w:txbxContent"))))
        assert len(shape_text) == lines and shape_text[-1].endswith("印发")
        height_pt = int(next(choice.iter(f"{WP}extent")).get("cy")) / 12700
        vml_height = re.search(r"(?<![-\w])height:([\d.]+)pt", rect.get("style"))
        assert vml_height and abs(float(vml_height[1]) - height_pt) < 0.5
        assert height_pt == 20 * lines + 4
