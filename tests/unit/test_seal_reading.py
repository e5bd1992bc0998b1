"""A decision whose date a red seal covers, scanned in colour and in grey, read by the real
RapidOCR: the seal-free second reading recovers the date, or the fact is 待核实 — never a
wrong date reported as trusted."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from app.casefiles import ocr, seal_ink
from app.casefiles.fact_model import SEAL_SOURCES
from app.casefiles.facts import DOUBTFUL, extract_facts
from app.casefiles.page_lines import line_from_record
from app.casefiles.page_source import open_pages
from app.casefiles.seal_ink import COLOUR, GREY, Reread, separate_ink
from app.casefiles.splitting import DocumentSpan, PageInput
from app.demo.fonts import font

DPI = 200
SEAL_RED = np.array([215, 40, 45], dtype=np.float32)


def _seal(size: int, organ: str) -> np.ndarray:
    """A seal's ink as alpha 0–1: rim, star and the organ's name in two rows (bold)."""
    mask = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(mask)
    draw.ellipse((4, 4, size - 4, size - 4), outline=255, width=size // 22)
    name = font("serif_bold", size // 7)
    draw.text((size // 2, size // 2 - size // 8), organ[:4], font=name, fill=255, anchor="mm")
    draw.text((size // 2, size // 2 + size // 8), organ[4:], font=name, fill=255, anchor="mm")
    draw.regular_polygon((size // 2, size // 2, size // 12), 5, fill=255)
    return np.asarray(mask, dtype=np.float32)[..., None] / 255.0


def decision_scan(folder: Path, grey: bool) -> Path:
    """An image-only PDF of a one-page decision, its date stamped over in red ink."""
    width, height = int(8.27 * DPI), int(11.69 * DPI)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    body = font("serif", int(16 / 72 * DPI))
    title = font("serif_bold", int(22 / 72 * DPI))
    draw.text((width // 2, int(1.2 * DPI)), "行政处罚决定书", font=title, fill="black", anchor="mm")
    draw.text(
        (width // 2, int(1.7 * DPI)), "望交罚〔2024〕27号", font=body, fill="black", anchor="mm"
    )
    for i in range(4):
        y = int((2.5 + i * 0.4) * DPI)
        draw.text(
            (DPI, y), "当事人应当自收到本决定书之日起十五日内缴纳罚款。", font=body, fill="black"
        )
    draw.text((5 * DPI, int(8.2 * DPI)), "望海市交通运输局", font=body, fill="black")
    draw.text((5 * DPI, int(8.6 * DPI)), "2024年7月27日", font=body, fill="black")
    alpha = _seal(int(1.6 * DPI), "望海市交通运输局")
    size = alpha.shape[0]
    x0, y0 = int(6.1 * DPI) - size // 2, int(8.65 * DPI) - size // 2
    pixels = np.asarray(image, dtype=np.float32).copy()
    under = pixels[y0 : y0 + size, x0 : x0 + size]
    under[:] = under * (1 - alpha) + under * SEAL_RED / 255.0 * alpha  # ink over paper and text
    scan = Image.fromarray(pixels.astype(np.uint8))
    if grey:
        scan = scan.convert("L").convert("RGB")
    path = folder / ("grey.pdf" if grey else "colour.pdf")
    scan.save(path, resolution=DPI)
    return path


@cache
def engine() -> ocr.OcrEngine:
    return ocr.OcrEngine()


@pytest.mark.parametrize("grey", [False, True], ids=["colour", "grey"])
def test_a_sealed_date_is_recovered_or_doubtful_never_wrongly_trusted(
    tmp_path: Path, grey: bool
) -> None:
    with open_pages(decision_scan(tmp_path, grey)) as source:
        text = ocr.page_text(source, 0, engine())
        size = source.page_size(0)
    dated = [ln for ln in text.lines if ln.reread is not None and "2024" in ln.text]
    assert dated, [ln.text for ln in text.lines]
    assert dated[-1].reread is not None
    assert dated[-1].reread.mode == (GREY if grey else COLOUR)
    assert "7月27日" in dated[-1].reread.text  # the seal's ink is gone from the second reading

    pages = [PageInput(text.lines, *size)]
    fact = extract_facts(pages, [DocumentSpan("penalty_decision", "", 1, 1, 1.0)]).dates["decided"]
    assert fact is not None
    assert fact.value == date(2024, 7, 27) or fact.status == DOUBTFUL
    source = SEAL_SOURCES[GREY if grey else COLOUR]
    assert any(r.source == source and r.value == date(2024, 7, 27) for r in fact.readings)
    assert fact.region is not None and fact.region[1] > size[1] / 2  # where the 落款 stands


def test_without_the_second_reading_the_seal_garbles_the_same_date(tmp_path: Path) -> None:
    """The page above is a real problem for the plain reading (else the test proves nothing)."""
    with open_pages(decision_scan(tmp_path, grey=False)) as source:
        text = ocr.page_text(source, 0, engine(), reread=False)
    assert not any("7月27日" in ln.text for ln in text.lines)
    assert all(ln.reread is None for ln in text.lines)


def test_separating_ink_keeps_black_text_and_drops_red_and_blue() -> None:
    image = Image.new("RGB", (60, 20), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 19, 19), fill=(20, 20, 20))  # text ink
    draw.rectangle((20, 0, 39, 19), fill=(220, 40, 40))  # red seal ink
    draw.rectangle((40, 0, 59, 19), fill=(40, 60, 210))  # blue seal ink
    inks, mode = separate_ink(image)
    pixels = np.asarray(inks[0].convert("L"))
    assert mode == COLOUR
    assert pixels[:, :20].max() == 0 and pixels[:, 20:].min() == 255


def test_the_second_reading_survives_storage_beside_its_line() -> None:
    stored = {
        "text": "2024年7月2日",
        "box": [[355.0, 618.0], [475.0, 618.0], [475.0, 651.0], [355.0, 651.0]],
        "score": 0.91,
        "reread": Reread("2024年7月27日", 0.99, COLOUR).json(),
    }
    line = line_from_record(stored)
    assert line.reread == Reread("2024年7月27日", 0.99, COLOUR)
    assert line_from_record({k: v for k, v in stored.items() if k != "reread"}).reread is None


def _line(text: str, rect: tuple[float, float, float, float]) -> ocr.Line:
    x0, y0, x1, y1 = rect
    return ocr.Line(text, ((x0, y0), (x1, y0), (x1, y1), (x0, y1)), 0.99)


def test_the_band_under_a_signature_without_a_date_is_looked_for() -> None:
    size = (595.3, 841.9)
    heading = _line("望海市交通运输局", (220.0, 60.0, 375.0, 78.0))  # centred: the 发文机关
    title = _line("行政处罚决定书", (230.0, 90.0, 365.0, 110.0))
    organ = _line("望海市交通运输局", (360.0, 590.0, 515.0, 608.0))  # right: the 落款
    (band,) = seal_ink.hidden_date_bands([heading, title, organ], size)
    assert band[1] == 608.0 and band[3] > 608.0 + 2 * 18.0  # under the organ's name
    assert band[0] < 360.0 and band[2] > 515.0
    dated = [heading, title, organ, _line("2024年7月2", (380.0, 618.0, 500.0, 636.0))]
    assert seal_ink.hidden_date_bands(dated, size) == []  # a date (even cut short) is there
    assert seal_ink.hidden_date_bands([heading, title], size) == []


def test_a_date_the_detector_missed_under_the_seal_is_read_in_its_band(tmp_path: Path) -> None:
    """As if the seal hid the whole date from the page's detector (foreign corpus 06): the
    band under the 落款 is read on its own, plain and without the red ink."""
    with open_pages(decision_scan(tmp_path, grey=False)) as source:
        image = source.render(0, DPI)
        text = ocr.page_text(source, 0, engine(), DPI, reread=False)
        missed = [ln for ln in text.lines if "2024年" not in ln.text and "7月" not in ln.text]
        assert len(missed) < len(text.lines)
        lines = seal_ink.with_rereads(source, 0, missed, engine(), image, DPI)
        size = source.page_size(0)
    added = [ln for ln in lines if ln.box not in {m.box for m in missed}]  # others: re-read
    assert len(added) == 1 and added[0].reread is not None
    assert "7月27日" in added[0].reread.text
    pages = [PageInput(lines, *size)]
    fact = extract_facts(pages, [DocumentSpan("penalty_decision", "", 1, 1, 1.0)]).dates["decided"]
    assert fact is not None and fact.value == date(2024, 7, 27)


def test_a_date_boxed_only_in_part_is_re_read_across_the_signature(tmp_path: Path) -> None:
    """Foreign corpus 13 (its generator, page 13): the seal's ink hid most of 二〇二四年十月
    十五日 from the detector, which boxed only "五日"; the re-read around that piece reached
    "一月十五日" and the date went 2025-01-15 (待核实), hiding a decision made inside the
    陈述申辩 period. The re-read now spans the 落款's organ name above the piece."""
    from benchmarks.foreign.dossier import _pages, lay_out, page_seed
    from benchmarks.foreign.render import render, scan, write_pdf

    laid = lay_out(12, 7)
    number = 13
    seed = page_seed(laid, number)
    page, _ = _pages(laid)[number - 1]
    pdf = tmp_path / "foreign-13-p13.pdf"
    write_pdf([scan(render(page, laid.case.dpi, seed), colour=True, seed=seed)], pdf)
    # the 落款 as the page's OCR boxes it, and the piece of the date the detector saw
    organ = _line("青 综合行政执法局", (339.0, 188.0, 504.0, 221.0))
    piece = _line("五日", (461.3, 221.0, 499.2, 242.0))
    assert seal_ink.signature_span([organ, piece], piece) == (339.0, 504.0)
    with open_pages(pdf) as source:
        image = source.render(0, laid.case.dpi)
        lines = seal_ink.with_rereads(source, 0, [organ, piece], engine(), image, laid.case.dpi)
        size = source.page_size(0)
        alone = seal_ink.reread_line(source, 0, piece, engine(), size)
    reread = lines[1].reread
    assert reread is not None and "年十月十五日" in reread.text, reread
    assert alone is None or "年十月十五日" not in alone.text  # around the piece only: not read


def test_a_date_hidden_under_a_garbled_organ_name_is_read_in_its_band(tmp_path: Path) -> None:
    """The same page as the detector actually saw it on re-import: no piece of the date at
    all, and the organ's name read "青 综合行政执法局" (青川县 garbled by the seal)."""
    from benchmarks.foreign.dossier import _pages, lay_out, page_seed
    from benchmarks.foreign.render import render, scan, write_pdf

    laid = lay_out(12, 7)
    seed = page_seed(laid, 13)
    pdf = tmp_path / "foreign-13-p13.pdf"
    write_pdf([scan(render(_pages(laid)[12][0], laid.case.dpi, seed), colour=True, seed=seed)], pdf)
    organ = _line("青 综合行政执法局", (339.0, 188.0, 504.0, 221.0))
    with open_pages(pdf) as source:
        image = source.render(0, laid.case.dpi)
        lines = seal_ink.with_rereads(source, 0, [organ], engine(), image, laid.case.dpi)
    assert len(lines) == 2 and lines[1].reread is not None
    assert "年十月十五日" in lines[1].reread.text, lines[1].reread
