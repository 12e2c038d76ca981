"""Every form the pages offer, found by visiting every page of the route table (ids and codes of
the demo world filled in), posted with control characters in each of its text fields in turn:
refused with 400 and a message, nothing stored, never a server error; the pages still render.

Generated, so a new page or form is covered without being listed; forms without free text
(buttons such as "approve") and the sign-in form (a failed sign-in is recorded by design) are
left out."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from joinedup.store.database import Database
from joinedup.store.presence import TRANSIENT_TABLES
from joinedup.store.registry import metadata
from tests.conftest import OXFORDSHIRE, demo_email, sign_in
from tests.web.test_authorisation_matrix import app_routes

HOSTILE = "Slipped\x0b because\x1b[31m of\x07 winter"
FILLED = {"area_code": OXFORDSHIRE, "code": "A", "slug": "x", "key": "summit"}
LEFT_OUT = ("/sign-in", "/sign-out")
DATE_PARTS = ("-day", "-month", "-year")


class _Forms(HTMLParser):
    """The POST forms of a page: action, hidden and chosen values, and free-text fields."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, Any]] = []
        self._form: dict[str, Any] | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "").lower() == "post":
            self._form = {"action": a.get("action", ""), "fixed": {}, "text": [], "file": False}
            self.forms.append(self._form)
        if self._form is None or "name" not in a:
            return
        name, kind = a["name"], a.get("type", "text").lower()
        if tag == "textarea" or (tag == "input" and kind in ("text", "email", "search", "")):
            self._form["text"].append(name)
            self._form["fixed"].setdefault(name, a.get("value", "") or "Fine")
        elif tag == "input" and kind == "file":
            self._form["file"] = True
        elif tag == "input" and kind in ("hidden", "number", "date"):
            self._form["fixed"][name] = a.get("value", "") or "1"
        elif tag == "input" and kind in ("radio", "checkbox"):
            self._form["fixed"].setdefault(name, a.get("value", ""))
        elif tag == "select":
            self._select = name
        if tag == "option" and self._select and a.get("value"):
            self._form["fixed"].setdefault(self._select, a["value"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        if tag == "select":
            self._select = None


def _pages(client: TestClient) -> list[str]:
    """Every page of the route table (also inside included routers), its ids filled in."""
    pages = []
    routes = client.app.routes  # type: ignore[attr-defined]
    for method, path in app_routes(routes):
        if method != "GET" or path.startswith(("/api", "/static")):
            continue
        if path.endswith((".xlsx", ".csv", ".pdf", ".docx", ".json")):
            continue
        pages.append(re.sub(r"\{(\w+)(:\w+)?\}", lambda m: FILLED.get(m.group(1), "1"), path))
    return sorted(set(pages))


def _rows(database: Database) -> dict[str, int]:
    with database.session() as session:
        return {
            t.name: session.scalar(select(func.count()).select_from(t)) or 0
            for t in metadata.sorted_tables
            if t.name not in TRANSIENT_TABLES and t.name not in ("sign_in_attempts",)
        }


def test_every_form_refuses_control_characters_in_each_text_field(
    client: TestClient, database: Database
) -> None:
    sign_in(client, demo_email("admin"))
    forms: dict[tuple[str, str], dict[str, Any]] = {}
    for page in _pages(client):
        answer = client.get(page)
        assert answer.status_code < 500, page
        if answer.status_code != 200 or "text/html" not in answer.headers["content-type"]:
            continue
        parser = _Forms()
        parser.feed(answer.text)
        for form in parser.forms:
            action = form["action"] or page
            if form["text"] and not form["file"] and not action.startswith(LEFT_OUT):
                # the day, month and year boxes of a date are numbers: the date tests cover them
                for field in [f for f in form["text"] if not f.endswith(DATE_PARTS)]:
                    forms.setdefault((action, field), form)
    assert len({action for action, _ in forms}) >= 15, sorted(forms)
    before = _rows(database)
    wrong = []
    for (action, field), form in sorted(forms.items()):
        data = {**form["fixed"], field: HOSTILE}
        answer = client.post(action, data=data, follow_redirects=False)
        if answer.status_code != 400 or "There is a problem" not in answer.text:
            wrong.append(f"{action} {field}: {answer.status_code}")
    assert not wrong, f"{len(wrong)} of {len(forms)} not refused:\n" + "\n".join(wrong)
    assert _rows(database) == before
    for page in ("/plans/1", "/plans/1/export.xlsx", f"/systems/{OXFORDSHIRE}"):
        assert client.get(page).status_code == 200, page
