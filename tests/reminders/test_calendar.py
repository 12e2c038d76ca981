"""The personal calendar feed, read by an iCalendar parser as a calendar program would: the
person's own actions, their systems' milestones and meetings and nobody else's; an address that
is renewed, revoked or belongs to a deactivated person stops working."""

from __future__ import annotations

import re
from datetime import date

from fastapi.testclient import TestClient
from icalendar import Calendar
from sqlalchemy import update
from sqlalchemy.orm import Session

from joinedup.access.models import User
from tests.conftest import COVENTRY, OXFORDSHIRE, csrf_from, demo_email, sign_in
from tests.reminders.conftest import Due

ADDRESS = re.compile(r'value="https?://[^"/]+(/calendar/[^"]+\.ics)"')


def make_address(client: TestClient) -> str:
    page = client.get("/account/calendar")
    assert page.status_code == 200
    made = client.post("/account/calendar", data={"csrf_token": csrf_from(page.text)})
    assert made.status_code == 200
    assert "Copy it now" in made.text
    found = ADDRESS.search(made.text)
    assert found, "the page shows the new address"
    return found.group(1)


def events(client: TestClient, path: str) -> dict[str, tuple[str, date]]:
    """The feed's events by identifier: (summary, day)."""
    client.cookies.clear()  # calendar programs do not sign in
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {
        str(e["uid"]): (str(e["summary"]), e.decoded("dtstart")) for e in calendar.walk("VEVENT")
    }


def test_the_account_page_links_to_the_feed(client: TestClient) -> None:
    sign_in(client, demo_email("viewer"))
    page = client.get("/account")
    assert 'href="/account/calendar"' in page.text


def test_a_contributors_feed_has_their_actions_and_their_systems_dates_only(
    client: TestClient, session: Session, due: Due
) -> None:
    sign_in(client, demo_email("contributor"))
    found = events(client, make_address(client))
    summary, day = found[f"action-{due.soon}@joinedup"]
    assert day == date.fromordinal(due.today.toordinal() + 3)
    assert summary.startswith("Action ")
    assert f"action-{due.late}@joinedup" in found
    assert f"action-{due.later}@joinedup" in found  # the feed shows every open action's date
    assert found[f"meeting-{OXFORDSHIRE}-{due.meeting.isoformat()}@joinedup"][1] == due.meeting
    assert any(uid.startswith("milestone-") for uid in found)  # Oxfordshire's reviews
    # Nothing of another system: Coventry's review milestones stay out.
    assert f"milestone-{due.coventry_milestone}@joinedup" not in found
    assert not any(uid.startswith("meeting-E08000026") for uid in found)


def test_a_reviewers_feed_has_the_milestones_of_the_reviews_they_are_on(
    client: TestClient, session: Session, due: Due
) -> None:
    sign_in(client, demo_email("reviewer"))
    found = events(client, make_address(client))
    summary, day = found[f"milestone-{due.milestone}@joinedup"]
    assert summary.startswith("York")
    assert day == date.fromordinal(due.today.toordinal() + 2)
    assert f"milestone-{due.coventry_milestone}@joinedup" not in found  # not on that team
    assert not any(uid.startswith("action-") for uid in found)


def test_a_system_leads_feed_has_their_boards_meetings_by_the_boards_name(
    client: TestClient, due: Due
) -> None:
    sign_in(client, demo_email("system_lead", COVENTRY))
    found = events(client, make_address(client))
    meetings = {uid: summary for uid, (summary, _) in found.items() if uid.startswith("meeting-")}
    assert meetings, "Coventry's boards hold meetings in the demo world"
    assert all(uid.startswith(f"meeting-{COVENTRY}-") for uid in meetings)
    assert any(summary != "Board meeting" for summary in meetings.values())  # the board's name


def test_a_renewed_or_revoked_address_stops_working(client: TestClient, due: Due) -> None:
    sign_in(client, demo_email("system_lead"))
    first = make_address(client)
    session_cookies = dict(client.cookies)
    assert client.get(first).status_code == 200
    for name, value in session_cookies.items():
        client.cookies.set(name, value, domain="127.0.0.1", path="/")
    second = make_address(client)
    assert client.get(first).status_code == 404  # renewed: the old address ends
    assert client.get(second).status_code == 200
    for name, value in session_cookies.items():
        client.cookies.set(name, value, domain="127.0.0.1", path="/")
    page = client.get("/account/calendar")
    revoked = client.post(
        "/account/calendar/revoke",
        data={"csrf_token": csrf_from(page.text)},
        follow_redirects=False,
    )
    assert revoked.status_code == 303
    assert client.get(second).status_code == 404
    assert "You do not have a calendar address" in client.get("/account/calendar").text


def test_a_deactivated_persons_feed_ends_and_a_made_up_address_is_not_found(
    client: TestClient, session: Session, due: Due
) -> None:
    sign_in(client, demo_email("viewer"))
    address = make_address(client)
    assert client.get(address).status_code == 200
    session.execute(update(User).where(User.email == demo_email("viewer")).values(is_active=False))
    session.commit()
    assert client.get(address).status_code == 404
    assert client.get("/calendar/made-up.ics").status_code == 404
