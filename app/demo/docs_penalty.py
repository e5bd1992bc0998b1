"""The documents of a penalty dossier (行政处罚, 普通程序), in filing order."""

from __future__ import annotations

from app.demo.case import Case
from app.demo.chinese_text import fine_text
from app.demo.docs_enforcement import late_fine_decision
from app.demo.docs_forms import (
    FORM_STYLES,
    SIGN_STYLES,
    W4,
    approval_form,
    closing_approval,
    decision_blocks,
    hand_signed,
    opinion_row,
    outgoing,
    party_rows,
    sealed,
    service_receipt,
)
from app.demo.docs_records import (
    defence_record,
    discussion_record,
    inquiry_record,
    inspection_record,
)
from app.demo.docs_steps import (
    hearing_documents,
    preservation_documents,
    transfer_documents,
)
from app.demo.flow import Block, Cell, Document, Photo, Signature, Table, Text
from app.demo.texts import phrase


def _filing_approval(case: Case) -> Document:
    source = case.rng.choice(("日常监督检查", "投诉举报", "上级交办", "其他部门移送"))
    if case.dates.get("transferred"):
        source = "其他部门移送"
    rows = (
        (
            Cell("案件来源", align="center"),
            Cell(source),
            Cell("发现日期", align="center"),
            Cell(case.fmt("discovered", FORM_STYLES)),
        ),
        *party_rows(case),
        (Cell("案由", align="center"), Cell(f"涉嫌{case.cause}", span=3)),
        (Cell("简要案情", align="center"), Cell(case.facts, span=3, min_lines=4)),
        opinion_row(
            case, "承办人意见", "当事人涉嫌违法，建议立案调查。", case.officers[0].name, "filed"
        ),
        opinion_row(
            case,
            "承办机构意见",
            f"同意立案，由{case.officers[0].name}、{case.officers[1].name}承办。",
            case.division_head,
            "filed",
        ),
    )
    return approval_form(
        case, "filing_approval", "立案审批表", rows, "filed", leader_says="同意立案。"
    )


def _evidence(case: Case) -> list[Document]:
    shot = case.fmt("discovered", FORM_STYLES)
    names = "、".join(o.name for o in case.officers)
    photos: list[Block] = [
        Photo(f"照片1：{case.goods or '现场'}全景　拍摄时间：{shot}　拍摄人：{names}", height=620),
        Photo(f"照片2：{case.goods or '现场'}近景　拍摄地点：{case.party.address}", height=620),
        hand_signed(
            case, f"当事人确认：以上照片属实。　　{case.party.representative}", "discovered"
        ),
    ]
    docs = [
        Document(
            type="evidence",
            title="现场照片",
            role="evidence_photos",
            blocks=photos,
            day=case.day("discovered"),
        )
    ]
    if case.party.is_company and case.rng.random() < 0.7:
        p = case.party
        licence = Table(
            (0.3, 0.7),
            (
                (Cell("名　　称", align="center"), Cell(p.name)),
                (Cell("统一社会信用代码", align="center"), Cell(p.id_no)),
                (Cell("类　　型", align="center"), Cell("有限责任公司（自然人投资或控股）")),
                (Cell("法定代表人", align="center"), Cell(p.representative)),
                (Cell("住　　所", align="center"), Cell(p.address)),
                (
                    Cell("经营范围", align="center"),
                    Cell(
                        "一般项目：销售、服务（依法须经批准的项目，经相关部门批准后方可开展经营活动）",
                        min_lines=3,
                    ),
                ),
            ),
        )
        docs.append(
            Document(
                type="evidence",
                title="营业执照（复印件）",
                role="evidence_licence",
                blocks=[
                    Text("（复印件）", align="center"),
                    licence,
                    hand_signed(
                        case,
                        f"此复印件与原件核对无误。{p.representative}",
                        "inquired",
                        space_before=60,
                    ),
                ],
                day=case.day("inquired"),
            )
        )
    return docs


def _report(case: Case) -> Document:
    fine = fine_text(case.fine or 0)
    paras = [
        (
            "一、案件来源",
            f"{case.fmt('discovered', ('ymd_cn',))}，本机关执法人员在检查中发现当事人涉嫌{case.cause}，"
            f"经批准于{case.fmt('filed', ('ymd_cn',))}立案调查。",
        ),
        (
            "二、当事人基本情况",
            f"{case.party.name}，{case.party.id_label}：{case.party.id_no}，住所：{case.party.address}。",
        ),
        ("三、调查认定的违法事实", case.facts),
        (
            "四、证据",
            "现场检查笔录、询问笔录、现场照片、当事人身份证明材料等，证据之间相互印证，足以认定。",
        ),
        (
            "五、定性及处罚依据",
            f"当事人的行为违反了{case.violated}的规定，依据{case.basis}的规定应予处罚。",
        ),
        ("六、处罚建议", f"鉴于当事人积极配合调查，建议对当事人处以{fine}罚款。"),
    ]
    blocks: list = []
    for head, body in paras:
        blocks.append(Text(head, space_before=8))
        blocks.append(Text(body, indent=2))
    blocks.append(
        Text(
            f"承办人：{case.officers[0].name}　{case.officers[1].name}",
            align="right",
            space_before=40,
        )
    )
    blocks.append(Text(case.fmt("reported", ("ymd_cn", "ymd_hanzi")), align="right"))
    return Document(
        type="investigation_report",
        title="案件调查终结报告",
        role="report",
        blocks=blocks,
        day=case.day("reported"),
    )


def _legal_review(case: Case) -> Document:
    title = case.rng.choice(("法制审核意见书", "重大执法决定法制审核意见书"))
    rows = (
        (Cell("案件名称", align="center"), Cell(case.case_name, span=3)),
        (
            Cell("送审机构", align="center"),
            Cell("执法机构"),
            Cell("送审日期", align="center"),
            Cell(case.fmt("reported", FORM_STYLES)),
        ),
        (Cell("拟处理意见", align="center"), Cell(f"罚款{fine_text(case.fine or 0)}", span=3)),
        (
            Cell("审核意见", align="center"),
            Cell(
                # bare_legal_review: the one-line "同意" 评查通报 criticise (第五十八条)
                "同意。"
                if case.has("bare_legal_review")
                else "经审核，本案事实清楚，证据确实充分，适用法律正确，程序合法，处罚裁量适当，同意承办机构的处理意见。",
                span=3,
                min_lines=4,
                sign=f"法制审核人员：{case.legal_officer}　{case.fmt('legal_review', SIGN_STYLES)}",
            ),
        ),
    )
    return Document(
        type="legal_review",
        title=title,
        role="legal_review",
        blocks=[Table(W4, rows)],
        day=case.day("legal_review"),
    )


def _notice_no(case: Case) -> str:
    return (
        case.case_no.replace("罚决字", "罚告字")
        .replace("处罚〔", "罚告〔")
        .replace("罚〔", "罚告〔")
    )


def _prior_notice(case: Case) -> Document:
    days = "五个工作日" if case.major else "三个工作日"
    hearing = (
        "根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，你（单位）有权要求举行听证。"
        if case.major
        else ""
    )
    blocks: list[Block] = [
        Text(_notice_no(case), align="center", style="caseno"),
        Text(f"{case.party.name}：", space_before=20),
        Text(
            f"经查，{case.facts}你（单位）的上述行为违反了{case.violated}的规定。"
            f"依据{case.basis}的规定，本机关拟对你（单位）作出如下行政处罚：罚款{fine_text(case.fine or 0)}。",
            indent=2,
        ),
        Text(
            f"根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你（单位）享有陈述、申辩的权利。{hearing}"
            f"请在收到本告知书之日起{days}内向本机关提出陈述、申辩意见，逾期未提出的，视为放弃上述权利。",
            indent=2,
        ),
        Text(
            f"联系人：{case.officers[0].name}　　联系电话：0{case.rng.randint(500, 799)}-{case.rng.randint(2000000, 8999999)}",
            indent=2,
        ),
        sealed(case, "notice"),
    ]
    return Document(
        type="prior_notice",
        title="行政处罚事先告知书",
        role="notice",
        organ_line=case.organ,
        blocks=blocks,
        day=case.day("notice"),
        doc_no=_notice_no(case),
    )


def _decision_approval(case: Case) -> Document:
    review = "见法制审核意见书，同意。" if case.dates.get("legal_review") else "——"
    rows = (
        (Cell("案由", align="center"), Cell(case.cause, span=3)),
        *party_rows(case),
        (Cell("违法事实", align="center"), Cell(case.facts, span=3, min_lines=3)),
        (Cell("处罚依据", align="center"), Cell(case.basis, span=3)),
        (
            Cell("陈述申辩情况", align="center"),
            Cell(
                "当事人提出陈述申辩，经复核不予采纳。"
                if case.has_defence_record
                else "当事人未提出陈述申辩。",
                span=3,
            ),
        ),
        (Cell("拟处罚内容", align="center"), Cell(f"罚款{fine_text(case.fine or 0)}", span=3)),
        opinion_row(
            case,
            "承办人意见",
            "建议按拟处罚内容作出行政处罚决定。",
            case.officers[0].name,
            "decision_approved",
        ),
        (Cell("法制审核意见", align="center"), Cell(review, span=3)),
    )
    return approval_form(case, "decision_approval", "行政处罚决定审批表", rows, "decision_approved")


def _decision(case: Case) -> Document:
    defence = phrase("defence_heard" if case.has_defence_record else "defence_none")
    fine = fine_text(case.fine or 0)
    blocks = decision_blocks(case, "penalty_decision", defence=defence, fine=fine)
    return outgoing(
        case, "penalty_decision", "行政处罚决定书", "decision", "decided", blocks, case.case_no
    )


def _payment(case: Case) -> Document:
    bank = f"中国农业银行{case.city[:-1]}分行"
    rows = (
        (Cell("缴款人", align="center"), Cell(case.party.name, span=3)),
        (Cell("执收单位", align="center"), Cell(case.organ, span=3)),
        (
            Cell("项目名称", align="center"),
            Cell("一般罚没收入"),
            Cell("决定书文号", align="center"),
            Cell(case.case_no),
        ),
        (
            Cell("金额（大写）", align="center"),
            Cell(fine_text(case.fine or 0).split("（")[0], span=3),
        ),
        (
            Cell("金额（小写）", align="center"),
            Cell(f"¥{case.fine or 0:,}.00"),
            Cell("缴款日期", align="center"),
            Cell(case.fmt("paid", FORM_STYLES)),
        ),
        (Cell("收款银行", align="center"), Cell(bank, span=3)),
    )
    return Document(
        type="payment_receipt",
        title="罚没款缴款凭证",
        role="payment",
        blocks=[Table(W4, rows), Signature(bank, case.fmt("paid", ("dots", "iso")))],
        day=case.day("paid"),
    )


def penalty_documents(case: Case) -> list[Document]:
    """Every document of the dossier after the catalogue, in filing order, defects applied."""
    docs = [
        *(transfer_documents(case) if case.dates.get("transferred") else ()),
        _filing_approval(case),
        inspection_record(case),
        inquiry_record(case),
        *_evidence(case),
    ]
    if case.dates.get("preserved"):
        docs += preservation_documents(case)
    docs.append(_report(case))
    if case.dates.get("legal_review") and not case.has("legal_review_after_decision"):
        docs.append(_legal_review(case))
    if case.dates.get("discussed"):
        docs.append(discussion_record(case))
    docs.append(_prior_notice(case))
    docs.append(
        service_receipt(
            case, "notice_receipt", "行政处罚事先告知书", _notice_no(case), "notice_served"
        )
    )
    if case.has_defence_record:
        docs.append(defence_record(case))
    if case.dates.get("hearing_held"):
        docs += hearing_documents(case)
    docs.append(_decision_approval(case))
    decision = _decision(case)
    docs.append(decision)
    if case.has("legal_review_after_decision"):
        docs.insert(docs.index(decision) - 1, _legal_review(case))
    if case.dates["served"] is not None:
        docs.append(
            service_receipt(case, "decision_receipt", "行政处罚决定书", case.case_no, "served")
        )
    if case.dates.get("late_fine_decided"):  # paid late: 加处罚款 (《行政强制法》第四十五条)
        late = late_fine_decision(case)
        docs += [
            late,
            service_receipt(
                case, "late_fine_receipt", late.title, late.doc_no, "late_fine_decided"
            ),
        ]
    docs += [_payment(case), closing_approval(case)]
    return docs
