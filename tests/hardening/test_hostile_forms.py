"""Every form the pages offer, found by visiting every page of the route table (ids and codes of
the demo world filled in), posted with control characters in each of its text fields in turn:
refused with 400 and a message, nothing stored, never a server error; the pages still render.
The day, month and year boxes of every GOV.UK date input on those forms are given hostile values
in turn (and impossible whole dates): refused with 400 and a message linked to the date.

Generated, so a new page or form is covered without being listed; forms without free text
(buttons such as "approve") and the sign-in form (a failed sign-in is recorded by design) are
left out."""

from __future__ import annotations

import re
from datetime import date, timedelta
from html.parser import HTMLParser
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from joinedup import clock
from joinedup.governance.models import ActionArising, Meeting
from joinedup.store.database import Database
from joinedup.store.presence import TRANSIENT_TABLES
from joinedup.store.registry import metadata
from tests.conftest import OXFORDSHIRE, csrf_from, demo_email, sign_in
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


def _open_records(database: Database) -> list[str]:
    """Pages whose forms close once done, for a record still open: a meeting whose minutes are
    not approved, an action arising not yet in a plan."""
    with database.session() as session:
        meeting = session.scalar(
            select(func.min(Meeting.id)).where(Meeting.minutes_status != "approved")
        )
        arising = session.scalar(
            select(func.min(ActionArising.id)).where(ActionArising.plan_action_id.is_(None))
        )
    assert meeting, "the demo world has a meeting whose minutes are not approved"
    assert arising, "the demo world has an action arising not yet in a plan"
    return [f"/meetings/{meeting}", f"/actions-arising/{arising}/plan"]


def _walk(client: TestClient, database: Database) -> list[tuple[str, dict[str, Any]]]:
    """Every POST form with typed fields on every page, with the action it posts to."""
    found = []
    for page in _pages(client) + _open_records(database):
        answer = client.get(page)
        assert answer.status_code < 500, page
        if answer.status_code != 200 or "text/html" not in answer.headers["content-type"]:
            continue
        parser = _Forms()
        parser.feed(answer.text)
        for form in parser.forms:
            action = form["action"] or page
            if form["text"] and not form["file"] and not action.startswith(LEFT_OUT):
                found.append((action, form))
    return found


def _still_render(client: TestClient) -> None:
    for page in ("/plans/1", "/plans/1/export.xlsx", f"/systems/{OXFORDSHIRE}"):
        assert client.get(page).status_code == 200, page


def test_every_form_refuses_control_characters_in_each_text_field(
    client: TestClient, database: Database
) -> None:
    sign_in(client, demo_email("admin"))
    forms: dict[tuple[str, str], dict[str, Any]] = {}
    for action, form in _walk(client, database):
        # the day, month and year boxes of a date are numbers: the test below covers them
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
    _still_render(client)


# typed into one box of a date, the other two holding a real date
HOSTILE_PARTS = {
    "control characters": "1\x0b\x1b[31m2\x07",
    "NUL": "1\x002",
    "an overflowing number": "1e308",
    "a negative number": "-1",
    "zero": "0",
    "too many digits": "99999",
    "a huge string": "9" * 100_000,
    "markup": "<script>alert(1)</script>",
    "a slashed date": "31/02",
    "a decimal": "1.5",
    "a superscript digit": "\u00b2",
}
# whole dates that do not exist or lie outside any window a field declares
HOSTILE_DATES = {
    "31 February": ("31", "2", "2019"),
    "year 0": ("1", "1", "0"),
    "year 99999": ("1", "1", "99999"),
    "year 1": ("1", "1", "1"),
    "year 9999": ("31", "12", "9999"),
}


def _date_cases(name: str, parts: tuple[str, ...], day: date) -> list[tuple[str, dict[str, str]]]:
    """Hostile values in each of the date's boxes in turn (a month input has no day box), then
    impossible whole dates."""
    good = {"day": str(day.day), "month": str(day.month), "year": str(day.year)}
    good = {p: v for p, v in good.items() if p in parts}
    cases = []
    for part in parts:
        for what, value in HOSTILE_PARTS.items():
            cases.append((f"{what} in {name}-{part}", {**good, part: value}))
    for what, whole in HOSTILE_DATES.items():
        if "day" not in parts and what == "31 February":
            continue  # February itself is a real month
        typed = dict(zip(("day", "month", "year"), whole, strict=True))
        cases.append((f"{what} in {name}", {p: v for p, v in typed.items() if p in parts}))
    return [
        (what, {f"{name}-{part}": value for part, value in typed.items()}) for what, typed in cases
    ]


def _links_to_date(html: str, name: str) -> bool:
    """Whether the error summary links to the date ``name``: to its name, or to the id of its
    boxes where a page holds several dates of that name (a review's milestones)."""
    boxes = re.findall(rf'id="([\w-]+)-(?:day|month|year)"\s+name="{re.escape(name)}-', html)
    return any(f'href="#{target}' in html for target in {name, *boxes})


def test_every_date_box_refuses_hostile_values(client: TestClient, database: Database) -> None:
    sign_in(client, demo_email("admin"))
    # the form as a person would fill it: text fields fine, every date a real, recent one
    day = clock.today() - timedelta(days=7)
    dates: dict[tuple[str, str], tuple[tuple[str, ...], dict[str, str]]] = {}
    for action, form in _walk(client, database):
        boxes = [f.rsplit("-", 1) for f in form["text"] if f.endswith(DATE_PARTS)]
        names = {name: tuple(p for n, p in boxes if n == name) for name, _ in boxes}
        filled = dict(form["fixed"])
        for name, parts in names.items():
            good = {"day": day.day, "month": day.month, "year": day.year}
            filled.update({f"{name}-{p}": str(good[p]) for p in parts})
        for name, parts in names.items():
            dates.setdefault((action, name), (parts, filled))
    assert len(dates) >= 12, sorted(dates)
    before = _rows(database)
    wrong = []
    for (action, name), (parts, filled) in sorted(dates.items()):
        for what, typed in _date_cases(name, parts, day):
            try:
                answer = client.post(action, data={**filled, **typed}, follow_redirects=False)
            except Exception as error:  # a server error, raised by the test client
                wrong.append(f"{action} {what}: 500 {type(error).__name__}")
                continue
            named = _links_to_date(answer.text, name)
            if answer.status_code != 400 or "There is a problem" not in answer.text or not named:
                wrong.append(f"{action} {what}: {answer.status_code}, field named: {named}")
    assert not wrong, f"{len(wrong)} not refused:\n" + "\n".join(wrong)
    assert _rows(database) == before
    _still_render(client)


def test_an_open_action_refuses_a_completion_date_that_is_not_a_date(
    client: TestClient, database: Database
) -> None:
    """An action not marked complete stores no completion date: a real one left in the form
    (the old date of a reopened action) is not stored, one that is not a date is refused by
    name, as it would be for a complete action."""
    sign_in(client, demo_email("system_lead", OXFORDSHIRE))
    page = client.get("/actions/1")  # A.1, complete in the demo
    version = re.search(r'name="version" value="(\d+)"', page.text)
    assert version
    form = {
        "csrf_token": csrf_from(page.text),
        "version": version.group(1),
        "status": "on_track",
        "reason": "Partners asked for more",
    }
    before = _rows(database)
    for day, month, year in (("31", "2", "2019"), ("1\x1b", "1", "2019"), ("1", "1", "99999")):
        typed = {"completed_on-day": day, "completed_on-month": month, "completed_on-year": year}
        refused = client.post("/actions/1", data={**form, **typed}, follow_redirects=False)
        assert refused.status_code == 400, (day, month, year)
        assert 'href="#completed_on"' in refused.text
        assert "Enter a real date" in refused.text or "between" in refused.text
    assert _rows(database) == before
    old = {"completed_on-day": "1", "completed_on-month": "1", "completed_on-year": "2020"}
    reopened = client.post("/actions/1", data={**form, **old}, follow_redirects=False)
    assert reopened.status_code == 303
    again = client.get("/actions/1").text
    assert "Not yet" in again  # reopened, and no completion date kept
