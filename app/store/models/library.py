"""The library: departments, their certified officers, imported case files and what was
derived from them (pages, the documents a dossier splits into, extracted facts)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Float,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.store.models.base import Base, UTCDateTime, json_column_type, one_of, utcnow
from app.store.models.links import may_refer_to, owned_children, part_of, refers_to

SOURCE_KINDS = ("pdf", "images", "tiff")
CASE_KINDS = ("penalty", "coercion")
FIELD_SOURCES = ("extracted", "user")
ROTATIONS = (0, 90, 180, 270)

# Free-text status codes (no CHECK, so a new state needs no table rebuild); the
# values the product uses today:
CASE_STATUSES = ("imported", "processing", "ready", "failed")
OCR_STATUSES = ("pending", "done", "skipped", "failed")


class Department(Base):
    """An enforcement organ (执法单位); a 乡镇（街道） may sit under a county department."""

    __tablename__ = "departments"

    name: Mapped[str] = mapped_column(String(200), unique=True)
    short_name: Mapped[str | None] = mapped_column(String(50))
    organ_kind: Mapped[str | None] = mapped_column(String(50))
    parent_id: Mapped[int | None] = may_refer_to("departments")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    parent: Mapped[Department | None] = relationship(
        remote_side="Department.id", back_populates="children"
    )
    children: Mapped[list[Department]] = relationship(back_populates="parent")
    officers: Mapped[list[Officer]] = owned_children("department")


class Officer(Base):
    """A certified enforcement officer (执法人员) from the roster, with the certificate's validity."""

    __tablename__ = "officers"
    __table_args__ = (
        CheckConstraint(
            "valid_to IS NULL OR valid_from IS NULL OR valid_from <= valid_to", name="validity"
        ),
    )

    name: Mapped[str] = mapped_column(String(100), index=True)
    certificate_no: Mapped[str] = mapped_column(String(64), index=True)
    enforcement_category: Mapped[str | None] = mapped_column(String(100))
    # 法律职业资格证书编号 (《行政处罚法》第58条第2款: a first-time 法制审核 reviewer holds one);
    # empty when the roster does not say (rev 0008).
    legal_qualification: Mapped[str | None] = mapped_column(String(64))
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    department_id: Mapped[int | None] = part_of("departments", index=True)

    department: Mapped[Department | None] = relationship(back_populates="officers")


class CaseFile(Base):
    """One imported dossier (案卷). The original lives in the library and is never modified."""

    __tablename__ = "case_files"
    __table_args__ = (
        one_of("source_kind", SOURCE_KINDS),
        one_of("kind", CASE_KINDS),
        CheckConstraint("page_count >= 0", name="page_count"),
    )

    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    original_name: Mapped[str] = mapped_column(String(500))
    stored_path: Mapped[str] = mapped_column(String(1000))
    source_kind: Mapped[str] = mapped_column(String(10))
    page_count: Mapped[int] = mapped_column(Integer, default=0)
    department_id: Mapped[int | None] = refers_to("departments")
    kind: Mapped[str | None] = mapped_column(String(10))
    case_no: Mapped[str | None] = mapped_column(String(100), index=True)
    party: Mapped[str | None] = mapped_column(String(200))
    cause: Mapped[str | None] = mapped_column(String(500))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    status: Mapped[str] = mapped_column(String(20), default="imported")
    demo: Mapped[bool] = mapped_column(Boolean, default=False)

    department: Mapped[Department | None] = relationship()
    pages: Mapped[list[Page]] = owned_children("case_file", order_by="Page.index")
    documents: Mapped[list[Document]] = owned_children("case_file", order_by="Document.first_page")
    fields: Mapped[list[CaseField]] = owned_children("case_file")


class Page(Base):
    """One page of a dossier with its derived data (rotation, OCR text and boxes)."""

    __tablename__ = "pages"
    __table_args__ = (
        UniqueConstraint("case_file_id", "page_index"),
        CheckConstraint("page_index >= 1", name="page_index"),
        CheckConstraint("rotation IN (0, 90, 180, 270)", name="rotation"),
    )

    case_file_id: Mapped[int] = part_of("case_files")
    # 1-based, as a reviewer counts pages.
    index: Mapped[int] = mapped_column("page_index", Integer)
    rotation: Mapped[int] = mapped_column(Integer, default=0)
    width: Mapped[float | None] = mapped_column(Float)
    height: Mapped[float | None] = mapped_column(Float)
    has_text_layer: Mapped[bool] = mapped_column(Boolean, default=False)
    ocr_text: Mapped[str | None] = mapped_column(Text)
    ocr_boxes: Mapped[Any | None] = mapped_column(json_column_type())
    ocr_status: Mapped[str] = mapped_column(String(20), default="pending")

    case_file: Mapped[CaseFile] = relationship(back_populates="pages")


class Document(Base):
    """A document inside a dossier (立案审批表, 处罚决定书 ...) as a page range."""

    __tablename__ = "documents"
    __table_args__ = (
        CheckConstraint("first_page >= 1 AND first_page <= last_page", name="page_range"),
        Index(None, "case_file_id", "first_page"),
    )

    case_file_id: Mapped[int] = part_of("case_files")
    type: Mapped[str] = mapped_column(String(50))
    title: Mapped[str | None] = mapped_column(String(200))
    first_page: Mapped[int] = mapped_column(Integer)
    last_page: Mapped[int] = mapped_column(Integer)
    user_edited: Mapped[bool] = mapped_column(Boolean, default=False)

    case_file: Mapped[CaseFile] = relationship(back_populates="documents")


class CaseField(Base):
    """A fact of the dossier (case number, party, a date...), extracted or set by the user."""

    __tablename__ = "case_fields"
    __table_args__ = (one_of("source", FIELD_SOURCES), Index(None, "case_file_id", "name"))

    case_file_id: Mapped[int] = part_of("case_files")
    name: Mapped[str] = mapped_column(String(50))
    value: Mapped[str | None] = mapped_column(Text)
    page: Mapped[int | None] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(10), default="extracted")
    # Trust (rev 0005; the codes are app.casefiles.facts' CONFIRMED/SINGLE/DOUBTFUL). NULL on
    # rows written before it: read as "single", confidence unknown.
    status: Mapped[str | None] = mapped_column(String(10))
    confidence: Mapped[float | None] = mapped_column(Float)
    # [x0, y0, x1, y1] in PDF points of the unrotated page the value was read from
    region: Mapped[Any | None] = mapped_column(json_column_type())
    # every candidate reading: [{"value", "page", "document", "region", "confidence", "source"}]
    readings: Mapped[Any | None] = mapped_column(json_column_type())

    case_file: Mapped[CaseFile] = relationship(back_populates="fields")
