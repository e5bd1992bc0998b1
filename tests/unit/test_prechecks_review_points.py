"""The review points published 评查通报 cite most (issue 14): 责令改正 (《行政处罚法》第二十八条),
全过程记录 (第四十七条), 留置/邮寄送达 (《民事诉讼法》第八十九条、第九十一条), 加处罚款的标准
(《行政强制法》第四十五条), 强制拆除 (第四十四条), 代履行 (第五十一条), 24 小时报告 (第十九条).

Each is read from synthetic pages through the app's reader (``build_facts``), so a test fails
when the rule, its data or the reading is missing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from app.casefiles.splitting import DocumentSpan, PageInput
from app.review.precheck_facts import build_facts
from scoring.prechecks import DEFAULT_PRECHECKS_PATH, Suggestion, load_prechecks, run_prechecks
from tests.synthetic_pages import COERCION, PENALTY, page

DECISION = (
    "经查明：当事人销售过期食品。",
    "本机关决定对当事人作出如下行政处罚：罚款人民币五千元。",
    "当事人应当自收到本决定书之日起十五日内缴纳罚款。",
)
ORDERED = "同时责令当事人立即改正上述违法行为。"
INSPECTION = ("检查时间：2025年4月16日", "现场检查情况：当事人店内陈列过期食品。")
AV = "执法人员使用执法记录仪对现场执法全过程进行了音像记录。"


def _run(kind: str, pages: list[PageInput], spans: list[DocumentSpan]) -> list[Suggestion]:
    facts = build_facts(kind, pages, spans, {})
    return run_prechecks(facts, PENALTY if kind == "penalty" else COERCION)


def _penalty(
    decision: tuple[str, ...], inspection: tuple[str, ...] = (*INSPECTION, AV), *extra: PageInput
) -> list[Suggestion]:
    pages = [page("现场检查笔录", *inspection), page("行政处罚决定书", *decision), *extra]
    spans = [
        DocumentSpan("inspection_record", "现场检查笔录", 1, 1, 1.0),
        DocumentSpan("penalty_decision", "行政处罚决定书", 2, 2, 1.0),
    ]
    for n, extra_page in enumerate(extra, start=3):
        title = extra_page.lines[0].text
        kind = {"责令改正通知书": "rectification_order", "视听资料说明": "evidence"}[title]
        spans.append(DocumentSpan(kind, title, n, n, 1.0))
    return _run("penalty", pages, spans)


def _by_rule(found: list[Suggestion]) -> dict[str, Suggestion]:
    return {s.rule: s for s in found}


# ---------------------------------------------------------------- 责令改正 (P-3.7)


def test_a_fine_without_an_order_to_correct_is_found() -> None:
    found = _by_rule(_penalty(DECISION))
    hit = found["no_correction_order"]
    assert hit.item_id == "P-3.7" and hit.suggested_points == 2
    assert "第二十八条" in hit.message and hit.pages == (2,)


def test_an_order_in_the_decision_or_a_notice_of_its_own_is_enough() -> None:
    assert "no_correction_order" not in _by_rule(_penalty((*DECISION, ORDERED)))
    notice = page("责令改正通知书", "责令你单位于2025年5月30日前改正上述违法行为。")
    assert "no_correction_order" not in _by_rule(_penalty(DECISION, (*INSPECTION, AV), notice))
    spared = ("本机关决定对当事人不予行政处罚。",)
    assert "no_correction_order" not in _by_rule(_penalty(spared))


# ---------------------------------------------------------------- 全过程记录 (P-4.17 / C-4.19)


def test_a_record_silent_on_the_body_camera_is_found_where_the_province_asks(
    tmp_path: Path,
) -> None:
    """An ordinary 现场检查 must note 音像记录 only where a province or sector says so
    (``sector_documents``; 国办发〔2018〕118号 mandates it for 查封扣押、强制拆除)."""
    assert "no_av_record" not in _by_rule(_penalty((*DECISION, ORDERED), INSPECTION))
    text = DEFAULT_PRECHECKS_PATH.read_text(encoding="utf-8").replace(
        "    sector_documents: {}\n", "    sector_documents: {market: [inspection_record]}\n"
    )
    (tmp_path / "prechecks.yaml").write_text(text, encoding="utf-8")
    table = load_prechecks(tmp_path / "prechecks.yaml")

    def market(*extra: PageInput) -> dict[str, Suggestion]:
        pages = [page("现场检查笔录", *INSPECTION), page("行政处罚决定书", *DECISION, ORDERED)]
        spans = [
            DocumentSpan("inspection_record", "现场检查笔录", 1, 1, 1.0),
            DocumentSpan("penalty_decision", "行政处罚决定书", 2, 2, 1.0),
        ]
        if extra:
            pages += extra
            spans.append(DocumentSpan("evidence", "视听资料说明", 3, 3, 1.0))
        facts = replace(
            build_facts("penalty", pages, spans, {}, table=table), organ="江州市市场监督管理局"
        )
        return _by_rule(run_prechecks(facts, PENALTY, table=table))

    hit = market()["no_av_record"]
    assert hit.item_id == "P-4.17" and hit.pages == (1,)
    assert "现场检查笔录（第1页）" in hit.message
    note = page("视听资料说明", "本案现场执法录像一段，存于光盘。")
    assert "no_av_record" not in market(note)


def test_a_seizure_record_silent_on_the_body_camera_is_found() -> None:
    pages = [page("查封（扣押）现场笔录", "执法人员依法对涉案物品实施扣押。")]
    spans = [DocumentSpan("seizure_record", "查封（扣押）现场笔录", 1, 1, 1.0)]
    hit = _by_rule(_run("coercion", pages, spans))["no_av_record"]
    assert hit.item_id == "C-4.19"
    pages = [page("查封（扣押）现场笔录", "执法人员依法对涉案物品实施扣押。" + AV)]
    assert "no_av_record" not in _by_rule(_run("coercion", pages, spans))


def test_a_demolition_record_silent_on_the_body_camera_is_found() -> None:
    """国办发〔2018〕118号 三、（八）: 强制拆除 is filmed from start to end like a 查封扣押; its
    record (强制拆除现场笔录, a 强制执行现场笔录) must say so or a 视听资料说明 be on file."""
    spans = [DocumentSpan("enforcement_record", "强制拆除现场笔录", 1, 1, 1.0)]
    silent = [page("强制拆除现场笔录", "执法人员依法对违法建筑实施强制拆除。")]
    hit = _by_rule(_run("coercion", silent, spans))["no_av_record"]
    assert hit.item_id == "C-4.19" and hit.pages == (1,)
    filmed = [page("强制拆除现场笔录", "执法人员依法对违法建筑实施强制拆除。" + AV)]
    assert "no_av_record" not in _by_rule(_run("coercion", filmed, spans))


# ---------------------------------------------------------------- 送达 (P-4.13)


def _receipt(*note: str) -> dict[str, Suggestion]:
    pages = [
        page("行政处罚决定书", *DECISION, ORDERED),
        page("送达回证", "送达文书名称：行政处罚决定书", *note),
    ]
    spans = [
        DocumentSpan("penalty_decision", "行政处罚决定书", 1, 1, 1.0),
        DocumentSpan("service_receipt", "送达回证", 2, 2, 1.0),
    ]
    return _by_rule(_run("penalty", pages, spans))


def test_a_lodged_service_needs_a_witness_or_a_recording() -> None:
    hit = _receipt("送达方式：留置送达")["lodged_service_without_witness"]
    assert hit.item_id == "P-4.13" and "第八十九条" in hit.message
    assert "lodged_service_without_witness" not in _receipt(
        "送达方式：留置送达", "备注：邀请社区工作人员到场见证，并拍照记录。"
    )
    assert "lodged_service_without_witness" not in _receipt("送达方式：直接送达")


def test_a_mailed_service_needs_the_postal_receipt() -> None:
    assert "mailed_service_without_receipt" in _receipt("送达方式：邮寄送达")
    assert "mailed_service_without_receipt" not in _receipt(
        "送达方式：邮寄送达", "备注：EMS邮件号1100000001，已妥投。"
    )


# ---------------------------------------------------------------- 行政强制 (C-4.16–C-4.18, C-4.1)


def test_late_fine_decision_must_state_the_standard() -> None:
    pages = [page("加处罚款决定书", "你单位逾期未缴纳罚款，本机关决定加处罚款。")]
    spans = [DocumentSpan("late_fine_decision", "加处罚款决定书", 1, 1, 1.0)]
    hit = _by_rule(_run("coercion", pages, spans))["late_fine_standard_not_told"]
    assert hit.item_id == "C-4.17"
    told = [page("加处罚款决定书", "每日按罚款数额的百分之三加处罚款，加处数额不超过罚款数额。")]
    assert "late_fine_standard_not_told" not in _by_rule(_run("coercion", told, spans))


def _demolition(ordered: str, demolished: str, announced: bool) -> dict[str, Suggestion]:
    pages = [
        page("责令限期拆除决定书", "限你于十日内自行拆除。", ordered),
        page("强制执行决定书", "本机关决定强制拆除。", demolished),
        page("强制拆除现场笔录", "执法人员对违法建筑实施强制拆除。", demolished),
    ]
    spans = [
        DocumentSpan("demolition_order", "责令限期拆除决定书", 1, 1, 1.0),
        DocumentSpan("enforcement_decision", "强制执行决定书", 2, 2, 1.0),
        DocumentSpan("enforcement_record", "强制拆除现场笔录", 3, 3, 1.0),
    ]
    if announced:
        pages.append(page("强制拆除公告", "限当事人于公告之日起自行拆除。", ordered))
        spans.append(DocumentSpan("demolition_notice", "强制拆除公告", 4, 4, 1.0))
    return _by_rule(_run("coercion", pages, spans))


def test_demolition_waits_for_the_announcement_and_the_remedy_periods() -> None:
    early = _demolition("2025年3月3日", "2025年6月16日", announced=False)
    assert early["demolition_without_announcement"].item_id == "C-4.16"
    assert early["demolition_before_remedy_period"].item_id == "C-4.16"
    late = _demolition("2025年3月3日", "2025年9月16日", announced=True)
    assert "demolition_without_announcement" not in late
    assert "demolition_before_remedy_period" not in late


def test_substitute_performance_three_working_days_after_the_demand() -> None:
    def run(demanded: str, performed: str) -> dict[str, Suggestion]:
        pages = [page("代履行催告书", "请于三日内自行清除。", demanded)]
        pages.append(page("代履行现场笔录", "代履行人清除障碍物。", performed))
        spans = [DocumentSpan("evidence", "代履行催告书", 1, 1, 1.0)]
        spans.append(DocumentSpan("evidence", "代履行现场笔录", 2, 2, 1.0))
        return _by_rule(_run("coercion", pages, spans))

    # Friday 2025-05-09 + 3 working days = Wednesday 05-14: Tuesday is too early.
    assert run("2025年5月9日", "2025年5月13日")["substitute_without_demand"].item_id == "C-4.18"
    assert "substitute_without_demand" not in run("2025年5月9日", "2025年5月14日")


def test_emergency_measure_reported_within_24_hours() -> None:
    def run(taken: str, reported: str) -> dict[str, Suggestion]:
        pages = [page("当场实施行政强制措施笔录", "情况紧急，当场扣押。", taken)]
        pages.append(page("补办批准手续审批表", "同意补办。", reported))
        spans = [DocumentSpan("evidence", "当场实施行政强制措施笔录", 1, 1, 1.0)]
        spans.append(DocumentSpan("evidence", "补办批准手续审批表", 2, 2, 1.0))
        return _by_rule(_run("coercion", pages, spans))

    assert run("2025年5月9日", "2025年5月12日")["emergency_report_late"].item_id == "C-4.1"
    assert "emergency_report_late" not in run("2025年5月9日", "2025年5月10日")
