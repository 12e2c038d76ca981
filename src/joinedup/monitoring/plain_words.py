"""SPC in plain words for board members: the rules, the point types and the two icons.

The wording follows NHS England's "Making Data Count" guidance; charts use it for their text
alternatives and the KPI page to explain what the chart says.
"""

from __future__ import annotations

import math

from joinedup.monitoring.spc import (
    RUN,
    Assurance,
    ChartKind,
    Direction,
    PointType,
    Rule,
    SpcChart,
    Variation,
)
from joinedup.monitoring.targets import Target

# A figure held back by disclosure control, as UK official statistics mark it.
WITHHELD = "[c]"

RULES: dict[Rule, str] = {
    Rule.OUTSIDE_LIMITS: (
        "A point above the upper or below the lower process limit. The limits are where almost "
        "all values fall while nothing changes, so a point beyond them is very unlikely to be "
        "chance."
    ),
    Rule.TREND: (
        f"{RUN} points in a row, each higher than the one before, or each lower. A run this long "
        "rarely happens by chance: something is steadily changing."
    ),
    Rule.TWO_IN_THREE: (
        "Two out of three points in a row close to a process limit (more than two thirds of the "
        "way from the mean to the limit), with all three on the same side of the mean."
    ),
    Rule.SHIFT: (
        f"{RUN} points in a row on the same side of the mean. The level has moved: the process "
        "is running higher, or lower, than it used to."
    ),
}

RULE_NAMES: dict[Rule, str] = {
    Rule.OUTSIDE_LIMITS: "outside the process limits",
    Rule.TREND: f"{RUN} points in a row rising or falling",
    Rule.TWO_IN_THREE: "2 of 3 points close to a limit",
    Rule.SHIFT: f"{RUN} points in a row on one side of the mean",
}

SCREENING = (
    "Before the limits are set, jumps between one point and the next that are at least 3.267 "
    "times the average jump are left out, so that a single unusual month does not widen the "
    "limits."
)

LIMITS = (
    "The process limits are the mean plus or minus 2.66 times the average jump between "
    "consecutive points (the mean moving range). While nothing changes, nearly all points fall "
    "between them."
)

POINT_TYPES: dict[PointType, str] = {
    PointType.COMMON_CAUSE: "common cause: the usual ups and downs",
    PointType.SPECIAL_CAUSE_IMPROVEMENT: "special cause: improvement",
    PointType.SPECIAL_CAUSE_CONCERN: "special cause: concern",
    PointType.SPECIAL_CAUSE_NEUTRAL_HIGH: "special cause: higher than usual",
    PointType.SPECIAL_CAUSE_NEUTRAL_LOW: "special cause: lower than usual",
}

VARIATION: dict[Variation, str] = {
    Variation.COMMON_CAUSE: "Common cause variation: no significant change",
    Variation.IMPROVEMENT_HIGH: "Special cause variation: improvement, with higher values",
    Variation.IMPROVEMENT_LOW: "Special cause variation: improvement, with lower values",
    Variation.CONCERN_HIGH: "Special cause variation: concern, with higher values",
    Variation.CONCERN_LOW: "Special cause variation: concern, with lower values",
    Variation.NEUTRAL_HIGH: "Special cause variation: higher values, neither good nor bad",
    Variation.NEUTRAL_LOW: "Special cause variation: lower values, neither good nor bad",
}

ASSURANCE: dict[Assurance, str] = {
    Assurance.CONSISTENT_PASS: "The target will be met consistently while the process stays as "
    "it is: it lies outside the process limits, on the right side",
    Assurance.CONSISTENT_FAIL: "The target will be missed consistently unless the process "
    "changes: it lies outside the process limits, on the wrong side",
    Assurance.INCONSISTENT: "The target will be met some periods and missed in others by "
    "chance: it lies between the process limits",
    Assurance.NONE: "No assurance: there is no target to assess",
}

DIRECTION: dict[Direction, str] = {
    Direction.INCREASE: "higher is better",
    Direction.DECREASE: "lower is better",
    Direction.NEUTRAL: "neither higher nor lower is better",
}


def number(value: float, unit: str = "") -> str:
    """A value as a board paper prints it: 1,218, 95.2, 18.86%; ``[c]`` for one held back by
    disclosure control (not a number: see joinedup.monitoring.withheld)."""
    if math.isnan(value):
        return WITHHELD
    size = abs(value)
    if size >= 1e15:  # beyond any count a board reads: digits would run off the page
        text = f"{value:.3g}"
    elif size >= 1000:
        text = f"{value:,.0f}"
    elif size >= 100:
        text = f"{value:,.1f}".removesuffix(".0")
    elif size >= 1 or size == 0:
        text = f"{value:.2f}".rstrip("0").rstrip(".")
    else:
        text = f"{value:.3g}"
    if text == "-0":
        text = "0"
    return f"{text}%" if unit == "%" else (f"{text} {unit}" if unit else text)


def target_words(target: float | Target | None, unit: str = "") -> str:
    if target is None:
        return "no target"
    if isinstance(target, Target):
        return f"target {target.render()}"
    return f"target {number(target, unit)}"


def summary(chart: SpcChart, *, title: str, unit: str = "") -> str:
    """What the chart shows, in a few sentences: its text alternative."""
    first, last = chart.points[0], chart.points[-1]
    sentences = [
        f"{title}: statistical process control chart of {len(chart.points)} values from "
        f"{first.date:%B %Y} to {last.date:%B %Y}; {DIRECTION[chart.direction]}."
    ]
    if chart.kind is ChartKind.P:
        sentences[0] = sentences[0].replace("process control chart", "process control p-chart")
    for segment in chart.segments:
        low, high = segment.lpl, segment.upl
        if unit.strip() == "%":  # drawn within what is possible
            low, high = max(low, 0.0), min(high, 100.0)
        limits = f"mean {number(segment.mean, unit)}, process limits {number(low, unit)} to " + (
            f"{number(high, unit)}"
            if chart.kind is ChartKind.XMR
            else f"{number(high, unit)} for the latest point (each point has its own)"
        )
        if segment.rebase is None:
            sentences.append(f"M{limits[1:]}.")
        else:
            sentences.append(
                f"From {segment.start:%B %Y} (rebased: {segment.rebase.reason}), {limits}."
            )
    special = [p for p in chart.points if p.special_cause]
    if special:
        counts: dict[str, int] = {}
        for point in special:
            counts[POINT_TYPES[point.point_type]] = counts.get(POINT_TYPES[point.point_type], 0) + 1
        listed = "; ".join(f"{n} {kind}" for kind, n in counts.items())
        sentences.append(f"{len(special)} of the points show special cause variation ({listed}).")
    else:
        sentences.append("No point shows special cause variation.")
    sentences.append(
        f"Latest value {number(last.value, unit)} ({last.date:%B %Y}): "
        f"{VARIATION[chart.variation]}."
    )
    if chart.target is not None:
        sentences.append(f"T{target_words(chart.target, unit)[1:]}. {ASSURANCE[chart.assurance]}.")
    sentences.extend(f"Warning: {w}." for w in chart.warnings)
    return " ".join(sentences)
