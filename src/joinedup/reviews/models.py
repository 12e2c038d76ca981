"""Tables of reviews: frameworks, programmes, reviews, milestones, evidence, findings, scores."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Date,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from joinedup.store.db import Base, UtcDateTime, utcnow
from joinedup.store.versioning import versioned

# Which evidence bears on which finding: many to many, both sides in one review.
finding_evidence = Table(
    "finding_evidence",
    Base.metadata,
    Column("finding_id", ForeignKey("findings.id", ondelete="CASCADE"), primary_key=True),
    Column("evidence_id", ForeignKey("evidence_items.id", ondelete="CASCADE"), primary_key=True),
)


class Framework(Base):
    """A review framework as data: its questions, themes, scoring and milestone template."""

    __tablename__ = "review_frameworks"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Programme(Base):
    """A set of reviews run together, for example "Local system reviews 2017-18"."""

    __tablename__ = "review_programmes"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    framework_key: Mapped[str] = mapped_column(ForeignKey("review_frameworks.key"))
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = versioned(version)
    reviews: Mapped[list[Review]] = relationship(back_populates="programme", order_by="Review.id")


class Review(Base):
    """One review of one system, within a programme."""

    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("review_programmes.id"), index=True)
    area_code: Mapped[str] = mapped_column(ForeignKey("systems.area_code"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(30), default="planned")
    title: Mapped[str] = mapped_column(String(200))
    team: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    follow_up_of_id: Mapped[int | None] = mapped_column(ForeignKey("reviews.id"), nullable=True)
    # the saved ranking run that selected the review (its rank and period are read from it)
    ranking_run_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    report_state: Mapped[str] = mapped_column(String(20), default="draft")
    report_summary: Mapped[str] = mapped_column(Text, default="")
    # why a review started in error was withdrawn (its audit rows keep who and when)
    withdrawn_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    published_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = versioned(version)

    programme: Mapped[Programme] = relationship(back_populates="reviews")
    milestones: Mapped[list[Milestone]] = relationship(
        back_populates="review", order_by="Milestone.position", cascade="all, delete-orphan"
    )
    evidence: Mapped[list[EvidenceItem]] = relationship(
        back_populates="review", order_by="EvidenceItem.id", cascade="all, delete-orphan"
    )
    findings: Mapped[list[Finding]] = relationship(
        back_populates="review", order_by="Finding.id", cascade="all, delete-orphan"
    )
    scores: Mapped[list[StatementScore]] = relationship(
        back_populates="review",
        order_by="StatementScore.statement_id",
        cascade="all, delete-orphan",
    )
    summit: Mapped[Summit | None] = relationship(
        back_populates="review", cascade="all, delete-orphan", uselist=False
    )


class Milestone(Base):
    """A step of a review with its planned date and, once done, its actual date."""

    __tablename__ = "review_milestones"
    __table_args__ = (UniqueConstraint("review_id", "key", name="uq_review_milestones_review_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(60))
    label: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer)
    planned_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    actual_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = versioned(version)
    review: Mapped[Review] = relationship(back_populates="milestones")


class EvidenceItem(Base):
    """One piece of evidence gathered by the review team."""

    __tablename__ = "evidence_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    gathered_on: Mapped[date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(300))
    questions: Mapped[list[str]] = mapped_column(JSON, default=list)
    summary: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = versioned(version)
    review: Mapped[Review] = relationship(back_populates="evidence")
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="evidence", order_by="Attachment.id", cascade="all, delete-orphan"
    )


class Attachment(Base):
    """A file attached to evidence; stored under a random name, never the one uploaded."""

    __tablename__ = "evidence_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    evidence_id: Mapped[int] = mapped_column(
        ForeignKey("evidence_items.id", ondelete="CASCADE"), index=True
    )
    original_name: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(80), unique=True)
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    evidence: Mapped[EvidenceItem] = relationship(back_populates="attachments")


class Finding(Base):
    """What a review found: working well, an area for improvement or of future focus."""

    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    key_question: Mapped[str] = mapped_column(String(60))
    theme: Mapped[str] = mapped_column(String(200))  # the system's own word for it, if any
    # one of the framework's national themes: what the national picture counts by
    national_theme: Mapped[str] = mapped_column(String(60), default="", server_default="")
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = versioned(version)
    review: Mapped[Review] = relationship(back_populates="findings")
    evidence: Mapped[list[EvidenceItem]] = relationship(
        secondary=finding_evidence, order_by="EvidenceItem.id"
    )

    @property
    def area_code(self) -> str:
        return self.review.area_code


class StatementScore(Base):
    """A quality statement's score (1-4) where the framework scores."""

    __tablename__ = "statement_scores"
    __table_args__ = (
        UniqueConstraint("review_id", "statement_id", name="uq_statement_scores_review_statement"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"), index=True)
    statement_id: Mapped[str] = mapped_column(String(60))
    score: Mapped[int] = mapped_column(Integer)
    rationale: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = versioned(version)
    review: Mapped[Review] = relationship(back_populates="scores")


class Summit(Base):
    """The meeting that closes a review: when it was held, who chaired it, who came, and the
    sections of the improvement plan agreed there, each with the group responsible for it."""

    __tablename__ = "review_summits"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(
        ForeignKey("reviews.id", ondelete="CASCADE"), unique=True
    )
    held_on: Mapped[date] = mapped_column(Date)
    chair_name: Mapped[str] = mapped_column(String(200))
    chair_role: Mapped[str] = mapped_column(String(200), default="")
    # [{"name", "role", "organisation"}] and [{"title", "responsible_group"}], in order
    attendees: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    sections: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = versioned(version)
    review: Mapped[Review] = relationship(back_populates="summit")
