"""People and places by name on every page: the Jinja filters ``area_name`` (an ONS code to the
area's name) and ``person_name`` (an email to the person's name), read once per page and only
when a template asks."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context

from joinedup.access import service as access
from joinedup.areas import service as areas
from joinedup.store.database import Database


class Names:
    def __init__(self, database: Database) -> None:
        self._database = database

    @cached_property
    def _areas(self) -> dict[str, str]:
        with self._database.session() as session:
            return {a.code: a.name for a in areas.list_areas(session)}

    @cached_property
    def _people(self) -> dict[str, str]:
        with self._database.session() as session:
            return access.names_by_email(session)

    def area(self, code: str | None) -> str:
        return self._areas.get(code or "", code or "")

    def person(self, email: str | None) -> str:
        """The person's name; someone without an account (or a command-line run) as written."""
        if not email:
            return ""
        if email == "operator":
            return "Command line"
        return self._people.get(email.strip().lower(), email)


def _names(context: Context) -> Names | None:
    found: Any = context.get("names")
    return found if isinstance(found, Names) else None


@pass_context
def area_name(context: Context, code: str | None) -> str:
    names = _names(context)
    return names.area(code) if names else (code or "")


@pass_context
def person_name(context: Context, email: str | None) -> str:
    names = _names(context)
    return names.person(email) if names else (email or "")
