"""Targets as people write them ("997 or fewer", "95% or above", "between 80 and 90").

A target is parsed into a comparator and one or two numbers, checked against values with
`Target.met`, and shown back in the words it was written in. One table of forms drives both
parsing and rendering, so whatever is rendered parses back to the same target.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from joinedup.errors import InvalidInput


class Comparator(StrEnum):
    AT_MOST = "at_most"
    LESS_THAN = "less_than"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    EQUAL = "equal"
    BETWEEN = "between"


# Each form is a phrase with {n} (and {m} for ranges) standing for a number that may carry "%".
# The first form of each comparator is the one used when a target is built in code.
FORMS: dict[Comparator, tuple[str, ...]] = {
    Comparator.AT_MOST: (
        "{n} or fewer",
        "{n} or less",
        "{n} or below",
        "{n} or lower",
        "{n} or under",
        "at most {n}",
        "no more than {n}",
        "not more than {n}",
        "no higher than {n}",
        "up to {n}",
        "<= {n}",
        "≤ {n}",
    ),
    Comparator.AT_LEAST: (
        "{n} or above",
        "{n} or more",
        "{n} or over",
        "{n} or higher",
        "{n} or greater",
        "at least {n}",
        "no less than {n}",
        "no fewer than {n}",
        "not less than {n}",
        "no lower than {n}",
        ">= {n}",
        "≥ {n}",
    ),
    Comparator.LESS_THAN: (
        "less than {n}",
        "fewer than {n}",
        "lower than {n}",
        "below {n}",
        "under {n}",
        "< {n}",
    ),
    Comparator.MORE_THAN: (
        "more than {n}",
        "greater than {n}",
        "higher than {n}",
        "above {n}",
        "over {n}",
        "> {n}",
    ),
    Comparator.EQUAL: ("= {n}", "exactly {n}", "equal to {n}"),
    Comparator.BETWEEN: ("between {n} and {m}", "{n} to {m}", "from {n} to {m}"),
}

# A number as written: optional minus, thousands grouped by commas or not, optional decimals.
_NUMBER = r"[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"


def _slot(name: str) -> str:
    return rf"(?P<{name}>{_NUMBER})\s*(?P<{name}_pc>%)?"


def _compile(form: str) -> re.Pattern[str]:
    pattern = ""
    for piece in re.split(r"(\{n\}|\{m\}| )", form):
        if piece == "{n}":
            pattern += _slot("n")
        elif piece == "{m}":
            pattern += _slot("m")
        elif piece == " ":
            pattern += r"\s*" if _is_symbol_gap(form) else r"\s+"
        else:
            pattern += re.escape(piece)
    return re.compile(pattern, re.IGNORECASE)


def _is_symbol_gap(form: str) -> bool:
    # "<= 5" may be written "<=5"; word forms need their spaces.
    return form[0] in "<>=≤≥"


_PATTERNS: tuple[tuple[Comparator, str, re.Pattern[str]], ...] = tuple(
    (comparator, form, _compile(form)) for comparator, forms in FORMS.items() for form in forms
)

EXAMPLES = (
    "997 or fewer",
    "95% or above",
    "at least 5",
    "no more than 3",
    "less than 10",
    "more than 2",
    "between 80 and 90",
    "= 0",
)


@dataclass(frozen=True)
class Target:
    """A comparator and its number(s); `percent` says the numbers are percentages (95 = 95%).

    `form` and `written` only remember how the target was worded; two targets that mean the
    same ("1,218 or fewer" and "1218 or less") are equal.
    """

    comparator: Comparator
    value: float
    upper: float | None = None
    percent: bool = False
    form: str = field(default="", compare=False)
    written: tuple[str, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        if (self.comparator is Comparator.BETWEEN) != (self.upper is not None):
            raise InvalidInput.of(
                "target", "a target range needs two numbers; other targets need one"
            )
        if self.upper is not None and self.upper < self.value:
            raise InvalidInput.of(
                "target",
                f"target range from {_format(self.value)} to {_format(self.upper)} runs backwards:"
                " write the smaller number first",
            )
        if not self.form:
            object.__setattr__(self, "form", FORMS[self.comparator][0])
        if not self.written:
            numbers = (self.value,) if self.upper is None else (self.value, self.upper)
            object.__setattr__(self, "written", tuple(_format(x) for x in numbers))

    def met(self, value: float) -> bool:
        """Whether `value` (in the target's units: 87 for 87%) meets the target."""
        if self.comparator is Comparator.AT_MOST:
            return value <= self.value
        if self.comparator is Comparator.LESS_THAN:
            return value < self.value
        if self.comparator is Comparator.AT_LEAST:
            return value >= self.value
        if self.comparator is Comparator.MORE_THAN:
            return value > self.value
        if self.comparator is Comparator.EQUAL:
            return math.isclose(value, self.value, rel_tol=1e-9, abs_tol=1e-12)
        assert self.upper is not None
        return self.value <= value <= self.upper

    @property
    def lower_is_better(self) -> bool | None:
        """What the wording implies about polarity; None for "between" and "=" targets."""
        if self.comparator in (Comparator.AT_MOST, Comparator.LESS_THAN):
            return True
        if self.comparator in (Comparator.AT_LEAST, Comparator.MORE_THAN):
            return False
        return None

    def render(self) -> str:
        """The target in the words it was written in ("18.86% or above")."""
        mark = "%" if self.percent else ""
        text = self.form.replace("{n}", self.written[0] + mark)
        if self.upper is not None:
            text = text.replace("{m}", self.written[1] + mark)
        return text

    def __str__(self) -> str:
        return self.render()


def parse_target(text: str, *, where: str = "", field: str = "target") -> Target:
    """Parse a target as people write it; `where` (file, row, column) prefixes any error, which
    belongs to `field` (kept as written, so the place it names reads exactly)."""
    cleaned = " ".join(text.replace("\u00a0", " ").split()).strip().rstrip(".")
    for comparator, form, pattern in _PATTERNS:
        match = pattern.fullmatch(cleaned)
        if match is None:
            continue
        slots = ["n", "m"] if comparator is Comparator.BETWEEN else ["n"]
        written = tuple(_normalise(match.group(slot)) for slot in slots)
        numbers = [_number(w) for w in written]
        percent = any(match.group(f"{slot}_pc") for slot in slots)
        try:
            return Target(
                comparator=comparator,
                value=numbers[0],
                upper=numbers[1] if len(numbers) > 1 else None,
                percent=percent,
                form=form,
                written=written,
            )
        except InvalidInput as error:
            why = str(error)[:1].lower() + str(error)[1:]
            raise InvalidInput(f"{_prefix(where)}target {text!r}: {why}", field=field) from None
    raise InvalidInput(
        f"{_prefix(where)}target {text!r} is not understood. Write a number with the direction "
        f"that meets it, as in {', '.join(repr(e) for e in EXAMPLES)}. "
        f"Understood wordings: {_WORDINGS} (N and M are numbers such as 83, 1,218, 18.86 or 95%).",
        field=field,
    )


_WORDINGS = "; ".join(
    " / ".join(form.replace("{n}", "N").replace("{m}", "M") for form in forms)
    for forms in FORMS.values()
)


def _prefix(where: str) -> str:
    return f"{where}: " if where else ""


def _normalise(written: str) -> str:
    return written.replace("−", "-")


def _number(written: str) -> float:
    return float(written.replace(",", ""))


def _format(value: float) -> str:
    """A number in the shortest form that reads back exactly (83, 18.86, 1e-05 as 0.00001)."""
    text = format(Decimal(repr(value)), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text
