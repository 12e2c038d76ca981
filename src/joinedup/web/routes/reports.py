"""Board reports on the web: a system's reports (generate a draft), a report's preview with its
sign-off table, approval, publication and downloads; and the public, sign-in-free pages of
published reports."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from sqlalchemy.orm import Session

from joinedup.access.rules import Permission, Principal
from joinedup.areas import service as areas
from joinedup.errors import InvalidInput, NotFound, StaleEdit
from joinedup.reports import service as reports
from joinedup.reports.service import ReportFormat
from joinedup.reviews import service as reviews
from joinedup.web.deps import CurrentUser, OptionalUser, SessionDep
from joinedup.web.pages import render

router = APIRouter()

STATE_TAGS = {
    "draft": "govuk-tag--grey",
    "approved": "govuk-tag--blue",
    "published": "govuk-tag--green",
}


def report_section(area_code: str) -> dict[str, Any]:
    """The link on a system's page."""
    link = Markup(
        '<p class="govuk-body"><a class="govuk-link" href="/systems/{}/reports">Board reports</a>:'
        " highlight and review reports, drafts, approval and publication.</p>"
    ).format(area_code)
    return {"title": "Board reports", "html": link}


def _date(text: str, field: str, errors: dict[str, str], *, required: bool = False) -> date | None:
    cleaned = text.strip()
    if not cleaned:
        if required:
            errors[field] = "Enter a date"
        return None
    try:
        return date.fromisoformat(cleaned)
    except ValueError:
        errors[field] = f"Enter a real date as YYYY-MM-DD, not {cleaned!r}"
        return None


def _list_page(
    request: Request,
    session: Session,
    principal: Principal,
    area_code: str,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    system = areas.get_system(session, actor=principal, area_code=area_code)
    rows = reports.list_reports(session, actor=principal, area_code=area_code)
    errors = errors or {}
    return render(
        request,
        "reports/list.html",
        {
            "title": f"Board reports – {system.name}",
            "system": system,
            "reports": rows,
            "state_tags": STATE_TAGS,
            "may_generate": principal.can(Permission.APPROVE_REPORTS, area_code),
            "may_generate_review": principal.can(Permission.APPROVE_REPORTS, area_code)
            or principal.can(Permission.MANAGE_REVIEWS),
            "reviews": reviews.list_reviews(session, actor=principal, area_code=area_code),
            "errors": errors,
            "error_summary": [{"text": t, "href": f"#{f}"} for f, t in errors.items()],
            "form": form or {"as_of": date.today().isoformat(), "meeting_date": ""},
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
    request: Request,
    area_code: str,
    session: SessionDep,
    principal: CurrentUser,
    as_of: Annotated[str, Form()] = "",
    meeting_date: Annotated[str, Form()] = "",
    kind: Annotated[str, Form()] = "highlight",
    review_id: Annotated[str, Form()] = "",
) -> Response:
    areas.get_system(session, actor=principal, area_code=area_code)
    if kind == "review":
        return _generate_review(request, session, principal, area_code, review_id)
    errors: dict[str, str] = {}
    day = _date(as_of, "as_of", errors, required=True)
    meeting = _date(meeting_date, "meeting_date", errors)
    form = {"as_of": as_of, "meeting_date": meeting_date}
    if day is None or errors:
        return _list_page(
            request, session, principal, area_code, errors=errors, form=form, status_code=400
        )
    try:
        report = reports.generate_highlight(
            session, actor=principal, area_code=area_code, as_of=day, meeting_date=meeting
        )
    except (InvalidInput, NotFound) as error:
        # The system is visible (checked above): what is missing is its plan.
        session.rollback()
        return _list_page(
            request,
            session,
            principal,
            area_code,
            errors={"as_of": str(error)},
            form=form,
            status_code=400,
        )
    session.commit()
    return RedirectResponse(f"/reports/{report.id}", status_code=303)


def _generate_review(
    request: Request, session: Session, principal: Principal, area_code: str, review_id: str
) -> Response:
    """A draft review report of one of this system's reviews (reviewers and the lead)."""
    chosen = next(
        (
            r
            for r in reviews.list_reviews(session, actor=principal, area_code=area_code)
            if str(r.id) == review_id.strip()
        ),
        None,
    )
    if chosen is None:
        return _list_page(
            request,
            session,
            principal,
            area_code,
            errors={"review_id": "Choose one of this system's reviews"},
            status_code=400,
        )
    report = reports.generate_review(session, actor=principal, review_id=chosen.id)
    session.commit()
    return RedirectResponse(f"/reports/{report.id}", status_code=303)


def _report_page(
    request: Request,
    session: Session,
    principal: Principal,
    report_id: int,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, str] | None = None,
    status_code: int = 200,
    stale: dict[str, object] | None = None,
) -> Response:
    report = reports.get_report(session, actor=principal, report_id=report_id)
    system = areas.get_system(session, actor=principal, area_code=report.area_code)
    document = reports.document_of(session, actor=principal, report_id=report_id)
    errors = errors or {}
    may_edit = report.state == "draft" and (
        principal.can(Permission.APPROVE_REPORTS, report.area_code)
        or (report.kind == "review" and principal.can(Permission.MANAGE_REVIEWS))
    )
    return render(
        request,
        "reports/report.html",
        {
            "title": report.title,
            "report": report,
            "system": system,
            "state_tags": STATE_TAGS,
            "body": Markup(reports.render_fragment(document)),  # noqa: S704 - escaped renderer
            "report_css": Markup(reports.report_css()),  # noqa: S704 - our stylesheet
            "sign_offs": reports.sign_offs_of(session, actor=principal, report_id=report_id),
            "cover": document.cover,
            "may_edit": may_edit,
            "may_approve": principal.can(Permission.APPROVE_REPORTS, report.area_code),
            "formats": list(ReportFormat),
            "errors": errors,
            "error_summary": [{"text": t, "href": f"#{f}"} for f, t in errors.items()],
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
    report = reports.get_report(session, actor=principal, report_id=report_id)
    document = reports.document_of(session, actor=principal, report_id=report_id)
    return _file(reports.render(document, chosen), chosen, f"report-{report.id}-{report.state}")


def _file(data: bytes, chosen: ReportFormat, stem: str) -> Response:
    disposition = "inline" if chosen is ReportFormat.HTML else "attachment"
    return Response(
        data,
        media_type=chosen.media_type,
        headers={"content-disposition": f'{disposition}; filename="{stem}.{chosen.value}"'},
    )


def _acted(
    request: Request,
    session: Session,
    principal: Principal,
    report_id: int,
    action: Any,
    *,
    form: dict[str, str] | None = None,
    field: str = "report-actions",
) -> Response:
    """Run a change; on success commit and go back to the report (post/redirect/get), else show
    the report again with what went wrong and what the person typed."""
    try:
        action()
    except StaleEdit as error:
        session.rollback()
        return _report_page(
            request,
            session,
            principal,
            report_id,
            errors={field: str(error)},
            form=form,
            status_code=409,
            stale=error.current,
        )
    except InvalidInput as error:
        session.rollback()
        return _report_page(
            request,
            session,
            principal,
            report_id,
            errors={field: str(error)},
            form=form,
            status_code=400,
        )
    session.commit()
    return RedirectResponse(f"/reports/{report_id}", status_code=303)


@router.post("/reports/{report_id}/sign-offs", response_class=HTMLResponse)
def add_sign_off(
    request: Request,
    report_id: int,
    session: SessionDep,
    principal: CurrentUser,
    version: Annotated[int, Form()] = 0,
    role: Annotated[str, Form()] = "",
    name: Annotated[str, Form()] = "",
    title: Annotated[str, Form()] = "",
    organisation: Annotated[str, Form()] = "",
    sent_on: Annotated[str, Form()] = "",
    received_on: Annotated[str, Form()] = "",
) -> Response:
    reports.get_report(session, actor=principal, report_id=report_id)
    form = {
        "role": role,
        "name": name,
        "title": title,
        "organisation": organisation,
        "sent_on": sent_on,
        "received_on": received_on,
    }
    errors: dict[str, str] = {}
    sent = _date(sent_on, "sent_on", errors)
    received = _date(received_on, "received_on", errors)
    if not name.strip():
        errors["name"] = "Enter the person's name"
    if errors:
        return _report_page(
            request, session, principal, report_id, errors=errors, form=form, status_code=400
        )
    return _acted(
        request,
        session,
        principal,
        report_id,
        lambda: reports.add_sign_off(
            session,
            actor=principal,
            report_id=report_id,
            version=version,
            role=role,
            name=name,
            title=title,
            organisation=organisation,
            sent_on=sent,
            received_on=received,
        ),
        form=form,
        field="name",
    )


@router.post("/reports/{report_id}/sign-offs/{sign_off_id}/remove", response_class=HTMLResponse)
def remove_sign_off(
    request: Request,
    report_id: int,
    sign_off_id: int,
    session: SessionDep,
    principal: CurrentUser,
    version: Annotated[int, Form()] = 0,
) -> Response:
    return _acted(
        request,
        session,
        principal,
        report_id,
        lambda: reports.remove_sign_off(
            session,
            actor=principal,
            report_id=report_id,
            version=version,
            sign_off_id=sign_off_id,
        ),
    )


@router.post("/reports/{report_id}/cover", response_class=HTMLResponse)
def edit_cover(
    request: Request,
    report_id: int,
    session: SessionDep,
    principal: CurrentUser,
    version: Annotated[int, Form()] = 0,
    authors: Annotated[str, Form()] = "",
    presenters: Annotated[str, Form()] = "",
    summary: Annotated[str, Form()] = "",
    purpose: Annotated[str, Form()] = "information",
    meeting_date: Annotated[str, Form()] = "",
    sub_groups: Annotated[list[str] | None, Form()] = None,
    priorities: Annotated[list[str] | None, Form()] = None,
) -> Response:
    reports.get_report(session, actor=principal, report_id=report_id)
    form = {
        "authors": authors,
        "presenters": presenters,
        "summary": summary,
        "purpose": purpose,
        "meeting_date": meeting_date,
    }
    errors: dict[str, str] = {}
    meeting = _date(meeting_date, "cover_meeting_date", errors)
    if errors:
        return _report_page(
            request, session, principal, report_id, errors=errors, form=form, status_code=400
        )
    return _acted(
        request,
        session,
        principal,
        report_id,
        lambda: reports.update_cover(
            session,
            actor=principal,
            report_id=report_id,
            version=version,
            authors=authors,
            presenters=presenters,
            summary=summary,
            purpose=purpose,
            meeting_date=meeting,
            sub_groups=sub_groups or [],
            priorities=priorities or [],
        ),
        form=form,
        field="summary",
    )


@router.post("/reports/{report_id}/regenerate", response_class=HTMLResponse)
def regenerate(
    request: Request,
    report_id: int,
    session: SessionDep,
    principal: CurrentUser,
    version: Annotated[int, Form()] = 0,
) -> Response:
    return _acted(
        request,
        session,
        principal,
        report_id,
        lambda: reports.regenerate(session, actor=principal, report_id=report_id, version=version),
    )


@router.post("/reports/{report_id}/approve", response_class=HTMLResponse)
def approve(
    request: Request,
    report_id: int,
    session: SessionDep,
    principal: CurrentUser,
    version: Annotated[int, Form()] = 0,
) -> Response:
    return _acted(
        request,
        session,
        principal,
        report_id,
        lambda: reports.approve(session, actor=principal, report_id=report_id, version=version),
    )


@router.post("/reports/{report_id}/publish", response_class=HTMLResponse)
def publish(
    request: Request,
    report_id: int,
    session: SessionDep,
    principal: CurrentUser,
    version: Annotated[int, Form()] = 0,
) -> Response:
    return _acted(
        request,
        session,
        principal,
        report_id,
        lambda: reports.publish(session, actor=principal, report_id=report_id, version=version),
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
    _, document = reports.published_document(session, slug)
    return _file(reports.render(document, ReportFormat.PDF), ReportFormat.PDF, slug)


@router.get("/published/{slug}.docx")
def published_docx(slug: str, session: SessionDep) -> Response:
    _, document = reports.published_document(session, slug)
    return _file(reports.render(document, ReportFormat.DOCX), ReportFormat.DOCX, slug)


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
            "body": Markup(reports.render_fragment(document)),  # noqa: S704 - escaped renderer
            "report_css": Markup(reports.report_css()),  # noqa: S704 - our stylesheet
            "breadcrumbs": [
                {"text": "Published reports", "href": "/published"},
                {"text": report.title},
            ],
        },
        principal=principal,
    )
