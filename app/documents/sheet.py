"""The per-file 评查表 (review sheet): one case's score against every checklist item, with
the deductions (reason, page, basis), the grade, veto items, reviewers and sign-off.

Plain data from the review services; the layout is the ``sheet`` template (fields listed in
``templates/fields.yaml``), which a bureau may replace with its own.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.documents.cited_basis import drop_repeated_basis, page_text
from app.documents.docx_render import render_document
from app.errors import UserError
from app.review.campaigns import (
    KIND_LABELS,
    CampaignService,
    entry_case_no,
    entry_department,
    period_label,
    resolve_case,
)
from app.review.reviews import ReviewService, load_checklist
from app.store.database import Database
from app.store.models import Review
from scoring.checklist import fmt_points
from scoring.time_limits import format_cn_date

DATE_FACTS = ("filed", "decided", "served", "closed", "seized", "released")
DATE_FACT_PREFIX = "date."
# The header's facts by case kind, in the order printed (two per row after 执法单位/案号 and
# 当事人/案由). A coercion file has no fine and no 立案: its measure's dates stand there.
HEADER_FACTS = {
    "penalty": (
        ("罚款金额", "fine"),
        ("立案日期", "filed"),
        ("决定日期", "decided"),
        ("送达日期", "served"),
        ("结案日期", "closed"),
    ),
    "coercion": (
        ("实施日期", "seized"),
        ("解除日期", "released"),
        ("决定日期", "decided"),
        ("送达日期", "served"),
        ("结案日期", "closed"),
    ),
}


def cn_date(value: date | datetime | str | None) -> str:
    """2026-09-01 → 2026年9月1日 (a text that is not an ISO date is returned as it is)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            return format_cn_date(date.fromisoformat(value.strip()[:10]))
        except ValueError:
            return value
    return format_cn_date(value)


def _fine(value: str | None) -> str:
    if not value:
        return ""
    try:
        number = float(value)
    except ValueError:
        return value
    return f"{int(number) if number.is_integer() else number}元"


def _case_facts(session: Any, campaign_id: int, case_ref: int | str) -> dict[str, Any]:
    entry = resolve_case(session, campaign_id, case_ref)
    case = entry.case_file
    if case is None:
        raise UserError("该案件尚未关联扫描案卷，无法生成评查表：请先导入其案卷。")
    facts: dict[str, str | None] = {}
    # A user's correction wins over what extraction found.
    for f in sorted(case.fields, key=lambda f: f.source == "user"):
        facts[f.name] = f.value
    reviews = list(
        session.scalars(
            select(Review)
            .where(Review.campaign_id == campaign_id, Review.case_file_id == case.id)
            .order_by(Review.id)
        )
    )
    final = [r for r in reviews if r.role == "final"] or reviews
    row = final[0].checklist if final and final[0].checklist is not None else None
    return {
        "department": entry_department(entry) or "",
        "case": {
            "case_no": entry_case_no(entry) or facts.get("case_no") or "",
            "party": case.party or facts.get("party") or "",
            "cause": case.cause or facts.get("cause") or "",
            "fine": _fine(facts.get("fine_yuan")),
            **{key: cn_date(facts.get(DATE_FACT_PREFIX + key)) for key in DATE_FACTS},
        },
        "checklist_row": row,
        "case_id": case.id,
        "case_kind": case.kind or "penalty",
    }


def header_rows(
    department: str, case: dict[str, str], kind: str, standard: str
) -> list[dict[str, str]]:
    """The header table of the sheet, two facts a row, the facts of the case's kind only
    (HEADER_FACTS); 评查标准 closes it."""
    pairs = [("执法单位", department), ("案号", case["case_no"])]
    pairs += [("当事人", case["party"]), ("案由", case["cause"])]
    pairs += [
        (label, case.get(key, "")) for label, key in HEADER_FACTS.get(kind, HEADER_FACTS["penalty"])
    ]
    pairs.append(("评查标准", standard))
    if len(pairs) % 2:
        pairs.append(("", ""))
    return [
        {"label": a[0], "value": a[1], "label2": b[0], "value2": b[1]}
        for a, b in zip(pairs[::2], pairs[1::2], strict=True)
    ]


def _signoff_text(status: dict[str, Any]) -> str:
    if status.get("signed_off") and status.get("signed_off_at"):
        moment = datetime.fromisoformat(status["signed_off_at"])
        if moment.tzinfo is not None:
            moment = moment.astimezone()
        return cn_date(moment.date())
    if status.get("signoff_cleared"):
        return "未签字确认（签字确认后评分又有修改）"
    return "未签字确认"


def sheet_context(db: Database, campaign_id: int, case_ref: int | str) -> dict[str, Any]:
    """The 评查表 of one case of a campaign (the ``sheet`` fields of fields.yaml)."""
    campaign = CampaignService(db).show(campaign_id)
    reviews = ReviewService(db)
    result = reviews.score(campaign_id, case_ref)
    deductions = reviews.deductions(campaign_id, case_ref)
    status = reviews.status(campaign_id, case_ref)
    with db.session() as session:
        facts = _case_facts(session, campaign_id, case_ref)
        row = facts.pop("checklist_row")
        checklist = load_checklist(row) if row is not None else None
    if checklist is None:
        checklist = reviews.checklist_for(campaign_id, case_ref)

    by_item: dict[str, list[dict[str, str]]] = {}
    for d in deductions:
        item = checklist.item(d.item_id) if checklist.has_item(d.item_id) else None
        basis = d.basis or (item.basis if item and item.basis else "")
        by_item.setdefault(d.item_id, []).append(
            {
                "reason": drop_repeated_basis(d.reason, basis),
                "basis": basis,
                "page_text": page_text(d.page, d.reason),
                "points": fmt_points(d.points),
            }
        )
    categories = []
    for category, scored in zip(checklist.categories, result.categories, strict=True):
        entries = [
            {
                "id": item.id,
                "text": item.text,
                "points": fmt_points(item.points),
                "lost": fmt_points(result.items.get(item.id, 0)),
                "veto": item.veto,
                "deductions": by_item.get(item.id, []),
            }
            for item in category.items
        ]
        # The paper lists the deducted items in full and counts the others: a sheet of every
        # item ran to 6–8 pages for a file with a handful of deductions.
        deducted = [
            e
            for e, item in zip(entries, category.items, strict=True)
            if e["deductions"] or result.items.get(item.id, 0)
        ]
        categories.append(
            {
                "name": category.name,
                "points": fmt_points(category.points),
                "lost": fmt_points(scored.lost),
                "score": fmt_points(scored.score),
                "entries": entries,
                "deducted": deducted,
                "rest": len(entries) - len(deducted),
            }
        )
    veto_items = [
        {"id": i, "text": checklist.item(i).text if checklist.has_item(i) else i}
        for i in result.veto_items
    ]
    return {
        "campaign_name": campaign.name,
        "period_label": period_label(campaign.period),
        "kind_label": KIND_LABELS.get(campaign.kind, campaign.kind),
        "department": facts["department"],
        "case": facts["case"],
        "header": header_rows(
            facts["department"],
            facts["case"],
            facts["case_kind"],
            f"{checklist.name}（{checklist.version}）",
        ),
        "checklist_name": checklist.name,
        "checklist_version": checklist.version,
        "categories": categories,
        "total": fmt_points(result.total),
        "lost": fmt_points(result.lost),
        "grade": result.grade,
        "vetoed": result.vetoed,
        "veto_items": veto_items,
        # a file nobody deducted from has no reviewer's review: the lead scored it alone
        "reviewers": "、".join(status["reviewers"]) or status.get("signed_off_by") or "—",
        "lead": status.get("signed_off_by") or "—",
        "signoff": _signoff_text(status),
    }


def write_sheet(
    db: Database,
    campaign_id: int,
    case_ref: int | str,
    out: Path,
    template_dir: Path | None = None,
) -> Path:
    """Write the case's 评查表 as a Word document (the bureau's template when it has one)."""
    return render_document(
        "sheet", sheet_context(db, campaign_id, case_ref), Path(out), template_dir=template_dir
    )
