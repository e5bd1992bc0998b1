"""Masking personal data in texts published in the 评查情况通报 (circular).

The circular quotes typical problems but must name no party and show no ID number
(DOMAIN §6). What is masked, the way bureaus publish penalty decisions:

- resident ID numbers (18 or 15 digits; any run of 15+ digits, which also covers bank
  cards): the first 6 and the last 4 characters stay, the rest become ``*``
  (330102198001011234 → 330102********1234);
- mobile and landline numbers: the middle digits become ``*`` (13812345678 → 138****5678);
- officers' certificate numbers after 执法证号、证件号…: all but the first 4 and the last 2
  characters (32053235753 → 3205*****53);
- every name the database knows for a person — the campaign's parties that are persons
  (not a company or other organisation) and the enforcement officers of the roster —
  wherever it stands, with a cue word or without: surname + 某 (张三 → 张某, 欧阳修 → 欧阳某);
- names that follow a cue such as 当事人、执法人员、经营者、负责人, recognised by a
  common surname (a name the database does not know).

:func:`anonymise` masks one text, :func:`anonymise_all` every text of a document's
context; the names come from :func:`app.documents.stats_cases.personal_names`.

The word lists are data (module constants) so a bureau's additions are a one-line change.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

MASK = "*"
PSEUDONYM_MARK = "某"

# Endings that make a party an organisation, not a person.
ORGANISATION_SUFFIXES = (
    "公司",
    "集团",
    "店",
    "厂",
    "场",
    "中心",
    "合作社",
    "社",
    "局",
    "委员会",
    "委会",
    "院",
    "所",
    "站",
    "馆",
    "部",
    "行",
    "会",
    "园",
    "校",
    "学校",
    "医院",
    "诊所",
    "药房",
    "超市",
    "工作室",
    "协会",
    "银行",
    "队",
    "处",
    "科",
    "室",
    "坊",
    "铺",
    "庄",
    "吧",
    "城",
    "苑",
    "家园",
    "基地",
    "农场",
    "养殖场",
    "事务所",
    "个体工商户",
)

# Words after which a person's name usually follows in a reviewer's reason.
NAME_CUES = (
    "法定代表人",
    "当事人",
    "执法人员",
    "经营者",
    "负责人",
    "投诉人",
    "举报人",
    "被询问人",
    "被检查人",
    "证人",
    "代理人",
    "委托人",
    "驾驶员",
    "驾驶人",
    "户主",
    "业主",
    "承办人",
    "记录人",
    "询问人",
    "检查人",
    "见证人",
)

# Words a certificate number follows (an officer's 行政执法证).
CERTIFICATE_CUES = (
    "执法证件编号",
    "执法证件号",
    "执法证编号",
    "执法证号",
    "证件号码",
    "证件号",
    "证号",
)

COMPOUND_SURNAMES = (
    "欧阳",
    "司马",
    "诸葛",
    "上官",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "长孙",
    "宇文",
    "司徒",
    "夏侯",
    "轩辕",
    "令狐",
    "端木",
    "独孤",
    "南宫",
    "西门",
    "百里",
    "呼延",
    "申屠",
    "太史",
    "万俟",
    "闻人",
    "澹台",
    "公冶",
    "宗政",
    "濮阳",
    "赫连",
    "钟离",
    "司空",
)

COMMON_SURNAMES = frozenset(
    "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章"
    "云苏潘葛奚范彭郎鲁韦昌马苗凤花方俞任袁柳酆鲍史唐费廉岑薛雷贺倪汤滕殷罗毕郝邬安常"
    "乐于时傅皮卞齐康伍余元卜顾孟平黄和穆萧尹姚邵湛汪祁毛禹狄米贝明臧计伏成戴谈宋茅庞"
    "熊纪舒屈项祝董梁杜阮蓝闵席季麻强贾路娄危江童颜郭梅盛林刁钟徐邱骆高夏蔡田樊胡凌霍"
    "虞万支柯昝管卢莫经房裘缪干解应宗丁宣贲邓郁单杭洪包诸左石崔吉钮龚程嵇邢滑裴陆荣翁"
    "荀羊於惠甄曲家封芮羿储靳汲邴糜松井段富巫乌焦巴弓牧隗山谷车侯宓蓬全郗班仰秋仲伊宫"
    "宁仇栾暴甘钭厉戎祖武符刘景詹束龙叶幸司韶郜黎蓟薄印宿白怀蒲邰从鄂索咸籍赖卓蔺屠蒙"
    "池乔阴郁胥能苍双闻莘党翟谭贡劳逄姬申扶堵冉宰郦雍却璩桑桂濮牛寿通边扈燕冀郏浦尚农"
    "温别庄晏柴瞿阎充慕连茹习宦艾鱼容向古易慎戈廖庾终暨居衡步都耿满弘匡国文寇广禄阙东"
    "欧殳沃利蔚越夔隆师巩厍聂晁勾敖融冷訾辛阚那简饶空曾毋沙乜养鞠须丰巢关蒯相查后荆红"
    "游竺权逯盖益桓公覃揭仝"
)

# Characters that end a name in running text (the next word begins): a name is two
# characters when its third is one of these, three otherwise.
NAME_STOPS = frozenset(
    "未无在于的有逐已等签称系对与和及是为将持向经因拒不没均也所说作被把从到自以即仍曾并就"
    "都又还可应须需要会能过了着之其该此即时先后再按依由至让给替同跟涉违擅私非超少多缺漏"
    "办出进入来去做开接收交领填写记录核审申提供驾销使存现采购运营购买卖拿拆搭占堆排放承"
)

_CJK = r"\u4e00-\u9fff"
_ID_RUN = re.compile(r"(?<!\d)(?:\d{15,}[Xx]?|\d{14}[Xx])")
_MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)")
_LANDLINE = re.compile(r"(?<!\d)(0\d{2,3})([-－ ]?)(\d{3,4})(\d{4})(?!\d)")
_CUE = re.compile("(" + "|".join(sorted(NAME_CUES, key=len, reverse=True)) + r")([：:\s（(]*)")
# 执法证号32053235753, 执法证件号：A1234567, 证号 …: a number of at least 7 characters
_CERTIFICATE = re.compile(
    r"((?:" + "|".join(CERTIFICATE_CUES) + r")[：:\s]*)([0-9A-Za-z]{7,})(?![0-9A-Za-z])"
)
_PERSON = re.compile(rf"^[{_CJK}]{{2,4}}$|^[{_CJK}]{{1,8}}[·•][{_CJK}]{{1,8}}$")


def mask_id_numbers(text: str) -> str:
    """Every run of 15 or more digits (an ID ending in X included): first 6 and last 4 kept."""

    def repl(m: re.Match[str]) -> str:
        run = m.group(0)
        return run[:6] + MASK * (len(run) - 10) + run[-4:]

    return _ID_RUN.sub(repl, text)


def mask_certificate_numbers(text: str) -> str:
    """An officer's 执法证号 names the officer as surely as the name does (the demo's
    circular printed 韩某 beside 执法证号32053235753): the first 4 and the last 2
    characters stay, the rest become ``*`` (3205*****53)."""

    def repl(m: re.Match[str]) -> str:
        number = m[2]
        return m[1] + number[:4] + MASK * (len(number) - 6) + number[-2:]

    return _CERTIFICATE.sub(repl, text)


def mask_phone_numbers(text: str) -> str:
    """Mobile numbers 138****5678; landlines 0571-****5678."""
    text = _MOBILE.sub(lambda m: m[1] + MASK * 4 + m[3], text)
    return _LANDLINE.sub(lambda m: m[1] + m[2] + MASK * len(m[3]) + m[4], text)


def is_person_name(party: str | None) -> bool:
    """Whether a party looks like a natural person (2–4 Chinese characters, or a name with
    a middle dot) rather than a company or other organisation."""
    name = (party or "").strip()
    if not name or not _PERSON.match(name):
        return False
    if PSEUDONYM_MARK in name[1:3] and name.startswith(tuple(COMMON_SURNAMES)):
        return False  # already masked (张某)
    return not name.endswith(ORGANISATION_SUFFIXES)


def surname(name: str) -> str:
    name = name.strip()
    for compound in COMPOUND_SURNAMES:
        if name.startswith(compound) and len(name) > len(compound):
            return compound
    return name[:1]


def pseudonym(name: str) -> str:
    """张三 → 张某; 欧阳修 → 欧阳某; 买买提·艾力 → 买某."""
    return surname(name) + PSEUDONYM_MARK


def _name_at(text: str, start: int) -> int:
    """Length of a person's name starting at ``start`` (0 when there is none)."""
    compound = next((c for c in COMPOUND_SURNAMES if text.startswith(c, start)), None)
    head = len(compound) if compound else 1
    if not compound and text[start : start + 1] not in COMMON_SURNAMES:
        return 0
    chars = []
    for ch in text[start + head : start + head + 2]:
        if not re.match(f"[{_CJK}]", ch):
            break
        chars.append(ch)
    if not chars or chars[0] == PSEUDONYM_MARK:
        return 0
    if len(chars) == 2 and chars[1] in NAME_STOPS:
        chars = chars[:1]
    if chars[0] in NAME_STOPS and len(chars) == 1:
        return 0
    # an organisation named after a person (王记餐饮店): the words up to the next stop end
    # like an organisation
    run = re.match(f"[{_CJK}]+", text[start:])
    if run:
        words = run.group(0)
        cut = next((i for i, ch in enumerate(words) if i >= 2 and ch in NAME_STOPS), len(words))
        if words[:cut].endswith(ORGANISATION_SUFFIXES):
            return 0
    return head + len(chars)


def mask_cued_names(text: str) -> str:
    """Names after 当事人、执法人员… (and names joined to them by 、和与及): surname + 某."""
    out: list[str] = []
    pos = 0
    for m in _CUE.finditer(text):
        if m.start() < pos:
            continue
        out.append(text[pos : m.end()])
        pos = m.end()
        while True:
            length = _name_at(text, pos)
            if not length:
                break
            out.append(pseudonym(text[pos : pos + length]))
            pos += length
            if text[pos : pos + 1] in ("、", "和", "与", "及") and _name_at(text, pos + 1):
                out.append(text[pos])
                pos += 1
                continue
            break
    out.append(text[pos:])
    return "".join(out)


def anonymise(text: str, names: Iterable[str | None] = ()) -> str:
    """A text fit for publication: ID and phone numbers masked; the known ``names`` that are
    persons' (parties, officers) and the names following cues replaced by surname + 某."""
    result = mask_certificate_numbers(mask_phone_numbers(mask_id_numbers(text or "")))
    persons = sorted({n.strip() for n in names if n and is_person_name(n)}, key=len, reverse=True)
    for name in persons:
        result = result.replace(name, pseudonym(name))
    return mask_cued_names(result)


def anonymise_all(value: Any, names: Iterable[str | None] = ()) -> Any:
    """Every text inside ``value`` (dicts, lists, tuples of texts, as a document's context)
    anonymised; other values (numbers, pictures) kept as they are."""
    known = tuple(n for n in names if n)

    def walk(v: Any) -> Any:
        if isinstance(v, str):
            return anonymise(v, known)
        if isinstance(v, Mapping):
            return {k: walk(x) for k, x in v.items()}
        if isinstance(v, list | tuple):
            return type(v)(walk(x) for x in v)
        return v

    return walk(value)
