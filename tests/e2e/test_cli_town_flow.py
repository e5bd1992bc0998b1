"""A 乡镇's file from end to end on the command line (issue 14, 乡镇 衔接): the demo
赋权事项清单 imported (`town import/show`), a generated 乡镇 dossier imported, a campaign
drawn, the pre-checks run and the file scored.

The dossier is the demo's 乡镇 penalty file punished outside the list, written as a PDF with
a text layer (the demo's laid-out text) so the import reads it without OCR: the flow, not
RapidOCR, is under test here (tests/e2e/test_reliability.py covers scans).
"""

from __future__ import annotations

from pathlib import Path

import pymupdf

from app.demo import DossierSpec
from app.demo.layout import PAGE_H, PAGE_W
from app.demo.library import TOWN_POWERS
from tests.demo_facts import laid_pages
from tests.support import run_cli

TOWN_SPEC = DossierSpec(
    name="town-flow",
    kind="penalty",
    department="town",
    seed=7,
    defects=("outside_delegated_powers",),
)


def write_text_pdf(spec: DossierSpec, path: Path) -> Path:
    """The dossier's pages as A4 PDF pages whose text layer is the demo's laid-out text."""
    scale = 595.0 / PAGE_W
    doc = pymupdf.open()
    for laid in laid_pages(spec):
        page = doc.new_page(width=PAGE_W * scale, height=PAGE_H * scale)
        for line in laid.lines:
            _x0, y0, _x1, y1 = line.box
            height = (y1 - y0) * scale
            page.insert_text(
                (line.box[0] * scale, y1 * scale - height * 0.2),
                line.text,
                fontname="china-s",
                fontsize=height * 0.8,
            )
    doc.save(path)
    doc.close()
    return path


def test_a_town_file_from_list_to_score(tmp_path: Path) -> None:
    data = tmp_path / "data"
    imported = run_cli(data, "town", "import", str(TOWN_POWERS), "--json")
    assert imported.code == 0, imported.stderr
    assert imported.json() == {"lists": 1}
    (shown,) = run_cli(data, "town", "show", "--json").json()
    assert shown["organs"] == [] and any("城乡规划法" in m["basis"] for m in shown["matters"])

    pdf = write_text_pdf(TOWN_SPEC, tmp_path / "乡镇案卷.pdf")
    added = run_cli(data, "import", str(pdf), "--json")
    assert added.code == 0, added.stderr
    (case,) = added.json()
    case_id = str(case["id"])
    detail = run_cli(data, "case", "show", case_id, "--json").json()
    assert detail["department"].endswith("镇人民政府")  # the organ read from the decision

    create = "campaign create --name 乡镇案卷评查 --kind spotcheck --period 2025年 --json"
    created = run_cli(data, *create.split())
    assert created.code == 0, created.stderr
    campaign = str(created.json()["id"])
    sampled = run_cli(
        data, "campaign", "sample", campaign, "--per-department", "1", "--seed", "7", "--json"
    )
    assert sampled.code == 0, sampled.stderr
    assert [c["case_id"] for c in sampled.json()["cases"]] == [case["id"]]

    found = run_cli(data, "precheck", case_id, "--json")
    assert found.code == 0, found.stderr
    rules = {r["rule"]: r for r in found.json()}
    # the planted defect, judged against the imported list (《行政处罚法》第二十四条) ...
    outside = rules["outside_delegated_powers"]
    assert outside["item_id"] == "P-1.1" and shown["name"] in outside["message"]
    # ... and nothing the demo did not plant: its 救济告知 names the 县级人民政府
    assert set(rules) == {"outside_delegated_powers"}

    assert run_cli(data, "settings", "set", "reviewer_name", "王评查").code == 0
    accepted = run_cli(data, "review", "accept", campaign, case_id, "--json")
    assert accepted.code == 0, accepted.stderr
    assert accepted.json()["accepted"] == 1
    score = run_cli(data, "review", "score", campaign, case_id, "--json")
    assert score.code == 0, score.stderr
    result = score.json()
    assert result["vetoed"] is True and result["grade"] == "不合格"
    assert "P-1.1" in result["veto_items"]
