"""The report pages as a person uses them: forms keep what was typed when refused, a stale
approval shows what changed, and the public reads published reports without signing in."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from joinedup import clock
from joinedup.access.rules import OPERATOR
from joinedup.reports import service
from joinedup.reports.models import Report
from joinedup.reports.schemas import GenerateIn
from joinedup.store.database import Database
from tests.conftest import OXFORDSHIRE, csrf_from, demo_email, sign_in
from tests.reports.reading import pdf_text, word


@dataclass(frozen=True)
class Papers:
    """The demo's reports as the tests use them: the first published paper, the draft of the
    next one, and every report newest first."""

    published: str  # its public address
    published_id: int
    draft: str  # its page
    version: int  # the draft's version
    listed: list[tuple[int, str]]


@pytest.fixture
def papers(database: Database) -> Papers:
    """The demo's papers, and a draft of the next one generated as the lead would."""
    with database.session() as session:
        draft = service.generate(
            session,
            actor=OPERATOR,
            data=GenerateIn(area_code=OXFORDSHIRE, meeting_date=clock.today()),
        )
        session.commit()
        reports = list(session.scalars(select(Report).order_by(Report.id.desc())))
    published = min((r for r in reports if r.state == "published"), key=lambda r: r.id)
    return Papers(
        published=f"/published/{published.slug}",
        published_id=published.id,
        draft=f"/reports/{draft.id}",
        version=draft.version,
        # a system's people do not see the review team's drafts
        listed=[(r.id, r.state) for r in reports if (r.kind, r.state) != ("review", "draft")],
    )


def test_the_public_reads_published_reports_in_every_format(
    client: TestClient, papers: Papers, tmp_path: Path
) -> None:
    published = papers.published
    listing = client.get("/published")
    assert listing.status_code == 200
    assert published in listing.text
    page = client.get(published)
    assert page.status_code == 200
    assert "Workstreams by rating" in page.text
    assert "Draft: not yet approved" not in page.text
    pdf = client.get(f"{published}.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    assert "Lara Knight" in pdf_text(pdf.content, tmp_path)
    docx = client.get(f"{published}.docx")
    assert any(
        p.style is not None and p.style.name == "Heading 1" for p in word(docx.content).paragraphs
    )
    # Drafts are not public.
    assert client.get(papers.draft, follow_redirects=False).status_code == 303
    draft_id = papers.draft.rsplit("/", 1)[1]
    assert client.get(f"/published/oxfordshire-highlight-report-{draft_id}").status_code == 404


def test_a_refused_sign_off_row_keeps_what_was_typed(client: TestClient, papers: Papers) -> None:
    draft, v = papers.draft, papers.version
    sign_in(client, demo_email("system_lead", OXFORDSHIRE))
    page = client.get(draft)
    response = client.post(
        f"{draft}/sign-offs",
        data={
            "csrf_token": csrf_from(page.text),
            "version": str(v),
            "role": "approver",
            "name": "Janice <White>",
            "title": "Team Leader, Legal Services",
            "sent_on-day": "16",
            "sent_on-month": "5",
            "sent_on-year": "2019",
            "received_on-day": "31",
            "received_on-month": "2",
            "received_on-year": "2019",
        },
    )
    assert response.status_code == 400
    assert "Enter a real date, for example 27 3 2019" in response.text
    # GOV.UK day, month and year boxes, each keeping what was typed
    assert 'name="received_on-day" type="text" value="31"' in response.text
    assert 'name="sent_on-month" type="text" value="5"' in response.text
    assert 'value="Janice &lt;White&gt;"' in response.text  # kept, and escaped
    assert 'value="Team Leader, Legal Services"' in response.text


def test_a_stale_approval_shows_what_changed(client: TestClient, papers: Papers) -> None:
    draft, v = papers.draft, papers.version
    sign_in(client, demo_email("system_lead", OXFORDSHIRE))
    page = client.get(draft)
    token = csrf_from(page.text)
    added = client.post(
        f"{draft}/sign-offs",
        data={"csrf_token": token, "version": str(v), "role": "approver", "name": "Janice White"},
        follow_redirects=False,
    )
    assert added.status_code == 303
    stale = client.post(f"{draft}/approve", data={"csrf_token": token, "version": str(v)})
    assert stale.status_code == 409
    assert f"it is now version {v + 1} and draft" in html.unescape(stale.text)
    approved = client.post(
        f"{draft}/approve",
        data={"csrf_token": token, "version": str(v + 1)},
        follow_redirects=False,
    )
    assert approved.status_code == 303
    report = client.get(draft).text
    assert "Approve and freeze this content" not in report
    assert "Publish (anyone can read it without signing in)" in report
    assert "Janice White" in report


def test_the_api_lists_and_describes_reports(client: TestClient, papers: Papers) -> None:
    sign_in(client, demo_email("viewer", OXFORDSHIRE))
    listed = client.get(f"/api/v1/reports?area_code={OXFORDSHIRE}").json()
    assert [(r["id"], r["state"]) for r in listed] == papers.listed
    detail = client.get(f"/api/v1/reports/{papers.published_id}").json()
    assert detail["public_url"] == papers.published
    assert [s["name"] for s in detail["sign_off"]][:1] == ["Lara Knight"]
    assert detail["downloads"]["pdf"] == f"/reports/{papers.published_id}/download.pdf"


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


def test_the_lead_writes_the_cover_sheet(client: TestClient, papers: Papers) -> None:
    draft, v = papers.draft, papers.version
    sign_in(client, demo_email("system_lead", OXFORDSHIRE))
    page = client.get(draft)
    assert 'name="priorities" type="checkbox" value="Living well"' in page.text
    saved = client.post(
        f"{draft}/cover",
        data={
            "csrf_token": csrf_from(page.text),
            "version": str(v),
            "authors": "System Leaders",
            "presenters": "Lucy Butler & Louise Patten",
            "summary": "First paragraph.\r\n\r\nSecond <paragraph>.",
            "purpose": "decision",
            "meeting_date": "2019-06-13",
            "priorities": ["Living well", "Ageing well"],
            "sub_groups": [],
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303
    report = client.get(draft).text
    assert "13 JUNE 2019" in report
    assert "<p>Second &lt;paragraph&gt;.</p>" in report
    assert '☒</span> <span class="jr-visually-hidden">Ticked:</span> Living well' in report
    assert '☐</span> <span class="jr-visually-hidden">Not ticked:</span> The resident' in report
    assert '☒</span> <span class="jr-visually-hidden">Ticked:</span> For decision' in report
    refused = client.post(
        f"{draft}/cover",
        data={
            "csrf_token": csrf_from(page.text),
            "version": str(v + 1),
            "summary": "x",
            "purpose": "decision",
            "priorities": ["Not a priority"],
        },
    )
    assert refused.status_code == 400
    assert "&#39;Not a priority&#39; is not one of the cover sheet" in refused.text
    assert 'href="#priorities"' in refused.text  # the error summary links to the field


def test_the_api_answers_a_stale_approval_with_409_and_problems_by_field(
    client: TestClient, papers: Papers
) -> None:
    draft, v = papers.draft, papers.version
    sign_in(client, demo_email("system_lead", OXFORDSHIRE))
    headers = {"x-csrf-token": csrf_from(client.get(draft).text)}
    refused = client.post(
        f"/api/v1{draft}/cover",
        json={"version": v, "summary": "Words", "priorities": ["Not a priority"]},
        headers=headers,
    )
    assert refused.status_code == 400
    assert refused.json()["problems"] == {
        "priorities": "'Not a priority' is not one of the cover sheet's choices"
    }
    first = client.post(f"/api/v1{draft}/approve", json={"version": v}, headers=headers)
    assert first.status_code == 200
    assert first.json()["state"] == "approved"
    second = client.post(f"/api/v1{draft}/approve", json={"version": v}, headers=headers)
    assert second.status_code == 409
    assert second.json()["current"] == {
        "state": "approved",
        "version": v + 1,
        "title": first.json()["title"],
    }
