"""Data vintages: each load of indicator values, what it revised, and what was known on a day.

A load is a vintage (``IndicatorLoad``): the source folder's checksum, the day its figures count
as known, who loaded them, which periods and indicators. A figure loaded again keeps its earlier
value as superseded, so a reading "as at" a day takes, figure by figure, the latest vintage known
by then: May's figures loaded on 20 June are absent from a paper as at 31 May.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from joinedup.access.rules import Principal
from joinedup.errors import NotFound
from joinedup.metrics.models import IndicatorLoad, IndicatorValue, SupersededValue
from joinedup.metrics.queries import may_see_area
from joinedup.metrics.stored import NUMBERS, StoredValue

Figure = tuple[str, str, date, date]  # area, indicator, period start, period end
_KEY = ("area_code", "indicator", "period_start", "period_end")


@dataclass(frozen=True)
class Vintage:
    id: int
    loaded_on: date
    loaded_by: str
    source: str
    checksum: str
    first_period: date | None
    last_period: date | None
    indicators: tuple[str, ...]
    rows: int
    replaced: int


@dataclass(frozen=True)
class Revision:
    """One figure a vintage changed: its value before and after."""

    area_code: str
    indicator: str
    period_start: date
    period_end: date
    before: float | None
    after: float | None

    @property
    def change(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


def folder_checksum(folder: Path) -> str:
    """SHA-256 over the folder's files (relative names and contents, in name order), so two
    loads of the same files have the same checksum and any changed byte gives another."""
    digest = hashlib.sha256()
    files = sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else [folder]
    for path in files:
        name = path.relative_to(folder) if folder.is_dir() else Path(path.name)
        digest.update(str(name.as_posix()).encode() + b"\0")
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        digest.update(b"\0")
    return digest.hexdigest()


def _vintage(load: IndicatorLoad) -> Vintage:
    return Vintage(
        load.id,
        load.loaded_on,
        load.loaded_by,
        load.source,
        load.checksum,
        load.first_period,
        load.last_period,
        tuple(i for i in load.indicators.split(",") if i),
        load.rows,
        load.replaced,
    )


def list_vintages(session: Session) -> list[Vintage]:
    """Every vintage, oldest first."""
    query = select(IndicatorLoad).order_by(IndicatorLoad.loaded_on, IndicatorLoad.id)
    return [_vintage(load) for load in session.scalars(query)]


def latest_vintage_id(session: Session) -> int | None:
    """The newest vintage (what the current values were last changed by), if any is loaded."""
    return session.scalar(select(IndicatorLoad.id).order_by(IndicatorLoad.id.desc()).limit(1))


def get_vintage(session: Session, *, vintage_id: int) -> Vintage:
    load = session.get(IndicatorLoad, vintage_id)
    if load is None:
        raise NotFound(f"no vintage {vintage_id} is loaded")
    return _vintage(load)


def vintage_known_on(session: Session, *, on: date) -> int | None:
    """The latest vintage loaded on or before ``on`` (what a run made that day read), if any."""
    return session.scalar(
        select(IndicatorLoad.id)
        .where(IndicatorLoad.loaded_on <= on)
        .order_by(IndicatorLoad.loaded_on.desc(), IndicatorLoad.id.desc())
        .limit(1)
    )


def revisions(session: Session, *, vintage_id: int) -> list[Revision]:
    """The figures vintage ``vintage_id`` changed, with the value each had before it (the
    figures it loaded again unchanged are left out)."""
    if session.get(IndicatorLoad, vintage_id) is None:
        raise NotFound(f"no vintage {vintage_id} is loaded")
    before = {
        _figure(row): row.value
        for row in session.scalars(
            select(SupersededValue).where(SupersededValue.superseded_by == vintage_id)
        )
    }
    after: dict[Figure, float | None] = {}
    for model in (IndicatorValue, SupersededValue):
        rows = session.execute(
            select(model.area_code, model.indicator, model.period_start, model.period_end)
            .add_columns(model.value)
            .where(model.load_id == vintage_id)
        )
        for area, name, start, end, value in rows:
            if (area, name, start, end) in before:
                after[(area, name, start, end)] = value
    return [
        Revision(*figure, before[figure], after.get(figure))
        for figure in sorted(before)
        if not _same(before[figure], after.get(figure))
    ]


def values_known_on(
    session: Session, *, actor: Principal, area_code: str, months: int, on: date
) -> list[StoredValue]:
    """The area's (or England's) values of one period length as known on ``on``: for each
    figure, the value of the latest vintage loaded by then; figures first loaded later are
    absent."""
    if not may_see_area(actor, area_code):
        raise NotFound(f"{area_code!r} is not a known area code")
    known = dict(
        session.execute(
            select(IndicatorLoad.id, IndicatorLoad.loaded_on).where(IndicatorLoad.loaded_on <= on)
        ).all()
    )
    chosen: dict[Figure, tuple[tuple[date, int], StoredValue]] = {}
    for model in (IndicatorValue, SupersededValue):
        query = select(model.load_id, *(getattr(model, c) for c in (*_KEY, *NUMBERS))).where(
            model.area_code == area_code, (model.months + 0) == months
        )
        for load_id, *fields in session.execute(query):
            if load_id not in known:
                continue
            value = StoredValue(*fields)
            figure = (value.area_code, value.indicator, value.period_start, value.period_end)
            order = (known[load_id], load_id)
            if figure not in chosen or chosen[figure][0] < order:
                chosen[figure] = (order, value)
    return [chosen[f][1] for f in sorted(chosen)]


def _figure(row: IndicatorValue | SupersededValue) -> Figure:
    return (row.area_code, row.indicator, row.period_start, row.period_end)


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
