"""The ranking run form: its defaults, and what was typed read into the run's settings with
problems by field (the period start a GOV.UK date input)."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from joinedup.errors import InvalidInput, NotFound
from joinedup.inputs import uk_date
from joinedup.metrics import service as metrics
from joinedup.ranking import schemas as choices
from joinedup.web.forms import date_parts

DATE_PARTS = ("day", "month", "year")
REAL_DATE = "Period start must be a real date, for example 1 4 2019"


def start_fields(start: date | None) -> dict[str, str]:
    """The period start as the GOV.UK date input's day, month and year boxes."""
    parts = (start.day, start.month, start.year) if start else ("", "", "")
    return {f"period_start-{p}": str(v) for p, v in zip(DATE_PARTS, parts, strict=True)}


def default_form(session: Session) -> dict[str, str]:
    try:
        start: date | None = metrics.latest_period_start(session, months=choices.DEFAULT_MONTHS)
    except NotFound:
        start = None
    return {
        "name": "",
        **start_fields(start),
        "months": str(choices.DEFAULT_MONTHS),
        **{f"weight_{i}": f"{s.default_weight:g}" for i, s in choices.INDICATORS.items()},
        "normalisation": "rank",
        "aggregation": "arithmetic",
        "missing": "reweight",
        "draws": str(choices.WEB_DEFAULT_DRAWS),
        "seed": "1",
        "select": "12",
        "min_population": str(choices.SMALL_AREA_MIN_65PLUS),
    }


def _whole(text: str, field: str, label: str, errors: dict[str, str]) -> int | None:
    try:
        return int(text.strip())
    except ValueError:
        errors[field] = f"{label} must be a whole number, like 2000"
        return None


def _period_start(form: dict[str, str], errors: dict[str, str]) -> date | None:
    """The period start from its day, month and year boxes (or, from a script, one field in a
    form such as 1/4/2019 or 2019-04-01)."""
    try:
        given = date_parts(form, "period_start")
        typed = uk_date(given) if isinstance(given, str) else given
        if isinstance(typed, str):
            typed = date.fromisoformat(typed)
    except InvalidInput as error:
        said = error.problems.get("period_start", "")
        errors["period_start"] = (
            said.replace("The date", "Period start") if "must include" in said else REAL_DATE
        )
        return None
    except ValueError:
        errors["period_start"] = REAL_DATE
        return None
    if not isinstance(typed, date):
        errors["period_start"] = "Enter the period start, for example 1 4 2019"
        return None
    return typed


def start_error_parts(form: dict[str, str]) -> list[str]:
    """The boxes of the period start to highlight: the empty ones, or all three when each has
    something in it but together they are not a date."""
    empty = [p for p in DATE_PARTS if not str(form.get(f"period_start-{p}", "")).strip()]
    return empty if 0 < len(empty) < len(DATE_PARTS) else list(DATE_PARTS)


def run_input(form: dict[str, str], errors: dict[str, str]) -> dict[str, Any]:
    """The run's settings from the form, as the service's input model takes them; problems go
    into ``errors`` by field."""
    start = _period_start(form, errors)
    months = _whole(form["months"], "months", "Period length", errors)
    weights: dict[str, float] = {}
    for indicator_id, spec in choices.INDICATORS.items():
        field = f"weight_{indicator_id}"
        try:
            weight = float(form[field].strip())
        except ValueError:
            errors[field] = f"Weight of {spec.title.lower()} must be a number, like 1"
            continue
        if not (math.isfinite(weight) and weight >= 0):
            errors[field] = f"Weight of {spec.title.lower()} must be 0 or more"
            continue
        if weight != spec.default_weight:  # only changed weights, as the command line takes them
            weights[indicator_id] = weight
    given = {i: weights.get(i, s.default_weight) for i, s in choices.INDICATORS.items()}
    if not any(f"weight_{i}" in errors for i in given) and not any(given.values()):
        errors[f"weight_{next(iter(given))}"] = "At least one weight must be above 0"
    draws = _whole(form["draws"], "draws", "Draws", errors)
    if draws is not None and not choices.MIN_SAVED_DRAWS <= draws <= choices.MAX_SAVED_DRAWS:
        errors["draws"] = (
            f"Draws must be between {choices.MIN_SAVED_DRAWS:,} and {choices.MAX_SAVED_DRAWS:,}"
        )
    seed = _whole(form["seed"], "seed", "Seed", errors)
    select: int | None = None
    if form["select"].strip():
        select = _whole(form["select"], "select", "Number to select", errors)
        if select is not None and select < 1:
            errors["select"] = "Number to select must be 1 or more, or left empty"
    smallest = _whole(form["min_population"], "min_population", "Smallest population", errors)
    if smallest is not None and smallest < 0:
        errors["min_population"] = "Smallest population must be 0 or more"
    if not form["name"].strip():
        errors["name"] = "Enter a name for the ranking run"
    elif len(form["name"].strip()) > 200:
        errors["name"] = "Name must be 200 characters or fewer"
    return {
        "name": form["name"],
        "period_start": start,
        "months": months,
        "weights": weights,
        "normalisation": form["normalisation"],
        "aggregation": form["aggregation"],
        "missing": form["missing"],
        "draws": draws or choices.WEB_DEFAULT_DRAWS,
        "seed": seed or 0,
        "select": select,
        "min_population": choices.SMALL_AREA_MIN_65PLUS if smallest is None else smallest,
    }
