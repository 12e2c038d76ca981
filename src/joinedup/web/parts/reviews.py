"""Page parts shared by the review routers: the review page (shown again by each of its forms),
where each input field is shown, uploads read within their limit, and the typing kept when an
edit arrives after somebody else's."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from sqlalchemy.orm import Session
from starlette.datastructures import UploadFile

from joinedup import clock
from joinedup.access.rules import Principal
from joinedup.areas import service as areas
from joinedup.errors import FORM, NotFound
from joinedup.metrics import service as metrics
from joinedup.ranking import service as ranking
from joinedup.reviews import service
from joinedup.reviews.schemas import LABELS
from joinedup.web.forms import Redisplay
from joinedup.web.pages import render

# The id of each input model field's element on the review pages, by form.
FINDING_IDS = {
    "kind": "finding-kind",
    "key_question": "finding-question",
    "national_theme": "finding-national-theme",
    "theme": "finding-theme",
    "text": "finding-text",
    "evidence_ids": "finding-evidence",
}
EVIDENCE_IDS = {
    "kind": "evidence-kind",
    "gathered_on": "evidence-date",
    "source": "evidence-source",
    "questions": "evidence-questions",
    "summary": "evidence-summary",
    "file": "evidence-file",
}


def on_page(problems: Mapping[str, str], ids: Mapping[str, str]) -> dict[str, str]:
    """Problems by input field, keyed by the id of the element that shows each field; a field
    the form does not show (or the whole form's problem) goes to the top of the page."""
    shown: dict[str, str] = {}
    for field, text in problems.items():
        where = ids.get(field, FORM)
        shown[where] = f"{shown[where]} {text}" if where in shown else text
    return shown


def kept(typed: Mapping[str, Any], current: Mapping[str, object]) -> dict[str, Any]:
    """What was typed, now against the version saved meanwhile, so sending again is deliberate."""
    return {**typed, "version": current.get("version", typed.get("version"))}


async def read_upload(file: Any, max_bytes: int) -> tuple[str, bytes] | None:
    """The upload's name and bytes (at most one byte over the limit, so it can be refused)."""
    if not isinstance(file, UploadFile) or not file.filename:
        return None
    return file.filename, await file.read(max_bytes + 1)


def data_profile(
    session: Session,
    principal: Principal,
    area_code: str,
    *,
    before: date | None = None,
    run_id: int | None = None,
) -> dict[str, Any]:
    """The area's six indicators against England over the latest 12 months ending before
    ``before`` (a review's start), and its rank in run ``run_id`` (the run that selected the
    review) or else the latest run; parts with no data yet are left out and said so."""
    profile = rank = None
    try:
        profile = metrics.area_profile(
            session, actor=principal, area_code=area_code, months=12, ending_before=before
        )
    except NotFound:
        profile = None
    if principal.is_national or principal.can_read_system(area_code):
        try:
            rank = ranking.latest_rank_for(session, area_code=area_code, run_id=run_id)
        except NotFound:
            rank = None
    return {"profile": profile, "rank": rank, "selecting": run_id is not None and rank}


def review_page(
    request: Request,
    session: Session,
    principal: Principal,
    review_id: int,
    *,
    form: str | None = None,
    errors: dict[str, str] | None = None,
    typed: dict[str, Any] | None = None,
    conflict: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    """The review page; ``form`` names the form that was sent, shown again with ``typed``."""
    view = service.review_page(session, actor=principal, review_id=review_id, today=clock.today())
    errors = errors or {}
    return render(
        request,
        "reviews/review.html",
        {
            "title": view.title,
            "review": view,
            "system": areas.get_area(session, view.area_code),
            "framework": view.framework,
            "titles": view.titles,
            "labels": LABELS,
            "milestones": view.milestones,
            "timeline": view.timeline,
            "overdue": view.overdue,
            "grouped": view.findings,
            "scores": view.scores,
            "overall": view.overall,
            "evidence": view.evidence,
            "follow_ups": view.follow_ups,
            "data": data_profile(
                session,
                principal,
                view.area_code,
                before=view.started,
                run_id=view.ranking_run_id,
            ),
            "team_text": view.team_text,
            "report_next": view.report_next,
            "can_manage": view.can_manage,
            "problem_form": form,
            "errors": errors,
            "typed": typed or {},
            "conflict": conflict,
            "breadcrumbs": [
                {"text": "Reviews", "href": "/reviews"},
                {"text": view.programme_name, "href": f"/reviews/programmes/{view.programme_id}"},
                {"text": view.title},
            ],
        },
        status_code=status_code,
    )


def review_form(
    request: Request,
    session: Session,
    principal: Principal,
    review_id: int,
    *,
    form: str,
    typed: dict[str, Any],
    ids: Mapping[str, str],
) -> Redisplay:
    """How one form of the review page is shown again: problems beside its fields (400), or
    what the thing holds now above it (409), keeping what was typed."""

    def redisplay(
        *, errors: dict[str, str], status_code: int, current: dict[str, object]
    ) -> Response:
        if status_code == 409:
            conflict = {"form": form, "message": errors.get(FORM, ""), "current": current}
            return review_page(
                request,
                session,
                principal,
                review_id,
                form=form,
                typed=kept(typed, current),
                conflict=conflict,
                status_code=409,
            )
        return review_page(
            request,
            session,
            principal,
            review_id,
            form=form,
            errors=on_page(errors, ids),
            typed=typed,
            status_code=status_code,
        )

    return redisplay
