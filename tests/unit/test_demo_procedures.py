"""Procedures of the demo generator: 强制执行 of a fine, 强制拆除 (by 代履行 or not), a seizure
made on the spot, and the penalty steps some files hold (先行登记保存, 听证, 公示, 留置/邮寄送达,
加处罚款). Each planted defect is found by its rule from the laid-out text and nothing else
fires; the same dossier without the defect is clean."""

from __future__ import annotations

import pytest

from app.demo import DossierSpec, dossier_truth
from scoring.prechecks import load_prechecks, run_prechecks
from tests.demo_facts import facts_from_truth, laid_pages

RULE_OF_DEFECT = load_prechecks().rule_of_defect()


def _found(spec: DossierSpec) -> tuple[list[str], list[str]]:
    truth = dossier_truth(spec)
    got = run_prechecks(facts_from_truth(truth, laid_pages(spec)))
    want = sorted(RULE_OF_DEFECT[d["code"]] for d in truth["defects"])
    return sorted(s.rule for s in got), want


CASES = [
    ("enforcement", "market", ("late_fine_standard_not_told",)),
    ("enforcement", "transport", ("enforcement_before_demand_period",)),
    ("demolition", "urban", ("demolition_without_announcement",)),
    ("demolition", "town", ("demolition_before_remedy_period",)),
    ("demolition", "urban", ("substitute_without_demand", "enforcement_before_demand_period")),
    ("seizure", "market", ("emergency_report_late",)),
]


PENALTY_CASES = [
    ("market", ("preservation_handled_late",)),
    ("urban", ("hearing_notified_late",)),
    ("ecology", ("lodged_service_without_witness", "mailed_service_without_receipt")),
    ("transport", ("publication_late",)),
    ("market", ("late_fine_standard_not_told",)),
    ("town", ("transfer_late",)),
    ("town", ("outside_delegated_powers",)),
    ("ecology", ("officer_not_certified",)),
]


@pytest.mark.parametrize(("department", "defects"), PENALTY_CASES)
@pytest.mark.parametrize("seed", [5, 77])
def test_each_planted_penalty_step_defect_fires_alone(
    department: str, defects: tuple[str, ...], seed: int
) -> None:
    spec = DossierSpec("x", "penalty", department, seed, defects)
    got, want = _found(spec)
    assert got == want and len(want) == len(defects)


@pytest.mark.parametrize(("procedure", "department", "defects"), CASES)
@pytest.mark.parametrize("seed", [3, 41])
def test_each_planted_coercion_defect_fires_alone(
    procedure: str, department: str, defects: tuple[str, ...], seed: int
) -> None:
    spec = DossierSpec("x", "coercion", department, seed, defects, procedure=procedure)
    got, want = _found(spec)
    assert got == want and len(want) == len(defects)
    clean = DossierSpec("x", "coercion", department, seed, procedure=procedure)
    assert _found(clean) == ([], [])


def test_a_demolition_holds_its_documents_in_order() -> None:
    spec = DossierSpec("x", "coercion", "urban", 5, ("substitute_without_demand",))
    types = [d["type"] for d in dossier_truth(spec)["documents"]]
    assert spec.coercion_procedure == "demolition"
    for before, after in [
        ("demolition_order", "demand_notice"),
        ("demand_notice", "enforcement_decision"),
        ("enforcement_decision", "demolition_notice"),
        ("substitute_demand_notice", "enforcement_record"),
    ]:
        assert types.index(before) < types.index(after)


def test_a_procedure_refuses_what_it_cannot_hold() -> None:
    with pytest.raises(ValueError, match="不适用于该行政强制程序"):
        DossierSpec(
            "x", "coercion", "urban", defects=("missing_release_decision",), procedure="demolition"
        )
    with pytest.raises(ValueError, match="强制拆除"):
        DossierSpec("x", "coercion", "market", procedure="demolition")
    with pytest.raises(ValueError):
        DossierSpec("x", "penalty", "market", procedure="seizure")


def test_the_library_shows_every_procedure() -> None:
    from app.demo import plan_library

    procedures = {s.coercion_procedure for s in plan_library() if s.kind == "coercion"}
    assert procedures == {"seizure", "enforcement", "demolition"}


def test_the_demo_town_list_holds_every_town_cause_but_the_one_outside_it() -> None:
    from app.demo import demo_town_powers
    from app.demo.identities import catalog
    from scoring.fine_ranges import parse_provisions
    from scoring.town_powers import outside_list

    powers = demo_town_powers().for_organ("江州市清河县桃源镇人民政府")
    assert powers is not None
    for cause in catalog()["departments"]["town"]["causes"]:
        outside = outside_list(parse_provisions(cause["basis"]), powers)
        assert bool(outside) == cause.get("outside_powers", False), cause["cause"]


@pytest.mark.parametrize("seed", [2024, 11])
def test_small_libraries_plant_what_they_can_and_always_build(seed: int) -> None:
    """A small library piles the codes into few files (the GUI tests' template has 4): the
    conflicting ones are kept apart and every file still gets its dates."""
    from app.demo import plan_library

    for count in (2, 4, 6):
        for spec in plan_library(count, seed):
            assert dossier_truth(spec)["pages"] > 3
