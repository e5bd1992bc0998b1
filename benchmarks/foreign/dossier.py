"""Putting a foreign dossier together: documents in filing order, 卷内目录, page numbers,
the scan of every page, the PDF and its ground truth (``<name>.truth.json``).

The truth names documents by this corpus's canonical Chinese names (and the title as
printed), gives each fact with the page it is printed on, the planted defects, and the box
(PDF points, after skew) of each date a seal was stamped over.

From the 21st dossier of a seed on, one document's pages were fed into the scanner the
wrong way round (upside down): the decision in every other dossier, some other document in
the rest. The truth lists those pages (``upside_down_pages``); the first 20 dossiers of a
seed are unchanged, page image for page image.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PIL import Image

from benchmarks.foreign import forms, letters
from benchmarks.foreign.case import Case, plan_case
from benchmarks.foreign.forms import Doc
from benchmarks.foreign.pages import HEIGHT, WIDTH, Page, Text
from benchmarks.foreign.render import render, scan, skewed_box, write_pdf

TRUTH_VERSION = 1
UPSIDE_DOWN_FROM = 20  # the index of the first dossier with pages fed upside down
_PT_PER_MM = 72 / 25.4
_MESSAGES = {
    "late_service": "行政处罚决定书作出后超过七个工作日才送达（《行政处罚法》第六十一条）。",
    "review_after_decision": "法制审核意见晚于处罚决定日期，先决定后审核。",
    "no_decision_receipt": "卷内缺少行政处罚决定书的送达回证。",
    "over_90_days": "自立案之日起超过九十日作出处罚决定，且无延长办案期限审批。",
    "notice_after_decision": "行政处罚告知书在处罚决定作出之后才送达。",
    "simple_fine_over_limit": "当场处罚罚款超过二百元（《行政处罚法》第五十一条）。",
    "late_filing": "发现违法线索后超过十五个工作日才立案（《市场监督管理行政处罚程序规定》第十八条）。",
    "decided_in_defence_period": "告知书送达次日即作出处罚决定，陈述申辩期限未届满。",
    "no_remedy_notice": "行政处罚决定书未告知申请行政复议、提起行政诉讼的途径和期限。",
    "wrong_remedy_period": "行政处罚决定书告知的起诉期限为三个月，应为六个月（《行政诉讼法》第四十六条）。",
    "no_legal_review": "重大案件经集体讨论，但卷内无法制审核意见（《行政处罚法》第五十八条）。",
}


@dataclass
class Laid:
    case: Case
    docs: list[Doc | None]  # None: a blank separator page
    page_numbers: list[int | None]
    upside_down: frozenset[int] = frozenset()  # 1-based pages fed the wrong way round


def _upside_down(index: int, seed: int, docs: list[Doc | None]) -> frozenset[int]:
    """The pages of the one document fed upside down (none before UPSIDE_DOWN_FROM)."""
    if index < UPSIDE_DOWN_FROM:
        return frozenset()
    spans, first = [], 1
    for doc in docs:
        size = len(doc.pages) if doc else 1
        if doc is not None and doc.name not in ("案卷封面", "卷内目录"):
            spans.append((doc.name, range(first, first + size)))
        first += size
    decisions = [pages for name, pages in spans if name.endswith("决定书")]
    if index % 2 == 0 and decisions:
        return frozenset(decisions[0])
    _, pages = random.Random(seed * 613 + index).choice(spans)
    return frozenset(pages)


def _body(case: Case, rng: random.Random) -> list[Doc]:
    """The documents after the cover and the 目录, in the order a 卷 is bound."""
    if case.procedure == "simple":
        return [
            letters.simple_decision(case),
            letters.photos(case, case.seed * 10),
            forms.closing(case),
        ]
    n = case.seed % 90 + 1
    notice_no = case.case_no.replace("罚", "告", 1).replace(
        str(case.dates["decided"].year), str(case.dates["notice"].year)
    )
    docs = [forms.filing(case), letters.inspection(case), letters.photos(case, case.seed * 10 + n)]
    if rng.random() < 0.5:
        docs.append(forms.evidence_list(case))
    docs += [letters.inquiry(case), letters.report(case)]
    if case.procedure == "extended":
        docs.append(forms.extension(case))
    if case.major:
        if "no_legal_review" not in case.defects:
            docs.append(letters.review(case))
        docs.append(letters.discussion(case))
    notice_title = case.titles.get("notice", "行政处罚告知书")
    docs += [
        letters.notice(case, notice_no),
        forms.receipt(case, notice_title, notice_no, "notice_served", case.dates["notice_served"]),
    ]
    if case.defence_record:
        docs.append(letters.defence(case))
    docs.append(letters.decision(case))
    if "no_decision_receipt" not in case.defects:
        docs.append(
            forms.receipt(case, "行政处罚决定书", case.case_no, "served", case.dates["served"])
        )
    docs.append(forms.closing(case))
    return docs


def _date_of(doc: Doc, case: Case) -> date | None:
    keys = {
        "立案审批表": "filed", "现场检查笔录": "discovered", "现场照片": "discovered",
        "询问笔录": "inquired", "案件调查终结报告": "reported", "法制审核意见书": "review",
        "集体讨论记录": "discussed", "行政处罚告知书": "notice", "行政处罚决定书": "decided",
        "延长办案期限审批表": "extended", "结案审批表": "closed",
    }  # fmt: skip
    key = keys.get(doc.name)
    return case.dates.get(key) if key else None


def lay_out(index: int, seed: int) -> Laid:
    case = plan_case(index, seed)
    rng = random.Random(seed * 104729 + index)
    body: list[Doc | None] = list(_body(case, rng))
    body_pages = sum(len(d.pages) for d in body if d is not None)
    if case.archive_note:
        body.append(forms.archive_note(case, body_pages))
    front: list[Doc | None] = []
    if case.toc:
        numbered, rows = 1, []
        for doc in body:
            assert doc is not None
            rows.append((doc.title, numbered, numbered + len(doc.pages) - 1, _date_of(doc, case)))
            numbered += len(doc.pages)
        front.append(forms.toc(rows, compact_dates=rng.random() < 0.5))
        if case.blank_after_toc:
            front.append(None)
    total = sum(len(d.pages) if d else 1 for d in front + body) + (1 if case.cover else 0)
    if case.cover:
        front.insert(0, forms.cover(case, total))
    docs = front + body
    numbers: list[int | None] = []
    counter = 0
    for doc in docs:
        for page in doc.pages if doc else [forms.blank()]:
            numbered = case.toc and doc is not None and doc.name not in ("案卷封面", "卷内目录")
            if numbered:
                counter += 1
                page.ops.append(Text(186.0, 280.0, str(counter), 4.6, "song", "r"))
            numbers.append(counter if numbered else None)
    return Laid(case, docs, numbers, _upside_down(index, seed, docs))


def _pages(laid: Laid) -> list[tuple[Page, int | None]]:
    """Every page of the file with the index of its document (None for a blank page)."""
    out: list[tuple[Page, int | None]] = []
    for n, doc in enumerate(laid.docs):
        if doc is None:
            out.append((forms.blank(), None))
        else:
            out += [(page, n) for page in doc.pages]
    return out


def page_seed(laid: Laid, number: int) -> int:
    return laid.case.seed * 100000 + int(laid.case.name[8:10]) * 1000 + number


def build_truth(laid: Laid, file_name: str) -> dict[str, Any]:
    case = laid.case
    documents: list[dict[str, Any]] = []
    facts_pages: dict[str, int] = {}
    sealed: list[dict[str, Any]] = []
    first = 1
    for doc in laid.docs:
        if doc is None:
            first += 1
            continue
        documents.append(
            {
                "name": doc.name,
                "title": doc.title,
                "first_page": first,
                "last_page": first + len(doc.pages) - 1,
            }
        )
        for key, offset in doc.facts.items():
            facts_pages.setdefault(key, first + offset)
        for offset, page in enumerate(doc.pages):
            for key, box in page.sealed_dates.items():
                moved = skewed_box(box, page_seed(laid, first + offset))
                if first + offset in laid.upside_down:  # the box as it lies on the scan
                    moved = (
                        WIDTH - moved[2],
                        HEIGHT - moved[3],
                        WIDTH - moved[0],
                        HEIGHT - moved[1],
                    )
                sealed.append(
                    {
                        "fact": key,
                        "page": first + offset,
                        "box_pt": [round(v * _PT_PER_MM, 1) for v in moved],
                    }
                )
        first += len(doc.pages)

    def fact(key: str, value: object) -> dict[str, Any] | None:
        return {"value": value, "page": facts_pages[key]} if key in facts_pages else None

    date_keys = ("discovered", "filed", "notice", "notice_served", "decided", "served", "closed")
    return {
        "version": TRUTH_VERSION,
        "generator": "benchmarks.foreign",
        "file": file_name,
        "seed": case.seed,
        "kind": "penalty",
        "procedure": case.procedure,
        "sector": case.sector,
        "organ": case.organ,
        "colour": case.colour,
        "dpi": case.dpi,
        "pages": first - 1,
        "blank_pages": [n for n, (_, d) in enumerate(_pages(laid), start=1) if d is None],
        "upside_down_pages": sorted(laid.upside_down),
        "page_numbers": laid.page_numbers,
        "documents": documents,
        "facts": {
            "case_no": fact("case_no", case.case_no),
            "party": fact("party", case.party.name),
            "fine_yuan": fact("fine_yuan", case.fine),
            "dates": {k: fact(k, case.dates[k].isoformat()) for k in date_keys if k in case.dates},
        },
        "extended": case.procedure == "extended",
        "defects": [{"id": d, "message": _MESSAGES[d]} for d in case.defects],
        "sealed_dates": sealed,
    }


def generate(index: int, seed: int, folder: Path) -> Path:
    """Write ``<name>.pdf`` and ``<name>.truth.json`` of dossier ``index`` into ``folder``."""
    laid = lay_out(index, seed)
    jpegs = []
    for n, (page, _) in enumerate(_pages(laid), start=1):
        image = render(page, laid.case.dpi, page_seed(laid, n))
        if n in laid.upside_down:
            image = image.transpose(Image.Transpose.ROTATE_180)
        jpegs.append(scan(image, colour=laid.case.colour, seed=page_seed(laid, n)))
    pdf = folder / f"{laid.case.name}.pdf"
    write_pdf(jpegs, pdf)
    truth = build_truth(laid, pdf.name)
    pdf.with_name(laid.case.name + ".truth.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return pdf
