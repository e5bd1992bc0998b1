"""``precheck ID`` through the CLI on dossiers stored with real OCR (tests/fixtures/ocr)."""

from __future__ import annotations

import json
from pathlib import Path

from app.casefiles.processing import CaseProcessor
from app.config import Paths, RunContext
from app.services import Services
from app.store.models import CaseFile, Page
from app.tasks import TaskState
from tests.support import run_cli

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ocr"


def _store(data: Path, names: list[str]) -> list[dict]:
    """Cases as import leaves them: pages with OCR lines, then split and facts extracted."""
    services = Services.open(RunContext(paths=Paths(data)))
    truths = []
    for number, name in enumerate(names, start=1):
        fixture = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
        with services.db.session() as session:
            case = CaseFile(
                sha256=f"{number:064d}",
                original_name=f"{name}.pdf",
                stored_path=f"{name}.pdf",
                source_kind="pdf",
                page_count=len(fixture["pages"]),
                kind=fixture["truth"]["kind"],
            )
            for index, rec in enumerate(fixture["pages"], start=1):
                case.pages.append(
                    Page(
                        index=index,
                        width=rec["width"],
                        height=rec["height"],
                        ocr_text="\n".join(ln["text"] for ln in rec["lines"]),
                        ocr_boxes=rec["lines"],
                        ocr_status="done",
                    )
                )
            session.add(case)
        CaseProcessor(services.db, services.ctx.paths)._finish(number, TaskState())
        truths.append(fixture["truth"])
    return truths


def test_precheck_prints_the_planted_defects_and_keeps_decisions(tmp_path: Path) -> None:
    data = tmp_path / "data"
    truths = _store(data, ["演示01-行政处罚案卷", "演示11-行政处罚案卷", "演示12-行政强制案卷"])
    clean = run_cli(data, "precheck", "1", "--json")
    assert clean.code == 0, clean.stderr
    assert clean.json() == []

    result = run_cli(data, "precheck", "2", "--json")
    assert result.code == 0, result.stderr
    rows = result.json()
    assert {r["rule"] for r in rows} == {"missing_decision_receipt", "legal_review_after_decision"}
    for row in rows:
        assert {"rule", "item_id", "message", "pages", "suggested_points"} <= set(row)
        assert row["needs_check"] is False
        assert row["item_id"].startswith("P-") and row["suggested_points"] > 0 and row["pages"]
    review = next(r for r in rows if r["rule"] == "legal_review_after_decision")
    assert "2024年10月22日" in review["message"] and "2024年10月21日" in review["message"]

    coercion = run_cli(data, "precheck", "3", "--checklist", "coercion-assembled", "--json")
    assert coercion.code == 0, coercion.stderr
    assert [(r["rule"], r["item_id"]) for r in coercion.json()] == [
        ("missing_release_decision", "C-4.6")
    ]
    assert truths[2]["defects"][0]["code"] == "missing_release_decision"

    # a reviewer's rejection survives a second run; pending ones are replaced, not doubled
    from app.review.prechecks import list_suggestions
    from app.store.models import PrecheckSuggestion

    services = Services.open(RunContext(paths=Paths(data)))
    with services.db.session() as session:
        row = session.query(PrecheckSuggestion).filter_by(case_file_id=2, rule="page_gap").first()
        assert row is None
        row = (
            session.query(PrecheckSuggestion)
            .filter_by(case_file_id=2, rule="missing_decision_receipt")
            .one()
        )
        row.state, row.reject_reason = "rejected", "回证附于副卷"
    again = run_cli(data, "precheck", "2", "--json")
    assert again.code == 0, again.stderr
    stored = list_suggestions(services.db, 2)
    assert len(stored) == 2
    rejected = next(s for s in stored if s["rule"] == "missing_decision_receipt")
    assert rejected["state"] == "rejected" and rejected["reject_reason"] == "回证附于副卷"


def test_precheck_of_an_unknown_case_is_a_chinese_error(tmp_path: Path) -> None:
    result = run_cli(tmp_path / "data", "precheck", "99", "--json")
    assert result.code != 0 and "99" in result.stderr
