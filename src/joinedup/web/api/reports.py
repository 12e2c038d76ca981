"""Reports: list, read, generate a draft, approve, publish."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter

from joinedup.errors import InvalidInput
from joinedup.reports import service as reports
from joinedup.reports.models import Report
from joinedup.reports.schemas import GenerateIn, ReportDetail, ReportOut, SignOffOut, VersionIn
from joinedup.web.deps import CurrentUser, SessionDep

router = APIRouter(tags=["reports"])


def _detail(report: Report, sign_offs: list[SignOffOut]) -> ReportDetail:
    base = ReportOut.model_validate(report).model_dump()
    return ReportDetail(
        **base,
        sign_off=sign_offs,
        downloads={
            f.value: f"/reports/{report.id}/download.{f.value}" for f in reports.ReportFormat
        },
        public_url=f"/published/{report.slug}" if report.slug else None,
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
    if body.kind == "highlight":
        report = reports.generate_highlight(
            session,
            actor=principal,
            area_code=body.area_code,
            as_of=body.as_of or date.today(),
            meeting_date=body.meeting_date,
        )
    else:
        if body.review_id is None:
            raise InvalidInput("review_id: a review report needs the id of its review")
        report = reports.generate_review(
            session, actor=principal, review_id=body.review_id, as_of=body.as_of
        )
        if report.area_code != body.area_code:
            raise InvalidInput(
                f"area_code: review {body.review_id} is of {report.area_code}, not {body.area_code}"
            )
    session.commit()
    return ReportOut.model_validate(report)


@router.post("/reports/{report_id}/approve")
def approve(
    report_id: int, body: VersionIn, session: SessionDep, principal: CurrentUser
) -> ReportOut:
    report = reports.approve(session, actor=principal, report_id=report_id, version=body.version)
    session.commit()
    return ReportOut.model_validate(report)


@router.post("/reports/{report_id}/publish")
def publish(
    report_id: int, body: VersionIn, session: SessionDep, principal: CurrentUser
) -> ReportOut:
    report = reports.publish(session, actor=principal, report_id=report_id, version=body.version)
    session.commit()
    return ReportOut.model_validate(report)
