"""Steps the demo's reviews are built with: each goes through the reviews service, as a
reviewer would, from the versions the rows hold."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from sqlalchemy.orm import Session

from joinedup import clock
from joinedup.access.rules import OPERATOR
from joinedup.reviews import service
from joinedup.reviews.models import EvidenceItem, Review
from joinedup.reviews.schemas import (
    EvidenceIn,
    FindingIn,
    MilestoneDates,
    ReportChange,
    ReviewChange,
    ReviewIn,
    TeamMember,
)

OXFORDSHIRE, COVENTRY, HARTLEPOOL = "E10000025", "E08000026", "E06000001"
STOCKPORT, TRAFFORD, YORK = "E08000007", "E08000009", "E06000014"
LSR, CQC = "local-system-review-2017", "cqc-local-authority-assessment"


def team(*people: str) -> list[TeamMember]:
    """People as "Name, role"."""
    return [
        TeamMember(name=name.strip(), role=role.strip())
        for name, _, role in (person.partition(",") for person in people)
    ]


def start(
    session: Session,
    programme_id: int,
    area_code: str,
    start_on: date,
    people: list[TeamMember],
    *,
    kind: str = "full",
    follow_up_of_id: int | None = None,
    ranking_run_id: int | None = None,
) -> Review:
    return service.create_review(
        session,
        actor=OPERATOR,
        data=ReviewIn(
            programme_id=programme_id,
            area_code=area_code,
            kind=kind,
            start=start_on,
            team=people,
            follow_up_of_id=follow_up_of_id,
            ranking_run_id=ranking_run_id,
        ),
    )


@contextmanager
def on_day(day: date) -> Iterator[None]:
    """What is done inside happens on ``day`` (a publication is dated then), as the story has it."""
    saved = clock.pinned()
    clock.pin(day)
    try:
        yield
    finally:
        clock.pin(saved)


def progress(
    session: Session,
    review: Review,
    today: date,
    actual: dict[str, date] | None = None,
    *,
    until: str | None = None,
) -> bool:
    """Mark milestones done in order, each on its day in ``actual`` (else on its planned day),
    up to ``today`` (or to the milestone ``until``, leaving the status to the caller); the
    review's status follows. Answers whether every milestone is done."""
    actual = actual or {}
    for milestone in list(review.milestones):
        planned = milestone.planned_date
        assert planned is not None
        when = actual.get(milestone.key, planned)
        if when > today:
            status(session, review, "in_progress" if milestone.position else "planned")
            return False
        service.update_milestone(
            session,
            actor=OPERATOR,
            review_id=review.id,
            key=milestone.key,
            data=MilestoneDates(version=milestone.version, planned_date=planned, actual_date=when),
        )
        if milestone.key == until:
            return False
    status(session, review, "complete")
    return True


def status(session: Session, review: Review, status: str) -> None:
    if review.status == status:
        return
    service.update_review(
        session,
        actor=OPERATOR,
        review_id=review.id,
        data=ReviewChange(version=review.version, status=status),
    )


def report(
    session: Session, review: Review, summary: str, *states: str, on: date | None = None
) -> None:
    """Move the report through ``states``; the publication is dated ``on`` (else today)."""
    with on_day(on or clock.today()):
        for state in states:
            service.set_report_state(
                session,
                actor=OPERATOR,
                review_id=review.id,
                data=ReportChange(version=review.version, state=state, summary=summary),
            )


def evidence(
    session: Session,
    review: Review,
    today: date,
    rows: list[tuple[str, date, str, list[str], str]],
) -> list[EvidenceItem]:
    """The evidence gathered by ``today`` (later rows are left out)."""
    return [
        service.add_evidence(
            session,
            actor=OPERATOR,
            review_id=review.id,
            data=EvidenceIn(
                kind=kind, gathered_on=day, source=source, questions=questions, summary=summary
            ),
        )
        for kind, day, source, questions, summary in rows
        if day <= today
    ]


# Each system's own words for its themes, and the national theme each means: the national
# picture counts Coventry's "Vision and strategy" and Oxfordshire's "Vision, Governance &
# Strategy" as one.
NATIONAL_THEME_OF = {
    "Frontline care": "care_at_home",
    "Learning After Escalation": "care_at_home",
    "Housing": "care_at_home",
    "Vision and strategy": "vision_strategy",
    "Vision, Governance & Strategy": "vision_strategy",
    "Older People's Strategy": "vision_strategy",
    "Engagement and involvement": "engagement",
    "Support for Carers": "engagement",
    "Co-production": "engagement",
    "Voluntary, Community & Social Enterprise (VCSE) Sector": "engagement",
    "Performance, pace and drive": "performance",
    "Flow and use of capacity": "flow",
    "Flow & Pathways": "flow",
    "Demand Pressures": "flow",
    "Trusted Assessor": "flow",
    "Market development": "market",
    "Market Management": "market",
    "Review of Commissioned Services": "market",
    "Self-Funders": "market",
    "Workforce": "workforce",
    "Workforce Strategy": "workforce",
    "Organisational Development": "workforce",
    "Information sharing and system navigation": "information",
}


def findings(
    session: Session, review: Review, rows: list[tuple[str, str, str, str, list[EvidenceItem]]]
) -> None:
    for kind, question, theme, text, items in rows:
        service.add_finding(
            session,
            actor=OPERATOR,
            review_id=review.id,
            data=FindingIn(
                kind=kind,
                key_question=question,
                theme=theme,
                national_theme=NATIONAL_THEME_OF[theme],
                text=text,
                evidence_ids=[i.id for i in items],
            ),
        )
