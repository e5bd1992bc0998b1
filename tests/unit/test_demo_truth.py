"""Ground truth of the demo library: planned defects really are in the dates and documents.

Checks recount working days with chinese_calendar directly, independently of app.demo.workdays.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import chinese_calendar
import pytest

from app.casefiles.facts import extract_facts
from app.casefiles.splitting import split_dossier
from app.demo import DEFECT_CODES, DossierSpec, document_types, dossier_truth, plan_library
from app.demo.spec import LATE_FINE_DEFECTS
from tests.demo_facts import laid_rows

LIBRARY = plan_library()
TRUTHS = {spec.name: dossier_truth(spec) for spec in LIBRARY}


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _workdays_after(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end``."""
    if end <= start:
        return 0
    return len(chinese_calendar.get_workdays(start + timedelta(days=1), end))


def _types(truth: dict) -> list[str]:
    return [d["type"] for d in truth["documents"]]


def test_default_library_mixes_kinds_and_has_a_third_clean() -> None:
    kinds = [s.kind for s in LIBRARY]
    assert len(LIBRARY) == 12
    assert kinds.count("penalty") == 8 and kinds.count("coercion") == 4
    assert sum(1 for s in LIBRARY if not s.defects) >= 4
    assert len({s.department for s in LIBRARY}) >= 4


def test_every_defect_code_is_planted_in_the_default_library() -> None:
    planted = {d["code"] for t in TRUTHS.values() for d in t["defects"]}
    assert planted == set(DEFECT_CODES)


def test_truth_is_deterministic_for_a_seed() -> None:
    again = {spec.name: dossier_truth(spec) for spec in plan_library()}
    assert again == TRUTHS
    other = [dossier_truth(s) for s in plan_library(seed=7)]
    assert [t["fields"] for t in other] != [t["fields"] for t in TRUTHS.values()]


def test_documents_tile_the_pages_and_use_known_types() -> None:
    known = document_types()
    for truth in TRUTHS.values():
        docs = truth["documents"]
        assert docs[0]["first_page"] == 1 and docs[-1]["last_page"] == truth["pages"]
        for before, after in itertools.pairwise(docs):
            assert after["first_page"] == before["last_page"] + 1
        assert all(d["type"] in known for d in docs)
        assert len(truth["page_numbers"]) == truth["pages"]
        assert truth["page_numbers"][0] is None and truth["page_numbers"][-1] is None


def test_page_gap_matches_printed_numbers() -> None:
    for truth in TRUTHS.values():
        numbers = [n for n in truth["page_numbers"] if n is not None]
        gaps = [(a, b) for a, b in itertools.pairwise(numbers) if b != a + 1]
        has_gap = any(d["code"] == "page_gap" for d in truth["defects"])
        assert bool(gaps) == has_gap
        if has_gap:
            defect = next(d for d in truth["defects"] if d["code"] == "page_gap")
            before, after = defect["pages"]
            assert truth["page_numbers"][after - 1] == truth["page_numbers"][before - 1] + 2


def _check_penalty(truth: dict, codes: set[str]) -> None:
    dates = {k: _d(v) for k, v in truth["fields"]["dates"].items()}
    other = {k: _d(v) for k, v in truth["fields"]["other_dates"].items()}
    types = _types(truth)
    decided = dates["decided"]
    assert decided is not None
    late = dates["served"] is not None and _workdays_after(decided, dates["served"]) > 7
    assert late == ("late_service" in codes)
    assert ((decided - dates["filed"]).days > 90) == ("over_90_days" in codes)
    early = _workdays_after(dates["notice_served"], decided) < 3
    assert early == ("decided_before_defence_period" in codes)
    after = other["legal_review"] is not None and other["legal_review"] > decided
    assert after == ("legal_review_after_decision" in codes)
    assert ("legal_review" not in types) == ("missing_legal_review" in codes) or not truth["major"]
    if truth["major"]:
        assert ("collective_discussion" not in types) == ("missing_collective_discussion" in codes)
    late_fine = bool(set(LATE_FINE_DEFECTS) & codes)  # served with a receipt of its own
    hearing = "hearing_notified_late" in codes  # the 听证通知书 is served too
    receipts = (1 if "missing_service_receipt" in codes else 2) + late_fine + hearing
    assert types.count("service_receipt") == receipts
    assert ("late_fine_decision" in types) == late_fine
    assert (dates["served"] is None) == ("missing_service_receipt" in codes)
    assert _workdays_after(dates["discovered"], dates["filed"]) <= 15
    assert truth["fields"]["fine_yuan"] > 0


def _check_enforcement(truth: dict, codes: set[str]) -> None:
    """强制执行 and 强制拆除: the 催告书's ten days, the remedy periods, the 代履行 notice."""
    other = {k: _d(v) for k, v in truth["fields"]["other_dates"].items()}
    types = _types(truth)
    served, decided = other["demand_served"], other["enforcement_decided"]
    assert served and decided
    early = decided <= _rolled(served + timedelta(days=10))
    assert early == ("enforcement_before_demand_period" in codes)
    if truth["procedure"] == "enforcement":
        assert "late_fine_decision" in types and truth["fields"]["fine_yuan"] > 0
        return
    ordered, demolished = other["demolition_ordered"], other["demolished"]
    assert ordered and demolished
    months = (demolished.year - ordered.year) * 12 + demolished.month - ordered.month
    after = months > 6 or (months == 6 and demolished.day > ordered.day)
    assert (not after) == ("demolition_before_remedy_period" in codes)
    assert ("demolition_notice" not in types) == ("demolition_without_announcement" in codes)
    if other["substitute_demanded"]:
        short = _workdays_after(other["substitute_demanded"], demolished) < 3
        assert short == ("substitute_without_demand" in codes)


def _rolled(day: date) -> date:
    while not chinese_calendar.is_workday(day):
        day += timedelta(days=1)
    return day


def _check_coercion(truth: dict, codes: set[str]) -> None:
    if truth["procedure"] != "seizure":
        _check_enforcement(truth, codes)
        return
    dates = {k: _d(v) for k, v in truth["fields"]["dates"].items()}
    types = _types(truth)
    reported = truth["fields"]["other_dates"]["emergency_reported"]
    late = reported is not None and (_d(reported) - dates["seized"]).days > 1
    assert late == ("emergency_report_late" in codes)
    extended = "extension_decision" in types
    if dates["released"] is None:
        assert "missing_release_decision" in codes and "release_decision" not in types
    else:
        days = (dates["released"] - dates["seized"]).days
        assert (days > 30 and not extended) == ("seizure_over_30_days" in codes)
        assert days <= (60 if extended else 30) or "seizure_over_30_days" in codes
    assert truth["fields"]["fine_yuan"] is None


@pytest.mark.parametrize("name", list(TRUTHS))
def test_dates_agree_with_the_planted_defects(name: str) -> None:
    truth = TRUTHS[name]
    codes = {d["code"] for d in truth["defects"]}
    all_dates = [_d(v) for v in truth["fields"]["dates"].values() if v]
    all_dates += [_d(v) for v in truth["fields"]["other_dates"].values() if v]
    assert all(chinese_calendar.is_workday(d) for d in all_dates)
    assert all(date(2024, 1, 1) <= d <= date(2025, 12, 31) for d in all_dates)
    if truth["kind"] == "penalty":
        _check_penalty(truth, codes)
    else:
        _check_coercion(truth, codes)
    for defect in truth["defects"]:
        assert defect["pages"] and all(1 <= p <= truth["pages"] for p in defect["pages"])
        assert defect["documents"] and defect["message"]


@pytest.mark.parametrize("spec", LIBRARY, ids=lambda s: s.name)
def test_the_truth_states_only_what_the_papers_state(spec: DossierSpec) -> None:
    """Every fact the truth gives is read from the dossier's exact text, and every fact the
    truth leaves empty is read nowhere: a truth that names a date no paper prints (a
    强制执行 dossier's 发现日期, a 公告送达 decision's 送达日期) scores the reader against
    an answer no reader could give."""
    pages = laid_rows(spec)
    read = extract_facts(pages, split_dossier(pages)).fields()
    fields = TRUTHS[spec.name]["fields"]
    assert read["dates"] == fields["dates"]
    for key in ("case_no", "party", "cause"):
        assert read[key] == fields[key], key
    assert (read["fine_yuan"] is None) == (fields["fine_yuan"] is None)
    if fields["fine_yuan"] is not None:
        assert float(read["fine_yuan"]) == float(fields["fine_yuan"])


def test_clean_files_are_within_every_limit() -> None:
    clean = [t for t in TRUTHS.values() if not t["defects"]]
    assert clean
    for truth in clean:
        dates = {k: _d(v) for k, v in truth["fields"]["dates"].items()}
        types = _types(truth)
        if truth["kind"] == "penalty":
            assert _workdays_after(dates["decided"], dates["served"]) <= 7
            assert (dates["decided"] - dates["filed"]).days <= 90
            assert _workdays_after(dates["notice_served"], dates["decided"]) >= 3
            if truth["major"]:
                assert "legal_review" in types and "collective_discussion" in types
        elif truth["procedure"] != "seizure":
            _check_enforcement(truth, set())
        else:
            limit = 60 if "extension_decision" in types else 30
            assert (dates["released"] - dates["seized"]).days <= limit
            assert "release_decision" in types


def test_major_cases_meet_the_fine_threshold() -> None:
    for truth in TRUTHS.values():
        if truth["kind"] != "penalty":
            continue
        is_company = len(truth["fields"]["party_id"]) == 18 and truth["fields"][
            "party_id"
        ].startswith("91")
        threshold = 100_000 if is_company else 10_000
        assert truth["major"] == (truth["fields"]["fine_yuan"] >= threshold)


def test_hand_written_spec_is_honoured_and_bad_specs_are_refused() -> None:
    spec = DossierSpec(
        "x", kind="penalty", department="transport", seed=5, defects=("late_service",)
    )
    truth = dossier_truth(spec)
    assert [d["code"] for d in truth["defects"]] == ["late_service"]
    assert truth["department"].endswith("交通运输局")
    with pytest.raises(ValueError, match="不适用"):
        DossierSpec("y", kind="coercion", defects=("late_service",))
    with pytest.raises(ValueError, match="不能同时"):
        DossierSpec("z", defects=("late_service", "missing_service_receipt"))


@pytest.mark.parametrize("seed", [7, 99, 123])
def test_other_seeds_plan_and_build_their_truth(seed: int) -> None:
    """A decision planted before the defence period has no 陈述申辩 record (seed 99 crashed)."""
    from app.demo import dossier_truth, plan_library

    for spec in plan_library(count=12, seed=seed):
        truth = dossier_truth(spec)
        if any(d["code"] == "decided_before_defence_period" for d in truth["defects"]):
            assert "defence_record" not in {d["type"] for d in truth["documents"]}
