"""A review's data profile and rank are those available when it started: the latest 12 months
before its start, and the ranking run that selected it (recorded when it is started from a
ranking). Kinds of review follow their own steps."""

from __future__ import annotations

import re
from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from joinedup import clock
from joinedup.access.rules import OPERATOR
from joinedup.errors import InvalidInput
from joinedup.ranking import service as ranking
from joinedup.reviews import service
from joinedup.reviews.schemas import ReviewIn
from joinedup.store.database import Database
from joinedup.timeline import Timeline
from tests.conftest import OXFORDSHIRE, csrf_from, demo_email, sign_in
from tests.reviews.conftest import REVIEWER


def _timeline() -> Timeline:
    return Timeline.as_at(clock.today())  # the tests' world is built as at the clock's day


def test_the_2017_reviews_were_selected_by_the_ranking_of_2016_17(session: Session) -> None:
    runs = ranking.list_runs(session, actor=OPERATOR)
    selecting = next(r for r in runs if r.period_start == _timeline().on(2016, 4, 1))
    full = [r for r in service.list_reviews(session, actor=OPERATOR) if r.programme_id == 1]
    assert [r.ranking_run_id for r in full if r.kind == "full"] == [selecting.id] * 3
    assert all(r.ranking_run_id is None for r in full if r.kind != "full")


def test_the_review_page_profiles_the_year_before_it_began(
    client: TestClient, database: Database
) -> None:
    timeline = _timeline()
    with database.session() as session:
        review = next(
            r
            for r in service.list_reviews(session, actor=OPERATOR, area_code=OXFORDSHIRE)
            if r.kind == "full"
        )
        run = ranking.get_run(session, actor=OPERATOR, run_id=review.ranking_run_id or 0)
        run_name = run.name
    sign_in(client, demo_email("reviewer"))
    text = client.get(f"/reviews/{review.id}").text
    # Oxfordshire's review began on 25 September 2017: its year is September 2016 to August 2017
    assert "before the review began" in text
    year = f"{timeline.on(2016, 9, 1):%b %Y} to {timeline.on(2017, 8, 31):%b %Y}"
    assert year in text
    later = f"{timeline.on(2017, 9, 1):%b %Y} to"
    assert later not in text
    assert "the ranking that selected this review" in text
    assert run_name in text


def test_a_review_started_from_a_ranking_records_the_run(session: Session) -> None:
    run_id = ranking.list_runs(session, actor=OPERATOR)[0].id
    review = service.create_review(
        session,
        actor=REVIEWER,
        data=ReviewIn(
            programme_id=2,
            area_code=OXFORDSHIRE,
            kind="full",
            start=date(2024, 1, 8),
            ranking_run_id=run_id,
        ),
    )
    assert review.ranking_run_id == run_id
    assert service.review_out(review, today=date(2024, 1, 8)).ranking_run_id == run_id
    with pytest.raises(InvalidInput) as refused:
        service.create_review(
            session,
            actor=REVIEWER,
            data=ReviewIn(
                programme_id=2,
                area_code=OXFORDSHIRE,
                kind="full",
                start=date(2024, 1, 8),
                ranking_run_id=999_999,
            ),
        )
    assert refused.value.problems == {"ranking_run_id": "There is no such ranking run"}


def test_start_a_review_from_a_ranking_carries_the_run_to_the_form(
    client: TestClient, database: Database
) -> None:
    with database.session() as session:
        run_id = ranking.list_runs(session, actor=OPERATOR)[0].id
    sign_in(client, demo_email("reviewer"))
    choose = client.get(f"/reviews/new?area_code={OXFORDSHIRE}&ranking_run_id={run_id}").text
    link = re.search(r'href="(/reviews/programmes/2\?[^"]+)"', choose)
    assert link is not None
    page = client.get(link.group(1).replace("&amp;", "&")).text
    assert f'name="ranking_run_id" value="{run_id}"' in page
    added = client.post(
        "/reviews/programmes/2/reviews",
        data={
            "csrf_token": csrf_from(page),
            "area_code": OXFORDSHIRE,
            "kind": "full",
            "start": "2024-02-05",
            "ranking_run_id": str(run_id),
        },
    )
    assert added.status_code in (200, 303), added.text
    with database.session() as session:
        newest = service.list_reviews(session, actor=OPERATOR, area_code=OXFORDSHIRE)[-1]
        assert newest.ranking_run_id == run_id


def test_a_light_touch_follow_up_plans_calls_and_decks_not_a_site_visit(
    session: Session,
) -> None:
    review = service.create_review(
        session,
        actor=REVIEWER,
        data=ReviewIn(
            programme_id=1, area_code=OXFORDSHIRE, kind="follow_up_light", start=date(2024, 1, 8)
        ),
    )
    keys = [m.key for m in review.milestones]
    assert keys == [
        "progress_assessed",
        "telephone_interviews",
        "latest_indicators",
        "draft_deck",
        "final_deck",
        "reported",
    ]
