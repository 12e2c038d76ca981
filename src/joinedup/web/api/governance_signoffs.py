"""Sign-off of papers through the API: a paper's requests, asking one, a person's own list and
their answer."""

from __future__ import annotations

from fastapi import APIRouter

from joinedup.governance import service as governance
from joinedup.governance.schemas import SignOffAnswerIn, SignOffAskIn, SignOffOut
from joinedup.web.deps import CurrentUser, SessionDep

router = APIRouter(tags=["governance"])


@router.get("/agenda-items/{item_id}/sign-off")
def paper_sign_offs(item_id: int, session: SessionDep, principal: CurrentUser) -> list[SignOffOut]:
    found = governance.paper_sign_offs(session, actor=principal, agenda_item_id=item_id)
    return [SignOffOut.model_validate(s) for s in found]


@router.post("/agenda-items/{item_id}/sign-off", status_code=201)
def ask_for_sign_off(
    item_id: int, body: SignOffAskIn, session: SessionDep, principal: CurrentUser
) -> list[SignOffOut]:
    """Ask a person of the system, by email, to sign off the paper as contributor or approver."""
    governance.ask_for_sign_off(session, actor=principal, agenda_item_id=item_id, change=body)
    session.commit()
    return paper_sign_offs(item_id, session, principal)


@router.get("/my-sign-offs")
def my_sign_offs(session: SessionDep, principal: CurrentUser) -> list[SignOffOut]:
    """The papers you are asked to sign off and have not answered yet."""
    return [SignOffOut.model_validate(s) for s in governance.my_sign_offs(session, actor=principal)]


@router.post("/sign-off-requests/{request_id}/answer")
def answer_sign_off(
    request_id: int, body: SignOffAnswerIn, session: SessionDep, principal: CurrentUser
) -> SignOffOut:
    """Your answer (agreed, or changes wanted), dated today; given once."""
    made = governance.answer_sign_off(session, actor=principal, request_id=request_id, change=body)
    session.commit()
    found = governance.paper_sign_offs(session, actor=principal, agenda_item_id=made.agenda_item_id)
    return SignOffOut.model_validate(next(s for s in found if s.id == made.id))
