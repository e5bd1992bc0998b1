"""The Excel summary as LibreOffice prints it: no wrapped cell's text runs below its row
(LibreOffice and WPS keep the row height the file gives; too low a height cuts the last
line off, as it cut a 否决项's third line in the demo campaign)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pymupdf
import pytest

from app.documents.excel_report import write_campaign_workbook
from app.documents.pdf_convert import find_soffice
from app.review.reviews import ReviewService
from tests.review_support import DEPARTMENTS, build_reviewed_library

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) 未安装，无法检查版式"),
]

# reasons as long as the prechecks write them: two and three lines in a 40-wide column
LONG_REASONS = (
    "作出处罚决定日期2025年1月22日，送达处罚决定书日期2025年2月18日，超过7个工作日的送达期限"
    "（应于2025年2月7日前送达处罚决定书）。",
    "送达行政处罚事先告知书日期2025年1月21日，作出处罚决定日期2025年1月22日，5个工作日的告知书"
    "载明的陈述申辩期限尚未届满（至2025年1月27日届满，应于其后作出处罚决定）。",
)


def _pdf(xlsx: Path, out: Path) -> Path:
    profile = out / "profile"
    subprocess.run(
        [
            str(find_soffice()),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(xlsx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out / (xlsx.stem + ".pdf")


def _cut_lines(pdf: Path) -> list[str]:
    """Lines of text whose baseline lies below the rule that closes their row: the glyphs
    LibreOffice cuts off at the row's foot."""
    cut = []
    with pymupdf.open(pdf) as doc:
        for page in doc:
            rules = sorted(d["rect"].y0 for d in page.get_drawings() if d["rect"].height < 1)
            for block in page.get_text("dict")["blocks"]:
                for line in block.get("lines", []):
                    top, base = line["bbox"][1], line["spans"][0]["origin"][1]
                    below = [y for y in rules if y > top + 0.5]
                    if below and base > below[0]:
                        text = "".join(span["text"] for span in line["spans"])
                        cut.append(f"p{page.number + 1} {text}")
    return cut


@pytest.mark.parametrize("public", [False, True])
def test_no_wrapped_cell_is_cut_off(tmp_path: Path, public: bool) -> None:
    lib = build_reviewed_library(tmp_path / "lib")
    case = lib.cases[DEPARTMENTS[1]][2]
    reviews = ReviewService(lib.db, default_reviewer="王评查")
    for item, reason in zip(("P-4.12", "P-4.7"), LONG_REASONS, strict=True):
        reviews.deduct(lib.spotcheck, case, item, 1, reason, page=16)
    xlsx = write_campaign_workbook(lib.db, lib.spotcheck, tmp_path / "汇总.xlsx", public=public)
    pdf = _pdf(xlsx, tmp_path)
    with pymupdf.open(pdf) as doc:
        assert "陈述申辩期限" in "".join(page.get_text() for page in doc)
    assert not _cut_lines(pdf)


def test_the_case_sheet_prints_in_legible_type(tmp_path: Path) -> None:
    """Fitted to the page width, the 案卷得分 sheet printed in 5-point type while its names
    (执法单位, 案号, 当事人, 评查标准) and 否决项 took their full length; wrapped, they leave
    it larger."""
    lib = build_reviewed_library(tmp_path / "lib")
    xlsx = write_campaign_workbook(lib.db, lib.spotcheck, tmp_path / "汇总.xlsx", public=True)
    with pymupdf.open(_pdf(xlsx, tmp_path)) as doc:
        sizes = sorted(
            span["size"]
            for block in doc[0].get_text("dict")["blocks"]
            for line in block.get("lines", [])
            for span in line["spans"]
            if span["text"].strip()
        )
    assert sizes[len(sizes) // 2] >= 6.5, sizes  # 5.3 at full-length names
