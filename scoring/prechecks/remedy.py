"""Pre-check of the remedy a decision tells the party (救济告知): the 复议机关 and the periods.

Why: since 2024-01-01 (《行政复议法》2023年修订 第二十四条) a decision of a 县级以上地方人民政府
工作部门 is reviewed by the 本级人民政府 only; the 上一级主管部门 remains only for the bodies of
第二十七条 (海关、金融、外汇管理等实行垂直领导的行政机关、税务和国家安全机关). Naming the 上一级
主管部门 for an ordinary department is the most common 救济告知 error in published 通报. The
periods are 60 days to apply for 复议 (第二十条) and 6 months to sue (《行政诉讼法》第四十六条).
A 乡镇人民政府 is a 下一级人民政府 of the 县级 government (第二十四条第一款第（二）项) and a
街道办事处 a 派出机关 of the 区/县 government (第（三）项): both go to the 县级 government, never
the 市's (the organ's level comes from the table's sectors, its county from the organ's name).
Pure text in: the caller gives the decision's remedy sentences and the organ's name.
"""

from __future__ import annotations

import re

from scoring.prechecks.facts import DossierFacts, Finding
from scoring.prechecks.periods import stated_period
from scoring.prechecks.table import PrecheckTable, RemedyPrecheck

__all__ = ["check_remedy", "remedy_problems"]

_CLAUSE = re.compile(r"[^，,。；;]+")
_BODY = re.compile(r"向(?P<body>[\u4e00-\u9fff（）()]{2,40}?)(?:依法)?申请(?:行政)?复议")
# A lower administrative unit (区/县/旗) right after a place name: "临江区", "清河县".
_OFFICE = re.compile(r"(?:行政复议|复议)?(?:办公室|机构|委员会|办)?")
_LOWER_UNIT = re.compile(r"^[\u4e00-\u9fff]{1,6}?(?:自治县|区|县|旗)")
# A 乡镇/街道's name after its county: "江州市清河县" + "桃源镇人民政府" (the county part greedy,
# so a town called 新市镇 keeps its 市; a town's own name has two characters at least).
_TOWN = re.compile(
    r"(?P<county>[\u4e00-\u9fff]*(?:县|区|旗|市))"
    r"[\u4e00-\u9fff]{2,8}?(?:镇|乡|街道)(?:人民政府|政府|办事处)"
)
# One unit of a place name: 江东省 / 江州市 / 清河县 (so 清河县 names the county of 江州市清河县).
_UNIT = re.compile(r"[\u4e00-\u9fff]+?(?:自治区|自治州|自治县|自治旗|省|市|盟|县|区|旗)")


def _government_place(body: str) -> str | None:
    """``江州市人民政府`` → ``江州市``; None when ``body`` is not a people's government.

    The government's office named after it (江州市人民政府行政复议办公室) is the government."""
    if "人民政府" in body:
        end = body.rindex("人民政府") + len("人民政府")
        if _OFFICE.fullmatch(body[end:]):
            body = body[:end]
    for tail in ("人民政府", "政府"):
        if body.endswith(tail) and len(body) > len(tail):
            return body[: -len(tail)]
    return None


def _own_level(organ: str, place: str) -> bool:
    """Whether the government of ``place`` is the 本级人民政府 of the department ``organ``."""
    at = organ.find(place)
    if at < 0:
        return False
    return _LOWER_UNIT.match(organ[at + len(place) :]) is None


def _county_of_town(organ: str) -> str | None:
    """``江州市清河县桃源镇人民政府`` → ``江州市清河县``; None when the name holds no county."""
    found = _TOWN.fullmatch(organ)
    return found["county"] if found else None


def _names_county(county: str, place: str) -> bool:
    """Whether ``place`` names ``county``: in full or by its last units (清河县, 江州市清河县)."""
    units = _UNIT.findall(county)
    if "".join(units) != county:  # a name the units do not cover: its tail will do
        return len(place) >= 2 and county.endswith(place)
    return any(place == "".join(units[k:]) for k in range(len(units)))


def remedy_problems(
    rule: RemedyPrecheck, text: str, organ: str | None, new_law: bool, town: bool = False
) -> list[str]:
    """What is wrong with the remedy wording ``text`` (empty when nothing is found);
    ``town``: the organ is a 乡镇人民政府 or 街道办事处 (its sector says so)."""
    problems: list[str] = []
    clauses = _CLAUSE.findall(re.sub(r"\s+", "", text))
    for clause in clauses:
        if "复议决定" in clause:  # "对复议决定不服的，可以在十五日内起诉": another period
            continue
        if "申请" in clause and "复议" in clause:
            period = stated_period(clause)
            if period is not None and period != (rule.reconsideration_days, "calendar_days"):
                problems.append(
                    f"告知的申请行政复议期限与法定的{rule.reconsideration_days}日不符"
                    "（《行政复议法》第二十条）"
                )
            found = _BODY.search(clause)
            if found and organ and new_law:
                problems.extend(_body_problem(rule, found["body"], organ, town))
        elif "诉讼" in clause or "起诉" in clause:
            period = stated_period(clause)
            if period is not None and period != (rule.litigation_months, "months"):
                problems.append(
                    f"告知的起诉期限与法定的{rule.litigation_months}个月不符（《行政诉讼法》第四十六条）"
                )
    return list(dict.fromkeys(problems))


def _body_problem(rule: RemedyPrecheck, body: str, organ: str, town: bool) -> list[str]:
    if any(word in organ for word in rule.either_bodies):
        return []
    place = _government_place(body)
    county = _county_of_town(organ) if town else None
    if county is not None and (place is None or not _names_county(county, place)):
        return [
            f"乡镇人民政府、街道办事处的行政行为应向县级人民政府（{county}人民政府）申请行政复议"
            f"（《行政复议法》第二十四条第一款第（二）项、第（三）项），决定书告知向{body}申请"
        ]
    if any(word in organ for word in rule.vertical_bodies):
        if place is not None:
            return [
                f"{organ}属《行政复议法》第二十七条规定的机关，应告知向上一级主管部门申请行政复议，"
                f"告知书写为{body}"
            ]
        return []
    if organ.endswith("人民政府"):  # a 乡镇 government: the 上一级地方人民政府 (第二十四条)
        if place is None or body == organ:
            return [f"乡镇人民政府的行政行为应向上一级地方人民政府申请行政复议，告知为{body}"]
        return []
    if place in ("本级", "同级"):
        return []  # the right body, though not by its full name (a wording matter)
    if place is None or "上一级" in body or not _own_level(organ, place):
        return [
            f"自2024年1月1日起，对县级以上地方人民政府工作部门的行政行为不服的，"
            f"应向本级人民政府申请行政复议（《行政复议法》第二十四条），决定书告知向{body}申请"
        ]
    return []


def check_remedy(rule: RemedyPrecheck, facts: DossierFacts, table: PrecheckTable) -> Finding | None:
    if not facts.remedy_text:
        return None
    decided = facts.dates.get("decided")
    new_law = decided is not None and decided >= rule.since
    town = table.sector_of(facts) in rule.town_sectors
    problems = remedy_problems(rule, facts.remedy_text, facts.organ, new_law, town)
    if not problems:
        return None
    decision = facts.pages_of(["penalty_decision", "seizure_decision", "enforcement_decision"])
    return Finding(rule.message.format(problems="；".join(problems)), decision, 1)
