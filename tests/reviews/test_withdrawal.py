"""A review started in error is withdrawn with the reason why, kept in its history; it leaves
overdue counts, calendars and lists of work. A review's title and team are changed with a
success message."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlalchemy.orm import Session

from joinedup.access import audit
from joinedup.errors import InvalidInput, PermissionDenied, StaleEdit
from joinedup.reviews import service
from joinedup.reviews.models import Review
from joinedup.reviews.schemas import ReportChange, ReviewChange, ReviewWithdrawal
from joinedup.settings import Settings
from joinedup.store.database import Database
from joinedup.web.app import create_app
from tests.conftest import OXFORDSHIRE, TEST_SECRET, csrf_from, demo_email, sign_in
from tests.reviews.conftest import OXFORD_LEAD, REVIEWER

LATE = date(2030, 1, 1)  # every milestone of the review planned from 2017 is overdue by then


def test_a_withdrawn_review_keeps_its_reason_and_has_nothing_overdue(
    session: Session, review: Review
) -> None:
    assert service.overdue_labels(review, today=LATE)
    service.withdraw_review(
        session,
        actor=REVIEWER,
        review_id=review.id,
        data=ReviewWithdrawal(version=review.version, reason="Started for the wrong system"),
    )
    assert review.status == "withdrawn"
    assert review.withdrawn_reason == "Started for the wrong system"
    assert service.overdue_labels(review, today=LATE) == []
    event = audit.events_for(session, "review", review.id)[-1]
    assert event.action == "review.withdraw"
    assert event.after is not None
    assert event.after["withdrawn_reason"] == "Started for the wrong system"
    # off the lists of work and the programme's calendar; still on record when asked for
    assert review.id not in {r.id for r in service.list_reviews(session, actor=REVIEWER)}
    everything = service.list_reviews(session, actor=REVIEWER, include_withdrawn=True)
    assert review.id in {r.id for r in everything}
    page = service.programme_page(
        session, actor=REVIEWER, programme_id=review.programme_id, today=LATE
    )
    assert all(e.review_id != review.id for m in page.calendar for e in m.entries)
    assert next(r for r in page.reviews if r.id == review.id).overdue == ()
    # it stays withdrawn: no status brings it back, and it is not withdrawn twice
    with pytest.raises(InvalidInput) as back:
        service.update_review(
            session,
            actor=REVIEWER,
            review_id=review.id,
            data=ReviewChange(version=review.version, status="in_progress"),
        )
    assert "stays withdrawn" in back.value.problems["status"]


def test_withdrawal_needs_a_reason_the_review_team_and_the_version_loaded(
    session: Session, review: Review
) -> None:
    with pytest.raises(ValidationError) as blank:
        ReviewWithdrawal(version=1, reason=" ")
    problems = InvalidInput.from_validation(blank.value).problems
    assert problems == {"reason": "Say why the review is being withdrawn"}
    with pytest.raises(PermissionDenied):
        service.withdraw_review(
            session,
            actor=OXFORD_LEAD,
            review_id=review.id,
            data=ReviewWithdrawal(version=review.version, reason="Mine"),
        )
    with pytest.raises(StaleEdit):
        service.withdraw_review(
            session,
            actor=REVIEWER,
            review_id=review.id,
            data=ReviewWithdrawal(version=review.version - 1 or 99, reason="Old"),
        )
    with pytest.raises(ValidationError):
        ReviewChange(version=1, status="withdrawn")  # only by withdrawing it, with a reason


def test_a_published_review_cannot_be_withdrawn(session: Session, review: Review) -> None:
    for state in ("shared", "published"):
        service.set_report_state(
            session,
            actor=REVIEWER,
            review_id=review.id,
            data=ReportChange(version=review.version, state=state),
        )
    with pytest.raises(InvalidInput) as refused:
        service.withdraw_review(
            session,
            actor=REVIEWER,
            review_id=review.id,
            data=ReviewWithdrawal(version=review.version, reason="Too late"),
        )
    assert "public record" in refused.value.problems["reason"]


# --- pages on the demo world ------------------------------------------------------------------


@pytest.fixture
def web(database: Database, tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(
        database_url=database.url, secret_key=TEST_SECRET, data_dir=str(tmp_path / "data")
    )
    with TestClient(create_app(settings, database), base_url="http://127.0.0.1") as client:
        yield client


def _hartlepool(client: TestClient) -> int:
    reviews = client.get("/api/v1/reviews?programme_id=2").json()
    return next(r["id"] for r in reviews if r["status"] == "reporting")


def test_withdrawing_asks_first_then_drops_the_review_from_overdue_counts(
    web: TestClient,
) -> None:
    sign_in(web, demo_email("reviewer"))
    review_id = _hartlepool(web)
    assert "Overdue by" in web.get("/reviews/programmes/2").text
    confirm = web.get(f"/reviews/{review_id}/withdraw")
    assert confirm.status_code == 200
    assert "You cannot undo this" in confirm.text
    token = csrf_from(confirm.text)
    version = confirm.text.split('name="version" value="')[1].split('"')[0]
    form = {"csrf_token": token, "version": version, "reason": ""}
    blank = web.post(f"/reviews/{review_id}/withdraw", data=form)
    assert blank.status_code == 400
    assert "There is a problem" in blank.text
    assert 'href="#reason"' in blank.text
    done = web.post(
        f"/reviews/{review_id}/withdraw",
        data={**form, "reason": "Started twice by mistake"},
        follow_redirects=False,
    )
    assert done.status_code == 303
    page = web.get(done.headers["location"]).text
    assert "The review has been withdrawn" in page
    assert "Started twice by mistake" in page
    assert "Overdue by" not in web.get("/reviews/programmes/2").text


def test_system_people_cannot_withdraw_a_review(web: TestClient) -> None:
    sign_in(web, demo_email("system_lead", OXFORDSHIRE))
    assert web.get("/reviews/1/withdraw").status_code == 403


def test_the_title_and_team_are_changed_with_a_success_message(web: TestClient) -> None:
    sign_in(web, demo_email("reviewer"))
    page = web.get("/reviews/2").text
    version = page.split('action="/reviews/2" novalidate>')[1].split('name="version" value="')[1]
    form = {
        "csrf_token": csrf_from(page),
        "version": version.split('"')[0],
        "title": "Oxfordshire: follow-up, renamed",
        "status": "complete",
        "team": "Ruth Evans, lead reviewer\nOwen Price, analyst",
    }
    saved = web.post("/reviews/2", data=form, follow_redirects=False)
    assert saved.status_code == 303
    shown = web.get(saved.headers["location"]).text
    assert "Your changes have been saved" in shown
    assert "Oxfordshire: follow-up, renamed" in shown
    assert "Owen Price, analyst" in shown
    again = web.post("/reviews/2", data={**form, "title": "Late"})
    assert again.status_code == 409  # from the version loaded, not over somebody's save
