"""Every write says what it changed (``app.changes``): the window's one change signal
carries it, so each panel can refresh from the flags it shows. These tests call the real
services on a real library and read the change descriptions back with ``changes_of``."""

from __future__ import annotations

import inspect
import typing
from pathlib import Path

import pytest

from app.changes import OpChanges, OpResult, changes_of
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


# ---------------------------------------------------------------- every write says so
# Queries (return plain data) and long jobs (run with ``TaskManager.start(changes=...)``,
# which declares their changes) by class; every other public method of a service is a write
# and must return ``OpChanges``, ``OpResult`` or a result with a ``changes`` property.
QUERIES: dict[str, set[str]] = {
    "CaseDetailService": {"detail", "page_text", "page_rotations"},
    "LibraryService": {
        "count_real_dossiers",
        "departments",
        "is_empty",
        "list_cases",
        "unfinished_case_ids",
    },
    "CorrectionService": set(),
    "RectificationService": {"dashboard", "department_states", "list", "show"},
    "ReviewService": {"checklist_for", "deductions", "differences", "score", "status"},
    "ChecklistService": {
        "current",
        "default_for",
        "folders",
        "get",
        "list",
        "start_excel_import",
        "validate_file",
    },
    "TeamService": {"members", "visibility"},
    "CorrectedCaseService": {"counts_by_department", "department_names", "get", "list", "quarters"},
    "CampaignService": {"cases", "list", "show"},
    "LetterService": {
        "candidates",
        "deadline_for",
        "deadline_provisional",
        "decision_context",
        "issued_context",
        "letters",
        "no_opinion_reasons",
        "opinion_context",
        "provisional_letters",
    },
    "LetterNumberRegistry": {"peek", "sequences"},
    "TownPowerService": {"current", "show"},
}
LONG_JOBS = {"LibraryService": {"import_path", "import_pdf"}}


def _service_classes() -> list[type]:
    from app.casefiles.case_detail import CaseDetailService
    from app.casefiles.corrections import CorrectionService
    from app.casefiles.library import LibraryService
    from app.documents.letters import LetterService
    from app.review.campaigns import CampaignService
    from app.review.checklists import ChecklistService
    from app.review.letter_numbers import LetterNumberRegistry
    from app.review.rectification import RectificationService
    from app.review.reviews import ReviewService
    from app.review.team import TeamService
    from app.review.town_powers import TownPowerService

    return [
        CaseDetailService,
        LibraryService,
        CorrectionService,
        RectificationService,
        ReviewService,
        ChecklistService,
        TeamService,
        CorrectedCaseService,
        CampaignService,
        LetterService,
        LetterNumberRegistry,
        TownPowerService,
    ]


def _describes_changes(annotation: object) -> bool:
    if annotation is OpChanges or typing.get_origin(annotation) is OpResult:
        return True
    if not isinstance(annotation, type):
        return False
    if isinstance(getattr(annotation, "changes", None), property):
        return True
    return typing.get_type_hints(annotation).get("changes") is OpChanges


def test_every_public_write_of_a_service_returns_its_changes() -> None:
    """A new write that returns no change description fails here (the window's one change
    signal would carry nothing and no panel would refresh). A new query goes in QUERIES."""
    undeclared = []
    for cls in _service_classes():
        name = cls.__name__
        allowed = QUERIES[name] | LONG_JOBS.get(name, set())
        for method, fn in inspect.getmembers(cls, callable):
            if method.startswith("_") or not fn.__module__.startswith("app."):
                continue
            returned = typing.get_type_hints(fn).get("return")
            if method not in allowed and not _describes_changes(returned):
                undeclared.append(f"{name}.{method} -> {returned}")
    assert not undeclared, "writes without a change description: " + ", ".join(undeclared)


def test_team_sampling_checklist_and_roster_writes_say_what_they_changed(
    services: Services, tmp_path: Path
) -> None:
    from tests.unit.test_roster import ROSTER, workbook

    ids = [services.library.import_pdf(make_pdf(tmp_path / f"{n}.pdf", pages=2)).id for n in (1, 2)]
    for case_id in ids:
        services.library.set_classification(case_id, "某县交通运输局", "penalty")
    campaign = services.campaigns.create("抽查", "spotcheck", "2026").id
    mine = OpChanges(campaign=True, campaign_id=campaign)
    drawn = services.campaigns.sample(campaign, per_department=1, seed=3)
    assert changes_of(drawn) == mine and len(drawn.value) == 1
    rest = [i for i in ids if i != drawn.value[0].case_id]
    assert changes_of(services.campaigns.add_cases(campaign, rest)) == mine
    assert changes_of(services.campaigns.link_dossiers(campaign)) == mine
    team = services.team.set_team(campaign, ["甲", "乙"], ["组长丙"])
    assert changes_of(team) == mine and [m.name for m in team.value][:2] == ["甲", "乙"]
    assert changes_of(services.team.assign(campaign, [ids[0]], ["甲"])) == mine
    assert changes_of(services.team.auto_assign(campaign)) == mine
    cleared = services.team.clear(campaign)
    assert changes_of(cleared) == mine and cleared.value == 2

    synced = services.checklists.sync_bundled()
    assert changes_of(synced).checklists and synced.value == []
    imported = services.checklists.save_imported(services.checklists.get("penalty-assembled"))
    assert changes_of(imported) == OpChanges(checklists=True)

    roster = workbook(tmp_path / "名册.xlsx", ROSTER)
    assert changes_of(services.import_roster(roster)) == OpChanges(roster=True)
    assert changes_of(services.set_reviewer_name("李评查")) == OpChanges(settings=True)

    split = services.corrections.split_at(ids[0], *_splittable(services, ids[0]), "notice")
    assert changes_of(split) == OpChanges(case_facts=True).with_ids(None, ids[0])
    stored = services.corrections.set_fact(ids[0], "party", " 某某公司 ")
    assert stored.value == "某某公司" and changes_of(stored).touches_case(ids[0])


def _splittable(services: Services, case_id: int) -> tuple[int, int]:
    """A two-page document of the dossier (as the splitter might have joined two) and the
    page to split it at."""
    from app.store.models import Document

    with services.db.session() as session:
        document = Document(case_file_id=case_id, type="other", first_page=1, last_page=2)
        session.add(document)
        session.flush()
        return document.id, 2
