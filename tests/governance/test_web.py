"""Governance pages and API as people use them: bad input shows the GOV.UK error summary and
keeps what was typed, a stale save shows what changed, approved minutes are public and drafts
never are, and an action arising reaches the plan from its own page."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.conftest import OXFORDSHIRE, csrf_from, demo_email, sign_in

LEAD = demo_email("system_lead", OXFORDSHIRE)


def _post(client: TestClient, page: str, action: str, data: dict[str, str]):  # type: ignore[no-untyped-def]
    token = csrf_from(client.get(page).text)
    return client.post(action, data={**data, "csrf_token": token}, follow_redirects=False)


def test_an_agenda_item_without_a_title_is_refused_and_what_was_typed_kept(
    client: TestClient,
) -> None:
    sign_in(client, LEAD)
    answer = _post(
        client, "/meetings/2", "/meetings/2/agenda", {"title": "", "presenter": "Ann Lee"}
    )
    assert answer.status_code == 400
    assert "There is a problem" in answer.text
    assert 'href="#title">Enter the title of the agenda item' in answer.text
    assert 'value="Ann Lee"' in answer.text
    assert answer.text.startswith("<!DOCTYPE html>") or "<title>Error:" in answer.text


def test_a_paper_of_another_system_is_refused_by_its_field(client: TestClient) -> None:
    sign_in(client, LEAD)
    answer = _post(
        client, "/meetings/2", "/meetings/2/agenda", {"title": "Their plan", "plan_id": "999"}
    )
    assert answer.status_code == 400
    assert 'href="#plan_id">There is no plan 999 of this system' in answer.text


def test_an_oversight_call_with_half_a_date_keeps_what_was_said(client: TestClient) -> None:
    sign_in(client, LEAD)
    page = f"/systems/{OXFORDSHIRE}/oversight"
    answer = _post(
        client,
        page,
        page,
        {
            "held_on-day": "12",
            "held_on-month": "",
            "held_on-year": "2019",
            "participants": "Pete Fahy – Director of Adult Services",
            "discussed": "Delayed transfers in July",
        },
    )
    assert answer.status_code == 400
    assert "The date must include a month" in answer.text
    assert "Delayed transfers in July" in answer.text


def test_a_stale_score_shows_the_score_now_and_keeps_the_typed_one(client: TestClient) -> None:
    sign_in(client, LEAD)
    first = _post(
        client, "/risks/2", "/risks/2/score", {"version": "2", "likelihood": "2", "impact": "2"}
    )
    assert first.status_code == 303
    stale = _post(
        client, "/risks/2", "/risks/2/score", {"version": "2", "likelihood": "5", "impact": "5"}
    )
    assert stale.status_code == 409
    assert "Scored now: likelihood 2 × impact 2" in stale.text
    assert re.search(r'<option value="5" selected', stale.text)
    history = client.get("/risks/2").text
    assert history.count("Reassessed for the June highlight report") == 1


def test_minutes_are_public_once_approved_and_never_before(client: TestClient) -> None:
    assert client.get("/published/minutes/2").status_code == 404
    public = client.get("/published/minutes/1")
    assert public.status_code == 200
    assert (
        "the progress on each workstream and the updated evaluation framework be noted"
        in public.text
    )
    assert "/plans/" not in public.text  # the plan itself is not public
    sign_in(client, LEAD)
    draft = client.get("/meetings/2")
    assert "Draft minutes" in draft.text
    saved = _post(
        client, "/meetings/2", "/meetings/2/minutes", {"version": "2", "minutes": "Agreed."}
    )
    assert saved.status_code == 303
    approved = _post(client, "/meetings/2", "/meetings/2/approve", {"version": "3"})
    assert approved.status_code == 303
    client.cookies.clear()
    assert "Agreed." in client.get("/published/minutes/2").text
    assert "/published/minutes/2" in client.get("/published/minutes").text


def test_an_action_arising_reaches_the_plan_from_its_page(client: TestClient) -> None:
    sign_in(client, LEAD)
    meeting = client.get("/meetings/2").text
    assert "/actions-arising/2/plan" in meeting
    missing = _post(
        client,
        "/actions-arising/2/plan",
        "/actions-arising/2/plan",
        {"plan_id": "1", "workstream": "B"},
    )
    assert missing.status_code == 400
    assert 'href="#due">Enter the date' in missing.text
    done = _post(
        client,
        "/actions-arising/2/plan",
        "/actions-arising/2/plan",
        {"plan_id": "1", "workstream": "B", "due-day": "30", "due-month": "9", "due-year": "2028"},
    )
    assert done.status_code == 303
    action = client.get(done.headers["location"])
    assert "Name a lead for the organisational development" in action.text


def test_the_api_names_the_field_of_a_bad_score_and_documents_the_operations(
    client: TestClient,
) -> None:
    sign_in(client, LEAD)
    token = csrf_from(client.get("/risks/2").text)
    answer = client.post(
        "/api/v1/plans/1/risks",
        json={"title": "Off the scale", "likelihood": 9, "impact": 2},
        headers={"x-csrf-token": token},
    )
    assert answer.status_code == 422  # a body that does not fit its schema, as OpenAPI says
    assert answer.json()["problems"] == {"likelihood": "Choose the likelihood, from 1 to 5"}
    schema = client.get("/api/openapi.json").json()
    for path in (
        "/api/v1/systems/{area_code}/boards",
        "/api/v1/meetings/{meeting_id}/resolutions",
        "/api/v1/actions-arising/{action_id}/plan",
        "/api/v1/plans/{plan_id}/risks",
        "/api/v1/systems/{area_code}/oversight",
    ):
        assert path in schema["paths"]
