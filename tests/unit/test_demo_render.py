"""Rendered dossiers: image-only PDFs, JPG folder and TIFF variants, cancellation, OCR-ability."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pymupdf
import pytest
from PIL import Image

from app.demo import (
    DossierSpec,
    dossier_truth,
    generate_dossier,
    generate_image_folder,
    generate_library,
    generate_tiff,
)
from app.demo.dossier import lay_dossier
from app.demo.scan import render_page, to_jpeg

# The smallest dossier kind (no release decision): 9 pages, a few seconds to render.
SMALL = DossierSpec(
    "small", kind="coercion", department="urban", seed=11, defects=("missing_release_decision",)
)


@pytest.mark.slow
def test_pdf_is_image_only_and_matches_its_truth(tmp_path: Path) -> None:
    pdf_path = generate_dossier(SMALL, tmp_path / "small.pdf")
    truth = json.loads((tmp_path / "small.truth.json").read_text(encoding="utf-8"))
    assert truth == dossier_truth(SMALL, "small.pdf")
    with pymupdf.open(pdf_path) as doc:
        assert doc.page_count == truth["pages"]
        for page in doc:
            assert page.get_text().strip() == ""
            assert len(page.get_images()) == 1
    per_page = pdf_path.stat().st_size / truth["pages"]
    assert 60_000 < per_page < 300_000
    assert not list(tmp_path.glob(".*.part"))


@pytest.mark.slow
def test_image_folder_and_tiff_variants(tmp_path: Path) -> None:
    pages = generate_image_folder(SMALL, tmp_path / "scans")
    truth = json.loads((tmp_path / "scans" / "truth.json").read_text(encoding="utf-8"))
    assert [p.name for p in pages][:2] == ["page_001.jpg", "page_002.jpg"]
    assert len(pages) == truth["pages"]
    with Image.open(pages[0]) as first:
        assert first.size == (1654, 2339) and first.format == "JPEG"
    tiff = generate_tiff(SMALL, tmp_path / "small.tif")
    with Image.open(tiff) as img:
        assert img.n_frames == truth["pages"]
    assert (tmp_path / "small.truth.json").exists()


def test_progress_can_cancel_and_leaves_no_partial_file(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        generate_library(tmp_path, count=1, seed=3, progress=progress)
    assert seen[0] == (1, seen[0][1]) and seen[0][1] > 2
    assert list(tmp_path.iterdir()) == []


def test_page_looks_like_a_scan() -> None:
    laid = lay_dossier(SMALL)
    img = render_page(laid.pages[3], seed=1)
    arr = np.asarray(img, dtype=np.int16)
    paper = np.median(arr.reshape(-1, 3), axis=0)
    assert 225 < paper[0] < 252 and paper[0] >= paper[2]  # off-white, warm
    red = (arr[..., 0] - arr[..., 1] > 60) & (arr[..., 0] - arr[..., 2] > 60)
    assert red.sum() > 2000  # the seal of the decision
    assert len(to_jpeg(img)) < 300_000


@pytest.mark.slow
def test_decision_page_is_ocr_able() -> None:
    from rapidocr import RapidOCR

    spec = DossierSpec("ocr", kind="penalty", department="market", seed=42)
    laid = lay_dossier(spec)
    first, _ = laid.page_range("decision")
    jpeg = to_jpeg(render_page(laid.pages[first - 1], seed=5))
    image = np.asarray(Image.open(io.BytesIO(jpeg)).convert("RGB"))
    engine = RapidOCR(
        params={"Global.use_cls": False, "Det.limit_type": "max", "Det.limit_side_len": 1280}
    )
    text = "".join(engine(image).txts or ()).replace(" ", "")
    assert "行政处罚决定书" in text
    assert laid.case.case_no in text
