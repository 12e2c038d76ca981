"""The small-area rule: areas with too few residents aged 65 and over are not ranked.

A rate over a few hundred older people swings by chance from year to year, so such an area
lands at either end of every indicator's ranking whatever its services do. Public Health
England's Fingertips profiles suppress or combine the Isles of Scilly and the City of London
for the same reason; the OECD/JRC Handbook on Constructing Composite Indicators (2008) asks
that units whose data are unreliable be treated by a stated rule and the rule reported. The
threshold is a setting of the run (0 ranks every area) and is saved and shown with it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from joinedup.areas.service import reference_rows


@dataclass(frozen=True)
class SmallAreaRule:
    """What the rule did: the threshold and the areas it left out, smallest first."""

    min_population: int
    excluded: tuple[str, ...]

    def reason(self) -> str:
        return f"fewer than {self.min_population:,} residents aged 65 and over"

    def describe(self) -> str:
        if self.min_population <= 0:
            return "Every area is ranked, however small."
        return f"Areas with {self.reason()} are not ranked: their rates rest on too few people."


def populations_65plus() -> dict[str, int]:
    """Residents aged 65 and over in each reference area (mid-year estimates)."""
    return {row.code: row.population_65plus for row in reference_rows()}


def apply_small_area_rule(
    area_codes: Sequence[str], *, min_population: int, populations: Mapping[str, int]
) -> SmallAreaRule:
    """The areas under the threshold (an area of unknown population is kept: nothing says it
    is small)."""
    small = [
        code for code in area_codes if code in populations and populations[code] < min_population
    ]
    small.sort(key=lambda code: (populations[code], code))
    return SmallAreaRule(min_population=max(min_population, 0), excluded=tuple(small))
