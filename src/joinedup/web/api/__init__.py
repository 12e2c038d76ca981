"""The JSON API under /api/v1, one router per resource."""

from fastapi import APIRouter

from joinedup.web.api import areas, me, plans, reviews, systems

api_router = APIRouter(prefix="/api/v1")
api_router.include_router(me.router)
api_router.include_router(areas.router)
api_router.include_router(systems.router)
api_router.include_router(plans.router)
api_router.include_router(reviews.router)
