"""Review programmes: the list, one programme with its calendar, and the national picture."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from joinedup.access.rules import Permission, Principal
from joinedup.areas import service as areas
from joinedup.errors import InvalidInput, PermissionDenied
from joinedup.reviews import national, national_export, service
from joinedup.reviews.presenting import milestone_out, overdue
from joinedup.reviews.rules import REPORT_STATES, REVIEW_KINDS, REVIEW_STATUSES
from joinedup.web.deps import CurrentUser, SessionDep
from joinedup.web.pages import render

router = APIRouter()

LABELS = {"kinds": REVIEW_KINDS, "statuses": REVIEW_STATUSES, "report_states": REPORT_STATES}


def _programmes_page(
    request: Request,
    session: SessionDep,
    principal: Principal,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    today = date.today()
    rows = []
    for programme in service.list_programmes(session, actor=principal):
        reviews = service.list_reviews(session, actor=principal, programme_id=programme.id)
        rows.append(
            {
                "programme": programme,
                "reviews": len(reviews),
                "overdue": sum(1 for r in reviews if overdue(r, today)),
                "framework": service.framework(session, programme.framework_key).name,
            }
        )
    errors = errors or {}
    form = form or {}
    choices = [
        {"value": f.key, "text": f.name, "selected": f.key == form.get("framework_key")}
        for f in service.list_frameworks(session)
    ]
    return render(
        request,
        "reviews/programmes.html",
        {
            "title": "Reviews",
            "rows": rows,
            "frameworks": service.list_frameworks(session),
            "framework_choices": choices,
            "can_manage": principal.can(Permission.MANAGE_REVIEWS),
            "errors": errors,
            "error_summary": [{"text": t, "href": f"#{f}"} for f, t in errors.items()],
            "form": form,
            "breadcrumbs": [{"text": "Home", "href": "/"}, {"text": "Reviews"}],
        },
        status_code=status_code,
    )


@router.get("/reviews", response_class=HTMLResponse)
def programmes(request: Request, session: SessionDep, principal: CurrentUser) -> Response:
    return _programmes_page(request, session, principal)


@router.post("/reviews/programmes", response_class=HTMLResponse)
def create_programme(
    request: Request,
    session: SessionDep,
    principal: CurrentUser,
    name: Annotated[str, Form()] = "",
    framework_key: Annotated[str, Form()] = "",
    description: Annotated[str, Form()] = "",
) -> Response:
    form = {"name": name, "framework_key": framework_key, "description": description}
    try:
        programme = service.create_programme(
            session,
            actor=principal,
            name=name,
            framework_key=framework_key,
            description=description,
        )
    except InvalidInput as error:
        session.rollback()
        field = "framework_key" if str(error).startswith("framework") else "name"
        return _programmes_page(
            request, session, principal, errors={field: str(error)}, form=form, status_code=400
        )
    session.commit()
    return RedirectResponse(f"/reviews/programmes/{programme.id}", status_code=303)


def _choices(options: dict[str, str], selected: str | None) -> list[dict[str, Any]]:
    return [{"value": v, "text": t, "selected": v == selected} for v, t in options.items()]


def _calendar(reviews: list[Any], names: dict[str, str], today: date) -> list[dict[str, Any]]:
    """Every milestone of the programme's reviews, month by month."""
    months: dict[date, list[dict[str, Any]]] = defaultdict(list)
    for review in reviews:
        for milestone in review.milestones:
            shown = milestone_out(milestone, today)
            when = milestone.actual_date or milestone.planned_date
            if when is None:
                continue
            months[when.replace(day=1)].append(
                {"date": when, "review": review, "system": names[review.area_code], "m": shown}
            )
    return [
        {"month": month, "entries": sorted(entries, key=lambda e: (e["date"], e["system"]))}
        for month, entries in sorted(months.items())
    ]


def _programme_page(
    request: Request,
    session: SessionDep,
    principal: Principal,
    programme_id: int,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    today = date.today()
    programme = service.get_programme(session, actor=principal, programme_id=programme_id)
    reviews = service.list_reviews(session, actor=principal, programme_id=programme_id)
    names = {s.area_code: s.name for s in areas.all_systems(session)}
    rows = []
    for review in reviews:
        upcoming = [
            m for m in (milestone_out(x, today) for x in review.milestones) if m.state != "done"
        ]
        rows.append(
            {
                "review": review,
                "system": names[review.area_code],
                "next": upcoming[0] if upcoming else None,
                "overdue": overdue(review, today),
            }
        )
    errors = errors or {}
    form = form or {}
    return render(
        request,
        "reviews/programme.html",
        {
            "title": programme.name,
            "programme": programme,
            "framework": service.framework(session, programme.framework_key),
            "rows": rows,
            "calendar": _calendar(reviews, names, today),
            "today": today,
            "labels": LABELS,
            "system_choices": _choices(
                {s.area_code: f"{s.name} ({s.area_code})" for s in areas.all_systems(session)},
                form.get("area_code"),
            ),
            "kind_choices": _choices(REVIEW_KINDS, form.get("kind")),
            "earlier_choices": _choices(
                {str(r.id): r.title for r in reviews if r.kind == "full"},
                form.get("follow_up_of_id"),
            ),
            "can_manage": principal.can(Permission.MANAGE_REVIEWS),
            "can_see_national": principal.can(Permission.VIEW_NATIONAL),
            "errors": errors,
            "error_summary": [{"text": t, "href": f"#{f}"} for f, t in errors.items()],
            "form": form,
            "breadcrumbs": [
                {"text": "Home", "href": "/"},
                {"text": "Reviews", "href": "/reviews"},
                {"text": programme.name},
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
) -> Response:
    """``?area_code=`` chooses the system in the "Add a review" form (from a ranking)."""
    form = {"area_code": area_code} if area_code else None
    return _programme_page(request, session, principal, programme_id, form=form)


@router.get("/reviews/new", response_class=HTMLResponse)
def start_review(
    request: Request, session: SessionDep, principal: CurrentUser, area_code: str = ""
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
def create_review(
    request: Request,
    programme_id: int,
    session: SessionDep,
    principal: CurrentUser,
    area_code: Annotated[str, Form()] = "",
    kind: Annotated[str, Form()] = "",
    start: Annotated[str, Form()] = "",
    title: Annotated[str, Form()] = "",
    team: Annotated[str, Form()] = "",
    follow_up_of_id: Annotated[str, Form()] = "",
) -> Response:
    service.get_programme(session, actor=principal, programme_id=programme_id)
    form = {
        "area_code": area_code,
        "kind": kind,
        "start": start,
        "title": title,
        "team": team,
        "follow_up_of_id": follow_up_of_id,
    }
    errors: dict[str, str] = {}
    try:
        start_date = date.fromisoformat(start)
    except ValueError:
        errors["start"] = "Enter the start date as a date, for example 2017-12-04"
    if not area_code:
        errors["area_code"] = "Choose the system to review"
    if kind not in REVIEW_KINDS:
        errors["kind"] = "Choose the kind of review"
    if not errors:
        try:
            review = service.create_review(
                session,
                actor=principal,
                programme_id=programme_id,
                area_code=area_code,
                kind=kind,
                start=start_date,
                title=title,
                team=service.parse_team(team),
                follow_up_of_id=int(follow_up_of_id) if follow_up_of_id.isdigit() else None,
            )
        except InvalidInput as error:
            session.rollback()
            message = str(error)
            field = message.split(":", 1)[0].replace(" ", "_")
            errors[field if field in form else "area_code"] = message
    if errors:
        return _programme_page(
            request, session, principal, programme_id, errors=errors, form=form, status_code=400
        )
    session.commit()
    return RedirectResponse(f"/reviews/{review.id}", status_code=303)


@router.get("/reviews/programmes/{programme_id}/national", response_class=HTMLResponse)
def national_page(
    request: Request, programme_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    picture = national.national_picture(
        session, actor=principal, programme_id=programme_id, today=date.today()
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


TABLE_NAMES = ("reviews", "common_improvements", "by_theme", "by_question", "findings")


@router.get("/reviews/programmes/{programme_id}/national.csv")
def national_csv(
    programme_id: int, session: SessionDep, principal: CurrentUser, table: str = "reviews"
) -> Response:
    """One table of the national picture as CSV (``table``: one of TABLE_NAMES)."""
    if table not in TABLE_NAMES:
        raise InvalidInput(f"table: {table!r} is not one of {', '.join(TABLE_NAMES)}")
    picture = national.national_picture(
        session, actor=principal, programme_id=programme_id, today=date.today()
    )
    return Response(
        national_export.to_csv(getattr(picture, table)),
        media_type="text/csv; charset=utf-8",
        headers={
            "content-disposition": f'attachment; filename="programme-{programme_id}-{table}.csv"'
        },
    )


@router.get("/reviews/programmes/{programme_id}/national.xlsx")
def national_xlsx(programme_id: int, session: SessionDep, principal: CurrentUser) -> Response:
    picture = national.national_picture(
        session, actor=principal, programme_id=programme_id, today=date.today()
    )
    return Response(
        national_export.to_xlsx(picture),
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={
            "content-disposition": f'attachment; filename="programme-{programme_id}-national.xlsx"'
        },
    )
