"""Page sources: every input kind opens lazily; every bad input gets a Chinese message naming it."""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest
from PIL import Image

from app.casefiles.page_source import (
    CorruptFile,
    EmptyFile,
    FileMissing,
    NoImages,
    NotAPdf,
    PageSourceError,
    PasswordRequired,
    UnsupportedFile,
    natural_key,
    open_pages,
)
from tests.unit.test_page_source_scans import A4_PT, SAMPLE_LINES, draw_page, scan_pdf, text_pdf


def _blank(width: int, height: int = 100, dpi: int = 200) -> Image.Image:
    image = Image.new("RGB", (width, height), "white")
    image.info["dpi"] = (dpi, dpi)
    return image


# ---------------------------------------------------------------- input kinds


def test_scanned_pdf_has_pages_sizes_and_no_text_layer(tmp_path: Path) -> None:
    pdf = scan_pdf(tmp_path / "卷宗.pdf", [SAMPLE_LINES, ["第二页"]])
    with open_pages(pdf) as source:
        assert source.count == 2
        assert source.page_size(1) == pytest.approx(A4_PT)
        assert not source.has_text_layer(0)
        image = source.render(0, 100)
        assert image.mode == "RGB"
        assert image.size == pytest.approx((A4_PT[0] / 72 * 100, A4_PT[1] / 72 * 100), abs=1)
        turned = source.render(0, 100, rotation=90)
        assert turned.size == image.size[::-1]
        band = source.render(0, 100, clip=(0, 0, A4_PT[0], A4_PT[1] * 0.18))
        assert band.width == image.width
        assert band.height == pytest.approx(image.height * 0.18, abs=2)


def test_text_pdf_reports_its_text_layer(tmp_path: Path) -> None:
    pdf = text_pdf(tmp_path / "电子文书.pdf", ["行政处罚决定书", "案号：临城市监罚〔2024〕17号"])
    with open_pages(pdf) as source:
        assert source.has_text_layer(0)
        assert "行政处罚决定书" in source.text_layer(0)
        assert any("17" in w.text for w in source.text_words(0))


def test_single_image_uses_its_resolution_for_page_size(tmp_path: Path) -> None:
    path = tmp_path / "page.png"
    draw_page(SAMPLE_LINES, dpi=100).save(path, dpi=(100, 100))
    with open_pages(path) as source:
        assert source.count == 1
        assert source.page_size(0) == pytest.approx(A4_PT, abs=1)
        assert source.render(0, 50).size == pytest.approx((413, 585), abs=1)


def test_image_without_resolution_is_taken_as_a4(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    Image.new("RGB", (1000, 1414), "white").save(path)
    with open_pages(path) as source:
        assert source.page_size(0)[1] == pytest.approx(A4_PT[1], abs=1)


def test_multipage_tiff_has_one_page_per_frame(tmp_path: Path) -> None:
    path = tmp_path / "scan.tif"
    frames = [_blank(100 + 10 * i) for i in range(3)]
    frames[0].save(path, save_all=True, append_images=frames[1:], dpi=(200, 200))
    with open_pages(path) as source:
        assert source.count == 3
        assert [source.render(i, 200).width for i in range(3)] == [100, 110, 120]


def test_folder_pages_follow_natural_order_and_skip_other_files(tmp_path: Path) -> None:
    folder = tmp_path / "卷宗图片"
    folder.mkdir()
    for number in (10, 2, 1):
        _blank(100 + number).save(folder / f"{number}.jpg", dpi=(200, 200))
    (folder / "说明.txt").write_text("不是图片", encoding="utf-8")
    with open_pages(folder) as source:
        assert source.count == 3
        assert [source.render(i, 200).width for i in range(3)] == [101, 102, 110]


def test_natural_key_orders_numbers_by_value() -> None:
    names = ["p10.jpg", "p2.jpg", "P1.jpg", "p2a.jpg", "cover.jpg"]
    assert sorted(names, key=natural_key) == ["cover.jpg", "P1.jpg", "p2.jpg", "p2a.jpg", "p10.jpg"]


def test_thousand_page_pdf_opens_lazily(tmp_path: Path) -> None:
    path = tmp_path / "大卷宗.pdf"
    doc = pymupdf.open()
    first = doc.new_page(width=A4_PT[0], height=A4_PT[1])
    xref = first.insert_image(first.rect, stream=_png(_blank(200, 283)))
    for _ in range(999):
        doc.new_page(width=A4_PT[0], height=A4_PT[1]).insert_image(
            pymupdf.Rect(0, 0, *A4_PT), xref=xref
        )
    doc.save(path)
    doc.close()
    with open_pages(path) as source:
        assert source.count == 1000
        assert source.render(999, 20).size == pytest.approx((165, 234), abs=1)


def _png(image: Image.Image) -> bytes:
    import io

    buf = io.BytesIO()
    image.save(buf, "PNG")
    return buf.getvalue()


# ---------------------------------------------------------------- bad input


def _expect(error: type[PageSourceError], path: Path, *words: str) -> PageSourceError:
    with pytest.raises(error) as info:
        open_pages(path)
    message = str(info.value)
    assert path.name in message
    for word in words:
        assert word in message
    return info.value


def test_zero_byte_file(tmp_path: Path) -> None:
    path = tmp_path / "空.pdf"
    path.touch()
    _expect(EmptyFile, path, "空文件")


def test_image_renamed_to_pdf(tmp_path: Path) -> None:
    path = tmp_path / "改名.pdf"
    _blank(10).save(path, "JPEG")
    _expect(NotAPdf, path, "不是 PDF")


def test_truncated_pdf(tmp_path: Path) -> None:
    whole = scan_pdf(tmp_path / "whole.pdf", [SAMPLE_LINES] * 3).read_bytes()
    path = tmp_path / "截断.pdf"
    path.write_bytes(whole[: len(whole) // 2])
    _expect(CorruptFile, path, "不完整")


def test_corrupt_pdf(tmp_path: Path) -> None:
    path = tmp_path / "损坏.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 200)
    _expect(CorruptFile, path, "损坏")


def test_corrupt_image(tmp_path: Path) -> None:
    path = tmp_path / "坏图.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    _expect(CorruptFile, path, "损坏")


def test_encrypted_pdf_asks_for_password_then_opens(tmp_path: Path) -> None:
    path = tmp_path / "加密.pdf"
    doc = pymupdf.open(scan_pdf(tmp_path / "plain.pdf", [SAMPLE_LINES]))
    doc.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="mima", owner_pw="owner")
    doc.close()

    missing = _expect(PasswordRequired, path, "密码")
    assert isinstance(missing, PasswordRequired) and not missing.wrong_password
    with pytest.raises(PasswordRequired) as wrong:
        open_pages(path, password="wrong")
    assert wrong.value.wrong_password
    assert "不正确" in str(wrong.value)
    with open_pages(path, password="mima") as source:
        assert source.render(0, 20).width > 0


def test_folder_without_images(tmp_path: Path) -> None:
    folder = tmp_path / "空文件夹"
    folder.mkdir()
    (folder / "readme.txt").write_text("x", encoding="utf-8")
    _expect(NoImages, folder, "没有页面图片")


def test_unsupported_file_type(tmp_path: Path) -> None:
    path = tmp_path / "笔录.docx"
    path.write_bytes(b"PK\x03\x04")
    _expect(UnsupportedFile, path, "不支持")


def test_missing_file(tmp_path: Path) -> None:
    _expect(FileMissing, tmp_path / "不存在.pdf", "找不到")


def test_rotated_pdf_page_uses_displayed_coordinates(tmp_path: Path) -> None:
    """Boxes, sizes and clips all refer to the page as the reviewer sees it."""
    path = tmp_path / "横放.pdf"
    doc = pymupdf.open()
    page = doc.new_page(width=A4_PT[0], height=A4_PT[1])
    page.set_rotation(90)
    page.insert_text(
        pymupdf.Point(50, 40) * page.derotation_matrix, "HELLO", fontsize=20, rotate=90
    )
    doc.save(path)
    doc.close()
    with open_pages(path) as source:
        assert source.page_size(0) == pytest.approx(A4_PT[::-1])
        (word,) = source.text_words(0)
        x0, _, x1, y1 = word.rect
        assert x0 == pytest.approx(50, abs=1) and y1 < 50 and x1 > x0 + 40
        band = source.render(0, 72, clip=(0, 0, A4_PT[1], 60)).convert("L")
        assert band.size == pytest.approx((A4_PT[1], 60), abs=1)
        assert band.getextrema()[0] < 128  # the word is inside the top band
