"""The sample of a campaign: drawn at random (seed recorded) or chosen by hand."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.changes import OpResult
from app.errors import UserError
from app.review import catalogue as catalogue_mod
from app.review import sampling
from app.review.campaigns.base import CampaignBase
from app.review.campaigns.catalogue_import import link_catalogue
from app.review.campaigns.entries import case_entry, entry_case_no, entry_department, in_sample
from app.review.campaigns.records import CaseEntry, campaign_changed, campaign_snapshot
from app.review.campaigns.scope import get_campaign, settings_of
from app.store import audit, repositories
from app.store.models import CampaignCase, CaseFile, Department, Review


class Sampling(CampaignBase):
    """Drawing cases at random per department and adding cases by hand."""

    def sample(
        self, campaign_id: int, per_department: int, seed: int, *, who: str | None = None
    ) -> OpResult[list[CaseEntry]]:
        """Draw ``per_department`` cases at random from each department of the scope (the
        value: the cases drawn).

        From the catalogue if one was imported, else from the library's dossiers of the
        scope's departments. The seed is recorded; the same catalogue and seed always give
        the same draw. A new draw replaces the previous random draw (not manual choices)
        unless one of its cases already has a review."""
        if per_department < 1:
            raise UserError("每个执法单位抽取的案卷数应至少为 1。")
        with self.db.session() as session:
            campaign = get_campaign(session, campaign_id)
            scope = set(settings_of(session, campaign_id)["departments"])
            link_catalogue(session, campaign_id)
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
            before = campaign_snapshot(campaign)
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
                    **campaign_snapshot(campaign),
                    "per_department": per_department,
                    "source": "catalogue" if has_catalogue else "library",
                    "drawn": [entry_case_no(e) or e.case_file_id for e in drawn],
                },
            )
            return OpResult([case_entry(e) for e in drawn], campaign_changed(campaign_id))

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
                entry.catalogue_row = {**(entry.catalogue_row or {}), "in_sample": True}
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
    ) -> OpResult[list[CaseEntry]]:
        """Put library dossiers into the sample by hand (a catalogue row with the same 案号
        is taken into the sample and linked); the value: the cases added."""
        ids = list(dict.fromkeys(int(i) for i in case_ids))
        if not ids:
            raise UserError("请给出要加入评查活动的案卷编号。")
        with self.db.session() as session:
            get_campaign(session, campaign_id)
            link_catalogue(session, campaign_id)
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
                case = repositories.require_case_file(session, case_id)
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
            return OpResult([case_entry(e) for e in added], campaign_changed(campaign_id))
