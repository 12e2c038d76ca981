"""Plan pages and API as people use them: the demo plan, a stale save refused with what changed
and what was typed kept, 409 in the API, ratings with reasons, spreadsheets in and out."""

from __future__ import annotations

import io
import re

from fastapi.testclient import TestClient
from openpyxl import Workbook

from joinedup.access import service as access
from joinedup.store.database import Database
from tests.conftest import OXFORDSHIRE, csrf_from, demo_email, sign_in

LEAD = demo_email("system_lead", OXFORDSHIRE)
CONTRIBUTOR = demo_email("contributor", OXFORDSHIRE)


def _version(html: str) -> str:
    match = re.search(r'name="version" value="(\d+)"', html)
    assert match
    return match.group(1)


def test_the_plan_page_shows_the_fifteen_workstreams_with_their_ratings(
    client: TestClient,
) -> None:
    sign_in(client, LEAD)
    page = client.get(f"/systems/{OXFORDSHIRE}/plan")
    assert page.status_code == 200
    text = page.text
    for code in "ABCDEFGHIJKLMNO":
        assert f"/plans/1/workstreams/{code}" in text
    # seed 003: seven Green, eight Amber, none Red; the word is always there, not only colour
    assert text.count('govuk-tag govuk-tag--green">Green') >= 7 + 1
    assert text.count('govuk-tag govuk-tag--orange">Amber') >= 8 + 1
    assert "Actions by status" in text


def test_a_second_save_from_a_stale_page_is_refused_and_keeps_what_was_typed(
    client: TestClient,
) -> None:
    sign_in(client, LEAD)
    page = client.get("/actions/21")  # H.3
    token, version = csrf_from(page.text), _version(page.text)
    first = {"csrf_token": token, "version": version, "status": "at_risk", "note": "Lead 1"}
    assert client.post("/actions/21", data=first, follow_redirects=False).status_code == 303
    second = {
        "csrf_token": token,
        "version": version,
        "status": "complete",
        "note": "My careful note from lead 2",
    }
    refused = client.post("/actions/21", data=second, follow_redirects=False)
    assert refused.status_code == 409
    assert "Somebody else changed this action first" in refused.text
    assert "Status from “On track” to “At risk”" in refused.text
    assert "My careful note from lead 2" in refused.text  # what they typed is kept
    assert '<option value="complete" selected>' in refused.text
    assert _version(refused.text) == str(int(version) + 1)  # saving again applies it
    again = {**second, "version": _version(refused.text)}
    assert client.post("/actions/21", data=again, follow_redirects=False).status_code == 303
    history = client.get("/actions/21").text
    assert "Lead 1" in history
    assert "My careful note from lead 2" in history


def test_the_api_answers_409_with_the_current_values(
    client: TestClient, database: Database
) -> None:
    with database.session() as session:
        lead = access.principal_for(access.get_user(session, LEAD))
        token = access.issue_token(session, actor=lead, email=LEAD)
    headers = {"authorization": f"Bearer {token}"}
    action = client.get("/api/v1/actions/20", headers=headers).json()
    body = {"version": action["version"], "note": "first"}
    assert client.patch("/api/v1/actions/20", json=body, headers=headers).status_code == 200
    stale = client.patch("/api/v1/actions/20", json={**body, "note": "second"}, headers=headers)
    assert stale.status_code == 409
    current = stale.json()["current"]
    assert current["version"] == action["version"] + 1
    assert current["changes"][0]["note"] == "first"
    history = client.get("/api/v1/actions/20", headers=headers).json()["history"]
    assert history[0]["note"] == "first"
    assert history[-1]["kind"] == "created"


def test_a_rating_without_its_reasons_is_refused_on_the_page(client: TestClient) -> None:
    sign_in(client, CONTRIBUTOR)
    page = client.get("/plans/1/workstreams/H")
    assert (
        "Record this workstream&#39;s rating" in page.text or "Record this workstream" in page.text
    )
    response = client.post(
        "/plans/1/workstreams/H/rag",
        data={"csrf_token": csrf_from(page.text), "rating": "red", "rationale": ""},
    )
    assert response.status_code == 400
    assert 'href="#rationale"' in response.text
    assert "Give the mitigation for a red rating" in response.text
    # a contributor not assigned to A reads it but has no form
    other = client.get("/plans/1/workstreams/A")
    assert other.status_code == 200
    assert 'action="/plans/1/workstreams/A/rag"' not in other.text


def _sheet(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(
        [
            "Workstream code",
            "Workstream",
            "Responsible group",
            "Lead",
            "Action",
            "Owner",
            "Due date",
            "Status",
            "Progress update",
            "RAG",
        ]
    )
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_download_and_upload_from_the_plan_page(client: TestClient) -> None:
    sign_in(client, LEAD)
    download = client.get("/plans/1/export.xlsx")
    assert download.status_code == 200
    assert download.headers["content-disposition"].endswith('.xlsx"')
    form = client.get(f"/systems/{OXFORDSHIRE}/plans/import")
    token = csrf_from(form.text)
    bad = client.post(
        f"/systems/{OXFORDSHIRE}/plans/import",
        data={"csrf_token": token, "title": "Broken"},
        files={"file": ("broken.xlsx", _sheet([["A", "V", "", "", "Do", "", "soon", "", "", ""]]))},
    )
    assert bad.status_code == 400
    assert (
        "broken.xlsx, sheet Sheet, row 2, column Due date: &#39;soon&#39; is not a date" in bad.text
    )
    good = client.post(
        f"/systems/{OXFORDSHIRE}/plans/import",
        data={"csrf_token": token, "title": "Round trip"},
        files={"file": ("plan.xlsx", download.content)},
        follow_redirects=False,
    )
    assert good.status_code == 303
    imported = client.get(good.headers["location"])
    assert "Round trip" in imported.text
    for code in "ABCDEFGHIJKLMNO":
        assert f'workstreams/{code}"' in imported.text


def test_my_actions_lists_the_contributors_workstreams(client: TestClient) -> None:
    sign_in(client, CONTRIBUTOR)
    page = client.get("/my-actions")
    assert page.status_code == 200
    assert "H.2" in page.text
    assert "K.2" in page.text
    assert "A.3" not in page.text


def test_the_lead_builds_a_plan_on_its_pages(client: TestClient) -> None:
    sign_in(client, LEAD)
    form = client.get(f"/systems/{OXFORDSHIRE}/plans/import")
    token = csrf_from(form.text)
    started = client.post(
        f"/systems/{OXFORDSHIRE}/plans",
        data={"csrf_token": token, "new_title": "Winter plan"},
        follow_redirects=False,
    )
    assert started.status_code == 303
    plan_url = started.headers["location"]
    added = client.post(
        f"{plan_url}/workstreams",
        data={"csrf_token": token, "code": "w", "title": "Winter", "leads": "Lucy Barton"},
        follow_redirects=False,
    )
    assert added.status_code == 303
    assert added.headers["location"] == f"{plan_url}/workstreams/W"
    missing = client.post(
        f"{plan_url}/workstreams/W/actions",
        data={"csrf_token": token, "description": "Open escalation beds", "owner": "Lucy"},
    )
    assert missing.status_code == 400
    assert "Enter a date" in missing.text
    assert 'value="Open escalation beds"' in missing.text  # kept
    done = client.post(
        f"{plan_url}/workstreams/W/actions",
        data={
            "csrf_token": token,
            "description": "Open escalation beds",
            "owner": "Lucy",
            "due-day": "30",
            "due-month": "11",
            "due-year": "2019",
        },
        follow_redirects=False,
    )
    assert done.status_code == 303
    page = client.get(f"{plan_url}/workstreams/W").text
    assert "W.1" in page
    assert "30 Nov 2019" in page
    assigned = client.post(
        f"{plan_url}/workstreams/W/members",
        data={"csrf_token": token, "email": CONTRIBUTOR},
        follow_redirects=False,
    )
    assert assigned.status_code == 303
    members = client.get(f"{plan_url}/workstreams/W").text.split("Contributors", 1)[1]
    assert "Tom Hughes" in members.split("</dd>", 1)[0]  # by name, not email address
    wrong = client.post(
        f"{plan_url}/workstreams/W/members",
        data={"csrf_token": token, "email": demo_email("system_lead", "E08000026")},
    )
    assert wrong.status_code == 400
    assert "No one who can update actions in this system has the email" in wrong.text
    unknown = client.post(
        f"{plan_url}/workstreams/W/members",
        data={"csrf_token": token, "email": "nobody@nowhere.test"},
    )
    # The same answer for an email with no account: the form tells nobody who uses Joined Up.
    assert unknown.status_code == 400
    strip = lambda html: html.replace("nobody@nowhere.test", "X").replace(  # noqa: E731
        demo_email("system_lead", "E08000026"), "X"
    )
    assert strip(unknown.text).count("No one who can update") == strip(wrong.text).count(
        "No one who can update"
    )
    assert "Winter plan" in client.get(f"/systems/{OXFORDSHIRE}/plan").text  # now current


def test_reopening_a_complete_action_on_its_page_needs_only_a_reason(client: TestClient) -> None:
    sign_in(client, LEAD)
    page = client.get("/actions/1")  # A.1, complete in the demo
    assert "Not yet" not in page.text
    form = {
        "csrf_token": csrf_from(page.text),
        "version": _version(page.text),
        "status": "on_track",
        "completed_on-day": "1",  # the old date is still in the form
        "completed_on-month": "1",
        "completed_on-year": "2020",
    }
    refused = client.post("/actions/1", data=form)
    assert refused.status_code == 400
    assert "Give a reason for reopening a complete action" in refused.text
    reopened = client.post(
        "/actions/1", data={**form, "reason": "Partners asked for more"}, follow_redirects=False
    )
    assert reopened.status_code == 303
    again = client.get("/actions/1").text
    assert "Not yet" in again
    assert "Partners asked for more" in again


def test_a_plan_status_saved_from_a_stale_page_is_refused_with_the_page_again(
    client: TestClient,
) -> None:
    sign_in(client, LEAD)
    started = client.post(
        f"/systems/{OXFORDSHIRE}/plans",
        data={"csrf_token": csrf_from(client.get("/").text), "new_title": "Spring plan"},
        follow_redirects=False,
    )
    coverage_url = started.headers["location"] + "/coverage"
    page = client.get(coverage_url)
    form = {"csrf_token": csrf_from(page.text), "version": _version(page.text), "status": "agreed"}
    assert client.post(f"{started.headers['location']}/status", data=form).status_code == 200
    again = client.post(f"{started.headers['location']}/status", data=form)
    assert again.status_code == 409
    assert "changed by someone else after you opened it" in again.text
    assert "Now agreed" in again.text  # the page as it is now, ready to try again


def test_the_api_names_the_fields_of_a_refused_rating(
    client: TestClient, database: Database
) -> None:
    with database.session() as session:
        lead = access.principal_for(access.get_user(session, LEAD))
        token = access.issue_token(session, actor=lead, email=LEAD)
    refused = client.post(
        "/api/v1/plans/1/workstreams/H/rag",
        json={"rating": "red", "rationale": ""},
        headers={"authorization": f"Bearer {token}"},
    )
    assert refused.status_code == 400
    problems = refused.json()["problems"]
    assert problems["rationale"] == "Give the reason for the rating"
    assert problems["mitigation"] == "Give the mitigation for a red rating"


def test_an_import_with_a_title_too_long_names_the_title(client: TestClient) -> None:
    sign_in(client, LEAD)
    download = client.get("/plans/1/export.xlsx")
    token = csrf_from(client.get(f"/systems/{OXFORDSHIRE}/plans/import").text)
    refused = client.post(
        f"/systems/{OXFORDSHIRE}/plans/import",
        data={"csrf_token": token, "title": "T" * 301},
        files={"file": ("plan.xlsx", download.content)},
    )
    assert refused.status_code == 400
    assert 'href="#title"' in refused.text  # the summary links to the title, not the file
    assert "Enter 300 characters or fewer" in refused.text
