"""The JSON API under /api/v1, one router per resource."""

from fastapi import APIRouter

from joinedup.web.api import (
    areas,
    governance_boards,
    governance_meetings,
    governance_records,
    governance_signoffs,
    me,
    plans,
    reviews,
    systems,
    users,
)
from joinedup.web.api import comparison as comparison_api
from joinedup.web.api import indicators as indicators_api
from joinedup.web.api import monitoring as monitoring_api
from joinedup.web.api import rankings as rankings_api
from joinedup.web.api import reports as reports_api

api_router = APIRouter(prefix="/api/v1")
api_router.include_router(me.router)
api_router.include_router(users.router)
api_router.include_router(areas.router)
api_router.include_router(systems.router)
api_router.include_router(plans.router)
api_router.include_router(reviews.router)
api_router.include_router(monitoring_api.router)
api_router.include_router(rankings_api.router)
api_router.include_router(reports_api.router)
api_router.include_router(indicators_api.router)
api_router.include_router(comparison_api.router)
api_router.include_router(governance_boards.router)
api_router.include_router(governance_meetings.router)
api_router.include_router(governance_records.router)
api_router.include_router(governance_signoffs.router)
