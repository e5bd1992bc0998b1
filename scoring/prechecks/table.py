"""The pre-check rule table (``scoring/data/prechecks.yaml``): its schema, loading, conditions.

Why: the rules are data so a province changes a file, not code; this module is the one
place that says what a rule may contain, checks a file against it (Chinese errors naming
the file and field), and answers the table-driven conditions (重大案件, 听证).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from scoring.data_files import load_data_file
from scoring.prechecks.facts import DossierFacts, Kind
from scoring.time_limits import TimeLimitRule, load_time_limits

__all__ = [
    "DEFAULT_PRECHECKS_PATH",
    "LawfulTimeRecord",
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
    #: The article(s) and source the rule enforces (《行政处罚法》第五十八条第二款 …), shown
    #: to no one by the engine but required of every bundled rule (a test checks it): a
    #: finding a reviewer cannot trace to the text costs the product its users' trust.
    source: str = ""
    message: str = ""
    #: The facts the rule reads, by the engine's name (a date by its event, ``fine_yuan``):
    #: a rule resting on a doubtful one yields a 需核实 item, not a deduction suggestion
    #: (scoring.prechecks.trust), and each suggestion lists them with their pages.
    inputs: tuple[str, ...] = ()
    #: The input whose value is the finding's own legal basis (the provision the decision
    #: cites, e.g. ``fine_basis`` for a fine outside its range): an accepted suggestion's
    #: deduction — and the 意见书's 依据 — cites it instead of the item's general basis.
    basis_fact: str | None = None
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
    #: Sector → words of a roster's 执法类别 that fit it: an officer whose category names none
    #: of its sector's words acts outside it. A sector not listed is not judged.
    categories: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    #: Words of an organ's name written two ways (市场监督管理局 / 市场监管局), the short first.
    organ_synonyms: dict[str, str] = Field(default_factory=dict)


class EnforcementTimePrecheck(RuleBase):
    """夜间或法定节假日执行 (《行政强制法》第四十三条第一款); see scoring.prechecks.enforcement."""

    check: Literal["enforcement_time"]
    #: The night: the Law does not define it; the window is data (see prechecks.yaml).
    night_start: _dt.time = _dt.time(22, 0)
    night_end: _dt.time = _dt.time(6, 0)
    #: Whether a plain weekend (休息日) counts as well as a 法定节假日.
    rest_days: bool = True


class LegalReviewOpinionPrecheck(RuleBase):
    """法制审核 in substance (《行政处罚法》第五十八条): a short 审核意见 naming none of the
    points it must cover is no review; see scoring.prechecks.legal_review."""

    check: Literal["legal_review_opinion"]
    max_chars: int = Field(default=20, ge=1)
    points: tuple[str, ...] = Field(min_length=1)


class ReviewerQualificationPrecheck(RuleBase):
    """The 法制审核's 审核人 on the roster without a 法律职业资格 (《行政处罚法》第五十八条第二款);
    see scoring.prechecks.legal_review. Silent while the roster records no qualification."""

    check: Literal["reviewer_qualification"]


class LateFineCapPrecheck(RuleBase):
    """加处罚款 above the money obligation (《行政强制法》第四十五条第二款); see
    scoring.prechecks.fine."""

    check: Literal["late_fine_cap"]


class DocumentTextPrecheck(RuleBase):
    """What a document must say (see scoring.prechecks.wording): each document of
    ``documents`` whose text holds one of ``if_words`` (any text when empty) and none of
    ``unless_words`` must hold one of ``words`` (in itself or in a document of ``also_in``);
    silent when a document of ``unless_documents`` is on file or no text was read."""

    check: Literal["document_text"]
    documents: tuple[str, ...] = Field(min_length=1)
    words: tuple[str, ...] = Field(min_length=1)
    if_words: tuple[str, ...] = ()
    unless_words: tuple[str, ...] = ()
    also_in: tuple[str, ...] = ()
    unless_documents: tuple[str, ...] = ()
    #: Sector → further document types that must say it in a dossier of that sector (a
    #: provincial or sector choice, such as 音像记录 on an ordinary 现场检查笔录).
    sector_documents: dict[str, tuple[str, ...]] = Field(default_factory=dict)

    def documents_for(self, sector: str | None) -> tuple[str, ...]:
        """The documents judged in a dossier of ``sector`` (None = unknown: the common ones)."""
        return (*self.documents, *self.sector_documents.get(sector or "", ()))


class DelegatedPowersPrecheck(RuleBase):
    """A 乡镇（街道）'s decision on a basis outside its 赋权事项清单 (《行政处罚法》第二十四条);
    see scoring.prechecks.powers. ``sectors``: the dossier sectors it judges."""

    check: Literal["delegated_powers"]
    sectors: tuple[str, ...] = Field(min_length=1)


class PageNumbersPrecheck(RuleBase):
    check: Literal["page_numbers"]


class ContentsPrecheck(RuleBase):
    """The dossier against its own 卷内目录 (see scoring.prechecks.contents)."""

    check: Literal["contents"]


class FineRangePrecheck(RuleBase):
    check: Literal["fine_range"]


class OnTheSpotFinePrecheck(RuleBase):
    """A fine decided on the spot (简易程序) above what the law lets one decide there
    (《行政处罚法》第五十一条: 对公民二百元以下、对法人或者其他组织三千元以下)."""

    check: Literal["on_the_spot_fine"]
    document: str = "on_the_spot_decision"
    person_max: float = Field(gt=0)
    organisation_max: float = Field(gt=0)


class RemedyPrecheck(RuleBase):
    """救济告知: the 复议机关 named and the periods stated (see scoring.prechecks.remedy)."""

    check: Literal["remedy_notice"]
    #: Decisions made on or after this day fall under 《行政复议法》(2023年修订).
    since: _dt.date = _dt.date(2024, 1, 1)
    #: Words of an organ's name that make it a 第二十七条 body (上一级主管部门 reviews).
    vertical_bodies: tuple[str, ...] = ()
    #: Organs that may name either (第二十八条: 司法行政部门).
    either_bodies: tuple[str, ...] = ()
    #: Sectors (the table's ``sectors``) whose organs are 乡镇人民政府 / 街道办事处: reviewed by
    #: the 县级 government (第二十四条第一款第（二）项、第（三）项).
    town_sectors: tuple[str, ...] = ()
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
    | OnTheSpotFinePrecheck
    | RemedyPrecheck
    | EnforcementTimePrecheck
    | LegalReviewOpinionPrecheck
    | DocumentTextPrecheck
    | DelegatedPowersPrecheck
    | ReviewerQualificationPrecheck
    | LateFineCapPrecheck
    | ContentsPrecheck,
    Field(discriminator="check"),
]


class _Labels(_Model):
    documents: dict[str, str] = Field(default_factory=dict)
    events: dict[str, str] = Field(default_factory=dict)
    #: A fact as a reviewer names it (决定日期, 罚款金额), by the engine's name.
    facts: dict[str, str] = Field(default_factory=dict)


class MajorCase(_Model):
    fine_organisation: float = Field(gt=0)
    fine_person: float = Field(gt=0)
    organisation_words: tuple[str, ...] = ()
    evidence_documents: tuple[str, ...] = ()
    #: Documents showing a hearing was held: 《行政处罚法》第五十八条第一款第（二）项 puts such
    #: a case under 法制审核 whether or not it is otherwise major.
    hearing_documents: tuple[str, ...] = ()


class TitledRecord(_Model):
    """A record of the dossier the pre-checks look for by the words of a page's title
    (works whether or not the splitter knows its document type) or by its document types,
    with the article that makes it count. The readers find its pages with
    ``pages_of(record.titles, record.types)``."""

    source: str = Field(min_length=1)
    titles: tuple[str, ...] = ()
    types: tuple[str, ...] = ()


class LawfulTimeRecord(TitledRecord):
    """A record that makes a long case lawful (issue 13 item 6): an approved extension, a
    written waiver (an event the time limits honour), or a period not counted (检测 …, 中止).

    Found by the words of a page's title (works whether or not the splitter knows the
    document type) or by its document types; a waiver by a sentence anywhere."""

    id: str
    event: str | None = None  # a time_limits.yaml event it records (unless_/requires_events)
    exclude: str | None = None  # or: a time_limits.yaml exclusion kind it records
    #: Regular expressions of a sentence stating it anywhere in the dossier (waivers).
    phrases: tuple[str, ...] = ()
    #: Words the record must hold (an extension form: 同意), words that make it none (不同意,
    #: a 告知书's "逾期视为放弃" is no waiver).
    require: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    #: Title words of the record that ends an excluded period (中止 … 恢复调查).
    ends: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _one_effect(self) -> LawfulTimeRecord:
        if (self.event is None) == (self.exclude is None):
            raise ValueError(f"不计入期限的记录 {self.id} 须且只须写 event 或 exclude 之一")
        if not (self.titles or self.types or self.phrases):
            raise ValueError(f"不计入期限的记录 {self.id} 须写 titles、types 或 phrases")
        return self


class EnforcementRecord(TitledRecord):
    """Where the day and clock time of a 行政强制执行 are read, and its 情况紧急 exception.

    Found by the words of a page's title (works before the splitter knows the type) or by
    type; the time is the one after a ``time_labels`` label, else the first date with a time."""

    titles: tuple[str, ...] = Field(min_length=1)
    time_labels: tuple[str, ...] = ()
    urgent_words: tuple[str, ...] = ()
    #: Words that deny the exception (不属于情况紧急): the record is then not urgent.
    urgent_unless: tuple[str, ...] = ()


class DatedRecord(TitledRecord):
    """A record whose date is an event of a time limit, found by its title words (no
    document type for it in every vocabulary yet) or by type: its last date (the signature).

    ``unless_titles``: title words that make a page another record (处理 on a 先行登记保存
    page makes it the 处理决定, not the 保存)."""

    event: str
    titles: tuple[str, ...] = Field(min_length=1)
    unless_titles: tuple[str, ...] = ()
    #: Which date of the page: ``last`` (the signature) or ``first`` (the day it records).
    pick: Literal["first", "last"] = "last"
    #: Words one of which must follow the date closely (收到, 收悉: the day a letter came in);
    #: no such date on the page = the event is unknown.
    followed_by: tuple[str, ...] = ()


class PublicationRecord(TitledRecord):
    """Where the dossier records the day its decision was made public (行政执法公示).

    A page titled with one of ``titles`` gives the date after one of ``labels``
    (发布时间：…); a sentence anywhere gives the date after one of ``before`` (已于) when
    one of ``words`` (公示, 公开) follows in the same sentence and none of ``unless`` is in it."""

    labels: tuple[str, ...] = ()
    before: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()


class PrecheckTable(_Model):
    labels: _Labels = Field(default_factory=_Labels)
    #: Records that make a long case lawful (see LawfulTimeRecord).
    lawful_time: tuple[LawfulTimeRecord, ...] = ()
    decision_documents: dict[Kind, str]
    major_case: MajorCase
    #: Sector id → words of the organ's name that place a dossier in it (sector rules of
    #: time_limits.yaml apply only to their sector).
    sectors: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    #: Where a coercion file's enforcement day and time are read (夜间或节假日执行).
    enforcement_record: EnforcementRecord | None = None
    #: Where a file records the day its decision was made public (公示).
    publication: PublicationRecord | None = None
    #: Title words of a page the splitter may take for a 送达回证 that proves no service
    #: (送达地址确认书: the party's consent to an address, 《行政处罚法》第六十一条第二款).
    not_service_proof: tuple[str, ...] = ()
    #: Records whose date is a time-limit event (先行登记保存 and its 处理决定).
    dated_records: tuple[DatedRecord, ...] = ()
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

    def text_types(self) -> frozenset[str]:
        """The document types whose text the ``document_text`` rules read."""
        return frozenset(
            t
            for rule in self.rules
            if isinstance(rule, DocumentTextPrecheck)
            for t in (
                *rule.documents,
                *rule.also_in,
                *(t for types in rule.sector_documents.values() for t in types),
            )
        )

    def document_label(self, doc_type: str) -> str:
        return self.labels.documents.get(doc_type, doc_type)

    def finding_basis(self, rule_id: str, facts: Sequence[Mapping[str, Any]]) -> str | None:
        """The legal basis a suggestion of ``rule_id`` carries itself: the value of its
        rule's ``basis_fact`` among the suggestion's stored ``facts`` (None: none)."""
        rule = next((r for r in self.rules if r.id == rule_id), None)
        if rule is None or rule.basis_fact is None:
            return None
        for fact in facts:
            if fact.get("name") == rule.basis_fact and fact.get("value"):
                return str(fact["value"])
        return None

    def fact_label(self, name: str) -> str:
        return self.labels.facts.get(name) or self.labels.events.get(name) or name


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
        read: tuple[str, ...] = ()
        if isinstance(rule, TimeLimitPrecheck):
            for choice in rule.time_limits:
                if choice.rule not in time_limits:
                    raise PrecheckDataError(
                        f"预检规则文件 {path}：规则 {rule.id} 引用的时限规则“{choice.rule}”"
                        "在时限规则表中不存在"
                    )
                limit = time_limits[choice.rule]
                read += (limit.start_event, limit.end_event)
        elif isinstance(rule, DateOrderPrecheck):
            read = (rule.first, rule.then)
        elif isinstance(rule, FineRangePrecheck | OnTheSpotFinePrecheck):
            read = ("fine_yuan",)
        elif isinstance(rule, EnforcementTimePrecheck):
            read = ("enforced",)
        elif isinstance(rule, LateFineCapPrecheck):
            read = ("late_fine_yuan", "fine_yuan")
        elif isinstance(rule, ReviewerQualificationPrecheck):
            read = ("legal_reviewers",)
        if rule.basis_fact is not None:  # shown beside the suggestion, kept for its deduction
            read = (*read, rule.basis_fact)
        missing = [name for name in dict.fromkeys(read) if name not in rule.inputs]
        if missing:  # a rule must declare what it reads, or a doubtful input goes unseen
            raise PrecheckDataError(
                f"预检规则文件 {path}：规则 {rule.id} 的 inputs 未列出其读取的要素："
                + "、".join(missing)
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
