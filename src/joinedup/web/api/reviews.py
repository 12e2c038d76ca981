"""Review programmes, reviews, and each review's evidence and findings."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter

from joinedup.reviews import evidence, findings, service
from joinedup.reviews.presenting import finding_out, review_out
from joinedup.reviews.schemas import (
    EvidenceIn,
    EvidenceOut,
    EvidenceUpdate,
    FindingIn,
    FindingOut,
    FindingUpdate,
    ProgrammeIn,
    ProgrammeOut,
    ReviewIn,
    ReviewOut,
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
    programme = service.create_programme(
        session,
        actor=principal,
        name=body.name,
        framework_key=body.framework_key,
        description=body.description,
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
    today = date.today()
    reviews = service.list_reviews(
        session, actor=principal, programme_id=programme_id, area_code=area_code
    )
    return [review_out(r, today) for r in reviews]


@router.post("/reviews", status_code=201)
def create_review(body: ReviewIn, session: SessionDep, principal: CurrentUser) -> ReviewOut:
    review = service.create_review(
        session,
        actor=principal,
        programme_id=body.programme_id,
        area_code=body.area_code,
        kind=body.kind,
        start=body.start,
        title=body.title,
        team=[m.model_dump() for m in body.team],
        follow_up_of_id=body.follow_up_of_id,
    )
    session.commit()
    return review_out(review, date.today())


@router.get("/reviews/{review_id}")
def get_review(review_id: int, session: SessionDep, principal: CurrentUser) -> ReviewOut:
    return review_out(
        service.get_review(session, actor=principal, review_id=review_id), date.today()
    )


@router.get("/reviews/{review_id}/evidence")
def list_evidence(review_id: int, session: SessionDep, principal: CurrentUser) -> list[EvidenceOut]:
    items = evidence.list_evidence(session, actor=principal, review_id=review_id)
    return [EvidenceOut.model_validate(i) for i in items]


@router.post("/reviews/{review_id}/evidence", status_code=201)
def add_evidence(
    review_id: int, body: EvidenceIn, session: SessionDep, principal: CurrentUser
) -> EvidenceOut:
    item = evidence.add_evidence(
        session,
        actor=principal,
        review_id=review_id,
        kind=body.kind,
        gathered_on=body.gathered_on,
        source=body.source,
        questions=body.questions,
        summary=body.summary,
    )
    session.commit()
    return EvidenceOut.model_validate(item)


@router.patch("/evidence/{evidence_id}")
def update_evidence(
    evidence_id: int, body: EvidenceUpdate, session: SessionDep, principal: CurrentUser
) -> EvidenceOut:
    item = evidence.update_evidence(
        session,
        actor=principal,
        evidence_id=evidence_id,
        version=body.version,
        kind=body.kind,
        gathered_on=body.gathered_on,
        source=body.source,
        questions=body.questions,
        summary=body.summary,
    )
    session.commit()
    return EvidenceOut.model_validate(item)


@router.get("/reviews/{review_id}/findings")
def list_findings(review_id: int, session: SessionDep, principal: CurrentUser) -> list[FindingOut]:
    return [
        finding_out(f)
        for f in findings.list_findings(session, actor=principal, review_id=review_id)
    ]


@router.post("/reviews/{review_id}/findings", status_code=201)
def add_finding(
    review_id: int, body: FindingIn, session: SessionDep, principal: CurrentUser
) -> FindingOut:
    finding = findings.add_finding(
        session,
        actor=principal,
        review_id=review_id,
        kind=body.kind,
        key_question=body.key_question,
        theme=body.theme,
        text=body.text,
        evidence_ids=body.evidence_ids,
    )
    session.commit()
    return finding_out(finding)


@router.patch("/findings/{finding_id}")
def update_finding(
    finding_id: int, body: FindingUpdate, session: SessionDep, principal: CurrentUser
) -> FindingOut:
    finding = findings.update_finding(
        session,
        actor=principal,
        finding_id=finding_id,
        version=body.version,
        kind=body.kind,
        key_question=body.key_question,
        theme=body.theme,
        text=body.text,
        evidence_ids=body.evidence_ids,
    )
    session.commit()
    return finding_out(finding)
