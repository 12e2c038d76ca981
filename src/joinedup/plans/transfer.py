"""Plans in and out of spreadsheets in the plan template: an import is all or nothing, an export
can be imported again to give back the same plan."""

from __future__ import annotations

from datetime import date
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from joinedup import clock
from joinedup.access import audit
from joinedup.access.rules import Permission, Principal
from joinedup.areas import service as areas
from joinedup.errors import InvalidInput, PermissionDenied
from joinedup.plans import excel, rules
from joinedup.plans.actions import new_action
from joinedup.plans.building import add_workstream, create_plan
from joinedup.plans.models import Action, Plan, Workstream
from joinedup.plans.overview import plan_overview, plans_of
from joinedup.plans.permissions import readable_plan
from joinedup.plans.ratings import record_rag
from joinedup.plans.schemas import ActionStatus, PlanIn, RagIn, WorkstreamIn

M = TypeVar("M", bound=BaseModel)


def _read(model: type[M], source: str, **data: Any) -> M:
    """The spreadsheet's values as a use case's input; a problem is the file's."""
    try:
        return model(**data)
    except ValidationError as error:
        problems = InvalidInput.from_validation(error).problems
        listed = "; ".join(f"{name}: {text}" for name, text in problems.items())
        raise InvalidInput.of("file", f"In {source}, {listed}") from None


def _titled(title: str | None, source: str) -> PlanIn:
    """The new plan's title as typed (its problems are the title's), else named after the file."""
    try:
        return PlanIn(title=title or f"Plan imported from {_line(source)}"[:300])
    except ValidationError as error:
        raise InvalidInput.from_validation(error) from None


def _line(text: str) -> str:
    """A cell's text on one line (a spreadsheet cell may hold line breaks)."""
    return " ".join(text.split())


def import_plan(
    session: Session,
    *,
    actor: Principal,
    area_code: str,
    data: bytes,
    source: str,
    title: str | None = None,
    on: date | None = None,
) -> Plan:
    """A new draft plan from a spreadsheet in the template; all or nothing. It becomes the
    system's current plan only when the system has no other plan."""
    areas.get_system(session, actor=actor, area_code=area_code)
    if not actor.can(Permission.EDIT_PLAN, area_code):
        raise PermissionDenied("Only the system's leads can import plans.")
    workstreams = excel.read_plan(data, source=source)
    on = on or clock.today()
    first = not plans_of(session, actor=actor, area_code=area_code)
    plan = create_plan(
        session,
        actor=actor,
        area_code=area_code,
        change=_titled(title, source),
        make_current=first,
    )
    for item in workstreams:
        workstream = add_workstream(
            session,
            actor=actor,
            plan_id=plan.id,
            change=_read(
                WorkstreamIn,
                source,
                code=_line(item.code),
                title=_line(item.title),
                responsible_group=_line(item.responsible_group),
                leads=_line(item.leads),
            ),
        )
        for imported in item.actions:
            new_action(
                session,
                actor=actor,
                plan=plan,
                workstream=workstream,
                description=imported.description,
                owner=_line(imported.owner),
                due=imported.due,
                baseline_due=imported.baseline,
                indicative=imported.indicative,
                status=imported.status,
                progress=imported.progress,
                on=on,
            )
        if item.rating is not None:
            facts = [
                rules.ActionFacts(str(i), a.status, a.baseline or a.due, a.due, a.indicative)
                for i, a in enumerate(item.actions)
            ]
            suggested = rules.suggest_rating(facts, on)
            record_rag(
                session,
                actor=actor,
                workstream_id=workstream.id,
                change=_read(
                    RagIn,
                    source,
                    rating=item.rating,
                    rationale=item.rationale or f"Rating as recorded in {source}",
                    mitigation=item.mitigation or f"Not given in {source}",
                    override_reason=""
                    if suggested.rating == item.rating
                    else f"Rating as recorded in {source}",
                    reported_on=on,
                ),
            )
    audit.record(
        session,
        actor=actor,
        action="plan.import",
        entity_type="plan",
        entity_id=plan.id,
        area_code=area_code,
        after={"source": source, "workstreams": len(workstreams)},
    )
    return plan


def export_plan(session: Session, *, actor: Principal, plan_id: int) -> bytes:
    """The plan as a spreadsheet in the import template (one row per action)."""
    plan = readable_plan(session, actor, plan_id)
    overview = plan_overview(session, actor=actor, plan_id=plan.id)
    rows: list[excel.ExportRow] = []
    actions = session.scalars(
        select(Action)
        .join(Workstream, Action.workstream_id == Workstream.id)
        .where(Workstream.plan_id == plan.id)
        .order_by(Workstream.code, Action.number)
    ).all()
    by_workstream: dict[int, list[Action]] = {}
    for action in actions:
        by_workstream.setdefault(action.workstream_id, []).append(action)
    for summary in overview.workstreams:
        w, rag = summary.workstream, summary.rag
        common = {
            "code": w.code,
            "workstream": w.title,
            "responsible_group": w.responsible_group,
            "leads": w.leads,
            "rating": rag.rating if rag else "",
            "rationale": rag.rationale if rag else "",
            "mitigation": rag.mitigation if rag else "",
        }
        items = by_workstream.get(w.id, [])
        if not items:
            rows.append(
                excel.ExportRow(
                    **common,
                    action="",
                    owner="",
                    due=None,
                    status="",
                    progress="",
                    baseline=None,
                    indicative=False,
                )
            )
        for a in items:
            rows.append(
                excel.ExportRow(
                    **common,
                    action=a.description,
                    owner=a.owner,
                    due=a.forecast_due,
                    status=a.status,
                    progress=a.cancel_reason
                    if a.status == ActionStatus.CANCELLED.value and not a.progress
                    else a.progress,
                    baseline=a.baseline_due,
                    indicative=a.indicative,
                )
            )
    return excel.write_plan(rows, title=plan.title)
