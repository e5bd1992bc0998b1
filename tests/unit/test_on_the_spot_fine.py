"""The limit of a fine decided on the spot (《行政处罚法》第五十一条): 200 yuan for a person,
3000 for an organisation; above it the 普通程序 applies, and a 当场处罚决定书 is a finding."""

from __future__ import annotations

from app.casefiles.splitting import DocumentSpan, PageInput, TextLine
from app.review.precheck_facts import build_facts
from scoring.prechecks import DocumentRef, DossierFacts, run_prechecks
from tests.unit.test_prechecks import PENALTY

RULE = "on_the_spot_fine_over_limit"
ON_THE_SPOT = [DocumentRef("case_cover", 1, 1), DocumentRef("on_the_spot_decision", 2, 2)]


def spot(fine: float, organisation: bool | None) -> DossierFacts:
    return DossierFacts(
        kind="penalty",
        documents=ON_THE_SPOT,
        fine_yuan=fine,
        party_is_organisation=organisation,
    )


def fired(facts: DossierFacts) -> list[str]:
    return [s.message for s in run_prechecks(facts, PENALTY) if s.rule == RULE]


def test_a_person_fined_more_than_200_yuan_on_the_spot() -> None:
    (message,) = fired(spot(700, organisation=False))
    assert "当场处罚决定书（第2页）处罚款700元" in message
    assert "对公民为200元以下" in message and "普通程序" in message
    assert fired(spot(200, organisation=False)) == []


def test_an_organisation_may_be_fined_up_to_3000_yuan_on_the_spot() -> None:
    assert fired(spot(700, organisation=True)) == []
    assert fired(spot(2999, organisation=None)) == []  # unknown party: the higher limit only
    (message,) = fired(spot(3500, organisation=None))
    assert "3000元以下" in message


def test_a_fine_in_the_ordinary_procedure_is_not_held_to_the_limit() -> None:
    ordinary = DossierFacts(
        kind="penalty",
        documents=[DocumentRef("penalty_decision", 2, 3)],
        fine_yuan=23600,
        party_is_organisation=False,
    )
    assert fired(ordinary) == []


def test_the_party_read_from_the_decision_tells_a_person() -> None:
    # The party as extracted (the name, not the ID number after it) makes the 200 limit apply.
    decision = PageInput(
        [TextLine("当场行政处罚决定书", (200.0, 130.0, 400.0, 150.0))], 595.3, 841.9
    )
    facts = build_facts(
        "penalty",
        [PageInput([], 595.3, 841.9), decision],
        [
            DocumentSpan("case_cover", "", 1, 1, 1.0),
            DocumentSpan("on_the_spot_decision", "", 2, 2, 1.0),
        ],
        {},
        fine_yuan=700.0,
        party="李秀英",
    )
    assert facts.party_is_organisation is False
    assert len(fired(facts)) == 1
