"""Board reports on the web: a system's reports (generate a draft), a report's preview with its
sign-off table and cover sheet, approval, publication and downloads; and the public, sign-in-free
pages of published reports.

Every form is read into the use case's input model (``reports.schemas``) and answered by
``web.forms.submit``: refused input is shown again with a message by each field, a stale change
with what the report holds now, keeping what was typed."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup
from pydantic import BaseModel
from sqlalchemy.orm import Session

from joinedup import clock
from joinedup.access.rules import Permission, Principal
from joinedup.areas import service as areas
from joinedup.errors import NotFound
from joinedup.reports import service as reports
from joinedup.reports.schemas import (
    CoverIn,
    GenerateIn,
    RegenerateIn,
    RemoveSignOffIn,
    ReportFormat,
    ResponseIn,
    SignOffIn,
)
from joinedup.reviews import service as reviews
from joinedup.web.deps import CurrentUser, OptionalUser, SessionDep
from joinedup.web.forms import form_fields, read_form, submit
from joinedup.web.pages import render
from joinedup.web.parts.reports import STATE_TAGS, file_response, on_report

router = APIRouter()
M = TypeVar("M", bound=BaseModel)


async def _fields(request: Request) -> dict[str, Any]:
    return await form_fields(request, lists=("sub_groups", "priorities"))


Fields = Annotated[dict[str, Any], Depends(_fields)]


def _list_page(
    request: Request,
    session: Session,
    principal: Principal,
    area_code: str,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    system = areas.get_system(session, actor=principal, area_code=area_code)
    listed = reports.list_reports(session, actor=principal, area_code=area_code)
    # withdrawn and superseded drafts are listed apart, not beside the paper that replaced them
    rows = [r for r in listed if not reports.is_set_aside(r)]
    set_aside = [r for r in listed if reports.is_set_aside(r)]
    errors = errors or {}
    return render(
        request,
        "reports/list.html",
        {
            "title": f"Board reports – {system.name}",
            "system": system,
            "reports": rows,
            "set_aside": set_aside,
            "state_tags": STATE_TAGS,
            "may_generate": principal.can(Permission.APPROVE_REPORTS, area_code),
            # review reports are CQC's: prepared by the review team only
            "may_generate_review": principal.can(Permission.MANAGE_REVIEWS),
            "reviews": reviews.list_reviews(session, actor=principal, area_code=area_code),
            "errors": errors,
            "form": form or {"as_of": clock.today().isoformat(), "meeting_date": ""},
            "breadcrumbs": [
                {"text": "Systems", "href": "/"},
                {"text": system.name, "href": f"/systems/{area_code}"},
                {"text": "Board reports"},
            ],
        },
        status_code=status_code,
    )


@router.get("/systems/{area_code}/reports", response_class=HTMLResponse)
def system_reports(
    request: Request, area_code: str, session: SessionDep, principal: CurrentUser
) -> Response:
    return _list_page(request, session, principal, area_code)


@router.post("/systems/{area_code}/reports", response_class=HTMLResponse)
def generate(
    request: Request, area_code: str, session: SessionDep, principal: CurrentUser, fields: Fields
) -> Response:
    areas.get_system(session, actor=principal, area_code=area_code)

    def again(*, errors: dict[str, str], status_code: int, current: dict[str, object]) -> Response:
        return _list_page(
            request,
            session,
            principal,
            area_code,
            errors=errors,
            form=fields,
            status_code=status_code,
        )

    def change() -> Any:
        data = read_form(
            GenerateIn, fields, dates=("as_of", "meeting_date"), extra={"area_code": area_code}
        )
        return reports.generate(session, actor=principal, data=data)

    return submit(session, change, redisplay=again, done=lambda r: f"/reports/{r.id}")


def _report_page(
    request: Request,
    session: Session,
    principal: Principal,
    report_id: int,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    status_code: int = 200,
    stale: dict[str, object] | None = None,
) -> Response:
    report = reports.get_report(session, actor=principal, report_id=report_id)
    system = areas.get_system(session, actor=principal, area_code=report.area_code)
    document = reports.document_of(session, actor=principal, report_id=report_id)
    errors = errors or {}
    may_edit = report.state == "draft" and reports.may_edit(principal, report)
    return render(
        request,
        "reports/report.html",
        {
            "title": report.title,
            "report": report,
            "system": system,
            "state_tags": STATE_TAGS,
            "body": Markup(reports.report_html(document)),  # noqa: S704 - escaped renderer
            "report_css": Markup(reports.report_css()),  # noqa: S704 - our stylesheet
            "sign_offs": reports.sign_offs_of(session, actor=principal, report_id=report_id),
            "cover": document.cover,
            "may_edit": may_edit,
            "may_approve": reports.may_approve(principal, report),
            "may_respond": report.state != "draft" and reports.may_respond(principal, report),
            "responses": reports.responses_of(session, actor=principal, report_id=report_id)
            if report.kind == "review"
            else [],
            "formats": list(ReportFormat),
            "errors": errors,
            "form": form or {},
            "stale": stale,
            "breadcrumbs": [
                {"text": "Systems", "href": "/"},
                {"text": system.name, "href": f"/systems/{system.area_code}"},
                {"text": "Board reports", "href": f"/systems/{system.area_code}/reports"},
                {"text": report.title},
            ],
        },
        status_code=status_code,
    )


@router.get("/reports/{report_id}", response_class=HTMLResponse)
def preview(
    request: Request, report_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    return _report_page(request, session, principal, report_id)


@router.get("/reports/{report_id}/download.{report_format}")
def download(
    report_id: int, report_format: str, session: SessionDep, principal: CurrentUser
) -> Response:
    try:
        chosen = ReportFormat(report_format)
    except ValueError:
        raise NotFound(f"There is no {report_format!r} download.") from None
    file = reports.download(session, actor=principal, report_id=report_id, report_format=chosen)
    return file_response(file)


def _on_report(
    request: Request,
    session: Session,
    principal: Principal,
    report_id: int,
    fields: dict[str, Any],
    model: type[M],
    change: Callable[[M], object],
    dates: tuple[str, ...] = (),
) -> Response:
    """A change made on the report's own page, which is shown again when it is refused."""
    return on_report(
        session,
        principal,
        report_id,
        fields,
        model,
        change,
        page=partial(_report_page, request, session, principal, report_id),
        dates=dates,
    )


@router.post("/reports/{report_id}/sign-offs", response_class=HTMLResponse)
def add_sign_off(
    request: Request, report_id: int, session: SessionDep, principal: CurrentUser, fields: Fields
) -> Response:
    return _on_report(
        request,
        session,
        principal,
        report_id,
        fields,
        SignOffIn,
        lambda data: reports.add_sign_off(session, actor=principal, report_id=report_id, data=data),
        dates=("sent_on", "received_on"),
    )


@router.post("/reports/{report_id}/sign-offs/{sign_off_id}/remove", response_class=HTMLResponse)
def remove_sign_off(
    request: Request,
    report_id: int,
    sign_off_id: int,
    session: SessionDep,
    principal: CurrentUser,
    fields: Fields,
) -> Response:
    return _on_report(
        request,
        session,
        principal,
        report_id,
        fields,
        RemoveSignOffIn,
        lambda data: reports.remove_sign_off(
            session, actor=principal, report_id=report_id, sign_off_id=sign_off_id, data=data
        ),
    )


@router.post("/reports/{report_id}/cover", response_class=HTMLResponse)
def edit_cover(
    request: Request, report_id: int, session: SessionDep, principal: CurrentUser, fields: Fields
) -> Response:
    return _on_report(
        request,
        session,
        principal,
        report_id,
        fields,
        CoverIn,
        lambda data: reports.update_cover(session, actor=principal, report_id=report_id, data=data),
        dates=("meeting_date",),
    )


@router.post("/reports/{report_id}/regenerate", response_class=HTMLResponse)
def regenerate(
    request: Request, report_id: int, session: SessionDep, principal: CurrentUser, fields: Fields
) -> Response:
    return _on_report(
        request,
        session,
        principal,
        report_id,
        fields,
        RegenerateIn,
        lambda data: reports.regenerate(session, actor=principal, report_id=report_id, data=data),
    )


@router.post("/reports/{report_id}/responses", response_class=HTMLResponse)
def respond(
    request: Request, report_id: int, session: SessionDep, principal: CurrentUser, fields: Fields
) -> Response:
    return _on_report(
        request,
        session,
        principal,
        report_id,
        fields,
        ResponseIn,
        lambda data: reports.respond(session, actor=principal, report_id=report_id, data=data),
    )


# -- Public: published reports, no sign-in ------------------------------------------------


@router.get("/published", response_class=HTMLResponse)
def published_list(request: Request, session: SessionDep, principal: OptionalUser) -> Response:
    rows = [
        {"report": r, "system": areas.get_area(session, r.area_code).name}
        for r in reports.published_reports(session)
    ]
    return render(
        request,
        "reports/published_list.html",
        {
            "title": "Published reports",
            "rows": rows,
            "breadcrumbs": [{"text": "Home", "href": "/"}, {"text": "Published reports"}],
        },
        principal=principal,
    )


@router.get("/published/{slug}.pdf")
def published_pdf(slug: str, session: SessionDep) -> Response:
    file = reports.published_download(session, slug=slug, report_format=ReportFormat.PDF)
    return file_response(file)


@router.get("/published/{slug}.docx")
def published_docx(slug: str, session: SessionDep) -> Response:
    file = reports.published_download(session, slug=slug, report_format=ReportFormat.DOCX)
    return file_response(file)


@router.get("/published/{slug}", response_class=HTMLResponse)
def published(
    request: Request, slug: str, session: SessionDep, principal: OptionalUser
) -> Response:
    report, document = reports.published_document(session, slug)
    return render(
        request,
        "reports/published.html",
        {
            "title": report.title,
            "report": report,
            "slug": slug,
            "body": Markup(reports.report_html(document)),  # noqa: S704 - escaped renderer
            "report_css": Markup(reports.report_css()),  # noqa: S704 - our stylesheet
            "breadcrumbs": [
                {"text": "Published reports", "href": "/published"},
                {"text": report.title},
            ],
        },
        principal=principal,
    )
