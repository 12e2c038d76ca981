"""What a lead made they can change: a plan's title and dates (typed day, month and year) and a
workstream's title, lead and responsible group, on the page and through the API; each save
versioned (a stale one refused, what was typed kept), audited and listed as an earlier change;
bad input refused by field; others refused. On SQLite and PostgreSQL."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from joinedup.access import audit
from joinedup.access import service as access
from joinedup.store.database import Database
from tests.conftest import OXFORDSHIRE, csrf_from, demo_email, sign_in

LEAD = demo_email("system_lead", OXFORDSHIRE)
CONTRIBUTOR = demo_email("contributor", OXFORDSHIRE)


def _version(html: str) -> str:
    match = re.search(r'name="version" value="(\d+)"', html)
    assert match
    return match.group(1)


def _plan_form(client: TestClient, **fields: str) -> dict[str, str]:
    page = client.get("/plans/1/edit").text
    return {
        "csrf_token": csrf_from(page),
        "version": _version(page),
        "title": "Oxfordshire improvement plan, as agreed",
        "agreed_on-day": "13",
        "agreed_on-month": "6",
        "agreed_on-year": "2019",
        "planned_end-day": "31",
        "planned_end-month": "3",
        "planned_end-year": "2021",
        **fields,
    }


def _token(database: Database) -> dict[str, str]:
    with database.session() as session:
        lead = access.principal_for(access.get_user(session, LEAD))
        token = access.issue_token(session, actor=lead, email=LEAD)
    return {"authorization": f"Bearer {token}"}


def test_the_lead_changes_the_plans_title_and_dates(client: TestClient, database: Database) -> None:
    sign_in(client, LEAD)
    assert 'href="/plans/1/edit"' in client.get("/plans/1").text
    form_page = client.get("/plans/1/edit").text
    assert 'name="agreed_on-day"' in form_page
    assert 'name="planned_end-year"' in form_page
    saved = client.post("/plans/1/edit", data=_plan_form(client), follow_redirects=False)
    assert saved.status_code == 303
    assert saved.headers["location"] == "/plans/1"
    plan = client.get("/plans/1").text
    assert "Your changes have been saved" in plan
    assert "Oxfordshire improvement plan, as agreed" in plan
    assert "13 June 2019" in plan
    assert "31 March 2021" in plan
    # Kept in its history: who changed what, from what.
    again = client.get("/plans/1/edit").text
    assert "Earlier changes" in again
    assert "Lucy Barton" in again
    assert "Oxfordshire improvement plan, as agreed" in again
    with database.session() as session:
        edits = [e for e in audit.events_for(session, "plan", 1) if e.action == "plan.edit"]
    assert edits[-1].after["planned_end"] == "2021-03-31"
    assert edits[-1].actor == LEAD


def test_bad_dates_are_refused_by_field_and_nothing_is_saved(client: TestClient) -> None:
    sign_in(client, LEAD)
    before = client.get("/plans/1").text
    title = re.search(r'<h1 class="govuk-heading-l">([^<]+)</h1>', before)
    assert title
    unreal = client.post(
        "/plans/1/edit",
        data=_plan_form(client, **{"agreed_on-day": "31", "agreed_on-month": "2", "title": "X"}),
    )
    assert unreal.status_code == 400
    assert 'href="#agreed_on"' in unreal.text
    assert "Enter a real date" in unreal.text
    assert 'value="X"' in unreal.text  # what was typed is kept
    backwards = client.post(
        "/plans/1/edit", data=_plan_form(client, **{"planned_end-year": "2018"})
    )
    assert backwards.status_code == 400
    assert 'href="#planned_end"' in backwards.text
    assert "on or after the date the plan was agreed" in backwards.text
    missing = client.post("/plans/1/edit", data=_plan_form(client, title=" "))
    assert missing.status_code == 400
    assert "Enter a title for the plan" in missing.text
    assert title.group(1) in client.get("/plans/1").text  # unchanged


def test_a_stale_save_is_refused_keeping_what_was_typed(client: TestClient) -> None:
    sign_in(client, LEAD)
    first = _plan_form(client, title="First title")
    second = {**first, "title": "Second title"}
    assert client.post("/plans/1/edit", data=first, follow_redirects=False).status_code == 303
    refused = client.post("/plans/1/edit", data=second)
    assert refused.status_code == 409
    assert "Somebody else changed this first" in refused.text
    assert "First title" in refused.text  # what it holds now
    assert 'value="Second title"' in refused.text  # what was typed
    assert _version(refused.text) == str(int(first["version"]) + 1)
    again = {**second, "version": _version(refused.text)}
    assert client.post("/plans/1/edit", data=again, follow_redirects=False).status_code == 303
    assert "Second title" in client.get("/plans/1").text


def test_the_lead_changes_a_workstreams_title_lead_and_group(client: TestClient) -> None:
    sign_in(client, LEAD)
    assert 'href="/plans/1/workstreams/H/edit"' in client.get("/plans/1/workstreams/H").text
    page = client.get("/plans/1/workstreams/H/edit").text
    form = {
        "csrf_token": csrf_from(page),
        "version": _version(page),
        "title": "Discharge to assess",
        "leads": "Priya Shah",
        "responsible_group": "Urgent care board",
    }
    saved = client.post("/plans/1/workstreams/H/edit", data=form, follow_redirects=False)
    assert saved.status_code == 303
    shown = client.get("/plans/1/workstreams/H").text
    assert "Discharge to assess" in shown
    assert "Priya Shah" in shown
    assert "Urgent care board" in shown
    assert "Earlier changes" in client.get("/plans/1/workstreams/H/edit").text
    stale = client.post("/plans/1/workstreams/H/edit", data={**form, "title": "Other"})
    assert stale.status_code == 409
    empty = client.post(
        "/plans/1/workstreams/H/edit",
        data={**form, "version": _version(stale.text), "title": ""},
    )
    assert empty.status_code == 400
    assert "Enter a title for the workstream" in empty.text


def test_only_the_systems_leads_change_details(client: TestClient) -> None:
    sign_in(client, CONTRIBUTOR)
    assert 'href="/plans/1/edit"' not in client.get("/plans/1").text
    assert client.get("/plans/1/edit").status_code == 403
    assert client.get("/plans/1/workstreams/H/edit").status_code == 403
    token = csrf_from(client.get("/plans/1").text)
    refused = client.post("/plans/1/edit", data={"csrf_token": token, "version": "1", "title": "X"})
    assert refused.status_code == 403


def test_the_api_changes_details_and_answers_409_and_422(
    client: TestClient, database: Database
) -> None:
    headers = _token(database)
    plan = client.get("/api/v1/plans/1", headers=headers).json()["plan"]
    body = {"version": plan["version"], "title": "By the API", "planned_end": "31/03/2030"}
    changed = client.patch("/api/v1/plans/1", json=body, headers=headers)
    assert changed.status_code == 200
    assert changed.json()["planned_end"] == "2030-03-31"  # typed the UK way
    stale = client.patch("/api/v1/plans/1", json=body, headers=headers)
    assert stale.status_code == 409
    assert stale.json()["current"]["title"] == "By the API"
    bad = client.patch(
        "/api/v1/plans/1",
        json={"version": plan["version"] + 1, "title": "", "agreed_on": "32/01/2020"},
        headers=headers,
    )
    assert bad.status_code == 422  # the API's answer to a body it cannot read, by field
    assert set(bad.json()["problems"]) >= {"title", "agreed_on"}
    workstream = client.get("/api/v1/plans/1/workstreams/H", headers=headers).json()
    moved = client.patch(
        "/api/v1/plans/1/workstreams/H",
        json={"version": workstream["version"], "title": "Renamed", "leads": "Priya Shah"},
        headers=headers,
    )
    assert moved.status_code == 200
    assert moved.json()["leads"] == "Priya Shah"
    assert moved.json()["version"] == workstream["version"] + 1


def test_since_the_last_report_reads_dates_written_the_uk_way(client: TestClient) -> None:
    sign_in(client, LEAD)
    page = client.get("/plans/1/since?start=13/06/2019&end=1 December 2019")
    assert page.status_code == 200
    assert "Changes after 13 June 2019 up to and including 1 December 2019" in page.text
    refused = client.get("/plans/1/since?start=the spring")
    assert refused.status_code == 400
    assert "for example 13/06/2019" in refused.text
