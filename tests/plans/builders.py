"""Small plans built through the service for tests (the demo plan is the matrix's)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from joinedup.access import service as access
from joinedup.access.rules import OPERATOR, Principal
from joinedup.plans import service
from joinedup.plans.models import Plan, Workstream
from joinedup.plans.schemas import ActionIn, PlanIn, WorkstreamIn
from joinedup.reviews import service as reviews
from joinedup.reviews.models import Finding, Framework, Programme, Review
from tests.conftest import OXFORDSHIRE, demo_email

START = date(2018, 3, 1)


def person(session: Session, role: str, area_code: str | None = None) -> Principal:
    return access.principal_for(access.get_user(session, demo_email(role, area_code)))


def small_plan(session: Session) -> tuple[Plan, Workstream, Workstream]:
    """A plan of Oxfordshire with workstreams A (two actions) and B (one action); the
    contributor is assigned to B only."""
    plan = service.create_plan(
        session,
        actor=OPERATOR,
        area_code=OXFORDSHIRE,
        change=PlanIn(title="Test plan", agreed_on=START),
    )
    a = service.add_workstream(
        session, actor=OPERATOR, plan_id=plan.id, change=WorkstreamIn(code="a", title="Vision")
    )
    b = service.add_workstream(
        session, actor=OPERATOR, plan_id=plan.id, change=WorkstreamIn(code="B", title="Flow")
    )
    for text, due in (("Agree the vision", date(2018, 6, 30)), ("Publish it", date(2018, 9, 30))):
        service.add_action(
            session,
            actor=OPERATOR,
            workstream_id=a.id,
            on=START,
            change=ActionIn(description=text, owner="Ann", due=due),
        )
    service.add_action(
        session,
        actor=OPERATOR,
        workstream_id=b.id,
        on=START,
        change=ActionIn(description="Review pathways", owner="Tom Hughes", due=date(2018, 12, 31)),
    )
    contributor = access.get_user(session, demo_email("contributor", OXFORDSHIRE))
    service.assign_member(session, actor=OPERATOR, workstream_id=b.id, user_id=contributor.id)
    session.flush()
    return plan, a, b


def findings(session: Session, texts: list[tuple[str, str]]) -> list[Finding]:
    """A review of Oxfordshire holding findings of the given (kind, text)."""
    reviews.ensure_frameworks(session)
    key = session.scalars(select(Framework.key)).first()
    programme = Programme(name=f"Test programme {key}", framework_key=key)
    session.add(programme)
    session.flush()
    review = Review(
        programme_id=programme.id, area_code=OXFORDSHIRE, kind="review", title="Test review"
    )
    session.add(review)
    session.flush()
    made = [
        Finding(review_id=review.id, kind=kind, key_question="Q", theme="T", text=text)
        for kind, text in texts
    ]
    session.add_all(made)
    session.flush()
    return made
