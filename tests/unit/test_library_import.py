"""Registering PDF dossiers in the library: hashing, copying, duplicates, bad files."""

from __future__ import annotations

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
    outcome = services.library.import_pdf(make_pdf(tmp_path / "t.pdf", pages=2, text=True))
    assert outcome.pages == 2


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.pdf", b"", "0 字节"),
        ("fake.pdf", b"this is not a pdf at all" * 100, "不是有效的 PDF"),
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


def test_truncated_pdf_is_refused_or_imported_whole(services: Services, tmp_path: Path) -> None:
    good = make_pdf(tmp_path / "good.pdf", pages=5)
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 3])
    try:
        outcome = services.library.import_pdf(truncated)
    except UserError as exc:
        assert "truncated.pdf" in str(exc)
        assert services.library.list_cases() == []
        assert library_files(services) == []
    else:  # MuPDF repaired it: then every page it found is recorded
        assert outcome.pages >= 1
        assert len(library_files(services)) == 1


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
