"""Every reference area lies in exactly one of England's nine regions (2018)."""

from __future__ import annotations

from collections import Counter

from joinedup.areas.service import reference_rows, regions

# Upper-tier local authorities per region in 2018 (ONS), 152 in all.
EXPECTED = {
    ("E12000001", "North East"): 12,
    ("E12000002", "North West"): 23,
    ("E12000003", "Yorkshire and The Humber"): 15,
    ("E12000004", "East Midlands"): 9,
    ("E12000005", "West Midlands"): 14,
    ("E12000006", "East of England"): 11,
    ("E12000007", "London"): 33,
    ("E12000008", "South East"): 19,
    ("E12000009", "South West"): 16,
}


def test_every_reference_area_has_one_region() -> None:
    by_area = regions()
    assert sorted(by_area) == sorted(row.code for row in reference_rows())
    assert sum(EXPECTED.values()) == 152


def test_each_region_has_its_areas() -> None:
    assert Counter(regions().values()) == EXPECTED


def test_known_areas_are_in_their_regions() -> None:
    by_area = regions()
    assert by_area["E10000025"][1] == "South East"  # Oxfordshire
    assert by_area["E08000026"][1] == "West Midlands"  # Coventry
    assert by_area["E09000001"][1] == "London"  # City of London
    assert by_area["E06000053"][1] == "South West"  # Isles of Scilly
    assert by_area["E06000057"][1] == "North East"  # Northumberland
