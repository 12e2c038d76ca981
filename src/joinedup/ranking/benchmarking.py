"""Benchmarking: each area's value compared with England and with its peers.

Comparison with England follows PHE Fingertips: the area's confidence interval is compared with
England's value. If the interval lies wholly above or below it, the difference is significant
and is called better or worse by the indicator's polarity; an interval that contains (or
touches) England's value is "similar". Three levels use the 95% interval; five levels use both
the 95% and the 99.8% intervals ("better (99.8%)" when even the 99.8% interval excludes
England's value; when only the 95% interval is known the reading stops at 95%). An indicator
without intervals, or a value without one, is "not compared". The comparison itself is the
measure capability's (`joinedup.metrics.comparison`), so the dashboard and the ranking agree.

Comparison with peers: the peers' mean (unweighted mean of the peers' values for the same
indicator and period) is the benchmark, compared with the area's 95% interval by the same rule;
and the area's position among itself and its peers (1 = best by polarity).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from joinedup.metrics.schemas import Marker, Polarity
from joinedup.metrics.service import compare_with_england
from joinedup.ranking.indicators import INDICATORS
from joinedup.ranking.values import IndicatorValues


class ThreeLevel(StrEnum):
    BETTER = "better"
    SIMILAR = "similar"
    WORSE = "worse"
    NOT_COMPARED = "not compared"


class FiveLevel(StrEnum):
    BETTER_998 = "better (99.8%)"
    BETTER_95 = "better (95%)"
    SIMILAR = "similar"
    WORSE_95 = "worse (95%)"
    WORSE_998 = "worse (99.8%)"
    NOT_COMPARED = "not compared"


# One comparison for the whole of Joined Up: the measure capability's (the dashboard's).
_FIVE = {
    Marker.BETTER_998: FiveLevel.BETTER_998,
    Marker.BETTER_95: FiveLevel.BETTER_95,
    Marker.SIMILAR: FiveLevel.SIMILAR,
    Marker.WORSE_95: FiveLevel.WORSE_95,
    Marker.WORSE_998: FiveLevel.WORSE_998,
    Marker.NOT_COMPARED: FiveLevel.NOT_COMPARED,
}


def _polarity(higher_is_better: bool) -> Polarity:
    return Polarity.HIGHER_IS_BETTER if higher_is_better else Polarity.LOWER_IS_BETTER


def compare_three(
    lower_95: float, upper_95: float, benchmark: float, *, higher_is_better: bool
) -> ThreeLevel:
    comparison = compare_with_england(
        lower_95=lower_95,
        upper_95=upper_95,
        lower_998=None,
        upper_998=None,
        england=benchmark,
        polarity=_polarity(higher_is_better),
    )
    return ThreeLevel(comparison.verdict.value)


def compare_five(
    lower_95: float,
    upper_95: float,
    lower_998: float,
    upper_998: float,
    benchmark: float,
    *,
    higher_is_better: bool,
) -> FiveLevel:
    comparison = compare_with_england(
        lower_95=lower_95,
        upper_95=upper_95,
        lower_998=lower_998,
        upper_998=upper_998,
        england=benchmark,
        polarity=_polarity(higher_is_better),
    )
    return _FIVE[comparison.marker]


@dataclass(frozen=True)
class Benchmark:
    area_code: str
    indicator: str
    value: float  # NaN if missing
    england: float
    vs_england: ThreeLevel
    vs_england_five: FiveLevel
    peer_mean: float  # NaN without peers' values
    peers_with_value: int
    vs_peers: ThreeLevel
    position_among_peers: int | None  # 1 = best of the area and its peers; None if no value
    group_size: int  # the area and its peers with a value


def benchmark_values(
    values: IndicatorValues, peers: Mapping[str, Sequence[str]]
) -> list[Benchmark]:
    """One benchmark per area and indicator of the period, areas then indicators in order."""
    row = {code: k for k, code in enumerate(values.area_codes)}
    out: list[Benchmark] = []
    for a, code in enumerate(values.area_codes):
        for j, indicator in enumerate(values.indicator_ids):
            higher = INDICATORS[indicator].higher_is_better
            value = float(values.value[a, j])
            england = float(values.england[j])
            lower, upper = float(values.lower_95[a, j]), float(values.upper_95[a, j])
            peer_values = [
                float(values.value[row[p], j])
                for p in peers.get(code, ())
                if p in row and not math.isnan(values.value[row[p], j])
            ]
            peer_mean = sum(peer_values) / len(peer_values) if peer_values else math.nan
            position: int | None = None
            if not math.isnan(value):
                better_peers = sum(1 for p in peer_values if (p > value) == higher and p != value)
                position = better_peers + 1
            out.append(
                Benchmark(
                    area_code=code,
                    indicator=indicator,
                    value=value,
                    england=england,
                    vs_england=compare_three(lower, upper, england, higher_is_better=higher),
                    vs_england_five=compare_five(
                        lower,
                        upper,
                        float(values.lower_998[a, j]),
                        float(values.upper_998[a, j]),
                        england,
                        higher_is_better=higher,
                    ),
                    peer_mean=peer_mean,
                    peers_with_value=len(peer_values),
                    vs_peers=compare_three(lower, upper, peer_mean, higher_is_better=higher),
                    position_among_peers=position,
                    group_size=len(peer_values) + (0 if math.isnan(value) else 1),
                )
            )
    return out
