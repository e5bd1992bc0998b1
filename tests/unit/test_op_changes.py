"""Every write says what it changed (``app.changes``): the window's one change signal
carries it, so each panel can refresh from the flags it shows. These tests call the real
services on a real library and read the change descriptions back with ``changes_of``."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.changes import OpChanges, changes_of
from app.config import Paths, RunContext
from app.review.corrected_cases import CorrectedCaseService
from app.services import Services
from tests.unit.test_library_import import make_pdf


@pytest.fixture
def services(tmp_path: Path) -> Services:
    return Services.open(RunContext(Paths(tmp_path / "data")))


def test_library_and_dossier_writes_name_the_dossier(services: Services, tmp_path: Path) -> None:
    case_id = services.library.import_pdf(make_pdf(tmp_path / "卷.pdf", pages=3)).id
    classified = services.library.set_classification(case_id, "某县交通运输局", "coercion")
    assert classified.library and classified.case_ids == {case_id}
    rotated = services.cases.set_rotation(case_id, 2, 90)
    assert rotated == OpChanges(case_facts=True).with_ids(None, case_id)
    services.corrections.set_fact(case_id, "party", "某某公司")
    cleared = services.corrections.clear_fact(case_id, "party")
    assert cleared.case_facts and cleared.touches_case(case_id)
    assert not cleared.touches_case(case_id + 1)


def test_a_new_campaign_says_which_campaign_changed(services: Services) -> None:
    info = services.campaigns.create("自评", "selfreview", "2026")
    assert changes_of(info) == OpChanges(campaign=True, campaign_id=info.id)


def test_ledger_writes_change_the_ledger(services: Services) -> None:
    ledger = CorrectedCaseService(services.db, "李审")
    entry = ledger.add(
        department="某县市场监督管理局",
        case_no="某市监罚〔2026〕12号",
        channel="复议",
        correcting_organ="某县人民政府",
        corrected_on="2026年9月3日",
        result="撤销",
        reason="未履行事先告知程序",
    )
    assert changes_of(entry).ledger
    assert ledger.delete(entry.id) == OpChanges(ledger=True)
