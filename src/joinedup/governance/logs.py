"""Two logs of a system: oversight calls and meetings with the national team (who took part and
in what role, what was discussed, what follows), and engagement (who was engaged, when, how,
what was heard, and the findings or actions it informed)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from joinedup.access import audit
from joinedup.access.rules import Principal
from joinedup.areas import service as areas
from joinedup.errors import InvalidInput, NotFound, PermissionDenied
from joinedup.governance import rules
from joinedup.governance.models import Engagement, OversightContact
from joinedup.governance.permissions import may_log_oversight, require_lead
from joinedup.governance.schemas import EngagementIn, OversightIn
from joinedup.governance.views import EngagementView, OversightView, ParticipantView
from joinedup.plans import service as plans
from joinedup.reviews import service as reviews


def add_oversight(
    session: Session, *, actor: Principal, area_code: str, change: OversightIn
) -> OversightContact:
    areas.get_system(session, actor=actor, area_code=area_code)
    if not may_log_oversight(actor, area_code):
        raise PermissionDenied("Only the system's leads and the review team log oversight calls.")
    contact = OversightContact(
        area_code=area_code,
        held_on=change.held_on,
        kind=change.kind.value,
        participants=[rules.participant(line) for line in change.participants],
        discussed=change.discussed,
        follow_ups=change.follow_ups,
        recorded_by=actor.email,
    )
    session.add(contact)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="governance.oversight.add",
        entity_type="oversight",
        entity_id=contact.id,
        area_code=area_code,
        after={"held_on": change.held_on.isoformat(), "kind": contact.kind},
    )
    return contact


def oversight_log(session: Session, *, actor: Principal, area_code: str) -> list[OversightView]:
    """Latest first; the system's people and the national roles read it."""
    areas.get_system(session, actor=actor, area_code=area_code)
    query = (
        select(OversightContact)
        .where(OversightContact.area_code == area_code)
        .order_by(OversightContact.held_on.desc(), OversightContact.id.desc())
    )
    return [
        OversightView(
            c.id,
            c.area_code,
            c.held_on,
            c.kind,
            tuple(ParticipantView(p["name"], p.get("role", "")) for p in c.participants),
            c.discussed,
            c.follow_ups,
            c.recorded_by,
        )
        for c in session.scalars(query)
    ]


def _check_links(session: Session, actor: Principal, area_code: str, change: EngagementIn) -> None:
    problems: dict[str, str] = {}
    needing = reviews.findings_needing_action(session, actor=actor, area_code=area_code)
    findings = {f.id for f in needing}
    unknown = [i for i in change.finding_ids if i not in findings]
    if unknown:
        problems["finding_ids"] = f"No finding {unknown[0]} of this system needs action"
    for action_id in change.action_ids:
        try:
            detail = plans.action_detail(session, actor=actor, action_id=action_id)
        except NotFound:
            detail = None
        if detail is None or detail.plan.area_code != area_code:
            problems["action_ids"] = f"There is no action {action_id} in this system's plans"
            break
    if problems:
        raise InvalidInput(problems)


def add_engagement(
    session: Session, *, actor: Principal, area_code: str, change: EngagementIn
) -> Engagement:
    areas.get_system(session, actor=actor, area_code=area_code)
    require_lead(actor, area_code)
    _check_links(session, actor, area_code, change)
    entry = Engagement(
        area_code=area_code,
        held_on=change.held_on,
        who=change.who,
        how=change.how,
        heard=change.heard,
        finding_ids=list(change.finding_ids),
        action_ids=list(change.action_ids),
        recorded_by=actor.email,
    )
    session.add(entry)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="governance.engagement.add",
        entity_type="engagement",
        entity_id=entry.id,
        area_code=area_code,
        after={"who": entry.who, "held_on": change.held_on.isoformat()},
    )
    return entry


def engagement_log(session: Session, *, actor: Principal, area_code: str) -> list[EngagementView]:
    areas.get_system(session, actor=actor, area_code=area_code)
    query = (
        select(Engagement)
        .where(Engagement.area_code == area_code)
        .order_by(Engagement.held_on.desc(), Engagement.id.desc())
    )
    return [
        EngagementView(
            e.id,
            e.area_code,
            e.held_on,
            e.who,
            e.how,
            e.heard,
            tuple(e.finding_ids),
            tuple(e.action_ids),
        )
        for e in session.scalars(query)
    ]
