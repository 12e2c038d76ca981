"""What an indicator is, and the catalogue of those in force.

A declaration says what is counted (a ``Tally``: rows of one contract table, for an area and the
month of a date, matching a filter) and how the value follows from it. The engines turn the same
declaration into their own SQL; the statistics are applied afterwards, in one place. The
declarations themselves are data: YAML files read by ``joinedup.metrics.catalogue`` (the six
indicators of the NHS Social Care Interface Dashboard ship with the package), loaded when first
used.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import overload

from joinedup.errors import NotFound
from joinedup.metrics.expressions import Expr


class Polarity(StrEnum):
    LOWER_IS_BETTER = "lower_is_better"
    HIGHER_IS_BETTER = "higher_is_better"


class Statistic(StrEnum):
    RATE = "rate"  # events per ``per`` of a population
    PER_DAY_RATE = "per_day_rate"  # a total per day of the period per ``per`` of a population
    PROPORTION = "proportion"  # numerator within denominator, times ``per``
    PERCENTILE = "percentile"  # a percentile of a whole-number measure, linear interpolation
    MEAN = "mean"  # a total (of days, say) over a count, times ``per``


class IntervalMethod(StrEnum):
    BYAR_EXACT = "byar_exact"  # Byar's method, exact Poisson under 10 events
    WILSON = "wilson"
    NONE = "none"


@dataclass(frozen=True)
class Tally:
    """Rows of ``table`` matching ``where``, by area (``area``) and month of ``date``.

    ``total_of`` sums a column (or a whole-number expression: days between two dates) instead
    of counting rows; ``bucket`` keeps a histogram of a
    whole-number expression (length of stay) so that percentiles stay exact over any period.
    """

    name: str
    table: str
    area: str
    date: str
    where: Expr
    total_of: str | Expr | None = None
    bucket: Expr | None = None

    def columns(self) -> set[str]:
        """Every column of ``table`` the tally reads."""
        found = {self.area, self.date, *self.where.columns()}
        if isinstance(self.total_of, Expr):
            found |= self.total_of.columns()
        elif self.total_of:
            found.add(self.total_of)
        if self.bucket is not None:
            found |= self.bucket.columns()
        return found


@dataclass(frozen=True)
class Population:
    """A population column of the population table, for the year of the period's start."""

    column: str


@dataclass(frozen=True)
class Indicator:
    id: str
    title: str
    unit: str
    polarity: Polarity
    statistic: Statistic
    interval: IntervalMethod
    denominator: Tally | Population
    numerator: Tally | None = None
    per: float = 1.0
    percentile: float | None = None
    source: str = ""
    definition: str = ""
    citation: str = ""
    version: int = 1
    valid_from: date | None = None
    valid_to: date | None = None
    declared_in: str = ""  # the catalogue file
    short_title: str = ""  # for table headings; the title when empty


class Catalogue(Sequence[Indicator]):
    """The indicators in force, in catalogue order: the package's catalogue files, then the
    deployment's folders (the ``catalogue_dir`` setting). Read when first used; a catalogue
    with a problem is refused whole (``CatalogueProblems``), and nothing of it is kept."""

    def __init__(self) -> None:
        self._loaded: tuple[Indicator, ...] | None = None
        self._extra: list[Path] | None = None  # None: as the settings say

    def folders(self) -> list[Path]:
        """The folders read: the package's, then the deployment's."""
        from joinedup.metrics.catalogue import PACKAGE_FOLDER

        extra = self._extra if self._extra is not None else configured_folders()
        return [PACKAGE_FOLDER, *extra]

    def _items(self) -> tuple[Indicator, ...]:
        if self._loaded is None:
            from joinedup.metrics.catalogue import read_folders

            self._loaded = read_folders(self.folders())
        return self._loaded

    def use(self, extra: list[Path]) -> None:
        """Read again, with ``extra`` as the deployment's folders (tests, a changed setting)."""
        self._extra, self._loaded = list(extra), None

    def forget(self) -> None:
        """Read again from the settings when next used."""
        self._extra, self._loaded = None, None

    @overload
    def __getitem__(self, index: int) -> Indicator: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Indicator]: ...
    def __getitem__(self, index: int | slice) -> Indicator | Sequence[Indicator]:
        return self._items()[index]

    def __len__(self) -> int:
        return len(self._items())

    def __iter__(self) -> Iterator[Indicator]:
        return iter(self._items())

    def ids(self) -> tuple[str, ...]:
        return tuple(i.id for i in self._items())


class CatalogueIds(Sequence[str]):
    """The ids of the catalogue in force, in its order."""

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        return INDICATORS.ids()[index]

    def __len__(self) -> int:
        return len(INDICATORS)

    def __iter__(self) -> Iterator[str]:
        return iter(INDICATORS.ids())


def configured_folders(setting: str | None = None) -> list[Path]:
    """The deployment's catalogue folders: the ``catalogue_dir`` setting, several separated by
    the system's path separator; ``current`` names the shipped folder of today's discharge and
    Better Care Fund measures."""
    import os

    from joinedup.metrics.catalogue import CURRENT_FOLDER

    if setting is None:
        from joinedup.settings import get_settings

        setting = get_settings().catalogue_dir
    names = [n.strip() for n in setting.split(os.pathsep) if n.strip()]
    return [CURRENT_FOLDER if n == "current" else Path(n) for n in names]


INDICATORS = Catalogue()
INDICATOR_IDS = CatalogueIds()


def indicator(indicator_id: str) -> Indicator:
    for candidate in INDICATORS:
        if candidate.id == indicator_id:
            return candidate
    raise NotFound(f"{indicator_id!r} is not an indicator; known: {', '.join(INDICATOR_IDS)}")


def select(ids: list[str] | None) -> tuple[Indicator, ...]:
    """The indicators asked for, in catalogue order; all of them when none are named."""
    if not ids:
        return tuple(INDICATORS)
    wanted = {indicator(i).id for i in ids}
    return tuple(i for i in INDICATORS if i.id in wanted)


def missing_inputs(item: Indicator, present: dict[str, set[str]]) -> list[str]:
    """What ``item`` reads that the folder lacks (``present``: each table's columns), as
    ``table`` or ``table.column``."""
    lacking: list[str] = []
    for part in (item.numerator, item.denominator):
        if not isinstance(part, Tally):
            continue
        if part.table not in present:
            lacking.append(part.table)
            continue
        lacking += [f"{part.table}.{c}" for c in sorted(part.columns() - present[part.table])]
    return list(dict.fromkeys(lacking))


def tallies(indicators: tuple[Indicator, ...]) -> tuple[Tally, ...]:
    """Every tally the indicators need, each once."""
    found: dict[str, Tally] = {}
    for item in indicators:
        for part in (item.numerator, item.denominator):
            if isinstance(part, Tally):
                found.setdefault(part.name, part)
    return tuple(found.values())
