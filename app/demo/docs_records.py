"""The 笔录 (records) of a penalty dossier: inspection, inquiry, collective discussion, defence.

They share a shape (who, when, where, then the words exchanged) and are signed page by page
by the person heard, which is why each carries a per-page footer.
"""

from __future__ import annotations

from app.demo.case import Case
from app.demo.chinese_text import fine_text
from app.demo.docs_forms import AV_NOTE, officers_text, party_record, record_footer
from app.demo.flow import Document, Text

_QUESTIONS = (
    ("请介绍一下你（单位）的基本情况。", "{party}，地址在{address}，{rep}是负责人。"),
    ("你与{party}是什么关系？", "我是{rep}，负责日常经营管理。"),
    ("{day}执法人员在现场检查时发现的情况你是否清楚？", "清楚，当时我在现场。"),
    (
        "请详细说明{goods}的来源和数量。",
        "是从外地供应商处进的货，具体数量以执法人员清点的为准，进货单据可以提供。",
    ),
    ("你（单位）是否知道该行为违反了有关规定？", "以前不太清楚，现在知道了。"),
    ("该行为从什么时候开始的？持续了多长时间？", "大概是今年年初开始的，持续时间不长。"),
    ("违法所得是多少？", "没有仔细算过，大概几百元，具体以账目为准。"),
    ("你（单位）能否提供相关的票据、合同或账簿？", "可以，明天送到你们局里。"),
    ("执法人员现场拍摄的照片是否属实？", "属实，我已经在照片上签了字。"),
    ("你（单位）对本次检查有什么意见？", "没有意见，以后一定规范经营。"),
    ("是否还有其他需要补充说明的情况？", "没有了。"),
    ("以上所记录的内容是否属实？请核对。", "以上笔录我已看过，记录属实。"),
)


_FILLERS = (
    "另外说明一下，{facts}以上情况我都清楚，执法人员可以核实。",
    "当时店里只有我一个人在，相关的进货单据和账本都在店里，可以提供给你们核对。",
    "这个事情我们之前确实没有注意到，主要是对相关规定不了解，不是故意的。",
    "检查当天执法人员拍了照片，也当场清点了数量，我在现场看过，没有异议。",
)


def inspection_record(case: Case) -> Document:
    day = case.fmt("discovered", ("ymd_cn",))
    hour = case.rng.randint(8, 15)
    lines = [
        Text(
            f"检查时间：{day}{hour}时{case.rng.choice(('00', '15', '30'))}分至{hour + 1}时{case.rng.choice(('10', '40'))}分"
        ),
        Text(f"检查地点：{case.party.address}"),
        Text(f"被检查人：{case.party.name}"),
        Text(f"现场负责人：{case.party.representative}　　联系电话：{case.party.phone}"),
        Text(f"执法人员：{officers_text(case)}"),
        Text(f"记录人：{case.officers[1].name}"),
        Text(
            "执法人员出示执法证件，告知当事人依法享有申请回避、陈述、申辩的权利，当事人表示不申请回避。",
            indent=2,
            space_before=20,
        ),
        Text(
            f"现场检查情况：{case.facts}执法人员对现场进行了拍照取证。"
            + ("" if case.has("no_av_record") else AV_NOTE),
            indent=2,
        ),
        Text("（以下空白）", align="center", space_before=20),
    ]
    title = case.rng.choice(("现场检查笔录", "现场检查（勘验）笔录"))
    return party_record(case, "inspection_record", title, "inspection", "discovered", lines)


def inquiry_record(case: Case) -> Document:
    single = case.has("single_officer")
    values = {
        "party": case.party.name,
        "address": case.party.address,
        "rep": case.party.representative,
        "goods": case.goods or "相关物品",
        "day": case.fmt("discovered", ("ymd_cn",)),
    }
    count = len(_QUESTIONS) if case.has("page_gap") else case.rng.randint(4, len(_QUESTIONS))
    chosen = [*list(_QUESTIONS[: count - 1]), _QUESTIONS[-1]]
    recorder = case.officers[0] if single else case.officers[1]
    blocks = [
        Text(
            f"询问时间：{case.fmt('inquired', ('ymd_cn',))}{case.rng.randint(9, 15)}时{case.rng.choice(('00', '20', '30'))}分"
        ),
        Text(f"询问地点：{case.organ}询问室"),
        Text(f"询问人：{officers_text(case, single)}"),
        Text(f"记录人：{recorder.name}"),
        Text(f"被询问人：{case.party.representative}　　联系电话：{case.party.phone}"),
        Text(f"工作单位及职务：{case.party.name if case.party.is_company else '个体'}"),
        Text(
            f"问：我们是{case.organ}的执法人员{'' if single else '（出示执法证件）'}，现依法向你询问有关情况，"
            "你应当如实回答，你有申请回避、陈述和申辩的权利，是否申请回避？",
            space_before=16,
        ),
        Text("答：不申请回避。"),
    ]
    extra = len(chosen) if case.has("page_gap") else 0
    for index, (question, answer) in enumerate(chosen):
        blocks.append(Text("问：" + question.format(**values)))
        blocks.append(Text("答：" + answer.format(**values)))
        if index < extra:
            blocks.append(Text("答：" + _FILLERS[index % len(_FILLERS)].format(facts=case.facts)))
    blocks.append(Text("（以下空白）", align="center"))
    return party_record(
        case, "inquiry_record", "询问笔录", "inquiry", "inquired", blocks, "被询问人"
    )


def discussion_record(case: Case) -> Document:
    names = [case.leader, case.division_head, case.legal_officer, case.officers[0].name]
    blocks = [
        Text(f"时间：{case.fmt('discussed', ('ymd_cn',))}{case.rng.randint(9, 16)}时"),
        Text(f"地点：{case.organ}会议室"),
        Text(f"主持人：{case.leader}"),
        Text(f"参加人员：{'、'.join(names)}"),
        Text(f"记录人：{case.officers[1].name}"),
        Text(f"讨论案件：{case.case_name}", space_after=16),
        Text(
            f"承办人{case.officers[0].name}汇报案情：{case.facts}建议罚款{fine_text(case.fine or 0)}。",
            indent=2,
        ),
        Text(f"{case.legal_officer}：本案事实清楚，证据充分，同意承办人意见。", indent=2),
        Text(f"{case.division_head}：同意，处罚幅度适当。", indent=2),
        Text(
            f"讨论结论：经集体讨论，一致同意对当事人处以{fine_text(case.fine or 0)}罚款。",
            indent=2,
            space_before=16,
        ),
    ]
    return Document(
        type="collective_discussion",
        title=case.rng.choice(("集体讨论记录", "案件集体讨论记录")),
        role="discussion",
        blocks=blocks,
        footer=record_footer("参加人员签名", "、".join(names)),
        day=case.day("discussed"),
    )


def defence_record(case: Case) -> Document:
    blocks = [
        Text(f"时间：{case.fmt('defence', ('ymd_cn',))}{case.rng.randint(9, 16)}时"),
        Text(f"地点：{case.organ}"),
        Text(f"陈述申辩人：{case.party.representative}（{case.party.name}）"),
        Text(f"承办人：{officers_text(case)}"),
        Text("问：你对本机关拟作出的行政处罚有什么陈述、申辩意见？", space_before=16),
        Text("答：我们承认违法事实，但属于初次违法，且已经主动整改，请求从轻处罚。"),
        Text("问：你还有其他补充吗？"),
        Text("答：没有了，以上记录属实。"),
    ]
    title = "陈述申辩笔录"
    return party_record(case, "defence_record", title, "defence", "defence", blocks, "陈述申辩人")
