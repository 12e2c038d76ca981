"""Areas (ONS upper-tier local authorities) and systems (areas whose partners use Joined Up)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from joinedup.store.db import Base, UtcDateTime, utcnow


class Area(Base):
    __tablename__ = "areas"

    code: Mapped[str] = mapped_column(String(9), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    area_type: Mapped[str] = mapped_column(String(40))
    population_all: Mapped[int] = mapped_column(Integer)
    population_18plus: Mapped[int] = mapped_column(Integer)
    population_65plus: Mapped[int] = mapped_column(Integer)
    population_year: Mapped[int] = mapped_column(Integer)


class System(Base):
    """A local health and care system: one area whose partners use Joined Up."""

    __tablename__ = "systems"

    id: Mapped[int] = mapped_column(primary_key=True)
    area_code: Mapped[str] = mapped_column(ForeignKey("areas.code"), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    partners: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
