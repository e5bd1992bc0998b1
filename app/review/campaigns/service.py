"""Campaign use cases: creating and reading campaigns and their cases."""

from __future__ import annotations

import builtins
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import NotFoundError, UserError
from app.review.campaigns.catalogue_import import CatalogueImports, link_catalogue
from app.review.campaigns.draw import Sampling
from app.review.campaigns.entries import case_entry, in_sample
from app.review.campaigns.periods import KIND_LABELS, normalise_period
from app.review.campaigns.records import CampaignInfo, CaseEntry, campaign_snapshot
from app.review.campaigns.scope import (
    add_members,
    get_campaign,
    settings_of,
    team_names,
    unique_names,
)
from app.review.campaigns.visibility import team_mode, visibility
from app.same_named import same_named
from app.store import audit, repositories
from app.store.models import (
    Campaign,
    CampaignCase,
    CampaignChecklist,
    CampaignDepartment,
    Checklist,
)

DEFAULT_CHECKLISTS = ("penalty-assembled", "coercion-assembled")


class CampaignService(CatalogueImports, Sampling):
    """Campaign use cases; ``who`` is written to the audit log for every change."""

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
        scope = unique_names(departments)
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
                **campaign_snapshot(campaign),
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
        return same_named(
            CampaignInfo,
            campaign,
            departments=settings["departments"],
            reviewers=settings["reviewers"],
            leads=settings["leads"],
            team_mode=team_mode(session, campaign.id),
            checklists=[
                {
                    "id": c.checklist.checklist_id,
                    "name": c.checklist.name,
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
    ) -> builtins.list[CaseEntry]:
        """The sampled cases (with ``include_catalogue`` every catalogue row too). With a
        ``viewer``, what that person may see: in team mode a reviewer gets only the cases
        assigned to them and someone outside the review group gets none; a lead gets all."""
        with self.db.session() as session:
            get_campaign(session, campaign_id)
            link_catalogue(session, campaign_id)
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
