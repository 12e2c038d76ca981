"""Disclosure control: the HES rule applied to figures as shown, with values worked by hand.

The rule (NHS England, Hospital Episode Statistics): counts of 1 to 7 suppressed, other
counts rounded to the nearest 5 (zero stays zero), a value suppressed with a count it is made
from; values shown are those computed from the unrounded counts.
"""

from __future__ import annotations

import csv
import io
import itertools
from datetime import date

import pytest
from pydantic import ValidationError

from joinedup.access.rules import OPERATOR, Grant, Principal, Role
from joinedup.metrics.dashboard import build_dashboard, dashboard_csv
from joinedup.metrics.disclosure import (
    SUPPRESSED,
    Audience,
    Rule,
    audience_of,
    control,
    control_all,
)
from joinedup.metrics.schemas import AreaInfo
from joinedup.metrics.stored import StoredValue
from joinedup.settings import Settings

ENGLAND = "E92000001"
ADMISSIONS = "emergency_admissions_65plus"  # rate: records per 100,000 of a population
AT_HOME = "reablement_at_home_91d_65plus"  # proportion: records within records
LOS_P90 = "los_p90_emergency_65plus"  # percentile of the stays counted
START = date(2019, 4, 1)
END = date(2019, 4, 30)
HES = Rule()


def stored(
    indicator: str,
    numerator: float | None,
    denominator: float | None,
    value: float | None,
    area: str = "E10000025",
) -> StoredValue:
    interval = (None, None) if value is None else (value - 1.0, value + 1.0)
    return StoredValue(
        area, indicator, START, END, numerator, denominator, value, *interval, *interval
    )


# count, as shown (None: suppressed), worked by hand
ROUNDING = [
    (0, 0.0),  # zero is not a disclosure: shown as it is
    (1, None),
    (4, None),
    (7, None),
    (8, 10.0),
    (12, 10.0),
    (13, 15.0),
    (17, 15.0),
    (18, 20.0),
    (102, 100.0),
    (103, 105.0),
    (2499, 2500.0),
]


@pytest.mark.parametrize(("count", "shown"), ROUNDING)
def test_counts_of_1_to_7_are_suppressed_and_others_rounded_to_the_nearest_5(
    count: int, shown: float | None
) -> None:
    assert HES.rounded(count) == shown
    assert HES.suppresses(count) is (shown is None)


def test_a_rate_is_suppressed_with_its_count_and_its_population_is_shown_as_published() -> None:
    small = control(stored(ADMISSIONS, 5, 40_000, 12.5), audience=Audience.CONTROLLED, rule=HES)
    assert small.status == SUPPRESSED
    assert small.reason == "suppressed: fewer than 8 people or records"
    assert (small.numerator, small.value, small.lower_95, small.upper_998) == (None,) * 4
    assert small.denominator == 40_000  # an ONS estimate, not a count of records


def test_a_rate_shown_is_the_one_computed_from_the_unrounded_count() -> None:
    # 23 admissions of 40,000 people: 57.5 per 100,000; from the rounded 25 it would be 62.5.
    shown = control(stored(ADMISSIONS, 23, 40_000, 57.5), audience=Audience.CONTROLLED, rule=HES)
    assert (shown.numerator, shown.denominator, shown.value) == (25.0, 40_000, 57.5)
    assert shown.status == "shown"
    assert (shown.lower_95, shown.upper_95) == (56.5, 58.5)


# numerator, denominator -> numerator, denominator and value shown (None: suppressed)
PROPORTIONS = [
    ((10, 12, 83.333), (10.0, 10.0, 83.333)),  # 10 of 12: 83.3%, not 10 of 10
    ((3, 40, 7.5), (None, 40.0, None)),  # numerator suppressed
    ((8, 6, 133.3), (10.0, None, None)),  # denominator suppressed
    ((0, 5, 0.0), (0.0, None, None)),  # 0 of 5: the 5 is a small count
    ((0, 40, 0.0), (0.0, 40.0, 0.0)),  # 0 of 40: nothing to hide
]


@pytest.mark.parametrize(("counts", "shown"), PROPORTIONS)
def test_a_proportion_is_suppressed_when_its_numerator_or_denominator_is(
    counts: tuple[float, float, float], shown: tuple[float | None, float | None, float | None]
) -> None:
    got = control(stored(AT_HOME, *counts), audience=Audience.CONTROLLED, rule=HES)
    assert (got.numerator, got.denominator, got.value) == shown
    assert got.suppressed is (shown[2] is None)


def test_a_percentile_of_fewer_than_8_stays_is_suppressed() -> None:
    few = control(stored(LOS_P90, None, 7, 21.0), audience=Audience.CONTROLLED, rule=HES)
    enough = control(stored(LOS_P90, None, 8, 21.0), audience=Audience.CONTROLLED, rule=HES)
    assert few.suppressed
    assert few.value is None
    assert not enough.suppressed
    assert (enough.denominator, enough.value) == (10.0, 21.0)


def test_national_roles_see_unrounded_figures_and_a_rule_turned_off_leaves_them_alone() -> None:
    value = stored(AT_HOME, 3, 12, 25.0)
    for audience, rule in ((Audience.NATIONAL, HES), (Audience.CONTROLLED, Rule(enabled=False))):
        got = control(value, audience=audience, rule=rule)
        assert (got.numerator, got.denominator, got.value, got.status) == (3, 12, 25.0, "shown")


def test_a_deployment_sets_its_own_range_and_base() -> None:
    # Suppress 1 to 9, round to the nearest 10 (halves up).
    rule = Rule(suppress_from=1, suppress_to=9, rounding_base=10)
    assert [rule.rounded(n) for n in (0, 9, 10, 14, 15, 26)] == [0, None, 10, 10, 20, 30]
    assert rule.reason == "suppressed: fewer than 10 people or records"
    got = control(stored(AT_HOME, 9, 30, 30.0), audience=Audience.CONTROLLED, rule=rule)
    assert got.suppressed


def test_the_settings_give_the_hes_rule_by_default_and_refuse_a_range_upside_down() -> None:
    settings = Settings()
    assert (
        settings.disclosure_control,
        settings.disclosure_suppress_from,
        settings.disclosure_suppress_to,
        settings.disclosure_rounding_base,
    ) == (True, 1, 7, 5)
    with pytest.raises(ValidationError, match="DISCLOSURE_SUPPRESS_FROM"):
        Settings(disclosure_suppress_from=9, disclosure_suppress_to=7)


@pytest.mark.parametrize(
    ("role", "area", "audience"),
    [
        (Role.ADMIN, None, Audience.NATIONAL),
        (Role.ANALYST, None, Audience.NATIONAL),
        (Role.REVIEWER, None, Audience.NATIONAL),
        (Role.SYSTEM_LEAD, "E10000025", Audience.CONTROLLED),
        (Role.CONTRIBUTOR, "E10000025", Audience.CONTROLLED),
        (Role.VIEWER, "E10000025", Audience.CONTROLLED),
    ],
)
def test_national_roles_see_unrounded_figures_and_everyone_else_controlled_ones(
    role: Role, area: str | None, audience: Audience
) -> None:
    principal = Principal(1, "someone@example.org", "Someone", (Grant(role, area),))
    assert audience_of(principal) is audience
    assert audience_of(Principal(None, "", "The public")) is Audience.CONTROLLED
    assert audience_of(OPERATOR) is Audience.NATIONAL


def test_control_never_changes_the_values_it_is_given() -> None:
    raw = [stored(AT_HOME, 3, 12, 25.0), stored(AT_HOME, 23, 40, 57.5, area="E06000001")]
    kept = list(raw)
    control_all(raw, audience=Audience.CONTROLLED, rule=HES, beside_total=True)
    assert raw == kept
    assert raw[0].numerator == 3
    assert raw[0].value == 25.0


# A national table of one proportion, worked by hand: England is the sum of three areas.
#   area         at home  assessed   %      shown (HES rule)
#   Area A             3        40   7.5    [c]
#   Area B            12        30  40.0    10 of 30, 40.0%
#   Area C            26        50  52.0    25 of 50, 52.0%
#   England           41       120  34.2    40 of 120, 34.2%
TABLE = [
    ("E06000001", "Area A", 3, 40),
    ("E06000002", "Area B", 12, 30),
    ("E06000003", "Area C", 26, 50),
]


def _national_table(*, beside_total: bool) -> list[dict[str, str]]:
    values = [stored(AT_HOME, n, d, 100 * n / d, area=code) for code, _, n, d in TABLE]
    total_n, total_d = sum(t[2] for t in TABLE), sum(t[3] for t in TABLE)
    values.append(stored(AT_HOME, total_n, total_d, 100 * total_n / total_d, area=ENGLAND))
    shown = control_all(values, audience=Audience.CONTROLLED, rule=HES, beside_total=beside_total)
    areas = [AreaInfo(code, name, "unitary") for code, name, _, _ in TABLE]
    dashboard = build_dashboard(
        shown,
        [AreaInfo(ENGLAND, "England", "country"), *areas],
        period_start=START,
        months=1,
        audience="controlled",
        suppressed_reason=HES.reason,
    )
    return list(csv.DictReader(io.StringIO(dashboard_csv(dashboard))))


def _counts_behind(row: dict[str, str]) -> set[int]:
    """Every numerator that fits what a row shows: counts rounded to the nearest 5 (so within
    2 of what is shown) and the percentage to one decimal place."""
    n, d = float(row[f"{AT_HOME}_numerator"]), float(row[f"{AT_HOME}_denominator"])
    percent = float(row[AT_HOME])
    found = set()
    for num, den in itertools.product(range(int(n) - 2, int(n) + 3), range(int(d) - 2, int(d) + 3)):
        if num >= 0 and den > 0 and round(100 * num / den, 1) == percent:
            found.add(num)
    return found


def _what_subtraction_gives(rows: list[dict[str, str]]) -> set[int]:
    """Area A's count as recovered from England's less the areas shown (any hidden besides A
    could hold from 0 to all of the rest)."""
    by_code = {r["area_code"]: r for r in rows}
    england = _counts_behind(by_code[ENGLAND])
    shown = [r for r in rows if r["area_code"] != ENGLAND and r[f"{AT_HOME}_status"] == "shown"]
    hidden = [r for r in rows if r[f"{AT_HOME}_status"] != "shown"]
    found: set[int] = set()
    for total in england:
        for parts in itertools.product(*(_counts_behind(r) for r in shown)):
            rest = total - sum(parts)
            if len(hidden) == 1:
                found.add(rest)
            else:
                found.update(range(0, rest + 1))
    return {c for c in found if HES.suppress_from <= c <= HES.suppress_to}


def test_without_secondary_suppression_the_percentages_give_a_suppressed_count_away() -> None:
    # Why secondary suppression: rounded counts beside percentages from unrounded ones pin
    # England's 41 and B's 12 and C's 26, so A's 3 follows by subtraction.
    rows = _national_table(beside_total=False)
    assert _what_subtraction_gives(rows) == {3}


def test_a_suppressed_figure_cannot_be_recovered_from_england_less_the_areas_shown() -> None:
    rows = _national_table(beside_total=True)
    by_name = {r["area_name"]: r for r in rows}
    marker = "[c] suppressed: fewer than 8 people or records"
    assert by_name["Area A"][f"{AT_HOME}_status"] == marker
    # B, the next smallest, is held back too, marked the same way.
    assert by_name["Area B"][f"{AT_HOME}_status"] == marker
    assert by_name["Area B"][AT_HOME] == by_name["Area B"][f"{AT_HOME}_numerator"] == ""
    assert by_name["Area C"][f"{AT_HOME}_status"] == "shown"
    assert (by_name["Area C"][f"{AT_HOME}_numerator"], by_name["Area C"][AT_HOME]) == (
        "25.0",
        "52.0",
    )
    england = by_name["England"]
    assert (england[f"{AT_HOME}_numerator"], england[f"{AT_HOME}_denominator"]) == ("40.0", "120.0")
    assert england[AT_HOME] == "34.2"
    # Every count from 1 to 7 fits what the table shows: A's 3 is not singled out.
    assert _what_subtraction_gives(rows) == set(range(1, 8))


def test_secondary_suppression_is_chosen_from_every_area_whatever_the_filter() -> None:
    # The table filtered to C alone still hides B: a filtered download and a whole one
    # together give nothing more than the whole one.
    values = [stored(AT_HOME, n, d, 100 * n / d, area=code) for code, _, n, d in TABLE]
    shown = control_all(values, audience=Audience.CONTROLLED, rule=HES, beside_total=True)
    assert [v.status for v in shown] == [SUPPRESSED, SUPPRESSED, "shown"]


def test_england_is_held_back_when_no_other_area_can_hide_a_suppressed_one() -> None:
    # 5 of 40 in A and nothing counted elsewhere: England's 5 of 40 (rounded 5 of 40) would be
    # A's; England is suppressed too (its 5 is a small count in any case), and with 9 of 60 it
    # is held back although 9 is not small.
    for england in ((5, 40), (9, 60)):
        values = [
            stored(AT_HOME, 5, 40, 12.5, area="E06000001"),
            stored(AT_HOME, 0, 20, 0.0, area="E06000002"),
            stored(AT_HOME, *england, 100 * england[0] / england[1], area=ENGLAND),
        ]
        shown = control_all(values, audience=Audience.CONTROLLED, rule=HES, beside_total=True)
        assert [v.status for v in shown] == [SUPPRESSED, SUPPRESSED, SUPPRESSED]
        assert shown[2].value is None
