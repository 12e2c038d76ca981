"""Rating workstreams: the rating the actions suggest, and a rating recorded on a reporting date
with its reasons (append-only: a correction is a new row)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from joinedup import clock
from joinedup.access import audit
from joinedup.access.rules import Principal
from joinedup.errors import InvalidInput
from joinedup.plans import rules
from joinedup.plans.models import RagAssessment
from joinedup.plans.overview import action_facts
from joinedup.plans.permissions import readable_plan, readable_workstream, require_update
from joinedup.plans.schemas import RagIn


def suggestion(
    session: Session, *, actor: Principal, workstream_id: int, on: date
) -> rules.Suggestion:
    workstream = readable_workstream(session, actor, workstream_id)
    return rules.suggest_rating(action_facts(session, [workstream.id])[workstream.id], on)


def record_rag(
    session: Session, *, actor: Principal, workstream_id: int, change: RagIn
) -> RagAssessment:
    """A workstream's rating on a reporting date, with the suggestion it was compared with."""
    workstream = readable_workstream(session, actor, workstream_id)
    plan = readable_plan(session, actor, workstream.plan_id)
    require_update(session, actor, plan, workstream)
    on = change.reported_on or clock.today()
    suggested = rules.suggest_rating(action_facts(session, [workstream.id])[workstream.id], on)
    problems = rules.rag_problems(
        rating=change.rating,
        rationale=change.rationale,
        mitigation=change.mitigation,
        suggested=suggested.rating,
        override_reason=change.override_reason,
    )
    if problems:
        raise InvalidInput(problems)
    assessment = RagAssessment(
        workstream_id=workstream.id,
        reported_on=on,
        rating=change.rating.value,
        rationale=change.rationale,
        mitigation=change.mitigation,
        suggested=suggested.rating.value,
        triggers=list(suggested.triggers),
        override_reason=change.override_reason if change.rating != suggested.rating else "",
        actor_user_id=actor.user_id,
        actor=actor.email,
    )
    session.add(assessment)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="workstream.rag",
        entity_type="workstream",
        entity_id=workstream.id,
        area_code=plan.area_code,
        after={
            "on": on.isoformat(),
            "rating": change.rating.value,
            "suggested": suggested.rating.value,
            "rationale": assessment.rationale,
            "mitigation": assessment.mitigation,
        },
    )
    return assessment
