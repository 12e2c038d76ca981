"""Sign-off as a workflow: a system lead asks the contributors and approvers of a paper (an
agenda item's paper) by name; each sees what they are asked on their own list and answers once,
dated. The paper's sign-off table and whether a required approver is still to answer are read
from these answers (``sign_off_table`` and ``approval_blockers``, for report builders)."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from joinedup import clock
from joinedup.access import audit
from joinedup.access import service as access
from joinedup.access.rules import Principal
from joinedup.errors import InvalidInput, NotFound
from joinedup.governance.meetings import area_of, changeable_meeting
from joinedup.governance.models import AgendaItem, Board, Meeting, SignOffRequest
from joinedup.governance.permissions import readable_meeting
from joinedup.governance.schemas import SignOffAnswer, SignOffAnswerIn, SignOffAskIn, SignOffRole
from joinedup.governance.views import SignOffView


def _item(session: Session, agenda_item_id: int) -> AgendaItem:
    item = session.get(AgendaItem, agenda_item_id)
    if item is None:
        raise NotFound(f"no agenda item {agenda_item_id}")
    return item


def ask_for_sign_off(
    session: Session, *, actor: Principal, agenda_item_id: int, change: SignOffAskIn
) -> SignOffRequest:
    item = _item(session, agenda_item_id)
    meeting = changeable_meeting(session, actor, item.meeting_id)
    area_code = area_of(session, meeting)
    try:
        user = access.get_user(session, change.email)
    except NotFound:
        user = None
    if (
        user is None
        or not user.is_active
        or not access.principal_for(user).can_read_system(area_code)
    ):
        raise InvalidInput.of("email", "Enter the email of a person who can read this system")
    taken = session.scalar(
        select(SignOffRequest.id).where(
            SignOffRequest.agenda_item_id == item.id,
            SignOffRequest.user_id == user.id,
            SignOffRequest.role == change.role.value,
        )
    )
    if taken is not None:
        raise InvalidInput.of("email", f"{user.name} is already asked as {change.role.value}")
    request = SignOffRequest(
        agenda_item_id=item.id,
        user_id=user.id,
        name=user.name,
        role=change.role.value,
        required=change.required,
        asked_on=clock.today(),
        asked_by=actor.email,
        answer="",
        comment="",
    )
    session.add(request)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="governance.sign_off.ask",
        entity_type="agenda_item",
        entity_id=item.id,
        area_code=area_code,
        after={"user": user.email, "role": request.role, "required": request.required},
    )
    return request


def answer_sign_off(
    session: Session, *, actor: Principal, request_id: int, change: SignOffAnswerIn
) -> SignOffRequest:
    """The asked person's answer, dated today; only they answer, and only once."""
    request = session.get(SignOffRequest, request_id)
    if request is None or actor.user_id is None or request.user_id != actor.user_id:
        raise NotFound(f"no sign-off request {request_id} for you")
    today = clock.today()
    # Answered once: the row is changed only while it has no answer, whatever the interleaving.
    done = session.execute(
        update(SignOffRequest)
        .where(SignOffRequest.id == request.id, SignOffRequest.answered_on.is_(None))
        .values(answer=change.answer.value, comment=change.comment, answered_on=today)
    )
    if getattr(done, "rowcount", 0) != 1:
        raise InvalidInput.of("answer", "You have already answered this request")
    session.refresh(request)
    item = _item(session, request.agenda_item_id)
    meeting = session.get(Meeting, item.meeting_id)
    assert meeting is not None
    audit.record(
        session,
        actor=actor,
        action="governance.sign_off.answer",
        entity_type="agenda_item",
        entity_id=item.id,
        area_code=area_of(session, meeting),
        after={"answer": request.answer, "answered_on": today.isoformat()},
    )
    return request


def _views(session: Session, query: object) -> list[SignOffView]:
    rows = session.execute(
        select(SignOffRequest, AgendaItem.title, Meeting.id, Board.name, Meeting.held_on)
        .join(AgendaItem, AgendaItem.id == SignOffRequest.agenda_item_id)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .join(Board, Board.id == Meeting.board_id)
        .where(query)  # type: ignore[arg-type]
        .order_by(Meeting.held_on, SignOffRequest.id)
    )
    return [
        SignOffView(
            r.id,
            r.agenda_item_id,
            title,
            meeting_id,
            board,
            held_on,
            r.name,
            r.role,
            r.required,
            r.asked_on,
            r.answer,
            r.comment,
            r.answered_on,
        )
        for r, title, meeting_id, board, held_on in rows
    ]


def my_sign_offs(session: Session, *, actor: Principal) -> list[SignOffView]:
    """What the person is asked to sign off and has not answered yet, soonest meeting first."""
    if actor.user_id is None:
        return []
    return _views(
        session,
        (SignOffRequest.user_id == actor.user_id) & SignOffRequest.answered_on.is_(None),
    )


def paper_sign_offs(
    session: Session, *, actor: Principal, agenda_item_id: int
) -> list[SignOffView]:
    item = _item(session, agenda_item_id)
    readable_meeting(session, actor, item.meeting_id)
    return _views(session, SignOffRequest.agenda_item_id == item.id)


def sign_off_table(session: Session, *, report_id: int) -> list[SignOffView]:
    """Every request on the papers that carry the report, for its sign-off table."""
    items = select(AgendaItem.id).where(AgendaItem.report_id == report_id)
    return _views(session, SignOffRequest.agenda_item_id.in_(items))


def approval_blockers(session: Session, *, report_id: int) -> list[str]:
    """The required approvers of the report who have not agreed it yet (empty: it may be
    approved), for the report's approval to check."""
    return [
        v.name
        for v in sign_off_table(session, report_id=report_id)
        if v.role == SignOffRole.APPROVER.value
        and v.required
        and v.answer != SignOffAnswer.AGREED.value
    ]


def meeting_of_item(session: Session, agenda_item_id: int) -> int:
    """The meeting an agenda item belongs to (reading the meeting checks who may see it)."""
    return _item(session, agenda_item_id).meeting_id
