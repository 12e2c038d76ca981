"""Statistical disclosure control of figures shown outside the national roles.

The rule is the one NHS England applies to Hospital Episode Statistics outputs: a count of
people or records from 1 to 7 is suppressed, any other count is rounded to the nearest 5 (zero
stays zero), and a value derived from a suppressed count (a rate, proportion, mean or
percentile, with its confidence interval) is suppressed with it. Values shown are those
computed from the unrounded counts; totals (England) are rounded from their own unrounded
counts, never summed from rounded parts, which is how HES outputs stop a suppressed count being
recovered by subtraction (see docs/methods.md, "Disclosure control").

Only what is shown is controlled: rankings, comparisons, funnel limits and SPC are computed
from the stored, unrounded values. National roles (admin, analyst, reviewer) see unrounded
figures; a system's people, public pages, papers and publication exports see controlled ones.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from datetime import date
from enum import StrEnum

from joinedup.access.rules import Permission, Principal
from joinedup.areas.rules import ENGLAND
from joinedup.metrics.indicators import INDICATORS, Indicator, Tally
from joinedup.metrics.stored import StoredValue

# The marker ONS and NHS England tables use for a confidential (suppressed) figure.
MARKER = "[c]"
SUPPRESSED = "suppressed"
SHOWN = "shown"


class Audience(StrEnum):
    """Who a figure is shown to: national roles see unrounded figures, everyone else (a
    system's people, the public, a paper or a publication export) controlled ones."""

    NATIONAL = "national"
    CONTROLLED = "controlled"


def audience_of(actor: Principal) -> Audience:
    return Audience.NATIONAL if actor.can(Permission.VIEW_NATIONAL) else Audience.CONTROLLED


@dataclass(frozen=True)
class Rule:
    """A deployment's rule (settings ``disclosure_*``): counts from ``suppress_from`` to
    ``suppress_to`` suppressed, others rounded to the nearest ``rounding_base``."""

    enabled: bool = True
    suppress_from: int = 1
    suppress_to: int = 7
    rounding_base: int = 5

    @classmethod
    def from_settings(cls) -> Rule:
        from joinedup.settings import get_settings

        settings = get_settings()
        return cls(
            enabled=settings.disclosure_control,
            suppress_from=settings.disclosure_suppress_from,
            suppress_to=settings.disclosure_suppress_to,
            rounding_base=settings.disclosure_rounding_base,
        )

    def suppresses(self, count: float | None) -> bool:
        if not self.enabled or count is None or math.isnan(count):
            return False
        return self.suppress_from <= count <= self.suppress_to

    def rounded(self, count: float | None) -> float | None:
        """The count as shown: None when suppressed, else to the nearest base (halves up)."""
        if count is None or math.isnan(count):
            return None
        if self.suppresses(count):
            return None
        if not self.enabled or self.rounding_base <= 1:
            return count
        return float(math.floor(count / self.rounding_base + 0.5) * self.rounding_base)

    @property
    def reason(self) -> str:
        """Why a figure is not shown, in the words pages, exports and papers use."""
        return f"suppressed: fewer than {self.suppress_to + 1} people or records"

    @property
    def note(self) -> str:
        """What was done to the figures shown, for a page's key or a file's header."""
        if not self.enabled:
            return "Disclosure control is turned off for this deployment: figures are unrounded."
        rounding = (
            f" Other counts are rounded to the nearest {self.rounding_base}."
            if self.rounding_base > 1
            else ""
        )
        return (
            f"{MARKER} marks a suppressed figure: a count of {self.suppress_from} to "
            f"{self.suppress_to} people or records is not shown, nor any rate, proportion, "
            f"average or interval made from it.{rounding} Rates and proportions are computed "
            "from the unrounded counts; totals are rounded from their own counts, not added up "
            "from rounded ones."
        )


@dataclass(frozen=True)
class ShownValue(StoredValue):
    """A stored value as shown to an audience: counts rounded or suppressed, and the value and
    its intervals suppressed with a suppressed count (``status`` says which, ``reason`` why)."""

    status: str = SHOWN
    reason: str = ""

    @property
    def suppressed(self) -> bool:
        return self.status == SUPPRESSED


def _as_shown(value: StoredValue) -> ShownValue:
    return ShownValue(**{f.name: getattr(value, f.name) for f in fields(StoredValue)})


def _counted(item: Indicator | None) -> tuple[bool, bool]:
    """Whether the numerator and the denominator are counted from records (a population
    estimate is published, not counted, so is shown as it is)."""
    if item is None:  # no longer in the catalogue: treat both as counts
        return True, True
    return isinstance(item.numerator, Tally), isinstance(item.denominator, Tally)


def control(
    value: StoredValue,
    *,
    audience: Audience,
    rule: Rule,
    item: Indicator | None = None,
) -> ShownValue:
    """One value as shown to ``audience``."""
    if item is None:
        item = next((i for i in INDICATORS if i.id == value.indicator), None)
    if audience is Audience.NATIONAL or not rule.enabled:
        return _as_shown(value)
    numerator_counted, denominator_counted = _counted(item)
    numerator = rule.rounded(value.numerator) if numerator_counted else value.numerator
    denominator = rule.rounded(value.denominator) if denominator_counted else value.denominator
    hidden = (numerator_counted and rule.suppresses(value.numerator)) or (
        denominator_counted and rule.suppresses(value.denominator)
    )
    if hidden:
        return ShownValue(
            value.area_code,
            value.indicator,
            value.period_start,
            value.period_end,
            numerator,
            denominator,
            None,
            None,
            None,
            None,
            None,
            status=SUPPRESSED,
            reason=rule.reason,
        )
    return ShownValue(
        value.area_code,
        value.indicator,
        value.period_start,
        value.period_end,
        numerator,
        denominator,
        value.value,
        value.lower_95,
        value.upper_95,
        value.lower_998,
        value.upper_998,
    )


def control_all(
    values: Iterable[StoredValue],
    *,
    audience: Audience,
    rule: Rule | None = None,
    beside_total: bool = False,
) -> list[ShownValue]:
    """Values as shown to ``audience`` (the deployment's rule unless one is given).

    ``beside_total``: the values are every area's, shown beside England's (a national table):
    a suppressed area's figure must not follow from England's less the others, so the next
    smallest areas are suppressed too (see ``_secondary``)."""
    rule = rule or Rule.from_settings()
    by_id = {i.id: i for i in INDICATORS}
    raw = list(values)
    shown = [control(v, audience=audience, rule=rule, item=by_id.get(v.indicator)) for v in raw]
    if beside_total and audience is Audience.CONTROLLED and rule.enabled:
        shown = _secondary(raw, shown, rule)
    return shown


def _secondary(raw: list[StoredValue], shown: list[ShownValue], rule: Rule) -> list[ShownValue]:
    """Secondary suppression: for each indicator and period, suppress the smallest other areas
    beside a suppressed one until at least two are suppressed and together they count more
    than the largest suppressible count (numerators and counted denominators alike). England's
    total less the figures shown then gives only their sum, which singles none of them out.
    Values are computed from unrounded counts, which a proportion with a small denominator can
    give away, so rounding England's total alone would not be enough."""
    groups: dict[tuple[str, date, date], list[int]] = {}
    totals: dict[tuple[str, date, date], int] = {}
    for at, value in enumerate(raw):
        key = (value.indicator, value.period_start, value.period_end)
        if value.area_code == ENGLAND:
            totals[key] = at
        else:
            groups.setdefault(key, []).append(at)
    out = list(shown)
    for key, members in groups.items():
        hidden = [at for at in members if out[at].suppressed]
        if not hidden:
            continue
        candidates = sorted(
            (at for at in members if not out[at].suppressed),
            key=lambda at: (_size(raw[at].numerator), _size(raw[at].denominator)),
        )
        while candidates and not _safe([raw[at] for at in hidden], rule):
            at = candidates.pop(0)
            hidden.append(at)
            out[at] = _suppress(out[at], rule)
        if not _safe([raw[at] for at in hidden], rule) and key in totals:
            # Every other area held back and still too few: England's total would tell.
            out[totals[key]] = _suppress(out[totals[key]], rule)
    return out


def _size(count: float | None) -> float:
    return math.inf if count is None or math.isnan(count) else count


def _safe(group: list[StoredValue], rule: Rule) -> bool:
    """Two or more figures whose counts together exceed the suppressible range."""
    if len(group) < 2:
        return False
    for part in ("numerator", "denominator"):
        known = [c for c in (getattr(v, part) for v in group) if _size(c) != math.inf]
        if known and sum(known) <= rule.suppress_to:
            return False
    return True


def _suppress(value: ShownValue, rule: Rule) -> ShownValue:
    """A figure held back to protect another: shown, and marked, as any suppressed one."""
    return replace(
        value,
        numerator=None,
        denominator=value.denominator if _published(value) else None,
        value=None,
        lower_95=None,
        upper_95=None,
        lower_998=None,
        upper_998=None,
        status=SUPPRESSED,
        reason=rule.reason,
    )


def _published(value: ShownValue) -> bool:
    """Whether the value's denominator is a published population, not a count."""
    item = next((i for i in INDICATORS if i.id == value.indicator), None)
    return item is not None and not _counted(item)[1]
