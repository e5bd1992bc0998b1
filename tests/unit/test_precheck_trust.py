"""Pre-checks never rest silently on a doubtful fact (issue 13 item 3).

On hand-built facts (the engine) and on a stored dossier (the store, accept, confirm and
re-run through the real services)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import yaml

from app.config import Paths, RunContext
from app.errors import UserError
from app.review.reviews import ReviewService
from app.services import Services
from app.store.models import CaseField, CaseFile, PrecheckSuggestion
from scoring.checklist_loader import load_checklist
from scoring.prechecks import (
    DocumentRef,
    DossierFacts,
    PrecheckDataError,
    load_prechecks,
    run_prechecks,
)
from scoring.prechecks.facts import CONFIRMED, DOUBTFUL, FactReading
from scoring.prechecks.table import DEFAULT_PRECHECKS_PATH

ROOT = Path(__file__).resolve().parents[2]
PENALTY = load_checklist(ROOT / "scoring/checklists/penalty-assembled.yaml")

# The decision's date under a seal: 7月27日 read as 7月2日 on the decision (page 11); the
# 送达回证 (page 13) names 7月27日. Served on 8月1日: late only if decided on 7月2日.
SEAL_READ = FactReading(date(2024, 7, 2), 11, "决定书落款（印章覆盖）", 0.41)
RECEIPT_READ = FactReading(date(2024, 7, 27), 13, "送达回证", 0.93)
DATES = {"filed": date(2024, 6, 3), "decided": date(2024, 7, 2), "served": date(2024, 8, 1)}
PAGES = {"filed": 2, "decided": 11, "served": 13}


def facts(status: str, **extra: object) -> DossierFacts:
    return DossierFacts(
        kind="penalty",
        dates={**DATES, **extra.pop("dates", {})},  # type: ignore[dict-item]
        date_pages=PAGES,
        fact_status={"decided": status},
        readings={"decided": (SEAL_READ, RECEIPT_READ)} if status == DOUBTFUL else {},
    )


def by_rule(found: list) -> dict:
    return {s.rule: s for s in found}


def test_a_date_the_seal_hid_entirely_makes_the_rules_comparing_it_ask() -> None:
    hidden = DossierFacts(
        kind="penalty",
        dates={"filed": date(2024, 6, 3), "served": date(2024, 8, 1)},
        date_pages=PAGES,
        fact_status={"decided": DOUBTFUL},
    )
    found = by_rule(run_prechecks(hidden, PENALTY))
    late = found["decision_served_late"]
    assert late.needs_check and late.suggested_points is None
    assert late.message.startswith("决定日期待核实：第 11 页未能读出（可能被印章覆盖）")
    assert 11 in late.pages
    assert found["decision_over_90_days"].needs_check  # filed is known: it compares too
    # Rules with nothing else known to compare it with stay silent.
    assert "legal_review_after_decision" not in found
    assert all(s.needs_check for s in found.values() if "决定日期" in s.message)


def test_a_rule_on_a_doubtful_date_asks_instead_of_deducting() -> None:
    found = by_rule(run_prechecks(facts(DOUBTFUL), PENALTY))
    late = found["decision_served_late"]
    assert late.needs_check and late.suggested_points is None
    assert late.message.startswith("决定日期待核实：第 11 页读作2024年7月2日")
    assert "第 13 页读作2024年7月27日（送达回证" in late.message
    assert "请先确认该要素" in late.message
    assert {11, 13} <= set(late.pages)
    decided = next(f for f in late.facts if f.name == "decided")
    assert decided.status == DOUBTFUL and decided.page == 11
    assert [r.value for r in decided.readings] == [date(2024, 7, 2), date(2024, 7, 27)]
    assert late.as_json()["needs_check"] is True
    # No reading makes the 90-day rule fire: nothing to ask there.
    assert "decision_over_90_days" not in found


def test_the_same_facts_confirmed_give_a_plain_suggestion_with_the_facts_it_rests_on() -> None:
    late = by_rule(run_prechecks(facts(CONFIRMED), PENALTY))["decision_served_late"]
    assert not late.needs_check and late.suggested_points and late.item_id == "P-4.12"
    assert [(f.label, f.value, f.page, f.status) for f in late.facts] == [
        ("决定日期", "2024年7月2日", 11, CONFIRMED),
        ("决定书送达日期", "2024年8月1日", 13, "single"),
    ]
    as_json = late.as_json()["facts"]
    assert as_json[0]["page"] == 11 and as_json[0]["readings"] == []


def test_a_doubtful_date_that_would_fire_either_way_still_asks() -> None:
    # Served 9月30日: late whichever reading is right, but the message names a date.
    found = by_rule(run_prechecks(facts(DOUBTFUL, dates={"served": date(2024, 9, 30)}), PENALTY))
    assert found["decision_served_late"].needs_check


def test_a_finding_that_holds_whatever_the_doubtful_date_reads_is_plain() -> None:
    # Foreign corpus 15: the decision tells 三个月 to sue; its date (under the seal) is
    # doubtful, but a wrong period is wrong on any day — no 需核实 item hides it.
    remedy = (
        "如不服本处罚决定，可以在收到本决定书之日起六十日内向清河县人民政府申请行政复议，"
        "也可以在三个月内依法向清河县人民法院提起行政诉讼。"
    )
    organ = {"remedy_text": remedy, "organ": "清河县市场监督管理局"}
    found = by_rule(run_prechecks(replace(facts(DOUBTFUL), **organ), PENALTY))
    wrong = found["remedy_notice_wrong"]
    assert not wrong.needs_check and "起诉期限" in wrong.message
    # whereas a body that is wrong only under the 2024 law rests on the date: it asks
    body = remedy.replace("清河县人民政府", "江州市市场监督管理局").replace("三个月", "六个月")
    asks = by_rule(
        run_prechecks(replace(facts(DOUBTFUL), remedy_text=body, organ=organ["organ"]), PENALTY)
    )
    assert asks["remedy_notice_wrong"].needs_check


def test_a_doubtful_fact_no_rule_reads_changes_nothing() -> None:
    plain = run_prechecks(facts(CONFIRMED), PENALTY)
    other = DossierFacts(
        kind="penalty",
        dates=DATES,
        date_pages=PAGES,
        fact_status={"closed": DOUBTFUL},
        readings={"closed": (FactReading(date(2024, 1, 1), 20),)},
    )
    assert [s.rule for s in run_prechecks(other, PENALTY)] == [s.rule for s in plain]


def test_every_time_rule_declares_what_it_reads(tmp_path: Path) -> None:
    data = yaml.safe_load(DEFAULT_PRECHECKS_PATH.read_text(encoding="utf-8"))
    rule = next(r for r in data["rules"] if r["id"] == "decision_served_late")
    rule["inputs"] = ["served"]
    bad = tmp_path / "prechecks.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(PrecheckDataError, match=r"decision_served_late 的 inputs 未列出.*decided"):
        load_prechecks(bad)


# ---------------------------------------------------------------- through the store


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    opened = Services.open(RunContext(Paths(tmp_path / "data")))
    yield opened
    opened.db.dispose()


def _reading(r: FactReading) -> dict:
    assert isinstance(r.value, date)
    return {
        "value": r.value.isoformat(),
        "page": r.page,
        "document": "penalty_decision",
        "region": [300.0, 620.0, 480.0, 650.0],
        "confidence": r.confidence,
        "source": r.source,
    }


@pytest.fixture
def case_id(services: Services) -> int:
    with services.db.session() as session:
        case = CaseFile(
            sha256="7" * 64,
            original_name="盖章日期.pdf",
            stored_path="盖章日期.pdf",
            source_kind="pdf",
            page_count=0,
            kind="penalty",
        )
        session.add(case)
        session.flush()
        for name, value in DATES.items():
            doubtful = name == "decided"
            session.add(
                CaseField(
                    case_file_id=case.id,
                    name=f"date.{name}",
                    value=value.isoformat(),
                    page=PAGES[name],
                    status=DOUBTFUL if doubtful else "single",
                    confidence=0.41 if doubtful else 0.98,
                    readings=[_reading(SEAL_READ), _reading(RECEIPT_READ)] if doubtful else None,
                )
            )
        return case.id


def _stored(services: Services, case_id: int) -> dict[str, dict]:
    return {s["rule"]: s for s in services.precheck_suggestions(case_id)}


def test_a_needs_check_item_is_stored_cannot_be_accepted_and_goes_once_confirmed(
    services: Services, case_id: int
) -> None:
    services.run_prechecks(case_id, PENALTY)
    late = _stored(services, case_id)["decision_served_late"]
    assert late["needs_check"] and late["suggested_points"] is None
    assert late["facts"][0]["readings"][1]["value"] == "2024-07-27"

    campaign = services.campaigns.create("专项评查", "selfreview", "2024").id
    services.campaigns.add_cases(campaign, [case_id])
    reviews = ReviewService(services.db, services.checklists, default_reviewer="张评查")
    with pytest.raises(UserError, match="待核实"):
        reviews.accept_prechecks(campaign, case_id, only=[late["id"]])
    result = reviews.accept_prechecks(campaign, case_id)
    assert result["accepted"] == 0 and result["needs_check"] == [late["id"]]

    # The reviewer picks the 送达回证's reading: kept as a correction, pre-checks re-run.
    confirmed = services.confirm_fact(case_id, "date.decided", reading=2)
    assert confirmed.value == "2024-07-27"
    assert confirmed.changes.case_facts and confirmed.changes.review
    assert "decision_served_late" not in _stored(services, case_id)
    fact = services.cases.detail(case_id).facts["date.decided"]
    assert (fact.value, fact.source, fact.status, fact.page) == (
        "2024-07-27",
        "user",
        CONFIRMED,
        13,
    )


def test_confirming_the_other_reading_makes_it_a_plain_suggestion(
    services: Services, case_id: int
) -> None:
    services.run_prechecks(case_id, PENALTY)
    services.confirm_fact(case_id, "date.decided", value="2024-07-02")
    late = _stored(services, case_id)["decision_served_late"]
    assert not late["needs_check"] and late["suggested_points"] > 0
    assert late["facts"][0]["status"] == CONFIRMED and late["facts"][0]["page"] == 11
    with services.db.session() as session:
        rows = session.query(PrecheckSuggestion).filter_by(case_file_id=case_id).all()
        assert sum(r.rule == "decision_served_late" for r in rows) == 1


def test_confirm_refuses_a_reading_that_does_not_exist(services: Services, case_id: int) -> None:
    with pytest.raises(UserError, match="没有第 3 种候选读法（共 2 种）"):
        services.confirm_fact(case_id, "date.decided", reading=3)
    with pytest.raises(UserError, match="二者选一"):
        services.confirm_fact(case_id, "date.decided")


def test_a_doubtful_fine_that_may_make_the_case_major_asks_about_the_legal_review() -> None:
    # 8,000 or 80,000 yuan for a person (threshold 10,000): major only on the second reading.
    documents = [DocumentRef("penalty_decision", 8, 9)]
    fine = DossierFacts(
        kind="penalty",
        documents=documents,
        fine_yuan=8000.0,
        fine_page=8,
        party_is_organisation=False,
        fact_status={"fine_yuan": DOUBTFUL},
        readings={"fine_yuan": (FactReading(8000.0, 8, "决定书"), FactReading(80000.0, 2, "封面"))},
    )
    found = by_rule(run_prechecks(fine, PENALTY))
    assert found["missing_legal_review"].needs_check
    assert "罚款金额待核实：第 8 页读作8000元" in found["missing_legal_review"].message
    sure = replace(fine, fact_status={"fine_yuan": CONFIRMED})
    assert "missing_legal_review" not in by_rule(run_prechecks(sure, PENALTY))
