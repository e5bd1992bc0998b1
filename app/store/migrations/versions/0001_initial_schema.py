"""Initial schema: every table of the first release, written out explicitly.

A released revision is never edited: change the schema in a new revision (SQLite needs
``op.batch_alter_table`` for most changes; constraint names follow the naming convention).

Revision ID: 0001
Revises:
Create Date: 2026-11-23 13:07:59.571796
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("who", sa.String(length=100), nullable=False),
        sa.Column("entity", sa.String(length=50), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=30), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_index(op.f("ix_audit_log_at"), "audit_log", ["at"])
    op.create_index(op.f("ix_audit_log_entity_entity_id"), "audit_log", ["entity", "entity_id"])

    op.create_table(
        "campaigns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("period", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("double_review", sa.Boolean(), nullable=False),
        sa.Column("seed", sa.BigInteger(), nullable=True),
        sa.CheckConstraint("kind IN ('selfreview', 'spotcheck')", name=op.f("ck_campaigns_kind")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaigns")),
    )
    op.create_index(op.f("ix_campaigns_period"), "campaigns", ["period"])

    op.create_table(
        "checklists",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("checklist_id", sa.String(length=100), nullable=False),
        sa.Column("version", sa.String(length=50), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("province", sa.String(length=50), nullable=True),
        sa.Column("effective_date", sa.Date(), nullable=True),
        sa.Column("total_points", sa.Float(), nullable=False),
        sa.Column("definition", sa.Text(), nullable=False),
        sa.Column("origin", sa.String(length=10), nullable=False),
        sa.Column("stored_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("origin IN ('bundled', 'imported')", name=op.f("ck_checklists_origin")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checklists")),
        sa.UniqueConstraint(
            "checklist_id", "version", name=op.f("uq_checklists_checklist_id_version")
        ),
    )
    op.create_table(
        "departments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("short_name", sa.String(length=50), nullable=True),
        sa.Column("organ_kind", sa.String(length=50), nullable=True),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["departments.id"],
            name=op.f("fk_departments_parent_id_departments"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_departments")),
        sa.UniqueConstraint("name", name=op.f("uq_departments_name")),
    )
    op.create_index(op.f("ix_departments_parent_id"), "departments", ["parent_id"])

    op.create_table(
        "issued_numbers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("letter_kind", sa.String(length=10), nullable=False),
        sa.Column("organ_code", sa.String(length=50), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("number_text", sa.String(length=100), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "letter_kind IN ('opinion', 'decision')", name=op.f("ck_issued_numbers_letter_kind")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_issued_numbers")),
        sa.UniqueConstraint(
            "letter_kind",
            "organ_code",
            "year",
            "seq",
            name=op.f("uq_issued_numbers_letter_kind_organ_code_year_seq"),
        ),
        sa.UniqueConstraint("number_text", name=op.f("uq_issued_numbers_number_text")),
    )
    op.create_table(
        "letter_sequences",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("letter_kind", sa.String(length=10), nullable=False),
        sa.Column("organ_code", sa.String(length=50), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("next_number", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "letter_kind IN ('opinion', 'decision')", name=op.f("ck_letter_sequences_letter_kind")
        ),
        sa.CheckConstraint("next_number >= 1", name=op.f("ck_letter_sequences_next_number")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter_sequences")),
        sa.UniqueConstraint(
            "letter_kind",
            "organ_code",
            "year",
            name=op.f("uq_letter_sequences_letter_kind_organ_code_year"),
        ),
    )
    op.create_table(
        "reviewers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reviewers")),
        sa.UniqueConstraint("name", name=op.f("uq_reviewers_name")),
    )
    op.create_table(
        "campaign_checklists",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("checklist_version_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_campaign_checklists_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["checklist_version_id"],
            ["checklists.id"],
            name=op.f("fk_campaign_checklists_checklist_version_id_checklists"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign_checklists")),
        sa.UniqueConstraint(
            "campaign_id",
            "checklist_version_id",
            name=op.f("uq_campaign_checklists_campaign_id_checklist_version_id"),
        ),
    )
    op.create_index(
        op.f("ix_campaign_checklists_checklist_version_id"),
        "campaign_checklists",
        ["checklist_version_id"],
    )

    op.create_table(
        "case_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("original_name", sa.String(length=500), nullable=False),
        sa.Column("stored_path", sa.String(length=1000), nullable=False),
        sa.Column("source_kind", sa.String(length=10), nullable=False),
        sa.Column("page_count", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=10), nullable=True),
        sa.Column("case_no", sa.String(length=100), nullable=True),
        sa.Column("party", sa.String(length=200), nullable=True),
        sa.Column("cause", sa.String(length=500), nullable=True),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("demo", sa.Boolean(), nullable=False),
        sa.CheckConstraint("kind IN ('penalty', 'coercion')", name=op.f("ck_case_files_kind")),
        sa.CheckConstraint(
            "source_kind IN ('pdf', 'images', 'tiff')", name=op.f("ck_case_files_source_kind")
        ),
        sa.CheckConstraint("page_count >= 0", name=op.f("ck_case_files_page_count")),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["departments.id"],
            name=op.f("fk_case_files_department_id_departments"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_files")),
        sa.UniqueConstraint("sha256", name=op.f("uq_case_files_sha256")),
    )
    op.create_index(op.f("ix_case_files_case_no"), "case_files", ["case_no"])
    op.create_index(op.f("ix_case_files_department_id"), "case_files", ["department_id"])

    op.create_table(
        "letters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("number_text", sa.String(length=100), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=True),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("file_path", sa.String(length=1000), nullable=True),
        sa.Column("follows_letter_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('opinion', 'decision')", name=op.f("ck_letters_kind")),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_letters_campaign_id_campaigns"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["departments.id"],
            name=op.f("fk_letters_department_id_departments"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["follows_letter_id"],
            ["letters.id"],
            name=op.f("fk_letters_follows_letter_id_letters"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letters")),
        sa.UniqueConstraint("number_text", name=op.f("uq_letters_number_text")),
    )
    op.create_index(op.f("ix_letters_campaign_id"), "letters", ["campaign_id"])
    op.create_index(op.f("ix_letters_department_id"), "letters", ["department_id"])
    op.create_index(op.f("ix_letters_follows_letter_id"), "letters", ["follows_letter_id"])

    op.create_table(
        "officers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("certificate_no", sa.String(length=64), nullable=False),
        sa.Column("enforcement_category", sa.String(length=100), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("department_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "valid_to IS NULL OR valid_from IS NULL OR valid_from <= valid_to",
            name=op.f("ck_officers_validity"),
        ),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["departments.id"],
            name=op.f("fk_officers_department_id_departments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_officers")),
    )
    op.create_index(op.f("ix_officers_certificate_no"), "officers", ["certificate_no"])
    op.create_index(op.f("ix_officers_department_id"), "officers", ["department_id"])
    op.create_index(op.f("ix_officers_name"), "officers", ["name"])

    op.create_table(
        "campaign_cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("case_file_id", sa.Integer(), nullable=True),
        sa.Column("department_id", sa.Integer(), nullable=True),
        sa.Column("catalogue_row", sa.JSON(), nullable=True),
        sa.Column("drawn_by", sa.String(length=10), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "drawn_by IN ('random', 'manual')", name=op.f("ck_campaign_cases_drawn_by")
        ),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_campaign_cases_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["case_file_id"],
            ["case_files.id"],
            name=op.f("fk_campaign_cases_case_file_id_case_files"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["departments.id"],
            name=op.f("fk_campaign_cases_department_id_departments"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign_cases")),
        sa.UniqueConstraint(
            "campaign_id", "case_file_id", name=op.f("uq_campaign_cases_campaign_id_case_file_id")
        ),
    )
    op.create_index(op.f("ix_campaign_cases_case_file_id"), "campaign_cases", ["case_file_id"])
    op.create_index(op.f("ix_campaign_cases_department_id"), "campaign_cases", ["department_id"])

    op.create_table(
        "case_fields",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_file_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.CheckConstraint("source IN ('extracted', 'user')", name=op.f("ck_case_fields_source")),
        sa.ForeignKeyConstraint(
            ["case_file_id"],
            ["case_files.id"],
            name=op.f("fk_case_fields_case_file_id_case_files"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_fields")),
    )
    op.create_index(
        op.f("ix_case_fields_case_file_id_name"), "case_fields", ["case_file_id", "name"]
    )

    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_file_id", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=50), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=True),
        sa.Column("first_page", sa.Integer(), nullable=False),
        sa.Column("last_page", sa.Integer(), nullable=False),
        sa.Column("user_edited", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "first_page >= 1 AND first_page <= last_page", name=op.f("ck_documents_page_range")
        ),
        sa.ForeignKeyConstraint(
            ["case_file_id"],
            ["case_files.id"],
            name=op.f("fk_documents_case_file_id_case_files"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
    )
    op.create_index(
        op.f("ix_documents_case_file_id_first_page"), "documents", ["case_file_id", "first_page"]
    )

    op.create_table(
        "pages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_file_id", sa.Integer(), nullable=False),
        sa.Column("page_index", sa.Integer(), nullable=False),
        sa.Column("rotation", sa.Integer(), nullable=False),
        sa.Column("width", sa.Float(), nullable=True),
        sa.Column("height", sa.Float(), nullable=True),
        sa.Column("has_text_layer", sa.Boolean(), nullable=False),
        sa.Column("ocr_text", sa.Text(), nullable=True),
        sa.Column("ocr_boxes", sa.JSON(), nullable=True),
        sa.Column("ocr_status", sa.String(length=20), nullable=False),
        sa.CheckConstraint("page_index >= 1", name=op.f("ck_pages_page_index")),
        sa.CheckConstraint("rotation IN (0, 90, 180, 270)", name=op.f("ck_pages_rotation")),
        sa.ForeignKeyConstraint(
            ["case_file_id"],
            ["case_files.id"],
            name=op.f("fk_pages_case_file_id_case_files"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pages")),
        sa.UniqueConstraint(
            "case_file_id", "page_index", name=op.f("uq_pages_case_file_id_page_index")
        ),
    )
    op.create_table(
        "precheck_suggestions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_file_id", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(length=100), nullable=False),
        sa.Column("item_id", sa.String(length=50), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("pages", sa.JSON(), nullable=True),
        sa.Column("suggested_points", sa.Float(), nullable=True),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("reject_reason", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "state IN ('pending', 'accepted', 'rejected')",
            name=op.f("ck_precheck_suggestions_state"),
        ),
        sa.ForeignKeyConstraint(
            ["case_file_id"],
            ["case_files.id"],
            name=op.f("fk_precheck_suggestions_case_file_id_case_files"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_precheck_suggestions")),
    )
    op.create_index(
        op.f("ix_precheck_suggestions_case_file_id"), "precheck_suggestions", ["case_file_id"]
    )

    op.create_table(
        "rectifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("letter_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("issued_on", sa.Date(), nullable=True),
        sa.Column("replied_on", sa.Date(), nullable=True),
        sa.Column("verified_on", sa.Date(), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["letter_id"],
            ["letters.id"],
            name=op.f("fk_rectifications_letter_id_letters"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rectifications")),
        sa.UniqueConstraint("letter_id", name=op.f("uq_rectifications_letter_id")),
    )
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("case_file_id", sa.Integer(), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("checklist_version_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("signed_off_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("signed_off_by", sa.Integer(), nullable=True),
        sa.CheckConstraint("role IN ('reviewer', 'lead', 'final')", name=op.f("ck_reviews_role")),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_reviews_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["case_file_id"],
            ["case_files.id"],
            name=op.f("fk_reviews_case_file_id_case_files"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["checklist_version_id"],
            ["checklists.id"],
            name=op.f("fk_reviews_checklist_version_id_checklists"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["reviewer_id"],
            ["reviewers.id"],
            name=op.f("fk_reviews_reviewer_id_reviewers"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["signed_off_by"],
            ["reviewers.id"],
            name=op.f("fk_reviews_signed_off_by_reviewers"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reviews")),
        sa.UniqueConstraint(
            "campaign_id",
            "case_file_id",
            "reviewer_id",
            "role",
            name=op.f("uq_reviews_campaign_id_case_file_id_reviewer_id_role"),
        ),
    )
    op.create_index(op.f("ix_reviews_case_file_id"), "reviews", ["case_file_id"])
    op.create_index(op.f("ix_reviews_checklist_version_id"), "reviews", ["checklist_version_id"])
    op.create_index(op.f("ix_reviews_reviewer_id"), "reviews", ["reviewer_id"])
    op.create_index(op.f("ix_reviews_signed_off_by"), "reviews", ["signed_off_by"])

    op.create_table(
        "deductions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.String(length=50), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("points", sa.Float(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("basis", sa.Text(), nullable=True),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("region", sa.JSON(), nullable=True),
        sa.Column("origin", sa.String(length=10), nullable=False),
        sa.Column("suggestion_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("origin IN ('manual', 'precheck')", name=op.f("ck_deductions_origin")),
        sa.CheckConstraint("count >= 1", name=op.f("ck_deductions_count")),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["reviews.id"],
            name=op.f("fk_deductions_review_id_reviews"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["suggestion_id"],
            ["precheck_suggestions.id"],
            name=op.f("fk_deductions_suggestion_id_precheck_suggestions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deductions")),
    )
    op.create_index(op.f("ix_deductions_review_id"), "deductions", ["review_id"])
    op.create_index(op.f("ix_deductions_suggestion_id"), "deductions", ["suggestion_id"])

    op.create_table(
        "rectification_extensions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rectification_id", sa.Integer(), nullable=False),
        sa.Column("previous_deadline", sa.Date(), nullable=True),
        sa.Column("new_deadline", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("granted_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["rectification_id"],
            ["rectifications.id"],
            name=op.f("fk_rectification_extensions_rectification_id_rectifications"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rectification_extensions")),
    )
    op.create_index(
        op.f("ix_rectification_extensions_rectification_id"),
        "rectification_extensions",
        ["rectification_id"],
    )

    op.create_table(
        "rectification_replies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rectification_id", sa.Integer(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("file_path", sa.String(length=1000), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["rectification_id"],
            ["rectifications.id"],
            name=op.f("fk_rectification_replies_rectification_id_rectifications"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rectification_replies")),
    )
    op.create_index(
        op.f("ix_rectification_replies_rectification_id"),
        "rectification_replies",
        ["rectification_id"],
    )

    op.create_table(
        "findings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("deduction_id", sa.Integer(), nullable=True),
        sa.Column("category", sa.String(length=50), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_findings_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["deduction_id"],
            ["deductions.id"],
            name=op.f("fk_findings_deduction_id_deductions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["departments.id"],
            name=op.f("fk_findings_department_id_departments"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_findings")),
    )
    op.create_index(op.f("ix_findings_campaign_id"), "findings", ["campaign_id"])
    op.create_index(op.f("ix_findings_deduction_id"), "findings", ["deduction_id"])
    op.create_index(op.f("ix_findings_department_id"), "findings", ["department_id"])


def downgrade() -> None:
    # Tables go in reverse order of their foreign keys; their indexes go with them.
    op.drop_table("findings")
    op.drop_table("rectification_replies")
    op.drop_table("rectification_extensions")
    op.drop_table("deductions")
    op.drop_table("reviews")
    op.drop_table("rectifications")
    op.drop_table("precheck_suggestions")
    op.drop_table("pages")
    op.drop_table("documents")
    op.drop_table("case_fields")
    op.drop_table("campaign_cases")
    op.drop_table("officers")
    op.drop_table("letters")
    op.drop_table("case_files")
    op.drop_table("campaign_checklists")
    op.drop_table("reviewers")
    op.drop_table("letter_sequences")
    op.drop_table("issued_numbers")
    op.drop_table("departments")
    op.drop_table("checklists")
    op.drop_table("campaigns")
    op.drop_table("audit_log")
