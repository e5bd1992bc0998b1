"""The law as the statutes say it (issue 14, "Errors to fix"): 救济告知 after the 2023 revision of
the 行政复议法, the 催告书's own period, the 告知书's own 陈述申辩 period, sector rules."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from app.casefiles.splitting import DocumentSpan, PageInput, TextLine
from app.review.precheck_facts import build_facts
from scoring.checklist_loader import load_checklist
from scoring.prechecks import DocumentRef, DossierFacts, run_prechecks
from scoring.prechecks.periods import cn_number, stated_period
from scoring.time_limits import evaluate, load_time_limits
from scoring.workdays import default_calendar
from tests.unit.test_prechecks import penalty, rules

ROOT = Path(__file__).resolve().parents[2]
COERCION = load_checklist(ROOT / "scoring/checklists/coercion-assembled.yaml")

OWN_GOVERNMENT = (
    "如不服本决定，可以在收到本决定书之日起六十日内向江州市人民政府申请行政复议，"
    "也可以在六个月内依法向江州市临江区人民法院提起行政诉讼。"
)
UPPER_DEPARTMENT = OWN_GOVERNMENT.replace("江州市人民政府", "江东省市场监督管理局")


def remedy(text: str, organ: str = "江州市市场监督管理局", **changes: Any) -> list[str]:
    return rules(penalty(remedy_text=text, organ=organ, **changes))


# ---------------------------------------------------------------- 救济告知 (P-5.3)


def test_since_2024_a_department_is_reviewed_by_its_own_government() -> None:
    assert remedy(OWN_GOVERNMENT) == []
    (found,) = run_prechecks(penalty(remedy_text=UPPER_DEPARTMENT, organ="江州市市场监督管理局"))
    assert found.rule == "remedy_notice_wrong"
    assert "本级人民政府" in found.message and "江东省市场监督管理局" in found.message
    assert "第二十四条" in found.message
    upper = OWN_GOVERNMENT.replace("江州市人民政府", "上一级主管部门")
    assert remedy(upper) == ["remedy_notice_wrong"]


def test_a_district_department_names_the_district_government() -> None:
    district = "江州市临江区市场监督管理局"
    assert remedy(OWN_GOVERNMENT, district) == ["remedy_notice_wrong"]  # the city's: wrong level
    assert remedy(OWN_GOVERNMENT.replace("江州市", "江州市临江区", 1), district) == []
    assert remedy(OWN_GOVERNMENT.replace("江州市", "临江区", 1), district) == []


def test_the_governments_office_or_a_choice_of_bodies() -> None:
    office = OWN_GOVERNMENT.replace("江州市人民政府", "江州市人民政府行政复议办公室")
    assert remedy(office) == []
    assert remedy(OWN_GOVERNMENT.replace("江州市人民政府", "本级人民政府")) == []
    # offering the old choice (本级人民政府或者上一级主管部门) is wrong since 2024
    choice = OWN_GOVERNMENT.replace("江州市人民政府", "江州市人民政府或者江东省市场监督管理局")
    assert remedy(choice) == ["remedy_notice_wrong"]
    # 司法行政部门 may name either (第二十八条)
    assert remedy(UPPER_DEPARTMENT.replace("市场监督管理局", "司法厅"), "江州市司法局") == []


def test_before_2024_the_party_could_choose_the_upper_department() -> None:
    dates = {"decided": date(2023, 12, 29), "served": date(2023, 12, 29)}
    assert remedy(UPPER_DEPARTMENT, dates=dates) == []


def test_article_27_bodies_go_to_the_upper_department() -> None:
    tax = "国家税务总局江州市税务局"
    assert (
        remedy(UPPER_DEPARTMENT.replace("江东省市场监督管理局", "国家税务总局江东省税务局"), tax)
        == []
    )
    assert remedy(OWN_GOVERNMENT, tax) == ["remedy_notice_wrong"]


def test_the_periods_are_sixty_days_and_six_months() -> None:
    assert remedy(OWN_GOVERNMENT.replace("六十日", "十五日")) == ["remedy_notice_wrong"]
    assert remedy(OWN_GOVERNMENT.replace("六个月", "三个月")) == ["remedy_notice_wrong"]
    after_review = (
        OWN_GOVERNMENT + "对复议决定不服的，可以在收到复议决定书之日起十五日内向人民法院提起诉讼。"
    )
    assert remedy(after_review) == []


def test_a_town_government_names_the_government_above() -> None:
    town = "江州市清河县桃源镇人民政府"
    assert remedy(OWN_GOVERNMENT.replace("江州市人民政府", "江州市清河县人民政府"), town) == []
    assert remedy(OWN_GOVERNMENT.replace("江州市人民政府", "江州市清河县城市管理局"), town) == [
        "remedy_notice_wrong"
    ]


def test_a_town_decision_goes_to_the_county_government_not_the_city() -> None:
    """《行政复议法》第二十四条第一款第（二）项: 下一级人民政府 → the 县级 government; naming the
    市 government (two levels up) is wrong, the demo's 乡镇 files did it until 2026-12."""
    town = "江州市清河县桃源镇人民政府"
    city = run_prechecks(penalty(remedy_text=OWN_GOVERNMENT, organ=town))
    assert [f.rule for f in city] == ["remedy_notice_wrong"]
    assert "江州市清河县人民政府" in city[0].message and "第二十四条" in city[0].message
    county = OWN_GOVERNMENT.replace("江州市人民政府", "清河县人民政府")
    assert remedy(county, town) == []
    province = OWN_GOVERNMENT.replace("江州市人民政府", "江东省人民政府")
    assert remedy(province, "江东省临海市桃源镇人民政府") == ["remedy_notice_wrong"]
    assert remedy(OWN_GOVERNMENT.replace("江州市", "临海市", 1), "江东省临海市桃源镇人民政府") == []
    # a 街道办事处 (派出机关, 第（三）项): the government that set it up, the 区's
    street = "江州市临江区江滨街道办事处"
    assert remedy(OWN_GOVERNMENT, street) == ["remedy_notice_wrong"]
    assert remedy(OWN_GOVERNMENT.replace("江州市", "江州市临江区", 1), street) == []
    # the organ known as a 乡镇 by the sector alone: at least not the 市 of a 县级 organ name
    assert remedy(OWN_GOVERNMENT, "桃源镇人民政府") == []  # the county is unknown: no guess


# ---------------------------------------------------------------- 催告 (C-4.9)

COERCION_DOCS = [
    DocumentRef("demand_notice", 3, 3),
    DocumentRef("service_receipt", 4, 4, serves="demand_notice"),
    DocumentRef("enforcement_decision", 5, 5),
]


def coercion(**changes: Any) -> list[str]:
    base: dict[str, Any] = {"kind": "coercion", "documents": COERCION_DOCS}
    found = run_prechecks(DossierFacts(**(base | changes)), COERCION)
    return [s.rule for s in found]


def test_enforcement_waits_for_the_demand_notices_own_period_not_ten_working_days() -> None:
    dates = {"demand_served": date(2025, 6, 3), "enforcement_decided": date(2025, 6, 10)}
    # 《行政强制法》第三十五至三十七条 set no period: a 催告书 giving 5 days is passed on 6 June
    assert coercion(dates=dates, stated_periods={"demand_period": (5, "calendar_days")}) == []
    too_soon = {"demand_period": (10, "calendar_days")}
    assert coercion(dates=dates, stated_periods=too_soon) == ["enforcement_before_demand_period"]
    assert coercion(dates=dates) == []  # the period not read: nothing said
    # 第三十七条第三款: 立即强制执行 where property is moved or hidden
    immediate = dates | {"immediate_enforcement": date(2025, 6, 10)}
    assert coercion(dates=immediate, stated_periods=too_soon) == []


def test_ten_working_days_belong_to_the_court_application() -> None:
    limits = load_time_limits()
    assert limits["coercion.demand_before_enforcement"].length is None
    court = limits["coercion.court_application_after_demand"]
    assert (court.length, court.unit) == (10, "working_days")
    assert "第五十四条" in court.source


# ---------------------------------------------------------------- sector rules


def test_filing_period_is_a_market_rule_excluding_identification() -> None:
    rule = load_time_limits()["penalty.file_after_discovery"]
    assert rule.sectors == ("market",) and "identification" in rule.excludes
    events = {"discovered": date(2025, 4, 1), "filed": date(2025, 4, 30)}
    cal = default_calendar()
    assert evaluate(rule, events, cal) is None
    assert evaluate(rule, events, cal, sector="urban") is None
    late = evaluate(rule, events, cal, sector="market")
    assert late is not None and not late.satisfied
    # 权利人辨认或者鉴别 time is not counted (第十八条第二款)
    ident = [(date(2025, 4, 2), date(2025, 4, 20), "identification")]
    assert evaluate(rule, events, cal, ident, sector="market").satisfied  # type: ignore[union-attr]


# ---------------------------------------------------------------- reading the documents


@pytest.mark.parametrize(
    ("text", "words", "want"),
    [
        (
            "请在收到本告知书之日起三个工作日内向本机关提出陈述、申辩意见。",
            ("陈述",),
            (3, "working_days"),
        ),
        ("限你单位于收到本催告书之日起十日内履行。", ("履行",), (10, "calendar_days")),
        ("可以在六十日内申请行政复议", (), (60, "calendar_days")),
        ("也可以在6个月内依法提起行政诉讼", (), (6, "months")),
        ("当事人享有陈述、申辩的权利。", ("陈述",), None),
    ],
)
def test_stated_period(text: str, words: tuple[str, ...], want: Any) -> None:
    assert stated_period(text, *words) == want


def test_the_demand_notices_defence_sentence_is_not_its_period() -> None:
    text = (
        "你单位如对履行上述义务有异议，可在收到本催告书之日起三日内进行陈述和申辩。"
        "请于收到本催告书之日起十日内履行上述义务。"
    )
    assert stated_period(text, "履行", unless=("陈述", "申辩")) == (10, "calendar_days")


def test_cn_number() -> None:
    assert [cn_number(t) for t in ("三", "十", "十五", "六十", "一百二十", "15", "两")] == [
        3,
        10,
        15,
        60,
        120,
        15,
        2,
    ]
    assert cn_number("若干") is None


def _page(*lines: str) -> PageInput:
    return PageInput(
        [
            TextLine(text, (40.0, 80.0 + 30 * i, 560.0, 100.0 + 30 * i))
            for i, text in enumerate(lines)
        ]
    )


def test_build_facts_reads_the_organ_the_remedy_and_the_stated_periods() -> None:
    pages = [
        _page("行政处罚事先告知书", "请在收到本告知书之日起三个工作日内提出陈述、申辩意见。"),
        _page("江州市市场监督管理局", "行政处罚决定书", UPPER_DEPARTMENT),
    ]
    spans = [
        DocumentSpan("prior_notice", "行政处罚事先告知书", 1, 1, 1.0),
        DocumentSpan("penalty_decision", "行政处罚决定书", 2, 2, 1.0),
    ]
    facts = build_facts("penalty", pages, spans, {"decided": date(2025, 5, 27)})
    assert facts.organ == "江州市市场监督管理局"
    assert facts.stated_periods == {"defence_period": (3, "working_days")}
    assert facts.remedy_text and "江东省市场监督管理局" in facts.remedy_text
    assert "remedy_notice_wrong" in {s.rule for s in run_prechecks(facts)}


def test_a_reviewer_corrects_the_demand_period_and_its_dates(tmp_path: Path) -> None:
    """The 催告书's period and dates are facts a reviewer can enter where OCR missed them."""
    from app.config import Paths, RunContext
    from app.errors import UserError
    from app.review.prechecks import facts_of_case
    from app.services import Services
    from tests.unit.test_library_import import make_pdf

    services = Services.open(RunContext(Paths(tmp_path / "data")))
    case_id = services.library.import_pdf(make_pdf(tmp_path / "卷.pdf", pages=3)).id
    services.library.set_classification(case_id, "某县交通运输局", "coercion")
    fix = services.corrections.set_fact
    assert fix(case_id, "demand_period", "十日").value == "10日"
    assert fix(case_id, "defence_period", "5个工作日").value == "5个工作日"
    fix(case_id, "date.demand_served", "2025-06-03")
    fix(case_id, "date.enforcement_decided", "2025-06-10")
    with pytest.raises(UserError, match="期限"):
        fix(case_id, "demand_period", "尽快")
    with services.db.session() as session:
        facts = facts_of_case(session, case_id)
    assert facts.stated_periods["demand_period"] == (10, "calendar_days")
    assert facts.dates["enforcement_decided"] == date(2025, 6, 10)
    found = run_prechecks(facts, COERCION)
    assert "enforcement_before_demand_period" in {s.rule for s in found}


# ---------------------------------------------------------------- 法制审核 (第五十八条)


def test_a_case_that_went_through_a_hearing_needs_legal_review() -> None:
    """《行政处罚法》第五十八条第一款第（二）项: not only 重大案件."""
    docs = [
        *penalty().documents,  # type: ignore[misc]
        DocumentRef("hearing_notice", 11, 11),
        DocumentRef("hearing_record", 12, 13),
        DocumentRef("hearing_report", 14, 14),
    ]
    assert rules(penalty(major=False, documents=docs)) == ["missing_legal_review"]
    (found,) = run_prechecks(penalty(major=False, documents=docs))
    assert "第五十八条" in found.message
    held = penalty().dates | {"hearing_held": date(2025, 5, 22)}
    assert rules(penalty(major=False, dates=held)) == ["missing_legal_review"]
    with_review = [*docs, DocumentRef("legal_review", 15, 15)]
    assert rules(penalty(major=False, documents=with_review)) == []
    assert rules(penalty(major=False)) == []  # neither major nor heard
