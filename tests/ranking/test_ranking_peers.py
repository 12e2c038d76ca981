"""Peers as nearest neighbours on standardised area characteristics."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from joinedup.areas.service import reference_rows
from joinedup.errors import InvalidInput
from joinedup.ranking.peers import nearest_neighbours


@dataclass(frozen=True)
class Area:
    code: str
    area_type: str
    population_all: int
    population_18plus: int
    population_65plus: int


# P2 is P1 scaled by 1%: same shares, nearly the same size. P3 has exactly P1's features but is
# a county (distance = the type penalty, 1). P4 is five times bigger, far more than 1 SD away.
P1 = Area("E06000001", "unitary", 100_000, 80_000, 20_000)
P2 = Area("E06000002", "unitary", 101_000, 80_800, 20_200)
P3 = Area("E10000003", "county", 100_000, 80_000, 20_000)
P4 = Area("E06000004", "unitary", 500_000, 380_000, 50_000)
AREAS = [P1, P2, P3, P4]


def test_nearest_are_the_most_alike() -> None:
    peers = nearest_neighbours(AREAS, count=2)
    assert peers[P1.code] == (P2.code, P3.code)


def test_type_penalty_keeps_peers_of_the_same_type() -> None:
    peers = nearest_neighbours(AREAS, count=2, type_penalty=10.0)
    assert peers[P1.code] == (P2.code, P4.code)


def test_a_supplied_list_replaces_the_computed_one() -> None:
    peers = nearest_neighbours(AREAS, count=2, supplied={P1.code: [P4.code]})
    assert peers[P1.code] == (P4.code,)
    assert peers[P2.code] == (P1.code, P3.code)


@pytest.mark.parametrize(
    ("listed", "message"),
    [
        (["E06000099"], "unknown area code"),
        ([P1.code], "its own peer"),
        ([P2.code, P2.code], "twice"),
        ([], "empty"),
    ],
)
def test_bad_supplied_lists_are_refused(listed: list[str], message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        nearest_neighbours(AREAS, count=2, supplied={P1.code: listed})


def test_fifteen_peers_for_every_reference_area() -> None:
    rows = reference_rows()
    peers = nearest_neighbours(rows)
    assert len(peers) == len(rows) == 152
    assert all(len(p) == 15 and code not in p for code, p in peers.items())
    # Shire counties are large and old, and the type penalty keeps like with like: most of
    # Oxfordshire's peers are counties (codes E10).
    oxfordshire = peers["E10000025"]
    assert sum(code.startswith("E10") for code in oxfordshire) >= 12
