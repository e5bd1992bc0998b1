"""From a demo campaign, the CLI produces the five kinds of document: 评查表, 监督意见书,
监督决定书 (after ``--today`` passes the deadline), 评查情况通报, and the Excel workbook
and charts — each a real file that python-docx / openpyxl reads back."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl

from tests.support import run_cli


def test_demo_campaign_yields_every_paper(tmp_path: Path) -> None:
    data = tmp_path / "data"
    out = tmp_path / "out"
    out.mkdir()
    built = run_cli(data, "--today", "2026-11-23", "--json", "demo", "--count", "3", "--campaign")
    assert built.code == 0, built.stderr
    campaign = str(built.json()["campaign"])
    data = data / "demo"  # the demo library's own folder

    def cli(*args: str):  # type: ignore[no-untyped-def]
        result = run_cli(data, "--today", "2026-11-23", "--json", *args)
        assert result.code == 0, result.stderr
        return result.json()

    candidates = cli("letter", "candidates", campaign)
    assert candidates, "the demo's planted defects include supervision items"
    department = candidates[0]["department"]
    opinion = cli(
        "letter", "opinion", campaign, "--department", department, "--out", str(out / "意见书.docx")
    )
    assert opinion["number"] == "演司监意〔2026〕1号" and opinion["deadline"] == "2026-12-23"
    text = "\n".join(p.text for p in docx.Document(opinion["file"]).paragraphs)
    assert department in text and "2026年12月23日" in text

    sheet = cli("report", "sheet", campaign, "1", "--out", str(out / "评查表.docx"))
    assert Path(sheet["file"]).stat().st_size > 0
    circular = cli("report", "circular", campaign, "--out", str(out / "通报.docx"))
    assert len(docx.Document(circular["file"]).inline_shapes) >= 2  # charts embedded
    excel = cli("report", "excel", campaign, "--out", str(out / "汇总.xlsx"))
    assert "案卷得分" in openpyxl.load_workbook(excel["file"]).sheetnames
    charts = cli("report", "charts", campaign, "--out", str(out / "charts"))
    assert any(f.endswith(".svg") for f in charts["files"])

    late = run_cli(data, "--today", "2026-12-24", "--json", "rectify", "list").json()
    assert late[0]["status"] == "overdue"
    decision = run_cli(
        data, "--today", "2026-12-24", "--json", "letter", "decision", opinion["number"],
        "--out", str(out / "决定书.docx"), "--deadline", "2027-01-29",
    )  # fmt: skip
    assert decision.code == 0, decision.stderr
    assert decision.json()["number"] == "演司监决〔2026〕1号"
    text = "\n".join(p.text for p in docx.Document(decision.json()["file"]).paragraphs)
    assert opinion["number"] in text and "2027年1月29日" in text
    after = run_cli(data, "--today", "2026-12-24", "--json", "rectify", "list").json()
    assert after[0]["status"] == "decided"
