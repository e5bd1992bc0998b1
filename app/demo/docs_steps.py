"""Steps some penalty files hold: 先行登记保存 and its 处理决定, a hearing (听证), a case a
department transferred to a 乡镇 (移送函, 受理情况告知书).

《行政处罚法》第五十六条 (先行登记保存, 七日内作出处理决定) and 第六十四条 (听证: 通知 at least
七日 before; 第八十五条: 工作日); the 乡镇 衔接 limits of seed 004 (移送 within 3 working days
of discovery, acceptance told within 3 working days of receipt). A file holds them when its spec plants the defect their rule
finds; the dates come from case.py, the documents from here.
"""

from __future__ import annotations

from app.demo.case import Case
from app.demo.chinese_text import fine_text
from app.demo.docs_forms import (
    hand_signed,
    numbered_letter,
    officers_text,
    party_record,
    service_receipt,
)
from app.demo.flow import Document, Text


def preservation_documents(case: Case) -> list[Document]:
    goods = case.goods or "涉案物品"
    notice = numbered_letter(case, "preservation_notice", goods=goods)
    handling = numbered_letter(case, "preservation_handling", goods=goods)
    return [notice, handling]


def hearing_documents(case: Case) -> list[Document]:
    """听证通知书 and its receipt, 听证笔录, 听证报告."""
    notice = numbered_letter(case, "hearing_notice", fine=fine_text(case.fine or 0))
    receipt = service_receipt(
        case, "hearing_receipt", notice.title, notice.doc_no, "hearing_notified"
    )
    record = party_record(
        case,
        "hearing_record",
        "听证笔录",
        "hearing_record",
        "hearing_held",
        [
            Text(f"听证时间：{case.fmt('hearing_held', ('ymd_cn',))}9时00分至10时30分"),
            Text("听证地点：本机关听证室"),
            Text(f"听证主持人：{case.legal_officer}　　记录人：{case.division_head}"),
            Text(f"案件调查人员：{officers_text(case)}"),
            Text(f"当事人：{case.party.name}　　到场人：{case.party.representative}"),
            Text(
                "主持人宣布听证纪律，核对当事人身份，告知当事人的权利义务。调查人员提出当事人违法的事实、"
                "证据和行政处罚建议，当事人进行申辩和质证，双方进行辩论，当事人作最后陈述。",
                indent=2,
                space_before=16,
            ),
            Text("（以下空白）", align="center", space_before=16),
        ],
    )
    report = Document(
        type="hearing_report",
        title="听证报告",
        role="hearing_report",
        blocks=[
            Text(f"案件名称：{case.case_name}"),
            Text(
                "听证认为：本案事实清楚，证据确凿，适用依据正确，程序合法，当事人的申辩意见不能成立，"
                "建议维持拟作出的行政处罚。",
                indent=2,
                space_before=16,
            ),
            hand_signed(case, f"听证主持人：{case.legal_officer}", "hearing_held", space_before=40),
        ],
        day=case.day("hearing_held"),
    )
    return [notice, receipt, record, report]


def transfer_documents(case: Case) -> list[Document]:
    """The department's 移送函 and the 乡镇's 受理情况告知书 (衔接机制: 案件移送制度)."""
    sender = f"{case.city}城市管理综合行政执法局"
    letter = numbered_letter(case, "case_transfer_letter", to=case.organ, organ=sender)
    told = numbered_letter(case, "transfer_acceptance_notice", to=sender)
    return [letter, told]
