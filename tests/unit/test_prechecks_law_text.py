"""Issue 14, the law right: the pre-checks verified against the text.

法律职业资格 of the 法制审核 reviewer (《行政处罚法》第五十八条第二款), the cap on 加处罚款
(《行政强制法》第四十五条第二款), the 30 days of a 公告送达 (《民事诉讼法》第九十五条), the
scope of 全程音像记录 as data (国办发〔2018〕118号), and a cited source for every rule.

Each is read from synthetic pages through the app's reader (``build_facts``), so a test fails
when the rule, its data or the reading is missing."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import yaml

from app.casefiles.splitting import DocumentSpan, PageInput
from app.review.precheck_facts import build_facts
from scoring.checklist_loader import load_checklist
from scoring.prechecks import (
    DEFAULT_PRECHECKS_PATH,
    DossierFacts,
    RosterEntry,
    Suggestion,
    load_prechecks,
    run_prechecks,
)
from tests.synthetic_pages import COERCION, PENALTY, ROOT, page


def _run(
    kind: str,
    pages: list[PageInput],
    spans: list[DocumentSpan],
    *,
    fine: float | None = None,
    roster: list[RosterEntry] | None = None,
) -> dict[str, Suggestion]:
    facts = build_facts(kind, pages, spans, {}, fine_yuan=fine, roster=roster)
    found = run_prechecks(facts, PENALTY if kind == "penalty" else COERCION)
    return {s.rule: s for s in found}


# ---------------------------------------------------------------- 法律职业资格 (P-4.18)

REVIEW = [
    page(
        "法制审核意见书",
        "审核意见：经审核，本案事实清楚，证据确实充分，适用法律正确，程序合法，裁量适当。",
        "法制审核人员：李明　王芳　2025年5月6日",
    ),
    page("行政处罚决定书", "本机关决定对当事人罚款人民币五千元，并责令改正。"),
]
REVIEW_SPANS = [
    DocumentSpan("legal_review", "法制审核意见书", 1, 1, 1.0),
    DocumentSpan("penalty_decision", "行政处罚决定书", 2, 2, 1.0),
]


def _officer(name: str, qualification: str | None) -> RosterEntry:
    return RosterEntry(name, f"3205{len(name)}{ord(name[0])}", legal_qualification=qualification)


def test_a_reviewer_without_legal_qualification_is_asked_about() -> None:
    roster = [_officer("李明", "A20183201000123"), _officer("王芳", None)]
    hit = _run("penalty", REVIEW, REVIEW_SPANS, roster=roster)["legal_reviewer_unqualified"]
    assert hit.item_id == "P-4.18" and hit.pages == (1,)
    assert "王芳" in hit.message and "李明" not in hit.message
    assert "第五十八条第二款" in hit.message and "初次" in hit.message  # first time: ask
    assert hit.facts[0].value == "李明、王芳" and hit.facts[0].page == 1


def test_silent_when_qualified_unknown_or_the_roster_does_not_record_it() -> None:
    qualified = [_officer("李明", "A1"), _officer("王芳", "有")]
    assert "legal_reviewer_unqualified" not in _run(
        "penalty", REVIEW, REVIEW_SPANS, roster=qualified
    )
    # a roster without the 法律职业资格 column says nothing about anyone
    no_column = [_officer("李明", None), _officer("王芳", None)]
    assert "legal_reviewer_unqualified" not in _run(
        "penalty", REVIEW, REVIEW_SPANS, roster=no_column
    )
    # a reviewer not on the roster is not judged
    others = [_officer("赵强", "A2"), _officer("钱伟", None)]
    assert "legal_reviewer_unqualified" not in _run("penalty", REVIEW, REVIEW_SPANS, roster=others)
    unsigned = [
        page("法制审核意见书", "审核意见：同意。", "法制审核人员：　2025年5月6日"),
        REVIEW[1],
    ]
    roster = [_officer("王芳", None), _officer("李明", "A1")]
    assert "legal_reviewer_unqualified" not in _run(
        "penalty", unsigned, REVIEW_SPANS, roster=roster
    )


def test_the_reviewer_is_read_from_a_form_cell() -> None:
    """A form prints 审核人 in a cell of its own and the name in the cell to its right."""
    from app.casefiles.splitting import TextLine
    from app.review.legal_review_text import legal_reviewers

    def line(text: str, x0: float, y0: float, x1: float) -> TextLine:
        return TextLine(text, ((x0, y0), (x1, y0), (x1, y0 + 20), (x0, y0 + 20)), 0.99)

    form = PageInput(
        [
            line("法制审核意见书", 200, 60, 400),
            line("审核意见", 60, 200, 140),
            line("同意。", 200, 200, 260),
            line("审核人", 60, 300, 120),
            line("王芳", 200, 300, 240),
            line("赵强", 260, 300, 300),
            line("2025年5月6日", 400, 300, 520),
            line("负责人", 60, 400, 120),
            line("钱伟", 200, 400, 240),
        ],
        595,
        842,
    )
    spans = [DocumentSpan("legal_review", "法制审核意见书", 1, 1, 1.0)]
    assert legal_reviewers([form], spans) == ("王芳、赵强", 1)


@pytest.mark.parametrize(
    "signed",
    [
        "法制审核人员：张秀英2024.12.12",
        "法制审核人员：张秀英 2024-12-12",
        "审核人：张秀英2024年12月12日",
    ],
)
def test_the_reviewer_ends_where_the_date_begins_in_any_form(signed: str) -> None:
    """Real OCR of the demo glued a dotted date to the name: "张秀英2024.12.12"."""
    from app.casefiles.splitting import TextLine
    from app.review.legal_review_text import legal_reviewers

    page = PageInput(
        [
            TextLine(
                "重大执法决定法制审核意见书", ((150, 60), (450, 60), (450, 80), (150, 80)), 0.99
            ),
            TextLine(signed, ((60, 600), (500, 600), (500, 620), (60, 620)), 0.99),
        ],
        595,
        842,
    )
    spans = [DocumentSpan("legal_review", "重大执法决定法制审核意见书", 1, 1, 1.0)]
    assert legal_reviewers([page], spans) == ("张秀英", 1)


def test_the_reviewer_check_on_plain_facts() -> None:
    facts = DossierFacts(
        kind="penalty",
        legal_reviewers="王芳",
        roster=[RosterEntry("王芳", "1"), RosterEntry("李明", "2", legal_qualification="A1")],
    )
    (hit,) = [s for s in run_prechecks(facts) if s.rule == "legal_reviewer_unqualified"]
    assert "王芳" in hit.message
    coercion = DossierFacts(kind="coercion", legal_reviewers="王芳", roster=facts.roster)
    assert all(s.rule != "legal_reviewer_unqualified" for s in run_prechecks(coercion))


# ---------------------------------------------------------------- 加处罚款 cap (P-4.14 / C-4.17)


def _late_fine(*lines: str, fine: float | None = 5000) -> dict[str, Suggestion]:
    pages = [page("加处罚款决定书", "每日按罚款数额的百分之三加处罚款。", *lines)]
    spans = [DocumentSpan("late_fine_decision", "加处罚款决定书", 1, 1, 1.0)]
    return _run("coercion", pages, spans, fine=fine)


def test_a_late_fine_above_the_fine_is_found() -> None:
    hit = _late_fine("截至2025年6月30日，加处罚款人民币陆仟元（¥6,000.00）。")[
        "late_fine_over_obligation"
    ]
    assert hit.item_id == "C-4.17" and hit.pages == (1,)
    assert "加处罚款6000元" in hit.message and "罚款5000元" in hit.message
    assert "第四十五条第二款" in hit.message


def test_a_late_fine_within_the_fine_or_unread_says_nothing() -> None:
    assert "late_fine_over_obligation" not in _late_fine("加处罚款共计5000元。")
    # a total after the late fine is not the late fine
    assert "late_fine_over_obligation" not in _late_fine("加处罚款3000元，合计8000元。")
    assert "late_fine_over_obligation" not in _late_fine("加处罚款6000元。", fine=None)
    assert "late_fine_over_obligation" not in _late_fine("逾期不缴纳的，依法加处罚款。")


def test_the_cap_applies_to_a_penalty_file_too() -> None:
    pages = [
        page("行政处罚决定书", "本机关决定对当事人罚款人民币二千元，并责令改正。"),
        page("催告书", "你单位至今未缴纳罚款，已加处罚款2600元，请于十日内缴纳罚款及加处罚款。"),
    ]
    spans = [
        DocumentSpan("penalty_decision", "行政处罚决定书", 1, 1, 1.0),
        DocumentSpan("demand_notice", "催告书", 2, 2, 1.0),
    ]
    hit = _run("penalty", pages, spans, fine=2000)["late_fine_over_obligation"]
    assert hit.item_id == "P-4.14" and hit.pages == (2,)


# ---------------------------------------------------------------- 公告送达 30日 (P-4.13 / C-4.13)


def _announced(step_title: str, step_type: str, step_day: str) -> dict[str, Suggestion]:
    pages = [
        page("公告送达", "因当事人下落不明，现将行政处罚决定书公告送达。", "2025年3月3日"),
        page(step_title, "本机关依法作出决定。", step_day),
    ]
    spans = [
        DocumentSpan("public_notice_service", "公告送达", 1, 1, 1.0),
        DocumentSpan(step_type, step_title, 2, 2, 1.0),
    ]
    return _run("coercion", pages, spans)


def test_a_step_before_the_announcement_counts_as_served_is_found() -> None:
    # 2025-03-03 + 30 days = 2025-04-02: an enforcement decision on 03-20 is too early
    hit = _announced("强制执行决定书", "enforcement_decision", "2025年3月20日")[
        "step_before_public_notice_served"
    ]
    assert hit.item_id == "C-4.13" and "第九十五条" in hit.message
    assert "2025年4月2日" in hit.message
    fine = _announced("强制执行决定书", "enforcement_decision", "2025年4月2日")
    assert "step_before_public_notice_served" not in fine


def test_an_application_to_the_court_and_an_earlier_document_are_judged_rightly() -> None:
    early = _announced("强制执行申请书", "court_enforcement_application", "2025年3月25日")
    assert "step_before_public_notice_served" in early
    # a decision dated before the announcement is what was announced, not a later step
    before = _announced("强制执行决定书", "enforcement_decision", "2025年2月20日")
    assert "step_before_public_notice_served" not in before


def test_a_demolition_announcement_is_no_service() -> None:
    pages = [
        page("强制拆除公告", "限当事人于公告之日起十日内自行拆除。", "2025年3月3日"),
        page("强制执行决定书", "本机关决定强制拆除。", "2025年3月20日"),
    ]
    spans = [
        DocumentSpan("demolition_notice", "强制拆除公告", 1, 1, 1.0),
        DocumentSpan("enforcement_decision", "强制执行决定书", 2, 2, 1.0),
    ]
    assert "step_before_public_notice_served" not in _run("coercion", pages, spans)


# ---------------------------------------------------------------- 全程音像记录 scope as data


INSPECTION = [
    page("现场检查笔录", "检查时间：2025年4月16日", "现场检查情况：当事人店内陈列过期食品。")
]
INSPECTION_SPANS = [DocumentSpan("inspection_record", "现场检查笔录", 1, 1, 1.0)]


def test_an_ordinary_inspection_need_not_note_video_by_default() -> None:
    """国办发〔2018〕118号 mandates 全程音像记录 for 查封扣押、强制拆除 …, not every 现场检查."""
    assert "no_av_record" not in _run("penalty", INSPECTION, INSPECTION_SPANS)
    seizure = [page("查封（扣押）现场笔录", "执法人员依法对涉案物品实施扣押。")]
    spans = [DocumentSpan("seizure_record", "查封（扣押）现场笔录", 1, 1, 1.0)]
    assert _run("coercion", seizure, spans)["no_av_record"].item_id == "C-4.19"


def test_a_province_adds_the_inspection_record_for_a_sector(tmp_path: Path) -> None:
    text = DEFAULT_PRECHECKS_PATH.read_text(encoding="utf-8")
    assert "    sector_documents: {}\n" in text
    text = text.replace(
        "    sector_documents: {}\n", "    sector_documents: {market: [inspection_record]}\n"
    )
    path = tmp_path / "prechecks.yaml"
    path.write_text(text, encoding="utf-8")
    table = load_prechecks(path)
    facts = build_facts("penalty", INSPECTION, INSPECTION_SPANS, {}, table=table)

    def found(organ: str) -> list[str]:
        return [s.rule for s in run_prechecks(replace(facts, organ=organ), PENALTY, table=table)]

    assert "no_av_record" in found("江州市市场监督管理局")
    assert "no_av_record" not in found("江州市交通运输局")


# ---------------------------------------------------------------- every rule cites its source


def test_every_rule_cites_its_article_or_source() -> None:
    table = load_prechecks()
    missing = [rule.id for rule in table.rules if not rule.source.strip()]
    assert missing == []
    raw = yaml.safe_load(DEFAULT_PRECHECKS_PATH.read_text(encoding="utf-8"))
    for record in (*raw["lawful_time"], *raw["dated_records"]):
        assert record.get("source"), record
    limits = yaml.safe_load((ROOT / "scoring/data/time_limits.yaml").read_text(encoding="utf-8"))
    assert all(rule.get("source") for rule in limits["rules"])


def test_every_checklist_item_names_its_source_and_every_veto_its_article() -> None:
    for name in ("penalty-assembled", "coercion-assembled"):
        checklist = load_checklist(ROOT / f"scoring/checklists/{name}.yaml")
        for category in checklist.categories:
            for item in category.items:
                assert item.source.strip(), item.id
                if item.veto:
                    assert item.basis, item.id


def test_a_rule_without_a_source_is_caught(tmp_path: Path) -> None:
    text = DEFAULT_PRECHECKS_PATH.read_text(encoding="utf-8")
    text = text.replace("    source: 《行政处罚法》第二十八条第一款\n", "", 1)
    path = tmp_path / "prechecks.yaml"
    path.write_text(text, encoding="utf-8")
    table = load_prechecks(path)
    assert [r.id for r in table.rules if not r.source] == ["no_correction_order"]


def test_dates_of_the_facts_stay_plain() -> None:  # the new facts never leak into dates
    facts = DossierFacts(kind="penalty", late_fine_yuan=10.0, fact_pages={"late_fine_yuan": 3})
    assert facts.page_of("late_fine_yuan") == 3 and facts.dates == {}
    assert facts.value_of("late_fine_yuan") == 10.0
    assert date(2025, 1, 1) not in facts.dates.values()


def test_a_reviewer_corrects_the_reviewer_and_the_late_fine(tmp_path: Path) -> None:
    """The 审核人 and the 加处罚款 are facts a reviewer can enter where OCR missed them."""
    import pytest

    from app.config import Paths, RunContext
    from app.errors import UserError
    from app.review.prechecks import facts_of_case
    from app.services import Services
    from tests.unit.test_library_import import make_pdf

    services = Services.open(RunContext(Paths(tmp_path / "data")))
    case_id = services.library.import_pdf(make_pdf(tmp_path / "卷.pdf", pages=3)).id
    services.library.set_classification(case_id, "某县交通运输局", "coercion")
    fix = services.corrections.set_fact
    assert fix(case_id, "legal_reviewers", "李明 王芳", 2).value == "李明、王芳"
    assert fix(case_id, "late_fine_yuan", "6,000元", 3).value == "6000"
    fix(case_id, "fine_yuan", "5000")
    with pytest.raises(UserError, match="加处罚款金额"):
        fix(case_id, "late_fine_yuan", "很多")
    with services.db.session() as session:
        facts = facts_of_case(session, case_id)
    assert facts.legal_reviewers == "李明、王芳" and facts.page_of("legal_reviewers") == 2
    assert facts.late_fine_yuan == 6000 and facts.page_of("late_fine_yuan") == 3
    (hit,) = [s for s in run_prechecks(facts, COERCION) if s.rule == "late_fine_over_obligation"]
    assert hit.pages == (3,) and hit.facts[0].status == "confirmed"


# ---------------------------------------------------------------- 国办发〔2018〕118号 by its section

# "118号 二、（六）…" or "118号）三、全面推行执法全过程记录制度（八）…": the part and the point.
_SECTION_118 = re.compile(
    r"118号）?\s*[一二三四五六]、[^；。]{0,30}?（[一二三四五六七八九十]{1,3}）"
)


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return []


def test_every_citation_of_the_118_opinion_names_its_section() -> None:
    """The 意见 has 六 parts and numbered points (二、（六）加强事后公开, 三、（八）规范音像记录,
    四、（十三）明确审核内容); a reviewer checking a finding must find the sentence it rests on."""
    root = Path(__file__).resolve().parents[2]
    files = [
        DEFAULT_PRECHECKS_PATH,
        root / "scoring/data/time_limits.yaml",
        *sorted((root / "scoring/checklists").glob("*.yaml")),
    ]
    vague = [
        (path.name, text[max(0, at - 10) : at + 40])
        for path in files
        for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8")))
        for at in (m.start() for m in re.finditer("118号", text))
        if not _SECTION_118.match(text, at)
    ]
    assert vague == []
