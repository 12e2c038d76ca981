"""One review: its timeline, report, evidence, findings and scores, and the forms that change
them (reviewers and admins). Form errors re-render the page with what was typed; an edit of an
old version answers 409, shows the current values and keeps what was typed."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from joinedup.access.rules import Permission, Principal
from joinedup.areas import service as areas
from joinedup.errors import InvalidInput, NotFound, StaleEdit
from joinedup.metrics import service as metrics
from joinedup.ranking import service as ranking
from joinedup.reviews import evidence, findings, service
from joinedup.reviews.presenting import milestone_out, overdue
from joinedup.reviews.rules import (
    EVIDENCE_TYPES,
    FINDING_KINDS,
    REPORT_STATES,
    REPORT_TRANSITIONS,
    REVIEW_KINDS,
    REVIEW_STATUSES,
)
from joinedup.reviews.timeline import lay_out
from joinedup.web.deps import CurrentUser, SessionDep, SettingsDep
from joinedup.web.pages import render

router = APIRouter()

LABELS = {
    "kinds": REVIEW_KINDS,
    "statuses": REVIEW_STATUSES,
    "report_states": REPORT_STATES,
    "finding_kinds": FINDING_KINDS,
    "evidence_types": EVIDENCE_TYPES,
}


class FormProblem(Exception):
    """A form's problems: which form, the field errors, and what was typed."""

    def __init__(self, form: str, errors: dict[str, str], typed: dict[str, Any]) -> None:
        super().__init__(form)
        self.form, self.errors, self.typed = form, errors, typed


def field_of(error: InvalidInput, fields: dict[str, str]) -> str:
    """The form field an InvalidInput message names ("kind: ..." -> "kind")."""
    named = str(error).split(":", 1)[0].strip().replace(" ", "_")
    return fields.get(named, next(iter(fields.values())))


def parse_day(text: str, field: str, errors: dict[str, str], *, required: bool) -> date | None:
    if not text.strip():
        if required:
            errors[field] = "Enter a date"
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        errors[field] = f"Enter a real date, for example 2018-03-14 (got {text!r})"
        return None


def data_profile(session: SessionDep, principal: Principal, area_code: str) -> dict[str, Any]:
    """The area's six indicators (latest year) against England, and its latest composite rank;
    parts with no data yet are left out and said so on the page."""
    profile = rank = None
    try:
        profile = metrics.area_profile(session, actor=principal, area_code=area_code, months=12)
    except NotFound:
        profile = None
    if principal.is_national or principal.can_read_system(area_code):
        try:
            rank = ranking.latest_rank_for(session, area_code=area_code)
        except NotFound:
            rank = None
    return {"profile": profile, "rank": rank}


def review_page(
    request: Request,
    session: SessionDep,
    principal: Principal,
    review_id: int,
    *,
    problem: FormProblem | None = None,
    conflict: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    today = date.today()
    review = service.get_review(session, actor=principal, review_id=review_id)
    framework = service.framework_of(session, review)
    system = areas.get_area(session, review.area_code)
    titles = {q.id: q.title for q in framework.questions}
    grouped = {kind: [f for f in review.findings if f.kind == kind] for kind in FINDING_KINDS}
    scores = {s.statement_id: s for s in review.scores}
    shown = [milestone_out(m, today) for m in review.milestones]
    errors = problem.errors if problem else {}
    summary = [{"text": t, "href": f"#{f}"} for f, t in errors.items()]
    follow_ups = [
        r
        for r in service.list_reviews(session, actor=principal, area_code=review.area_code)
        if r.follow_up_of_id == review.id
    ]
    return render(
        request,
        "reviews/review.html",
        {
            "title": review.title,
            "review": review,
            "system": system,
            "framework": framework,
            "titles": titles,
            "labels": LABELS,
            "milestones": shown,
            "timeline": lay_out(shown, today),
            "overdue": overdue(review, today),
            "grouped": grouped,
            "scores": scores,
            "overall": findings.overall_score(session, review),
            "evidence": review.evidence if evidence.can_read_evidence(principal, review) else None,
            "follow_ups": follow_ups,
            "data": data_profile(session, principal, review.area_code),
            "team_text": "\n".join(
                f"{m['name']}, {m['role']}" if m.get("role") else m["name"] for m in review.team
            ),
            "report_next": sorted(REPORT_TRANSITIONS[review.report_state]),
            "can_manage": principal.can(Permission.MANAGE_REVIEWS, review.area_code),
            "problem_form": problem.form if problem else None,
            "errors": errors,
            "typed": problem.typed if problem else {},
            "conflict": conflict,
            "error_summary": summary,
            "breadcrumbs": [
                {"text": "Reviews", "href": "/reviews"},
                {
                    "text": review.programme.name,
                    "href": f"/reviews/programmes/{review.programme_id}",
                },
                {"text": review.title},
            ],
        },
        status_code=status_code,
    )


def _answer(
    request: Request,
    session: SessionDep,
    principal: Principal,
    review_id: int,
    change: Any,
    *,
    form: str,
    typed: dict[str, Any],
    fields: dict[str, str],
    anchor: str,
) -> Response:
    """Run a change: commit and go back to the review, or show what went wrong."""
    try:
        change()
    except FormProblem as problem:
        session.rollback()
        return review_page(request, session, principal, review_id, problem=problem, status_code=400)
    except InvalidInput as error:
        session.rollback()
        invalid = FormProblem(form, {field_of(error, fields): str(error)}, typed)
        return review_page(request, session, principal, review_id, problem=invalid, status_code=400)
    except StaleEdit as stale:
        session.rollback()
        # Keep what they typed, now against the current version, so sending again is deliberate.
        typed = {**typed, "version": stale.current.get("version", typed.get("version"))}
        kept = FormProblem(form, {}, typed)
        conflict = {"form": form, "message": str(stale), "current": stale.current}
        return review_page(
            request,
            session,
            principal,
            review_id,
            problem=kept,
            conflict=conflict,
            status_code=409,
        )
    session.commit()
    return RedirectResponse(f"/reviews/{review_id}#{anchor}", status_code=303)


@router.get("/reviews/{review_id}", response_class=HTMLResponse)
def review(
    request: Request, review_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    return review_page(request, session, principal, review_id)


@router.post("/reviews/{review_id}", response_class=HTMLResponse)
def update_review(
    request: Request,
    review_id: int,
    session: SessionDep,
    principal: CurrentUser,
    version: Annotated[int, Form()],
    title: Annotated[str, Form()] = "",
    status: Annotated[str, Form()] = "",
    team: Annotated[str, Form()] = "",
) -> Response:
    typed = {"title": title, "status": status, "team": team, "version": version}

    def change() -> None:
        service.update_review(
            session,
            actor=principal,
            review_id=review_id,
            version=version,
            title=title,
            status=status,
            team=service.parse_team(team),
        )

    fields = {"title": "title", "status": "status", "team": "team"}
    return _answer(
        request,
        session,
        principal,
        review_id,
        change,
        form="review",
        typed=typed,
        fields=fields,
        anchor="about",
    )


@router.post("/reviews/{review_id}/milestones/{key}", response_class=HTMLResponse)
def update_milestone(
    request: Request,
    review_id: int,
    key: str,
    session: SessionDep,
    principal: CurrentUser,
    version: Annotated[int, Form()],
    planned_date: Annotated[str, Form()] = "",
    actual_date: Annotated[str, Form()] = "",
) -> Response:
    form = f"milestone-{key}"
    typed = {"planned_date": planned_date, "actual_date": actual_date, "version": version}

    def change() -> None:
        errors: dict[str, str] = {}
        planned = parse_day(planned_date, f"{form}-planned", errors, required=False)
        actual = parse_day(actual_date, f"{form}-actual", errors, required=False)
        if errors:
            raise FormProblem(form, errors, typed)
        service.update_milestone(
            session,
            actor=principal,
            review_id=review_id,
            key=key,
            version=version,
            planned_date=planned,
            actual_date=actual,
        )

    return _answer(
        request,
        session,
        principal,
        review_id,
        change,
        form=form,
        typed=typed,
        fields={"planned": f"{form}-planned"},
        anchor="timeline",
    )


@router.post("/reviews/{review_id}/report", response_class=HTMLResponse)
def update_report(
    request: Request,
    review_id: int,
    session: SessionDep,
    principal: CurrentUser,
    version: Annotated[int, Form()],
    state: Annotated[str, Form()] = "",
    summary: Annotated[str, Form()] = "",
) -> Response:
    typed = {"state": state, "summary": summary, "version": version}

    def change() -> None:
        service.set_report_state(
            session,
            actor=principal,
            review_id=review_id,
            version=version,
            state=state,
            summary=summary,
        )

    return _answer(
        request,
        session,
        principal,
        review_id,
        change,
        form="report",
        typed=typed,
        fields={"report_state": "report-state", "state": "report-state"},
        anchor="report",
    )


@router.post("/reviews/{review_id}/evidence", response_class=HTMLResponse)
async def add_evidence(
    request: Request,
    review_id: int,
    session: SessionDep,
    principal: CurrentUser,
    settings: SettingsDep,
    kind: Annotated[str, Form()] = "",
    gathered_on: Annotated[str, Form()] = "",
    source: Annotated[str, Form()] = "",
    summary: Annotated[str, Form()] = "",
    questions: Annotated[list[str] | None, Form()] = None,
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    typed = {
        "kind": kind,
        "gathered_on": gathered_on,
        "source": source,
        "summary": summary,
        "questions": questions or [],
    }
    upload = await _read_upload(file, settings.upload_max_bytes)

    def change() -> None:
        errors: dict[str, str] = {}
        day = parse_day(gathered_on, "evidence-date", errors, required=True)
        if errors or day is None:
            raise FormProblem("evidence", errors, typed)
        item = evidence.add_evidence(
            session,
            actor=principal,
            review_id=review_id,
            kind=kind,
            gathered_on=day,
            source=source,
            questions=questions or [],
            summary=summary,
        )
        if upload is not None:
            evidence.attach_file(
                session,
                actor=principal,
                evidence_id=item.id,
                filename=upload[0],
                content=upload[1],
                data_dir=Path(settings.data_dir),
                max_bytes=settings.upload_max_bytes,
            )

    fields = {
        "type": "evidence-kind",
        "source": "evidence-source",
        "summary": "evidence-summary",
        "questions": "evidence-questions",
        "file": "evidence-file",
    }
    return _answer(
        request,
        session,
        principal,
        review_id,
        change,
        form="evidence",
        typed=typed,
        fields=fields,
        anchor="evidence",
    )


async def _read_upload(file: UploadFile | None, max_bytes: int) -> tuple[str, bytes] | None:
    """The upload's name and bytes (at most one byte over the limit, so it can be refused)."""
    if file is None or not file.filename:
        return None
    return file.filename, await file.read(max_bytes + 1)


@router.post("/reviews/evidence/{evidence_id}/files", response_class=HTMLResponse)
async def attach_file(
    request: Request,
    evidence_id: int,
    session: SessionDep,
    principal: CurrentUser,
    settings: SettingsDep,
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    item = evidence.get_evidence(session, actor=principal, evidence_id=evidence_id)
    upload = await _read_upload(file, settings.upload_max_bytes)

    def change() -> None:
        if upload is None:
            raise FormProblem(f"file-{evidence_id}", {f"file-{evidence_id}": "Choose a file"}, {})
        evidence.attach_file(
            session,
            actor=principal,
            evidence_id=evidence_id,
            filename=upload[0],
            content=upload[1],
            data_dir=Path(settings.data_dir),
            max_bytes=settings.upload_max_bytes,
        )

    return _answer(
        request,
        session,
        principal,
        item.review_id,
        change,
        form=f"file-{evidence_id}",
        typed={},
        fields={"file": f"file-{evidence_id}"},
        anchor=f"evidence-{evidence_id}",
    )


@router.get("/reviews/attachments/{attachment_id}")
def download(
    attachment_id: int, session: SessionDep, principal: CurrentUser, settings: SettingsDep
) -> Response:
    attachment, path = evidence.attachment_path(
        session, actor=principal, attachment_id=attachment_id, data_dir=Path(settings.data_dir)
    )
    return FileResponse(
        path,
        media_type=attachment.content_type,
        filename=attachment.original_name,
        content_disposition_type="attachment",
    )


@router.post("/reviews/{review_id}/findings", response_class=HTMLResponse)
def add_finding(
    request: Request,
    review_id: int,
    session: SessionDep,
    principal: CurrentUser,
    kind: Annotated[str, Form()] = "",
    key_question: Annotated[str, Form()] = "",
    theme: Annotated[str, Form()] = "",
    text: Annotated[str, Form()] = "",
    evidence_ids: Annotated[list[int] | None, Form()] = None,
) -> Response:
    typed = {
        "kind": kind,
        "key_question": key_question,
        "theme": theme,
        "text": text,
        "evidence_ids": evidence_ids or [],
    }

    def change() -> None:
        findings.add_finding(
            session,
            actor=principal,
            review_id=review_id,
            kind=kind,
            key_question=key_question,
            theme=theme,
            text=text,
            evidence_ids=evidence_ids or [],
        )

    fields = {
        "kind": "finding-kind",
        "key_question": "finding-question",
        "text": "finding-text",
        "evidence": "finding-evidence",
    }
    return _answer(
        request,
        session,
        principal,
        review_id,
        change,
        form="finding",
        typed=typed,
        fields=fields,
        anchor="findings",
    )


@router.post("/reviews/{review_id}/scores", response_class=HTMLResponse)
def set_score(
    request: Request,
    review_id: int,
    session: SessionDep,
    principal: CurrentUser,
    statement_id: Annotated[str, Form()] = "",
    score: Annotated[str, Form()] = "",
    rationale: Annotated[str, Form()] = "",
    version: Annotated[int, Form()] = 0,
) -> Response:
    form = f"score-{statement_id}"
    typed = {"score": score, "rationale": rationale, "version": version}

    def change() -> None:
        if not score.isdigit():
            raise FormProblem(form, {form: "Choose a score"}, typed)
        findings.set_score(
            session,
            actor=principal,
            review_id=review_id,
            statement_id=statement_id,
            score=int(score),
            rationale=rationale,
            version=version or None,
        )

    return _answer(
        request,
        session,
        principal,
        review_id,
        change,
        form=form,
        typed=typed,
        fields={"score": form, "statement": form},
        anchor="scores",
    )
