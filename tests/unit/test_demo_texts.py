"""The demo documents' wording is data (app/demo/texts.yaml): what its renderer does."""

from __future__ import annotations

import pytest

from app.demo.dossier import lay_dossier
from app.demo.flow import Text
from app.demo.spec import DossierSpec
from app.demo.texts import decision_form, paragraphs


def _decision_text(spec: DossierSpec) -> str:
    laid = lay_dossier(spec)
    decision = laid.document("decision")
    assert decision is not None
    return "".join(b.text for b in decision.blocks if isinstance(b, Text))


@pytest.mark.parametrize(("kind", "procedure"), [("penalty", None), ("coercion", "seizure")])
def test_a_planted_defect_leaves_out_its_paragraph(kind: str, procedure: str | None) -> None:
    clean = DossierSpec("x", kind, "market", 3, procedure=procedure)
    planted = DossierSpec("x", kind, "market", 3, ("missing_remedy_notice",), procedure=procedure)
    assert "申请行政复议" in _decision_text(clean)
    assert "申请行政复议" not in _decision_text(planted)


def test_the_fields_are_filled_from_the_case_and_the_caller() -> None:
    laid = lay_dossier(DossierSpec("x", "penalty", "market", 5))
    body = paragraphs(
        laid.case, decision_form("penalty_decision"), defence="", fine="一元", remedy=""
    )
    assert body[0].startswith(laid.case.fmt("discovered", ("ymd_cn",))[:4])
    assert laid.case.cause in body[0] and "罚款一元。" in body
    assert all("{" not in p and "}" not in p for p in body)
