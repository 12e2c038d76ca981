"""Stored indicator values (aggregates only: record-level data never enters the database)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Float, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from joinedup.store.db import Base, UtcDateTime, utcnow


class IndicatorLoad(Base):
    """One `metrics compute --load`, a vintage: where the values came from (with the source
    folder's checksum), who loaded them, when, and which periods and indicators it holds."""

    __tablename__ = "indicator_loads"

    id: Mapped[int] = mapped_column(primary_key=True)
    loaded_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    loaded_by: Mapped[str] = mapped_column(String(320))
    source: Mapped[str] = mapped_column(String(1000))
    engine: Mapped[str] = mapped_column(String(20))
    rows: Mapped[int] = mapped_column(Integer)
    replaced: Mapped[int] = mapped_column(Integer)
    # The day its figures count as known ("as at" readings): the clock's, or a demo's story date.
    loaded_on: Mapped[date] = mapped_column(Date)
    checksum: Mapped[str] = mapped_column(String(64), default="")  # SHA-256 of the folder
    first_period: Mapped[date | None] = mapped_column(Date, nullable=True)
    last_period: Mapped[date | None] = mapped_column(Date, nullable=True)  # latest period end
    indicators: Mapped[str] = mapped_column(String(4000), default="")  # comma-separated ids


class IndicatorValue(Base):
    __tablename__ = "indicator_values"
    __table_args__ = (
        UniqueConstraint("area_code", "indicator", "period_start", "period_end"),
        Index("ix_indicator_values_period", "months", "period_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    load_id: Mapped[int] = mapped_column(ForeignKey("indicator_loads.id"), index=True)
    area_code: Mapped[str] = mapped_column(String(9), index=True)
    indicator: Mapped[str] = mapped_column(String(60))
    months: Mapped[int] = mapped_column(Integer)  # 1 month, 3 quarter, 12 year or rolling year
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    numerator: Mapped[float | None] = mapped_column(Float, nullable=True)
    denominator: Mapped[float | None] = mapped_column(Float, nullable=True)
    value: Mapped[float | None] = mapped_column(Float, nullable=True)
    lower_95: Mapped[float | None] = mapped_column(Float, nullable=True)
    upper_95: Mapped[float | None] = mapped_column(Float, nullable=True)
    lower_998: Mapped[float | None] = mapped_column(Float, nullable=True)
    upper_998: Mapped[float | None] = mapped_column(Float, nullable=True)


class SupersededValue(Base):
    """A value a later vintage replaced, kept with the vintage it came from (append-only), so
    that revisions can be listed and a reading "as at" a day gives what was known then."""

    __tablename__ = "superseded_indicator_values"
    __table_args__ = (Index("ix_superseded_indicator_values_figure", "area_code", "months"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    load_id: Mapped[int] = mapped_column(ForeignKey("indicator_loads.id"))
    superseded_by: Mapped[int] = mapped_column(ForeignKey("indicator_loads.id"), index=True)
    area_code: Mapped[str] = mapped_column(String(9))
    indicator: Mapped[str] = mapped_column(String(60))
    months: Mapped[int] = mapped_column(Integer)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    numerator: Mapped[float | None] = mapped_column(Float, nullable=True)
    denominator: Mapped[float | None] = mapped_column(Float, nullable=True)
    value: Mapped[float | None] = mapped_column(Float, nullable=True)
    lower_95: Mapped[float | None] = mapped_column(Float, nullable=True)
    upper_95: Mapped[float | None] = mapped_column(Float, nullable=True)
    lower_998: Mapped[float | None] = mapped_column(Float, nullable=True)
    upper_998: Mapped[float | None] = mapped_column(Float, nullable=True)
