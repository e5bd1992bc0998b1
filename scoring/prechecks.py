"""Automatic pre-checks (自动预检): plain facts of one dossier in, suggested deductions out.

Why: the mechanical findings of a review (a decision served late, no 送达回证, a 法制审核
dated after the decision, a gap in the 页码 …) cost a reviewer time and are easy to miss by
hand. The rules live in ``scoring/data/prechecks.yaml`` (time limits by their
``time_limits.yaml`` id), so a province changes data, not code. This module is pure: the
caller (``app.review.prechecks``) reads the facts from the store or OCR text.

The one promise a reviewer relies on: **no false alarm from a missing fact**. A rule whose
inputs are unknown (``None``) says nothing; only the "required document" rules fire on
absence, because absence is what they look for — and only when the dossier's documents are
known at all.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, model_validator

from scoring.checklist import Checklist
from scoring.fine_ranges import format_yuan
from scoring.scores import points_for
from scoring.time_limits import (
    TimeLimitRule,
    evaluate,
    format_cn_date,
    load_time_limits,
)
from scoring.workdays import (
    CalendarRangeError,
    WorkingDayCalendar,
    default_calendar,
    describe_validation_error,
    read_yaml,
)

__all__ = [
    "DEFAULT_PRECHECKS_PATH",
    "DocumentRef",
    "DossierFacts",
    "OfficerRecord",
    "PrecheckDataError",
    "PrecheckTable",
    "RosterEntry",
    "Suggestion",
    "is_major",
    "load_prechecks",
    "page_gaps",
    "run_prechecks",
]

DEFAULT_PRECHECKS_PATH = Path(__file__).parent / "data" / "prechecks.yaml"

Kind = Literal["penalty", "coercion"]


class PrecheckDataError(ValueError):
    """The pre-check file cannot be read or is inconsistent (message in Chinese)."""


# ---------------------------------------------------------------- facts in, suggestions out


@dataclass(frozen=True)
class DocumentRef:
    """A document of the dossier by type; pages 1-based inclusive; ``serves`` on a 送达回证."""

    type: str
    first_page: int
    last_page: int
    serves: str | None = None
    order: int | None = None  # usual position of the type (document_types.yaml), if known

    @property
    def pages(self) -> list[int]:
        return list(range(self.first_page, self.last_page + 1))

    @property
    def page_text(self) -> str:
        if self.first_page == self.last_page:
            return f"第{self.first_page}页"
        return f"第{self.first_page}-{self.last_page}页"


@dataclass(frozen=True)
class OfficerRecord:
    """The officers named on one 笔录 (询问笔录, 现场笔录 …)."""

    document: str
    first_page: int
    last_page: int
    names: tuple[str, ...] = ()
    cert_nos: tuple[str, ...] = ()

    record_date: _dt.date | None = None

    @property
    def count(self) -> int:
        return max(len(self.names), len(self.cert_nos))


@dataclass(frozen=True)
class RosterEntry:
    """One certified officer of the roster (执法人员名册); validity bounds None = open."""

    name: str
    cert_no: str
    valid_from: _dt.date | None = None
    valid_to: _dt.date | None = None

    def valid_on(self, day: _dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


@dataclass(frozen=True)
class DossierFacts:
    """What the pre-checks know about one dossier. ``None`` everywhere means "unknown".

    ``dates`` uses the event names of ``time_limits.yaml`` (discovered, filed, notice_served,
    decided, served, seized, released, extension_decided …) plus ``legal_review`` and
    ``discussed``; ``date_pages`` gives the page each date was read from.
    ``documents`` None means the split is unknown (no missing-document finding then).
    """

    kind: Kind
    major: bool | None = None
    dates: Mapping[str, _dt.date] = field(default_factory=dict)
    date_pages: Mapping[str, int] = field(default_factory=dict)
    documents: Sequence[DocumentRef] | None = None
    decision_case_no: bool | None = None
    decision_remedy_notice: bool | None = None
    hearing_offered: bool | None = None
    officer_records: Sequence[OfficerRecord] | None = None
    page_numbers: Sequence[int | None] | None = None
    fine_yuan: float | None = None
    fine_range: tuple[float, float] | None = None  # the statutory range of the basis (yuan)
    fine_basis: str | None = None  # the provision(s) the range comes from, as a label
    fine_page: int | None = None  # the page of the decision citing the basis
    party_is_organisation: bool | None = None
    excluded_periods: Sequence[Any] = ()
    roster: Sequence[RosterEntry] | None = None  # None or empty: no roster, no roster finding

    def has(self, doc_type: str, serves: str | None = None) -> bool:
        return any(
            d.type == doc_type and (serves is None or d.serves == serves)
            for d in self.documents or ()
        )

    def pages_of(self, doc_types: Sequence[str]) -> list[int]:
        return [p for d in self.documents or () if d.type in doc_types for p in d.pages]


@dataclass(frozen=True)
class Suggestion:
    """One finding: the rule, the checklist item, a Chinese message, the pages, the points."""

    rule: str
    item_id: str | None
    message: str
    pages: tuple[int, ...]
    suggested_points: float | None
    count: int = 1

    def as_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "item_id": self.item_id,
            "message": self.message,
            "pages": list(self.pages),
            "suggested_points": self.suggested_points,
        }


# ---------------------------------------------------------------- the rule table


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _RuleBase(_Model):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    kinds: tuple[Kind, ...] = Field(min_length=1)
    items: dict[str, str] = Field(default_factory=dict)
    when: Literal["major"] | None = None
    cite: tuple[str, ...] = ()
    message: str = ""
    # Planted defect codes of the demo library (app/demo) this rule finds: the one place the
    # defect→rule mapping is written (tests and benchmarks derive theirs from it).
    detects: tuple[str, ...] = ()


class _TimeLimitChoice(_Model):
    rule: str
    when: Literal["major", "hearing_offered"] | None = None


class TimeLimitPrecheck(_RuleBase):
    check: Literal["time_limit"]
    time_limits: tuple[_TimeLimitChoice, ...] = Field(min_length=1)


class RequiredDocumentPrecheck(_RuleBase):
    check: Literal["required_document"]
    document: str
    serves: str | None = None
    if_documents: tuple[str, ...] = ()
    unless_documents: tuple[str, ...] = ()


class DateOrderPrecheck(_RuleBase):
    check: Literal["date_order"]
    first: str
    then: str


class DecisionFlagPrecheck(_RuleBase):
    check: Literal["decision_flag"]
    flag: Literal["decision_case_no", "decision_remedy_notice"]


class OfficersPrecheck(_RuleBase):
    check: Literal["officers"]
    minimum: int = Field(default=2, ge=1)


class DocumentOrderPrecheck(_RuleBase):
    check: Literal["document_order"]
    skip: tuple[str, ...] = ()
    min_gap: int = Field(default=50, ge=1)


class RosterPrecheck(_RuleBase):
    check: Literal["roster"]


class PageNumbersPrecheck(_RuleBase):
    check: Literal["page_numbers"]


class FineRangePrecheck(_RuleBase):
    check: Literal["fine_range"]


Precheck = Annotated[
    TimeLimitPrecheck
    | RequiredDocumentPrecheck
    | DateOrderPrecheck
    | DecisionFlagPrecheck
    | OfficersPrecheck
    | DocumentOrderPrecheck
    | RosterPrecheck
    | PageNumbersPrecheck
    | FineRangePrecheck,
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


class PrecheckTable(_Model):
    labels: _Labels = Field(default_factory=_Labels)
    decision_documents: dict[Kind, str]
    major_case: MajorCase
    rules: tuple[Precheck, ...]

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
    if not path.is_file():
        raise PrecheckDataError(f"找不到预检规则文件 {path}")
    try:
        data = read_yaml(path, "预检规则文件")
    except (OSError, ValueError) as exc:
        raise PrecheckDataError(str(exc)) from exc
    try:
        table = TypeAdapter(PrecheckTable).validate_python(data)
    except ValidationError as exc:
        raise PrecheckDataError(describe_validation_error(path, exc, data)) from exc
    for rule in table.rules:
        if isinstance(rule, TimeLimitPrecheck):
            for choice in rule.time_limits:
                if choice.rule not in time_limits:
                    raise PrecheckDataError(
                        f"预检规则文件 {path}：规则 {rule.id} 引用的时限规则“{choice.rule}”"
                        "在时限规则表中不存在"
                    )
    return table


# ---------------------------------------------------------------- helpers


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


def page_gaps(numbers: Sequence[int | None]) -> list[tuple[int, int, int, int]]:
    """Gaps in the printed 页码: ``(file page before, file page after, last seen, next seen)``.

    A jump counts only when the numbers on both sides are confirmed by their own neighbour
    (or there is none), so one misread number is not taken for a missing page."""
    known = [(i + 1, n) for i, n in enumerate(numbers) if n is not None]
    gaps = []
    for k in range(len(known) - 1):
        (pa, na), (pb, nb) = known[k], known[k + 1]
        if nb - na <= pb - pa or nb <= na:
            continue
        before_ok = k == 0 or known[k - 1][1] == na - (pa - known[k - 1][0])
        after_ok = k + 2 >= len(known) or known[k + 2][1] == nb + (known[k + 2][0] - pb)
        if before_ok and after_ok:
            gaps.append((pa, pb, na, nb))
    return gaps


def _item_for(rule: _RuleBase, checklist: Checklist | None, kind: str) -> str | None:
    if checklist is not None and checklist.id in rule.items:
        return rule.items[checklist.id]
    return rule.items.get(checklist.kind if checklist is not None else kind) or rule.items.get(kind)


def _condition(name: str | None, facts: DossierFacts, table: PrecheckTable) -> bool | None:
    if name is None:
        return True
    if name == "major":
        return is_major(facts, table)
    if name == "hearing_offered":
        return facts.hearing_offered
    return None


@dataclass
class _Finding:
    message: str
    pages: list[int]
    count: int = 1


# ---------------------------------------------------------------- the checks


def _time_limit(
    rule: TimeLimitPrecheck,
    facts: DossierFacts,
    table: PrecheckTable,
    limits: Mapping[str, TimeLimitRule],
    calendar: WorkingDayCalendar,
) -> _Finding | None:
    for choice in rule.time_limits:
        if not _condition(choice.when, facts, table):
            continue
        limit = limits[choice.rule]
        try:
            check = evaluate(limit, facts.dates, calendar, facts.excluded_periods)
        except CalendarRangeError:
            return None  # a year whose holidays are unknown: cannot say, so say nothing
        if check is None:
            continue
        if check.satisfied:
            return None
        pages = [
            facts.date_pages[e]
            for e in (limit.start_event, limit.end_event)
            if e in facts.date_pages
        ]
        text = check.message() + "。"
        message = rule.message.format(check=text) if rule.message else text
        return _Finding(message, pages + facts.pages_of(rule.cite))
    return None


def _required_document(
    rule: RequiredDocumentPrecheck, facts: DossierFacts, table: PrecheckTable
) -> _Finding | None:
    if facts.documents is None or not facts.documents:
        return None
    if not all(facts.has(t) for t in rule.if_documents):
        return None
    if any(facts.has(t) for t in rule.unless_documents):
        return None
    if facts.has(rule.document, rule.serves):
        return None
    present = "、".join(table.document_label(t) for t in rule.if_documents)
    message = rule.message.format(missing=table.document_label(rule.document), present=present)
    return _Finding(message, facts.pages_of(rule.cite))


def _date_order(rule: DateOrderPrecheck, facts: DossierFacts) -> _Finding | None:
    first, then = facts.dates.get(rule.first), facts.dates.get(rule.then)
    if first is None or then is None or first <= then:
        return None
    pages = [facts.date_pages[e] for e in (rule.first, rule.then) if e in facts.date_pages]
    message = rule.message.format(first_date=format_cn_date(first), then_date=format_cn_date(then))
    return _Finding(message, pages + facts.pages_of(rule.cite))


def _decision_flag(
    rule: DecisionFlagPrecheck, facts: DossierFacts, table: PrecheckTable
) -> _Finding | None:
    if getattr(facts, rule.flag) is not False:
        return None
    decision = table.decision_documents.get(facts.kind, "")
    message = rule.message.format(decision=table.document_label(decision))
    return _Finding(message, facts.pages_of([decision, *rule.cite]))


def _officers(rule: OfficersPrecheck, facts: DossierFacts, table: PrecheckTable) -> _Finding | None:
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
    return _Finding("".join(parts), pages, len(short))


def _document_order(
    rule: DocumentOrderPrecheck, facts: DossierFacts, table: PrecheckTable
) -> _Finding | None:
    """The most clearly misplaced pair: a document filed before one that usually comes at
    least ``min_gap`` order steps earlier (skipped types may sit anywhere)."""
    docs = sorted(
        (d for d in facts.documents or () if d.order is not None and d.type not in rule.skip),
        key=lambda d: d.first_page,
    )
    best: tuple[int, DocumentRef, DocumentRef] | None = None
    for i, early in enumerate(docs):
        for late in docs[i + 1 :]:
            gap = early.order - late.order  # type: ignore[operator]
            if gap >= rule.min_gap and (best is None or gap > best[0]):
                best = (gap, early, late)
    if best is None:
        return None
    _, first, second = best
    message = rule.message.format(
        first=table.document_label(first.type),
        first_pages=first.page_text,
        second=table.document_label(second.type),
        second_pages=second.page_text,
    )
    return _Finding(message, [*first.pages, *second.pages])


def _roster(rule: RosterPrecheck, facts: DossierFacts) -> _Finding | None:
    """Officers on the records whose 执法证号 is not in the roster or was not valid that day."""
    if not facts.roster:
        return None
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
                if day is None or entry.valid_on(day):
                    continue
                parts.append(
                    f"{where}执法人员{who}的执法证在{format_cn_date(day)}不在有效期内"
                    f"（{_validity(entry)}）"
                )
            pages.extend(range(record.first_page, record.last_page + 1))
    if not parts:
        return None
    return _Finding(rule.message.format(problems="；".join(parts)), pages, len(parts))


_MOBILE = re.compile(r"^1[3-9]\d{9}$")


def _cert_key(cert: str) -> str:
    return "".join(cert.split()).upper()


def _validity(entry: RosterEntry) -> str:
    start = format_cn_date(entry.valid_from) if entry.valid_from else "不限"
    end = format_cn_date(entry.valid_to) if entry.valid_to else "长期"
    return f"有效期{start}至{end}"


def _page_numbers(rule: PageNumbersPrecheck, facts: DossierFacts) -> _Finding | None:
    if not facts.page_numbers:
        return None
    gaps = page_gaps(facts.page_numbers)
    if not gaps:
        return None
    texts = []
    for _, _, before, after in gaps:
        missing = (
            f"第{before + 1}页" if after == before + 2 else f"第{before + 1}页至第{after - 1}页"
        )
        texts.append(f"第{before}页之后缺少{missing}")
    pages = [p for a, b, _, _ in gaps for p in (a, b)]
    return _Finding(rule.message.format(gaps="；".join(texts)), pages, len(gaps))


def _plain(value: float) -> str:
    """2000000 → 2000000, 2500.5 → 2500.5 (never 2e+06)."""
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.2f}".rstrip("0")


def _fine_range(rule: FineRangePrecheck, facts: DossierFacts) -> _Finding | None:
    if facts.fine_yuan is None or facts.fine_range is None:
        return None
    low, high = facts.fine_range
    if low <= facts.fine_yuan <= high:
        return None
    if low > 0:
        range_text = f"{format_yuan(low)}以上{format_yuan(high)}以下"
    else:
        range_text = f"{format_yuan(high)}以下"
    party = {True: "对单位", False: "对个人", None: ""}[facts.party_is_organisation]
    cited = facts.pages_of(rule.cite)
    page = facts.fine_page or (cited[0] if cited else None)
    message = rule.message.format(
        fine=_plain(facts.fine_yuan),
        low=_plain(low),
        high=_plain(high),
        range=range_text,
        party=party,
        basis=facts.fine_basis or "处罚依据",
        page=f"（第{page}页）" if page else "",
        direction="低于法定下限" if facts.fine_yuan < low else "超过法定上限",
    )
    return _Finding(message, ([page] if page else []) + cited)


def _run_simple(rule: Any, facts: DossierFacts, table: PrecheckTable) -> _Finding | None:
    if isinstance(rule, RequiredDocumentPrecheck):
        return _required_document(rule, facts, table)
    if isinstance(rule, DateOrderPrecheck):
        return _date_order(rule, facts)
    if isinstance(rule, DecisionFlagPrecheck):
        return _decision_flag(rule, facts, table)
    if isinstance(rule, OfficersPrecheck):
        return _officers(rule, facts, table)
    if isinstance(rule, DocumentOrderPrecheck):
        return _document_order(rule, facts, table)
    if isinstance(rule, RosterPrecheck):
        return _roster(rule, facts)
    if isinstance(rule, PageNumbersPrecheck):
        return _page_numbers(rule, facts)
    return _fine_range(rule, facts)


def run_prechecks(
    facts: DossierFacts,
    checklist: Checklist | None = None,
    *,
    table: PrecheckTable | None = None,
    time_limits: Mapping[str, TimeLimitRule] | None = None,
    calendar: WorkingDayCalendar | None = None,
) -> list[Suggestion]:
    """Every pre-check that fires on ``facts``, in the table's order, one per rule.

    With a checklist, each suggestion names the rule's item for that checklist (by its id,
    else its kind) and the points one occurrence costs (``points_for``); an item the
    checklist lacks leaves ``item_id`` and ``suggested_points`` None."""
    table = table or load_prechecks()
    limits = time_limits or load_time_limits()
    calendar = calendar or default_calendar()
    out: list[Suggestion] = []
    for rule in table.rules:
        if facts.kind not in rule.kinds or not _condition(rule.when, facts, table):
            continue
        if isinstance(rule, TimeLimitPrecheck):
            finding = _time_limit(rule, facts, table, limits, calendar)
        else:
            finding = _run_simple(rule, facts, table)
        if finding is None:
            continue
        item_id = _item_for(rule, checklist, facts.kind)
        points = None
        if checklist is not None and item_id is not None:
            if checklist.has_item(item_id):
                points = points_for(checklist.item(item_id), finding.count)
            else:
                item_id = None
        out.append(
            Suggestion(
                rule=rule.id,
                item_id=item_id,
                message=finding.message,
                pages=tuple(sorted(set(finding.pages))),
                suggested_points=points,
                count=finding.count,
            )
        )
    return out
