"""The demo world's timeline: the seeds' story on its real dates, moved by whole years so that
the Board's next meeting is just after today whatever the real date; and the world built on it
shows nothing after its today and no complete review with an overdue milestone."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from joinedup import clock
from joinedup.access.rules import OPERATOR
from joinedup.monitoring.models import KpiValue
from joinedup.plans.models import ActionUpdate, RagAssessment
from joinedup.reviews import service as reviews
from joinedup.reviews.models import EvidenceItem, Milestone, Review
from joinedup.timeline import STORY_DAY, Timeline

REAL_DAYS = [
    date(2019, 6, 13),
    date(2021, 1, 1),
    date(2024, 2, 29),
    date(2025, 5, 31),
    date(2025, 6, 1),
    date(2026, 3, 13),
    date(2026, 12, 1),
    date(2031, 9, 30),
]


@pytest.mark.parametrize("today", REAL_DAYS)
def test_the_next_board_meeting_is_at_most_a_quarter_after_today(today: date) -> None:
    timeline = Timeline.as_at(today)
    upcoming = timeline.next_meeting
    assert upcoming is not None
    assert today < upcoming <= today + timedelta(days=92)
    # the ratings of seed 003 (as at 31 May 2019) are always in the past
    assert timeline.on(2019, 5, 31) <= today
    assert timeline.past_meetings[-1] <= today


def test_the_story_day_is_told_on_its_real_dates() -> None:
    timeline = Timeline.as_at(STORY_DAY)
    assert timeline.years == 0
    assert timeline.next_meeting == date(2019, 9, 12)
    assert timeline.past_meetings[-1] == date(2019, 6, 13)
    assert timeline.reporting_date(date(2019, 6, 13)) == date(2019, 5, 31)
    assert timeline.last_complete_month == date(2019, 5, 1)


def test_a_shifted_story_keeps_its_calendar() -> None:
    timeline = Timeline.as_at(date(2026, 12, 1))
    assert timeline.years == 7
    assert timeline.on(2017, 12, 4) == date(2024, 12, 4)
    assert timeline.story(date(2026, 12, 1)) == date(2019, 12, 1)
    assert timeline.next_meeting == date(2027, 1, 16)
    assert timeline.on(2020, 2, 29) == date(2027, 2, 28)


def _timeline() -> Timeline:
    return Timeline.as_at(clock.today())  # the tests' world is built as at the clock's day


def test_no_complete_review_has_an_overdue_milestone(session: Session) -> None:
    today = clock.today()
    complete = session.scalars(select(Review).where(Review.status == "complete")).all()
    assert len(complete) >= 5
    for review in complete:
        shown = reviews.review_out(review, today=today)
        assert shown.overdue == []
        assert all(m.state == "done" for m in shown.milestones), review.title
    rows = reviews.programme_rows(session, actor=OPERATOR, today=today)
    programme = next(r for r in rows if r.name == "Local system reviews 2017-18")
    assert programme.overdue == 0


def test_the_light_touch_follow_up_has_no_site_visit(session: Session) -> None:
    timeline = _timeline()
    light = session.scalars(select(Review).where(Review.kind == "follow_up_light")).one()
    keys = [m.key for m in light.milestones]
    assert not {"soir_sent", "relational_audit", "on_site_week", "summit"} & set(keys)
    days = {m.key: m.actual_date for m in light.milestones}
    assert days["telephone_interviews"] == timeline.on(2018, 12, 10)
    assert light.report_state == "shared"  # the slide deck is not published


def test_coventry_is_on_the_dates_of_its_cabinet_report(session: Session) -> None:
    timeline = _timeline()
    coventry = session.scalars(
        select(Review).where(Review.area_code == "E08000026", Review.kind == "full")
    ).one()
    days = {m.key: m.actual_date for m in coventry.milestones}
    assert days["soir_sent"] == timeline.on(2017, 12, 4)
    assert days["on_site_week"] == timeline.on(2018, 1, 22)
    assert days["summit"] == timeline.on(2018, 3, 14)
    assert days["report_published"] == timeline.on(2018, 3, 15)
    assert days["action_plan_submitted"] == timeline.on(2018, 4, 9)
    assert coventry.published_at is not None
    assert coventry.published_at.date() == timeline.on(2018, 3, 15)


def test_nothing_is_dated_after_today(session: Session) -> None:
    today = clock.today()
    latest = [
        session.scalar(select(func.max(Milestone.actual_date))),
        session.scalar(select(func.max(EvidenceItem.gathered_on))),
        session.scalar(select(func.max(ActionUpdate.reported_on))),
        session.scalar(select(func.max(RagAssessment.reported_on))),
        session.scalar(select(func.max(KpiValue.period))),
    ]
    assert all(day is not None and day <= today for day in latest), latest
    published = session.scalars(select(Review.published_at)).all()
    assert all(moment is None or moment.date() <= today for moment in published)
