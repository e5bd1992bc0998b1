"""署名 centred over 成文日期 (GB/T 9704 7.3.5.1), set when a letter is written."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from app.documents.docx_layout import centre_signatures, centred_indents, text_width_chars
from app.paths import templates_dir


def test_widths_count_digits_as_half_characters() -> None:
    assert text_width_chars("某市司法局") == 5
    assert text_width_chars("2026年9月1日") == 6  # 4 + 1 + 1 digits at ½, 年月日 at 1
    assert text_width_chars("2026年10月15日") == 7


def test_a_short_organ_stands_centred_over_the_date() -> None:
    sig, date = centred_indents("某市司法局", "2026年10月15日")
    assert date == 4
    # the centres agree: right indent + half the width is the same for both lines
    assert sig + 5 / 2 == date + 7 / 2


def test_a_long_organ_stands_two_characters_in_and_the_date_centres_under_it() -> None:
    organ = "某省某市某某区人民政府办公室"  # 14 characters
    sig, date = centred_indents(organ, "2026年9月1日")
    assert sig == 2
    assert date + 6 / 2 == sig + 14 / 2


def test_the_bundled_template_gets_the_indents() -> None:
    doc = Document(str(templates_dir() / "opinion.docx"))
    signature = next(p for p in doc.paragraphs if p.style.name == "署名")
    date = next(p for p in doc.paragraphs if p.style.name == "成文日期")
    signature.text, date.text = "某市司法局", "2026年10月15日"
    assert centre_signatures(doc) == 1
    char = date.style.font.size.pt
    assert date.paragraph_format.right_indent.pt == 4 * char
    assert abs(signature.paragraph_format.right_indent.pt - 5 * char) < 0.1


def test_the_banji_room_fits_the_lines_printed(tmp_path: Path) -> None:
    """No 抄送: the 版记 box and the room kept for it shrink to the one 印发 line, so a
    closing block that fits its page is not pushed onto a page of its own."""
    from app.documents.docx_render import render_document
    from tests.unit.test_docx_render import opinion_context

    def room_pt(copy_to: str) -> float:
        out = render_document(
            "opinion", opinion_context(copy_to=copy_to), tmp_path / f"o{len(copy_to)}.docx"
        )
        last = Document(str(out)).paragraphs[-1]
        assert "版记" in last._p.xml  # the room holds the box
        return last.paragraph_format.line_spacing.pt

    one, two = room_pt(""), room_pt("市人民政府办公室")
    assert two - one == 20 and one == 24
