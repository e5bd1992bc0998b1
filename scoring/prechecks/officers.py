"""Pre-checks on the officers named on the records (笔录): how many, and whether their
执法证 is in the roster (执法人员名册) and valid on the day.

Why together: both read ``DossierFacts.officer_records``; the roster check says nothing
without a roster.
"""

from __future__ import annotations

import re

from scoring.prechecks.facts import DossierFacts, Finding, RosterEntry
from scoring.prechecks.table import OfficersPrecheck, PrecheckTable, RosterPrecheck
from scoring.time_limits import format_cn_date

__all__ = ["check_officers", "check_roster"]


def check_officers(
    rule: OfficersPrecheck, facts: DossierFacts, table: PrecheckTable
) -> Finding | None:
    short = [r for r in facts.officer_records or () if 0 < r.count < rule.minimum]
    if not short:
        return None
    parts = [
        rule.message.format(
            document=table.document_label(r.document),
            count=r.count,
            names="、".join(r.names) or "、".join(r.cert_nos),
        )
        for r in short
    ]
    pages = [p for r in short for p in range(r.first_page, r.last_page + 1)]
    return Finding("".join(parts), pages, len(short))


def check_roster(rule: RosterPrecheck, facts: DossierFacts, table: PrecheckTable) -> Finding | None:
    """Officers on the records whose 执法证号 is not in the roster, was not valid that day, or
    who belong to another organ or 执法类别 than the case's (the roster's 所属单位 and 执法类别:
    an officer acts for his own organ within his category, 《行政处罚法》第四十二条)."""
    if not facts.roster:
        return None
    sector = table.sector_of(facts)
    by_no = {_cert_key(e.cert_no): e for e in facts.roster}
    filed = facts.dates.get("filed")
    parts: list[str] = []
    pages: list[int] = []
    for record in facts.officer_records or ():
        certs = [c for c in record.cert_nos if not _MOBILE.match(c)]  # a phone on the line
        paired = len(record.names) == len(certs)  # else a name cannot be matched to its number
        for k, cert in enumerate(certs):
            name = record.names[k] if paired else ""
            who = f"{name}（执法证号{cert}）" if name else f"执法证号{cert}"
            where = f"第{record.first_page}页"
            entry = by_no.get(_cert_key(cert))
            if entry is None:
                parts.append(f"{where}执法人员{who}不在执法人员名册中")
            else:
                day = record.record_date or filed
                problem = None
                if day is not None and not entry.valid_on(day):
                    problem = f"的执法证在{format_cn_date(day)}不在有效期内（{_validity(entry)}）"
                elif not _same_organ(entry.department, facts.organ, rule.organ_synonyms):
                    problem = f"在名册中所属单位为{entry.department}，并非作出决定的{facts.organ}"
                elif not _fits(entry.category, rule.categories.get(sector or "")):
                    problem = f"在名册中的执法类别为{entry.category}，与本案执法领域不符"
                if problem is None:
                    continue
                parts.append(f"{where}执法人员{who}{problem}")
            pages.extend(range(record.first_page, record.last_page + 1))
    if not parts:
        return None
    return Finding(rule.message.format(problems="；".join(parts)), pages, len(parts))


_MOBILE = re.compile(r"^1[3-9]\d{9}$")


def _organ_key(name: str, synonyms: dict[str, str]) -> str:
    key = "".join(name.split())
    for long, short in synonyms.items():
        key = key.replace(long, short)
    return key


def _same_organ(department: str | None, organ: str | None, synonyms: dict[str, str]) -> bool:
    """True unless both are known and neither names the other (江州市市场监管局 is
    江州市市场监督管理局; a 大队 of the organ is the organ's)."""
    if not department or not organ:
        return True
    a, b = _organ_key(department, synonyms), _organ_key(organ, synonyms)
    return a in b or b in a


def _fits(category: str | None, words: tuple[str, ...] | None) -> bool:
    return not category or not words or any(w in category for w in words)


def _cert_key(cert: str) -> str:
    return "".join(cert.split()).upper()


def _validity(entry: RosterEntry) -> str:
    start = format_cn_date(entry.valid_from) if entry.valid_from else "不限"
    end = format_cn_date(entry.valid_to) if entry.valid_to else "长期"
    return f"有效期{start}至{end}"
