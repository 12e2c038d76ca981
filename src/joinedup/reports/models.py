"""Tables of board reports: the report, its sign-off table, and the snapshot frozen at approval.

A draft keeps its document (the JSON built from the live data) on the report row and can be
rebuilt; approval copies it, with the sign-off table, into an append-only snapshot (database
triggers refuse UPDATE and DELETE), renders it once as PDF and DOCX into append-only rendered
files, and an approved or published report is only ever served from those.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from joinedup.store.db import Base, UtcDateTime, utcnow
from joinedup.store.versioning import versioned


class Report(Base):
    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    area_code: Mapped[str] = mapped_column(ForeignKey("systems.area_code"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # highlight | review
    # The review a review report presents (reviews are another capability: no foreign key).
    review_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    title: Mapped[str] = mapped_column(String(300))
    as_of: Mapped[date] = mapped_column(Date)
    meeting_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    # The board a highlight report goes to (its risk threshold chooses the risks shown) and the
    # data vintage its figures were read from; other capabilities' rows, so no foreign keys.
    board_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    vintage_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    state: Mapped[str] = mapped_column(String(20), default="draft")
    # The draft's document as JSON; rebuilt from live data until approval.
    document: Mapped[str] = mapped_column(Text)
    slug: Mapped[str | None] = mapped_column(String(200), unique=True, nullable=True)
    created_by: Mapped[str] = mapped_column(String(320))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    approved_by: Mapped[str | None] = mapped_column(String(320), nullable=True)
    approved_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    published_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    # why a draft was withdrawn, or which paper superseded it; when, and by whom
    withdrawn_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    withdrawn_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    withdrawn_by: Mapped[str | None] = mapped_column(String(320), nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = versioned(version)


class SignOff(Base):
    """One row of the sign-off table: a contributor or approver, with dates sent and received."""

    __tablename__ = "report_sign_offs"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))  # contributor | approver
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200), default="")
    organisation: Mapped[str] = mapped_column(String(200), default="")
    sent_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    received_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class Snapshot(Base):
    """The approved content, exactly as approved: charts included, never changed afterwards."""

    __tablename__ = "report_snapshots"
    __table_args__ = (UniqueConstraint("report_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"))
    document: Mapped[str] = mapped_column(Text)
    approved_by: Mapped[str] = mapped_column(String(320))
    approved_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class RenderedFile(Base):
    """The approved report in one format, rendered once at approval: every download serves these
    very bytes."""

    __tablename__ = "report_files"
    __table_args__ = (UniqueConstraint("report_id", "format"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"))
    format: Mapped[str] = mapped_column(String(10))  # pdf | docx
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Response(Base):
    """The system's response to a review report, recorded by its lead: append-only, each one
    kept with who recorded it and when."""

    __tablename__ = "report_responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(320))
    recorded_by_name: Mapped[str] = mapped_column(String(200), default="")
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
