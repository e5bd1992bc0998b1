"""Campaigns (评查活动): creation, the case catalogue, the random draw and manual choice.

A campaign pins its checklist versions (``CampaignChecklist``) and records its seed. The
catalogue (案件台账) is kept as ``CampaignCase`` rows whose ``catalogue_row`` JSON holds the
row's cells and whether the row is in the sample; a case added from the library without a
catalogue has no catalogue JSON and is always in the sample. The scope (``CampaignDepartment``)
and the review group (``CampaignMember``: reviewers and leads) have tables of their own; the
分工 (``CaseAssignment``) puts a campaign in team mode, see :mod:`app.review.team`.

Every mutating call commits in one transaction with its audit entry and returns what changed.

The package's parts: :mod:`.periods`, :mod:`.records` (plain results), :mod:`.scope` (lookup,
departments, review group), :mod:`.visibility` (team mode), :mod:`.entries` (one case of a
campaign), :mod:`.catalogue_import`, :mod:`.draw` (sampling) and :mod:`.service`.
"""

from __future__ import annotations

from app.review.campaigns.catalogue_import import link_catalogue
from app.review.campaigns.entries import (
    case_entry,
    entry_case_no,
    entry_department,
    in_sample,
    resolve_case,
)
from app.review.campaigns.periods import (
    DRAWN_LABELS,
    KIND_LABELS,
    normalise_period,
    period_label,
)
from app.review.campaigns.records import (
    CampaignInfo,
    CaseEntry,
    CatalogueImport,
    campaign_changed,
)
from app.review.campaigns.scope import (
    add_members,
    get_campaign,
    get_or_create_reviewer,
    settings_of,
    team_names,
)
from app.review.campaigns.service import DEFAULT_CHECKLISTS, CampaignService
from app.review.campaigns.visibility import (
    Visibility,
    check_may_score,
    role_of,
    team_mode,
    visibility,
)

__all__ = [
    "DEFAULT_CHECKLISTS",
    "DRAWN_LABELS",
    "KIND_LABELS",
    "CampaignInfo",
    "CampaignService",
    "CaseEntry",
    "CatalogueImport",
    "Visibility",
    "add_members",
    "campaign_changed",
    "case_entry",
    "check_may_score",
    "entry_case_no",
    "entry_department",
    "get_campaign",
    "get_or_create_reviewer",
    "in_sample",
    "link_catalogue",
    "normalise_period",
    "period_label",
    "resolve_case",
    "role_of",
    "settings_of",
    "team_mode",
    "team_names",
    "visibility",
]
