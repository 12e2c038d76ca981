"""Peers: each area's nearest neighbours on standardised area characteristics.

In the spirit of CIPFA's nearest-neighbour model (which councils use to pick 15 comparators),
with what the reference data holds: population size, age structure and type of authority.

Features, for each area: ln(population, all ages), share aged 65+ and share aged 18+ (of all
ages). Each is standardised across the areas given (z-score, population SD). The distance
between two areas is Euclidean on the standardised features plus a fixed penalty when their
types differ (county, unitary, metropolitan district, London borough):
d = sqrt(sum_f (z_f(a) - z_f(b))^2 + penalty^2 x [type(a) != type(b)]), penalty 1 by default
(as much as one standard deviation on one feature). The k nearest (default 15) are the peers;
equal distances are broken by area code. A user-supplied peer list replaces an area's list.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

import numpy as np

from joinedup.errors import InvalidInput
from joinedup.ranking.values import FloatArray

DEFAULT_PEER_COUNT = 15
TYPE_PENALTY = 1.0
PEER_FEATURES = ("ln(population, all ages)", "share aged 65+", "share aged 18+")


class AreaCharacteristics(Protocol):
    """What peers are computed from: an area of the reference data."""

    @property
    def code(self) -> str: ...
    @property
    def area_type(self) -> str: ...
    @property
    def population_all(self) -> int: ...
    @property
    def population_18plus(self) -> int: ...
    @property
    def population_65plus(self) -> int: ...


def standardised_features(areas: Sequence[AreaCharacteristics]) -> FloatArray:
    """``(areas, 3)`` z-scores of PEER_FEATURES (a constant feature stays at 0)."""
    features = np.array(
        [
            [
                np.log(a.population_all),
                a.population_65plus / a.population_all,
                a.population_18plus / a.population_all,
            ]
            for a in areas
        ]
    )
    sd = features.std(axis=0)
    z: FloatArray = (features - features.mean(axis=0)) / np.where(sd > 0, sd, 1.0)
    return z


def peer_distances(
    areas: Sequence[AreaCharacteristics], *, type_penalty: float = TYPE_PENALTY
) -> FloatArray:
    """``(areas, areas)`` distances as described above."""
    z = standardised_features(areas)
    squared = ((z[:, None, :] - z[None, :, :]) ** 2).sum(axis=-1)
    types = np.array([a.area_type for a in areas])
    squared += type_penalty**2 * (types[:, None] != types[None, :])
    distances: FloatArray = np.sqrt(squared)
    return distances


def nearest_neighbours(
    areas: Sequence[AreaCharacteristics],
    *,
    count: int = DEFAULT_PEER_COUNT,
    type_penalty: float = TYPE_PENALTY,
    supplied: Mapping[str, Sequence[str]] | None = None,
) -> dict[str, tuple[str, ...]]:
    """Each area's peers, nearest first; ``supplied`` lists replace the computed ones."""
    codes = [a.code for a in areas]
    if any(a.population_all <= 0 for a in areas):
        raise InvalidInput.of("areas", "Peers need every area's population above zero")
    if not 1 <= count < len(codes):
        raise InvalidInput.of("count", f"Peer count {count}: choose between 1 and {len(codes) - 1}")
    distances = peer_distances(areas, type_penalty=type_penalty)
    peers: dict[str, tuple[str, ...]] = {}
    for i, code in enumerate(codes):
        order = sorted(
            (k for k in range(len(codes)) if k != i), key=lambda k: (distances[i, k], codes[k])
        )
        peers[code] = tuple(codes[k] for k in order[:count])
    for code, listed in (supplied or {}).items():
        peers[code] = check_peer_list(code, listed, known=set(codes))
    return peers


def check_peer_list(code: str, listed: Sequence[str], *, known: set[str]) -> tuple[str, ...]:
    """A user's peer list for one area: known codes, not the area itself, no repeats."""
    if not listed:
        raise InvalidInput.of("peers", f"Peers of {code}: the list is empty")
    unknown = [c for c in listed if c not in known]
    if unknown:
        raise InvalidInput.of(
            "peers", f"Peers of {code}: unknown area code(s) {', '.join(unknown)}"
        )
    if code in listed:
        raise InvalidInput.of("peers", f"Peers of {code}: an area cannot be its own peer")
    if len(set(listed)) != len(listed):
        raise InvalidInput.of("peers", f"Peers of {code}: an area is listed twice")
    return tuple(listed)
