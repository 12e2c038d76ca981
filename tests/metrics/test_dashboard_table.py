"""The dashboard table, its CSV and the profile charts, built from hand-made values."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest

from joinedup.errors import InvalidInput
from joinedup.metrics.charts import Point, line_chart, nice_ticks
from joinedup.metrics.comparison import Marker
from joinedup.metrics.dashboard import build_dashboard, dashboard_csv
from joinedup.metrics.profile import build_profile
from joinedup.metrics.schemas import AreaInfo
from joinedup.metrics.stored import StoredValue
from joinedup.periods import period_label

START, END = date(2019, 4, 1), date(2020, 3, 31)
ENGLAND = "E92000001"
ADMISSIONS = "emergency_admissions_65plus"  # lower is better
WEEKEND = "weekend_discharges_emergency"  # higher is better
AREAS = [
    AreaInfo(ENGLAND, "England", "country"),
    AreaInfo("E10000001", "Aylesbury", "county", "E12000008", "South East"),
    AreaInfo("E08000001", "Bolton", "metropolitan_district", "E12000002", "North West"),
    AreaInfo("E06000001", "Cheltenham", "unitary", "E12000009", "South West"),
    AreaInfo("E09000001", "=HYPERLINK(evil)", "london_borough", "E12000007", "London"),
]


def value(
    area: str,
    indicator: str,
    v: float | None,
    interval_95: tuple[float, float] | None = None,
    interval_998: tuple[float, float] | None = None,
    start: date = START,
    end: date = END,
) -> StoredValue:
    lo95, up95 = interval_95 or (None, None)
    lo998, up998 = interval_998 or (None, None)
    return StoredValue(area, indicator, start, end, None, None, v, lo95, up95, lo998, up998)


VALUES = [
    value(ENGLAND, ADMISSIONS, 70.0, (69.0, 71.0), (68.0, 72.0)),
    value(ENGLAND, WEEKEND, 20.0, (19.5, 20.5), (19.0, 21.0)),
    # Aylesbury: admissions 50 (45-55 / 40-60), far below England: better at 99.8%.
    value("E10000001", ADMISSIONS, 50.0, (45.0, 55.0), (40.0, 60.0)),
    # Bolton: admissions 80 (71.5-88 / 66-95): worse at 95% only.
    value("E08000001", ADMISSIONS, 80.0, (71.5, 88.0), (66.0, 95.0)),
    value("E08000001", WEEKEND, 30.0, (21.9, 39.6), (18.1, 45.4)),
    # Cheltenham: admissions 68 (60-76): similar. No weekend value.
    value("E06000001", ADMISSIONS, 68.0, (60.0, 76.0), (55.0, 81.0)),
    value("E09000001", ADMISSIONS, 90.0),
]


def dashboard(**options: str):  # type: ignore[no-untyped-def]
    return build_dashboard(VALUES, AREAS, period_start=START, months=12, **options)


def markers(board, indicator: str) -> dict[str, Marker]:  # type: ignore[no-untyped-def]
    return {r.area.name: r.cell(indicator).comparison.marker for r in board.rows}


def test_each_area_marked_against_england() -> None:
    board = dashboard()
    assert board.england.area.name == "England"
    assert markers(board, ADMISSIONS) == {
        "Aylesbury": Marker.BETTER_998,
        "Bolton": Marker.WORSE_95,
        "Cheltenham": Marker.SIMILAR,
        "=HYPERLINK(evil)": Marker.NOT_COMPARED,  # no interval
    }
    assert markers(board, WEEKEND)["Bolton"] == Marker.BETTER_95
    assert markers(board, WEEKEND)["Cheltenham"] == Marker.NOT_COMPARED  # no value


def test_sorting_keeps_blanks_last_either_way() -> None:
    up = [r.area.name for r in dashboard(sort=WEEKEND, direction="asc").rows]
    down = [r.area.name for r in dashboard(sort=WEEKEND, direction="desc").rows]
    assert up[0] == "Bolton"
    assert down[0] == "Bolton"
    by_admissions = [r.area.name for r in dashboard(sort=ADMISSIONS, direction="desc").rows]
    assert by_admissions == ["=HYPERLINK(evil)", "Bolton", "Cheltenham", "Aylesbury"]
    by_name = [r.area.name for r in dashboard(sort="area", direction="desc").rows]
    assert by_name == ["Cheltenham", "Bolton", "Aylesbury", "=HYPERLINK(evil)"]


def test_filters_by_type_and_region() -> None:
    assert [r.area.name for r in dashboard(area_type="county").rows] == ["Aylesbury"]
    assert [r.area.name for r in dashboard(region="E12000002").rows] == ["Bolton"]


def test_unknown_sort_is_refused() -> None:
    with pytest.raises(InvalidInput) as refused:
        dashboard(sort="nonsense")
    assert set(refused.value.problems) == {"sort"}
    with pytest.raises(InvalidInput, match="asc or desc"):
        dashboard(direction="sideways")


def test_csv_has_england_first_and_no_formulas() -> None:
    rows = list(csv.DictReader(io.StringIO(dashboard_csv(dashboard()))))
    assert rows[0]["area_code"] == ENGLAND
    assert rows[0][ADMISSIONS] == "70.0"
    bolton = next(r for r in rows if r["area_name"] == "Bolton")
    assert bolton[f"{ADMISSIONS}_vs_england"] == "worse than England (95% confidence)"
    assert bolton[f"{ADMISSIONS}_lower_95"] == "71.5"
    evil = next(r for r in rows if r["area_code"] == "E09000001")
    assert evil["area_name"] == "'=HYPERLINK(evil)"


def test_period_labels_in_words() -> None:
    assert period_label(date(2019, 4, 1), 1) == "April 2019"
    assert period_label(date(2019, 4, 1), 3) == "April to June 2019"
    assert period_label(date(2019, 4, 1), 12) == (
        "April 2019 to March 2020 (financial year 2019-20)"
    )
    assert period_label(date(2018, 7, 1), 12) == "July 2018 to June 2019"


def test_ticks_are_round_numbers_covering_the_range() -> None:
    assert nice_ticks(0, 87) == [0, 20, 40, 60, 80, 100]
    # (14.9 - 12.3) / 5 = 0.52: the next of 0.1, 0.2, 0.5 and 1 is a step of 1.
    assert nice_ticks(12.3, 14.9) == [12.0, 13.0, 14.0, 15.0]
    assert nice_ticks(2.0, 4.4) == [2.0, 2.5, 3.0, 3.5, 4.0, 4.5]


def test_chart_is_a_described_image_with_a_band() -> None:
    svg = line_chart(
        chart_id="c1",
        title="Weekend discharges: Bolton and England",
        description="Bolton rose from 20% to 30%.",
        unit="%",
        area_name="Bolton",
        area=[
            Point(date(2019, 4, 1), 20.0, 15.0, 25.0),
            Point(date(2019, 7, 1), None),
            Point(date(2019, 10, 1), 30.0, 25.0, 35.0),
        ],
        england=[Point(date(2019, 4, 1), 19.0), Point(date(2019, 10, 1), 21.0)],
    )
    assert svg.startswith("<svg")
    assert 'role="img"' in svg
    assert '<title id="c1-title">Weekend discharges: Bolton and England</title>' in svg
    assert '<desc id="c1-desc">Bolton rose from 20% to 30%.</desc>' in svg
    assert 'aria-labelledby="c1-title c1-desc"' in svg
    # The missing quarter breaks the line and the band: two band pieces, a path in two moves.
    assert svg.count("<polygon") == 2
    area_path = re.findall(r'<path d="([^"]+)"[^>]*stroke="#1d70b8"', svg)[0]
    assert area_path.count("M") == 2
    assert "L" not in area_path


def test_profile_describes_the_latest_comparison_in_words() -> None:
    q1, q2 = date(2019, 4, 1), date(2019, 7, 1)
    values = [
        value("E08000001", WEEKEND, 25.0, (20.0, 30.0), (18.0, 33.0), q1, date(2019, 6, 30)),
        value("E08000001", WEEKEND, 30.0, (21.9, 39.6), (18.1, 45.4), q2, date(2019, 9, 30)),
        value(ENGLAND, WEEKEND, 20.0, (19.5, 20.5), (19.0, 21.0), q1, date(2019, 6, 30)),
        value(ENGLAND, WEEKEND, 20.0, (19.5, 20.5), (19.0, 21.0), q2, date(2019, 9, 30)),
    ]
    profile = build_profile(values, area_code="E08000001", area_name="Bolton", months=3)
    weekend = next(p for p in profile.indicators if p.indicator.id == WEEKEND)
    assert weekend.latest is not None
    assert weekend.latest.period_start == q2
    assert weekend.comparison.marker == Marker.BETTER_95
    assert "Bolton: 25.0% in the first period, 30.0% in July to September 2019" in (
        weekend.description
    )
    assert weekend.description.endswith("Latest: better than England (95% confidence).")
    assert "<desc" in weekend.svg
    admissions = next(p for p in profile.indicators if p.indicator.id == ADMISSIONS)
    assert admissions.latest is None
    assert "no values are loaded" in admissions.description
