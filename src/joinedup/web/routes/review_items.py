"""A review's evidence and findings (reviewers and admins): logged or added on the review page,
changed on their own pages, files attached and downloaded. Bad input shows the page again with a
message by each field; an edit of an old version answers 409 with the current values, keeping
what was typed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from joinedup.access.rules import Principal
from joinedup.errors import FORM, InvalidInput
from joinedup.reviews import service
from joinedup.reviews.schemas import LABELS, EvidenceIn, EvidenceUpdate, FindingIn, FindingUpdate
from joinedup.web.deps import CurrentUser, SessionDep, SettingsDep
from joinedup.web.forms import Redisplay, form_fields, read_form, submit
from joinedup.web.pages import render
from joinedup.web.parts.reviews import (
    EVIDENCE_IDS,
    FINDING_IDS,
    kept,
    on_page,
    read_upload,
    review_form,
)

router = APIRouter()


# --- findings ---------------------------------------------------------------------------------


@router.post("/reviews/{review_id}/findings", response_class=HTMLResponse)
async def add_finding(
    request: Request, review_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    typed = await form_fields(request, lists=("evidence_ids",))
    return submit(
        session,
        lambda: service.add_finding(
            session, actor=principal, review_id=review_id, data=read_form(FindingIn, typed)
        ),
        redisplay=review_form(
            request, session, principal, review_id, form="finding", typed=typed, ids=FINDING_IDS
        ),
        done=lambda _: f"/reviews/{review_id}#findings",
    )


def _item_page(
    request: Request,
    session: SessionDep,
    principal: Principal,
    *,
    finding_id: int | None = None,
    evidence_id: int | None = None,
    typed: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    conflict: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    """A finding's or an evidence item's own page, to change it."""
    if finding_id is not None:
        item = service.finding_edit(session, actor=principal, finding_id=finding_id)
        what, template, anchor = "finding", "reviews/finding_edit.html", "finding"
    else:
        assert evidence_id is not None
        item = service.evidence_edit(session, actor=principal, evidence_id=evidence_id)
        what, template, anchor = "evidence", "reviews/evidence_edit.html", "evidence"
    errors = errors or {}
    return render(
        request,
        template,
        {
            "title": f"Change {what} {item.id}",
            "item": item,
            "framework": item.framework,
            "titles": item.titles,
            "labels": LABELS,
            "evidence": item.evidence,
            "t": typed or item.fields,
            "errors": errors,
            "conflict": conflict,
            "breadcrumbs": [
                {"text": "Reviews", "href": "/reviews"},
                {"text": item.review_title, "href": f"/reviews/{item.review_id}#{anchor}"},
                {"text": f"{what.capitalize()} {item.id}"},
            ],
        },
        status_code=status_code,
    )


def _item_form(
    request: Request,
    session: SessionDep,
    principal: Principal,
    typed: dict[str, Any],
    ids: dict[str, str],
    *,
    finding_id: int | None = None,
    evidence_id: int | None = None,
) -> Redisplay:
    def redisplay(
        *, errors: dict[str, str], status_code: int, current: dict[str, object]
    ) -> Response:
        if status_code == 409:
            conflict = {"message": errors.get(FORM, ""), "current": current}
            return _item_page(
                request,
                session,
                principal,
                typed=kept(typed, current),
                conflict=conflict,
                status_code=409,
                finding_id=finding_id,
                evidence_id=evidence_id,
            )
        return _item_page(
            request,
            session,
            principal,
            typed=typed,
            errors=on_page(errors, ids),
            status_code=status_code,
            finding_id=finding_id,
            evidence_id=evidence_id,
        )

    return redisplay


@router.get("/reviews/findings/{finding_id}/edit", response_class=HTMLResponse)
def edit_finding(
    request: Request, finding_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    return _item_page(request, session, principal, finding_id=finding_id)


@router.post("/reviews/findings/{finding_id}", response_class=HTMLResponse)
async def update_finding(
    request: Request, finding_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    typed = await form_fields(request, lists=("evidence_ids",))
    return submit(
        session,
        lambda: service.update_finding(
            session, actor=principal, finding_id=finding_id, data=read_form(FindingUpdate, typed)
        ),
        redisplay=_item_form(
            request, session, principal, typed, FINDING_IDS, finding_id=finding_id
        ),
        done=lambda finding: f"/reviews/{finding.review_id}#finding-{finding.id}",
    )


# --- evidence ---------------------------------------------------------------------------------


@router.post("/reviews/{review_id}/evidence", response_class=HTMLResponse)
async def add_evidence(
    request: Request,
    review_id: int,
    session: SessionDep,
    principal: CurrentUser,
    settings: SettingsDep,
) -> Response:
    typed = await form_fields(request, lists=("questions",))
    typed.pop("file", None)
    upload = await read_upload((await request.form()).get("file"), settings.upload_max_bytes)

    def change() -> int:
        item = service.add_evidence(
            session,
            actor=principal,
            review_id=review_id,
            data=read_form(EvidenceIn, typed, dates=("gathered_on",)),
        )
        if upload is not None:
            service.attach_file(
                session,
                actor=principal,
                evidence_id=item.id,
                filename=upload[0],
                content=upload[1],
                data_dir=Path(settings.data_dir),
                max_bytes=settings.upload_max_bytes,
            )
        return item.id

    return submit(
        session,
        change,
        redisplay=review_form(
            request, session, principal, review_id, form="evidence", typed=typed, ids=EVIDENCE_IDS
        ),
        done=lambda _: f"/reviews/{review_id}#evidence",
    )


@router.post("/reviews/evidence/{evidence_id}/files", response_class=HTMLResponse)
async def attach_file(
    request: Request,
    evidence_id: int,
    session: SessionDep,
    principal: CurrentUser,
    settings: SettingsDep,
) -> Response:
    item = service.evidence_edit(session, actor=principal, evidence_id=evidence_id)
    upload = await read_upload((await request.form()).get("file"), settings.upload_max_bytes)

    def change() -> None:
        if upload is None:
            raise InvalidInput.of("file", "Choose a file")
        service.attach_file(
            session,
            actor=principal,
            evidence_id=evidence_id,
            filename=upload[0],
            content=upload[1],
            data_dir=Path(settings.data_dir),
            max_bytes=settings.upload_max_bytes,
        )

    return submit(
        session,
        change,
        redisplay=review_form(
            request,
            session,
            principal,
            item.review_id,
            form=f"file-{evidence_id}",
            typed={},
            ids={"file": f"file-{evidence_id}"},
        ),
        done=lambda _: f"/reviews/{item.review_id}#evidence-{evidence_id}",
    )


@router.get("/reviews/attachments/{attachment_id}")
def download(
    attachment_id: int, session: SessionDep, principal: CurrentUser, settings: SettingsDep
) -> Response:
    attachment, path = service.attachment_path(
        session, actor=principal, attachment_id=attachment_id, data_dir=Path(settings.data_dir)
    )
    return FileResponse(
        path,
        media_type=attachment.content_type,
        filename=attachment.original_name,
        content_disposition_type="attachment",
    )


@router.get("/reviews/evidence/{evidence_id}/edit", response_class=HTMLResponse)
def edit_evidence(
    request: Request, evidence_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    return _item_page(request, session, principal, evidence_id=evidence_id)


@router.post("/reviews/evidence/{evidence_id}", response_class=HTMLResponse)
async def update_evidence(
    request: Request, evidence_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    typed = await form_fields(request, lists=("questions",))
    return submit(
        session,
        lambda: service.update_evidence(
            session,
            actor=principal,
            evidence_id=evidence_id,
            data=read_form(EvidenceUpdate, typed, dates=("gathered_on",)),
        ),
        redisplay=_item_form(
            request, session, principal, typed, EVIDENCE_IDS, evidence_id=evidence_id
        ),
        done=lambda item: f"/reviews/{item.review_id}#evidence-{item.id}",
    )
