"""The summit that closes a review: its date, chair, attendees and the plan sections agreed with
their responsible groups, recorded by the review team and read by the system once shared."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from joinedup.access import audit
from joinedup.errors import InvalidInput, NotFound, PermissionDenied, StaleEdit
from joinedup.plans import service as plans
from joinedup.plans.models import Workstream
from joinedup.plans.schemas import PlanIn
from joinedup.reviews import service
from joinedup.reviews.models import Review
from joinedup.reviews.schemas import ReportChange, ReviewIn, SummitIn
from joinedup.settings import Settings
from joinedup.store.database import Database
from joinedup.web.app import create_app
from tests.conftest import COVENTRY, OXFORDSHIRE, TEST_SECRET, csrf_from, demo_email, sign_in
from tests.reviews.conftest import COVENTRY_LEAD, OXFORD_LEAD, REVIEWER

SUMMIT = {
    "held_on": "2018-03-14",
    "chair_name": "Chair Person",
    "chair_role": "Chair of the Health and Wellbeing Board",
    "attendees": "Ann Smith, Director of Adult Services, The Council\n"
    "Bo Lee, Accountable Officer, CCG",
    "sections": "Vision and strategy: Place Based Forum\nWorkforce: Workforce Board",
}


def _record(session: Session, review: Review, **changes: object) -> object:
    data = SummitIn.model_validate({**SUMMIT, **changes})
    return service.record_summit(session, actor=REVIEWER, review_id=review.id, data=data)


def test_the_review_team_records_the_summit_and_the_plan_is_due_a_month_later(
    session: Session, review: Review
) -> None:
    _record(session, review)
    summit = service.summit_of(session, actor=REVIEWER, review_id=review.id)
    assert summit is not None
    assert (summit.held_on, summit.chair_name) == (date(2018, 3, 14), "Chair Person")
    assert summit.attendees[0] == {
        "name": "Ann Smith",
        "role": "Director of Adult Services",
        "organisation": "The Council",
    }
    assert summit.sections == [
        {"title": "Vision and strategy", "responsible_group": "Place Based Forum"},
        {"title": "Workforce", "responsible_group": "Workforce Board"},
    ]
    by_key = {m.key: m for m in review.milestones}
    assert by_key["summit"].actual_date == date(2018, 3, 14)
    assert by_key["action_plan_due"].planned_date == date(2018, 4, 14)
    actions = [e.action for e in audit.events_for(session, "review", review.id)]
    assert "review.summit" in actions
    # corrected from the version loaded; an older version is refused with what it holds now
    _record(session, review, version=1, chair_name="Another Chair")
    with pytest.raises(StaleEdit) as stale:
        _record(session, review, version=1, chair_name="Late")
    assert stale.value.current["chair_name"] == "Another Chair"


def test_only_the_review_team_records_it(session: Session, review: Review) -> None:
    with pytest.raises(PermissionDenied):
        service.record_summit(
            session, actor=OXFORD_LEAD, review_id=review.id, data=SummitIn.model_validate(SUMMIT)
        )


def test_the_system_reads_it_once_the_findings_are_shared(session: Session, review: Review) -> None:
    _record(session, review)
    with pytest.raises(NotFound):  # a draft: not the system's to read yet
        service.summit_of(session, actor=OXFORD_LEAD, review_id=review.id)
    service.set_report_state(
        session,
        actor=REVIEWER,
        review_id=review.id,
        data=ReportChange(version=review.version, state="shared"),
    )
    summit = service.summit_of(session, actor=OXFORD_LEAD, review_id=review.id)
    assert summit is not None
    assert summit.chair_name == "Chair Person"
    with pytest.raises(NotFound):
        service.summit_of(session, actor=COVENTRY_LEAD, review_id=review.id)


def test_a_light_touch_follow_up_has_no_summit(session: Session, review: Review) -> None:
    light = service.create_review(
        session,
        actor=REVIEWER,
        data=ReviewIn(
            programme_id=review.programme_id,
            area_code=OXFORDSHIRE,
            kind="follow_up_light",
            start=date(2018, 10, 10),
            follow_up_of_id=review.id,
        ),
    )
    with pytest.raises(NotFound):
        _record(session, light)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"sections": ""}, "sections", "Enter the plan sections agreed at the summit"),
        ({"sections": "Workforce:"}, "sections.responsible_group", "Name the group responsible"),
        ({"chair_name": " "}, "chair_name", "Enter the name of the summit's chair"),
        ({"held_on": "2999-01-01"}, "held_on", "Enter a date between"),
        ({"attendees": ", Director"}, "attendees", "Line 1: a name is missing"),
    ],
)
def test_bad_input_is_refused_naming_the_field(
    changes: dict[str, str], field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        SummitIn.model_validate({**SUMMIT, **changes})
    problems = InvalidInput.from_validation(refused.value).problems
    assert problems[field].startswith(message), problems


# --- pages and API on the demo world ----------------------------------------------------------


@pytest.fixture
def web(database: Database, tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(
        database_url=database.url, secret_key=TEST_SECRET, data_dir=str(tmp_path / "data")
    )
    with TestClient(create_app(settings, database), base_url="http://127.0.0.1") as client:
        yield client


def _coventry_review(client: TestClient) -> int:
    reviews = client.get(f"/api/v1/reviews?area_code={COVENTRY}").json()
    return next(r["id"] for r in reviews if r["kind"] == "full")


def test_coventrys_summit_shows_its_chair_and_seven_sections(web: TestClient) -> None:
    sign_in(web, demo_email("system_lead", COVENTRY))
    review_id = _coventry_review(web)
    page = web.get(f"/reviews/{review_id}/summit")
    assert page.status_code == 200
    assert "Councillor K Caan" in page.text
    assert "Coventry Accident and Emergency Delivery Group" in page.text
    summit = web.get(f"/api/v1/reviews/{review_id}/summit").json()
    assert len(summit["sections"]) == 7
    assert summit["sections"][0]["title"] == "Vision and strategy"
    assert "Record the summit" not in page.text  # the system reads; the review team records
    # another system's people do not see it
    web.cookies.clear()
    sign_in(web, demo_email("system_lead", OXFORDSHIRE))
    assert web.get(f"/reviews/{review_id}/summit").status_code == 404


def test_the_summit_form_keeps_what_was_typed_and_names_each_problem(web: TestClient) -> None:
    sign_in(web, demo_email("reviewer"))
    review_id = _coventry_review(web)
    page = web.get(f"/reviews/{review_id}/summit")
    assert "Change the summit record" in page.text
    version = page.text.split('name="version" value="')[1].split('"')[0]
    form = {
        "csrf_token": csrf_from(page.text),
        "version": version,
        "held_on-day": "14",
        "held_on-month": "13",
        "held_on-year": "2018",
        "chair_name": "Kept chair",
        "attendees": "Kept Person, Kept role, Kept organisation",
        "sections": "Workforce: Kept group",
    }
    bad = web.post(f"/reviews/{review_id}/summit", data=form)
    assert bad.status_code == 400
    assert "There is a problem" in bad.text
    assert 'href="#held_on"' in bad.text
    assert "Kept chair" in bad.text
    assert "Kept Person, Kept role" in bad.text
    good = web.post(
        f"/reviews/{review_id}/summit",
        data={**form, "held_on-month": "3"},
        follow_redirects=False,
    )
    assert good.status_code == 303
    shown = web.get(good.headers["location"]).text
    assert "Your changes have been saved" in shown
    assert "Kept group" in shown
    # the page sent again from the old version is refused, keeping the typing
    late = web.post(f"/reviews/{review_id}/summit", data={**form, "held_on-month": "3"})
    assert late.status_code == 409
    assert "Somebody else changed this first" in late.text


def test_a_plan_for_the_review_starts_from_the_sections_agreed_at_its_summit(
    session: Session, review: Review
) -> None:
    _record(session, review)
    service.set_report_state(
        session,
        actor=REVIEWER,
        review_id=review.id,
        data=ReportChange(version=review.version, state="shared"),
    )
    plan = plans.create_plan(
        session,
        actor=OXFORD_LEAD,
        area_code=OXFORDSHIRE,
        change=PlanIn(title="Improvement plan", review_id=review.id),
    )
    rows = session.scalars(
        select(Workstream).where(Workstream.plan_id == plan.id).order_by(Workstream.code)
    ).all()
    assert [(w.code, w.title, w.responsible_group) for w in rows] == [
        ("A", "Vision and strategy", "Place Based Forum"),
        ("B", "Workforce", "Workforce Board"),
    ]
    # the lead may still start with an empty plan
    empty = plans.create_plan(
        session,
        actor=OXFORD_LEAD,
        area_code=OXFORDSHIRE,
        change=PlanIn(title="Blank", review_id=review.id, start_from_summit=False),
    )
    assert session.scalars(select(Workstream).where(Workstream.plan_id == empty.id)).all() == []


def test_coventrys_demo_plan_is_in_the_seven_sections_agreed_at_its_summit(
    session: Session,
) -> None:
    plan = plans.current_plan(session, actor=REVIEWER, area_code=COVENTRY)
    rows = session.scalars(
        select(Workstream).where(Workstream.plan_id == plan.id).order_by(Workstream.code)
    ).all()
    assert [w.title for w in rows] == [
        "Vision and strategy",
        "Engagement and involvement",
        "Performance, pace and drive",
        "Flow and use of capacity",
        "Market development",
        "Workforce",
        "Information sharing and system navigation",
    ]
    groups = {w.title: w.responsible_group for w in rows}
    assert groups["Flow and use of capacity"] == "Coventry Accident and Emergency Delivery Group"
    assert all(groups.values())
