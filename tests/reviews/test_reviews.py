"""Programmes, reviews, milestones, report states: who may do what, and what people see."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError
from sqlalchemy.orm import Session

from joinedup.access.audit import events_for
from joinedup.errors import InvalidInput, NotFound, PermissionDenied, StaleEdit
from joinedup.reviews import service
from joinedup.reviews.models import Review
from joinedup.reviews.rules import milestone_state
from joinedup.reviews.schemas import (
    MilestoneDates,
    ProgrammeIn,
    ReportChange,
    ReviewChange,
    ReviewIn,
)
from tests.conftest import COVENTRY, OXFORDSHIRE
from tests.reviews.conftest import (
    ANALYST,
    COVENTRY_LEAD,
    OXFORD_LEAD,
    REVIEWER,
    make_review,
)


def test_a_review_gets_the_frameworks_milestones(review: Review) -> None:
    assert review.status == "planned"
    assert review.title == "Oxfordshire: full review"
    assert [m.label for m in review.milestones][:2] == [
        "Information request (SOIR) sent",
        "Information request (SOIR) returned",
    ]
    assert all(m.actual_date is None for m in review.milestones)


def test_moving_the_summit_moves_the_action_plan_due_date(session: Session, review: Review) -> None:
    summit = next(m for m in review.milestones if m.key == "summit")
    service.update_milestone(
        session,
        actor=REVIEWER,
        review_id=review.id,
        key="summit",
        data=MilestoneDates(
            version=summit.version, planned_date=date(2018, 3, 14), actual_date=date(2018, 3, 20)
        ),
    )
    dates = {m.key: m.planned_date for m in review.milestones}
    assert dates["action_plan_due"] == date(2018, 4, 20)
    assert dates["action_plan_submitted"] == date(2018, 4, 20)
    assert dates["report_published"] == date(2018, 3, 21)


def test_overdue_and_due_soon() -> None:
    today = date(2018, 4, 20)
    assert milestone_state(date(2018, 4, 14), None, today).state == "overdue"
    assert milestone_state(date(2018, 4, 14), None, today).days == 6
    assert milestone_state(date(2018, 4, 30), None, today).state == "due_soon"
    assert milestone_state(date(2018, 6, 30), None, today).state == "upcoming"
    done_late = milestone_state(date(2018, 4, 14), date(2018, 4, 16), today)
    assert (done_late.state, done_late.days) == ("done", 2)


def test_only_reviewers_and_admins_create_reviews(session: Session, review: Review) -> None:
    for actor in (OXFORD_LEAD, ANALYST):
        with pytest.raises(PermissionDenied):
            service.create_review(
                session,
                actor=actor,
                data=ReviewIn(
                    programme_id=review.programme_id,
                    area_code=OXFORDSHIRE,
                    kind="full",
                    start=date(2018, 1, 1),
                ),
            )
    with pytest.raises(PermissionDenied):
        service.update_review(
            session,
            actor=OXFORD_LEAD,
            review_id=review.id,
            data=ReviewChange(version=1, status="complete"),
        )


def test_another_systems_lead_cannot_see_an_unpublished_review(
    session: Session, review: Review
) -> None:
    with pytest.raises(NotFound):
        service.get_review(session, actor=COVENTRY_LEAD, review_id=review.id)
    with pytest.raises(NotFound):
        service.update_review(
            session,
            actor=COVENTRY_LEAD,
            review_id=review.id,
            data=ReviewChange(version=1, status="complete"),
        )
    assert review not in service.list_reviews(session, actor=COVENTRY_LEAD)
    assert review not in service.list_reviews(session, actor=None)
    assert review in service.list_reviews(session, actor=OXFORD_LEAD)
    assert all(r.report_state == "published" for r in service.list_reviews(session, actor=None))


def test_a_published_report_is_seen_by_everyone(session: Session, review: Review) -> None:
    service.set_report_state(
        session, actor=REVIEWER, review_id=review.id, data=ReportChange(version=1, state="shared")
    )
    assert review not in service.list_reviews(session, actor=COVENTRY_LEAD)
    service.set_report_state(
        session,
        actor=REVIEWER,
        review_id=review.id,
        data=ReportChange(version=2, state="published"),
    )
    assert service.get_review(session, actor=COVENTRY_LEAD, review_id=review.id) is review
    assert service.get_review(session, actor=None, review_id=review.id) is review
    assert review.published_at is not None
    with pytest.raises(InvalidInput) as refused:
        service.set_report_state(
            session,
            actor=REVIEWER,
            review_id=review.id,
            data=ReportChange(version=3, state="draft"),
        )
    assert refused.value.problems == {"state": "A published report cannot become draft"}


def test_a_draft_cannot_be_published_without_sharing_it_first(
    session: Session, review: Review
) -> None:
    with pytest.raises(InvalidInput) as refused:
        service.set_report_state(
            session,
            actor=REVIEWER,
            review_id=review.id,
            data=ReportChange(version=1, state="published"),
        )
    assert refused.value.problems == {"state": "A draft report cannot become published"}


def test_an_edit_from_an_old_version_is_refused_with_the_current_values(
    session: Session, review: Review
) -> None:
    service.update_review(
        session,
        actor=REVIEWER,
        review_id=review.id,
        data=ReviewChange(version=1, status="in_progress"),
    )
    with pytest.raises(StaleEdit) as refused:
        service.update_review(
            session,
            actor=REVIEWER,
            review_id=review.id,
            data=ReviewChange(version=1, status="complete"),
        )
    assert refused.value.current["status"] == "in_progress"
    assert refused.value.current["changed"] == ["status"]
    assert review.status == "in_progress"
    actions = [e.action for e in events_for(session, "review", review.id)]
    assert actions == ["review.create", "review.update"]


def test_a_follow_up_follows_a_review_of_the_same_system(session: Session, review: Review) -> None:
    follow_up = service.create_review(
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
    assert follow_up.follow_up_of_id == review.id
    with pytest.raises(InvalidInput) as refused:
        service.create_review(
            session,
            actor=REVIEWER,
            data=ReviewIn(
                programme_id=review.programme_id,
                area_code=COVENTRY,
                kind="follow_up_visit",
                start=date(2018, 10, 10),
                follow_up_of_id=review.id,
            ),
        )
    assert refused.value.problems == {"follow_up_of_id": "The earlier review is of another system"}


def test_unknown_choices_are_refused_naming_the_field(session: Session) -> None:
    programme_id = make_review(session, name="Q").programme_id
    with pytest.raises(ValidationError) as invalid:
        ReviewIn(programme_id=programme_id, area_code=OXFORDSHIRE, kind="annual", start="soon")
    assert InvalidInput.from_validation(invalid.value).problems == {
        "kind": "Choose the kind of review",
        "start": "Enter a real date, for example 14/03/2018",
    }
    with pytest.raises(InvalidInput) as refused:
        service.create_programme(
            session, actor=REVIEWER, data=ProgrammeIn(name="X", framework_key="nope")
        )
    assert refused.value.problems == {"framework_key": "'nope' is not a known framework"}
    with pytest.raises(InvalidInput) as refused:
        service.create_review(
            session,
            actor=REVIEWER,
            data=ReviewIn(
                programme_id=programme_id, area_code="E99999999", kind="full", start="2018-01-01"
            ),
        )
    assert refused.value.problems == {"area_code": "'E99999999' is not a system"}


def test_a_team_is_typed_one_person_a_line() -> None:
    change = ReviewChange.model_validate(
        {"version": 1, "team": "Maya Collins, lead reviewer\n\nOwen Price"}
    )
    assert change.team is not None
    assert [(m.name, m.role) for m in change.team] == [
        ("Maya Collins", "lead reviewer"),
        ("Owen Price", ""),
    ]
    with pytest.raises(ValidationError) as invalid:
        ReviewChange.model_validate({"version": 1, "team": "Maya\n, analyst"})
    assert InvalidInput.from_validation(invalid.value).problems == {
        "team": "Line 2: a name is missing before the comma"
    }
