"""Running-text documents: 笔录, 报告, 审核意见, 讨论记录, 告知书, 决定书, 现场照片.

Decisions and notices carry the organ's 红头 (its name at the top), a 文号 line, the body
and the signature block with the seal stamped over the date (GB/T 9704 下套日期).
"""

from __future__ import annotations

from datetime import date

from benchmarks.foreign.case import Case
from benchmarks.foreign.forms import Doc, _done, cn_date, numeral_date
from benchmarks.foreign.pages import Builder, Text

_RED = (200, 30, 35)


def _officers(case: Case) -> str:
    return "、".join(f"{n}（执法证号：{c}）" for n, c in case.officers)


def _party_lines(b: Builder, case: Case) -> None:
    p = case.party
    if p.is_org:
        b.para(f"当事人：{p.name}", indent=False)
        b.para(f"统一社会信用代码：{p.id_no}", indent=False)
        b.para(f"法定代表人：{p.representative}    住所：{p.address}", indent=False)
    else:
        b.para(f"当事人：{p.name}    身份证号码：{p.id_no}", indent=False)
        b.para(f"住址：{p.address}", indent=False)


def _sign_date(case: Case, day: date) -> str:
    return numeral_date(day) if case.chinese_numeral_dates else cn_date(day)


def _red_head(b: Builder, case: Case) -> None:
    b.add(Text(105.0, b.y, case.organ, 9.5, "hei", "m", _RED))
    b.y += 15


def inspection(case: Case) -> Doc:
    b = Builder()
    title = "现场检查（勘验）笔录" if case.sector == "transport" else "现场检查笔录"
    b.title(title)
    d = case.dates["discovered"]
    b.para(f"检查时间：{cn_date(d)}9时20分至10时40分", indent=False)
    b.para(f"检查地点：{case.party.address}", indent=False)
    b.para(f"被检查人：{case.party.name}", indent=False)
    b.para(f"执法人员：{_officers(case)}", indent=False)
    b.para("执法人员出示执法证件，告知当事人有申请回避的权利，当事人表示不申请回避。", indent=False)
    # 全过程记录 (《行政处罚法》第四十七条) as forms of several provinces word it
    recorded = (
        "执法人员使用执法记录仪对检查过程全程记录，",
        "检查过程同步录音录像，",
        "全程使用执法记录仪音像记录，",
    )[case.seed % 3]
    b.para(
        f"检查情况：经现场检查，发现当事人{case.violation}。{recorded}执法人员对现场进行了拍照取证。"
    )
    b.space(10)
    b.line(f"被检查人签名：{case.party.representative or case.party.name}", role="kai")
    b.line(f"执法人员签名：{case.officers[0][0]}  {case.officers[1][0]}", role="kai")
    return _done(b, "现场检查笔录", title)


def photos(case: Case, first_seed: int) -> Doc:
    b = Builder()
    title = "现场照片" if case.sector != "ecology" else "照片证据"
    b.title(title)
    d = cn_date(case.dates["discovered"])
    for n in range(2):
        b.photo(
            88,
            first_seed + n,
            [
                f"照片{n + 1}：{'当事人经营场所外景' if n == 0 else '违法行为现场'}",
                f"拍摄时间：{d}    拍摄人：{case.officers[n][0]}    拍摄地点：{case.party.address}",
            ],
        )
    return _done(b, "现场照片", title)


def inquiry(case: Case) -> Doc:
    b = Builder()
    b.title("询问笔录")
    who = case.party.representative or case.party.name
    b.para(f"询问时间：{cn_date(case.dates['inquired'])}14时30分至15时50分", indent=False)
    b.para(f"询问地点：{case.organ}询问室", indent=False)
    b.para(
        f"询问人：{case.officers[0][0]}、{case.officers[1][0]}    记录人：{case.officers[1][0]}",
        indent=False,
    )
    b.para(
        f"被询问人：{who}    性别：男    联系电话：139{case.seed % 10}{case.fine % 10000:04d}{len(who)}21",
        indent=False,
    )
    qa = [
        f"我们是{case.organ}的执法人员，现依法向你调查了解有关情况，你有如实回答询问、协助调查的义务，你是否清楚？",
        "清楚。",
        "你是否申请执法人员回避？",
        "不申请。",
        "请介绍一下你（单位）的基本情况。",
        f"{case.party.name}，地址在{case.party.address}。",
        f"执法人员于{cn_date(case.dates['discovered'])}检查时发现的问题，你如何解释？",
        f"情况属实，确实{case.violation}，我们认识到了错误，愿意改正。",
        "你还有什么需要补充的吗？",
        "没有了。以上笔录我已看过，与我说的一致。",
    ]
    for n, text in enumerate(qa):
        b.para(("问：" if n % 2 == 0 else "答：") + text, indent=False)
    b.space(6)
    b.line(f"被询问人签名：{who}", role="kai")
    b.line(f"询问人签名：{case.officers[0][0]}  {case.officers[1][0]}", role="kai")
    return _done(b, "询问笔录", "询问笔录")


def report(case: Case) -> Doc:
    b = Builder()
    b.title("案件调查终结报告")
    b.para(f"案由：{case.cause}", indent=False)
    _party_lines(b, case)
    b.para(
        f"{cn_date(case.dates['discovered'])}，执法人员{case.officers[0][0]}、{case.officers[1][0]}在检查中发现"
        f"当事人{case.violation}，经批准于{cn_date(case.dates['filed'])}立案调查。"
    )
    b.para(f"经调查查明：当事人{case.violation}，有现场检查笔录、现场照片、询问笔录等证据证实。")
    b.para(
        f"当事人的行为违反了{case.basis}的规定，依据{case.penalty_basis}，"
        f"建议对当事人处以罚款人民币{case.fine}元。"
    )
    b.space(8)
    b.line(f"承办人：{case.officers[0][0]}  {case.officers[1][0]}", anchor="r", role="kai")
    b.line(cn_date(case.dates["reported"]), anchor="r")
    return _done(b, "案件调查终结报告", "案件调查终结报告")


def review(case: Case) -> Doc:
    b = Builder()
    title = case.titles.get("review", "法制审核意见书")
    b.title(title)
    b.para(f"案由：{case.cause}    当事人：{case.party.name}", indent=False)
    b.para(
        "经审核，本案执法主体合法，执法人员具备执法资格，案件事实清楚，证据确实充分，"
        f"适用依据正确，程序合法。拟对当事人罚款人民币{case.fine}元，处罚裁量适当。"
    )
    b.para("审核意见：同意承办机构的处理意见。")
    b.space(8)
    b.line("法制审核机构负责人：" + case.officers[1][0][0] + "明", anchor="r", role="kai")
    b.line(cn_date(case.dates["review"]), anchor="r")
    return _done(b, "法制审核意见书", title)


def discussion(case: Case) -> Doc:
    b = Builder()
    title = "重大案件集体讨论记录" if case.sector == "market" else "集体讨论记录"
    b.title(title)
    reviewed = "" if "no_legal_review" in case.defects else "，法制机构汇报了审核意见"
    b.para(f"讨论时间：{cn_date(case.dates['discussed'])}9时", indent=False)
    b.para(f"讨论地点：{case.organ}会议室", indent=False)
    b.para("主持人：局长    记录人：办公室工作人员", indent=False)
    b.para("出席人员：局领导班子成员、法制机构负责人、承办机构负责人", indent=False)
    b.para(f"讨论案件：{case.party.name}{case.cause}", indent=False)
    b.para(
        f"承办人汇报了案件调查情况及处罚建议{reviewed}。与会人员经讨论，一致同意对当事人罚款人民币{case.fine}元。"
    )
    b.para("结论性意见：同意。")
    return _done(b, "集体讨论记录", title)


def notice(case: Case, number: str) -> Doc:
    b = Builder()
    title = case.titles.get("notice", "行政处罚告知书")
    _red_head(b, case)
    b.title(title)
    b.line(number, anchor="m")
    b.para(f"{case.party.name}：", indent=False)
    days = "五个工作日" if case.sector == "market" else "三日"
    b.para(
        f"经调查，你（单位）{case.violation}，违反了{case.basis}的规定。依据{case.penalty_basis}的规定，"
        f"本机关拟对你（单位）作出罚款人民币{case.fine}元的行政处罚。"
    )
    b.para(
        f"根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你（单位）可在收到本告知书之日起{days}内"
        "向本机关进行陈述和申辩，逾期视为放弃陈述和申辩的权利。"
    )
    b.signature(
        case.organ,
        _sign_date(case, case.dates["notice"]),
        "notice",
        seal=True,
        heavy=case.seed % 2 == 0,
        seed=case.seed,
    )
    return _done(b, "行政处罚告知书", title)


def defence(case: Case) -> Doc:
    b = Builder()
    b.title("陈述申辩笔录")
    day = case.dates["notice_served"]
    b.para(f"时间：{cn_date(day)}10时至10时30分    地点：{case.organ}", indent=False)
    b.para(f"陈述申辩人：{case.party.representative or case.party.name}", indent=False)
    b.para(f"承办人：{case.officers[0][0]}、{case.officers[1][0]}", indent=False)
    b.para("陈述申辩内容：我方对违法事实没有异议，已经整改完毕，请求从轻处罚。")
    b.para("承办人意见：当事人所提理由不足以减轻处罚，维持原处罚意见。")
    return _done(b, "陈述申辩笔录", "陈述申辩笔录")


# 《行政处罚法》第二十八条第一款: the decision orders correction (wordings of published decisions)
_CORRECTION = (
    "立即改正上述违法行为",
    "自收到本决定书之日起十日内改正上述违法行为",
    "立即停止违法行为",
)


def decision(case: Case) -> Doc:
    b = Builder()
    _red_head(b, case)
    title = "行政处罚决定书"
    b.title(title)
    b.line(case.case_no, anchor="m")
    b.mark("case_no", "party", "fine_yuan")
    _party_lines(b, case)
    b.para(
        f"{cn_date(case.dates['discovered'])}，本机关执法人员在检查中发现你（单位）{case.violation}。"
        f"本机关于{cn_date(case.dates['filed'])}立案调查。"
    )
    b.para("上述事实有现场检查笔录、现场照片、询问笔录、证据清单等证据证实。")
    b.para(
        f"本机关于{cn_date(case.dates['notice'])}告知你（单位）拟作出行政处罚的事实、理由、依据及依法享有的权利，"
        "你（单位）在法定期限内提出了陈述申辩，本机关经复核不予采纳。"
    )
    b.para(
        f"你（单位）的上述行为违反了{case.basis}的规定。依据{case.penalty_basis}的规定，"
        f"本机关责令你（单位）{_CORRECTION[case.seed % len(_CORRECTION)]}，"
        f"并决定对你（单位）作出如下行政处罚：罚款人民币{case.fine}元。"
    )
    b.para(
        "请在收到本决定书之日起十五日内持本决定书到指定银行缴纳罚款。逾期不缴纳的，"
        "每日按罚款数额的百分之三加处罚款。"
    )
    if "no_remedy_notice" not in case.defects:
        months = "三个月" if "wrong_remedy_period" in case.defects else "六个月"
        b.para(
            f"如不服本处罚决定，可以在收到本决定书之日起六十日内向{case.reconsideration}申请行政复议，"
            f"也可以在{months}内依法向{case.court}提起行政诉讼。"
        )
    b.signature(
        case.organ,
        _sign_date(case, case.dates["decided"]),
        "decided",
        seal=True,
        heavy=case.seed % 3 != 1,
        seed=case.seed + 1,
    )
    return _done(b, "行政处罚决定书", title)


def simple_decision(case: Case) -> Doc:
    """当场行政处罚决定书 (简易程序): one page, the officers' and the party's signatures."""
    b = Builder()
    title = "当场行政处罚决定书"
    _red_head(b, case)
    b.title(title)
    b.line(f"编号：{case.case_no}", anchor="r", size=4.6)
    b.mark("case_no", "party", "fine_yuan")
    _party_lines(b, case)
    b.para(
        f"违法事实：{cn_date(case.dates['decided'])}，当事人{case.violation}，执法人员当场予以查处。"
    )
    b.para(f"处罚依据：{case.penalty_basis}。")
    b.para(f"处罚决定：罚款人民币{case.fine}元。当事人应于十五日内到指定银行缴纳罚款。")
    b.para(
        f"如不服本决定，可在收到本决定书之日起六十日内向{case.reconsideration}申请行政复议，"
        f"或者在六个月内向{case.court}提起行政诉讼。"
    )
    b.line(f"当事人签名：{case.party.name}", role="kai")
    b.line(f"执法人员：{_officers(case)}", size=4.6)
    b.signature(
        case.organ, cn_date(case.dates["decided"]), "decided", seal=True, heavy=True, seed=case.seed
    )
    return _done(b, "当场行政处罚决定书", title)
