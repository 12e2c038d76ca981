"""Reports: list, read, generate a draft, write its cover sheet and sign-off table, approve,
publish. Each write takes the same input model as its page form."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from joinedup.reports import service as reports
from joinedup.reports.schemas import (
    ApproveIn,
    CoverIn,
    GenerateIn,
    PublishIn,
    RegenerateIn,
    ReportDetail,
    ReportFormat,
    ReportOut,
    ResponseIn,
    ResponseOut,
    SignOffIn,
    SignOffOut,
    WithdrawIn,
)
from joinedup.web.deps import CurrentUser, SessionDep

router = APIRouter(tags=["reports"])


def _detail(report: Any, sign_offs: list[SignOffOut]) -> ReportDetail:
    base = ReportOut.model_validate(report)
    return ReportDetail(
        **base.model_dump(),
        sign_off=sign_offs,
        downloads={f.value: f"/reports/{base.id}/download.{f.value}" for f in ReportFormat},
        public_url=f"/published/{base.slug}" if base.slug else None,
    )


@router.get("/reports")
def list_reports(area_code: str, session: SessionDep, principal: CurrentUser) -> list[ReportOut]:
    rows = reports.list_reports(session, actor=principal, area_code=area_code)
    return [ReportOut.model_validate(r) for r in rows]


@router.get("/reports/{report_id}")
def get_report(report_id: int, session: SessionDep, principal: CurrentUser) -> ReportDetail:
    report = reports.get_report(session, actor=principal, report_id=report_id)
    rows = reports.sign_offs_of(session, actor=principal, report_id=report_id)
    return _detail(report, [SignOffOut.model_validate(r) for r in rows])


@router.post("/reports", status_code=201)
def generate(body: GenerateIn, session: SessionDep, principal: CurrentUser) -> ReportOut:
    report = reports.generate(session, actor=principal, data=body)
    session.commit()
    return ReportOut.model_validate(report)


@router.post("/reports/{report_id}/cover")
def update_cover(
    report_id: int, body: CoverIn, session: SessionDep, principal: CurrentUser
) -> ReportOut:
    report = reports.update_cover(session, actor=principal, report_id=report_id, data=body)
    session.commit()
    return ReportOut.model_validate(report)


@router.post("/reports/{report_id}/sign-offs", status_code=201)
def add_sign_off(
    report_id: int, body: SignOffIn, session: SessionDep, principal: CurrentUser
) -> SignOffOut:
    row = reports.add_sign_off(session, actor=principal, report_id=report_id, data=body)
    session.commit()
    return SignOffOut.model_validate(row)


@router.post("/reports/{report_id}/regenerate")
def regenerate(
    report_id: int, body: RegenerateIn, session: SessionDep, principal: CurrentUser
) -> ReportOut:
    report = reports.regenerate(session, actor=principal, report_id=report_id, data=body)
    session.commit()
    return ReportOut.model_validate(report)


@router.post("/reports/{report_id}/approve")
def approve(
    report_id: int, body: ApproveIn, session: SessionDep, principal: CurrentUser
) -> ReportOut:
    report = reports.approve(session, actor=principal, report_id=report_id, data=body)
    session.commit()
    return ReportOut.model_validate(report)


@router.post("/reports/{report_id}/publish")
def publish(
    report_id: int, body: PublishIn, session: SessionDep, principal: CurrentUser
) -> ReportOut:
    report = reports.publish(session, actor=principal, report_id=report_id, data=body)
    session.commit()
    return ReportOut.model_validate(report)


@router.get("/reports/{report_id}/responses")
def list_responses(
    report_id: int, session: SessionDep, principal: CurrentUser
) -> list[ResponseOut]:
    rows = reports.responses_of(session, actor=principal, report_id=report_id)
    return [ResponseOut.model_validate(r) for r in rows]


@router.post("/reports/{report_id}/responses", status_code=201)
def respond(
    report_id: int, body: ResponseIn, session: SessionDep, principal: CurrentUser
) -> ResponseOut:
    row = reports.respond(session, actor=principal, report_id=report_id, data=body)
    session.commit()
    return ResponseOut.model_validate(row)


@router.post("/reports/{report_id}/withdraw")
def withdraw(
    report_id: int, body: WithdrawIn, session: SessionDep, principal: CurrentUser
) -> ReportOut:
    """Withdraw a draft, with a reason; it is kept, and listed apart."""
    report = reports.withdraw(session, actor=principal, report_id=report_id, data=body)
    session.commit()
    return ReportOut.model_validate(report)
