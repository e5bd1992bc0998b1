"""One case of a campaign (``CampaignCase``): in the sample or not, its 案号 and department, found by id or 案号."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import NotFoundError, UserError
from app.review import catalogue as catalogue_mod
from app.review.campaigns.records import CaseEntry
from app.store.models import CampaignCase


def in_sample(entry: CampaignCase) -> bool:
    row = entry.catalogue_row
    return True if not isinstance(row, dict) else bool(row.get("in_sample"))


def entry_case_no(entry: CampaignCase) -> str | None:
    row = entry.catalogue_row
    if isinstance(row, dict) and row.get("fields", {}).get("case_no"):
        return str(row["fields"]["case_no"])
    return entry.case_file.case_no if entry.case_file is not None else None


def entry_department(entry: CampaignCase) -> str | None:
    if entry.department is not None:
        return entry.department.name
    if entry.case_file is not None and entry.case_file.department is not None:
        return entry.case_file.department.name
    row = entry.catalogue_row
    if isinstance(row, dict):
        return row.get("fields", {}).get("department")
    return None


def case_entry(entry: CampaignCase) -> CaseEntry:
    row = entry.catalogue_row
    return CaseEntry(
        entry_id=entry.id,
        case_id=entry.case_file_id,
        case_no=entry_case_no(entry),
        department=entry_department(entry),
        drawn_by=entry.drawn_by,
        in_sample=in_sample(entry),
        catalogue=dict(row["fields"]) if isinstance(row, dict) and "fields" in row else None,
        reviewers=tuple(a.reviewer.name for a in sorted(entry.assignments, key=lambda a: a.id)),
    )


def resolve_case(session: Session, campaign_id: int, ref: int | str) -> CampaignCase:
    """The campaign's sampled case named by its library id or its 案号."""
    entries = session.scalars(
        select(CampaignCase).where(CampaignCase.campaign_id == campaign_id)
    ).all()
    text = str(ref).strip()
    for entry in entries:
        if text.isdigit() and entry.case_file_id == int(text) and in_sample(entry):
            return entry
    wanted = catalogue_mod.normalise_case_no(text)
    for entry in entries:
        if in_sample(entry) and catalogue_mod.normalise_case_no(entry_case_no(entry)) == wanted:
            if entry.case_file_id is None:
                raise UserError(
                    f"案件 {text} 已抽中，但案卷库中还没有它的卷宗。请先导入该案卷的扫描件。"
                )
            return entry
    raise NotFoundError(f"案卷 {text} 不在评查活动 {campaign_id} 的评查范围内。")
