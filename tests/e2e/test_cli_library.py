"""The library through the CLI: import scanned demo dossiers, read them back against the
ground truth, correct what was misread, search, and refuse bad input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.support import run_cli

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def imported(
    tmp_path_factory: pytest.TempPathFactory, demo_sources: Path
) -> tuple[Path, list[dict]]:
    """Three demo dossiers (penalty with defects, clean penalty, coercion) imported with OCR."""
    data = tmp_path_factory.mktemp("library") / "data"
    pdfs = sorted(demo_sources.glob("*.pdf"))[:3]
    result = run_cli(data, "import", *map(str, pdfs), "--json")
    assert result.code == 0, result.stderr
    return data, [
        json.loads(p.with_suffix(".truth.json").read_text(encoding="utf-8")) for p in pdfs
    ]


def test_case_show_matches_the_ground_truth(imported: tuple[Path, list[dict]]) -> None:
    data, truths = imported
    documents_ok = documents_total = facts_ok = facts_total = 0
    for case_id, truth in enumerate(truths, start=1):
        shown = run_cli(data, "case", "show", str(case_id), "--json")
        assert shown.code == 0, shown.stderr
        doc = shown.json()
        assert doc["pages"] == truth["pages"] and doc["kind"] == truth["kind"]
        got = {(d["type"], d["first_page"], d["last_page"]) for d in doc["documents"]}
        for d in truth["documents"]:
            documents_total += 1
            documents_ok += (d["type"], d["first_page"], d["last_page"]) in got
        expected = {k: truth["fields"][k] for k in ("case_no", "party", "cause", "fine_yuan")}
        expected |= {
            f"date.{k}": v
            for k, v in truth["fields"]["dates"].items()
            if k in doc["fields"]["dates"]
        }
        actual = {k: doc["fields"][k] for k in ("case_no", "party", "cause", "fine_yuan")}
        actual |= {f"date.{k}": v for k, v in doc["fields"]["dates"].items()}
        for key, want in expected.items():
            facts_total += 1
            facts_ok += actual.get(key) == want
    assert documents_ok / documents_total >= 0.9, (documents_ok, documents_total)
    assert facts_ok / facts_total >= 0.9, (facts_ok, facts_total)


def test_a_correction_wins_over_a_rerun_of_ocr(
    imported: tuple[Path, list[dict]], tmp_path: Path
) -> None:
    data, _ = imported
    copy = tmp_path / "data"
    shutil.copytree(data, copy)
    assert run_cli(copy, "case", "set", "3", "party", "更正后的当事人", "--page", "4").code == 0
    docs = run_cli(copy, "case", "show", "3", "--json").json()["documents"]
    assert run_cli(copy, "case", "doc", "3", str(docs[0]["id"]), "--merge-next").code == 0
    rerun = run_cli(copy, "ocr", "3", "--json")
    assert rerun.code == 0, rerun.stderr
    after = run_cli(copy, "case", "show", "3", "--json").json()
    assert after["fields"]["party"] == "更正后的当事人"
    assert len(after["documents"]) == len(docs) - 1, "the edited outline survives the re-run"
    listed = {r["id"]: r for r in run_cli(copy, "cases", "--json").json()}
    assert listed[3]["party"] == "更正后的当事人"
    assert run_cli(copy, "case", "clear", "3", "party").code == 0
    assert (
        run_cli(copy, "case", "show", "3", "--json").json()["fields"]["party"] != "更正后的当事人"
    )


def test_search_finds_two_character_terms(imported: tuple[Path, list[dict]]) -> None:
    data, truths = imported
    hits = run_cli(data, "search", "送达", "--json").json()
    assert {h["case_id"] for h in hits} == {1, 2, 3}
    assert all("【送达】" in h["snippet"] for h in hits)
    case_no = truths[0]["fields"]["case_no"]
    exact = run_cli(data, "search", case_no, "--case", "1", "--json").json()
    assert exact and all(h["case_id"] == 1 for h in exact)
    assert run_cli(data, "search", "   ").code != 0


def test_a_batch_with_bad_files_imports_the_rest(tmp_path: Path, demo_sources: Path) -> None:
    data = tmp_path / "data"
    bad_pdf = tmp_path / "损坏.pdf"
    bad_pdf.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 200)
    empty = tmp_path / "空.pdf"
    empty.write_bytes(b"")
    renamed = tmp_path / "照片.pdf"
    renamed.write_bytes(b"\xff\xd8\xff\xe0 not really a pdf" * 50)
    good = sorted(demo_sources.glob("*.pdf"))[0]
    result = run_cli(
        data, "import", str(bad_pdf), str(empty), str(renamed), str(good), "--no-ocr", "--json"
    )
    assert result.code == 3
    rows = result.json()
    assert [r["file"] for r in rows] == ["损坏.pdf", "空.pdf", "照片.pdf", good.name]
    assert all(r.get("error") for r in rows[:3]) and rows[3]["id"] == 1
    assert "0 字节" in rows[1]["error"] and "不是 PDF" in rows[2]["error"]
    assert "Traceback" not in result.stderr
    assert len(run_cli(data, "cases", "--json").json()) == 1
    library = [p for p in (data / "library").rglob("*") if p.is_file()]
    assert len(library) == 1, "nothing half-imported stays behind"
