"""The foreign benchmark corpus (benchmarks/foreign): deterministic, image-only PDFs whose
pages match the ground truth, a red seal over the decision date, and no dependency on the
product's demo or vocabulary (else it would only re-test what the demo already tests).
No OCR here."""

from __future__ import annotations

import ast
import io
import itertools
import json
from pathlib import Path

import numpy as np
import pymupdf
import pytest
from PIL import Image

from benchmarks.foreign import generate
from benchmarks.foreign.case import plan_case
from benchmarks.foreign.dossier import build_truth, lay_out
from benchmarks.foreign.forms import Doc

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "benchmarks" / "foreign"
# A short dossier (简易程序: cover, decision, photos, closing) scanned in colour at 150 dpi.
SEED, INDEX = 5, 11


@pytest.fixture(scope="module")
def dossier(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    case = plan_case(INDEX, SEED)
    assert case.procedure == "simple" and case.colour and case.dpi == 150
    pdf = generate(INDEX, SEED, tmp_path_factory.mktemp("foreign"))
    truth = json.loads(pdf.with_name(pdf.stem + ".truth.json").read_text(encoding="utf-8"))
    return pdf, truth


def _page_images(pdf: Path) -> list[bytes]:
    with pymupdf.open(pdf) as doc:
        return [doc.extract_image(page.get_images()[0][0])["image"] for page in doc]


def test_same_seed_same_dossier(dossier: tuple[Path, dict], tmp_path: Path) -> None:
    pdf, truth = dossier
    again = generate(INDEX, SEED, tmp_path)
    assert _page_images(again) == _page_images(pdf)
    assert json.loads(again.with_name(again.stem + ".truth.json").read_text("utf-8")) == truth
    # and a whole corpus plan is reproducible without rendering
    for index in range(12):
        assert build_truth(lay_out(index, 3), "x.pdf") == build_truth(lay_out(index, 3), "x.pdf")
    assert build_truth(lay_out(0, 3), "x.pdf") != build_truth(lay_out(0, 4), "x.pdf")


def test_image_only_pdf_matches_truth(dossier: tuple[Path, dict]) -> None:
    pdf, truth = dossier
    with pymupdf.open(pdf) as doc:
        assert doc.page_count == truth["pages"]
        for page in doc:
            assert page.get_text().strip() == ""
            assert len(page.get_images()) == 1
    documents = truth["documents"]
    assert documents[0]["first_page"] == 1
    assert documents[-1]["last_page"] == truth["pages"]  # blank pages only separate
    for before, after in itertools.pairwise(documents):
        assert after["first_page"] > before["last_page"]
    assert {d["name"] for d in documents} >= {"当场行政处罚决定书", "现场照片"}


def test_red_seal_over_the_decision_date(dossier: tuple[Path, dict]) -> None:
    pdf, truth = dossier
    sealed = next(s for s in truth["sealed_dates"] if s["fact"] == "decided")
    assert truth["facts"]["dates"]["decided"]["page"] == sealed["page"]
    with pymupdf.open(pdf) as doc:
        page = doc[sealed["page"] - 1]
        pix = page.get_pixmap(dpi=150, clip=pymupdf.Rect(sealed["box_pt"]))
        image = np.asarray(Image.open(io.BytesIO(pix.tobytes("png"))).convert("RGB"), dtype=int)
        elsewhere = page.get_pixmap(dpi=150, clip=pymupdf.Rect(60, 700, 200, 760))
        blank = np.asarray(Image.open(io.BytesIO(elsewhere.tobytes("png"))).convert("RGB"), int)

    def red_share(pixels: np.ndarray) -> float:
        r, g, b = pixels[..., 0], pixels[..., 1], pixels[..., 2]
        return float(((r > 150) & (r - g > 60) & (r - b > 60)).mean())

    assert red_share(image) > 0.05  # seal ink crosses the date's box
    assert red_share(blank) < 0.001  # and is not just everywhere


def test_grey_scans_are_grey() -> None:
    index = next(i for i in range(12) if not plan_case(i, SEED).colour)
    case = plan_case(index, SEED)
    assert not case.colour
    # rendering a whole dossier is slow; one page of it, through the same scan path, is enough
    from benchmarks.foreign.dossier import _pages, page_seed
    from benchmarks.foreign.render import render, scan

    laid = lay_out(index, SEED)
    page, _ = _pages(laid)[0]
    jpeg = scan(render(page, 100, page_seed(laid, 1)), colour=False, seed=1)
    assert Image.open(io.BytesIO(jpeg)).mode == "L"


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_generator_is_independent_of_the_product() -> None:
    sources = sorted(PACKAGE.glob("*.py"))
    assert len(sources) >= 5
    for path in sources:
        for module in _imports(path):
            assert not module.startswith(("app.demo", "app.casefiles")), (path.name, module)
            assert module != "app", (path.name, module)
        # the only data file it reads is its own wording (not resources/*.yaml)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert not node.value.endswith(".yaml") or node.value == "sectors.yaml"
                assert node.value not in ("resources", "resources_dir"), path.name


def _printed(doc: Doc) -> str:
    from benchmarks.foreign.pages import Text

    return "".join(op.text for page in doc.pages for op in page.ops if isinstance(op, Text))


def test_a_corpus_of_twenty_plants_twenty_defects_of_eleven_kinds() -> None:
    from benchmarks.foreign.case import DEFECTS
    from benchmarks.foreign.dossier import _MESSAGES

    cases = [plan_case(i, 7) for i in range(20)]
    planted = [d for c in cases for d in c.defects]
    assert len(planted) >= 20 and set(planted) == set(DEFECTS) == set(_MESSAGES)
    # the first 12 dossiers of a seed are those of the corpus before the later kinds
    assert all(set(c.defects) <= set(DEFECTS[:6]) for c in cases[:12])


def test_the_later_defects_are_in_the_dates_and_the_documents() -> None:
    from datetime import timedelta

    laid = {i: lay_out(i, 7) for i in range(12, 20)}
    for laid_out in laid.values():
        case, names = laid_out.case, [d.name for d in laid_out.docs if d is not None]
        text = {d.name: _printed(d) for d in laid_out.docs if d is not None}
        d = case.dates
        if "late_filing" in case.defects:  # 15 working days are at most 21 calendar days + 春节
            assert case.sector == "market" and d["filed"] - d["discovered"] >= timedelta(35)
        else:
            assert d["filed"] - d["discovered"] <= timedelta(7)
        if "decided_in_defence_period" in case.defects:
            assert timedelta(1) <= d["decided"] - d["notice_served"] <= timedelta(3)
        remedy = text["行政处罚决定书"]
        if "no_remedy_notice" in case.defects:
            assert "行政复议" not in remedy and "行政诉讼" not in remedy
        elif "wrong_remedy_period" in case.defects:
            assert "三个月内依法向" in remedy and "六个月" not in remedy
        else:
            assert "六个月内依法向" in remedy
        if "no_legal_review" in case.defects:
            assert case.major and "集体讨论记录" in names and "法制审核意见书" not in names
            assert "审核意见" not in text["集体讨论记录"]


def test_from_the_21st_dossier_one_document_is_fed_upside_down() -> None:
    """The first twenty dossiers of a seed are as they were; later ones have the pages of
    one document (a decision in every other dossier) scanned the wrong way round."""
    assert all(not lay_out(i, 7).upside_down for i in range(20))
    for index in range(20, 24):
        laid = lay_out(index, 7)
        truth = build_truth(laid, "x.pdf")
        turned = truth["upside_down_pages"]
        assert turned and turned == sorted(laid.upside_down)
        whole = [d for d in truth["documents"] if d["first_page"] == turned[0]]
        assert whole and whole[0]["last_page"] == turned[-1]  # one whole document
        if index % 2 == 0:
            assert whole[0]["name"].endswith("决定书")
