"""OCR: real RapidOCR on drawn scans, offline models, text layers, title band, reading order."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app.casefiles import ocr
from app.casefiles.ocr import Line, OcrEngine, PageText, page_text, reading_order
from app.casefiles.page_source import open_pages
from tests.unit.test_page_source_scans import (
    A4_PT,
    CASE_NO,
    DATE,
    FOOTER,
    SAMPLE_LINES,
    TITLE,
    scan_pdf,
    text_pdf,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def engine() -> OcrEngine:
    return OcrEngine()


@pytest.fixture(scope="module")
def scan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return scan_pdf(tmp_path_factory.mktemp("ocr") / "决定书.pdf", [SAMPLE_LINES], footer=FOOTER)


def test_scan_reads_title_case_number_and_date_with_boxes_in_points(
    scan: Path, engine: OcrEngine
) -> None:
    with open_pages(scan) as source:
        result = page_text(source, 0, engine)
    assert result.origin == "ocr"
    texts = [line.text for line in result.lines]
    assert texts[0] == TITLE
    assert CASE_NO in result.text
    assert DATE in result.text
    assert FOOTER in result.text
    assert result.text == "\n".join(texts)
    # The title is centred near the top of an A4 page, in PDF points.
    x0, y0, x1, y1 = result.lines[0].rect
    assert 0 < y0 < y1 < A4_PT[1] * 0.15
    assert (x0 + x1) / 2 == pytest.approx(A4_PT[0] / 2, abs=20)
    assert all(0.5 < line.score <= 1 for line in result.lines)


def test_title_band_reads_only_the_top_of_the_page(scan: Path, engine: OcrEngine) -> None:
    with open_pages(scan) as source:
        band = page_text(source, 0, engine, band=ocr.TITLE_BAND)
    assert band.lines[0].text == TITLE
    assert FOOTER not in band.text  # drawn at 60 % of the page height
    assert all(line.rect[3] <= A4_PT[1] * ocr.TITLE_BAND + 1 for line in band.lines)


def test_text_layer_page_is_read_not_ocred(tmp_path: Path) -> None:
    pdf = text_pdf(tmp_path / "电子.pdf", [TITLE, f"案号：{CASE_NO}"])
    with open_pages(pdf) as source:
        # No engine at all: an OCR attempt would fail, the text layer needs none.
        result = page_text(source, 0, engine=None)  # type: ignore[arg-type]
        band = page_text(source, 0, engine=None, band=ocr.TITLE_BAND)  # type: ignore[arg-type]
    assert result.origin == "text-layer"
    assert result.text == f"{TITLE}\n案号：{CASE_NO}"
    assert result.lines[0].rect[1] < result.lines[1].rect[1]
    assert band.text == result.text


def test_models_are_the_ones_shipped_in_the_wheel() -> None:
    import rapidocr

    wheel = Path(rapidocr.__file__).resolve().parent
    params = ocr.engine_params()
    for key in ("Det.model_path", "Rec.model_path", "Cls.model_path"):
        model = Path(params[key])
        assert model.is_file() and model.is_relative_to(wheel)


def test_ocr_works_with_the_network_unreachable(scan: Path) -> None:
    """In a fresh process where any connection attempt or rapidocr download fails loudly."""
    script = textwrap.dedent(
        f"""
        import socket
        def refuse(*args, **kwargs):
            raise OSError("network is off in this test")
        socket.socket.connect = refuse
        socket.socket.connect_ex = refuse
        socket.create_connection = refuse
        from rapidocr.utils import download_file
        def no_download(*args, **kwargs):
            raise AssertionError("rapidocr tried to download a file")
        download_file.DownloadFile.run = no_download
        from app.casefiles.ocr import OcrEngine, page_text
        from app.casefiles.page_source import open_pages
        with open_pages({str(scan)!r}) as source:
            print(page_text(source, 0, OcrEngine()).lines[0].text)
        """
    )
    env = {"HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9", "PATH": ""}
    proc = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == TITLE


def _line(text: str, x0: float, y0: float, x1: float, y1: float) -> Line:
    return Line(text, ((x0, y0), (x1, y0), (x1, y1), (x0, y1)), 0.9)


def test_reading_order_merges_pieces_of_one_row() -> None:
    lines = [
        _line("张三", 200, 101, 240, 115),
        _line("日期：2024年3月15日", 72, 140, 250, 154),
        _line("当事人：", 72, 100, 120, 114),
        _line("性别：男", 400, 102, 460, 116),
        _line("行政处罚决定书", 200, 60, 400, 84),
    ]
    page = PageText.from_lines(lines)
    assert page.text == "行政处罚决定书\n当事人： 张三 性别：男\n日期：2024年3月15日"
    merged = page.lines[1]
    assert merged.rect == (72, 100, 460, 116)


def test_lines_of_a_skewed_scan_keep_their_order() -> None:
    """The two lines at the top of a foreign 决定书's second page, as the engine boxed them
    on a scan skewed by about 2.7°: straight, the long line's box spans most of the next
    one, so they were taken as one row and read 第二行 first ("沙县人民法院提起行政诉讼。向…")."""
    first = Line(
        "向白沙县人民政府申请行政复议，也可以在六个月内依法向白",
        ((93.6, 70.56), (525.6, 90.77), (525.6, 114.72), (93.6, 92.64)),
        0.99,
    )
    second = Line(
        "沙县人民法院提起行政诉讼。",
        ((91.2, 98.4), (296.64, 108.0), (296.64, 130.56), (91.2, 120.96)),
        0.99,
    )
    assert [ln.text for ln in reading_order([second, first])] == [first.text, second.text]
    # the pieces of one slanted row still make one line
    left = Line("当事人：", ((72.0, 100.0), (120.0, 102.4), (120.0, 116.4), (72.0, 114.0)), 0.9)
    right = Line("张三", ((200.0, 106.4), (240.0, 108.4), (240.0, 122.4), (200.0, 120.4)), 0.9)
    assert [ln.text for ln in reading_order([right, left])] == ["当事人： 张三"]


def test_a_lone_digit_s_slant_does_not_join_two_table_rows() -> None:
    """Rows 9 and 10 of a 卷内目录 as the engine boxed them (demo-06, real OCR): row 9's
    文号 and 题名 wrap to two lines; its 序号 "9" has a 15-pt box whose corners slope 0.09.
    Carried along that slope to the 日期 column, the row reached down into row 10, and both
    came out as one line ("910桃政罚决字… 2024082220241111 1011")."""

    def quad(text: str, *corners: tuple[float, float]) -> Line:
        return Line(text, corners, 0.99)  # type: ignore[arg-type]

    row9 = [
        quad(
            "先行登记保存证据处理决", (306.2, 348.0), (428.2, 346.1), (428.2, 362.9), (306.7, 365.3)
        ),
        quad(
            "桃政罚决字保处〔2024〕第107",
            (109.4, 352.8),
            (258.2, 349.0),
            (258.7, 364.8),
            (109.9, 368.6),
        ),
        quad("20240822", (433.4, 353.3), (488.2, 353.3), (488.2, 371.0), (433.4, 371.0)),
        quad("10", (495.4, 353.3), (517.4, 353.3), (517.4, 369.6), (495.4, 369.6)),
        quad("本机关", (264.0, 354.7), (305.3, 354.7), (305.3, 376.3), (264.0, 376.3)),
        quad("9", (84.0, 360.0), (99.4, 361.4), (97.4, 382.6), (82.1, 381.1)),
        quad("定书", (305.8, 362.4), (336.5, 362.4), (336.5, 383.5), (305.8, 383.5)),
        quad("号", (110.4, 367.7), (127.2, 367.7), (127.2, 385.9), (110.4, 385.9)),
    ]
    row10 = [
        quad("20241111", (435.4, 386.9), (486.7, 386.9), (486.7, 405.1), (435.4, 405.1)),
        quad("11", (499.2, 386.9), (517.4, 386.9), (517.4, 403.7), (499.2, 403.7)),
        quad("案件调查终结报告", (307.2, 389.8), (396.5, 387.4), (397.0, 405.1), (307.7, 407.5)),
        quad("本机关", (265.4, 390.2), (304.3, 390.2), (304.3, 408.5), (265.4, 408.5)),
        quad("10", (83.0, 394.1), (101.8, 394.1), (101.8, 412.3), (83.0, 412.3)),
    ]
    lines = [ln.text for ln in reading_order(row9 + row10)]
    assert not any("20240822" in t and "20241111" in t for t in lines), lines
    assert lines[-1].replace(" ", "") == "10本机关案件调查终结报告2024111111"


def test_reading_order_keeps_close_pieces_together() -> None:
    row = [_line("〔2024〕17号", 131, 100, 200, 114), _line("案号：临城市监罚", 72, 100, 130, 114)]
    (line,) = reading_order(row)
    assert line.text == "案号：临城市监罚〔2024〕17号"
