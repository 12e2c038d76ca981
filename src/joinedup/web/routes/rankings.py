"""Rankings: saved runs, a form to run a new one, a run's caterpillar plot, downloads."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from joinedup.access.rules import Permission, Principal
from joinedup.areas import service as areas
from joinedup.errors import PermissionDenied
from joinedup.metrics import service as metrics
from joinedup.periods import period_label
from joinedup.ranking import schemas as choices
from joinedup.ranking import service as ranking
from joinedup.web.deps import CurrentUser, SessionDep
from joinedup.web.forms import read_form, submit
from joinedup.web.pages import render
from joinedup.web.parts import ranking_form

router = APIRouter()

AREA_TYPES = {
    "county": "County",
    "unitary": "Unitary authority",
    "metropolitan_district": "Metropolitan district",
    "london_borough": "London borough",
}
GROUP_LABELS = {
    "weights": "Weights",
    "normalisation": "Normalisation",
    "aggregation": "Aggregation",
    "values": "Values within their confidence intervals",
}
NORMALISATION_LABELS = {
    "rank": "Rank across areas",
    "zscore": "Z-score",
    "minmax": "Min-max (0 best, 1 worst)",
    "distance_to_england": "Distance to England",
}
MISSING_LABELS = {
    "reweight": "Re-weight over the indicators the area has",
    "exclude": "Exclude the area",
}


def _require_national(principal: Principal) -> None:
    if not principal.can(Permission.VIEW_NATIONAL):
        raise PermissionDenied("Only national roles see rankings.")


def _list_page(
    request: Request,
    session: Session,
    principal: Principal,
    *,
    form: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    errors = errors or {}
    starts = {m: metrics.period_starts(session, months=m) for m in choices.PERIOD_MONTHS}
    return render(
        request,
        "ranking/list.html",
        {
            "title": "Rankings",
            "runs": ranking.list_runs(session, actor=principal),
            "can_run": principal.can(Permission.RANK),
            "form": form or ranking_form.default_form(session),
            "errors": errors,
            "weight_error": any(f.startswith("weight_") for f in errors),
            "start_error_parts": ranking_form.start_error_parts(form or {}),
            "indicators": list(choices.INDICATORS.values()),
            "normalisations": NORMALISATION_LABELS,
            "missing_rules": MISSING_LABELS,
            "starts": starts,
            "max_draws": choices.MAX_SAVED_DRAWS,
            "min_draws": choices.MIN_SAVED_DRAWS,
            "small_area_default": choices.SMALL_AREA_MIN_65PLUS,
            "period_label": period_label,
            "breadcrumbs": [{"text": "Home", "href": "/"}, {"text": "Rankings"}],
        },
        status_code=status_code,
    )


@router.get("/rankings", response_class=HTMLResponse)
def rankings(request: Request, session: SessionDep, principal: CurrentUser) -> Response:
    _require_national(principal)
    return _list_page(request, session, principal)


@router.post("/rankings", response_class=HTMLResponse)
async def run_ranking(request: Request, session: SessionDep, principal: CurrentUser) -> Response:
    _require_national(principal)
    if not principal.can(Permission.RANK):
        raise PermissionDenied("Only analysts and admins run rankings.")
    submitted = await request.form()
    fields = {k: v for k, v in submitted.items() if k != "csrf_token" and isinstance(v, str)}
    # The Monte Carlo takes a second or two: off the event loop, so other requests go on.
    return await run_in_threadpool(_run_from_form, request, session, principal, fields)


CHOICES = {
    "normalisation": ("a normalisation", NORMALISATION_LABELS),
    "aggregation": ("an aggregation", {"arithmetic": "", "geometric": ""}),
    "missing": ("a rule for missing values", MISSING_LABELS),
    "months": ("a period length", {str(m): "" for m in choices.PERIOD_MONTHS}),
}


def _run_from_form(
    request: Request, session: Session, principal: Principal, fields: dict[str, str]
) -> Response:
    defaults = ranking_form.default_form(session)
    if any(name.startswith("period_start") for name in fields):
        defaults |= ranking_form.start_fields(None)  # what was sent, not the default, is the start
    form = defaults | fields
    errors: dict[str, str] = {}
    for field, (what, allowed) in CHOICES.items():
        if form[field] not in allowed:
            errors[field] = f"Choose {what}"
            form[field] = next(iter(allowed))
    data = ranking_form.run_input(form, errors)

    def redisplay(*, errors: dict[str, str], status_code: int, current: object) -> Response:
        shown = {_form_field(name, form): text for name, text in errors.items()}
        return _list_page(
            request, session, principal, form=form, errors=shown, status_code=status_code
        )

    if errors:
        return redisplay(errors=errors, status_code=400, current={})
    return submit(
        session,
        lambda: ranking.rank_and_save(
            session, actor=principal, run=read_form(choices.RankingRunIn, data)
        ),
        redisplay=redisplay,
        done=lambda run: f"/rankings/{run.id}",
    )


def _form_field(name: str, form: dict[str, str]) -> str:
    """The form field showing a problem the ranking found with one of its inputs."""
    if name.startswith("weights"):
        return f"weight_{name.partition('.')[2] or next(iter(choices.INDICATORS))}"
    return name if name in form else "period_start"


def _area_link(code: str, systems: set[str]) -> str:
    return f"/systems/{code}" if code in systems else f"/areas/{code}"


@router.get("/rankings/{run_id}", response_class=HTMLResponse)
def ranking_run(
    request: Request,
    run_id: int,
    session: SessionDep,
    principal: CurrentUser,
    area_type: str = "",
    region: str = "",
) -> Response:
    run = ranking.get_run(session, actor=principal, run_id=run_id)
    types = {a.code: a.area_type for a in areas.list_areas(session)}
    regions = areas.regions()
    region_names = dict(sorted(set(regions.values()), key=lambda r: r[0]))
    area_type = area_type if area_type in AREA_TYPES else ""
    region = region if region in region_names else ""
    systems = {s.area_code for s in areas.all_systems(session)}
    rows = [
        r
        for r in run.rows
        if (not area_type or types.get(r.area_code) == area_type)
        and (not region or regions.get(r.area_code, ("", ""))[0] == region)
    ]
    ranked = [r for r in rows if r.rank is not None]
    plot = ranking.run_plot(ranked, ranked=run.areas_ranked)
    selected = sorted((r for r in run.rows if r.selected), key=lambda r: -(r.rank or 0))
    aggregation, indicator_ids = run.settings.get("aggregation"), run.indicators
    why = {
        r.area_code: _why(aggregation, indicator_ids, r.contributions)
        for r in rows
        if r.rank is not None
    }
    filtered = bool(area_type or region)
    return render(
        request,
        "ranking/run.html",
        {
            "title": run.name,
            "run": run,
            "period": period_label(run.period_start, run.months),
            "rows": rows,
            "ranked_count": len(ranked),
            "plot": plot,
            "selected": selected,
            "why": why,
            "robust": [r for r in selected if r.selected == "robust"],
            "indicators": [choices.INDICATORS[i] for i in run.indicators],
            "all_indicators": choices.INDICATORS,
            "types": types,
            "type_labels": AREA_TYPES,
            "regions": regions,
            "region_names": region_names,
            "area_type": area_type,
            "region": region,
            "filtered": filtered,
            "systems": systems,
            "area_link": lambda code: _area_link(code, systems),
            "group_labels": GROUP_LABELS,
            "normalisation_labels": NORMALISATION_LABELS,
            "missing_labels": MISSING_LABELS,
            "outside_explanation": ranking.outside_explanation,
            **_small_areas(run),
            "breadcrumbs": [
                {"text": "Home", "href": "/"},
                {"text": "Rankings", "href": "/rankings"},
                {"text": run.name},
            ],
        },
    )


def _small_areas(run: Any) -> dict[str, Any]:
    """The small-area rule as the run recorded it (runs saved before it had none)."""
    threshold = run.settings.get("min_population_65plus")
    small = run.settings.get("small_areas", [])
    names = {r.area_code: r.area_name for r in run.rows}
    if threshold is None:
        rule = "Not applied (run saved before the rule existed): every area with values ranked"
    elif threshold <= 0:
        rule = "None: every area ranked, however small"
    else:
        rule = f"Areas with fewer than {threshold:,} residents aged 65 and over are not ranked"
        rule += ": " + (", ".join(names.get(c, c) for c in small) if small else "none this time")
    return {
        "small_areas": set(small),
        "small_rule": rule,
        "small_reason": f"fewer than {threshold or 0:,} residents aged 65 and over",
    }


def _why(
    aggregation: object, indicator_ids: list[str], contributions: dict[str, float | None]
) -> list[dict[str, Any]]:
    """Each indicator's contribution and, when they are parts of a whole (an arithmetic mean of
    values that are not negative), its share of the score."""
    known = [c for c in contributions.values() if c is not None]
    total = sum(known)
    parts = aggregation == "arithmetic" and min(known, default=0) >= 0
    lines = []
    for indicator_id in indicator_ids:
        contribution = contributions.get(indicator_id)
        share = contribution / total if contribution is not None and parts and total > 0 else None
        lines.append(
            {
                "title": choices.INDICATORS[indicator_id].title,
                "contribution": contribution,
                "share": share,
            }
        )
    return lines


def _attachment(run_id: int, period_start: date, months: int, suffix: str) -> dict[str, str]:
    name = f"ranking-{run_id}-{period_start.isoformat()}-{months}m.{suffix}"
    return {"content-disposition": f'attachment; filename="{name}"'}


@router.get("/rankings/{run_id}/download.csv")
def download_csv(run_id: int, session: SessionDep, principal: CurrentUser) -> Response:
    run = ranking.get_run(session, actor=principal, run_id=run_id)
    return Response(
        ranking.run_csv(run),
        media_type="text/csv; charset=utf-8",
        headers=_attachment(run.id, run.period_start, run.months, "csv"),
    )


@router.get("/rankings/{run_id}/download.xlsx")
def download_xlsx(run_id: int, session: SessionDep, principal: CurrentUser) -> Response:
    run = ranking.get_run(session, actor=principal, run_id=run_id)
    return Response(
        ranking.run_xlsx(run),
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers=_attachment(run.id, run.period_start, run.months, "xlsx"),
    )
