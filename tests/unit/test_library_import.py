"""Registering PDF dossiers in the library: hashing, copying, duplicates, bad files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pymupdf
import pytest

from app.config import Paths, RunContext
from app.errors import UserError
from app.services import Services


def make_pdf(path: Path, pages: int = 3, text: bool = False) -> Path:
    doc = pymupdf.open()
    for n in range(pages):
        page = doc.new_page(width=595, height=842)
        if text:
            page.insert_text((72, 72), f"page {n + 1}")
        else:
            page.draw_rect(pymupdf.Rect(50, 50 + n, 200, 200), color=(0, 0, 0))
    doc.save(path)
    doc.close()
    return path


@pytest.fixture
def services(tmp_path: Path) -> Services:
    return Services.open(RunContext(Paths(tmp_path / "data")))


def library_files(services: Services) -> list[Path]:
    return sorted(p for p in services.ctx.paths.library_dir.rglob("*") if p.is_file())


def test_import_copies_original_and_records_pages(services: Services, tmp_path: Path) -> None:
    source = make_pdf(tmp_path / "卷宗1.pdf", pages=4)
    before = source.read_bytes()
    outcome = services.library.import_pdf(source, "市市场监督管理局", "penalty")
    assert outcome.pages == 4 and outcome.duplicate_of is None
    copies = library_files(services)
    assert len(copies) == 1 and copies[0].read_bytes() == before
    assert source.read_bytes() == before, "the original must never be modified"
    [case] = services.library.list_cases()
    assert case.department == "市市场监督管理局" and case.kind == "penalty" and case.pages == 4


def test_same_file_twice_is_reported_as_duplicate(services: Services, tmp_path: Path) -> None:
    source = make_pdf(tmp_path / "a.pdf")
    first = services.library.import_pdf(source)
    copy = tmp_path / "renamed.pdf"
    copy.write_bytes(source.read_bytes())
    second = services.library.import_pdf(copy)
    assert second.duplicate_of == first.id
    assert len(services.library.list_cases()) == 1
    assert len(library_files(services)) == 1


def test_text_layer_is_detected(services: Services, tmp_path: Path) -> None:
    with_text = services.library.import_pdf(make_pdf(tmp_path / "t.pdf", pages=2, text=True))
    scanned = services.library.import_pdf(make_pdf(tmp_path / "s.pdf", pages=2))
    assert [p.has_text_layer for p in services.cases.detail(with_text.id).pages] == [True, True]
    assert [p.has_text_layer for p in services.cases.detail(scanned.id).pages] == [False, False]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.pdf", b"", "0 字节"),
        ("fake.pdf", b"this is not a pdf at all" * 100, "不是 PDF 文件"),
    ],
)
def test_bad_files_are_refused_and_leave_nothing(
    services: Services, tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    with pytest.raises(UserError, match=expected):
        services.library.import_pdf(bad)
    assert services.library.list_cases() == []
    assert library_files(services) == []


def test_truncated_pdf_is_refused_and_leaves_nothing(services: Services, tmp_path: Path) -> None:
    good = make_pdf(tmp_path / "good.pdf", pages=5)
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 3])
    with pytest.raises(UserError, match="不完整"):
        services.library.import_pdf(truncated)
    assert services.library.list_cases() == []
    assert library_files(services) == []


def test_encrypted_pdf_asks_for_a_password(services: Services, tmp_path: Path) -> None:
    doc = pymupdf.open()
    doc.new_page()
    locked = tmp_path / "locked.pdf"
    doc.save(locked, encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="o", user_pw="secret")
    with pytest.raises(UserError, match="加密"):
        services.library.import_pdf(locked)
    assert library_files(services) == []


def test_unknown_kind_is_refused(services: Services, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="penalty"):
        services.library.import_pdf(make_pdf(tmp_path / "k.pdf"), kind="licence")


def make_jpg(path: Path, width: int, height: int = 300) -> Path:
    from PIL import Image

    Image.new("RGB", (width, height), "white").save(path, dpi=(100, 100))
    return path


def test_folder_of_page_images_in_natural_order(services: Services, tmp_path: Path) -> None:
    folder = tmp_path / "扫描件"
    folder.mkdir()
    for n, width in ((1, 100), (2, 200), (10, 1000)):
        make_jpg(folder / f"{n}.jpg", width)
    (folder / "说明.txt").write_text("not a page", encoding="utf-8")
    outcome = services.library.import_path(folder, "某镇人民政府", "penalty")
    assert outcome.pages == 3
    detail = services.cases.detail(outcome.id)
    widths = [round(p.width) for p in detail.pages]
    assert widths == [72, 144, 720], "2.jpg before 10.jpg; 100 dpi → 0.72 pt per pixel"
    assert sorted(p.name for p in detail.file_path.iterdir()) == ["1.jpg", "10.jpg", "2.jpg"]
    # the same scans in a renamed folder are the same dossier
    renamed = tmp_path / "again"
    shutil.copytree(folder, renamed)
    assert services.library.import_path(renamed).duplicate_of == outcome.id


def test_folder_without_images_is_refused(services: Services, tmp_path: Path) -> None:
    empty = tmp_path / "空文件夹"
    empty.mkdir()
    (empty / "readme.txt").write_text("x", encoding="utf-8")
    with pytest.raises(UserError, match="没有页面图片"):
        services.library.import_path(empty)
    assert library_files(services) == []


def test_multi_page_tiff(services: Services, tmp_path: Path) -> None:
    from PIL import Image

    frames = [Image.new("L", (200 + 10 * n, 300), 255) for n in range(4)]
    tiff = tmp_path / "卷宗.tif"
    frames[0].save(tiff, save_all=True, append_images=frames[1:], dpi=(200, 200))
    outcome = services.library.import_path(tiff, kind="coercion")
    assert outcome.pages == 4
    assert services.library.list_cases()[0].kind == "coercion"


def test_encrypted_pdf_with_its_password_keeps_the_original(
    services: Services, tmp_path: Path
) -> None:
    doc = pymupdf.open()
    doc.new_page()
    doc.new_page()
    locked = tmp_path / "locked.pdf"
    doc.save(locked, encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="o", user_pw="secret")
    with pytest.raises(UserError, match="密码不正确"):
        services.library.import_path(locked, password="wrong")
    outcome = services.library.import_path(locked, password="secret")
    assert outcome.pages == 2
    [copy] = library_files(services)
    assert copy.read_bytes() == locked.read_bytes(), "the encrypted original is kept as it was"
    readable = services.cases.detail(outcome.id).file_path
    assert readable != copy
    with pymupdf.open(readable) as opened:
        assert not opened.needs_pass and opened.page_count == 2
