"""The ground truth written beside each generated dossier (``<name>.truth.json``).

It records what a perfect splitter, extractor and pre-check would find: document ranges
by file page, key fields, and each planted defect with the pages and documents concerned.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from app.casefiles.facts import DATE_KEYS
from app.demo.chinese_text import format_date
from app.demo.coercion_dates import DEMAND_DAYS, PROCEDURE_EVENTS
from app.demo.dossier import LaidDossier
from app.demo.workdays import workdays_between
from scoring.fine_ranges import fine_range_for, parse_provisions

TRUTH_VERSION = 1
_OTHER_DATES = (
    "inquired",
    "reported",
    "legal_review",
    "discussed",
    "defence",
    "decision_approved",
    "paid",
    "extended",
    *PROCEDURE_EVENTS,
)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _cn(value: date | None) -> str:
    return format_date(value, "ymd_cn") if value else "（无）"


def _fine_message(case: Any) -> str:
    party = case.party.is_company if case.kind == "penalty" else None
    found = fine_range_for(parse_provisions(case.basis), party) if case.fine else None
    if found is None:
        return ""
    return f"罚款{case.fine}元，超出{found.basis}规定的罚款幅度（{found.text}）。"


def stated_dates(case: Any) -> dict[str, date | None]:
    """The dossier's dates as its papers state them, which the plan's dates are not always.

    A 强制执行 or 拆除 dossier's cover gives the day its procedure began (开始日期: the fine
    found unpaid, the 限期拆除 ordered), which the plan keeps as ``discovered`` but which no
    paper states as a 发现日期. A decision served by 公告 has no 送达日期 in the dossier:
    service is complete only thirty days after the 公告 (《民事诉讼法》第九十五条), and the
    公告's own day is its ``public_notice_issued``."""
    dates = {k: case.dates.get(k) for k in DATE_KEYS}
    if case.procedure in ("enforcement", "demolition"):
        dates["discovered"] = None
    if case.has("public_notice_too_soon"):
        dates["served"] = None
    return dates


def _public_notice(case: Any) -> dict[str, str | None]:
    """The day of the 公告 that serves the 强制执行决定书, where the dossier serves it so."""
    if not case.has("public_notice_too_soon"):
        return {}
    return {"public_notice_issued": _iso(case.dates.get("served"))}


def _defect(laid: LaidDossier, code: str) -> dict[str, Any]:
    case = laid.case
    d = case.dates
    decision = {"penalty": "行政处罚决定书", "seizure": "查封（扣押）决定书"}.get(
        case.procedure, "行政强制执行决定书"
    )
    messages: dict[str, tuple[str, tuple[str, ...]]] = {
        "late_service": (
            f"行政处罚决定书于{_cn(d['decided'])}作出，{_cn(d['served'])}才送达，"
            f"间隔{workdays_between(case.day('decided'), d['served']) if d['served'] else 0}个工作日，超过七个工作日的送达期限。",
            ("decision", "decision_receipt"),
        ),
        "over_90_days": (
            f"案件于{_cn(d['filed'])}立案，{_cn(d['decided'])}作出处罚决定，"
            f"历时{(d['decided'] - d['filed']).days if d['filed'] and d['decided'] else 0}日，超过九十日办案期限且无延期审批。",
            ("filing_approval", "decision"),
        ),
        "missing_service_receipt": (
            f"卷内缺少{decision}的送达回证，无法证明决定书已依法送达。",
            ("decision",),
        ),
        "missing_remedy_notice": (
            f"{decision}未告知申请行政复议（六十日）和提起行政诉讼（六个月）的途径和期限。",
            ("decision",),
        ),
        "missing_legal_review": (
            "本案为重大案件，卷内缺少法制审核意见，未经法制审核即作出处罚决定。",
            ("decision_approval", "decision"),
        ),
        "legal_review_after_decision": (
            f"法制审核意见日期为{_cn(d.get('legal_review'))}，晚于处罚决定日期{_cn(d['decided'])}，属于先决定后审核。",
            ("legal_review", "decision"),
        ),
        "decided_before_defence_period": (
            f"事先告知书于{_cn(d['notice_served'])}送达，处罚决定于{_cn(d['decided'])}作出，"
            "陈述申辩期限（三个工作日）届满前即作出决定。",
            ("notice_receipt", "decision"),
        ),
        "single_officer": (
            "询问笔录仅有一名执法人员询问并签名，违反执法人员不得少于两人的规定。",
            ("inquiry",),
        ),
        "bare_legal_review": (
            "法制审核意见仅为“同意”，未对执法主体、事实证据、法律适用、裁量和程序等作出审核。",
            ("legal_review",),
        ),
        "missing_collective_discussion": (
            "本案为重大案件，卷内缺少集体讨论记录。",
            ("decision_approval", "decision"),
        ),
        "seizure_over_30_days": (
            f"{case.measure or '查封（扣押）'}自{_cn(d['seized'])}起至{_cn(d['released'])}解除，"
            f"历时{(d['released'] - d['seized']).days if d['released'] and d['seized'] else 0}日，"
            "超过三十日且无延长期限决定。",
            ("decision", "release"),
        ),
        "missing_release_decision": (
            f"{case.measure or '查封（扣押）'}措施已结案，但卷内缺少解除{case.measure or '查封（扣押）'}决定书。",
            ("decision", "closing"),
        ),
        "missing_case_no": (f"{decision}未标注文书编号（案号）。", ("decision",)),
        "no_correction_order": (
            f"{decision}只作罚款，未责令当事人改正或者限期改正违法行为（《行政处罚法》第二十八条第一款）。",
            ("decision",),
        ),
        "no_av_record": (
            "现场笔录未载明执法记录仪等音像记录情况，无法证明现场执法进行了全过程记录。",
            ("seizure_record" if case.kind == "coercion" else "inspection",),
        ),
        "fine_out_of_range": (_fine_message(case), ("decision",)),
        "officer_not_certified": (
            f"执法人员{case.officers[0].name}的执法证已于{_cn(d['discovered'] - timedelta(days=30)) if d['discovered'] else ''}"
            "到期，此后仍在笔录中以执法人员身份执法（《行政处罚法》第四十二条）。",
            ("inspection", "inquiry"),
        ),
        "hearing_notified_late": (
            f"听证通知书于{_cn(d.get('hearing_notified'))}送达，{_cn(d.get('hearing_held'))}即举行听证，"
            "未在举行听证的七日前通知当事人（《行政处罚法》第六十四条）。",
            ("hearing_notice", "hearing_record"),
        ),
        "preservation_handled_late": (
            f"先行登记保存证据于{_cn(d.get('preserved'))}，{_cn(d.get('preservation_handled'))}才作出处理决定，"
            "超过七日（《行政处罚法》第五十六条）。",
            ("preservation_notice", "preservation_handling"),
        ),
        "lodged_service_without_witness": (
            "行政处罚决定书留置送达，送达回证未载明见证人到场或拍照、录像（《民事诉讼法》第八十九条）。",
            ("decision_receipt",),
        ),
        "mailed_service_without_receipt": (
            "行政处罚事先告知书邮寄送达，卷内无邮件回执或邮件号（《民事诉讼法》第九十一条）。",
            ("notice_receipt",),
        ),
        "publication_late": (
            f"行政处罚决定于{_cn(d['decided'])}作出，{_cn(d.get('published'))}才公示，"
            "超过七个工作日（国办发〔2018〕118号）。",
            ("decision", "closing"),
        ),
        "transfer_late": (
            f"违法行为于{_cn(d['discovered'])}发现，{_cn(d.get('transferred'))}才移送乡镇，"
            "超过三个工作日的移送期限（乡镇与职能部门行政执法协调衔接机制）。",
            ("case_transfer_letter", "filing_approval"),
        ),
        "outside_delegated_powers": (
            f"{case.organ}以{case.basis}作出行政处罚，该事项不在乡镇（街道）赋权事项清单内"
            "（《行政处罚法》第二十四条）。",
            ("decision",),
        ),
        "emergency_report_late": (
            f"{case.measure}于{_cn(d['seized'])}当场实施，{_cn(d.get('emergency_reported'))}才报告并补办批准手续，"
            "超过二十四小时（《行政强制法》第十九条）。",
            ("seizure_record", "coercion_approval"),
        ),
        "enforcement_before_demand_period": (
            f"催告书于{_cn(d.get('demand_served'))}送达，载明{DEMAND_DAYS}日内履行，"
            f"{_cn(d.get('enforcement_decided'))}即作出强制执行决定，履行期限尚未届满（《行政强制法》第三十七条）。",
            ("demand_notice", "decision"),
        ),
        "late_fine_standard_not_told": (
            "加处罚款决定书未载明加处罚款的标准（《行政强制法》第四十五条第一款）。",
            ("late_fine",),
        ),
        "demolition_without_announcement": (
            "卷内无强制拆除公告，未公告限期当事人自行拆除即强制拆除（《行政强制法》第四十四条）。",
            ("demolition_order", "decision"),
        ),
        "demolition_before_remedy_period": (
            f"责令限期拆除决定于{_cn(d.get('demolition_ordered'))}作出，{_cn(d.get('demolished'))}即强制拆除，"
            "申请行政复议、提起行政诉讼的期限尚未届满（《行政强制法》第四十四条）。",
            ("demolition_order", "demolition_record"),
        ),
        "late_fine_over_fine": (
            f"加处罚款决定书载明应缴纳加处罚款{int((case.fine or 0) * 3 // 2)}元，超出罚款数额"
            f"{case.fine or 0}元；加处罚款的数额不得超出金钱给付义务的数额（《行政强制法》第四十五条第二款）。",
            ("late_fine",),
        ),
        "public_notice_too_soon": (
            f"强制执行决定书于{_cn(d.get('served'))}公告送达，{_cn(d.get('demolished'))}即实施强制拆除，"
            "公告送达尚未经过三十日（《民事诉讼法》第九十五条）。",
            ("public_notice", "demolition_record"),
        ),
        "unqualified_legal_reviewer": (
            f"法制审核人员{case.legal_officer}在执法人员名册中未登记法律职业资格，"
            "需核实其是否为初次从事法制审核的人员（《行政处罚法》第五十八条第二款）。",
            ("legal_review",),
        ),
        "substitute_without_demand": (
            f"代履行催告书于{_cn(d.get('substitute_demanded'))}作出，{_cn(d.get('demolished'))}即代履行，"
            "未在代履行三日前催告当事人履行（《行政强制法》第五十一条）。",
            ("substitute_demand", "demolition_record"),
        ),
        "time_bar_exceeded": (
            f"违法行为发生于{_cn(case.violated_on)}，{_cn(d['discovered'])}才被发现，"
            "已超过二年的追责时效，依法不再给予行政处罚。",
            ("filing_approval", "decision"),
        ),
    }
    if code == "page_gap":
        assert laid.gap_page is not None
        before = laid.pages[laid.gap_page - 1].printed_no
        doc = laid.documents[laid.pages[laid.gap_page - 1].doc_index]
        return {
            "code": code,
            "message": f"卷内页码不连续：第{before}页之后缺少第{(before or 0) + 1}页。",
            "pages": [laid.gap_page, laid.gap_page + 1],
            "documents": [doc.type],
        }
    message, roles = messages[code]
    pages: list[int] = []
    types: list[str] = []
    for role in roles:
        found = laid.page_range(role)
        if found is None:
            continue
        pages += range(found[0], found[1] + 1)
        found_doc = laid.document(role)
        if found_doc is not None and found_doc.type not in types:
            types.append(found_doc.type)
    return {"code": code, "message": message, "pages": sorted(set(pages)), "documents": types}


# The 执法类别 a demo officer's certificate states, by department.
CATEGORIES = {
    "market": "市场监管",
    "urban": "城市管理",
    "transport": "交通运输",
    "ecology": "生态环境",
    "town": "综合行政执法",
}


def roster(case: Any) -> list[dict[str, Any]]:
    """The roster lines (执法人员名册) of the case's officers: certificates valid from 2020 to
    2028, for the organ and its 执法类别; planted officer_not_certified: the first officer's
    expired the month before the case was found (《行政处罚法》第四十二条)."""
    lines = []
    for n, officer in enumerate(case.officers):
        expired = n == 0 and case.has("officer_not_certified")
        until = case.day("discovered") - timedelta(days=30) if expired else date(2028, 12, 31)
        lines.append(
            {
                "name": officer.name,
                "cert_no": officer.cert_no,
                "valid_from": "2020-01-01",
                "valid_to": until.isoformat(),
                "department": case.organ,
                "category": CATEGORIES[case.spec.department],
            }
        )
    # the 法制审核 officer, with his 法律职业资格 (《行政处罚法》第五十八条第二款): none when
    # unqualified_legal_reviewer is planted, a qualified colleague then showing that the
    # roster records it
    series = f"{case.spec.seed % 10**8:08d}"
    planted = case.has("unqualified_legal_reviewer")
    legal = [(case.legal_officer, None if planted else f"A{series}")]
    if planted:
        legal.append((case.division_head, f"A{series}"))
    for n, (name, qualification) in enumerate(legal, start=1):
        lines.append(
            {
                "name": name,
                "cert_no": f"F{series}{n}",
                "valid_from": "2020-01-01",
                "valid_to": "2028-12-31",
                "department": case.organ,
                "category": CATEGORIES[case.spec.department],
                "legal_qualification": qualification,
            }
        )
    return lines


def build_truth(laid: LaidDossier, file_name: str) -> dict[str, Any]:
    """The JSON-ready ground truth of a laid-out dossier."""
    case = laid.case
    documents = []
    for index, doc in enumerate(laid.documents):
        numbers = [n for n, p in enumerate(laid.pages, start=1) if p.doc_index == index]
        documents.append(
            {
                "type": doc.type,
                "title": doc.title,
                "first_page": numbers[0],
                "last_page": numbers[-1],
            }
        )
    return {
        "version": TRUTH_VERSION,
        "file": file_name,
        "kind": case.kind,
        "procedure": case.procedure,
        "department": case.organ,
        "department_key": case.spec.department,
        "seed": case.spec.seed,
        "pages": len(laid.pages),
        "major": case.major,
        "documents": documents,
        "fields": {
            "case_no": case.case_no,
            "party": case.party.name,
            "party_id": case.party.id_no,
            "cause": case.cause,
            "fine_yuan": case.fine,
            "dates": {k: _iso(v) for k, v in stated_dates(case).items()},
            "other_dates": {k: _iso(case.dates.get(k)) for k in _OTHER_DATES}
            | _public_notice(case),
            # the day of the act where the facts state it (a time-barred act lies years back)
            "violation_ended": _iso(case.violated_on),
        },
        "officers": [{"name": o.name, "cert_no": o.cert_no} for o in case.officers],
        "roster": roster(case),
        "page_numbers": [p.printed_no for p in laid.pages],
        "defects": [_defect(laid, code) for code in case.spec.defects],
    }
