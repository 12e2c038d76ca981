"""Changing one finding or one evidence item on its own page (reviewers and admins): errors
re-render with what was typed; an edit of an old version answers 409 with the current values."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from joinedup.access.rules import Principal
from joinedup.errors import InvalidInput, StaleEdit
from joinedup.reviews import evidence, findings, service
from joinedup.web.deps import CurrentUser, SessionDep
from joinedup.web.pages import render
from joinedup.web.routes.reviews import LABELS, FormProblem, field_of, parse_day

router = APIRouter()


def _finding_page(
    request: Request,
    session: SessionDep,
    principal: Principal,
    finding_id: int,
    *,
    typed: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    conflict: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    finding = service.get_finding(session, actor=principal, finding_id=finding_id)
    review = service.review_for_change(session, actor=principal, review_id=finding.review_id)
    framework = service.framework_of(session, review)
    errors = errors or {}
    return render(
        request,
        "reviews/finding_edit.html",
        {
            "title": f"Change finding {finding.id}",
            "finding": finding,
            "review": review,
            "framework": framework,
            "titles": {q.id: q.title for q in framework.questions},
            "labels": LABELS,
            "evidence": review.evidence,
            "t": typed or findings.finding_fields(finding),
            "errors": errors,
            "error_summary": [{"text": t, "href": f"#{f}"} for f, t in errors.items()],
            "conflict": conflict,
            "breadcrumbs": [
                {"text": "Reviews", "href": "/reviews"},
                {"text": review.title, "href": f"/reviews/{review.id}#findings"},
                {"text": f"Finding {finding.id}"},
            ],
        },
        status_code=status_code,
    )


@router.get("/reviews/findings/{finding_id}/edit", response_class=HTMLResponse)
def edit_finding(
    request: Request, finding_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    return _finding_page(request, session, principal, finding_id)


@router.post("/reviews/findings/{finding_id}", response_class=HTMLResponse)
def update_finding(
    request: Request,
    finding_id: int,
    session: SessionDep,
    principal: CurrentUser,
    version: Annotated[int, Form()],
    kind: Annotated[str, Form()] = "",
    key_question: Annotated[str, Form()] = "",
    theme: Annotated[str, Form()] = "",
    text: Annotated[str, Form()] = "",
    evidence_ids: Annotated[list[int] | None, Form()] = None,
) -> Response:
    typed: dict[str, Any] = {
        "kind": kind,
        "key_question": key_question,
        "theme": theme,
        "text": text,
        "evidence_ids": evidence_ids or [],
        "version": version,
    }
    fields = {
        "kind": "finding-kind",
        "key_question": "finding-question",
        "text": "finding-text",
        "evidence": "finding-evidence",
    }
    try:
        finding = findings.update_finding(
            session,
            actor=principal,
            finding_id=finding_id,
            version=version,
            kind=kind,
            key_question=key_question,
            theme=theme,
            text=text,
            evidence_ids=evidence_ids or [],
        )
    except InvalidInput as error:
        session.rollback()
        return _finding_page(
            request,
            session,
            principal,
            finding_id,
            typed=typed,
            errors={field_of(error, fields): str(error)},
            status_code=400,
        )
    except StaleEdit as stale:
        session.rollback()
        typed["version"] = stale.current.get("version", version)
        conflict = {"message": str(stale), "current": stale.current}
        return _finding_page(
            request, session, principal, finding_id, typed=typed, conflict=conflict, status_code=409
        )
    session.commit()
    return RedirectResponse(f"/reviews/{finding.review_id}#finding-{finding.id}", status_code=303)


EVIDENCE_FIELDS = {
    "type": "evidence-kind",
    "source": "evidence-source",
    "summary": "evidence-summary",
    "questions": "evidence-questions",
}


def _evidence_page(
    request: Request,
    session: SessionDep,
    principal: Principal,
    evidence_id: int,
    *,
    typed: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    conflict: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    item = evidence.get_evidence(session, actor=principal, evidence_id=evidence_id)
    review = service.review_for_change(session, actor=principal, review_id=item.review_id)
    errors = errors or {}
    return render(
        request,
        "reviews/evidence_edit.html",
        {
            "title": f"Change evidence {item.id}",
            "item": item,
            "review": review,
            "framework": service.framework_of(session, review),
            "labels": LABELS,
            "t": typed or evidence.evidence_fields(item),
            "errors": errors,
            "error_summary": [{"text": t, "href": f"#{f}"} for f, t in errors.items()],
            "conflict": conflict,
            "breadcrumbs": [
                {"text": "Reviews", "href": "/reviews"},
                {"text": review.title, "href": f"/reviews/{review.id}#evidence"},
                {"text": f"Evidence {item.id}"},
            ],
        },
        status_code=status_code,
    )


@router.get("/reviews/evidence/{evidence_id}/edit", response_class=HTMLResponse)
def edit_evidence(
    request: Request, evidence_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    return _evidence_page(request, session, principal, evidence_id)


@router.post("/reviews/evidence/{evidence_id}", response_class=HTMLResponse)
def update_evidence(
    request: Request,
    evidence_id: int,
    session: SessionDep,
    principal: CurrentUser,
    version: Annotated[int, Form()],
    kind: Annotated[str, Form()] = "",
    gathered_on: Annotated[str, Form()] = "",
    source: Annotated[str, Form()] = "",
    summary: Annotated[str, Form()] = "",
    questions: Annotated[list[str] | None, Form()] = None,
) -> Response:
    typed: dict[str, Any] = {
        "kind": kind,
        "gathered_on": gathered_on,
        "source": source,
        "summary": summary,
        "questions": questions or [],
        "version": version,
    }
    errors: dict[str, str] = {}
    day = parse_day(gathered_on, "evidence-date", errors, required=True)
    try:
        if errors or day is None:
            raise FormProblem("evidence", errors, typed)
        item = evidence.update_evidence(
            session,
            actor=principal,
            evidence_id=evidence_id,
            version=version,
            kind=kind,
            gathered_on=day,
            source=source,
            questions=questions or [],
            summary=summary,
        )
    except FormProblem as problem:
        return _evidence_page(
            request,
            session,
            principal,
            evidence_id,
            typed=typed,
            errors=problem.errors,
            status_code=400,
        )
    except InvalidInput as error:
        session.rollback()
        return _evidence_page(
            request,
            session,
            principal,
            evidence_id,
            typed=typed,
            errors={field_of(error, EVIDENCE_FIELDS): str(error)},
            status_code=400,
        )
    except StaleEdit as stale:
        session.rollback()
        typed["version"] = stale.current.get("version", version)
        conflict = {"message": str(stale), "current": stale.current}
        return _evidence_page(
            request,
            session,
            principal,
            evidence_id,
            typed=typed,
            conflict=conflict,
            status_code=409,
        )
    session.commit()
    return RedirectResponse(f"/reviews/{item.review_id}#evidence-{item.id}", status_code=303)
