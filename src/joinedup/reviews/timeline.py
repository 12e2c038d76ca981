"""A review's milestones laid out on a horizontal time axis, for an SVG drawn by the page.

Pure arithmetic: positions in SVG user units; the page draws with presentation attributes and
the milestone table stays the text alternative."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from joinedup.reviews.schemas import MilestoneOut

WIDTH, LEFT, RIGHT = 900, 20, 20
# Colours of the states, as the tags show them (the word is always shown too).
COLOURS = {
    "done": "#00703c",
    "overdue": "#d4351c",
    "due_soon": "#ffdd00",
    "upcoming": "#505a5f",
    "unplanned": "#b1b4b6",
    "not_done": "#b1b4b6",
}


@dataclass(frozen=True)
class Marker:
    x: float
    number: int  # the milestone's place in the review's list, as the table numbers it
    row: int  # rows in turn, so that markers of close milestones do not overlap
    label: str
    when: date
    state: str
    colour: str


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Timeline:
    width: int
    markers: list[Marker]
    ticks: list[Tick]
    today_x: float | None


def _months_between(first: date, last: date) -> list[date]:
    months, current = [], date(first.year, first.month, 1)
    while current <= last:
        months.append(current)
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return months


def lay_out(milestones: list[MilestoneOut], today: date) -> Timeline | None:
    """Markers at each milestone's actual date when done, else its planned date."""
    dated = [(n, m, m.actual_date or m.planned_date) for n, m in enumerate(milestones, start=1)]
    placed = [(n, m, when) for n, m, when in dated if when is not None]
    if not placed:
        return None
    first = min(when for _, _, when in placed)
    last = max(when for _, _, when in placed)
    span = max((last - first).days, 1)
    usable = WIDTH - LEFT - RIGHT

    def x_of(day: date) -> float:
        return round(LEFT + usable * (day - first).days / span, 1)

    markers = [
        Marker(x_of(when), n, index % 3, m.label, when, m.state, COLOURS[m.state])
        for index, (n, m, when) in enumerate(placed)
    ]
    months = _months_between(first, last)
    step = max(1, len(months) // 8)  # at most about eight month labels
    ticks = [Tick(x_of(month), f"{month:%b %Y}") for month in months[::step] if month >= first]
    today_x = x_of(today) if first <= today <= last else None
    return Timeline(WIDTH, markers, ticks, today_x)
