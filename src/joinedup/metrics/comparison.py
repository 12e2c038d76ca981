"""Comparison with England by the public-health convention (PHE Fingertips).

England's value is compared with the area's confidence intervals: when it lies outside the
area's 95% interval the difference is significant, called better or worse by the indicator's
polarity; when it lies outside the 99.8% interval too, the difference is significant at 99.8%.
An interval that contains (or touches) England's value is "similar". An indicator without
intervals, a blank value or interval, or a missing England value is "not compared".

Pure: no I/O. The dashboard, the area profile and the API all call ``compare_with_england``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from joinedup.metrics.indicators import Polarity


class Verdict(StrEnum):
    BETTER = "better"
    SIMILAR = "similar"
    WORSE = "worse"
    NOT_COMPARED = "not compared"


class Marker(StrEnum):
    """The five-level reading: which interval excludes England's value, on which side."""

    BETTER_998 = "better_998"
    BETTER_95 = "better_95"
    SIMILAR = "similar"
    WORSE_95 = "worse_95"
    WORSE_998 = "worse_998"
    NOT_COMPARED = "not_compared"


@dataclass(frozen=True)
class MarkerStyle:
    shape: str  # visible, so the marker never depends on colour alone
    words: str  # for screen readers and the legend
    tag: str  # GOV.UK tag colour class

    @property
    def sentence(self) -> str:
        return self.words[:1].upper() + self.words[1:]


MARKER_STYLES: dict[Marker, MarkerStyle] = {
    Marker.BETTER_998: MarkerStyle(
        "▲▲", "better than England (99.8% confidence)", "govuk-tag--green"
    ),
    Marker.BETTER_95: MarkerStyle("▲", "better than England (95% confidence)", "govuk-tag--green"),
    Marker.SIMILAR: MarkerStyle("●", "similar to England", "govuk-tag--yellow"),
    Marker.WORSE_95: MarkerStyle("▼", "worse than England (95% confidence)", "govuk-tag--red"),
    Marker.WORSE_998: MarkerStyle("▼▼", "worse than England (99.8% confidence)", "govuk-tag--red"),
    Marker.NOT_COMPARED: MarkerStyle("–", "not compared with England", "govuk-tag--grey"),
}


@dataclass(frozen=True)
class Comparison:
    verdict: Verdict  # the 95% reading: better, similar, worse or not compared
    marker: Marker  # the 95% and 99.8% reading together

    @property
    def style(self) -> MarkerStyle:
        return MARKER_STYLES[self.marker]


NOT_COMPARED = Comparison(Verdict.NOT_COMPARED, Marker.NOT_COMPARED)
SIMILAR = Comparison(Verdict.SIMILAR, Marker.SIMILAR)


def _missing(x: float | None) -> bool:
    return x is None or math.isnan(x)


def _side(lower: float | None, upper: float | None, england: float) -> int | None:
    """+1 if the interval lies wholly above England's value, -1 below, 0 if it contains it."""
    if lower is None or upper is None or _missing(lower) or _missing(upper):
        return None
    if lower > england:
        return 1
    if upper < england:
        return -1
    return 0


def compare_with_england(
    *,
    lower_95: float | None,
    upper_95: float | None,
    lower_998: float | None,
    upper_998: float | None,
    england: float | None,
    polarity: Polarity,
) -> Comparison:
    """The area's comparison with England's value; see the module's docstring."""
    if england is None or _missing(england):
        return NOT_COMPARED
    narrow = _side(lower_95, upper_95, england)
    wide = _side(lower_998, upper_998, england)
    if narrow is None:
        return NOT_COMPARED
    if narrow == 0:
        return SIMILAR
    better = (narrow > 0) == (polarity is Polarity.HIGHER_IS_BETTER)
    # The 99.8% interval contains the 95% one: it can only exclude England on the same side.
    strict = wide is not None and wide != 0
    if better:
        return Comparison(Verdict.BETTER, Marker.BETTER_998 if strict else Marker.BETTER_95)
    return Comparison(Verdict.WORSE, Marker.WORSE_998 if strict else Marker.WORSE_95)
