"""Tables of evaluation frameworks: a system's framework, its parts, KPIs and KPI values.

KPI values are append-only (database triggers refuse UPDATE and DELETE): correcting a value
adds a new row for the same period with the next version, so every earlier figure, who entered
it and when stays on record. The current value of a period is its highest version.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from joinedup.store.db import Base, UtcDateTime, utcnow
from joinedup.store.versioning import versioned


class Framework(Base):
    """A system's evaluation framework, as agreed by its Health and Wellbeing Board."""

    __tablename__ = "monitoring_frameworks"

    id: Mapped[int] = mapped_column(primary_key=True)
    area_code: Mapped[str] = mapped_column(ForeignKey("systems.area_code"), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    # When, and by which board, the framework was agreed: papers tell it in their background.
    agreed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    agreed_by: Mapped[str] = mapped_column(String(300), default="", server_default="")
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = versioned(version)


class FrameworkPart(Base):
    """Part 1 (local priorities), Part 2 (the interface dashboard), ..."""

    __tablename__ = "monitoring_parts"
    __table_args__ = (UniqueConstraint("framework_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    framework_id: Mapped[int] = mapped_column(ForeignKey("monitoring_frameworks.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)  # the order, and the digit of its KPI codes
    title: Mapped[str] = mapped_column(String(300))


class Kpi(Base):
    """One measure with its target, polarity, source of values and SPC settings."""

    __tablename__ = "monitoring_kpis"
    __table_args__ = (UniqueConstraint("framework_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    framework_id: Mapped[int] = mapped_column(ForeignKey("monitoring_frameworks.id"), index=True)
    part_id: Mapped[int] = mapped_column(ForeignKey("monitoring_parts.id"), index=True)
    code: Mapped[str] = mapped_column(String(10))  # "1a"
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(300))
    unit: Mapped[str] = mapped_column(String(60), default="")
    polarity: Mapped[str] = mapped_column(String(20))  # higher_is_better, lower_is_better, neutral
    # The target as written ("95% or above"; empty: none) and its parsed form.
    target_text: Mapped[str] = mapped_column(String(100), default="")
    target_comparator: Mapped[str | None] = mapped_column(String(20), nullable=True)
    target_value: Mapped[float | None] = mapped_column(Float, nullable=True)
    target_upper: Mapped[float | None] = mapped_column(Float, nullable=True)
    target_percent: Mapped[bool] = mapped_column(Boolean, default=False)
    # The kind of period the target applies to (basis.Basis): a month, a quarter, a financial
    # year, the financial year to date or a rolling 12 months.
    target_basis: Mapped[str] = mapped_column(String(30), default="month", server_default="month")
    # Months a figure may trail the date it is read at before it is shown out of date.
    expected_lag: Mapped[int] = mapped_column(Integer, default=3, server_default="3")
    # "local": values entered here; "indicator": the stored values of indicator_id.
    source: Mapped[str] = mapped_column(String(20), default="local")
    indicator_id: Mapped[str | None] = mapped_column(String(60), nullable=True)
    indicator_months: Mapped[int] = mapped_column(Integer, default=1)
    screen_outliers: Mapped[bool] = mapped_column(Boolean, default=True)
    fix_after: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # [{"at": "2019-04-01", "reason": "..."}]: limits recalculated from each date, and why.
    rebases: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = versioned(version)


class KpiValue(Base):
    """Append-only: one entry of a KPI's value for a period; the highest version counts."""

    __tablename__ = "monitoring_kpi_values"
    __table_args__ = (
        UniqueConstraint("kpi_id", "period", "version"),
        Index("ix_monitoring_kpi_values_kpi_period", "kpi_id", "period"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kpi_id: Mapped[int] = mapped_column(ForeignKey("monitoring_kpis.id"))
    period: Mapped[date] = mapped_column(Date)  # the period's first day
    value: Mapped[float | None] = mapped_column(Float, nullable=True)  # None: withdrawn
    version: Mapped[int] = mapped_column(Integer)  # 1 for the first entry of the period
    note: Mapped[str] = mapped_column(Text, default="")  # why it was entered or corrected
    source: Mapped[str] = mapped_column(String(200), default="")  # web form, API, file name
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    actor: Mapped[str] = mapped_column(String(320))
