"""The facts of a dossier read from its pages and extracted fields, for ``scoring.prechecks``.

From the pages' OCR text comes what extraction does not keep: the decision's 案号 and remedy
wording, the officers named on each 笔录, the printed 页码, the dates of the 法制审核, the
集体讨论 and an extension of a seizure. What cannot be read stays unknown, and the engine says
nothing. No database work here (see :mod:`app.review.prechecks`)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date

from app.casefiles.cn_dates import find_dates
from app.casefiles.organs import organ_names
from app.casefiles.penalty_basis import joined_with_pages, page_at, penalty_basis
from app.casefiles.splitting import (
    DocumentSpan,
    PageInput,
    line_rect,
    load_split_config,
    with_served,
)
from app.casefiles.violation_dates import VIOLATION_SOURCES, violation_date
from app.review.dated_records import record_dates
from app.review.enforcement_record import enforcement_reading
from app.review.late_fine import late_fine_amount
from app.review.lawful_time import PageTexts, lawful_time
from app.review.legal_review_text import legal_review_opinion, legal_reviewers
from app.review.precheck_contents import listed_documents
from app.review.publication_date import publication_date
from scoring.fine_ranges import FineRange, Provision, fine_range_for
from scoring.prechecks import (
    DocumentRef,
    DocumentText,
    DossierFacts,
    OfficerRecord,
    PrecheckTable,
    RosterEntry,
    load_prechecks,
)
from scoring.prechecks.periods import stated_period
from scoring.town_powers import TownPowers, load_town_powers

DATE_PREFIX = "date."
OFFICER_RECORDS = ("inquiry_record", "inspection_record", "seizure_record")
# Where a document's own date sits: the first date (meeting time) or the last (signature).
DOCUMENT_DATES = {
    "legal_review": ("legal_review", "last"),
    "discussed": ("collective_discussion", "first"),
    "extension_decided": ("extension_decision", "last"),
    "enforcement_decided": ("enforcement_decision", "last"),
    # 《行政处罚法》第六十四条: the notice (its signature, unless a receipt says when it was
    # served: an earlier day only widens the gap, never makes a false alarm) and the hearing.
    "hearing_notified": ("hearing_notice", "last"),
    "hearing_held": ("hearing_record", "first"),
}
# Receipts whose date is the service of the document they serve: event by served type.
SERVED_EVENTS = {"demand_notice": "demand_served", "hearing_notice": "hearing_notified"}
# Periods a document states (name → document type, words of its sentence): the law fixes
# none for 陈述申辩 or for the 履行期限 of a 催告书, the document's own period binds.
STATED_PERIODS = {
    "defence_period": ("prior_notice", ("陈述", "申辩"), ()),
    "demand_period": ("demand_notice", ("履行",), ("陈述", "申辩")),
}
DECISION_TYPES = ("penalty_decision", "seizure_decision", "enforcement_decision")
TITLE_BAND = 0.25  # share of the page height where a document's 文号 sits
FOOTER_BAND = 0.88  # printed 页码 below this share of the page height

_CASE_NO = re.compile(
    r"[\u4e00-\u9fffA-Za-z]{1,16}\s*[〔\[【(（{［]\s*(?:19|20)\d{2}\s*[〕\]】)）}］]\s*第?\s*\d{1,6}\s*号"
)
_OFFICER_LABEL = re.compile(r"(?:询问人|执法人员|检查人员|调查人员|检查人)\s*[:：]")
_OFFICER_END = re.compile(r"记录人|被询问人|被检查人|当事人|到场人|询问地点|检查地点|地点")
_PAREN = re.compile(r"[（(][^）)]*[）)]?")
_CERT = re.compile(r"\d{6,}")
_WRAP_DOT = re.compile(r"(?<=\d)[.．·](?=\d)")
_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_PAGE_NO = re.compile(r"^[\s\-—–_.·,，。]*(\d{1,4})[\s\-—–_.·,，。]*$")
_SPACE = re.compile(r"\s+")
_QUOTED_BOUND = re.compile(r"[至自于起从到]\s*$")


# ---------------------------------------------------------------- reading the text


def _first(documents: Sequence[DocumentSpan], doc_type: str) -> DocumentSpan | None:
    return next((d for d in documents if d.type == doc_type), None)


def _doc_lines(pages: Sequence[PageInput], doc: DocumentSpan) -> list[tuple[int, str]]:
    return [
        (number, line.text)
        for number in range(doc.first_page, doc.last_page + 1)
        if 1 <= number <= len(pages)
        for line in pages[number - 1].lines
    ]


def _joined(pages: Sequence[PageInput], doc: DocumentSpan) -> str:
    return _SPACE.sub("", "".join(text for _, text in _doc_lines(pages, doc)))


def decision_flags(
    pages: Sequence[PageInput], documents: Sequence[DocumentSpan], decision_type: str
) -> tuple[bool | None, bool | None]:
    """(案号 printed at the top of the decision?, remedy wording in its text?); None = unknown."""
    doc = _first(documents, decision_type)
    if doc is None or not 1 <= doc.first_page <= len(pages):
        return None, None
    text = _joined(pages, doc)
    if not text:
        return None, None
    first = pages[doc.first_page - 1]
    height = first.size[1]
    top = "".join(line.text for line in first.lines if line_rect(line)[1] < height * TITLE_BAND)
    has_no = bool(_CASE_NO.search(_SPACE.sub("", top)))
    remedy = "复议" in text or "诉讼" in text
    return has_no, remedy


def stated_periods(
    pages: Sequence[PageInput], documents: Sequence[DocumentSpan]
) -> dict[str, tuple[int, str]]:
    """The periods the 告知书 and the 催告书 state ("三个工作日内", "十日内履行")."""
    out = {}
    for name, (doc_type, words, unless) in STATED_PERIODS.items():
        doc = _first(documents, doc_type)
        found = stated_period(_joined(pages, doc), *words, unless=unless) if doc else None
        if found is not None:
            out[name] = found
    return out


def decision_organ(pages: Sequence[PageInput], decision: DocumentSpan | None) -> str | None:
    """The organ's name printed on a line of its own on the decision (heading or 落款);
    None without a decision."""
    lines = _doc_lines(pages, decision) if decision else []
    names = organ_names("\n".join(text for _, text in lines))
    return names[0] if names else None


def remedy_text(pages: Sequence[PageInput], decision: DocumentSpan | None) -> str | None:
    """The decision's sentences about 复议 and 诉讼 (救济告知), joined; None when none."""
    text = _joined(pages, decision) if decision else ""
    return "".join(re.findall(r"[^。]*(?:复议|诉讼)[^。]*。?", text)) or None


def officer_records(
    pages: Sequence[PageInput], documents: Sequence[DocumentSpan]
) -> list[OfficerRecord]:
    """The officers named after 询问人/执法人员 on each 笔录 (records without the line are skipped)."""
    out = []
    for doc in documents:
        if doc.type not in OFFICER_RECORDS:
            continue
        text = _joined(pages, doc)
        label = _OFFICER_LABEL.search(text)
        if label is None:
            continue
        rest = text[label.end() : label.end() + 120]
        end = _OFFICER_END.search(rest)
        segment = rest[: end.start()] if end else rest
        # A 执法证号 holds no dot: one between digits is OCR noise where the number wraps
        # to the next line ("3205319." + "1692）").
        certs = tuple(_CERT.findall(_WRAP_DOT.sub("", segment)))
        bare = _PAREN.sub("、", segment)
        names = tuple(t for t in re.split(r"[、，,;；和及\s]+", bare) if _NAME.match(t))
        if names or certs:
            on = next(
                (m.value for _, line in _doc_lines(pages, doc) for m in find_dates(line)), None
            )
            out.append(OfficerRecord(doc.type, doc.first_page, doc.last_page, names, certs, on))
    return out


def printed_page_numbers(pages: Sequence[PageInput]) -> list[int | None]:
    """The archivist's 页码 of each page (a lone number at the foot), None where there is none."""
    out: list[int | None] = []
    for page in pages:
        height = page.size[1]
        best: tuple[float, int] | None = None
        for line in page.lines:
            y = line_rect(line)[1]
            match = _PAGE_NO.match(line.text)
            if match and y >= height * FOOTER_BAND and (best is None or y > best[0]):
                best = (y, int(match.group(1)))
        out.append(best[1] if best else None)
    return out


def document_dates(
    pages: Sequence[PageInput], documents: Sequence[DocumentSpan]
) -> dict[str, tuple[date, int]]:
    """Dates the extractor does not keep: 法制审核, 集体讨论, 延长查封扣押, 强制执行决定, 听证
    通知 and 听证, and the service of the 催告书 and 听证通知书 (date, page)."""
    out = {}
    for event, (doc_type, which) in DOCUMENT_DATES.items():
        doc = _first(documents, doc_type)
        if doc is None:
            continue
        found = [
            (m.value, number)
            for number, text in _doc_lines(pages, doc)
            for m in find_dates(text)
            if not _QUOTED_BOUND.search(text[: m.start])  # "至2024年3月9日止" is not its date
        ]
        if found:
            out[event] = found[-1] if which == "last" else found[0]
    seen: set[str] = set()
    for doc in documents:  # the 送达回证 of the 催告书, 听证通知书: the day it was served
        served_event = SERVED_EVENTS.get(doc.serves or "")
        if doc.type != "service_receipt" or served_event is None or served_event in seen:
            continue
        served = [(m.value, n) for n, text in _doc_lines(pages, doc) for m in find_dates(text)]
        if served:
            out[served_event] = served[-1]  # the receipt wins over the document's own date
            seen.add(served_event)
    return out


def fine_basis(
    pages: Sequence[PageInput],
    documents: Sequence[DocumentSpan],
    is_organisation: bool | None,
    decision_type: str = "penalty_decision",
    acted_on: date | None = None,
) -> tuple[FineRange, int] | None:
    """The statutory range of the decision's penalty basis for the party, and the page the
    basis is cited on; None when the basis is not read or its range cannot be told
    (unknown or relative provision). A decision stating 减轻处罚 has no lower bound."""
    doc = _first(documents, decision_type)
    if doc is None:
        return None
    text, offsets = joined_with_pages(_doc_lines(pages, doc))
    basis = penalty_basis(text)
    if basis is None:
        return None
    found = fine_range_for(basis.provisions, is_organisation, acted_on=acted_on)
    if found is None:
        return None
    if basis.mitigated:
        found = replace(found, low=0.0)
    return found, page_at(offsets, basis.start) or doc.first_page


def violation_ended(
    pages: Sequence[PageInput], documents: Sequence[DocumentSpan]
) -> tuple[date, int] | None:
    """The day the violation happened or ended, as the documents of the facts state it
    (app.casefiles.violation_dates: only clearly attributed dates), and its page."""
    best: tuple[date, int] | None = None
    for doc_type in VIOLATION_SOURCES:  # the latest date over all sources (see the module)
        for doc in documents:
            if doc.type != doc_type:
                continue
            found = violation_date(_doc_lines(pages, doc))
            if found is not None and (best is None or found[0] > best[0]):
                best = found
    return best


# A natural person's name as a decision writes it: 2 to 4 Han characters (or a name with ·),
# not ending in a word that makes it an establishment (某某餐厅, 某工程队, 某养殖场).
_PERSON_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,8}·[\u4e00-\u9fff]{1,8}")
_ESTABLISHMENT_END = re.compile(r"[店厅厂场队社部行馆院所站会室坊园局处村组]$")


def _is_organisation(party: str | None, table: PrecheckTable) -> bool | None:
    """True for an organisation, False only for what is plainly a person's name, None when
    the name does not say (the fine is then judged on the span of both ranges, never on the
    narrower range of the wrong kind of party)."""
    if not party:
        return None
    name = re.sub(r"[\s（(].*$", "", party.strip())  # 张三（身份证号…） → 张三
    if any(word in party for word in table.major_case.organisation_words):
        return True
    if _PERSON_NAME.fullmatch(name) and not _ESTABLISHMENT_END.search(name):
        return False
    return None


def not_service_proof(
    pages: Sequence[PageInput], documents: Sequence[DocumentSpan], table: PrecheckTable
) -> list[DocumentSpan]:
    """``documents`` without the 送达回证 spans that are a 送达地址确认书 (by title): an address
    confirmed is no proof that anything was served (《行政处罚法》第六十一条第二款)."""
    words = table.not_service_proof
    if not words:
        return list(documents)
    heads = PageTexts.of(pages, documents).heads
    return [
        d
        for d in documents
        if d.type != "service_receipt"
        or not any(
            w in d.title or (1 <= d.first_page <= len(heads) and w in heads[d.first_page - 1])
            for w in words
        )
    ]


def basis_provisions(
    pages: Sequence[PageInput], documents: Sequence[DocumentSpan]
) -> list[Provision] | None:
    """The provisions the penalty decision cites as its basis (None: not read)."""
    doc = _first(documents, "penalty_decision")
    if doc is None:
        return None
    basis = penalty_basis(joined_with_pages(_doc_lines(pages, doc))[0])
    return list(basis.provisions) if basis else None


def document_texts(
    pages: Sequence[PageInput], documents: Sequence[DocumentSpan], table: PrecheckTable
) -> list[DocumentText] | None:
    """The words of the documents the ``document_text`` rules read (None: no text at all)."""
    if not any(page.lines for page in pages):
        return None
    wanted = table.text_types()
    return [
        DocumentText(d.type, d.first_page, d.last_page, _joined(pages, d))
        for d in documents
        if d.type in wanted
    ]


def build_facts(
    kind: str,
    pages: Sequence[PageInput],
    documents: Sequence[DocumentSpan],
    dates: Mapping[str, date],
    date_pages: Mapping[str, int] | None = None,
    *,
    fine_yuan: float | None = None,
    party: str | None = None,
    major: bool | None = None,
    table: PrecheckTable | None = None,
    roster: Sequence[RosterEntry] | None = None,
    stated: Mapping[str, tuple[int, str]] | None = None,
    town_powers: TownPowers | None = None,
) -> DossierFacts:
    """The engine's facts from extracted dates and the pages' text (OCR or otherwise).

    ``stated`` are periods a reviewer corrected (``demand_period`` …): they win over the
    periods read from the text."""
    table = table or load_prechecks()
    documents = not_service_proof(
        pages, with_served(pages, sorted(documents, key=lambda d: d.first_page)), table
    )
    all_dates = dict(dates)
    pages_of = dict(date_pages or {})
    if kind == "penalty" and "violation_ended" not in all_dates:
        ended = violation_ended(pages, documents)
        if ended is not None:
            all_dates["violation_ended"], pages_of["violation_ended"] = ended
    for event, (value, page) in (
        document_dates(pages, documents) | record_dates(pages, documents, table)
    ).items():
        all_dates.setdefault(event, value)
        pages_of.setdefault(event, page)
    enforcement = enforcement_reading(pages, documents, table) if kind == "coercion" else None
    if enforcement is not None:
        all_dates.setdefault("enforced", enforcement.day)
        pages_of.setdefault("enforced", enforcement.page)
    published = (
        publication_date(pages, documents, table, all_dates.get("decided"))
        if kind == "penalty"
        else None
    )
    if published is not None:
        all_dates.setdefault("published", published[0])
        pages_of.setdefault("published", published[1])
    opinion = legal_review_opinion(pages, documents) if kind == "penalty" else None
    reviewers = legal_reviewers(pages, documents) if kind == "penalty" else None
    late_fine = late_fine_amount(pages, documents)
    # Approved extensions, waivers, 检测/中止 periods: what makes a long case lawful.
    events, excluded = lawful_time(pages, documents, table, all_dates)
    for event, (value, page) in events.items():
        all_dates.setdefault(event, value)
        pages_of.setdefault(event, page)
    if (
        _first(documents, "extension_decision")
        and "extension_decided" not in all_dates
        and "seized" in all_dates
    ):
        # An extension is on file but its date unreadable: the 60-day limit still applies,
        # the timing of the extension itself cannot be judged (so it is given as in time).
        all_dates["extension_decided"] = all_dates["seized"]
    decision_type = table.decision_documents.get(kind, "")  # type: ignore[call-overload]
    case_no, remedy = decision_flags(pages, documents, decision_type)
    if kind == "coercion" and _first(documents, "enforcement_decision"):
        decision_type = "enforcement_decision"  # a file of enforcement: its decision speaks
    organ = next(
        (
            o
            for t in (decision_type, *DECISION_TYPES)
            if (o := decision_organ(pages, _first(documents, t)))
        ),
        None,
    )
    notice = _first(documents, "prior_notice")
    has_text = any(page.lines for page in pages)
    orders = {t.id: t.order for t in load_split_config().types}
    names = {t.id: t.name for t in load_split_config().types}
    numbers = printed_page_numbers(pages) if has_text else None
    is_organisation = _is_organisation(party, table)
    limits = (
        fine_basis(
            pages,
            documents,
            is_organisation,
            acted_on=all_dates.get("violation_ended"),
        )
        if kind == "penalty"
        else None
    )
    return DossierFacts(
        kind=kind,  # type: ignore[arg-type]
        major=major,
        dates=all_dates,
        date_pages=pages_of,
        documents=[
            DocumentRef(
                d.type, d.first_page, d.last_page, d.serves, orders.get(d.type), names.get(d.type)
            )
            for d in documents
        ]
        or None,
        decision_case_no=case_no,
        decision_remedy_notice=remedy,
        hearing_offered=("听证" in _joined(pages, notice)) if notice else None,
        officer_records=officer_records(pages, documents) if has_text else None,
        page_numbers=numbers if numbers and any(n is not None for n in numbers) else None,
        fine_yuan=fine_yuan,
        fine_range=(limits[0].low, limits[0].high) if limits else None,
        fine_basis=limits[0].basis if limits else None,
        fine_note=limits[0].note if limits else None,
        fine_page=limits[1] if limits else None,
        party_is_organisation=is_organisation,
        excluded_periods=excluded,
        roster=roster,
        organ=organ,
        stated_periods=stated_periods(pages, documents) | dict(stated or {}),
        remedy_text=remedy_text(pages, _first(documents, decision_type)) if has_text else None,
        enforcement_times=enforcement.times if enforcement else None,
        enforcement_urgent=enforcement.urgent if enforcement else None,
        legal_review_opinion=opinion[0] if opinion else None,
        legal_reviewers=reviewers[0] if reviewers else None,
        late_fine_yuan=late_fine[0] if late_fine else None,
        fact_pages={
            name: found[1]
            for name, found in (("legal_reviewers", reviewers), ("late_fine_yuan", late_fine))
            if found is not None
        },
        document_texts=document_texts(pages, documents, table),
        basis_provisions=basis_provisions(pages, documents) if kind == "penalty" else None,
        town_powers=(town_powers or load_town_powers()).for_organ(organ),
        contents=listed_documents(pages, documents, numbers) if has_text else None,
        page_count=len(pages) or None,
    )


# ---------------------------------------------------------------- the store
