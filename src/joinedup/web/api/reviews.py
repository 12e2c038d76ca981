"""Review programmes, reviews, and each review's evidence and findings. Each change takes the
same input model as its page form."""

from __future__ import annotations

from fastapi import APIRouter

from joinedup import clock
from joinedup.reviews import service
from joinedup.reviews.schemas import (
    EvidenceIn,
    EvidenceOut,
    EvidenceUpdate,
    FindingIn,
    FindingOut,
    FindingUpdate,
    MilestoneDates,
    ProgrammeChange,
    ProgrammeIn,
    ProgrammeOut,
    ReportChange,
    ReviewChange,
    ReviewIn,
    ReviewOut,
    ReviewWithdrawal,
    ScoreIn,
    ScoreOut,
    SummitIn,
    SummitOut,
)
from joinedup.web.deps import CurrentUser, SessionDep

router = APIRouter(tags=["reviews"])


@router.get("/programmes")
def list_programmes(session: SessionDep, principal: CurrentUser) -> list[ProgrammeOut]:
    return [
        ProgrammeOut.model_validate(p) for p in service.list_programmes(session, actor=principal)
    ]


@router.post("/programmes", status_code=201)
def create_programme(
    body: ProgrammeIn, session: SessionDep, principal: CurrentUser
) -> ProgrammeOut:
    programme = service.create_programme(session, actor=principal, data=body)
    session.commit()
    return ProgrammeOut.model_validate(programme)


@router.patch("/programmes/{programme_id}")
def update_programme(
    programme_id: int, body: ProgrammeChange, session: SessionDep, principal: CurrentUser
) -> ProgrammeOut:
    """Rename a programme or change its description, from the version you loaded."""
    programme = service.update_programme(
        session, actor=principal, programme_id=programme_id, data=body
    )
    session.commit()
    return ProgrammeOut.model_validate(programme)


@router.get("/reviews")
def list_reviews(
    session: SessionDep,
    principal: CurrentUser,
    programme_id: int | None = None,
    area_code: str | None = None,
) -> list[ReviewOut]:
    """The reviews you may read, each with its system's area code, kind, status and milestones."""
    today = clock.today()
    reviews = service.list_reviews(
        session,
        actor=principal,
        programme_id=programme_id,
        area_code=area_code,
        include_withdrawn=True,
    )
    return [service.review_out(r, today=today) for r in reviews]


@router.post("/reviews", status_code=201)
def create_review(body: ReviewIn, session: SessionDep, principal: CurrentUser) -> ReviewOut:
    review = service.create_review(session, actor=principal, data=body)
    session.commit()
    return service.review_out(review, today=clock.today())


@router.get("/reviews/{review_id}")
def get_review(review_id: int, session: SessionDep, principal: CurrentUser) -> ReviewOut:
    review = service.get_review(session, actor=principal, review_id=review_id)
    return service.review_out(review, today=clock.today())


@router.patch("/reviews/{review_id}")
def update_review(
    review_id: int, body: ReviewChange, session: SessionDep, principal: CurrentUser
) -> ReviewOut:
    """Change a review's title, status or team, from the version you loaded."""
    review = service.update_review(session, actor=principal, review_id=review_id, data=body)
    session.commit()
    return service.review_out(review, today=clock.today())


@router.patch("/reviews/{review_id}/report")
def update_report(
    review_id: int, body: ReportChange, session: SessionDep, principal: CurrentUser
) -> ReviewOut:
    """Move the report on (draft, shared, published) or change its summary."""
    review = service.set_report_state(session, actor=principal, review_id=review_id, data=body)
    session.commit()
    return service.review_out(review, today=clock.today())


@router.patch("/reviews/{review_id}/milestones/{key}")
def update_milestone(
    review_id: int, key: str, body: MilestoneDates, session: SessionDep, principal: CurrentUser
) -> ReviewOut:
    """Record a milestone's dates; the review comes back with the milestones that moved."""
    service.update_milestone(session, actor=principal, review_id=review_id, key=key, data=body)
    session.commit()
    review = service.get_review(session, actor=principal, review_id=review_id)
    return service.review_out(review, today=clock.today())


@router.post("/reviews/{review_id}/scores")
def set_score(
    review_id: int, body: ScoreIn, session: SessionDep, principal: CurrentUser
) -> ScoreOut:
    """Score one quality statement (``version`` 0 when it has no score yet)."""
    score = service.set_score(session, actor=principal, review_id=review_id, data=body)
    session.commit()
    return ScoreOut.model_validate(score)


@router.get("/reviews/{review_id}/evidence")
def list_evidence(review_id: int, session: SessionDep, principal: CurrentUser) -> list[EvidenceOut]:
    items = service.list_evidence(session, actor=principal, review_id=review_id)
    return [EvidenceOut.model_validate(i) for i in items]


@router.post("/reviews/{review_id}/evidence", status_code=201)
def add_evidence(
    review_id: int, body: EvidenceIn, session: SessionDep, principal: CurrentUser
) -> EvidenceOut:
    item = service.add_evidence(session, actor=principal, review_id=review_id, data=body)
    session.commit()
    return EvidenceOut.model_validate(item)


@router.patch("/evidence/{evidence_id}")
def update_evidence(
    evidence_id: int, body: EvidenceUpdate, session: SessionDep, principal: CurrentUser
) -> EvidenceOut:
    item = service.update_evidence(session, actor=principal, evidence_id=evidence_id, data=body)
    session.commit()
    return EvidenceOut.model_validate(item)


@router.get("/reviews/{review_id}/findings")
def list_findings(review_id: int, session: SessionDep, principal: CurrentUser) -> list[FindingOut]:
    found = service.list_findings(session, actor=principal, review_id=review_id)
    return [service.finding_out(f) for f in found]


@router.post("/reviews/{review_id}/findings", status_code=201)
def add_finding(
    review_id: int, body: FindingIn, session: SessionDep, principal: CurrentUser
) -> FindingOut:
    finding = service.add_finding(session, actor=principal, review_id=review_id, data=body)
    session.commit()
    return service.finding_out(finding)


@router.patch("/findings/{finding_id}")
def update_finding(
    finding_id: int, body: FindingUpdate, session: SessionDep, principal: CurrentUser
) -> FindingOut:
    finding = service.update_finding(session, actor=principal, finding_id=finding_id, data=body)
    session.commit()
    return service.finding_out(finding)


@router.get("/reviews/{review_id}/summit", responses={404: {"description": "No summit here"}})
def get_summit(review_id: int, session: SessionDep, principal: CurrentUser) -> SummitOut | None:
    """The summit that closed the review: date, chair, who came and the plan sections agreed
    with their responsible groups (null until recorded). The system's people read it once the
    review's findings are shared with them."""
    summit = service.summit_of(session, actor=principal, review_id=review_id)
    return service.summit_out(summit) if summit is not None else None


@router.put("/reviews/{review_id}/summit")
def record_summit(
    review_id: int, body: SummitIn, session: SessionDep, principal: CurrentUser
) -> SummitOut:
    """Record or correct the summit (``version`` 0 when none is recorded yet); the summit
    milestone is marked done on the day it was held."""
    summit = service.record_summit(session, actor=principal, review_id=review_id, data=body)
    session.commit()
    return service.summit_out(summit)


@router.post("/reviews/{review_id}/withdraw")
def withdraw_review(
    review_id: int, body: ReviewWithdrawal, session: SessionDep, principal: CurrentUser
) -> ReviewOut:
    """Withdraw a review started in error, from the version you loaded, with the reason why
    (kept in its history); it drops out of overdue counts and calendars."""
    review = service.withdraw_review(session, actor=principal, review_id=review_id, data=body)
    session.commit()
    return service.review_out(review, today=clock.today())
