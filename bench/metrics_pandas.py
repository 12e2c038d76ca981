"""The baseline: a straightforward pandas implementation of the six indicator definitions.

It reads the four tables into data frames and, for each period, selects the records whose date
falls in it and counts them by area (and for England, all records), the way the definitions
read. The 90th percentile uses pandas' ``quantile`` (linear interpolation).
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

ENGLAND = "E92000001"


def month_starts(first: date, last: date) -> list[date]:
    months, current = [], first
    while current <= last:
        months.append(current)
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return months


def month_end(month: date) -> date:
    following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return following - timedelta(days=1)


def periods(first: date, last: date) -> list[tuple[date, date]]:
    months = month_starts(first, last)
    found = [(m, month_end(m)) for m in months]
    found += [(months[i - 11], month_end(months[i])) for i in range(11, len(months))]
    return found


def by_area(
    frame: pd.DataFrame, area: str, areas: list[str], value: str | None = None
) -> pd.Series:
    """Count (or sum ``value``) per area, plus England from every record."""
    if value is None:
        counts = frame.groupby(area, observed=True).size()
        england = len(frame)
    else:
        counts = frame.groupby(area, observed=True)[value].sum()
        england = frame[value].sum()
    series = counts.reindex(areas[1:], fill_value=0).astype(float)
    return pd.concat([pd.Series({ENGLAND: float(england)}), series])


def run(folder: Path, first: date, last: date) -> pa.Table:
    spells = pd.read_parquet(folder / "spells.parquet")
    reablement = pd.read_parquet(folder / "reablement.parquet")
    dtoc = pd.read_parquet(folder / "dtoc.parquet")
    population = pd.read_parquet(folder / "population.parquet")
    for frame, column in ((spells, "resladst_ons"), (reablement, "area_code")):
        frame[column] = frame[column].astype("string")
    areas = [ENGLAND, *sorted(set(population.area_code) - {ENGLAND})]

    admimeth = spells["admimeth"].astype("string")
    disdest = spells["disdest"].astype("string")
    emergency = admimeth.str.startswith("2").fillna(False).astype(bool)
    older = spells["startage"] >= 65
    alive = (disdest != "79").fillna(True).astype(bool)
    admitted = pd.to_datetime(spells["admidate"])
    discharged = pd.to_datetime(spells["disdate"])
    spells["los"] = (discharged - admitted).dt.days
    weekend = discharged.dt.dayofweek >= 5
    reablement_older = reablement["startage"] >= 65
    hospital = pd.to_datetime(reablement["hospital_disdate"])
    known = reablement["at_home_day91"].notna()
    at_home = reablement["at_home_day91"].fillna(False).astype(bool)
    dtoc_month = pd.to_datetime(dtoc["month"] + "-01")

    rows = []
    for start, end in periods(first, last):
        lo, hi = pd.Timestamp(start), pd.Timestamp(end)
        admitted_in = (admitted >= lo) & (admitted <= hi)
        discharged_in = (discharged >= lo) & (discharged <= hi)
        reabled_in = (hospital >= lo) & (hospital <= hi)
        year = population[population["year"] == start.year].set_index("area_code")
        p65 = year["population_65plus"].reindex(areas).astype(float)
        p18 = year["population_18plus"].reindex(areas).astype(float)
        days = (end - start).days + 1

        admissions = by_area(spells[admitted_in & emergency & older], "resladst_ons", areas)
        stays = spells[discharged_in & emergency & older]
        p90 = stays.groupby("resladst_ons", observed=True)["los"].quantile(0.9)
        p90 = pd.concat([pd.Series({ENGLAND: stays["los"].quantile(0.9)}), p90]).reindex(areas)
        stay_counts = by_area(stays, "resladst_ons", areas)
        in_months = (dtoc_month >= lo) & (dtoc_month <= hi)
        delayed = by_area(dtoc[in_months], "area_code", areas, "delayed_days")
        home = by_area(reablement[reabled_in & reablement_older & at_home], "area_code", areas)
        home_known = by_area(reablement[reabled_in & reablement_older & known], "area_code", areas)
        offered = by_area(reablement[reabled_in & reablement_older], "area_code", areas)
        live65 = by_area(spells[discharged_in & older & alive], "resladst_ons", areas)
        emergency_live = spells[discharged_in & emergency & alive]
        live = by_area(emergency_live, "resladst_ons", areas)
        weekend_live = by_area(emergency_live[weekend[emergency_live.index]], "resladst_ons", areas)
        person_days = days * p18 / 100_000
        with np.errstate(divide="ignore", invalid="ignore"):
            parts = {
                "emergency_admissions_65plus": (admissions, p65, admissions / p65 * 100_000),
                "los_p90_emergency_65plus": (None, stay_counts, p90),
                "delayed_days_per_day_18plus": (delayed, person_days, delayed / person_days),
                "reablement_at_home_91d_65plus": (home, home_known, home / home_known * 100),
                "reablement_offered_65plus": (offered, live65, offered / live65 * 100),
                "weekend_discharges_emergency": (weekend_live, live, weekend_live / live * 100),
            }
        for indicator, (numerator, denominator, value) in parts.items():
            for area in areas:
                rows.append(
                    (
                        area,
                        indicator,
                        start,
                        end,
                        None if numerator is None else float(numerator[area]),
                        float(denominator[area]),
                        float(value[area]) if np.isfinite(value[area]) else None,
                    )
                )
    frame = pd.DataFrame(
        rows,
        columns=[
            "area_code", "indicator", "period_start", "period_end",
            "numerator", "denominator", "value",
        ],
    )  # fmt: skip
    return pa.Table.from_pandas(frame, preserve_index=False)
