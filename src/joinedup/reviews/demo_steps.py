"""Steps the demo's reviews are built with: each goes through the reviews service, as a
reviewer would, from the versions the rows hold."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

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
        ),
    )


def done(
    session: Session, review: Review, until: str, *, late: dict[str, int] | None = None
) -> None:
    """Mark milestones done (on their planned date, or some days late) up to ``until``."""
    late = late or {}
    for milestone in list(review.milestones):
        planned = milestone.planned_date
        assert planned is not None
        service.update_milestone(
            session,
            actor=OPERATOR,
            review_id=review.id,
            key=milestone.key,
            data=MilestoneDates(
                version=milestone.version,
                planned_date=planned,
                actual_date=planned + timedelta(days=late.get(milestone.key, 0)),
            ),
        )
        if milestone.key == until:
            return


def status(session: Session, review: Review, status: str) -> None:
    service.update_review(
        session,
        actor=OPERATOR,
        review_id=review.id,
        data=ReviewChange(version=review.version, status=status),
    )


def report(session: Session, review: Review, summary: str, *states: str) -> None:
    for state in states:
        service.set_report_state(
            session,
            actor=OPERATOR,
            review_id=review.id,
            data=ReportChange(version=review.version, state=state, summary=summary),
        )


def evidence(
    session: Session, review: Review, rows: list[tuple[str, date, str, list[str], str]]
) -> list[EvidenceItem]:
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
    ]


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
                text=text,
                evidence_ids=[i.id for i in items],
            ),
        )
