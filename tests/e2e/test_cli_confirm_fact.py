"""``case doubtful`` / ``case confirm-fact`` and ``precheck --json`` on a dossier whose decision
date is 待核实 (a seal over it), through the CLI as a user runs it."""

from __future__ import annotations

from pathlib import Path

from app.config import Paths, RunContext
from app.services import Services
from app.store.models import CaseField, CaseFile
from tests.support import run_cli

READINGS = [
    {"value": "2024-07-02", "page": 11, "document": "penalty_decision", "region": None,
     "confidence": 0.41, "source": "决定书落款"},
    {"value": "2024-07-27", "page": 13, "document": "service_receipt", "region": None,
     "confidence": 0.93, "source": "送达回证"},
]  # fmt: skip


def _store(data: Path) -> None:
    services = Services.open(RunContext(paths=Paths(data)))
    with services.db.session() as session:
        case = CaseFile(
            sha256="9" * 64,
            original_name="印章.pdf",
            stored_path="印章.pdf",
            source_kind="pdf",
            page_count=0,
            kind="penalty",
        )
        session.add(case)
        session.flush()
        for name, value, page in (
            ("date.filed", "2024-06-03", 2),
            ("date.decided", "2024-07-02", 11),
            ("date.served", "2024-08-01", 13),
        ):
            doubtful = name == "date.decided"
            session.add(
                CaseField(
                    case_file_id=case.id,
                    name=name,
                    value=value,
                    page=page,
                    status="doubtful" if doubtful else "single",
                    readings=READINGS if doubtful else None,
                )
            )
    services.db.dispose()


def test_a_doubtful_date_is_listed_asked_about_and_confirmed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _store(data)
    listed = run_cli(data, "case", "doubtful", "1", "--json")
    assert listed.code == 0, listed.stderr
    [fact] = listed.json()
    assert (fact["field"], fact["label"], fact["value"]) == (
        "date.decided",
        "决定日期",
        "2024-07-02",
    )
    assert [(r["n"], r["value"], r["page"]) for r in fact["readings"]] == [
        (1, "2024-07-02", 11),
        (2, "2024-07-27", 13),
    ]

    run = run_cli(data, "precheck", "1", "--json")
    assert run.code == 0, run.stderr
    late = next(r for r in run.json() if r["rule"] == "decision_served_late")
    assert late["needs_check"] is True and late["suggested_points"] is None
    assert [(f["label"], f["page"], f["status"]) for f in late["facts"]] == [
        ("决定日期", 11, "doubtful"),
        ("决定书送达日期", 13, "single"),
    ]
    human = run_cli(data, "precheck", "1")
    assert "[需核实] 决定日期待核实" in human.stdout
    assert "依据：决定日期 2024年7月2日（第 11 页，待核实）" in human.stdout

    # Not accepted as a deduction while the date is 待核实.
    made = run_cli(data, "campaign", "create", "--name", "专项", "--kind", "selfreview",
                   "--period", "2024", "--json")  # fmt: skip
    campaign = str(made.json()["id"])
    assert run_cli(data, "campaign", "add", campaign, "1").code == 0
    assert run_cli(data, "settings", "set", "reviewer_name", "王评查").code == 0
    accepted = run_cli(data, "review", "accept", campaign, "1")
    assert accepted.code == 0, accepted.stderr
    assert "已采纳 0 条预检提示。另有 1 条需核实" in accepted.stdout

    bad = run_cli(data, "case", "confirm-fact", "1", "date.decided", "--reading", "5")
    assert bad.code != 0 and "没有第 5 种候选读法" in bad.stderr

    done = run_cli(data, "case", "confirm-fact", "1", "date.decided", "--reading", "2", "--json")
    assert done.code == 0, done.stderr
    doc = done.json()
    assert (doc["value"], doc["status"]) == ("2024-07-27", "confirmed")
    assert "decision_served_late" not in {s["rule"] for s in doc["prechecks"]}
    assert run_cli(data, "case", "doubtful", "1", "--json").json() == []
