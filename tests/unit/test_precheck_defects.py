"""The defect→rule mapping is written once, in the rule data (``detects``): every defect the
demo plants is found by exactly one rule (of the kind a penalty- or coercion-only defect
is planted in), and no rule
names a defect the demo does not know."""

from __future__ import annotations

import pytest

from app.demo.spec import COERCION_DEFECTS, DEFECT_CODES, PENALTY_DEFECTS
from scoring.prechecks import PrecheckDataError, load_prechecks


def test_every_demo_defect_maps_to_one_rule_of_its_kinds() -> None:
    table = load_prechecks()
    mapping = table.rule_of_defect()
    assert set(mapping) == set(DEFECT_CODES)
    rules = {r.id: r for r in table.rules}
    for code, rule_id in mapping.items():
        kinds = set(rules[rule_id].kinds)
        if code in PENALTY_DEFECTS:
            assert "penalty" in kinds, (code, rule_id)
        if code in COERCION_DEFECTS:
            assert "coercion" in kinds, (code, rule_id)


def test_every_named_defect_is_a_demo_defect() -> None:
    for rule in load_prechecks().rules:
        assert set(rule.detects) <= set(DEFECT_CODES), rule.id


def test_a_defect_named_by_two_rules_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from scoring.prechecks import DEFAULT_PRECHECKS_PATH

    text = DEFAULT_PRECHECKS_PATH.read_text(encoding="utf-8")
    text = text.replace("    detects: [late_service]", "    detects: [late_service, page_gap]")
    path = tmp_path / "prechecks.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PrecheckDataError, match="page_gap"):
        load_prechecks(path)
