"""What a meeting decides and asks: numbered resolutions, questions with the responses given,
and actions arising, which a system lead turns into an action of the plan in one step."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from joinedup.access import audit
from joinedup.access.rules import Principal
from joinedup.errors import InvalidInput, NotFound
from joinedup.governance.meetings import area_of, changeable_meeting, get_meeting
from joinedup.governance.models import ActionArising, AgendaItem, Meeting, Question, Resolution
from joinedup.governance.permissions import readable_meeting, require_lead
from joinedup.governance.schemas import ActionArisingIn, QuestionIn, ResolutionIn, TakeIntoPlanIn
from joinedup.governance.views import ActionArisingView, MeetingView
from joinedup.plans import service as plans
from joinedup.plans.schemas import ActionIn
from joinedup.store.versioning import claim


def add_resolution(
    session: Session, *, actor: Principal, meeting_id: int, change: ResolutionIn
) -> Resolution:
    """The next numbered resolution of the meeting: (1), (2), ..."""
    meeting = changeable_meeting(session, actor, meeting_id)
    if change.agenda_item_id is not None:
        item = session.get(AgendaItem, change.agenda_item_id)
        if item is None or item.meeting_id != meeting.id:
            raise InvalidInput.of("agenda_item_id", "Choose an item of this meeting's agenda")
    claim(session, Meeting.__table__, meeting.id)  # numbers are allocated one at a time
    number = session.scalar(
        select(func.coalesce(func.max(Resolution.number), 0)).where(
            Resolution.meeting_id == meeting.id
        )
    )
    resolution = Resolution(
        meeting_id=meeting.id,
        agenda_item_id=change.agenda_item_id,
        number=(number or 0) + 1,
        text=change.text,
    )
    session.add(resolution)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="governance.resolution.add",
        entity_type="meeting",
        entity_id=meeting.id,
        area_code=area_of(session, meeting),
        after={"number": resolution.number, "text": resolution.text},
    )
    return resolution


def add_question(
    session: Session, *, actor: Principal, meeting_id: int, change: QuestionIn
) -> Question:
    meeting = changeable_meeting(session, actor, meeting_id)
    question = Question(
        meeting_id=meeting.id,
        asked_by=change.asked_by,
        question=change.question,
        response=change.response,
        responded_by=change.responded_by,
    )
    session.add(question)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="governance.question.add",
        entity_type="meeting",
        entity_id=meeting.id,
        area_code=area_of(session, meeting),
        after={"question": question.question[:200]},
    )
    return question


def add_action_arising(
    session: Session, *, actor: Principal, meeting_id: int, change: ActionArisingIn
) -> ActionArising:
    meeting = changeable_meeting(session, actor, meeting_id)
    action = ActionArising(
        meeting_id=meeting.id, description=change.description, owner=change.owner, due=change.due
    )
    session.add(action)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="governance.action_arising.add",
        entity_type="meeting",
        entity_id=meeting.id,
        area_code=area_of(session, meeting),
        after={"description": action.description[:200], "owner": action.owner},
    )
    return action


def take_into_plan(
    session: Session, *, actor: Principal, action_arising_id: int, change: TakeIntoPlanIn
) -> int:
    """The action arising becomes an action of a workstream of the system's plan (through the
    plans door, so its reference, journal and audit are the plan's own); answers its id.
    Approved minutes do not stop this: the action is the plan's, not the minutes'."""
    arising = session.get(ActionArising, action_arising_id)
    if arising is None:
        raise NotFound(f"no action arising {action_arising_id}")
    meeting, board = readable_meeting(session, actor, arising.meeting_id)
    require_lead(actor, board.area_code)
    if arising.plan_action_id is not None:
        raise InvalidInput.of("plan_id", "This action is already in the plan")
    try:
        plan = plans.get_plan(session, actor=actor, plan_id=change.plan_id)
    except NotFound:
        raise InvalidInput.of("plan_id", "Choose a plan of this system") from None
    if plan.area_code != board.area_code:
        raise InvalidInput.of("plan_id", "Choose a plan of this system")
    try:
        workstream = plans.workstream_by_code(
            session, actor=actor, plan_id=plan.id, code=change.workstream
        )
    except NotFound:
        raise InvalidInput.of(
            "workstream", f"The plan has no workstream {change.workstream}"
        ) from None
    made = plans.add_action(
        session,
        actor=actor,
        workstream_id=workstream.id,
        change=ActionIn(description=arising.description, owner=arising.owner, due=change.due),
    )
    arising.plan_action_id = made.id
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="governance.action_arising.into_plan",
        entity_type="meeting",
        entity_id=meeting.id,
        area_code=board.area_code,
        after={"action_arising": arising.id, "plan_action": made.id},
    )
    return made.id


def get_action_arising(
    session: Session, *, actor: Principal, action_arising_id: int
) -> tuple[MeetingView, ActionArisingView]:
    """An action arising with the meeting it arose at."""
    arising = session.get(ActionArising, action_arising_id)
    if arising is None:
        raise NotFound(f"no action arising {action_arising_id}")
    meeting = get_meeting(session, actor=actor, meeting_id=arising.meeting_id)
    view = next(a for a in meeting.actions if a.id == arising.id)
    return meeting, view
