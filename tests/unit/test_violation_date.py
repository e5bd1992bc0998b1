"""The day of the violation (违法行为发生或终了之日) read from a dossier, and the time bar."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.casefiles.splitting import DocumentSpan, PageInput, TextLine
from app.casefiles.violation_dates import violation_date, violation_dates_in
from app.demo import DossierSpec, dossier_truth
from app.review.prechecks import build_facts
from scoring.checklist_loader import load_checklist
from scoring.prechecks import run_prechecks
from tests.demo_facts import facts_from_truth, laid_pages

ROOT = Path(__file__).resolve().parents[2]
PENALTY = load_checklist(ROOT / "scoring/checklists/penalty-assembled.yaml")


def dates_of(text: str) -> list[date]:
    return [v.value for v in violation_dates_in(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "经查明：当事人于2024年3月5日在滨河路商业街随意倾倒建筑垃圾约30立方米。",
            [date(2024, 3, 5)],
        ),
        ("经查，当事人于二〇二二年五月二十日在城东村三组露天焚烧水稻秸秆。", [date(2022, 5, 20)]),
        ("当事人自2023年1月10日起至2024年2月6日止，在其门店销售过期食品。", [date(2024, 2, 6)]),
        (
            "经查，2023年6月1日至2023年9月30日期间，当事人未取得许可从事经营。",
            [date(2023, 9, 30)],
        ),
        ("违法行为发生于2022年7月8日，地点为工业园区纬二路18号。", [date(2022, 7, 8)]),
    ],
)
def test_clearly_attributed_dates_are_read(text: str, expected: list[date]) -> None:
    assert dates_of(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # the procedure's dates, not the act's
        "2024年4月16日，本机关执法人员在检查中发现当事人涉嫌随意倾倒建筑垃圾，于2024年4月27日立案调查。",
        "本机关于2024年5月19日向当事人送达了《行政处罚事先告知书》。",
        "当事人于2024年5月20日到本机关接受询问。",
        # a continuing act: its start is not its end
        "当事人年产五万件塑料制品建设项目未依法报批环境影响评价文件，于2023年3月1日擅自开工建设。",
        "当事人于2021年3月1日开始在该处经营，至今未取得许可。",
        "当事人自2021年3月1日起至今持续排放废水。",
        # facts about the party, and the party's own steps in the procedure
        "当事人于2015年6月1日取得营业执照，经营范围为食品销售。",
        "当事人于2024年5月22日提出陈述申辩意见。",
        # a date no word ties to the act
        "检查时间：2024年9月13日11时30分至12时40分。",
    ],
)
def test_dates_that_are_not_the_act_are_ignored(text: str) -> None:
    assert dates_of(text) == []


def test_the_latest_date_wins_and_its_page_is_kept() -> None:
    lines = [
        (3, "经查，当事人于2022年1月4日在滨河路随意倾倒建筑垃圾。"),
        (4, "经查明：当事人于2022年3月9日再次在该处"),
        (4, "倾倒建筑垃圾约8立方米。"),
    ]
    assert violation_date(lines) == (date(2022, 3, 9), 4)
    assert violation_date([(1, "立案审批表")]) is None


def _dossier(decision: str, filing: str = "发现日期 2024年9月13日"):  # type: ignore[no-untyped-def]
    pages = [
        PageInput([TextLine(filing, (40, 100, 560, 120))]),
        PageInput([TextLine(decision, (40, 100, 560, 120))]),
    ]
    spans = [
        DocumentSpan("filing_approval", "", 1, 1, 1.0),
        DocumentSpan("penalty_decision", "", 2, 2, 1.0),
    ]
    dates = {"discovered": date(2024, 9, 13), "filed": date(2024, 9, 20)}
    return build_facts("penalty", pages, spans, dates, {"discovered": 1, "filed": 1})


def test_time_bar_fires_naming_both_dates_and_pages() -> None:
    facts = _dossier("经查明：当事人于2022年5月20日在城东村三组露天焚烧水稻秸秆。")
    assert facts.dates["violation_ended"] == date(2022, 5, 20)
    (found,) = [s for s in run_prechecks(facts, PENALTY) if s.rule == "time_bar"]
    assert found.item_id == "P-3.6" and found.pages == (1, 2)
    assert "2022年5月20日" in found.message and "2024年9月13日" in found.message
    assert "追责时效" in found.message


def test_no_time_bar_within_two_years_or_without_a_clear_date() -> None:
    def bars(decision: str) -> bool:
        return any(s.rule == "time_bar" for s in run_prechecks(_dossier(decision)))

    assert not bars("经查明：当事人于2023年5月20日在城东村三组露天焚烧水稻秸秆。")
    assert not bars("当事人自2021年3月1日起至2024年9月10日止在该处堆放建筑垃圾。")
    assert bars("当事人自2021年3月1日起至2022年6月10日止在该处堆放建筑垃圾。")
    assert not bars("于2021年3月1日擅自开工建设，经查该项目未报批环境影响评价文件。")
    assert not bars("当事人于2021年3月1日开始销售，至今未改正。")
    coercion = build_facts(
        "coercion",
        [PageInput([TextLine("经查，当事人于2020年1月6日在该处倾倒。", (40, 100, 560, 120))])],
        [DocumentSpan("seizure_decision", "", 1, 1, 1.0)],
        {"discovered": date(2024, 9, 13)},
    )
    assert "violation_ended" not in coercion.dates


def test_a_planted_time_bar_is_read_from_the_laid_out_text_and_a_clean_file_is_quiet() -> None:
    spec = DossierSpec(
        "t", kind="penalty", department="urban", seed=5, defects=("time_bar_exceeded",)
    )
    truth = dossier_truth(spec)
    planted = date.fromisoformat(truth["fields"]["violation_ended"])
    discovered = date.fromisoformat(truth["fields"]["dates"]["discovered"])
    assert (discovered - planted).days > 730
    # the date as the text states it (the truth's own date removed)
    truth["fields"]["violation_ended"] = None
    facts = facts_from_truth(truth, laid_pages(spec))
    assert facts.dates["violation_ended"] == planted
    assert [s.rule for s in run_prechecks(facts)] == ["time_bar"]
    clean = DossierSpec("c", kind="penalty", department="urban", seed=5, company=True)
    clean_truth = dossier_truth(clean)
    clean_truth["fields"]["violation_ended"] = None
    assert run_prechecks(facts_from_truth(clean_truth, laid_pages(clean))) == []


@pytest.mark.slow
def test_both_planted_defects_are_found_through_real_ocr(tmp_path: Path) -> None:
    """One generated dossier: scan → OCR → split → extract → pre-checks (about a minute)."""
    ocr = pytest.importorskip("app.casefiles.ocr")
    from app.casefiles.facts import extract_facts
    from app.casefiles.page_source import open_pages
    from app.casefiles.splitting import split_dossier
    from app.demo import generate_dossier

    spec = DossierSpec(
        "ocr", department="town", seed=12, defects=("fine_out_of_range", "time_bar_exceeded")
    )
    pdf = generate_dossier(spec, tmp_path / "ocr.pdf")
    truth = dossier_truth(spec)
    engine = ocr.OcrEngine()
    with open_pages(pdf) as source:
        pages = [
            PageInput(ocr.page_text(source, i, engine).lines, *source.page_size(i))
            for i in range(source.count)
        ]
    spans = split_dossier(pages)
    facts = extract_facts(pages, spans)
    dossier = build_facts(
        "penalty",
        pages,
        spans,
        {k: f.value for k, f in facts.dates.items() if f is not None},
        {k: f.page for k, f in facts.dates.items() if f is not None},
        fine_yuan=facts.fine_yuan.value if facts.fine_yuan else None,
        party=facts.party.value if facts.party else None,
    )
    found = {s.rule: s for s in run_prechecks(dossier, PENALTY)}
    assert set(found) == {"fine_out_of_range", "time_bar"}
    assert dossier.dates["violation_ended"].isoformat() == truth["fields"]["violation_ended"]
    assert f"罚款{truth['fields']['fine_yuan']}元" in found["fine_out_of_range"].message


@pytest.mark.parametrize(
    "sentence",
    [
        "当事人于2019年5月1日开设门店。",
        "当事人于2018年6月1日购买了一辆货车。",
        "当事人于2019年1月1日办理了食品经营许可证。",
        "当事人于2019年3月1日被本局处以警告。",
        "当事人于2021年8月1日因同类违法行为受到行政处罚。",
    ],
)
def test_an_old_fact_about_the_party_is_not_the_day_of_the_act(sentence: str) -> None:
    assert violation_dates_in(sentence) == []
