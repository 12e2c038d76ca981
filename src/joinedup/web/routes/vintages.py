"""Data vintages for national roles: each load of indicator values (its files' checksum, when
and by whom, which periods and indicators) and the figures a load revised, by how much."""

from __future__ import annotations

import math

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from joinedup.access.rules import Permission, Principal
from joinedup.errors import PermissionDenied
from joinedup.metrics import service as metrics
from joinedup.web.deps import CurrentUser, SessionDep
from joinedup.web.pages import render

router = APIRouter()

# A reload of every period revises tens of thousands of figures: the largest moves are shown.
REVISIONS_SHOWN = 200


def _require_national(principal: Principal) -> None:
    if not principal.can(Permission.VIEW_NATIONAL):
        raise PermissionDenied("Only national roles see the data vintages.")


def _titles() -> dict[str, str]:
    return {i.id: i.title for i in metrics.catalogue()}


@router.get("/data/vintages", response_class=HTMLResponse)
def vintages_page(request: Request, session: SessionDep, principal: CurrentUser) -> Response:
    _require_national(principal)
    return render(
        request,
        "metrics/vintages.html",
        {
            "title": "Data vintages",
            "breadcrumbs": [{"text": "Home", "href": "/"}, {"text": "Data vintages"}],
            "vintages": list(reversed(metrics.list_vintages(session))),
            "titles": _titles(),
        },
    )


@router.get("/data/vintages/{vintage_id}", response_class=HTMLResponse)
def vintage_page(
    request: Request, vintage_id: int, session: SessionDep, principal: CurrentUser
) -> Response:
    _require_national(principal)
    vintage = metrics.get_vintage(session, vintage_id=vintage_id)
    changed = metrics.revisions(session, vintage_id=vintage_id)
    # Largest moves first; a figure that became (or stopped being) undefined before them.
    changed.sort(key=lambda r: -abs(r.change) if r.change is not None else -math.inf)
    return render(
        request,
        "metrics/vintage.html",
        {
            "title": f"Data vintage {vintage.id}",
            "breadcrumbs": [
                {"text": "Home", "href": "/"},
                {"text": "Data vintages", "href": "/data/vintages"},
                {"text": f"Vintage {vintage.id}"},
            ],
            "vintage": vintage,
            "revisions": changed[:REVISIONS_SHOWN],
            "revised": len(changed),
            "titles": _titles(),
        },
    )
