"""One generated dossier through real OCR, splitting and extraction (slow: about a minute)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.casefiles.facts import extract_facts
from app.casefiles.splitting import PageInput, split_dossier


@pytest.mark.slow
def test_a_generated_coercion_dossier_end_to_end(tmp_path: Path) -> None:
    ocr = pytest.importorskip("app.casefiles.ocr")
    from app.casefiles.page_source import open_pages
    from app.demo import DossierSpec, generate_dossier

    pdf = generate_dossier(
        DossierSpec("e2e", kind="coercion", department="urban", seed=7), tmp_path / "e2e.pdf"
    )
    truth = json.loads((tmp_path / "e2e.truth.json").read_text(encoding="utf-8"))
    engine = ocr.OcrEngine()
    with open_pages(pdf) as source:
        full, band = [], []
        for index in range(source.count):
            size = source.page_size(index)
            full.append(PageInput(ocr.page_text(source, index, engine).lines, *size))
            band.append(
                PageInput(ocr.page_text(source, index, engine, band=ocr.TITLE_BAND).lines, *size)
            )
    want = [(d["type"], d["first_page"], d["last_page"]) for d in truth["documents"]]
    for pages in (full, band):
        assert [(d.type, d.first_page, d.last_page) for d in split_dossier(pages)] == want
    got = extract_facts(full, split_dossier(full)).fields()
    want_fields = truth["fields"]
    matching = [got[k] == want_fields[k] for k in ("case_no", "party", "cause", "fine_yuan")]
    matching += [got["dates"][k] == v for k, v in want_fields["dates"].items()]
    assert sum(matching) >= len(matching) - 1  # OCR may lose one date under a seal
