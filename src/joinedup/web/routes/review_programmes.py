"""Review programmes: the list, one programme with its calendar, and the national picture."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from joinedup import clock
from joinedup.access.rules import Permission, Principal
from joinedup.areas import service as areas
from joinedup.errors import InvalidInput, PermissionDenied
from joinedup.reviews import service
from joinedup.reviews.schemas import LABELS, NATIONAL_TABLES, ProgrammeIn, ReviewIn
from joinedup.web.deps import CurrentUser, SessionDep
from joinedup.web.forms import form_fields, read_form, submit
from joinedup.web.pages import render

router = APIRouter()


def _programmes_page(
    request: Request,
    session: SessionDep,
    principal: Principal,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    errors = errors or {}
    form = form or {}
    frameworks = service.list_frameworks(session)
    choices = [
        {"value": f.key, "text": f.name, "selected": f.key == form.get("framework_key")}
        for f in frameworks
    ]
    return render(
        request,
        "reviews/programmes.html",
        {
            "title": "Reviews",
            "rows": service.programme_rows(session, actor=principal, today=clock.today()),
            "frameworks": frameworks,
            "framework_choices": choices,
            "can_manage": principal.can(Permission.MANAGE_REVIEWS),
            "errors": errors,
            "form": form,
            "breadcrumbs": [{"text": "Home", "href": "/"}, {"text": "Reviews"}],
        },
        status_code=status_code,
    )


@router.get("/reviews", response_class=HTMLResponse)
def programmes(request: Request, session: SessionDep, principal: CurrentUser) -> Response:
    return _programmes_page(request, session, principal)


@router.post("/reviews/programmes", response_class=HTMLResponse)
async def create_programme(
    request: Request, session: SessionDep, principal: CurrentUser
) -> Response:
    typed = await form_fields(request)
    return submit(
        session,
        lambda: service.create_programme(
            session, actor=principal, data=read_form(ProgrammeIn, typed)
        ),
        redisplay=lambda *, errors, status_code, current: _programmes_page(
            request, session, principal, errors=errors, form=typed, status_code=status_code
        ),
        done=lambda programme: f"/reviews/programmes/{programme.id}",
    )


def _choices(options: dict[str, str], selected: str | None) -> list[dict[str, Any]]:
    return [{"value": v, "text": t, "selected": v == selected} for v, t in options.items()]


def _programme_page(
    request: Request,
    session: SessionDep,
    principal: Principal,
    programme_id: int,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    today = clock.today()
    view = service.programme_page(session, actor=principal, programme_id=programme_id, today=today)
    errors = errors or {}
    form = form or {}
    systems = {s.area_code: s.name for s in areas.all_systems(session)}
    return render(
        request,
        "reviews/programme.html",
        {
            "title": view.name,
            "programme": view,
            "framework": view.framework,
            "rows": view.reviews,
            "calendar": view.calendar,
            "today": today,
            "labels": LABELS,
            "system_choices": _choices(systems, form.get("area_code")),
            "kind_choices": _choices(LABELS["kinds"], form.get("kind")),
            "earlier_choices": _choices(
                {str(r.id): r.title for r in view.reviews if r.kind == "full"},
                form.get("follow_up_of_id"),
            ),
            "can_manage": principal.can(Permission.MANAGE_REVIEWS),
            "can_see_national": principal.can(Permission.VIEW_NATIONAL),
            "errors": errors,
            "form": form,
            "breadcrumbs": [
                {"text": "Home", "href": "/"},
                {"text": "Reviews", "href": "/reviews"},
                {"text": view.name},
            ],
        },
        status_code=status_code,
    )


@router.get("/reviews/programmes/{programme_id}", response_class=HTMLResponse)
def programme(
    request: Request,
    programme_id: int,
    session: SessionDep,
    principal: CurrentUser,
    area_code: str = "",
    ranking_run_id: int | None = None,
) -> Response:
    """``?area_code=`` chooses the system in the "Add a review" form and ``?ranking_run_id=``
    records the ranking run it was started from."""
    form: dict[str, Any] = {"area_code": area_code} if area_code else {}
    if ranking_run_id is not None:
        form["ranking_run_id"] = ranking_run_id
    return _programme_page(request, session, principal, programme_id, form=form or None)


@router.get("/reviews/new", response_class=HTMLResponse)
def start_review(
    request: Request,
    session: SessionDep,
    principal: CurrentUser,
    area_code: str = "",
    ranking_run_id: int | None = None,
) -> Response:
    """Start a review of an area (the ranking's "Start a review"): choose its programme."""
    if not principal.can(Permission.MANAGE_REVIEWS):
        raise PermissionDenied("Only reviewers and administrators start reviews.")
    area = areas.get_area(session, area_code) if area_code else None
    is_system = area is not None and area.code in {s.area_code for s in areas.all_systems(session)}
    return render(
        request,
        "reviews/new.html",
        {
            "title": f"Start a review of {area.name}" if area else "Start a review",
            "area": area,
            "is_system": is_system,
            "ranking_run_id": ranking_run_id,
            "programmes": service.list_programmes(session, actor=principal),
            "can_add_systems": principal.can(Permission.MANAGE_SYSTEMS),
            "breadcrumbs": [
                {"text": "Home", "href": "/"},
                {"text": "Reviews", "href": "/reviews"},
                {"text": "Start a review"},
            ],
        },
    )


@router.post("/reviews/programmes/{programme_id}/reviews", response_class=HTMLResponse)
async def create_review(
    request: Request, programme_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    service.get_programme(session, actor=principal, programme_id=programme_id)
    typed = await form_fields(request)
    return submit(
        session,
        lambda: service.create_review(
            session,
            actor=principal,
            data=read_form(ReviewIn, typed, dates=("start",), extra={"programme_id": programme_id}),
        ),
        redisplay=lambda *, errors, status_code, current: _programme_page(
            request,
            session,
            principal,
            programme_id,
            errors=errors,
            form=typed,
            status_code=status_code,
        ),
        done=lambda review: f"/reviews/{review.id}",
    )


@router.get("/reviews/programmes/{programme_id}/national", response_class=HTMLResponse)
def national_page(
    request: Request, programme_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    picture = service.national_picture(
        session, actor=principal, programme_id=programme_id, today=clock.today()
    )
    return render(
        request,
        "reviews/national.html",
        {
            "title": f"National picture: {picture.programme_name}",
            "picture": picture,
            "programme_id": programme_id,
            "breadcrumbs": [
                {"text": "Reviews", "href": "/reviews"},
                {"text": picture.programme_name, "href": f"/reviews/programmes/{programme_id}"},
                {"text": "National picture"},
            ],
        },
    )


@router.get("/reviews/programmes/{programme_id}/national.csv")
def national_csv(
    programme_id: int, session: SessionDep, principal: CurrentUser, table: str = "reviews"
) -> Response:
    """One table of the national picture as CSV (``table``: one of NATIONAL_TABLES)."""
    if table not in NATIONAL_TABLES:
        raise InvalidInput.of("table", f"{table!r} is not one of {', '.join(NATIONAL_TABLES)}")
    picture = service.national_picture(
        session, actor=principal, programme_id=programme_id, today=clock.today()
    )
    return Response(
        service.national_csv(picture, table),
        media_type="text/csv; charset=utf-8",
        headers={
            "content-disposition": f'attachment; filename="programme-{programme_id}-{table}.csv"'
        },
    )


@router.get("/reviews/programmes/{programme_id}/national.xlsx")
def national_xlsx(programme_id: int, session: SessionDep, principal: CurrentUser) -> Response:
    picture = service.national_picture(
        session, actor=principal, programme_id=programme_id, today=clock.today()
    )
    return Response(
        service.national_xlsx(picture),
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={
            "content-disposition": f'attachment; filename="programme-{programme_id}-national.xlsx"'
        },
    )
