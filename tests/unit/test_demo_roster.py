"""The demo's 执法人员名册: written beside the dossiers, imported with them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from app.config import Paths, RunContext
from app.demo import dossier_truth, plan_library
from app.demo.folder import read_truth
from app.demo.roster_sheet import ROSTER_FILE, write_roster
from app.review.roster import read_roster
from app.services import Services
from scoring.prechecks import RosterEntry, run_prechecks
from tests.demo_facts import facts_from_truth, laid_pages
from tests.support import build_demo_data_dir


def test_the_sheet_reads_back_through_the_ordinary_import(tmp_path: Path) -> None:
    truths = [dossier_truth(spec) for spec in plan_library(12, 2024)]
    rows = {r.cert_no: r for r in read_roster(write_roster(truths, tmp_path / ROSTER_FILE))}
    lines = [line for truth in truths for line in truth["roster"]]
    assert set(rows) == {line["cert_no"] for line in lines}
    for line in lines:
        row = rows[line["cert_no"]]
        assert (row.name, row.department) == (line["name"], line["department"])
        assert row.valid_to is not None and row.valid_to.isoformat() == line["valid_to"]
        assert row.legal_qualification == line.get("legal_qualification")
    assert any(r.legal_qualification is None and r.cert_no.startswith("F") for r in rows.values())


def test_the_whole_roster_finds_what_each_dossier_s_own_lines_find(tmp_path: Path) -> None:
    """In the window the roster holds every demo officer: the planted gaps show, and no
    officer of another dossier turns into a false alarm."""
    specs = plan_library(12, 2024)
    truths = [dossier_truth(spec) for spec in specs]
    rows = read_roster(write_roster(truths, tmp_path / ROSTER_FILE))
    whole = [
        RosterEntry(
            r.name,
            r.cert_no,
            r.valid_from,
            r.valid_to,
            r.department,
            r.category,
            r.legal_qualification,
        )
        for r in rows
    ]
    fired = set()
    for spec, truth in zip(specs, truths, strict=True):
        facts = facts_from_truth(truth, laid_pages(spec))
        own = {s.rule for s in run_prechecks(facts) if not s.needs_check}
        found = run_prechecks(replace(facts, roster=whole))
        assert {s.rule for s in found if not s.needs_check} == own, spec.name
        fired |= own
    assert {"officer_not_certified", "legal_reviewer_unqualified"} <= fired


def test_building_the_demo_imports_the_roster(tmp_path: Path) -> None:
    data_dir = build_demo_data_dir(tmp_path / "demo", count=1)
    services = Services.open(RunContext(Paths(data_dir)))
    try:
        (pdf,) = services.ctx.paths.demo_sources_dir.glob("*.pdf")
        wanted = {line["cert_no"] for line in read_truth(pdf)["roster"]}
        assert {o["cert_no"] for o in services.roster()} == wanted
    finally:
        services.db.dispose()
