"""SPC charts: accessible SVG in the Making Data Count colours, a table alternative, and PNG."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from joinedup.monitoring import plain_words
from joinedup.monitoring.chart import sparkline_svg, spc_chart_svg
from joinedup.monitoring.chart_png import spc_chart_png
from joinedup.monitoring.chart_table import data_table
from joinedup.monitoring.icons import (
    CONCERN,
    IMPROVEMENT,
    TARGET,
    assurance_icon_svg,
    variation_icon_svg,
)
from joinedup.monitoring.spc import Assurance, Direction, Rebase, SpcChart, Variation, xmr_chart
from joinedup.monitoring.targets import parse_target

SVG = "{http://www.w3.org/2000/svg}"


def months(n: int) -> list[date]:
    return [date(2020 + m // 12, m % 12 + 1, 1) for m in range(n)]


# From test_spc: limits 1.16 and 22.44, the last point (30, October 2020) is above the upper
# limit: an improvement when increase is better.
OUTSIDE = [8, 12, 8, 12, 8, 12, 8, 12, 8, 30]


def outside_chart(**options: object) -> SpcChart:
    return xmr_chart(months(10), OUTSIDE, direction=Direction.INCREASE, **options)  # type: ignore[arg-type]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 (our own output)


def test_chart_is_an_image_with_a_title_and_a_description_in_words() -> None:
    svg = spc_chart_svg(
        outside_chart(target=25), title="Hours of reablement & <care>", chart_id="k1"
    )
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "k1-title k1-desc"
    assert root.findtext(f"{SVG}title") == "Hours of reablement & <care>"
    desc = root.findtext(f"{SVG}desc") or ""
    assert "10 values from January 2020 to October 2020" in desc
    assert "higher is better" in desc
    assert "Mean 11.8, process limits 1.16 to 22.44" in desc
    assert "1 of the points show special cause variation (1 special cause: improvement)" in desc
    assert "Latest value 30 (October 2020): Special cause variation: improvement" in desc
    assert "Target 25." in desc
    assert "missed consistently" in desc
    assert "Warning: 10 points" in desc


def test_points_are_coloured_by_what_they_show() -> None:
    root = parse(spc_chart_svg(outside_chart(), title="t"))
    fills = [c.get("fill") for c in root.iter(f"{SVG}circle") if c.get("r") in ("3.5", "4.5")]
    assert fills.count(IMPROVEMENT) == 1 + 1  # the point and its legend entry
    # Every point has a hover text naming the period, the value and why it is special.
    hover = [c.findtext(f"{SVG}title") for c in root.iter(f"{SVG}circle")]
    hover = [h for h in hover if h]
    assert len(hover) == 10
    assert hover[-1] == "Oct 2020: 30 (special cause: improvement; outside the process limits)"


def test_concern_points_are_orange_when_decrease_is_better() -> None:
    result = xmr_chart(months(10), OUTSIDE, direction=Direction.DECREASE)
    root = parse(spc_chart_svg(result, title="t"))
    assert [c.get("fill") for c in root.iter(f"{SVG}circle")].count(CONCERN) >= 2


def test_target_is_a_red_dashed_line_only_when_there_is_one() -> None:
    with_target = parse(spc_chart_svg(outside_chart(target=25), title="t"))
    red = [line for line in with_target.iter(f"{SVG}line") if line.get("stroke") == TARGET]
    assert red
    assert red[0].get("stroke-dasharray")
    without = parse(spc_chart_svg(outside_chart(), title="t"))
    assert not [line for line in without.iter(f"{SVG}line") if line.get("stroke") == TARGET]


def test_a_between_target_draws_two_lines() -> None:
    root = parse(spc_chart_svg(outside_chart(target=parse_target("between 5 and 15")), title="t"))
    assert len([ln for ln in root.iter(f"{SVG}line") if ln.get("stroke") == TARGET]) >= 2


def test_rebase_is_marked_with_its_reason() -> None:
    dates = months(12)
    result = xmr_chart(
        dates,
        [10, 12] * 3 + [20, 22] * 3,
        direction=Direction.INCREASE,
        rebase=[Rebase(dates[6], "new discharge pathway")],
    )
    svg = spc_chart_svg(result, title="t")
    assert "Rebased: new discharge pathway" in svg
    assert "From July 2020 (rebased: new discharge pathway), mean 21" in svg
    rows = data_table(result)
    assert rows[6].rules == "rebased: new discharge pathway"


def test_data_table_alternative() -> None:
    rows = data_table(outside_chart(), unit="%")
    assert len(rows) == 10
    first, last = rows[0], rows[-1]
    assert (first.period, first.value, first.mean, first.lower_limit, first.upper_limit) == (
        "Jan 2020",
        "8%",
        "11.8%",
        "1.16%",
        "22.44%",
    )
    assert first.variation == "common cause: the usual ups and downs"
    assert last.variation == "special cause: improvement"
    assert last.rules == "outside the process limits"


def test_sparkline_is_small_and_labelled() -> None:
    root = parse(sparkline_svg(outside_chart(), title="Hours of reablement"))
    assert root.get("role") == "img"
    assert root.get("width") == "120"
    assert root.get("aria-label") == (
        "Hours of reablement: Special cause variation: improvement, with higher values"
    )
    # Only special-cause points and the latest point are drawn as dots.
    assert len(list(root.iter(f"{SVG}circle"))) == 1


@pytest.mark.parametrize("variation", list(Variation))
def test_variation_icons_say_what_they_mean(variation: Variation) -> None:
    root = parse(variation_icon_svg(variation))
    assert root.get("role") == "img"
    assert root.get("aria-label") == plain_words.VARIATION[variation]


@pytest.mark.parametrize(
    ("assurance", "letter"),
    [
        (Assurance.CONSISTENT_PASS, "P"),
        (Assurance.CONSISTENT_FAIL, "F"),
        (Assurance.INCONSISTENT, "?"),
    ],
)
def test_assurance_icons(assurance: Assurance, letter: str) -> None:
    root = parse(assurance_icon_svg(assurance))
    assert root.get("aria-label") == plain_words.ASSURANCE[assurance]
    assert [t.text for t in root.iter(f"{SVG}text")] == [letter]


def test_no_assurance_icon_without_a_target() -> None:
    assert assurance_icon_svg(Assurance.NONE) == ""


def test_png_for_word_documents() -> None:
    png = spc_chart_png(outside_chart(target=25), title="t", pixel_scale=1.5)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (1020, 540)


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (1218, "", "1,218"),
        (24550.4, "", "24,550"),
        (95.24, "", "95.24"),
        (84.2235, "", "84.22"),
        (119.77, "", "119.8"),
        (18.86, "%", "18.86%"),
        (0.01234, "", "0.0123"),
        (-0.0001, "", "-0.0001"),
        (8, "days", "8 days"),
    ],
)
def test_numbers_as_a_board_paper_prints_them(value: float, unit: str, shown: str) -> None:
    assert plain_words.number(value, unit) == shown
