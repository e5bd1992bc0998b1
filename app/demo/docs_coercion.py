"""The documents of a coercion dossier (行政强制措施: 查封/扣押), in filing order."""

from __future__ import annotations

from datetime import timedelta

from app.demo.case import Case
from app.demo.chinese_text import format_date
from app.demo.docs_enforcement import enforcement_documents
from app.demo.docs_forms import (
    AV_NOTE,
    approval_form,
    closing_approval,
    decision_blocks,
    hand_signed,
    numbered_letter,
    officers_text,
    opinion_row,
    outgoing,
    party_record,
    party_rows,
    service_receipt,
)
from app.demo.flow import Block, Cell, Document, Table, Text


def _items_summary(case: Case) -> str:
    return "、".join(f"{name}{qty}{unit}" for name, unit, qty in case.items)


def _approval(case: Case) -> Document:
    rows = (
        *party_rows(case),
        (Cell("案由", align="center"), Cell(case.cause, span=3)),
        (
            Cell("强制措施种类", align="center"),
            Cell(case.measure),
            Cell("期限", align="center"),
            Cell("三十日"),
        ),
        (Cell("法律依据", align="center"), Cell(case.basis, span=3)),
        (Cell("涉及财物", align="center"), Cell(_items_summary(case), span=3, min_lines=2)),
        opinion_row(
            case,
            "承办人意见",
            f"情况紧急，已于{case.fmt('seized', ('ymd_cn',))}当场实施{case.measure}，现报告并补办批准手续。"
            if case.emergency
            else f"为防止证据损毁、危害发生，建议依法实施{case.measure}。",
            case.officers[0].name,
            "emergency_reported" if case.emergency else "seized",
        ),
    )
    if case.emergency:  # 《行政强制法》第十九条: reported, approval made up afterwards
        title, stage = "补办行政强制措施审批表", "emergency_reported"
        return approval_form(
            case, "coercion_approval", title, rows, stage, leader_says="同意补办。"
        )
    return approval_form(case, "coercion_approval", "行政强制措施审批表", rows, "seized")


def _term_end(case: Case) -> str:
    return format_date(case.day("seized") + timedelta(days=29), "ymd_cn")


def _decision(case: Case) -> Document:
    items, term_end = _items_summary(case), _term_end(case)
    blocks = decision_blocks(case, "seizure_decision", items=items, term_end=term_end)
    title = case.titles["seizure_title"]
    return outgoing(case, "seizure_decision", title, "decision", "seized", blocks, case.case_no)


def _record(case: Case) -> Document:
    hour = case.rng.randint(9, 15)
    blocks: list[Block] = [
        Text(
            f"时间：{case.fmt('seized', ('ymd_cn',))}{hour}时{case.rng.choice(('00', '30'))}分至{hour + 1}时"
        ),
        Text(f"地点：{case.party.address}"),
        Text(f"当事人：{case.party.name}　　到场人：{case.party.representative}"),
        Text(f"执法人员：{officers_text(case)}"),
        Text(f"记录人：{case.officers[1].name}"),
        Text(
            ("因情况紧急，需要当场实施行政强制措施。" if case.emergency else "")
            + "执法人员出示执法证件，当场告知当事人采取行政强制措施的理由、依据以及当事人依法享有的权利、救济途径，"
            "并听取了当事人的陈述和申辩。",
            indent=2,
            space_before=16,
        ),
        Text(
            f"现场情况：当事人{case.cause}。执法人员依法对{_items_summary(case)}实施{case.measure}，"
            "清点后当场交付财物清单，当事人核对无异议。"
            # no_av_record: the 全程音像记录 of a 查封扣押 (国办发〔2018〕118号) not noted
            + ("" if case.has("no_av_record") else AV_NOTE),
            indent=2,
        ),
        Text("当事人陈述申辩：无异议。", indent=2),
        Text("（以下空白）", align="center", space_before=16),
    ]
    title = case.rng.choice(("查封（扣押）现场笔录", f"{case.measure}现场笔录"))
    if case.emergency:
        title = "当场实施行政强制措施现场笔录"
    return party_record(case, "seizure_record", title, "seizure_record", "seized", blocks)


def _items_table(case: Case) -> Table:
    header = tuple(
        Cell(t, align="center") for t in ("序号", "名称", "规格", "数量", "单位", "备注")
    )
    rows = [header]
    for index, (name, unit, qty) in enumerate(case.items, start=1):
        spec = case.rng.choice(("——", "见标签", "散装", "常规"))
        rows.append(
            tuple(Cell(t, align="center") for t in (str(index), name, spec, str(qty), unit, ""))
        )
    for _ in range(case.rng.randint(3, 6)):
        rows.append(tuple(Cell("", align="center") for _ in range(6)))
    return Table((0.1, 0.28, 0.18, 0.14, 0.12, 0.18), tuple(rows))


def _list(case: Case, role: str, title: str, date_key: str, doc_type: str) -> Document:
    officers = f"{case.officers[0].name}　{case.officers[1].name}"
    blocks: list[Block] = [
        Text(f"当事人：{case.party.name}"),
        Text(f"文书文号：{case.case_no}", space_after=16),
        _items_table(case),
        hand_signed(
            case,
            f"当事人签名：{case.party.representative}",
            date_key,
            align="left",
            space_before=40,
        ),
        hand_signed(case, f"执法人员签名：{officers}", date_key, align="left"),
        Text("本清单一式两份，一份交当事人，一份附卷。", style="small", space_before=20),
    ]
    return Document(type=doc_type, title=title, role=role, blocks=blocks, day=case.day(date_key))


def _extension(case: Case) -> Document:
    new_end = format_date(case.day("seized") + timedelta(days=59), "ymd_cn")
    items = _items_summary(case)
    return numbered_letter(case, "extension_decision", items=items, new_end=new_end)


def _release(case: Case) -> Document:
    return numbered_letter(case, "release_decision", items=_items_summary(case))


def coercion_documents(case: Case) -> list[Document]:
    """Every document of the dossier after the catalogue, in filing order, defects applied."""
    if case.procedure != "seizure":
        return [*enforcement_documents(case), closing_approval(case)]
    list_title = case.rng.choice(("财物清单", "查封（扣押）财物清单", "场所、设施、财物清单"))
    docs = [
        _approval(case),
        _decision(case),
        _record(case),
        _list(case, "property_list", list_title, "seized", "property_list"),
    ]
    if case.dates["served"] is not None:
        docs.append(
            service_receipt(
                case, "decision_receipt", case.titles["seizure_title"], case.case_no, "served"
            )
        )
    if case.has_extension:
        docs.append(_extension(case))
    if case.dates["released"] is not None:
        docs.append(_release(case))
        docs.append(_list(case, "return_list", "财物退还清单", "released", "return_list"))
    docs.append(closing_approval(case))
    return docs
