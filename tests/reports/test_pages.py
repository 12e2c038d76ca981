"""The report pages as a person uses them: forms keep what was typed when refused, a stale
approval shows what changed, and the public reads published reports without signing in."""

from __future__ import annotations

import html
from pathlib import Path

from fastapi.testclient import TestClient

from tests.conftest import OXFORDSHIRE, csrf_from, demo_email, sign_in
from tests.reports.reading import pdf_text, word

PUBLISHED = "/published/oxfordshire-highlight-report-1"


def test_the_public_reads_published_reports_in_every_format(
    client: TestClient, tmp_path: Path
) -> None:
    listing = client.get("/published")
    assert listing.status_code == 200
    assert PUBLISHED in listing.text
    page = client.get(PUBLISHED)
    assert page.status_code == 200
    assert "Workstreams by rating" in page.text
    assert "Draft: not yet approved" not in page.text
    pdf = client.get(f"{PUBLISHED}.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    assert "Lara Knight" in pdf_text(pdf.content, tmp_path)
    docx = client.get(f"{PUBLISHED}.docx")
    assert any(
        p.style is not None and p.style.name == "Heading 1" for p in word(docx.content).paragraphs
    )
    # Drafts are not public.
    assert client.get("/reports/2", follow_redirects=False).status_code == 303
    assert client.get("/published/oxfordshire-highlight-report-2").status_code == 404


def test_a_refused_sign_off_row_keeps_what_was_typed(client: TestClient) -> None:
    sign_in(client, demo_email("system_lead", OXFORDSHIRE))
    page = client.get("/reports/2")
    response = client.post(
        "/reports/2/sign-offs",
        data={
            "csrf_token": csrf_from(page.text),
            "version": "3",
            "role": "approver",
            "name": "Janice <White>",
            "title": "Team Leader, Legal Services",
            "sent_on": "2019-05-16",
            "received_on": "16/05/2019",
        },
    )
    assert response.status_code == 400
    assert "Enter a real date as YYYY-MM-DD, not &#39;16/05/2019&#39;" in response.text
    assert 'value="Janice &lt;White&gt;"' in response.text  # kept, and escaped
    assert 'value="Team Leader, Legal Services"' in response.text


def test_a_stale_approval_shows_what_changed(client: TestClient) -> None:
    sign_in(client, demo_email("system_lead", OXFORDSHIRE))
    page = client.get("/reports/2")
    token = csrf_from(page.text)
    added = client.post(
        "/reports/2/sign-offs",
        data={"csrf_token": token, "version": "3", "role": "approver", "name": "Janice White"},
        follow_redirects=False,
    )
    assert added.status_code == 303
    stale = client.post("/reports/2/approve", data={"csrf_token": token, "version": "3"})
    assert stale.status_code == 409
    assert "it is now version 4 and draft" in html.unescape(stale.text)
    approved = client.post(
        "/reports/2/approve", data={"csrf_token": token, "version": "4"}, follow_redirects=False
    )
    assert approved.status_code == 303
    report = client.get("/reports/2").text
    assert "Approve and freeze this content" not in report
    assert "Publish (anyone can read it without signing in)" in report
    assert "Janice White" in report


def test_the_api_lists_and_describes_reports(client: TestClient) -> None:
    sign_in(client, demo_email("viewer", OXFORDSHIRE))
    listed = client.get(f"/api/v1/reports?area_code={OXFORDSHIRE}").json()
    assert [(r["id"], r["state"]) for r in listed] == [(3, "draft"), (2, "draft"), (1, "published")]
    detail = client.get("/api/v1/reports/1").json()
    assert detail["public_url"] == PUBLISHED
    assert [s["name"] for s in detail["sign_off"]][:1] == ["Lara Knight"]
    assert detail["downloads"]["pdf"] == "/reports/1/download.pdf"


def test_a_reviewer_generates_a_review_report_from_the_system_page(client: TestClient) -> None:
    sign_in(client, demo_email("reviewer"))
    page = client.get(f"/systems/{OXFORDSHIRE}/reports")
    assert "Generate a review report" in page.text
    assert "Generate a highlight report" not in page.text  # the lead's
    made = client.post(
        f"/systems/{OXFORDSHIRE}/reports",
        data={"csrf_token": csrf_from(page.text), "kind": "review", "review_id": "1"},
        follow_redirects=False,
    )
    assert made.status_code == 303
    report = client.get(made.headers["location"]).text
    assert "Data profile" in report
    assert "Areas for improvement" in report
    # A review of another system is refused, and named as not one of this system's.
    other = client.post(
        f"/systems/{OXFORDSHIRE}/reports",
        data={"csrf_token": csrf_from(page.text), "kind": "review", "review_id": "3"},
    )
    assert other.status_code == 400
    assert "Choose one of this system&#39;s reviews" in other.text


def test_the_lead_writes_the_cover_sheet(client: TestClient) -> None:
    sign_in(client, demo_email("system_lead", OXFORDSHIRE))
    page = client.get("/reports/2")
    assert 'name="priorities" type="checkbox" value="Living Well"' in page.text
    saved = client.post(
        "/reports/2/cover",
        data={
            "csrf_token": csrf_from(page.text),
            "version": "3",
            "authors": "System Leaders",
            "presenters": "Lucy Butler & Louise Patten",
            "summary": "First paragraph.\r\n\r\nSecond <paragraph>.",
            "purpose": "decision",
            "meeting_date": "2019-06-13",
            "priorities": ["Living Well", "Ageing Well"],
            "sub_groups": [],
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303
    report = client.get("/reports/2").text
    assert "13 JUNE 2019" in report
    assert "<p>Second &lt;paragraph&gt;.</p>" in report
    assert '☒</span> <span class="jr-visually-hidden">Ticked:</span> Living Well' in report
    assert '☐</span> <span class="jr-visually-hidden">Not ticked:</span> Improving' in report
    assert '☒</span> <span class="jr-visually-hidden">Ticked:</span> For decision' in report
    refused = client.post(
        "/reports/2/cover",
        data={
            "csrf_token": csrf_from(page.text),
            "version": "4",
            "summary": "x",
            "purpose": "decision",
            "priorities": ["Not a priority"],
        },
    )
    assert refused.status_code == 400
    assert "&#39;Not a priority&#39; is not one of the cover sheet" in refused.text
    assert 'href="#priorities"' in refused.text  # the error summary links to the field


def test_the_api_answers_a_stale_approval_with_409_and_problems_by_field(
    client: TestClient,
) -> None:
    sign_in(client, demo_email("system_lead", OXFORDSHIRE))
    headers = {"x-csrf-token": csrf_from(client.get("/reports/2").text)}
    refused = client.post(
        "/api/v1/reports/2/cover",
        json={"version": 3, "summary": "Words", "priorities": ["Not a priority"]},
        headers=headers,
    )
    assert refused.status_code == 400
    assert refused.json()["problems"] == {
        "priorities": "'Not a priority' is not one of the cover sheet's choices"
    }
    first = client.post("/api/v1/reports/2/approve", json={"version": 3}, headers=headers)
    assert first.status_code == 200
    assert first.json()["state"] == "approved"
    second = client.post("/api/v1/reports/2/approve", json={"version": 3}, headers=headers)
    assert second.status_code == 409
    assert second.json()["current"] == {
        "state": "approved",
        "version": 4,
        "title": first.json()["title"],
    }
