"""Upgrading an existing database brings review reports into line with their review: one
published while its review was not (how draft findings leaked) loses its public address; an
approved one whose review is published gets its address."""

from __future__ import annotations

from sqlalchemy import text

from joinedup.store import migrate
from joinedup.store.database import Database
from tests.conftest import OXFORDSHIRE

INSERT = text(
    "INSERT INTO reports (area_code, kind, review_id, title, as_of, state, document, slug, "
    "created_by, created_at, version) VALUES (:area, 'review', :review, 'Review report', "
    "'2019-05-31', :state, '{}', :slug, 'reviewer', '2019-06-01 00:00:00+00:00', 1)"
)


def test_upgrading_withdraws_leaked_review_reports_and_publishes_due_ones(
    database: Database,
) -> None:
    engine = database.engine
    migrate.downgrade(engine, "reports_0002")
    with engine.begin() as connection:
        reviews = dict(
            connection.execute(
                text("SELECT report_state, MIN(id) FROM reviews WHERE area_code = :a GROUP BY 1"),
                {"a": OXFORDSHIRE},
            ).all()
        )
        connection.execute(
            INSERT,
            {
                "area": OXFORDSHIRE,
                "review": reviews["shared"],
                "state": "published",
                "slug": "leak",
            },
        )
        connection.execute(
            INSERT,
            {
                "area": OXFORDSHIRE,
                "review": reviews["published"],
                "state": "approved",
                "slug": None,
            },
        )
    migrate.upgrade(engine)
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT review_id, state, slug FROM reports WHERE kind = 'review' "
                "AND title = 'Review report' ORDER BY id"
            )
        ).all()
    leaked, due = rows
    assert (leaked.state, leaked.slug) == ("approved", None)
    assert due.state == "published"
    assert due.slug is not None
    assert due.slug.startswith("oxfordshire-review-report-")
