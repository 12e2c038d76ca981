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

    ``total_of`` sums a column instead of counting rows; ``bucket`` keeps a histogram of a
    whole-number expression (length of stay) so that percentiles stay exact over any period.
    """

    name: str
    table: str
    area: str
    date: str
    where: Expr
    total_of: str | None = None
    bucket: Expr | None = None


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
    deployment's folder (the ``catalogue_dir`` setting). Read when first used; a catalogue
    with a problem is refused whole (``CatalogueProblems``), and nothing of it is kept."""

    def __init__(self) -> None:
        self._loaded: tuple[Indicator, ...] | None = None
        self._extra: Path | None = None
        self._extra_set = False

    def folders(self) -> list[Path]:
        """The folders read: the package's, then the deployment's (if any)."""
        from joinedup.metrics.catalogue import PACKAGE_FOLDER

        extra = self._extra if self._extra_set else _configured_folder()
        return [PACKAGE_FOLDER, *([extra] if extra else [])]

    def _items(self) -> tuple[Indicator, ...]:
        if self._loaded is None:
            from joinedup.metrics.catalogue import read_folders

            self._loaded = read_folders(self.folders())
        return self._loaded

    def use(self, extra: Path | None) -> None:
        """Read again, with ``extra`` as the deployment's folder (tests, a changed setting)."""
        self._extra, self._extra_set, self._loaded = extra, True, None

    def forget(self) -> None:
        """Read again from the settings when next used."""
        self._extra, self._extra_set, self._loaded = None, False, None

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


def _configured_folder() -> Path | None:
    from joinedup.settings import get_settings

    folder = get_settings().catalogue_dir
    return Path(folder) if folder else None


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


def tallies(indicators: tuple[Indicator, ...]) -> tuple[Tally, ...]:
    """Every tally the indicators need, each once."""
    found: dict[str, Tally] = {}
    for item in indicators:
        for part in (item.numerator, item.denominator):
            if isinstance(part, Tally):
                found.setdefault(part.name, part)
    return tuple(found.values())
