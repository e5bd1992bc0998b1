"""The documents of a 行政强制执行 dossier: an unpaid fine, or a 强制拆除 (by 代履行 or not).

《行政强制法》第三十五条 (催告书), 第三十七条 (强制执行决定书), 第四十四条 (强制拆除公告, after
the 复议/诉讼 periods), 第四十五条 (加处罚款 and its standard told), 第五十一条 (代履行决定书,
三日前催告). A planted defect leaves out or words differently only what its rule reads.
"""

from __future__ import annotations

from app.demo import texts
from app.demo.case import Case
from app.demo.chinese_text import fine_text
from app.demo.coercion_dates import DEMAND_DAYS
from app.demo.docs_forms import (
    AV_NOTE,
    decision_blocks,
    numbered_letter,
    numbered_no,
    officers_text,
    outgoing,
    party_lines,
    party_record,
    remedy_text,
    service_receipt,
)
from app.demo.flow import Block, Document, Text

STRONG = texts.law("strong")
_NUMERALS = {10: "十", 15: "十五", 5: "五"}


def _cn_days(days: int) -> str:
    return _NUMERALS.get(days, str(days))


def _building(case: Case) -> str:
    name, unit, size = case.items[0]
    return f"{name}一处（建筑面积约{size}{unit}）"


def _duty(case: Case) -> tuple[str, str]:
    """What the party was bound to do, and by which decision (the enforced one)."""
    if case.procedure in ("enforcement", "penalty"):
        key, number = (
            ("decided", case.case_no)
            if case.kind == "penalty"
            else ("penalty_decided", case.penalty_no)
        )
        return (
            f"本机关于{case.fmt(key, ('ymd_cn',))}作出{number}《行政处罚决定书》，"
            f"对你（单位）处以罚款{fine_text(case.fine or 0)}。该决定书已依法送达，你（单位）"
            "应当自收到决定书之日起十五日内缴纳罚款，但至今未缴纳",
            "缴纳罚款",
        )
    return (
        f"本机关于{case.fmt('demolition_ordered', ('ymd_cn',))}作出{case.order_no}《责令限期拆除决定书》，"
        f"责令你（单位）自收到决定书之日起十五日内自行拆除{_building(case)}，你（单位）逾期未自行拆除",
        "自行拆除违法建设",
    )


def demand_notice(case: Case) -> Document:
    """催告书: the 履行期限 it states is the period the 强制执行决定 must wait for."""
    history, duty = _duty(case)
    law = "第三十五条、第四十五条" if case.procedure == "enforcement" else "第三十五条、第四十四条"
    days = _cn_days(DEMAND_DAYS)
    return numbered_letter(case, "demand_notice", history=history, law=law, days=days, duty=duty)


def late_fine_decision(case: Case) -> Document:
    """加处罚款决定书: its standard must be told (第四十五条第一款) unless the defect is planted."""
    standard = (
        "本机关决定依法对你（单位）加处罚款，加处罚款的数额不得超出罚款数额。"
        if case.has("late_fine_standard_not_told")
        else "本机关决定自缴纳期限届满之次日起，每日按罚款数额的百分之三对你（单位）加处罚款，"
        "加处罚款的数额不得超出罚款数额。"
    )
    over_fine = ""
    if case.has("late_fine_over_fine"):  # the cap of 第四十五条第二款 overlooked
        over = int((case.fine or 0) * 3 // 2)
        over_fine = f"经计算，截至本决定作出之日，你（单位）应缴纳加处罚款{fine_text(over)}。"
    # a penalty file paid late holds one too
    return numbered_letter(
        case, "late_fine_decision", history=_duty(case)[0], standard=standard, over_fine=over_fine
    )


def enforcement_decision(case: Case) -> Document:
    """强制执行决定书 (第三十七条): reason and basis, the way and time, the remedies."""
    if case.procedure == "enforcement":
        way = "依法划拨你（单位）的存款、汇款，缴纳罚款及加处罚款"
        law = "第三十七条、第四十六条、第四十七条"
    else:
        who = "委托第三人代履行" if case.substitute else "由本机关组织"
        way = f"对{_building(case)}实施强制拆除，{who}"
        law = "第三十七条、第四十四条" + ("、第五十条" if case.substitute else "")
    demand_no = numbered_no(case, "催")
    blocks = decision_blocks(case, "enforcement_decision", demand_no=demand_no, way=way, law=law)
    title, date_key = "行政强制执行决定书", "enforcement_decided"
    return outgoing(case, "enforcement_decision", title, "decision", date_key, blocks, case.case_no)


def demolition_order(case: Case) -> Document:
    blocks: list[Block] = [Text(case.order_no, align="center", style="caseno"), *party_lines(case)]
    blocks += [
        Text(f"经查，{case.facts}", indent=2, space_before=16),
        Text(
            f"上述行为违反了{case.violated}的规定。依据{case.basis}的规定，本机关责令你（单位）"
            "自收到本决定书之日起十五日内自行拆除上述违法建设。",
            indent=2,
        ),
        Text("你（单位）" + remedy_text(case), indent=2),
    ]
    title = "责令限期拆除决定书"
    date_key = "demolition_ordered"
    return outgoing(
        case, "demolition_order", title, "demolition_order", date_key, blocks, case.order_no
    )


def demolition_notice(case: Case) -> Document:
    return numbered_letter(case, "demolition_notice", building=_building(case))


def substitute_decision(case: Case) -> Document:
    budget = case.rng.randint(8, 60) * 1000
    return numbered_letter(
        case, "substitute_performance_decision", building=_building(case), budget=budget
    )


def substitute_demand(case: Case) -> Document:
    return numbered_letter(
        case,
        "substitute_demand_notice",
        building=_building(case),
        substitute_no=numbered_no(case, "代"),
    )


def demolition_record(case: Case) -> Document:
    """The record of the demolition, by daylight on a working day (第四十三条)."""
    hour = case.rng.randint(8, 14)
    title = "代履行强制拆除现场笔录" if case.substitute else "强制拆除现场笔录"
    blocks: list[Block] = [
        Text(f"执行时间：{case.fmt('demolished', ('ymd_cn',))}{hour}时00分至{hour + 2}时30分"),
        Text(f"执行地点：{case.party.address}"),
        Text(f"当事人：{case.party.name}　　到场人：{case.party.representative}"),
        Text(f"执法人员：{officers_text(case)}"),
        Text(f"记录人：{case.officers[1].name}"),
        Text(
            f"执法人员出示执法证件，向当事人宣读强制执行决定，依法对{_building(case)}实施强制拆除。"
            "拆除前清点并登记室内物品，交当事人签收。" + AV_NOTE,
            indent=2,
            space_before=16,
        ),
        Text("拆除完毕，现场已清理。", indent=2),
        Text("（以下空白）", align="center", space_before=16),
    ]
    return party_record(
        case, "enforcement_record", title, "demolition_record", "demolished", blocks
    )


def _served(case: Case, doc: Document, date_key: str) -> Document:
    return service_receipt(case, f"{doc.role}_receipt", doc.title, doc.doc_no, date_key)


def public_notice_service(case: Case, doc: Document) -> Document:
    """公告送达 of ``doc`` (the party cannot be found): served only when thirty days have
    passed since the 公告 was issued (《民事诉讼法》第九十五条)."""
    return numbered_letter(
        case, "public_notice_service", served_no=doc.doc_no, served_title=doc.title
    )


def enforcement_documents(case: Case) -> list[Document]:
    """The body of an enforcement or demolition dossier, in filing order (closing aside)."""
    docs: list[Document] = []
    if case.procedure == "demolition":
        order = demolition_order(case)
        docs += [order, _served(case, order, "demolition_ordered")]
    demand = demand_notice(case)
    docs += [demand, _served(case, demand, "demand_served")]
    if case.procedure == "enforcement":
        late = late_fine_decision(case)
        docs += [late, _served(case, late, "late_fine_decided")]
    decision = enforcement_decision(case)
    if case.has("public_notice_too_soon"):
        docs += [decision, public_notice_service(case, decision)]
    else:
        docs += [decision, _served(case, decision, "served")]
    if case.procedure == "demolition":
        if case.substitute:
            docs.append(substitute_decision(case))
        if case.dates.get("announced"):
            docs.append(demolition_notice(case))
        if case.substitute:
            ask = substitute_demand(case)
            docs += [ask, _served(case, ask, "substitute_demanded")]
        docs.append(demolition_record(case))
    return docs
