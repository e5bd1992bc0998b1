"""The case catalogue (案件台账) of a campaign: imported from Excel and linked to dossiers by 案号."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.changes import OpResult
from app.review import catalogue as catalogue_mod
from app.review.campaigns.base import CampaignBase
from app.review.campaigns.entries import entry_case_no, in_sample
from app.review.campaigns.records import CatalogueImport, campaign_changed
from app.review.campaigns.scope import get_campaign
from app.store import audit, repositories
from app.store.models import CampaignCase, CaseFile


def link_catalogue(session: Session, campaign_id: int) -> int:
    """Link catalogue rows to dossiers of real work by 案号; returns how many are linked."""
    entries = session.scalars(
        select(CampaignCase).where(CampaignCase.campaign_id == campaign_id)
    ).all()
    taken = {e.case_file_id for e in entries if e.case_file_id is not None}
    pending = [e for e in entries if e.case_file_id is None and isinstance(e.catalogue_row, dict)]
    if pending:
        by_no: dict[str, int] = {}
        for case_id, case_no in session.execute(
            select(CaseFile.id, CaseFile.case_no)
            .where(CaseFile.case_no.is_not(None), repositories.for_real_work(session))
            .order_by(CaseFile.id)
        ):
            by_no.setdefault(catalogue_mod.normalise_case_no(case_no), case_id)
        for entry in pending:
            match = by_no.get(catalogue_mod.normalise_case_no(entry_case_no(entry)))
            if match is not None and match not in taken:
                entry.case_file_id = match
                taken.add(match)
        session.flush()
    return sum(1 for e in entries if e.case_file_id is not None)


class CatalogueImports(CampaignBase):
    """Importing and linking a campaign's catalogue."""

    def import_catalogue(
        self,
        campaign_id: int,
        source: catalogue_mod.CatalogueSheet,
        *,
        who: str | None = None,
    ) -> CatalogueImport:
        """Read a 案件台账 into the campaign. Rows not yet in the sample are replaced; rows
        already drawn keep their place and get the new cells."""
        table = catalogue_mod.read_catalogue(source)
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
            linked = link_catalogue(session, campaign_id)
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
                {"file": source.path.name, "sheet": table.sheet, "rows": len(table.rows)},
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

    def link_dossiers(self, campaign_id: int) -> OpResult[int]:
        """Link catalogue rows to dossiers in the library by 案号 (the value: how many are
        linked)."""
        with self.db.session() as session:
            get_campaign(session, campaign_id)
            return OpResult(link_catalogue(session, campaign_id), campaign_changed(campaign_id))
