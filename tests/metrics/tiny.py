"""A hand-built folder whose indicator values are worked out by hand in test_indicators.py.

Areas: A = E06000001 (2021: 8,000 aged 18+, 2,000 aged 65+; a 2020 row that must not be used),
B = E06000002 (only a 2020 row: 4,000 aged 18+, 1,000 aged 65+). 1 January 2021 is a Friday.
"""

from __future__ import annotations

from pathlib import Path

A, B = "E06000001", "E06000002"
# The hand-built world is set two years on from the real one: its delayed transfers of 2021 are
# those of a collection that stopped in February 2022 (compute(..., years_moved=MOVED)).
MOVED = 2

SPELLS = """spell_id,person_id,startage,admidate,disdate,admimeth,disdest,resladst_ons
s1,p1,70,2021-01-04,2021-01-09,21,19,E06000001
s2,p2,80,2021-01-10,2021-01-11,21,19,E06000001
s3,p3,90,2021-01-15,2021-01-30,22,79,E06000001
s4,p4,40,2021-01-20,2021-01-24,21,19,E06000001
s5,p5,75,2021-01-05,2021-01-06,11,19,E06000001
s6,p6,66,2021-01-28,2021-02-03,21,,E06000001
s7,p7,68,2021-02-10,,21,,E06000001
s8,p8,70,2021-01-02,2021-01-02,21,19,
s9,p9,85,2021-01-01,2021-01-03,21,19,E06000002
s10,p10,65,2021-01-11,2021-01-21,2A,19,E06000002
s11,p11,64,2021-01-12,2021-01-13,21,19,E06000002
"""
REABLEMENT = """person_id,area_code,startage,hospital_disdate,at_home_day91
p1,E06000001,70,2021-01-09,true
p2,E06000001,80,2021-01-11,false
p6,E06000001,66,2021-02-03,
p4,E06000001,60,2021-01-20,true
p9,E06000002,85,2021-01-03,true
p8,,75,2021-01-15,true
"""
DTOC = """area_code,month,delayed_days,attribution
E06000001,2021-01,100,NHS
E06000001,2021-01,55,social_care
E06000002,2021-01,31,both
E06000001,2021-02,28,NHS
"""
POPULATION = """area_code,year,population_all,population_18plus,population_65plus
E06000001,2020,9990,7990,999
E06000001,2021,10000,8000,2000
E06000002,2020,5000,4000,1000
"""


def write_tiny(folder: Path, *, population: str = POPULATION) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in {
        "spells": SPELLS,
        "reablement": REABLEMENT,
        "dtoc": DTOC,
        "population": population,
    }.items():
        (folder / f"{name}.csv").write_text(text)
    return folder
