"""The Making Data Count palette and icons (variation and assurance) as SVG, each labelled with
what it means; shared by the full chart, sparklines, pages and reports."""

from __future__ import annotations

from html import escape

from joinedup.monitoring import plain_words
from joinedup.monitoring.spc import Assurance, PointType, Variation

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


def esc(text: str) -> str:
    return escape(text, quote=True)


def num(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


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
        f'<g transform="translate({num(x)} {num(y)}) scale({num(size / 40)})" role="img" '
        f'aria-label="{esc(plain_words.VARIATION[variation])}">'
        f"<title>{esc(plain_words.VARIATION[variation])}</title>"
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
        f'<g transform="translate({num(x)} {num(y)}) scale({num(size / 40)})" role="img" '
        f'aria-label="{esc(plain_words.ASSURANCE[assurance])}">'
        f"<title>{esc(plain_words.ASSURANCE[assurance])}</title>"
        f'<circle cx="20" cy="20" r="17.5" fill="#ffffff" stroke="{colour}" stroke-width="3"/>'
        f'<line x1="7" y1="29" x2="33" y2="29" stroke="{TARGET}" stroke-width="1.5" '
        f'stroke-dasharray="3 2"/>'
        f'<text x="20" y="26" text-anchor="middle" font-size="18" font-weight="bold" '
        f'{FONT} fill="{colour}">{esc(letter)}</text></g>'
    )


def _icon_svg(group: str, size: int, label: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        f'viewBox="0 0 {size} {size}" role="img" aria-label="{esc(label)}" {FONT}>{group}</svg>'
    )


def variation_icon_svg(variation: Variation, size: int = 32) -> str:
    """A standalone variation icon, e.g. for a table cell, labelled with what it means."""
    group = variation_icon_group(variation, x=0, y=0, size=size)
    return _icon_svg(group, size, plain_words.VARIATION[variation])


def assurance_icon_svg(assurance: Assurance, size: int = 32) -> str:
    """A standalone assurance icon; empty when there is no target (show the words instead)."""
    group = assurance_icon_group(assurance, x=0, y=0, size=size)
    return _icon_svg(group, size, plain_words.ASSURANCE[assurance]) if group else ""
