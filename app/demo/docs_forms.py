"""Forms shared by penalty and coercion dossiers: cover, 卷内目录, 送达回证, 结案审批表, 备考表,
and the small helpers the document builders share (date styles, party rows, opinion rows).
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

from app.demo.case import Case
from app.demo.chinese_text import fine_text
from app.demo.flow import Block, Cell, Document, Signature, Table, Text, cells
from app.demo.texts import decision_form, letter_form, paragraphs

FORM_STYLES = ("ymd_cn", "dots", "iso")  # how officers write dates on forms
LETTER_STYLES = ("ymd_cn", "ymd_hanzi")  # how an organ dates an outgoing document
SIGN_STYLES = ("dots", "ymd_cn", "iso")  # hand-written next to a signature
W4 = (0.2, 0.3, 0.2, 0.3)


def opinion_row(
    case: Case, label: str, opinion: str, signer: str, date_key: str
) -> tuple[Cell, ...]:
    """An approval step: who said what, signed and dated in the cell's corner."""
    sign = f"签名：{signer}　　{case.fmt(date_key, SIGN_STYLES)}"
    return (Cell(label, align="center"), Cell(opinion, span=3, min_lines=2, sign=sign))


def hand_signed(
    case: Case, words: str, date_key: str, *, align: str = "right", space_before: int = 0
) -> Text:
    """A line written by hand under a document: the signer's words, then the day of
    ``date_key`` the way people date a signature."""
    line = f"{words}　{case.fmt(date_key, SIGN_STYLES)}"
    return Text(line, style="hand", align=align, space_before=space_before)


def approval_form(
    case: Case,
    kind: str,
    title: str,
    rows: tuple[tuple[Cell, ...], ...],
    stage: str,
    *,
    leader_says: str = "同意。",
    role: str | None = None,
) -> Document:
    """An approval form (审批表): its rows, then the leader's approval last; the form and
    the leader's signature carry the day of ``stage``."""
    signed = (*rows, opinion_row(case, "负责人意见", leader_says, case.leader, stage))
    return Document(
        type=kind, title=title, role=role or kind, blocks=[Table(W4, signed)], day=case.day(stage)
    )


def party_rows(case: Case) -> list[tuple[Cell, ...]]:
    p = case.party
    rows: list[tuple[Cell, ...]] = [
        (Cell("当事人", align="center"), Cell(p.name, span=3)),
        (Cell(p.id_label, align="center"), Cell(p.id_no, span=3)),
        (Cell("住所（住址）", align="center"), Cell(p.address, span=3)),
    ]
    rep_label = "法定代表人" if p.is_company else "联系人"
    rows.append(
        (
            Cell(rep_label, align="center"),
            Cell(p.representative),
            Cell("联系电话", align="center"),
            Cell(p.phone),
        )
    )
    return rows


def decision_head(case: Case) -> list[Block]:
    """A decision's opening: its case number (unless the dossier plants a missing one), then
    the party's lines."""
    head: list[Block] = []
    if not case.has("missing_case_no"):
        head.append(Text(case.case_no, align="center", style="caseno"))
    return head + party_lines(case)


def decision_blocks(case: Case, doc_type: str, **fields: object) -> list[Block]:
    """A decision: its opening, then its paragraphs of texts.yaml filled from ``fields`` and
    the case, the first set apart from the party's lines."""
    body = paragraphs(case, decision_form(doc_type), remedy=remedy_text(case), **fields)
    spaced = (Text(p, indent=2, space_before=0 if i else 16) for i, p in enumerate(body))
    return [*decision_head(case), *spaced]


def party_lines(case: Case) -> list[Text]:
    p = case.party
    lines = [
        Text(f"当事人：{p.name}"),
        Text(f"{p.id_label}：{p.id_no}"),
        Text(f"住所：{p.address}"),
    ]
    if p.is_company:
        lines.append(Text(f"法定代表人：{p.representative}"))
    return lines


def officers_text(case: Case, single: bool = False) -> str:
    chosen = case.officers[:1] if single else case.officers
    return "、".join(f"{o.name}（执法证号：{o.cert_no}）" for o in chosen)


def record_footer(signer_label: str, signer: str) -> str:
    """笔录 pages are each signed by the person heard and numbered within the record."""
    return f"{signer_label}：{signer}　　　　第{{n}}页　共{{total}}页"


def party_record(
    case: Case,
    doc_type: str,
    title: str,
    role: str,
    date_key: str,
    blocks: Sequence[Block],
    signer: str = "当事人",
) -> Document:
    """A 笔录 the party signs on every page, as ``signer`` (当事人, 被询问人 …)."""
    footer = record_footer(f"{signer}签名", case.party.representative)
    return Document(doc_type, title, role, blocks, footer=footer, day=case.day(date_key))


# What a 现场笔录 says of the 执法记录仪 (《行政处罚法》第四十七条, 全过程记录).
AV_NOTE = "执法人员使用执法记录仪对现场执法全过程进行了音像记录。"


def _service_note(case: Case, method: str, served_no: str) -> str:
    """The 备注 a lawful 留置送达 or 邮寄送达 carries (《民事诉讼法》第八十九条、第九十一条):
    the witness, the postal receipt. Derived without the case's random draw, so the rest
    of the dossier stays as it was."""
    if method == "留置送达":
        return "受送达人拒绝签收，邀请所在社区工作人员到场见证，见证人签名，并拍照记录，将文书留置于送达地点。"
    if method == "邮寄送达":
        number = zlib.crc32(f"{case.case_no}{served_no}".encode()) % 10**9
        return f"以EMS特快专递邮寄送达，邮件号11{number:09d}，已妥投，回执附后。"
    return ""


def service_receipt(
    case: Case, role: str, served_title: str, served_no: str, date_key: str
) -> Document:
    methods = ("直接送达", "直接送达", "留置送达", "邮寄送达")
    receiver = case.party.representative
    served = case.fmt(date_key, SIGN_STYLES)
    officer_names = "、".join(o.name for o in case.officers)
    method = case.rng.choice(methods)  # drawn after the date, as it always was
    # planted: the decision left with the party without a witness, the notice mailed
    # without the postal receipt (《民事诉讼法》第八十九条、第九十一条)
    planted = {
        "decision_receipt": ("lodged_service_without_witness", "留置送达"),
        "notice_receipt": ("mailed_service_without_receipt", "邮寄送达"),
    }.get(role)
    bare = planted is not None and case.kind == "penalty" and case.has(planted[0])
    if bare and planted is not None:
        method = planted[1]
    rows = (
        (Cell("送达文书名称", align="center"), Cell(served_title, span=3)),
        (Cell("送达文书文号", align="center"), Cell(served_no or "——", span=3)),
        (Cell("受送达人", align="center"), Cell(case.party.name, span=3)),
        (Cell("送达地点", align="center"), Cell(case.party.address, span=3)),
        (Cell("送达方式", align="center"), Cell(method, span=3)),
        (
            Cell("受送达人签名\n或者盖章", align="center"),
            Cell("", span=3, min_lines=2, sign=f"{receiver}　{served}"),
        ),
        (Cell("代收人及代收理由", align="center"), Cell("——", span=3)),
        (
            Cell("送达人", align="center"),
            Cell("", span=3, min_lines=1, sign=f"{officer_names}　{served}"),
        ),
        (
            Cell("备注", align="center"),
            Cell("" if bare else _service_note(case, method, served_no), span=3, min_lines=2),
        ),
    )
    return Document(
        type="service_receipt",
        title="送达回证",
        role=role,
        organ_line=case.organ,
        blocks=[Table((0.24, 0.26, 0.2, 0.3), rows)],
        day=case.day(date_key),
    )


def closing_approval(case: Case) -> Document:
    if case.kind == "penalty":
        result = f"已于{case.fmt('paid', FORM_STYLES)}缴纳罚款{fine_text(case.fine or 0)}，处罚决定已履行完毕。"
        if case.dates.get("published"):  # 行政执法公示 (国办发〔2018〕118号)
            result += f"处罚决定信息已于{case.fmt('published', FORM_STYLES)}在{case.city}人民政府门户网站公示。"
        content = f"罚款{fine_text(case.fine or 0)}"
        start = ("立案日期", case.fmt("filed", FORM_STYLES))
    elif case.procedure == "enforcement":
        result = f"已于{case.fmt('closed', FORM_STYLES)}划拨罚款及加处罚款，强制执行完毕。"
        content = f"强制执行罚款{fine_text(case.fine or 0)}及加处罚款"
        start = ("催告日期", case.fmt("demand", FORM_STYLES))
    elif case.procedure == "demolition":
        way = "代履行" if case.substitute else "强制拆除"
        result = f"已于{case.fmt('demolished', FORM_STYLES)}{way}完毕，现场已清理。"
        content = "强制拆除违法建设"
        start = ("限期拆除决定日期", case.fmt("demolition_ordered", FORM_STYLES))
    else:
        released = case.dates["released"]
        result = (
            f"已于{case.fmt('released', FORM_STYLES)}解除{case.measure}，财物已退还当事人。"
            if released
            else f"{case.measure}财物已依法处理。"
        )
        content = f"{case.measure}（详见财物清单）"
        start = (f"{case.measure}日期", case.fmt("seized", FORM_STYLES))
    rows = (
        (Cell("案由", align="center"), Cell(case.cause, span=3)),
        *party_rows(case)[:1],
        (
            Cell(start[0], align="center"),
            Cell(start[1]),
            Cell("决定书文号", align="center"),
            Cell(case.case_no),
        ),
        (Cell("处理内容", align="center"), Cell(content, span=3)),
        (Cell("执行情况", align="center"), Cell(result, span=3, min_lines=2)),
        opinion_row(
            case, "承办人意见", "本案已执行完毕，建议结案。", case.officers[0].name, "closed"
        ),
        opinion_row(case, "承办机构意见", "同意结案。", case.division_head, "closed"),
    )
    return approval_form(case, "closing_approval", "结案审批表", rows, "closed", role="closing")


def cover(case: Case, total_pages: int, doc_count: int) -> Document:
    kind_name = "行政处罚案卷" if case.kind == "penalty" else "行政强制案卷"
    year = case.day("closed").year
    rows = (
        cells("案件名称", case.case_name),
        cells("决定书文号", case.case_no),
        cells("办案机构", case.organ),
        cells(
            "立案日期" if case.kind == "penalty" else "开始日期",
            case.fmt(case.start_key, ("ymd_cn",)),
        ),
        cells("结案日期", case.fmt("closed", ("ymd_cn",))),
        cells("保管期限", "永久" if case.major else "三十年"),
        cells("本卷共", f"{doc_count}件　{total_pages}页"),
        cells("归档号", f"{year}{case.rng.randint(1, 400):04d}"),
    )
    return Document(
        type="case_cover",
        title=kind_name,
        role="cover",
        organ_line=case.organ,
        numbered=False,
        blocks=[
            Text("", space_after=260),
            Table((0.3, 0.7), rows),
            Text(
                f"全宗号：{case.rng.randint(100, 999)}　目录号：{case.rng.randint(1, 20)}　案卷号：{case.rng.randint(1, 500)}",
                align="center",
                space_before=120,
            ),
        ],
    )


def catalogue(entries: list[tuple[str, str, str, str]], organ: str) -> Document:
    """卷内目录: entries of (文号, 题名, 日期, 页号); 责任者 is the organ."""
    header = tuple(
        Cell(t, align="center", style="small")
        for t in ("序号", "文号", "责任者", "题名", "日期", "页号")
    )
    rows = [header]
    for index, (doc_no, title, day, pages) in enumerate(entries, start=1):
        rows.append(
            (
                Cell(str(index), align="center", style="small"),
                Cell(doc_no, style="small"),
                Cell("本机关", align="center", style="small"),
                Cell(title, style="small"),
                Cell(day, align="center", style="small"),
                Cell(pages, align="center", style="small"),
            )
        )
    return Document(
        type="table_of_contents",
        title="卷内目录",
        role="catalogue",
        numbered=False,
        blocks=[Table((0.07, 0.345, 0.095, 0.28, 0.13, 0.08), tuple(rows))],
    )


def archive_note(case: Case, doc_count: int, total_pages: int) -> Document:
    filer = case.officers[-1].name
    body = (
        f"本卷共有文件材料{doc_count}件，共{total_pages}页，其中文字材料{total_pages}页，"
        "照片材料附于证据材料中。卷内文件材料齐全完整，排列有序。"
    )
    return Document(
        type="archive_note",
        title="备考表",
        role="archive_note",
        numbered=False,
        blocks=[
            Text("本卷情况说明：", space_before=40),
            Text(body, indent=2, space_after=400),
            Text(f"立卷人：{filer}", align="right"),
            Text(f"检查人：{case.division_head}", align="right"),
            Text(f"立卷时间：{case.fmt('closed', ('ymd_cn',))}", align="right"),
        ],
    )


def remedy_text(case: Case) -> str:
    """救济告知 of a decision: 复议 within 60 days to the 本级人民政府 (a 乡镇's: the 县级人民政府,
    《行政复议法》第二十四条第一款第（二）项; its court's county), or 诉讼 within 6 months."""
    town = case.spec.department == "town"
    government = case.court.removesuffix("人民法院") if town else case.city
    return (
        f"如不服本决定，可以在收到本决定书之日起六十日内向{government}人民政府申请行政复议，"
        f"也可以在六个月内依法向{case.court}提起行政诉讼。"
    )


def numbered_no(case: Case, word: str) -> str:
    """The 文号 of a follow-up document: the case number with its word (延, 解, 催 …)."""
    return case.case_no.replace("〔", f"{word}〔", 1)


def outgoing(
    case: Case,
    doc_type: str,
    title: str,
    role: str,
    date_key: str,
    blocks: list[Block],
    doc_no: str = "",
    *,
    organ: str = "",
) -> Document:
    """A document the organ (or ``organ``) sends out: its name above the title, ``blocks``,
    then its seal over the date of ``date_key``."""
    signature = Signature(organ, case.fmt(date_key, LETTER_STYLES)) if organ else None
    return Document(
        type=doc_type,
        title=title,
        role=role,
        organ_line=organ or case.organ,
        blocks=[*blocks, signature or sealed(case, date_key)],
        day=case.day(date_key),
        doc_no=doc_no,
    )


def letter_blocks(case: Case, doc_no: str, body: list[str], to: str = "") -> list[Block]:
    """A numbered letter to the party (or ``to``): 文号, salutation, paragraphs."""
    return [
        Text(doc_no, align="center", style="caseno"),
        Text(f"{to or case.party.name}：", space_before=16),
        *(Text(p, indent=2) for p in body),
    ]


def numbered_letter(
    case: Case, doc_type: str, *, to: str = "", organ: str = "", **fields: object
) -> Document:
    """The letter ``doc_type`` of texts.yaml, numbered from the case number with its word;
    ``fields`` fill its paragraphs beside the case's own."""
    form = letter_form(doc_type)
    title = form.title or case.titles[f"{form.role}_title"]
    no = numbered_no(case, form.word)
    body = paragraphs(case, form.body, remedy=remedy_text(case), **fields)
    blocks = letter_blocks(case, no, body, to)
    role = form.role or doc_type
    return outgoing(case, doc_type, title, role, form.date_key, blocks, no, organ=organ)


def sealed(case: Case, date_key: str) -> Signature:
    return Signature(case.organ, case.fmt(date_key, LETTER_STYLES))
