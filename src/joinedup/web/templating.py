"""Jinja2 environment: our templates plus the GOV.UK Frontend macros."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from fastapi.templating import Jinja2Templates
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader, select_autoescape

from joinedup.periods import long_date
from joinedup.web.names import area_name, person_name


def _date(value: date | datetime | str | None, style: str = "long") -> str:
    """Dates as GOV.UK writes them: 4 June 2019 (long) or 4 Jun 2019 (short); an ISO date in
    text (as JSON carries it) too."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return str(value)
    if style == "short":
        return f"{value.day} {value:%b %Y}"
    return long_date(value)


def _number(value: float | int | None, places: int = 0) -> str:
    if value is None:
        return ""
    return f"{value:,.{places}f}"


def make_templates() -> Jinja2Templates:
    loader = ChoiceLoader(
        [
            PackageLoader("joinedup.web", "templates"),
            PrefixLoader(
                {"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja", "templates")}
            ),
        ]
    )
    env = Environment(
        loader=loader,
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    filters: dict[str, Any] = {
        "govuk_date": _date,
        "number": _number,
        "area_name": area_name,
        "person_name": person_name,
    }
    env.filters.update(filters)
    return Jinja2Templates(env=env)
