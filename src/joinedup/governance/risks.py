"""The risk register of a plan: add a risk with its first score, score it again (every score is
kept, append-only), read the register, and the risks a board's highlight report includes."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from joinedup import clock
from joinedup.access import audit
from joinedup.access.rules import Principal
from joinedup.errors import InvalidInput, NotFound, StaleEdit
from joinedup.governance import rules
from joinedup.governance.models import Risk, RiskScore
from joinedup.governance.permissions import readable_board, readable_risk, require_lead
from joinedup.governance.schemas import RiskIn, RiskScoreIn
from joinedup.governance.views import RiskScoreView, RiskView
from joinedup.plans import service as plans
from joinedup.store.versioning import expect_version, flush_versioned


def _check_links(session: Session, actor: Principal, plan_id: int, change: RiskIn) -> None:
    problems: dict[str, str] = {}
    overview = plans.plan_overview(session, actor=actor, plan_id=plan_id)
    codes = {s.workstream.code for s in overview.workstreams}
    unknown = [c for c in change.workstream_codes if c.upper() not in codes]
    if unknown:
        problems["workstream_codes"] = f"The plan has no workstream {unknown[0]}"
    for action_id in change.action_ids:
        try:
            detail = plans.action_detail(session, actor=actor, action_id=action_id)
        except NotFound:
            detail = None
        if detail is None or detail.plan.id != plan_id:
            problems["action_ids"] = f"The plan has no action {action_id}"
            break
    if problems:
        raise InvalidInput(problems)


def add_risk(
    session: Session, *, actor: Principal, plan_id: int, change: RiskIn, on: date | None = None
) -> Risk:
    plan = plans.get_plan(session, actor=actor, plan_id=plan_id)
    require_lead(actor, plan.area_code)
    _check_links(session, actor, plan.id, change)
    risk = Risk(
        plan_id=plan.id,
        area_code=plan.area_code,
        title=change.title,
        cause=change.cause,
        likelihood=change.likelihood,
        impact=change.impact,
        owner=change.owner,
        mitigations=change.mitigations,
        workstream_codes=[c.upper() for c in change.workstream_codes],
        action_ids=list(change.action_ids),
        version=1,
    )
    session.add(risk)
    session.flush()
    session.add(
        RiskScore(
            risk_id=risk.id,
            assessed_on=on or clock.today(),
            likelihood=risk.likelihood,
            impact=risk.impact,
            note="First assessment",
            actor=actor.email,
        )
    )
    audit.record(
        session,
        actor=actor,
        action="governance.risk.add",
        entity_type="risk",
        entity_id=risk.id,
        area_code=plan.area_code,
        after={"title": risk.title, "likelihood": risk.likelihood, "impact": risk.impact},
    )
    return risk


def _risk_now(session: Session, risk_id: int) -> dict[str, object]:
    risk = session.get(Risk, risk_id, populate_existing=True)
    if risk is None:
        return {}
    return {"likelihood": risk.likelihood, "impact": risk.impact, "version": risk.version}


def rescore(session: Session, *, actor: Principal, risk_id: int, change: RiskScoreIn) -> Risk:
    """A new likelihood and impact; the earlier scores stay in the history."""
    risk = readable_risk(session, actor, risk_id)
    require_lead(actor, risk.area_code)

    def stale() -> StaleEdit:
        return StaleEdit(
            "Somebody scored this risk since you loaded it; check the score now and save again.",
            current=_risk_now(session, risk_id),
        )

    before = {"likelihood": risk.likelihood, "impact": risk.impact}
    expect_version(risk, change.version, stale=stale)
    risk.likelihood = change.likelihood
    risk.impact = change.impact
    flush_versioned(session, stale=stale)
    session.add(
        RiskScore(
            risk_id=risk.id,
            assessed_on=change.assessed_on or clock.today(),
            likelihood=change.likelihood,
            impact=change.impact,
            note=change.note,
            actor=actor.email,
        )
    )
    audit.record(
        session,
        actor=actor,
        action="governance.risk.score",
        entity_type="risk",
        entity_id=risk.id,
        area_code=risk.area_code,
        before=before,
        after={"likelihood": risk.likelihood, "impact": risk.impact},
    )
    return risk


def _views(session: Session, risks: list[Risk]) -> list[RiskView]:
    history: dict[int, list[RiskScoreView]] = defaultdict(list)
    ids = [r.id for r in risks]
    if ids:
        query = (
            select(RiskScore)
            .where(RiskScore.risk_id.in_(ids))
            .order_by(RiskScore.assessed_on, RiskScore.id)
        )
        for s in session.scalars(query):
            history[s.risk_id].append(
                RiskScoreView(
                    s.assessed_on,
                    s.likelihood,
                    s.impact,
                    rules.score(s.likelihood, s.impact),
                    s.note,
                    s.actor,
                )
            )
    views = []
    for r in risks:
        value = rules.score(r.likelihood, r.impact)
        views.append(
            RiskView(
                id=r.id,
                plan_id=r.plan_id,
                area_code=r.area_code,
                title=r.title,
                cause=r.cause,
                likelihood=r.likelihood,
                impact=r.impact,
                score=value,
                band=rules.band(value),
                owner=r.owner,
                mitigations=r.mitigations,
                workstream_codes=tuple(r.workstream_codes),
                action_ids=tuple(r.action_ids),
                version=r.version,
                history=tuple(history[r.id]),
            )
        )
    return sorted(views, key=lambda v: (-v.score, v.id))


def risk_register(session: Session, *, actor: Principal, plan_id: int) -> list[RiskView]:
    """The plan's risks, highest score first."""
    plan = plans.get_plan(session, actor=actor, plan_id=plan_id)
    query = select(Risk).where(Risk.plan_id == plan.id)
    return _views(session, list(session.scalars(query)))


def get_risk(session: Session, *, actor: Principal, risk_id: int) -> RiskView:
    return _views(session, [readable_risk(session, actor, risk_id)])[0]


def risks_for_board(
    session: Session, *, actor: Principal, board_id: int, plan_id: int, as_of: date | None = None
) -> list[RiskView]:
    """The plan's risks at or above the board's threshold, highest first: what the board's
    highlight report includes (for report builders). ``as_of``: each risk scored as it was
    assessed by that day (the paper's date), and only risks on the register by then."""
    board = readable_board(session, actor, board_id)
    plan = plans.get_plan(session, actor=actor, plan_id=plan_id)
    if plan.area_code != board.area_code:
        raise NotFound(f"no plan {plan_id} of this board's system")
    register = risk_register(session, actor=actor, plan_id=plan_id)
    if as_of is not None:
        register = [r for r in (_as_at(risk, as_of) for risk in register) if r is not None]
    by_id = {r.id: r for r in register}
    return [
        by_id[s.id]
        for s in rules.above_threshold(
            (rules.Scored(r.id, r.likelihood, r.impact) for r in register), board.risk_threshold
        )
    ]


def _as_at(risk: RiskView, day: date) -> RiskView | None:
    """The risk with its score as last assessed by ``day``; None if not yet assessed then."""
    known = [s for s in risk.history if s.assessed_on <= day]
    if not known:
        return None
    last = known[-1]
    return replace(
        risk,
        likelihood=last.likelihood,
        impact=last.impact,
        score=last.score,
        band=rules.band(last.score),
        history=tuple(known),
    )
