"""The day a violation happened or ended (违法行为发生或终了之日), for the 追责时效 check.

Why: 《行政处罚法》第三十六条 bars a penalty for an act discovered more than two years after
it happened — counted from its end when it went on. Dossiers state that day in prose:
"经查，当事人于2024年3月5日在…倾倒建筑垃圾", "当事人自2023年1月起至2024年2月10日止…".
A wrong date here accuses a department of punishing a time-barred act, so the reading is
deliberately narrow (precision over recall):

* a single date counts only when the sentence attributes it to the party or the act
  (当事人于…, 违法行为发生于…, 经查…于…), and the rest of the sentence does not describe a
  continuing act, a step of the procedure or a fact about the party (开工, 开始, 至今,
  检查, 立案, 送达, 提出陈述申辩, 成立, 取得营业执照, 开设, 购买, 受到行政处罚 …);
* a span "自…至…" gives its end date, and "至今" gives nothing (the act went on until it
  was found);
* among several dates the latest wins: the later the end, the shorter the gap, so a misread
  year can only hide a time bar, never invent one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from app.casefiles.cn_dates import find_dates
from app.casefiles.penalty_basis import joined_with_pages, page_at

__all__ = ["VIOLATION_SOURCES", "ViolationDate", "violation_date", "violation_dates_in"]

#: Documents that state the facts, most authoritative first.
VIOLATION_SOURCES = (
    "penalty_decision",
    "investigation_report",
    "filing_approval",
    "case_source_register",
    "inspection_record",
    "inquiry_record",
)

_SENTENCE_END = re.compile(r"[。；;！!？?]")
# What may stand right before a date to make it the act's own date.
_ATTRIBUTED = re.compile(
    r"(?:当事人|违法行为(?:发生|终了|结束)?|经查明?[，,：:]?|发生)[于在]?(?:自|从)?$"
)
_SPAN = re.compile(r"^\s*(?:起)?\s*(?:至|到|—|-|~)\s*$")
_UNTIL_NOW = re.compile(r"^\s*(?:起)?\s*(?:至|到)\s*(?:今|现在|案发|被查)")
# After the date: a continuing act, or a step of the procedure rather than the act.
_NOT_THE_ACT = re.compile(
    r"开工|开始|起|至今|以来|期间|一直|持续|"
    r"发现|检查|立案|送达|告知|作出|决定|受理|抽样|询问|调查|接受|移送|举报|投诉|到本机关|缴纳|"
    r"提出|申请|陈述|申辩|听证|"
    # facts about the party, not the act: 成立, 取得营业执照, 签订租赁合同, 开设门店, 办理许可证,
    # 购买车辆 …
    r"成立|(?<![未无])(?:注册|登记|取得|领取|核发|签订|办理)|出生|租赁|开业|开设|开办|设立|"
    r"购买|购置|购进|"
    # an earlier penalty or warning of the party: 受到行政处罚, 被本局处以警告 …
    r"受到|被.{0,8}?处|处罚|处以|警告"
)


@dataclass(frozen=True)
class ViolationDate:
    value: date
    position: int  # in the text searched


def violation_dates_in(text: str) -> list[ViolationDate]:
    """Every clearly attributed violation date of ``text`` (see the module's rules)."""
    found: list[ViolationDate] = []
    start = 0
    for end_match in [*_SENTENCE_END.finditer(text), None]:
        end = end_match.start() if end_match else len(text)
        sentence = text[start:end]
        found += [ViolationDate(v.value, start + v.position) for v in _in_sentence(sentence)]
        start = end + 1
    return found


def _in_sentence(sentence: str) -> list[ViolationDate]:
    dates = find_dates(sentence)
    out: list[ViolationDate] = []
    skip: set[int] = set()
    for i, match in enumerate(dates):
        if i in skip:
            continue
        before = sentence[max(0, match.start - 12) : match.start]
        if not _ATTRIBUTED.search(before):
            continue
        after = sentence[match.end :]
        nxt = dates[i + 1] if i + 1 < len(dates) else None
        if _UNTIL_NOW.match(after):
            return []  # a continuing act up to its discovery: no end date to count from
        if nxt is not None and _SPAN.match(sentence[match.end : nxt.start]):
            # 自X起至Y: the end of the span; the act itself must follow it plainly
            skip.add(i + 1)
            rest = sentence[nxt.end :]
            if not _NOT_THE_ACT.search(re.sub(r"^\s*(?:止|期间)", "", rest)[:30]):
                out.append(ViolationDate(nxt.value, nxt.start))
            continue
        if _NOT_THE_ACT.search(after[:30]):
            continue
        out.append(ViolationDate(match.value, match.start))
    return out


def violation_date(lines: Sequence[tuple[int, str]]) -> tuple[date, int] | None:
    """The latest attributed violation date in ``lines`` (page, text) and its page."""
    text, offsets = joined_with_pages(lines)
    found = violation_dates_in(text)
    if not found:
        return None
    best = max(found, key=lambda v: (v.value, -v.position))
    page = page_at(offsets, best.position)
    return (best.value, page) if page is not None else None
