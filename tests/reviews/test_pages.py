"""The review pages and API on the demo world, as reviewers and system people use them."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from joinedup.settings import Settings
from joinedup.store.database import Database
from joinedup.web.app import create_app
from tests.conftest import COVENTRY, OXFORDSHIRE, TEST_SECRET, csrf_from, demo_email, sign_in

PDF_BYTES = b"%PDF-1.4\n% evidence\n%%EOF\n"


@pytest.fixture
def web(database: Database, tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(
        database_url=database.url, secret_key=TEST_SECRET, data_dir=str(tmp_path / "data")
    )
    with TestClient(create_app(settings, database), base_url="http://127.0.0.1") as client:
        yield client


def _as(client: TestClient, role: str, area: str | None = None) -> TestClient:
    sign_in(client, demo_email(role, area))
    return client


def test_a_reviewer_sees_the_timeline_findings_and_evidence(web: TestClient) -> None:
    page = _as(web, "reviewer").get("/reviews/1").text
    assert "Oxfordshire: full review" in page
    assert "Information request (SOIR) sent" in page
    assert "Area for improvement (13)" in page  # the demo's 13 areas for improvement
    assert "Tracking of eight people aged 65 and over" in page
    assert "Done, 7 days late" in page  # the summit happened a week after its plan
    assert "Save dates" in page


def test_overdue_milestones_are_flagged_in_words(web: TestClient) -> None:
    # Hartlepool's draft report was planned 112 days after a start 120 days ago.
    page = _as(web, "reviewer").get("/reviews/programmes/2").text
    late = re.search(r"Overdue by (\d+) days", page)
    assert late is not None
    assert int(late.group(1)) >= 8  # 8 on the day the demo world was built, more after
    assert "govuk-tag--red" in page


def test_system_people_read_their_reviews_but_not_others_unpublished_ones(
    web: TestClient,
) -> None:
    viewer = _as(web, "viewer", OXFORDSHIRE)
    follow_up = viewer.get("/reviews/2")
    assert follow_up.status_code == 200
    assert "Save dates" not in follow_up.text
    assert viewer.get("/reviews/4").status_code == 404  # Coventry's unpublished follow-up
    web.cookies.clear()
    coventry = _as(web, "system_lead", COVENTRY)
    assert coventry.get("/reviews/4").status_code == 200
    assert coventry.get("/reviews/2").status_code == 404
    published = coventry.get("/reviews/1")
    assert published.status_code == 200
    assert 'id="evidence"' not in published.text  # evidence stays with Oxfordshire
    ids = sorted(r["id"] for r in coventry.get("/api/v1/reviews").json())
    assert ids == [1, 3, 4, 5]  # the published ones and Coventry's own


def test_the_api_lists_reviews_with_area_kind_status_and_milestones(web: TestClient) -> None:
    reviews = _as(web, "analyst").get("/api/v1/reviews?programme_id=1").json()
    first = reviews[0]
    assert (first["area_code"], first["kind"], first["status"]) == (OXFORDSHIRE, "full", "complete")
    assert first["milestones"][0]["key"] == "soir_sent"
    assert first["milestones"][0]["state"] == "done"
    kinds = {r["area_code"]: r["kind"] for r in reviews if r["follow_up_of_id"]}
    assert kinds == {OXFORDSHIRE: "follow_up_visit", COVENTRY: "follow_up_light"}


def test_a_finding_without_text_is_refused_keeping_what_was_typed(web: TestClient) -> None:
    client = _as(web, "reviewer")
    token = csrf_from(client.get("/reviews/2").text)
    response = client.post(
        "/reviews/2/findings",
        data={
            "csrf_token": token,
            "kind": "area_of_future_focus",
            "key_question": "well_led",
            "theme": "Housing and equipment",
            "text": "",
        },
    )
    assert response.status_code == 400
    assert "There is a problem" in response.text
    assert 'href="#finding-text"' in response.text
    assert 'value="Housing and equipment"' in response.text


def test_an_edit_of_an_old_version_shows_the_current_one_and_keeps_the_typing(
    web: TestClient,
) -> None:
    client = _as(web, "reviewer")
    page = client.get("/reviews/2").text
    token = csrf_from(page)
    version = re.search(
        r'action="/reviews/2" novalidate>\s*<input[^>]*>\s*<input type="hidden" name="version" '
        r'value="(\d+)"',
        page,
    )
    assert version is not None
    form = {"csrf_token": token, "version": version.group(1), "status": "reporting"}
    first = client.post("/reviews/2", data={**form, "title": "Theirs"}, follow_redirects=False)
    assert first.status_code == 303
    second = client.post("/reviews/2", data={**form, "title": "Mine"})
    assert second.status_code == 409
    assert "Somebody else changed this first" in second.text
    assert "Theirs" in second.text  # what changed
    assert "They changed: title, status." in second.text
    assert 'value="Mine"' in second.text  # what they typed


def test_evidence_files_are_checked_stored_and_downloaded(web: TestClient) -> None:
    client = _as(web, "reviewer")
    token = csrf_from(client.get("/reviews/2").text)
    refused = client.post(
        "/reviews/evidence/8/files",
        data={"csrf_token": token},
        files={"file": ("minutes.pdf", b"MZ\x90\x00not a pdf", "application/pdf")},
    )
    assert refused.status_code == 400
    assert "content does not match its name" in refused.text
    stored = client.post(
        "/reviews/evidence/8/files",
        data={"csrf_token": token},
        files={"file": ("minutes.pdf", PDF_BYTES, "application/pdf")},
        follow_redirects=False,
    )
    assert stored.status_code == 303
    evidence = client.get("/api/v1/reviews/2/evidence").json()
    attachment = next(e for e in evidence if e["id"] == 8)["attachments"][0]
    download = client.get(f"/reviews/attachments/{attachment['id']}")
    assert download.content == PDF_BYTES
    assert "attachment" in download.headers["content-disposition"]
    web.cookies.clear()
    coventry = _as(web, "system_lead", COVENTRY)
    assert coventry.get(f"/reviews/attachments/{attachment['id']}").status_code == 404


def test_the_national_picture_counts_systems_per_area_for_improvement(web: TestClient) -> None:
    client = _as(web, "analyst")
    text = client.get("/reviews/programmes/1/national.csv?table=common_improvements").text
    rows = list(csv.reader(io.StringIO(text)))
    # Counted by national theme, whatever each system called it: Coventry's "Vision and
    # strategy", Oxfordshire's "Vision, Governance & Strategy" and Stockport's are one theme;
    # Coventry's "Workforce" and Oxfordshire's "Workforce Strategy" another.
    assert rows[0] == ["National theme", "Systems", "Which"]
    assert rows[1] == [
        "Shared vision, strategy and governance",
        "3",
        "Coventry, Oxfordshire, Stockport",
    ]
    assert rows[2] == ["Flow, pathways and use of capacity", "2", "Coventry, Oxfordshire"]
    assert rows[3] == ["Workforce and organisational development", "2", "Coventry, Oxfordshire"]
    assert {row[1] for row in rows[4:]} == {"1"}


def test_exports_neutralise_spreadsheet_formulas(web: TestClient) -> None:
    client = _as(web, "reviewer")
    token = csrf_from(client.get("/reviews/2").text)
    created = client.post(
        "/api/v1/reviews/2/findings",
        headers={"x-csrf-token": token},
        json={
            "kind": "working_well",
            "key_question": "caring",
            "theme": "@SUM(A1)",
            "national_theme": "care_at_home",
            "text": "=1+2",
        },
    )
    assert created.status_code == 201
    csv_text = client.get("/reviews/programmes/1/national.csv?table=findings").text
    assert "'=1+2" in csv_text
    assert ",=1+2" not in csv_text
    workbook = load_workbook(io.BytesIO(client.get("/reviews/programmes/1/national.xlsx").content))
    values = [c.value for row in workbook["Every finding"].iter_rows() for c in row]
    assert "'=1+2" in values
    assert "'@SUM(A1)" in values
    assert workbook.sheetnames[0] == "Reviews and their status"


def test_evidence_is_changed_on_its_own_page_and_old_versions_are_refused(
    web: TestClient,
) -> None:
    client = _as(web, "reviewer")
    token = csrf_from(client.get("/reviews/evidence/9/edit").text)
    form = {
        "csrf_token": token,
        "version": "1",
        "kind": "focus_group",
        "gathered_on": "2018-11-28",
        "source": "Voluntary sector and providers",
        "summary": "Theirs",
    }
    assert client.post("/reviews/evidence/9", data=form, follow_redirects=False).status_code == 303
    late = client.post("/reviews/evidence/9", data={**form, "summary": "Mine"})
    assert late.status_code == 409
    assert "Theirs" in late.text
    assert "Mine" in late.text
    bad = client.post("/reviews/evidence/9", data={**form, "version": "2", "gathered_on": "soon"})
    assert bad.status_code == 400
    assert "Enter a real date" in bad.text


def test_a_review_missing_its_system_kind_and_start_names_each_field(web: TestClient) -> None:
    client = _as(web, "reviewer")
    token = csrf_from(client.get("/reviews/programmes/1").text)
    response = client.post(
        "/reviews/programmes/1/reviews",
        data={
            "csrf_token": token,
            "area_code": "",
            "kind": "",
            "start": "4 Dec",
            "title": "Kept",
            "team": "Ann, lead",
        },
    )
    assert response.status_code == 400
    for field in ("area_code", "kind", "start"):
        assert f'href="#{field}"' in response.text
    assert "Choose the system to review" in response.text
    assert "Enter a real date, for example 14/03/2018" in response.text
    assert 'value="Kept"' in response.text


def test_a_milestone_date_that_is_not_a_date_is_shown_beside_it(web: TestClient) -> None:
    client = _as(web, "reviewer")
    page = client.get("/reviews/2").text
    version = re.search(
        r'action="/reviews/2/milestones/plan_updated" novalidate>\s*<input[^>]*>\s*'
        r'<input type="hidden" name="version" value="(\d+)"',
        page,
    )
    assert version is not None
    response = client.post(
        "/reviews/2/milestones/plan_updated",
        data={
            "csrf_token": csrf_from(page),
            "version": version.group(1),
            "actual_date-day": "31",
            "actual_date-month": "2",
            "actual_date-year": "2019",
        },
    )
    assert response.status_code == 400
    assert 'href="#milestone-plan_updated-actual"' in response.text
    assert "Enter a real date" in response.text
    # the GOV.UK date input (day, month, year) keeps what was typed; no browser date picker
    assert 'name="actual_date-day" type="text" value="31"' in response.text
    assert 'type="date"' not in response.text


def test_a_score_must_be_chosen(web: TestClient) -> None:
    client = _as(web, "reviewer")
    token = csrf_from(client.get("/reviews/7").text)
    response = client.post(
        "/reviews/7/scores",
        data={"csrf_token": token, "statement_id": "learning", "score": "", "version": "1"},
    )
    assert response.status_code == 400
    assert 'href="#score-learning"' in response.text
    assert "Choose a score" in response.text


def test_the_api_answers_problems_by_field_and_stale_edits_with_the_current_values(
    web: TestClient,
) -> None:
    client = _as(web, "reviewer")
    headers = {"x-csrf-token": csrf_from(client.get("/reviews/2").text)}
    refused = client.post(
        "/api/v1/reviews/2/findings",
        headers=headers,
        json={"kind": "working_well", "key_question": "kindness", "text": "x"},
    )
    assert refused.status_code == 400
    assert list(refused.json()["problems"]) == ["key_question"]
    renamed = client.patch(
        "/api/v1/programmes/1", headers=headers, json={"version": 1, "name": "Theirs"}
    )
    assert renamed.status_code == 200
    assert renamed.json()["version"] == 2
    late = client.patch(
        "/api/v1/programmes/1", headers=headers, json={"version": 1, "name": "Mine"}
    )
    assert late.status_code == 409
    assert late.json()["current"]["name"] == "Theirs"


def test_the_api_changes_a_review_with_the_models_its_forms_use(web: TestClient) -> None:
    client = _as(web, "reviewer")
    headers = {"x-csrf-token": csrf_from(client.get("/reviews/2").text)}
    review = client.get("/api/v1/reviews/2").json()
    changed = client.patch(
        "/api/v1/reviews/2",
        headers=headers,
        json={"version": review["version"], "status": "reporting", "team": [{"name": "Ann"}]},
    )
    assert changed.status_code == 200, changed.text
    assert (changed.json()["status"], changed.json()["team"]) == (
        "reporting",
        [{"name": "Ann", "role": ""}],
    )
    due = next(m for m in changed.json()["milestones"] if m["key"] == "plan_updated")
    moved = client.patch(
        "/api/v1/reviews/2/milestones/plan_updated",
        headers=headers,
        json={"version": due["version"], "planned_date": "2019-01-30"},
    )
    assert moved.status_code == 200, moved.text
    due = next(m for m in moved.json()["milestones"] if m["key"] == "plan_updated")
    assert due["planned_date"] == "2019-01-30"
    report = client.patch(
        "/api/v1/reviews/2/report",
        headers=headers,
        json={"version": moved.json()["version"], "state": "published"},
    )
    assert report.status_code == 200, report.text
    assert report.json()["report_state"] == "published"
    scored = client.post(
        "/api/v1/reviews/7/scores",
        headers=headers,
        json={"statement_id": "learning", "score": 4, "version": 1},
    )
    assert scored.status_code == 200, scored.text
    assert (scored.json()["score"], scored.json()["version"]) == (4, 2)
    again = client.post(
        "/api/v1/reviews/7/scores",
        headers=headers,
        json={"statement_id": "learning", "score": 1, "version": 1},
    )
    assert again.status_code == 409
    assert again.json()["current"]["score"] == 4
