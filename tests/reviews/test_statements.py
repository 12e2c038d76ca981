"""The review pages read the same number of SQL statements whatever the size of what they show:
a programme of 3 or of 20 reviews, a review with few or many findings, evidence and milestones."""

from __future__ import annotations

from datetime import date

from fastapi.testclient import TestClient

from joinedup.reviews import service
from joinedup.reviews.schemas import EvidenceIn, FindingIn, MilestoneDates, ProgrammeIn, ReviewIn
from joinedup.store.database import Database
from tests.conftest import OXFORDSHIRE, demo_email, sign_in
from tests.reviews.conftest import REVIEWER
from tests.statements import counting


def _framework(key: str, milestones: int) -> str:
    steps = [f"  - {{key: step{i}, label: Step {i}, days: {7 * i}}}" for i in range(milestones)]
    return "\n".join(
        [
            f"key: {key}",
            f"name: Framework {key}",
            "questions:",
            "  - {id: flow, title: Flow}",
            "  - {id: safe, title: Safe}",
            "milestones:",
            *steps,
        ]
    )


def _programme(database: Database, *, reviews: int, findings: int, milestones: int) -> list[int]:
    """A programme of ``reviews`` reviews of Oxfordshire; the first holds ``findings`` findings,
    half as many evidence items, and two milestones done. Returns the programme and review ids."""
    key = f"size-{reviews}-{findings}-{milestones}"
    with database.session() as session:
        service.add_framework(
            session, actor=REVIEWER, text=_framework(key, milestones), source=f"{key}.yaml"
        )
        programme = service.create_programme(
            session, actor=REVIEWER, data=ProgrammeIn(name=key, framework_key=key)
        )
        made = [
            service.create_review(
                session,
                actor=REVIEWER,
                data=ReviewIn(
                    programme_id=programme.id,
                    area_code=OXFORDSHIRE,
                    kind="full",
                    start=date(2018, 1, 1),
                ),
            )
            for _ in range(reviews)
        ]
        first = made[0]
        items = [
            service.add_evidence(
                session,
                actor=REVIEWER,
                review_id=first.id,
                data=EvidenceIn(
                    kind="interview",
                    gathered_on=date(2018, 2, 1),
                    source=f"Source {n}",
                    questions=["flow"],
                    summary=f"Evidence {n}",
                ),
            )
            for n in range(findings // 2 + 1)
        ]
        for n in range(findings):
            service.add_finding(
                session,
                actor=REVIEWER,
                review_id=first.id,
                data=FindingIn(
                    kind=("working_well", "area_for_improvement")[n % 2],
                    key_question="flow",
                    theme=f"Theme {n % 4}",
                    text=f"Finding {n}",
                    evidence_ids=[items[n % len(items)].id],
                ),
            )
        for milestone in list(first.milestones)[:2]:
            service.update_milestone(
                session,
                actor=REVIEWER,
                review_id=first.id,
                key=milestone.key,
                data=MilestoneDates(
                    version=milestone.version,
                    planned_date=milestone.planned_date,
                    actual_date=milestone.planned_date,
                ),
            )
        return [programme.id, *(r.id for r in made)]


def _statements(client: TestClient, database: Database, path: str) -> int:
    with counting(database.engine) as seen:
        response = client.get(path)
    assert response.status_code == 200, response.text[:200]
    return seen.count


def test_the_review_and_programme_pages_do_not_read_more_for_more(
    client: TestClient, database: Database
) -> None:
    small = _programme(database, reviews=3, findings=3, milestones=3)
    large = _programme(database, reviews=20, findings=20, milestones=12)
    sign_in(client, demo_email("reviewer"))
    pages = [
        "/reviews/{review}",
        "/reviews/programmes/{programme}",
        "/reviews/programmes/{programme}/national",
        "/api/v1/reviews?programme_id={programme}",
        "/api/v1/reviews/{review}/findings",
        "/api/v1/reviews/{review}/evidence",
    ]
    for page in pages:
        _statements(client, database, page.format(programme=small[0], review=small[1]))  # warm
        counts = [
            _statements(client, database, page.format(programme=ids[0], review=ids[1]))
            for ids in (small, large)
        ]
        assert counts[0] == counts[1], f"{page}: {counts[0]} statements, then {counts[1]}"
        assert counts[0] <= 40, f"{page}: {counts[0]} statements"
