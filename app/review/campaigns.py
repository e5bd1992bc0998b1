"""Campaigns (评查活动): creation, the case catalogue, the random draw and manual choice.

A campaign pins its checklist versions (``CampaignChecklist``) and records its seed. The
catalogue (案件台账) is kept as ``CampaignCase`` rows whose ``catalogue_row`` JSON holds the
row's cells and whether the row is in the sample; a case added from the library without a
catalogue has no catalogue JSON and is always in the sample. The scope (``CampaignDepartment``)
and the review group (``CampaignMember``: reviewers and leads) have tables of their own; the
分工 (``CaseAssignment``) puts a campaign in team mode, see :mod:`app.review.team`.

Every mutating call commits in one transaction with its audit entry and returns what changed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.changes import OpChanges
from app.errors import NotFoundError, UserError
from app.identity import Identity, as_identity
from app.review import catalogue as catalogue_mod
from app.review import sampling
from app.store import audit, repositories
from app.store.database import Database
from app.store.models import (
    Campaign,
    CampaignCase,
    CampaignChecklist,
    CampaignDepartment,
    CampaignMember,
    CaseAssignment,
    CaseFile,
    Checklist,
    Department,
    Review,
    Reviewer,
)

KIND_LABELS = {"selfreview": "自评", "spotcheck": "抽查"}
DEFAULT_CHECKLISTS = ("penalty-assembled", "coercion-assembled")
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def period_label(period: str) -> str:
    """The Chinese name of a normalised period, as letters and circulars print it:
    2024Q2 → 2024年第二季度, 2024H1 → 2024年上半年, 2024-05 → 2024年5月, 2024 → 2024年."""
    m = re.fullmatch(r"(\d{4})Q([1-4])", period)
    if m:
        return f"{m[1]}年第{'一二三四'[int(m[2]) - 1]}季度"
    m = re.fullmatch(r"(\d{4})H([12])", period)
    if m:
        return f"{m[1]}年{'上下'[int(m[2]) - 1]}半年"
    m = re.fullmatch(r"(\d{4})-(\d{2})", period)
    if m:
        return f"{m[1]}年{int(m[2])}月"
    return f"{period}年" if re.fullmatch(r"\d{4}", period) else period


def normalise_period(text: str) -> str:
    """``2024Q2`` for 2024Q2 / 2024-q2 / 2024年第二季度 / 2024年2季度; also ``2024H1`` (上半年),
    ``2024-05`` (2024年5月) and ``2024`` (2024年/2024年度)."""
    raw = re.sub(r"\s+", "", str(text or "")).upper()
    m = re.fullmatch(r"(\d{4})[-_]?Q([1-4])", raw)
    if m:
        return f"{m[1]}Q{m[2]}"
    m = re.fullmatch(r"(\d{4})年?(?:第)?([一二三四1-4])季度", raw)
    if m:
        return f"{m[1]}Q{_CN_DIGITS[m[2]]}"
    m = re.fullmatch(r"(\d{4})[-_]?H([12])", raw)
    if m:
        return f"{m[1]}H{m[2]}"
    m = re.fullmatch(r"(\d{4})年?([上下])半年", raw)
    if m:
        return f"{m[1]}H{1 if m[2] == '上' else 2}"
    m = re.fullmatch(r"(\d{4})(?:年|-|/|\.)(\d{1,2})月?", raw)
    if m and 1 <= int(m[2]) <= 12:
        return f"{m[1]}-{int(m[2]):02d}"
    m = re.fullmatch(r"(\d{4})(?:年度?)?", raw)
    if m:
        return m[1]
    raise UserError(
        f"评查期间“{text}”无法识别。请写成 2024Q2、2024年第二季度、2024年上半年、2024年5月或 2024年。"
    )


# ------------------------------------------------------------------ plain results
@dataclass(frozen=True)
class CaseEntry:
    """One case of a campaign: its dossier in the library (if any) and its catalogue row."""

    entry_id: int
    case_id: int | None
    case_no: str | None
    department: str | None
    drawn_by: str
    in_sample: bool
    catalogue: dict[str, Any] | None
    reviewers: tuple[str, ...] = ()  # assigned to (分工); empty outside team mode

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.case_id,
            "case_id": self.case_id,
            "entry_id": self.entry_id,
            "case_no": self.case_no,
            "department": self.department,
            "drawn_by": self.drawn_by,
            "in_sample": self.in_sample,
            "reviewers": list(self.reviewers),
        }


@dataclass(frozen=True)
class CampaignInfo:
    id: int
    name: str
    kind: str
    period: str
    double_review: bool
    seed: int | None
    departments: list[str]
    reviewers: list[str]
    leads: list[str]
    team_mode: bool  # cases are assigned to reviewers (分工): each sees only their own
    checklists: list[dict[str, str]]
    cases: int
    catalogue_rows: int

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def changes(self) -> OpChanges:
        """What creating (or changing) this campaign changed."""
        return OpChanges(campaign=True, campaign_id=self.id)


@dataclass(frozen=True)
class CatalogueImport:
    """What a catalogue import changed."""

    campaign_id: int
    sheet: str
    header_row: int
    mapping: dict[str, str | None]
    rows: int
    linked: int
    skipped: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def changes(self) -> OpChanges:
        return OpChanges(campaign=True, campaign_id=self.campaign_id)


# ------------------------------------------------------------------ helpers shared by services
def get_campaign(session: Session, campaign_id: int) -> Campaign:
    campaign = session.get(Campaign, campaign_id)
    if campaign is None:
        raise NotFoundError(f"没有编号为 {campaign_id} 的评查活动。")
    return campaign


def settings_of(session: Session, campaign_id: int) -> dict[str, Any]:
    """The campaign's scope (departments), reviewers and leads, in the order they were named."""
    campaign = get_campaign(session, campaign_id)
    return {
        "departments": [d.department.name for d in campaign.scope],
        "reviewers": [m.reviewer.name for m in campaign.members if m.role == "reviewer"],
        "leads": [m.reviewer.name for m in campaign.members if m.role == "lead"],
    }


def get_or_create_reviewer(session: Session, name: str) -> Reviewer:
    name = (name or "").strip()
    if not name:
        raise UserError("评查人姓名不能为空。")
    found = session.scalar(select(Reviewer).where(Reviewer.name == name))
    if found is None:
        found = Reviewer(name=name)
        session.add(found)
        session.flush()
    return found


def _unique(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(n.strip() for n in names if n and n.strip()))


def team_names(reviewers: Iterable[str], leads: Iterable[str]) -> tuple[list[str], list[str]]:
    """Reviewers and leads without blanks or repeats; a person named as both is refused."""
    names, lead_names = _unique(reviewers), _unique(leads)
    both = [n for n in names if n in lead_names]
    if both:
        raise UserError(
            f"{'、'.join(both)} 不能同时担任评查人和组长：组长负责合并与签字确认，不参与背靠背评分。"
        )
    return names, lead_names


def add_members(
    session: Session, campaign: Campaign, reviewers: list[str], leads: list[str]
) -> None:
    """Write the review group in the given order (reviewers first, then leads)."""
    named = [(n, "reviewer") for n in reviewers] + [(n, "lead") for n in leads]
    for position, (name, role) in enumerate(named):
        person = get_or_create_reviewer(session, name)
        session.add(
            CampaignMember(
                campaign_id=campaign.id, reviewer_id=person.id, role=role, position=position
            )
        )
    session.flush()


def team_mode(session: Session, campaign_id: int) -> bool:
    """Whether any case of the campaign is assigned to a reviewer."""
    return (
        session.scalar(
            select(CaseAssignment.id)
            .join(CampaignCase, CaseAssignment.campaign_case_id == CampaignCase.id)
            .where(CampaignCase.campaign_id == campaign_id)
            .limit(1)
        )
        is not None
    )


@dataclass(frozen=True)
class Visibility:
    """What one person sees of a campaign, and why (shown in the window)."""

    name: str
    role: str | None  # "reviewer", "lead" or None (not in the review group)
    team_mode: bool
    sees_all: bool
    note: str

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def role_of(session: Session, campaign_id: int, name: str | None) -> str | None:
    wanted = (name or "").strip()
    if not wanted:
        return None
    return session.scalar(
        select(CampaignMember.role)
        .join(Reviewer, CampaignMember.reviewer_id == Reviewer.id)
        .where(CampaignMember.campaign_id == campaign_id, Reviewer.name == wanted)
    )


def visibility(session: Session, campaign_id: int, name: str | None) -> Visibility:
    """Outside team mode everybody sees every case; in team mode a lead sees all, a reviewer
    the cases assigned to them, anybody else (or an unnamed user) none."""
    who = (name or "").strip()
    role = role_of(session, campaign_id, who)
    if not team_mode(session, campaign_id):
        return Visibility(who, role, False, True, "")
    if role == "lead":
        return Visibility(who, role, True, True, f"{who}（组长）：显示全部案卷。")
    if role == "reviewer":
        return Visibility(who, role, True, False, f"{who}（评查人）：只显示分配给您的案卷。")
    if not who:
        note = "本活动已分工，请先在“评查 → 我的身份…”中填写您的姓名，才能看到分配给您的案卷。"
    else:
        note = f"本活动已分工，{who} 不在评查组中，看不到案卷。请组长把您加入评查组并分配案卷。"
    return Visibility(who, None, True, False, note)


def check_may_score(
    session: Session,
    campaign_id: int,
    case_id: int,
    name: str,
    role: str,
    *,
    actor: str | None = None,
) -> None:
    """Refuse work outside one's part. ``name`` owns the review written to, ``actor`` is the
    person at the machine (None or blank: the owner, as in scripts naming nobody).

    Once a campaign names leads, only they reconcile and sign off (``role`` "final"). In team
    mode a reviewer scores only the cases given to them, and only their own review; a lead
    may correct any review of the campaign (the audit log names the lead)."""
    acting = (actor or "").strip() or name
    acting_role = role_of(session, campaign_id, acting)
    if role == "final":
        has_leads = session.scalar(
            select(CampaignMember.id).where(
                CampaignMember.campaign_id == campaign_id, CampaignMember.role == "lead"
            )
        )
        if has_leads is not None and acting_role != "lead":
            leads = "、".join(settings_of(session, campaign_id)["leads"])
            raise UserError(
                f"只有本活动的组长（{leads}）可以合并评分和签字确认，{acting} 不是组长。"
            )
        return
    if not team_mode(session, campaign_id) or acting_role == "lead":
        return
    if acting != name:
        raise UserError(
            f"本活动已分工，{acting} 不能修改 {name} 的评分：评查人只评分给自己的案卷。"
        )
    assigned = session.scalar(
        select(CaseAssignment.id)
        .join(CampaignCase, CaseAssignment.campaign_case_id == CampaignCase.id)
        .join(Reviewer, CaseAssignment.reviewer_id == Reviewer.id)
        .where(
            CampaignCase.campaign_id == campaign_id,
            CampaignCase.case_file_id == case_id,
            Reviewer.name == name,
        )
    )
    if assigned is None:
        raise UserError(f"案卷 {case_id} 没有分配给 {name}，不能评分。请组长在“分工”中分配。")


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


def _snapshot(campaign: Campaign) -> dict[str, Any]:
    return {
        "name": campaign.name,
        "kind": campaign.kind,
        "period": campaign.period,
        "double_review": campaign.double_review,
        "seed": campaign.seed,
    }


class CampaignService:
    """Campaign use cases; ``who`` is written to the audit log for every change."""

    def __init__(self, db: Database, checklists: Any = None, who: Identity | str = "") -> None:
        self.db = db
        self.checklists = checklists  # a ChecklistService: used to sync bundled checklists
        self.identity = as_identity(who)

    @property
    def who(self) -> str:
        """Who the audit log names, read at call time from the shared identity."""
        return self.identity.actor

    # ------------------------------------------------------------- create / read
    def create(
        self,
        name: str,
        kind: str,
        period: str,
        *,
        departments: Sequence[str] = (),
        checklists: Sequence[str] = (),
        double_review: bool = False,
        reviewers: Sequence[str] = (),
        leads: Sequence[str] = (),
        who: str | None = None,
    ) -> CampaignInfo:
        """A new campaign. ``checklists`` are ``id`` or ``id@version`` (default: the bundled
        penalty and coercion checklists, latest version). ``reviewers`` and ``leads`` form
        its review group (a person is one or the other)."""
        name = (name or "").strip()
        if not name:
            raise UserError("评查活动名称不能为空。")
        if kind not in KIND_LABELS:
            raise UserError(
                f"评查类型应为 selfreview（自评）或 spotcheck（抽查），而不是“{kind}”。"
            )
        normalised = normalise_period(period)
        scope = _unique(departments)
        names, lead_names = team_names(reviewers, leads)
        with self.db.session() as session:
            rows = self._checklist_rows(session, list(checklists) or list(DEFAULT_CHECKLISTS))
            campaign = Campaign(
                name=name, kind=kind, period=normalised, double_review=bool(double_review)
            )
            session.add(campaign)
            session.flush()
            for row in rows:
                session.add(CampaignChecklist(campaign_id=campaign.id, checklist_version_id=row.id))
            for position, department in enumerate(scope):
                dept = repositories.get_or_create_department(session, department)
                session.add(
                    CampaignDepartment(
                        campaign_id=campaign.id, department_id=dept.id, position=position
                    )
                )
            add_members(session, campaign, names, lead_names)
            after = {
                **_snapshot(campaign),
                "departments": scope,
                "reviewers": names,
                "leads": lead_names,
                "checklists": [f"{r.checklist_id}@{r.version}" for r in rows],
            }
            audit.record(session, who or self.who, "campaign", campaign.id, "create", None, after)
            campaign_id = campaign.id
        return self.show(campaign_id)

    def _checklist_rows(self, session: Session, specs: list[str]) -> list[Checklist]:
        rows: list[Checklist] = []
        for spec in specs:
            checklist_id, _, version = spec.partition("@")
            row = repositories.get_checklist(session, checklist_id.strip(), version.strip() or None)
            if row is None and self.checklists is not None and not version:
                self.checklists.sync_bundled()
                row = repositories.get_checklist(session, checklist_id.strip())
            if row is None:
                raise NotFoundError(f"没有找到评查标准 {spec}，请先导入或同步评查标准。")
            if any(r.kind == row.kind for r in rows):
                raise UserError(f"评查活动对同一案件类型只能固定一个评查标准版本（{spec}）。")
            rows.append(row)
        return rows

    def list(self) -> list[CampaignInfo]:
        with self.db.session() as session:
            ids = session.scalars(select(Campaign.id).order_by(Campaign.id)).all()
            return [self._info(session, get_campaign(session, i)) for i in ids]

    def show(self, campaign_id: int) -> CampaignInfo:
        with self.db.session() as session:
            return self._info(session, get_campaign(session, campaign_id))

    def _info(self, session: Session, campaign: Campaign) -> CampaignInfo:
        settings = settings_of(session, campaign.id)
        entries = campaign.cases
        return CampaignInfo(
            id=campaign.id,
            name=campaign.name,
            kind=campaign.kind,
            period=campaign.period,
            double_review=campaign.double_review,
            seed=campaign.seed,
            departments=settings["departments"],
            reviewers=settings["reviewers"],
            leads=settings["leads"],
            team_mode=team_mode(session, campaign.id),
            checklists=[
                {
                    "id": c.checklist.checklist_id,
                    "version": c.checklist.version,
                    "kind": c.checklist.kind,
                }
                for c in campaign.checklists
            ],
            cases=sum(1 for e in entries if in_sample(e)),
            catalogue_rows=sum(1 for e in entries if isinstance(e.catalogue_row, dict)),
        )

    def cases(
        self, campaign_id: int, *, include_catalogue: bool = False, viewer: str | None = None
    ) -> list[CaseEntry]:
        """The sampled cases (with ``include_catalogue`` every catalogue row too). With a
        ``viewer``, what that person may see: in team mode a reviewer gets only the cases
        assigned to them and someone outside the review group gets none; a lead gets all."""
        with self.db.session() as session:
            get_campaign(session, campaign_id)
            self._link(session, campaign_id)
            entries = session.scalars(
                select(CampaignCase)
                .where(CampaignCase.campaign_id == campaign_id)
                .order_by(CampaignCase.id)
            ).all()
            shown = [case_entry(e) for e in entries if include_catalogue or in_sample(e)]
            if viewer is None:
                return shown
            scope = visibility(session, campaign_id, viewer)
            if scope.sees_all:
                return shown
            return [e for e in shown if scope.name in e.reviewers]

    # ------------------------------------------------------------- catalogue
    def import_catalogue(
        self,
        campaign_id: int,
        path: Path,
        *,
        sheet: str | None = None,
        columns: dict[str, str | int | None] | None = None,
        who: str | None = None,
        header_row: int | None = None,
    ) -> CatalogueImport:
        """Read a 案件台账 into the campaign. Rows not yet in the sample are replaced; rows
        already drawn keep their place and get the new cells."""
        table = catalogue_mod.read_catalogue(Path(path), sheet, columns, header_row)
        with self.db.session() as session:
            get_campaign(session, campaign_id)
            entries = session.scalars(
                select(CampaignCase).where(CampaignCase.campaign_id == campaign_id)
            ).all()
            kept: dict[str, CampaignCase] = {}
            for entry in entries:
                if isinstance(entry.catalogue_row, dict) and not in_sample(entry):
                    session.delete(entry)
                else:
                    kept[catalogue_mod.normalise_case_no(entry_case_no(entry))] = entry
            session.flush()
            for row in table.rows:
                fields = {k: v for k, v in row.items() if k != "row"}
                key = catalogue_mod.normalise_case_no(fields["case_no"])
                department = None
                if fields.get("department"):
                    department = repositories.get_or_create_department(
                        session, str(fields["department"])
                    )
                existing = kept.get(key)
                if existing is not None:
                    existing.catalogue_row = {
                        "fields": fields,
                        "sheet_row": row["row"],
                        "in_sample": True,
                    }
                    if department is not None:
                        existing.department_id = department.id
                    continue
                session.add(
                    CampaignCase(
                        campaign_id=campaign_id,
                        department_id=department.id if department else None,
                        catalogue_row={
                            "fields": fields,
                            "sheet_row": row["row"],
                            "in_sample": False,
                        },
                        drawn_by="random",
                    )
                )
            session.flush()
            linked = self._link(session, campaign_id)
            mapping = {
                role: (table.headers[col] if col is not None else None)
                for role, col in table.mapping.items()
            }
            audit.record(
                session,
                who or self.who,
                "campaign",
                campaign_id,
                "import_catalogue",
                None,
                {"file": Path(path).name, "sheet": table.sheet, "rows": len(table.rows)},
            )
        return CatalogueImport(
            campaign_id,
            table.sheet,
            table.header_row,
            mapping,
            len(table.rows),
            linked,
            table.skipped,
        )

    def link_dossiers(self, campaign_id: int) -> int:
        """Link catalogue rows to dossiers in the library by 案号; returns how many are linked."""
        with self.db.session() as session:
            get_campaign(session, campaign_id)
            return self._link(session, campaign_id)

    @staticmethod
    def _link(session: Session, campaign_id: int) -> int:
        entries = session.scalars(
            select(CampaignCase).where(CampaignCase.campaign_id == campaign_id)
        ).all()
        taken = {e.case_file_id for e in entries if e.case_file_id is not None}
        pending = [
            e for e in entries if e.case_file_id is None and isinstance(e.catalogue_row, dict)
        ]
        if pending:
            by_no: dict[str, int] = {}
            for case_id, case_no in session.execute(
                select(CaseFile.id, CaseFile.case_no)
                .where(CaseFile.case_no.is_not(None), repositories.for_real_work(session))
                .order_by(CaseFile.id)
            ):
                by_no.setdefault(catalogue_mod.normalise_case_no(case_no), case_id)
            for entry in pending:
                case_id = by_no.get(catalogue_mod.normalise_case_no(entry_case_no(entry)))
                if case_id is not None and case_id not in taken:
                    entry.case_file_id = case_id
                    taken.add(case_id)
            session.flush()
        return sum(1 for e in entries if e.case_file_id is not None)

    # ------------------------------------------------------------- sampling
    def sample(
        self, campaign_id: int, per_department: int, seed: int, *, who: str | None = None
    ) -> list[CaseEntry]:
        """Draw ``per_department`` cases at random from each department of the scope.

        From the catalogue if one was imported, else from the library's dossiers of the
        scope's departments. The seed is recorded; the same catalogue and seed always give
        the same draw. A new draw replaces the previous random draw (not manual choices)
        unless one of its cases already has a review."""
        if per_department < 1:
            raise UserError("每个执法单位抽取的案卷数应至少为 1。")
        with self.db.session() as session:
            campaign = get_campaign(session, campaign_id)
            scope = set(settings_of(session, campaign_id)["departments"])
            self._link(session, campaign_id)
            entries = list(
                session.scalars(
                    select(CampaignCase).where(CampaignCase.campaign_id == campaign_id)
                ).all()
            )
            previous = [e for e in entries if e.drawn_by == "random" and in_sample(e)]
            reviewed = {
                cid
                for cid in session.scalars(
                    select(Review.case_file_id).where(Review.campaign_id == campaign_id)
                )
            }
            if any(e.case_file_id in reviewed for e in previous):
                raise UserError("上一次抽取的案卷已经开始评查，不能重新抽取。")
            has_catalogue = any(isinstance(e.catalogue_row, dict) for e in entries)
            for entry in previous:
                if isinstance(entry.catalogue_row, dict):
                    entry.catalogue_row = {**entry.catalogue_row, "in_sample": False}
                else:
                    session.delete(entry)
                    entries.remove(entry)
            session.flush()
            drawn = (
                self._draw_catalogue(session, entries, scope, per_department, seed)
                if has_catalogue
                else self._draw_library(session, campaign_id, entries, scope, per_department, seed)
            )
            before = _snapshot(campaign)
            campaign.seed = seed
            session.flush()
            audit.record(
                session,
                who or self.who,
                "campaign",
                campaign_id,
                "sample",
                before,
                {
                    **_snapshot(campaign),
                    "per_department": per_department,
                    "source": "catalogue" if has_catalogue else "library",
                    "drawn": [entry_case_no(e) or e.case_file_id for e in drawn],
                },
            )
            return [case_entry(e) for e in drawn]

    @staticmethod
    def _draw_catalogue(
        session: Session,
        entries: list[CampaignCase],
        scope: set[str],
        per_department: int,
        seed: int,
    ) -> list[CampaignCase]:
        # Keys are the normalised 案号, so the draw depends on the catalogue, not on row ids.
        pool: dict[str, list[str]] = {}
        by_id: dict[str, CampaignCase] = {}
        for entry in entries:
            if not isinstance(entry.catalogue_row, dict) or in_sample(entry):
                continue
            department = entry_department(entry) or "（未注明执法单位）"
            if scope and department not in scope:
                continue
            key = catalogue_mod.normalise_case_no(entry_case_no(entry))
            by_id[key] = entry
            pool.setdefault(department, []).append(key)
        chosen = sampling.draw(pool, per_department, seed)
        drawn = []
        for department in sorted(chosen):
            for entry_id in chosen[department]:
                entry = by_id[entry_id]
                entry.catalogue_row = {**entry.catalogue_row, "in_sample": True}
                entry.drawn_by = "random"
                drawn.append(entry)
        session.flush()
        return drawn

    @staticmethod
    def _draw_library(
        session: Session,
        campaign_id: int,
        entries: list[CampaignCase],
        scope: set[str],
        per_department: int,
        seed: int,
    ) -> list[CampaignCase]:
        present = {e.case_file_id for e in entries}
        pool: dict[str, list[int]] = {}
        for case_id, department in session.execute(
            select(CaseFile.id, Department.name)
            .outerjoin(Department, CaseFile.department_id == Department.id)
            .where(repositories.for_real_work(session))
        ):
            if case_id in present or department is None or (scope and department not in scope):
                continue
            pool.setdefault(department, []).append(case_id)
        chosen = sampling.draw(pool, per_department, seed)
        drawn = []
        for department in sorted(chosen):
            for case_id in chosen[department]:
                case = session.get(CaseFile, case_id)
                entry = CampaignCase(
                    campaign_id=campaign_id,
                    case_file_id=case_id,
                    department_id=case.department_id if case else None,
                    drawn_by="random",
                )
                session.add(entry)
                drawn.append(entry)
        session.flush()
        return drawn

    def add_cases(
        self, campaign_id: int, case_ids: Iterable[int], *, who: str | None = None
    ) -> list[CaseEntry]:
        """Put library dossiers into the sample by hand (a catalogue row with the same 案号
        is taken into the sample and linked)."""
        ids = list(dict.fromkeys(int(i) for i in case_ids))
        if not ids:
            raise UserError("请给出要加入评查活动的案卷编号。")
        with self.db.session() as session:
            get_campaign(session, campaign_id)
            self._link(session, campaign_id)
            entries = session.scalars(
                select(CampaignCase).where(CampaignCase.campaign_id == campaign_id)
            ).all()
            by_case = {e.case_file_id: e for e in entries if e.case_file_id is not None}
            by_no = {
                catalogue_mod.normalise_case_no(entry_case_no(e)): e
                for e in entries
                if e.case_file_id is None and entry_case_no(e)
            }
            added: list[CampaignCase] = []
            for case_id in ids:
                case = session.get(CaseFile, case_id)
                if case is None:
                    raise NotFoundError(f"案卷库中没有编号为 {case_id} 的案卷。")
                if not repositories.is_used_for_real_work(session, case):
                    raise UserError(
                        f"案卷 {case_id} 是演示案卷，不能加入真实的评查活动"
                        "（演示案卷请在演示库中使用：文件 → 打开演示库）。"
                    )
                entry = by_case.get(case_id) or by_no.get(
                    catalogue_mod.normalise_case_no(case.case_no)
                )
                if entry is None:
                    entry = CampaignCase(
                        campaign_id=campaign_id,
                        case_file_id=case_id,
                        department_id=case.department_id,
                        drawn_by="manual",
                    )
                    session.add(entry)
                else:
                    if entry.case_file_id is None:
                        entry.case_file_id = case_id
                    if isinstance(entry.catalogue_row, dict) and not in_sample(entry):
                        entry.catalogue_row = {**entry.catalogue_row, "in_sample": True}
                        entry.drawn_by = "manual"
                    if entry.department_id is None:
                        entry.department_id = case.department_id
                added.append(entry)
            session.flush()
            audit.record(
                session, who or self.who, "campaign", campaign_id, "add_cases", None, {"cases": ids}
            )
            return [case_entry(e) for e in added]
