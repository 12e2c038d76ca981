"""Saved ranking runs: every setting and every area's result, so a decision can be traced.

Both tables are append-only (database triggers refuse UPDATE and DELETE): a run records what
was decided on, even if the indicator values are reloaded later.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from joinedup.store.db import Base, UtcDateTime, utcnow


class RankingRun(Base):
    """One named run of the composite ranking of one period, with its settings."""

    __tablename__ = "ranking_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    period_start: Mapped[date] = mapped_column(Date)
    months: Mapped[int] = mapped_column(Integer)  # 1 month, 3 quarter, 12 (rolling) year
    # weights, normalisation, aggregation, missing rule, draws, seed, select, vary, ...
    settings: Mapped[dict[str, Any]] = mapped_column(JSON)
    indicators: Mapped[list[str]] = mapped_column(JSON)
    ran_by: Mapped[str] = mapped_column(String(320))
    ran_by_user_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    ran_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    areas_ranked: Mapped[int] = mapped_column(Integer)
    first_order: Mapped[dict[str, float]] = mapped_column(JSON)
    total_effect: Mapped[dict[str, float]] = mapped_column(JSON)
    most_influential: Mapped[str | None] = mapped_column(String(40), nullable=True)
    # {"rule": ..., "excluded_areas": [...], "missing_cells": [[area, indicator], ...]}
    missing: Mapped[dict[str, Any]] = mapped_column(JSON)
    notes: Mapped[list[str]] = mapped_column(JSON)
    source: Mapped[str] = mapped_column(Text)
    # The metrics vintage (latest load) its values were read from; none for older runs.
    vintage_id: Mapped[int | None] = mapped_column(Integer, nullable=True)

    rows: Mapped[list[RankingRow]] = relationship(
        back_populates="run", order_by="RankingRow.position", lazy="selectin"
    )


class RankingRow(Base):
    """One area's line of a saved run; score and ranks are empty for an excluded area."""

    __tablename__ = "ranking_rows"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("ranking_runs.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # ranked areas best first, then excluded
    area_code: Mapped[str] = mapped_column(String(9))
    area_name: Mapped[str] = mapped_column(String(200))
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    rank: Mapped[int | None] = mapped_column(Integer, nullable=True)
    median_rank: Mapped[int | None] = mapped_column(Integer, nullable=True)
    rank_p05: Mapped[int | None] = mapped_column(Integer, nullable=True)
    rank_p95: Mapped[int | None] = mapped_column(Integer, nullable=True)
    contributions: Mapped[dict[str, float | None]] = mapped_column(JSON)
    selected: Mapped[str | None] = mapped_column(String(20), nullable=True)
    share_in_worst: Mapped[float | None] = mapped_column(Float, nullable=True)
    missing_indicators: Mapped[list[str]] = mapped_column(JSON)

    run: Mapped[RankingRun] = relationship(back_populates="rows")
