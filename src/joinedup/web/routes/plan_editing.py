"""The forms of plan pages: start or import a plan, move it on, add workstreams and actions,
assign contributors, rate a workstream, update an action. Each reads its form into the use
case's input model and answers through ``forms.submit``: bad input shows the page again with a
message by each field (400), a stale edit shows what changed and keeps what was typed (409)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel

from joinedup.errors import FORM, InvalidInput
from joinedup.plans import service as plans
from joinedup.plans.schemas import (
    ActionChange,
    ActionIn,
    ActionStatus,
    MemberIn,
    PlanDetailsChange,
    PlanIn,
    PlanStatusIn,
    RagIn,
    WorkstreamChange,
    WorkstreamIn,
)
from joinedup.web.deps import CurrentUser, SessionDep, SettingsDep
from joinedup.web.form_routes import answer_form
from joinedup.web.forms import form_fields, read_form, submit
from joinedup.web.parts import plans as parts

router = APIRouter()


async def _workstream_form(
    request: Request,
    session: SessionDep,
    principal: CurrentUser,
    plan_id: int,
    code: str,
    *,
    model: type[BaseModel],
    use: Callable[..., object],
    dates: tuple[str, ...] = (),
    lists: tuple[str, ...] = (),
) -> Response:
    """A form of the workstream's page: ``use`` (a use case of the workstream) given what was
    typed; back to the workstream, or its page again with the problems."""
    workstream = plans.workstream_by_code(session, actor=principal, plan_id=plan_id, code=code)
    return await answer_form(
        request,
        session,
        model=model,
        dates=dates,
        lists=lists,
        use=partial(use, session, actor=principal, workstream_id=workstream.id),
        page=partial(parts.workstream_page, request, session, principal, plan_id, code),
        done=lambda _: f"/plans/{plan_id}/workstreams/{workstream.code}",
    )


@router.post("/systems/{area_code}/plans", response_class=HTMLResponse)
def create_plan(
    request: Request,
    area_code: str,
    session: SessionDep,
    principal: CurrentUser,
    new_title: Annotated[str, Form()] = "",
) -> Response:
    def change() -> int:
        typed = read_form(PlanIn, {"title": new_title})
        made = plans.create_plan(session, actor=principal, area_code=area_code, change=typed)
        return made.id

    def redisplay(
        *, errors: dict[str, str], status_code: int, current: dict[str, object]
    ) -> Response:
        # the import page holds two forms: this one's title is named new_title
        shown = {("new_title" if k == "title" else k): v for k, v in errors.items()}
        form = {"title": "", "new_title": new_title}
        return parts.import_page(
            request,
            session,
            principal,
            area_code,
            errors=shown,
            form=form,
            status_code=status_code,
        )

    return submit(session, change, redisplay=redisplay, done=lambda plan_id: f"/plans/{plan_id}")


@router.post("/plans/{plan_id}/current", response_class=HTMLResponse)
def make_current(plan_id: int, session: SessionDep, principal: CurrentUser) -> Response:
    plans.make_current(session, actor=principal, plan_id=plan_id)
    session.commit()
    return RedirectResponse(f"/plans/{plan_id}", status_code=303)


@router.post("/plans/{plan_id}/status", response_class=HTMLResponse)
async def plan_status(
    request: Request, plan_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    return await answer_form(
        request,
        session,
        model=PlanStatusIn,
        use=partial(plans.set_plan_status, session, actor=principal, plan_id=plan_id),
        page=partial(parts.coverage_page, request, session, principal, plan_id),
        done=lambda _: f"/plans/{plan_id}",
    )


@router.post("/plans/{plan_id}/workstreams", response_class=HTMLResponse)
async def add_workstream(
    request: Request, plan_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    return await answer_form(
        request,
        session,
        model=WorkstreamIn,
        use=partial(plans.add_workstream, session, actor=principal, plan_id=plan_id),
        page=partial(parts.plan_page, request, session, principal, plan_id),
        done=lambda workstream: f"/plans/{plan_id}/workstreams/{workstream.code}",
    )


@router.post("/plans/{plan_id}/workstreams/{code}/actions", response_class=HTMLResponse)
async def add_action(
    request: Request, plan_id: int, code: str, session: SessionDep, principal: CurrentUser
) -> Response:
    return await _workstream_form(
        request,
        session,
        principal,
        plan_id,
        code,
        model=ActionIn,
        use=plans.add_action,
        dates=("due",),
        lists=("finding_ids",),
    )


@router.post("/plans/{plan_id}/workstreams/{code}/members", response_class=HTMLResponse)
async def assign_member(
    request: Request, plan_id: int, code: str, session: SessionDep, principal: CurrentUser
) -> Response:
    return await _workstream_form(
        request,
        session,
        principal,
        plan_id,
        code,
        model=MemberIn,
        use=plans.assign_member_by_email,
    )


@router.post("/plans/{plan_id}/workstreams/{code}/rag", response_class=HTMLResponse)
async def record_rag(
    request: Request, plan_id: int, code: str, session: SessionDep, principal: CurrentUser
) -> Response:
    return await _workstream_form(
        request,
        session,
        principal,
        plan_id,
        code,
        model=RagIn,
        use=plans.record_rag,
    )


@router.post("/actions/{action_id}", response_class=HTMLResponse)
async def update_action(
    request: Request, action_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    fields = await form_fields(request)
    typed = {**fields, "indicative": fields.get("indicative") == "yes"}

    def change() -> None:
        read = read_form(ActionChange, typed, dates=("forecast_due", "completed_on"))
        if read.status != ActionStatus.COMPLETE:
            # A reopened action still shows its old completion date in the form: a real date
            # there is left unstored, but one that is not a date is refused like any other.
            read = read.model_copy(update={"completed_on": None})
        plans.update_action(session, actor=principal, action_id=action_id, change=read)

    def redisplay(
        *, errors: dict[str, str], status_code: int, current: dict[str, object]
    ) -> Response:
        kept = dict(fields)
        if current:  # saving again applies what they typed over what is there now
            kept["version"] = str(current.get("version", ""))
            errors = {k: v for k, v in errors.items() if k != FORM}  # the page says it
        return parts.action_page(
            request,
            session,
            principal,
            action_id,
            errors=errors,
            form=kept,
            conflict=current or None,
            status_code=status_code,
        )

    return submit(session, change, redisplay=redisplay, done=lambda _: f"/actions/{action_id}")


@router.post("/systems/{area_code}/plans/import", response_class=HTMLResponse)
async def import_plan(
    request: Request,
    area_code: str,
    session: SessionDep,
    principal: CurrentUser,
    settings: SettingsDep,
    title: Annotated[str, Form()] = "",
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    data = await file.read(settings.upload_max_bytes + 1) if file is not None else b""
    name = (file.filename or "upload.xlsx") if file is not None else ""

    def change() -> int:
        if not data:
            raise InvalidInput.of("file", "Choose a spreadsheet (.xlsx) to import")
        if len(data) > settings.upload_max_bytes:
            limit = settings.upload_max_bytes
            raise InvalidInput.of("file", f"The file is larger than {limit} bytes")
        made = plans.import_plan(
            session,
            actor=principal,
            area_code=area_code,
            data=data,
            source=name,
            title=title.strip() or None,
        )
        return made.id

    def redisplay(
        *, errors: dict[str, str], status_code: int, current: dict[str, object]
    ) -> Response:
        # a problem of the upload as a whole is shown by its file field; a file's problems
        # (one a line) are summed up there and listed in full beneath it
        shown = {("file" if k == FORM else k): v for k, v in errors.items()}
        summary, *problems = shown.get("file", "").splitlines() or [""]
        if problems:
            shown["file"] = summary.removesuffix(":") + " (listed below the file)"
        return parts.import_page(
            request,
            session,
            principal,
            area_code,
            errors=shown,
            form={"title": title},
            problems=problems,
            status_code=status_code,
        )

    return submit(session, change, redisplay=redisplay, done=lambda plan_id: f"/plans/{plan_id}")


@router.get("/plans/{plan_id}/edit", response_class=HTMLResponse)
def edit_plan_form(
    request: Request, plan_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    return parts.edit_plan_page(request, session, principal, plan_id)


@router.post("/plans/{plan_id}/edit", response_class=HTMLResponse)
async def edit_plan(
    request: Request, plan_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    fields = await form_fields(request)

    def change() -> None:
        typed = read_form(PlanDetailsChange, fields, dates=("agreed_on", "planned_end"))
        plans.edit_plan(session, actor=principal, plan_id=plan_id, change=typed)

    def redisplay(
        *, errors: dict[str, str], status_code: int, current: dict[str, object]
    ) -> Response:
        # A stale save: what was typed stays, and saving again replaces what the other saved.
        form = {**fields, "version": str(current.get("version", fields.get("version", "")))}
        return parts.edit_plan_page(
            request,
            session,
            principal,
            plan_id,
            errors={} if current else errors,
            form=form,
            conflict=current or None,
            status_code=status_code,
        )

    return submit(session, change, redisplay=redisplay, done=lambda _: f"/plans/{plan_id}")


@router.get("/plans/{plan_id}/workstreams/{code}/edit", response_class=HTMLResponse)
def edit_workstream_form(
    request: Request, plan_id: int, code: str, session: SessionDep, principal: CurrentUser
) -> Response:
    return parts.edit_workstream_page(request, session, principal, plan_id, code)


@router.post("/plans/{plan_id}/workstreams/{code}/edit", response_class=HTMLResponse)
async def edit_workstream(
    request: Request, plan_id: int, code: str, session: SessionDep, principal: CurrentUser
) -> Response:
    fields = await form_fields(request)
    workstream = plans.workstream_by_code(session, actor=principal, plan_id=plan_id, code=code)

    def change() -> None:
        typed = read_form(WorkstreamChange, fields)
        plans.edit_workstream(session, actor=principal, workstream_id=workstream.id, change=typed)

    def redisplay(
        *, errors: dict[str, str], status_code: int, current: dict[str, object]
    ) -> Response:
        form = {**fields, "version": str(current.get("version", fields.get("version", "")))}
        return parts.edit_workstream_page(
            request,
            session,
            principal,
            plan_id,
            code,
            errors={} if current else errors,
            form=form,
            conflict=current or None,
            status_code=status_code,
        )

    here = f"/plans/{plan_id}/workstreams/{workstream.code}"
    return submit(session, change, redisplay=redisplay, done=lambda _: here)
