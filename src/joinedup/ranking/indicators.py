"""The indicators the ranking knows: polarity, default weight and natural bounds.

Polarity, title and unit come from the measure capability's catalogue (one source of truth);
what is specific to ranking (the default weight, the bounds draws are clipped to) lives here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from joinedup.metrics.schemas import INDICATORS as CATALOGUE
from joinedup.metrics.schemas import Polarity


@dataclass(frozen=True)
class IndicatorSpec:
    id: str
    title: str
    unit: str
    higher_is_better: bool
    default_weight: float
    # Values cannot leave these bounds (percentages stay within 0-100); draws are clipped to them.
    lower_bound: float = 0.0
    upper_bound: float | None = None


# The Department of Health's dashboard weighted delayed transfers of care the highest.
DEFAULT_WEIGHTS = {"delayed_days_per_day_18plus": 2.0}


class _Specs(Mapping[str, IndicatorSpec]):
    """The measure catalogue in force, as the ranking sees it (read when asked, so that a
    deployment's own catalogue files are ranked too)."""

    def _all(self) -> dict[str, IndicatorSpec]:
        return {
            item.id: IndicatorSpec(
                id=item.id,
                title=item.title,
                unit=item.unit,
                higher_is_better=item.polarity is Polarity.HIGHER_IS_BETTER,
                default_weight=DEFAULT_WEIGHTS.get(item.id, 1.0),
                upper_bound=100.0 if item.unit == "%" else None,
            )
            for item in CATALOGUE
        }

    def __getitem__(self, key: str) -> IndicatorSpec:
        return self._all()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(CATALOGUE)


INDICATORS: Mapping[str, IndicatorSpec] = _Specs()
