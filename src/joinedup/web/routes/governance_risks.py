"""The risk register of a plan: the register with its form, and a risk's page with its score
history and the form that scores it again."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from joinedup.governance import service as governance
from joinedup.governance.schemas import RiskIn, RiskScoreIn
from joinedup.plans import service as plans
from joinedup.web.deps import CurrentUser, SessionDep
from joinedup.web.form_routes import answer_form
from joinedup.web.pages import render

router = APIRouter()

SCALES = {"likelihood": governance.LIKELIHOOD, "impact": governance.IMPACT}


def _register_page(
    request: Request,
    session: SessionDep,
    principal: CurrentUser,
    plan_id: int,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    plan = plans.get_plan(session, actor=principal, plan_id=plan_id)
    return render(
        request,
        "governance/risks.html",
        {
            "title": "Risk register",
            "plan": plan,
            "risks": governance.risk_register(session, actor=principal, plan_id=plan_id),
            "may_keep": governance.may_keep(principal, plan.area_code),
            "scales": SCALES,
            "errors": errors or {},
            "form": form or {},
            "breadcrumbs": [
                {"text": plan.title, "href": f"/plans/{plan.id}"},
                {"text": "Risk register"},
            ],
        },
        status_code=status_code,
    )


@router.get("/plans/{plan_id}/risks", response_class=HTMLResponse)
def register_page(
    request: Request, plan_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    return _register_page(request, session, principal, plan_id)


@router.post("/plans/{plan_id}/risks", response_class=HTMLResponse)
async def add_risk(
    request: Request, plan_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    return await answer_form(
        request,
        session,
        model=RiskIn,
        use=partial(governance.add_risk, session, actor=principal, plan_id=plan_id),
        page=partial(_register_page, request, session, principal, plan_id),
        done=lambda risk: f"/risks/{risk.id}",
    )


def _risk_page(
    request: Request,
    session: SessionDep,
    principal: CurrentUser,
    risk_id: int,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    current: dict[str, object] | None = None,
    status_code: int = 200,
) -> Response:
    risk = governance.get_risk(session, actor=principal, risk_id=risk_id)
    plan = plans.get_plan(session, actor=principal, plan_id=risk.plan_id)
    return render(
        request,
        "governance/risk.html",
        {
            "title": risk.title,
            "risk": risk,
            "plan": plan,
            "may_keep": governance.may_keep(principal, risk.area_code),
            "scales": SCALES,
            "errors": errors or {},
            "form": form or {"likelihood": str(risk.likelihood), "impact": str(risk.impact)},
            "current": current or {},
            "breadcrumbs": [
                {"text": plan.title, "href": f"/plans/{plan.id}"},
                {"text": "Risk register", "href": f"/plans/{plan.id}/risks"},
                {"text": risk.title},
            ],
        },
        status_code=status_code,
    )


@router.get("/risks/{risk_id}", response_class=HTMLResponse)
def risk_page(
    request: Request, risk_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    return _risk_page(request, session, principal, risk_id)


@router.post("/risks/{risk_id}/score", response_class=HTMLResponse)
async def rescore(
    request: Request, risk_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    return await answer_form(
        request,
        session,
        model=RiskScoreIn,
        dates=("assessed_on",),
        use=partial(governance.rescore, session, actor=principal, risk_id=risk_id),
        page=partial(_risk_page, request, session, principal, risk_id),
        done=lambda _: f"/risks/{risk_id}",
    )
