"""Stored indicator values (aggregates only: record-level data never enters the database)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Float, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from joinedup.store.db import Base, UtcDateTime, utcnow


class IndicatorLoad(Base):
    """One `metrics compute --load`: where the values came from, who loaded them and when."""

    __tablename__ = "indicator_loads"

    id: Mapped[int] = mapped_column(primary_key=True)
    loaded_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    loaded_by: Mapped[str] = mapped_column(String(320))
    source: Mapped[str] = mapped_column(String(1000))
    engine: Mapped[str] = mapped_column(String(20))
    rows: Mapped[int] = mapped_column(Integer)
    replaced: Mapped[int] = mapped_column(Integer)


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
