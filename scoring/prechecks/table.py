"""The pre-check rule table (``scoring/data/prechecks.yaml``): its schema, loading, conditions.

Why: the rules are data so a province changes a file, not code; this module is the one
place that says what a rule may contain, checks a file against it (Chinese errors naming
the file and field), and answers the table-driven conditions (重大案件, 听证).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from scoring.data_files import load_data_file
from scoring.prechecks.facts import DossierFacts, Kind
from scoring.time_limits import TimeLimitRule, load_time_limits

__all__ = [
    "DEFAULT_PRECHECKS_PATH",
    "PrecheckDataError",
    "PrecheckTable",
    "RuleBase",
    "condition",
    "is_major",
    "load_prechecks",
]

DEFAULT_PRECHECKS_PATH = Path(__file__).parent.parent / "data" / "prechecks.yaml"


class PrecheckDataError(ValueError):
    """The pre-check file cannot be read or is inconsistent (message in Chinese)."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RuleBase(_Model):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    kinds: tuple[Kind, ...] = Field(min_length=1)
    items: dict[str, str] = Field(default_factory=dict)
    when: Literal["major", "legal_review_required"] | None = None
    cite: tuple[str, ...] = ()
    message: str = ""
    # Planted defect codes of the demo library (app/demo) this rule finds: the one place the
    # defect→rule mapping is written (tests and benchmarks derive theirs from it).
    detects: tuple[str, ...] = ()


class _TimeLimitChoice(_Model):
    rule: str
    when: Literal["major", "hearing_offered"] | None = None


class TimeLimitPrecheck(RuleBase):
    check: Literal["time_limit"]
    time_limits: tuple[_TimeLimitChoice, ...] = Field(min_length=1)


class RequiredDocumentPrecheck(RuleBase):
    check: Literal["required_document"]
    document: str
    serves: str | None = None
    if_documents: tuple[str, ...] = ()
    unless_documents: tuple[str, ...] = ()


class DateOrderPrecheck(RuleBase):
    check: Literal["date_order"]
    first: str
    then: str


class DecisionFlagPrecheck(RuleBase):
    check: Literal["decision_flag"]
    flag: Literal["decision_case_no", "decision_remedy_notice"]


class OfficersPrecheck(RuleBase):
    check: Literal["officers"]
    minimum: int = Field(default=2, ge=1)


class DocumentOrderPrecheck(RuleBase):
    check: Literal["document_order"]
    skip: tuple[str, ...] = ()
    min_gap: int = Field(default=50, ge=1)


class RosterPrecheck(RuleBase):
    check: Literal["roster"]


class PageNumbersPrecheck(RuleBase):
    check: Literal["page_numbers"]


class ContentsPrecheck(RuleBase):
    """The dossier against its own 卷内目录 (see scoring.prechecks.contents)."""

    check: Literal["contents"]


class FineRangePrecheck(RuleBase):
    check: Literal["fine_range"]


class RemedyPrecheck(RuleBase):
    """救济告知: the 复议机关 named and the periods stated (see scoring.prechecks.remedy)."""

    check: Literal["remedy_notice"]
    #: Decisions made on or after this day fall under 《行政复议法》(2023年修订).
    since: _dt.date = _dt.date(2024, 1, 1)
    #: Words of an organ's name that make it a 第二十七条 body (上一级主管部门 reviews).
    vertical_bodies: tuple[str, ...] = ()
    #: Organs that may name either (第二十八条: 司法行政部门).
    either_bodies: tuple[str, ...] = ()
    reconsideration_days: int = 60
    litigation_months: int = 6


Precheck = Annotated[
    TimeLimitPrecheck
    | RequiredDocumentPrecheck
    | DateOrderPrecheck
    | DecisionFlagPrecheck
    | OfficersPrecheck
    | DocumentOrderPrecheck
    | RosterPrecheck
    | PageNumbersPrecheck
    | FineRangePrecheck
    | RemedyPrecheck
    | ContentsPrecheck,
    Field(discriminator="check"),
]


class _Labels(_Model):
    documents: dict[str, str] = Field(default_factory=dict)
    events: dict[str, str] = Field(default_factory=dict)


class MajorCase(_Model):
    fine_organisation: float = Field(gt=0)
    fine_person: float = Field(gt=0)
    organisation_words: tuple[str, ...] = ()
    evidence_documents: tuple[str, ...] = ()
    #: Documents showing a hearing was held: 《行政处罚法》第五十八条第一款第（二）项 puts such
    #: a case under 法制审核 whether or not it is otherwise major.
    hearing_documents: tuple[str, ...] = ()


class PrecheckTable(_Model):
    labels: _Labels = Field(default_factory=_Labels)
    decision_documents: dict[Kind, str]
    major_case: MajorCase
    #: Sector id → words of the organ's name that place a dossier in it (sector rules of
    #: time_limits.yaml apply only to their sector).
    sectors: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    rules: tuple[Precheck, ...]

    def sector_of(self, facts: DossierFacts) -> str | None:
        """The dossier's sector: as stated, else the first whose words the organ's name holds."""
        if facts.sector is not None or not facts.organ:
            return facts.sector
        for sector, words in self.sectors.items():
            if any(word in facts.organ for word in words):
                return sector
        return None

    @model_validator(mode="after")
    def _unique_ids(self) -> PrecheckTable:
        seen: set[str] = set()
        for rule in self.rules:
            if rule.id in seen:
                raise ValueError(f"预检规则编号 {rule.id} 重复")
            seen.add(rule.id)
        return self

    @model_validator(mode="after")
    def _one_rule_per_defect(self) -> PrecheckTable:
        seen: dict[str, str] = {}
        for rule in self.rules:
            for code in rule.detects:
                if code in seen:
                    raise ValueError(
                        f"演示缺陷 {code} 同时由预检规则 {seen[code]} 和 {rule.id} 发现"
                    )
                seen[code] = rule.id
        return self

    def rule_of_defect(self) -> dict[str, str]:
        """Which rule finds each planted demo defect (from the rules' ``detects``)."""
        return {code: rule.id for rule in self.rules for code in rule.detects}

    def document_label(self, doc_type: str) -> str:
        return self.labels.documents.get(doc_type, doc_type)


def load_prechecks(
    path: Path | str | None = None, time_limits: Mapping[str, TimeLimitRule] | None = None
) -> PrecheckTable:
    """Read and validate a pre-check file (the built-in one when ``path`` is None).

    Every ``time_limits`` id must exist in the time-limit table (the built-in one unless
    given); errors name the file and the field in Chinese."""
    if path is None and time_limits is None:
        return _default_table()
    return _load(Path(path or DEFAULT_PRECHECKS_PATH), time_limits or load_time_limits())


@lru_cache(maxsize=1)
def _default_table() -> PrecheckTable:
    return _load(DEFAULT_PRECHECKS_PATH, load_time_limits())


def _load(path: Path, time_limits: Mapping[str, TimeLimitRule]) -> PrecheckTable:
    table = load_data_file(path, "预检规则文件", PrecheckTable, PrecheckDataError)
    for rule in table.rules:
        if isinstance(rule, TimeLimitPrecheck):
            for choice in rule.time_limits:
                if choice.rule not in time_limits:
                    raise PrecheckDataError(
                        f"预检规则文件 {path}：规则 {rule.id} 引用的时限规则“{choice.rule}”"
                        "在时限规则表中不存在"
                    )
    return table


def is_major(facts: DossierFacts, table: PrecheckTable | None = None) -> bool | None:
    """Whether the case is major (重大案件): as stated, else from the fine or the documents."""
    if facts.major is not None:
        return facts.major
    conf = (table or load_prechecks()).major_case
    if facts.documents and any(facts.has(t) for t in conf.evidence_documents):
        return True
    fine = facts.fine_yuan
    if fine is None:
        return None
    if fine >= max(conf.fine_organisation, conf.fine_person):
        return True
    if fine < min(conf.fine_organisation, conf.fine_person):
        return False
    if facts.party_is_organisation is None:
        return None
    threshold = conf.fine_organisation if facts.party_is_organisation else conf.fine_person
    return fine >= threshold


def condition(name: str | None, facts: DossierFacts, table: PrecheckTable) -> bool | None:
    if name is None:
        return True
    if name == "major":
        return is_major(facts, table)
    if name == "hearing_offered":
        return facts.hearing_offered
    if name == "legal_review_required":
        return legal_review_required(facts, table)
    return None


def legal_review_required(facts: DossierFacts, table: PrecheckTable) -> bool | None:
    """《行政处罚法》第五十八条: major cases, and cases that went through a hearing (第二项)."""
    hearing = "hearing_held" in facts.dates or any(
        facts.has(t) for t in table.major_case.hearing_documents
    )
    return True if hearing else is_major(facts, table)
