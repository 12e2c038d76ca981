"""SPC charts as SVG in the Making Data Count style, for web pages and PDF reports alike.

Hand-written SVG with presentation attributes only (no CSS, no scripts, no nested <svg>), so
the same markup renders in browsers and in WeasyPrint. Every chart is an image with a title and
a description in words, and `data_table` gives the table alternative. Colours are those of
NHSRplotthedots: grey common cause, blue improvement, orange concern, purple neutral; solid
black mean, dashed grey process limits, dashed red target.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from html import escape

from joinedup.monitoring import plain_words
from joinedup.monitoring.spc import (
    Assurance,
    Direction,
    PointType,
    SpcChart,
    SpcPoint,
    Variation,
)
from joinedup.monitoring.targets import Target

COMMON = "#a6a6a6"
IMPROVEMENT = "#00b0f0"
CONCERN = "#e46c0a"
NEUTRAL = "#490092"
MEAN = "#000000"
LIMIT = "#a6a6a6"
TARGET = "#de1b1b"
INK = "#0b0c0c"  # text, as on GOV.UK pages
GRID = "#e5e5e5"
FONT = 'font-family="Arial, Helvetica, sans-serif"'

POINT_COLOURS = {
    PointType.COMMON_CAUSE: COMMON,
    PointType.SPECIAL_CAUSE_IMPROVEMENT: IMPROVEMENT,
    PointType.SPECIAL_CAUSE_CONCERN: CONCERN,
    PointType.SPECIAL_CAUSE_NEUTRAL_HIGH: NEUTRAL,
    PointType.SPECIAL_CAUSE_NEUTRAL_LOW: NEUTRAL,
}


def _e(text: str) -> str:
    return escape(text, quote=True)


def _n(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def _safe_id(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "-", text) or "spc"


@dataclass(frozen=True)
class _Scale:
    """Maps values to the vertical pixel position and point index to the horizontal one."""

    low: float
    high: float
    top: float
    bottom: float
    left: float
    right: float
    count: int

    def y(self, value: float) -> float:
        span = self.high - self.low
        return self.bottom - (value - self.low) / span * (self.bottom - self.top)

    def x(self, index: float) -> float:
        if self.count == 1:
            return (self.left + self.right) / 2
        return self.left + index * (self.right - self.left) / (self.count - 1)


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values (steps of 1, 2, 2.5 or 5 times a power of ten) covering low to high."""
    if high <= low:
        pad = abs(low) * 0.1 or 1.0
        low, high = low - pad, high + pad
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    ticks = [first]
    while ticks[-1] < high - 1e-9 * step:
        ticks.append(first + len(ticks) * step)
    return [round(t, 10) for t in ticks]


def target_values(target: float | Target | None) -> list[float]:
    if target is None:
        return []
    if isinstance(target, Target):
        return [target.value] if target.upper is None else [target.value, target.upper]
    return [float(target)]


def _period_label(day: date, monthly: bool) -> str:
    return f"{day:%b %Y}" if monthly else f"{day.day} {day:%b %Y}"


def _point_title(point: SpcPoint, unit: str, monthly: bool) -> str:
    words = plain_words.POINT_TYPES[point.point_type]
    rules = ", ".join(plain_words.RULE_NAMES[r] for r in point.rules)
    return (
        f"{_period_label(point.date, monthly)}: {plain_words.number(point.value, unit)} ({words}"
        + (f"; {rules})" if rules else ")")
    )


def spc_chart_svg(
    chart: SpcChart,
    *,
    title: str,
    unit: str = "",
    width: int = 680,
    height: int = 360,
    chart_id: str = "spc",
    tooltips: bool = True,
) -> str:
    """The full chart with its icons and legend; `chart_id` must be unique on the page.

    `tooltips` gives each point and line a <title> that browsers show on hover; pictures for
    print leave them out.
    """
    cid = _safe_id(chart_id)
    points = chart.points
    monthly = all(p.date.day == 1 for p in points)
    values = [p.value for p in points]
    limits = [v for s in chart.segments for v in (s.lpl, s.upl)]
    ticks = nice_ticks(
        min([*values, *limits, *target_values(chart.target)]),
        max([*values, *limits, *target_values(chart.target)]),
    )
    scale = _Scale(
        ticks[0],
        ticks[-1],
        top=56,
        bottom=height - 78,
        left=64,
        right=width - 36,
        count=len(points),
    )
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="{cid}-title {cid}-desc" '
        f'{FONT} font-size="12">',
        f'<title id="{cid}-title">{_e(title)}</title>',
        f'<desc id="{cid}-desc">{_e(plain_words.summary(chart, title=title, unit=unit))}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    for tick in ticks:
        y = _n(scale.y(tick))
        out.append(
            f'<line x1="{_n(scale.left - 6)}" y1="{y}" x2="{_n(scale.right)}" y2="{y}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        # Ticks carry "%" only; a longer unit is written once above the axis.
        out.append(
            f'<text x="{_n(scale.left - 10)}" y="{y}" dy="4" text-anchor="end" fill="{INK}">'
            f"{_e(plain_words.number(tick, '%' if unit == '%' else ''))}</text>"
        )
    if unit and unit != "%":
        out.append(
            f'<text x="{_n(scale.left - 50)}" y="{_n(scale.top - 14)}" fill="{INK}">'
            f"{_e(unit)}</text>"
        )
    step = max(1, math.ceil(len(points) / 8))
    for i in range(0, len(points), step):
        out.append(
            f'<text x="{_n(scale.x(i))}" y="{_n(scale.bottom + 20)}" text-anchor="middle" '
            f'fill="{INK}">{_e(_period_label(points[i].date, monthly))}</text>'
        )
    for t in target_values(chart.target):
        y = _n(scale.y(t))
        out.append(
            f'<line x1="{_n(scale.left)}" y1="{y}" x2="{_n(scale.right)}" y2="{y}" '
            f'stroke="{TARGET}" stroke-width="2" stroke-dasharray="8 4">'
            f"<title>{_e(plain_words.target_words(chart.target, unit))}</title></line>"
        )
    out.extend(_segment_lines(chart, scale, unit))
    path = " ".join(f"{_n(scale.x(i))},{_n(scale.y(v))}" for i, v in enumerate(values))
    out.append(f'<polyline points="{path}" fill="none" stroke="{COMMON}" stroke-width="2"/>')
    for i, point in enumerate(points):
        special = point.special_cause
        out.append(
            f'<circle cx="{_n(scale.x(i))}" cy="{_n(scale.y(point.value))}" '
            f'r="{4.5 if special else 3.5}" fill="{POINT_COLOURS[point.point_type]}" '
            f'stroke="#ffffff" stroke-width="1">'
            + (f"<title>{_e(_point_title(point, unit, monthly))}</title>" if tooltips else "")
            + "</circle>"
        )
    out.append(variation_icon_group(chart.variation, x=width - 96, y=6, size=40))
    out.append(assurance_icon_group(chart.assurance, x=width - 50, y=6, size=40))
    out.extend(_legend(chart, width, height))
    out.append("</svg>")
    return "\n".join(out)


def _segment_lines(chart: SpcChart, scale: _Scale, unit: str) -> list[str]:
    out: list[str] = []
    start = 0
    for segment in chart.segments:
        stop = start + segment.points - 1
        x1, x2 = _n(scale.x(start)), _n(scale.x(stop))
        for value, colour, dash, name in (
            (segment.lpl, LIMIT, ' stroke-dasharray="6 4"', "lower process limit"),
            (segment.upl, LIMIT, ' stroke-dasharray="6 4"', "upper process limit"),
            (segment.mean, MEAN, "", "mean"),
        ):
            y = _n(scale.y(value))
            out.append(
                f'<line x1="{x1}" y1="{y}" x2="{x2}" y2="{y}" stroke="{colour}" '
                f'stroke-width="{1.5 if dash else 1.2}"{dash}>'
                f"<title>{_e(name)} {_e(plain_words.number(value, unit))}</title></line>"
            )
        if segment.rebase is not None:
            x = _n(scale.x(start - 0.5))
            out.append(
                f'<line x1="{x}" y1="{_n(scale.top)}" x2="{x}" y2="{_n(scale.bottom)}" '
                f'stroke="{INK}" stroke-width="1" stroke-dasharray="2 3">'
                f"<title>Rebased: {_e(segment.rebase.reason)}</title></line>"
            )
            out.append(
                f'<text x="{x}" y="{_n(scale.top - 6)}" text-anchor="middle" fill="{INK}" '
                f'font-size="11">rebased</text>'
            )
        start = stop + 1
    return out


def _legend(chart: SpcChart, width: int, height: int) -> list[str]:
    items: list[tuple[str, str, str]] = [("dot", COMMON, "Common cause")]
    if chart.direction is Direction.NEUTRAL:
        items.append(("dot", NEUTRAL, "Special cause"))
    else:
        items += [("dot", IMPROVEMENT, "Improvement"), ("dot", CONCERN, "Concern")]
    items += [("line", MEAN, "Mean"), ("dash", LIMIT, "Process limits")]
    if chart.target is not None:
        items.append(("target", TARGET, "Target"))
    out: list[str] = []
    x, y = 64.0, height - 30.0
    for kind, colour, label in items:
        item_width = 26 + 6.2 * len(label) + 16
        if x + item_width > width - 10:
            x, y = 64.0, y + 18
        if kind == "dot":
            out.append(f'<circle cx="{_n(x + 8)}" cy="{_n(y - 4)}" r="4.5" fill="{colour}"/>')
        else:
            dash = {
                "line": "",
                "dash": ' stroke-dasharray="6 4"',
                "target": ' stroke-dasharray="8 4"',
            }[kind]
            out.append(
                f'<line x1="{_n(x)}" y1="{_n(y - 4)}" x2="{_n(x + 20)}" y2="{_n(y - 4)}" '
                f'stroke="{colour}" stroke-width="2"{dash}/>'
            )
        out.append(f'<text x="{_n(x + 26)}" y="{_n(y)}" fill="{INK}">{_e(label)}</text>')
        x += item_width
    return out


def sparkline_svg(
    chart: SpcChart, *, title: str, unit: str = "", width: int = 120, height: int = 32
) -> str:
    """A small chart for a table row: values, mean, limits, target and special-cause points."""
    values = [p.value for p in chart.points]
    limits = [v for s in chart.segments for v in (s.lpl, s.upl)]
    everything = [*values, *limits, *target_values(chart.target)]
    low, high = min(everything), max(everything)
    if high == low:
        low, high = low - 1, high + 1
    scale = _Scale(low, high, top=3, bottom=height - 3, left=3, right=width - 3, count=len(values))
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{_e(title)}: '
        f'{_e(plain_words.VARIATION[chart.variation])}">',
        f"<title>{_e(title)}</title>",
        f"<desc>{_e(plain_words.summary(chart, title=title, unit=unit))}</desc>",
    ]
    for t in target_values(chart.target):
        y = _n(scale.y(t))
        out.append(
            f'<line x1="{_n(scale.left)}" y1="{y}" x2="{_n(scale.right)}" y2="{y}" '
            f'stroke="{TARGET}" stroke-width="1" stroke-dasharray="3 2"/>'
        )
    start = 0
    for segment in chart.segments:
        stop = start + segment.points - 1
        x1, x2 = _n(scale.x(start)), _n(scale.x(stop))
        for value, colour, dash in (
            (segment.lpl, LIMIT, ' stroke-dasharray="2 2"'),
            (segment.upl, LIMIT, ' stroke-dasharray="2 2"'),
            (segment.mean, MEAN, ""),
        ):
            y = _n(scale.y(value))
            out.append(
                f'<line x1="{x1}" y1="{y}" x2="{x2}" y2="{y}" stroke="{colour}" '
                f'stroke-width="0.8"{dash}/>'
            )
        start = stop + 1
    path = " ".join(f"{_n(scale.x(i))},{_n(scale.y(v))}" for i, v in enumerate(values))
    out.append(f'<polyline points="{path}" fill="none" stroke="{COMMON}" stroke-width="1.2"/>')
    for i, point in enumerate(chart.points):
        if point.special_cause or i == len(chart.points) - 1:
            out.append(
                f'<circle cx="{_n(scale.x(i))}" cy="{_n(scale.y(point.value))}" r="2" '
                f'fill="{POINT_COLOURS[point.point_type]}"/>'
            )
    out.append("</svg>")
    return "\n".join(out)


VARIATION_STYLE: dict[Variation, tuple[str, str, str]] = {
    # colour, letter, where the last three dots go
    Variation.COMMON_CAUSE: (COMMON, "", "flat"),
    Variation.IMPROVEMENT_HIGH: (IMPROVEMENT, "H", "high"),
    Variation.IMPROVEMENT_LOW: (IMPROVEMENT, "L", "low"),
    Variation.CONCERN_HIGH: (CONCERN, "H", "high"),
    Variation.CONCERN_LOW: (CONCERN, "L", "low"),
    Variation.NEUTRAL_HIGH: (NEUTRAL, "H", "high"),
    Variation.NEUTRAL_LOW: (NEUTRAL, "L", "low"),
}
_DOT_X = (9.0, 12.7, 16.3, 20.0, 23.7, 27.3, 31.0)
_DOT_Y = {
    "flat": (21, 18, 22, 19, 21, 18, 21),
    "high": (21, 19, 22, 20, 14, 11, 9),
    "low": (19, 21, 18, 20, 26, 29, 31),
}


def variation_icon_group(variation: Variation, *, x: float, y: float, size: float) -> str:
    """The Making Data Count variation icon as an SVG group with its text alternative."""
    colour, letter, shape = VARIATION_STYLE[variation]
    ys = _DOT_Y[shape]
    path = " ".join(f"{dx},{dy}" for dx, dy in zip(_DOT_X, ys, strict=True))
    dots = "".join(
        f'<circle cx="{dx}" cy="{dy}" r="2" fill="{COMMON if i < 4 else colour}"/>'
        for i, (dx, dy) in enumerate(zip(_DOT_X, ys, strict=True))
    )
    mark = ""
    if letter:
        mark = (
            f'<text x="20" y="{33 if shape == "high" else 14}" text-anchor="middle" '
            f'font-size="10" font-weight="bold" fill="{colour}">{letter}</text>'
        )
    return (
        f'<g transform="translate({_n(x)} {_n(y)}) scale({_n(size / 40)})" role="img" '
        f'aria-label="{_e(plain_words.VARIATION[variation])}">'
        f"<title>{_e(plain_words.VARIATION[variation])}</title>"
        f'<circle cx="20" cy="20" r="17.5" fill="#ffffff" stroke="{colour}" stroke-width="3"/>'
        f'<polyline points="{path}" fill="none" stroke="{COMMON}" stroke-width="1"/>'
        f"{dots}{mark}</g>"
    )


_ASSURANCE_STYLE: dict[Assurance, tuple[str, str]] = {
    Assurance.CONSISTENT_PASS: (IMPROVEMENT, "P"),
    Assurance.CONSISTENT_FAIL: (CONCERN, "F"),
    Assurance.INCONSISTENT: (COMMON, "?"),
}


def assurance_icon_group(assurance: Assurance, *, x: float, y: float, size: float) -> str:
    """The assurance icon as an SVG group; empty when there is no target to assure."""
    if assurance is Assurance.NONE:
        return ""
    colour, letter = _ASSURANCE_STYLE[assurance]
    return (
        f'<g transform="translate({_n(x)} {_n(y)}) scale({_n(size / 40)})" role="img" '
        f'aria-label="{_e(plain_words.ASSURANCE[assurance])}">'
        f"<title>{_e(plain_words.ASSURANCE[assurance])}</title>"
        f'<circle cx="20" cy="20" r="17.5" fill="#ffffff" stroke="{colour}" stroke-width="3"/>'
        f'<line x1="7" y1="29" x2="33" y2="29" stroke="{TARGET}" stroke-width="1.5" '
        f'stroke-dasharray="3 2"/>'
        f'<text x="20" y="26" text-anchor="middle" font-size="18" font-weight="bold" '
        f'{FONT} fill="{colour}">{_e(letter)}</text></g>'
    )


def _icon_svg(group: str, size: int, label: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        f'viewBox="0 0 {size} {size}" role="img" aria-label="{_e(label)}" {FONT}>{group}</svg>'
    )


def variation_icon_svg(variation: Variation, size: int = 32) -> str:
    """A standalone variation icon, e.g. for a table cell, labelled with what it means."""
    group = variation_icon_group(variation, x=0, y=0, size=size)
    return _icon_svg(group, size, plain_words.VARIATION[variation])


def assurance_icon_svg(assurance: Assurance, size: int = 32) -> str:
    """A standalone assurance icon; empty when there is no target (show the words instead)."""
    group = assurance_icon_group(assurance, x=0, y=0, size=size)
    return _icon_svg(group, size, plain_words.ASSURANCE[assurance]) if group else ""


@dataclass(frozen=True)
class DataTableRow:
    """One row of the table that stands in for the chart."""

    period: str
    value: str
    mean: str
    lower_limit: str
    upper_limit: str
    variation: str
    rules: str


DATA_TABLE_HEADINGS = (
    "Period",
    "Value",
    "Mean",
    "Lower process limit",
    "Upper process limit",
    "Variation",
    "Why",
)


def data_table(chart: SpcChart, *, unit: str = "") -> list[DataTableRow]:
    """The chart as rows of text, for a table shown with or instead of the picture."""
    monthly = all(p.date.day == 1 for p in chart.points)
    rows = []
    for point in chart.points:
        segment = chart.segments[point.segment]
        why = "; ".join(plain_words.RULE_NAMES[r] for r in point.rules)
        if segment.rebase is not None and point.date == segment.start:
            why = "; ".join(filter(None, [f"rebased: {segment.rebase.reason}", why]))
        rows.append(
            DataTableRow(
                period=_period_label(point.date, monthly),
                value=plain_words.number(point.value, unit),
                mean=plain_words.number(point.mean, unit),
                lower_limit=plain_words.number(point.lpl, unit),
                upper_limit=plain_words.number(point.upl, unit),
                variation=plain_words.POINT_TYPES[point.point_type],
                rules=why,
            )
        )
    return rows
