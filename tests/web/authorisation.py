"""The authorisation matrix: every route, who may use it, and how others are refused.

Every route of the app must have a case here (a test checks it), so a new route cannot ship
without saying who may use it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from joinedup import clock
from joinedup.ranking.demo import latest_complete_year
from joinedup.timeline import Timeline
from tests.conftest import COVENTRY, OXFORDSHIRE, PASSWORD

NATIONAL = frozenset({"admin", "analyst", "reviewer"})
OXFORDSHIRE_PEOPLE = frozenset({"system_lead", "contributor", "viewer"})
SIGNED_IN = NATIONAL | OXFORDSHIRE_PEOPLE | {"coventry_lead"}
EVERYONE = SIGNED_IN | {"anonymous"}
REVIEW_MANAGERS = frozenset({"admin", "reviewer"})
# The demo's latest complete financial year, which its synthetic data cover (demo timeline).
DEMO_YEAR = latest_complete_year(Timeline.as_at(clock.today())).isoformat()

# persona -> (role, area code) as in the demo people
PERSONAS: dict[str, tuple[str, str | None] | None] = {
    "anonymous": None,
    "admin": ("admin", None),
    "analyst": ("analyst", None),
    "reviewer": ("reviewer", None),
    "system_lead": ("system_lead", OXFORDSHIRE),
    "contributor": ("contributor", OXFORDSHIRE),
    "viewer": ("viewer", OXFORDSHIRE),
    "coventry_lead": ("system_lead", COVENTRY),
}


@dataclass(frozen=True)
class Case:
    method: str
    route: str  # the route's path template, as FastAPI declares it
    url: str  # a concrete URL for it
    allowed: frozenset[str]
    form: dict[str, str] | None = None
    json: Any = None
    # Personas refused with 404 (the thing is another system's: its existence is not revealed)
    hidden_from: frozenset[str] = field(default_factory=frozenset)


CASES: list[Case] = [
    Case("GET", "/sign-in", "/sign-in", EVERYONE),
    Case(
        "POST",
        "/sign-in",
        "/sign-in",
        EVERYONE,
        form={"email": "lead@oxfordshire.demo.joinedup.test", "password": "joined-up-demo"},
    ),
    Case("GET", "/", "/", SIGNED_IN),
    Case(
        "GET",
        "/systems/{area_code}",
        f"/systems/{OXFORDSHIRE}",
        NATIONAL | OXFORDSHIRE_PEOPLE,
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case("GET", "/admin/systems", "/admin/systems", frozenset({"admin"})),
    Case(
        "POST",
        "/admin/systems",
        "/admin/systems",
        frozenset({"admin"}),
        form={"area_code": "E06000002", "name": "", "partners": ""},
    ),
    Case("GET", "/admin/users", "/admin/users", frozenset({"admin"})),
    # The analyst (user 2) is deactivated, then let back in: the matrix leaves the world as found.
    Case(
        "POST",
        "/admin/users/{user_id}/deactivate",
        "/admin/users/2/deactivate",
        frozenset({"admin"}),
        form={},
    ),
    Case(
        "POST",
        "/admin/users/{user_id}/reactivate",
        "/admin/users/2/reactivate",
        frozenset({"admin"}),
        form={},
    ),
    # People: administrators manage everyone, a system lead the contributors and viewers of
    # their own system (user 6 is Oxfordshire's viewer: hidden from Coventry's lead).
    Case("GET", "/people", "/people", frozenset({"admin", "system_lead", "coventry_lead"})),
    Case(
        "GET",
        "/people/invite",
        "/people/invite",
        frozenset({"admin", "system_lead"}) | {"coventry_lead"},
    ),
    Case(
        "POST",
        "/people/invite",
        "/people/invite",
        frozenset({"admin", "system_lead"}),
        form={"email": "new.viewer@example.org", "name": "New Viewer", "role": "viewer"}
        | {"area_code": OXFORDSHIRE},
    ),
    *[
        Case(
            method,
            route,
            route.replace("{user_id}", "6"),
            frozenset({"admin", "system_lead"}),
            form=form,
            hidden_from=frozenset({"coventry_lead"}),
        )
        for method, route, form in [
            ("GET", "/people/{user_id}", None),
            ("POST", "/people/{user_id}/role", {"role": "viewer", "area_code": OXFORDSHIRE}),
            ("GET", "/people/{user_id}/deactivate", None),
            ("POST", "/people/{user_id}/deactivate", {}),
            ("POST", "/people/{user_id}/reactivate", {}),
            ("GET", "/people/{user_id}/reset-password", None),
            ("POST", "/people/{user_id}/reset-password", {}),
        ]
    ],
    Case("GET", "/api/v1/users", "/api/v1/users", frozenset({"admin"})),
    Case(
        "POST",
        "/api/v1/users/{user_id}/deactivate",
        "/api/v1/users/2/deactivate",
        frozenset({"admin"}),
        json={},
    ),
    Case(
        "POST",
        "/api/v1/users/{user_id}/reactivate",
        "/api/v1/users/2/reactivate",
        frozenset({"admin"}),
        json={},
    ),
    Case("GET", "/account", "/account", SIGNED_IN),
    Case("POST", "/account/tokens", "/account/tokens", SIGNED_IN, form={"label": "matrix"}),
    Case(
        "POST",
        "/account/tokens/{prefix}/revoke",
        "/account/tokens/ju_notmine/revoke",
        frozenset(),
        hidden_from=SIGNED_IN,
        form={},
    ),
    # A personal calendar feed: each person makes and revokes their own secret address; the
    # feed is read by its secret alone, and an address that is not one is not found by anyone.
    Case("GET", "/account/calendar", "/account/calendar", SIGNED_IN),
    Case("POST", "/account/calendar", "/account/calendar", SIGNED_IN, form={}),
    Case("POST", "/account/calendar/revoke", "/account/calendar/revoke", SIGNED_IN, form={}),
    Case(
        "GET",
        "/calendar/{token}.ics",
        "/calendar/not-a-calendar-address.ics",
        frozenset(),
        hidden_from=EVERYONE,
    ),
    Case("GET", "/api/v1/me", "/api/v1/me", SIGNED_IN),
    Case("GET", "/api/v1/areas", "/api/v1/areas", SIGNED_IN),
    Case("GET", "/api/v1/areas/{code}", f"/api/v1/areas/{OXFORDSHIRE}", SIGNED_IN),
    Case("GET", "/api/v1/systems", "/api/v1/systems", SIGNED_IN),
    Case(
        "GET",
        "/api/v1/systems/{area_code}",
        f"/api/v1/systems/{OXFORDSHIRE}",
        NATIONAL | OXFORDSHIRE_PEOPLE,
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/api/v1/systems",
        "/api/v1/systems",
        frozenset({"admin"}),
        json={"area_code": "E06000003"},
    ),
    # --- Plans (improvement plans): the demo plan of Oxfordshire is plan 1; the contributor is
    # assigned to workstreams H and K; action 20 is H.2 (version 5), action 21 is H.3 (version 4).
    *[
        Case(
            "GET",
            route,
            url,
            NATIONAL | OXFORDSHIRE_PEOPLE,
            hidden_from=frozenset({"coventry_lead"}),
        )
        for route, url in (
            ("/systems/{area_code}/plan", f"/systems/{OXFORDSHIRE}/plan"),
            ("/plans/{plan_id}", "/plans/1"),
            ("/plans/{plan_id}/workstreams/{code}", "/plans/1/workstreams/H"),
            ("/actions/{action_id}", "/actions/20"),
            ("/plans/{plan_id}/overdue", "/plans/1/overdue"),
            ("/plans/{plan_id}/coverage", "/plans/1/coverage"),
            ("/plans/{plan_id}/since", "/plans/1/since"),
            ("/plans/{plan_id}/export.xlsx", "/plans/1/export.xlsx"),
            ("/api/v1/systems/{area_code}/plans", f"/api/v1/systems/{OXFORDSHIRE}/plans"),
            ("/api/v1/plans/{plan_id}", "/api/v1/plans/1"),
            ("/api/v1/plans/{plan_id}/workstreams/{code}", "/api/v1/plans/1/workstreams/H"),
            ("/api/v1/actions/{action_id}", "/api/v1/actions/20"),
            ("/api/v1/plans/{plan_id}/overdue", "/api/v1/plans/1/overdue"),
            ("/api/v1/plans/{plan_id}/slipped", "/api/v1/plans/1/slipped"),
            ("/api/v1/plans/{plan_id}/coverage", "/api/v1/plans/1/coverage"),
            (
                "/api/v1/plans/{plan_id}/since",
                "/api/v1/plans/1/since?start=2000-01-01&end=2100-01-01",
            ),
        )
    ],
    Case("GET", "/my-actions", "/my-actions", SIGNED_IN),
    Case("GET", "/api/v1/my-actions", "/api/v1/my-actions", SIGNED_IN),
    Case(
        "GET",
        "/systems/{area_code}/plans/import",
        f"/systems/{OXFORDSHIRE}/plans/import",
        frozenset({"admin", "system_lead"}),
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/plans/{plan_id}/workstreams/{code}/rag",
        "/plans/1/workstreams/H/rag",
        frozenset({"admin", "system_lead", "contributor"}),
        form={
            "rating": "amber",
            "rationale": "Matrix",
            "mitigation": "Matrix",
            "override_reason": "Matrix",
        },
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/actions/{action_id}",
        "/actions/21",
        frozenset({"admin", "system_lead", "contributor"}),
        form={"version": "4", "status": "on_track", "note": "Matrix progress"},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/plans/{plan_id}/status",
        "/plans/1/status",
        frozenset({"admin", "system_lead"}),
        form={"status": "in_delivery", "version": "4", "coverage_exception": ""},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/api/v1/plans/{plan_id}/status",
        "/api/v1/plans/1/status",
        frozenset({"admin", "system_lead"}),
        json={"status": "in_delivery", "version": 5},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    # Correcting a plan's details after the two status moves above (versions 6, then 7), and
    # workstream H's (versions 1, then 2).
    Case(
        "GET",
        "/plans/{plan_id}/edit",
        "/plans/1/edit",
        frozenset({"admin", "system_lead"}),
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/plans/{plan_id}/edit",
        "/plans/1/edit",
        frozenset({"admin", "system_lead"}),
        form={
            "version": "6",
            "title": "Matrix plan",
            "planned_end-day": "31",
            "planned_end-month": "3",
            "planned_end-year": "2030",
        },
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "PATCH",
        "/api/v1/plans/{plan_id}",
        "/api/v1/plans/1",
        frozenset({"admin", "system_lead"}),
        json={"version": 7, "title": "Matrix plan", "planned_end": "31/03/2030"},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "GET",
        "/plans/{plan_id}/workstreams/{code}/edit",
        "/plans/1/workstreams/H/edit",
        frozenset({"admin", "system_lead"}),
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/plans/{plan_id}/workstreams/{code}/edit",
        "/plans/1/workstreams/H/edit",
        frozenset({"admin", "system_lead"}),
        form={"version": "1", "title": "Matrix", "leads": "Lucy Barton", "responsible_group": ""},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "PATCH",
        "/api/v1/plans/{plan_id}/workstreams/{code}",
        "/api/v1/plans/1/workstreams/H",
        frozenset({"admin", "system_lead"}),
        json={"version": 2, "title": "Matrix", "leads": "Lucy Barton"},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/api/v1/plans/{plan_id}/workstreams/{code}/rag",
        "/api/v1/plans/1/workstreams/H/rag",
        frozenset({"admin", "system_lead", "contributor"}),
        json={"rating": "amber", "rationale": "M", "mitigation": "M", "override_reason": "M"},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/api/v1/plans/{plan_id}/workstreams/{code}/actions",
        "/api/v1/plans/1/workstreams/H/actions",
        frozenset({"admin", "system_lead", "contributor"}),
        json={"description": "Matrix action", "owner": "Tom Hughes", "due": "2030-01-31"},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "PATCH",
        "/api/v1/actions/{action_id}",
        "/api/v1/actions/20",
        frozenset({"admin", "system_lead", "contributor"}),
        json={"version": 4, "note": "Matrix progress"},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    # Importing into an area that is not a system: refused to everyone (the upload itself is
    # tested in tests/plans/test_web.py).
    Case(
        "POST",
        "/systems/{area_code}/plans/import",
        "/systems/E99999999/plans/import",
        frozenset(),
        form={"title": "Matrix"},
        hidden_from=SIGNED_IN,
    ),
    Case(
        "POST",
        "/plans/{plan_id}/workstreams",
        "/plans/1/workstreams",
        frozenset({"admin", "system_lead"}),
        form={"code": "P", "title": "Matrix", "responsible_group": "", "leads": ""},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/plans/{plan_id}/workstreams/{code}/actions",
        "/plans/1/workstreams/H/actions",
        frozenset({"admin", "system_lead", "contributor"}),
        form={"description": "Matrix", "due-day": "31", "due-month": "1", "due-year": "2030"},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/plans/{plan_id}/workstreams/{code}/members",
        "/plans/1/workstreams/A/members",
        frozenset({"admin", "system_lead"}),
        form={"email": "workstream@oxfordshire.demo.joinedup.test"},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/plans/{plan_id}/current",
        "/plans/1/current",
        frozenset({"admin", "system_lead"}),
        form={},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/api/v1/plans/{plan_id}/workstreams",
        "/api/v1/plans/1/workstreams",
        frozenset({"admin", "system_lead"}),
        json={"code": "Q", "title": "Matrix"},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    # New plans become current: these two come after every case about plan 1's system.
    Case(
        "POST",
        "/systems/{area_code}/plans",
        f"/systems/{OXFORDSHIRE}/plans",
        frozenset({"admin", "system_lead"}),
        form={"new_title": "Matrix plan"},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/api/v1/systems/{area_code}/plans",
        f"/api/v1/systems/{OXFORDSHIRE}/plans",
        frozenset({"admin", "system_lead"}),
        json={"title": "Matrix API plan"},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    # --- end of plans
    # --- Reviews: the demo's programme 1 (2017-18 local system reviews) and programme 2
    # (assessments). Review 2 is Oxfordshire's follow-up, shared with the system but not
    # published (version 8 after the demo; each allowed write below moves it on by one).
    # Review 7 is Hartlepool's assessment; evidence 8-9 and findings 16-20 belong to review 2.
    Case("GET", "/reviews", "/reviews", SIGNED_IN),
    Case("GET", "/reviews/programmes/{programme_id}", "/reviews/programmes/1", SIGNED_IN),
    Case("GET", "/reviews/new", f"/reviews/new?area_code={OXFORDSHIRE}", REVIEW_MANAGERS),
    Case(
        "GET",
        "/reviews/programmes/{programme_id}/national",
        "/reviews/programmes/1/national",
        NATIONAL,
    ),
    Case(
        "GET",
        "/reviews/programmes/{programme_id}/national.csv",
        "/reviews/programmes/1/national.csv?table=common_improvements",
        NATIONAL,
    ),
    Case(
        "GET",
        "/reviews/programmes/{programme_id}/national.xlsx",
        "/reviews/programmes/1/national.xlsx",
        NATIONAL,
    ),
    Case(
        "GET",
        "/reviews/{review_id}",
        "/reviews/2",
        NATIONAL | OXFORDSHIRE_PEOPLE,
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "GET",
        "/reviews/findings/{finding_id}/edit",
        "/reviews/findings/16/edit",
        REVIEW_MANAGERS,
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "GET",
        "/reviews/evidence/{evidence_id}/edit",
        "/reviews/evidence/9/edit",
        REVIEW_MANAGERS,
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/reviews/evidence/{evidence_id}",
        "/reviews/evidence/9",
        REVIEW_MANAGERS,
        form={
            "version": "1",
            "kind": "focus_group",
            "gathered_on": "2018-11-28",
            "source": "Providers",
            "summary": "Matrix",
        },
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "GET",
        "/reviews/attachments/{attachment_id}",
        "/reviews/attachments/999",
        frozenset(),
        hidden_from=SIGNED_IN,
    ),
    Case(
        "POST",
        "/reviews/programmes",
        "/reviews/programmes",
        REVIEW_MANAGERS,
        form={"name": "Matrix programme", "framework_key": "local-system-review-2017"},
    ),
    Case(
        "POST",
        "/reviews/programmes/{programme_id}/reviews",
        "/reviews/programmes/1/reviews",
        REVIEW_MANAGERS,
        form={"area_code": OXFORDSHIRE, "kind": "full", "start": "2019-01-07"},
    ),
    Case(
        "POST",
        "/reviews/{review_id}",
        "/reviews/2",
        REVIEW_MANAGERS,
        form={"version": "9", "title": "Oxfordshire follow-up", "status": "reporting"},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/reviews/{review_id}/report",
        "/reviews/2/report",
        REVIEW_MANAGERS,
        form={"version": "10", "state": "shared", "summary": "Matrix"},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/reviews/{review_id}/milestones/{key}",
        "/reviews/2/milestones/plan_updated",
        REVIEW_MANAGERS,
        form={"version": "4", "planned_date": "2019-01-30", "actual_date": ""},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/reviews/{review_id}/evidence",
        "/reviews/2/evidence",
        REVIEW_MANAGERS,
        form={
            "kind": "interview",
            "gathered_on": "2018-11-29",
            "source": "Matrix",
            "summary": "Matrix",
        },
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/reviews/evidence/{evidence_id}/files",
        "/reviews/evidence/999/files",
        frozenset(),
        form={},
        hidden_from=SIGNED_IN,
    ),
    Case(
        "POST",
        "/reviews/{review_id}/findings",
        "/reviews/2/findings",
        REVIEW_MANAGERS,
        form={"kind": "area_of_future_focus", "key_question": "well_led", "text": "Matrix"}
        | {"national_theme": "workforce"},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/reviews/findings/{finding_id}",
        "/reviews/findings/16",
        REVIEW_MANAGERS,
        form={"version": "1", "kind": "working_well", "key_question": "well_led", "text": "M"}
        | {"national_theme": "workforce"},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/reviews/{review_id}/scores",
        "/reviews/7/scores",
        REVIEW_MANAGERS,
        form={"statement_id": "learning", "score": "4", "version": "1"},
        hidden_from=OXFORDSHIRE_PEOPLE | {"coventry_lead"},
    ),
    Case("GET", "/api/v1/programmes", "/api/v1/programmes", SIGNED_IN),
    Case(
        "POST",
        "/api/v1/programmes",
        "/api/v1/programmes",
        REVIEW_MANAGERS,
        json={"name": "Matrix API programme", "framework_key": "cqc-local-authority-assessment"},
    ),
    Case("GET", "/api/v1/reviews", "/api/v1/reviews?programme_id=1", SIGNED_IN),
    Case(
        "POST",
        "/api/v1/reviews",
        "/api/v1/reviews",
        REVIEW_MANAGERS,
        json={"programme_id": 1, "area_code": OXFORDSHIRE, "kind": "full", "start": "2019-02-04"},
    ),
    Case(
        "GET",
        "/api/v1/reviews/{review_id}",
        "/api/v1/reviews/2",
        NATIONAL | OXFORDSHIRE_PEOPLE,
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "GET",
        "/api/v1/reviews/{review_id}/evidence",
        "/api/v1/reviews/2/evidence",
        NATIONAL | OXFORDSHIRE_PEOPLE,
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/api/v1/reviews/{review_id}/evidence",
        "/api/v1/reviews/2/evidence",
        REVIEW_MANAGERS,
        json={"kind": "data", "gathered_on": "2018-11-30", "source": "API", "summary": "API"},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "PATCH",
        "/api/v1/evidence/{evidence_id}",
        "/api/v1/evidence/8",
        REVIEW_MANAGERS,
        json={
            "version": 1,
            "kind": "interview",
            "gathered_on": "2018-11-27",
            "source": "System leaders",
            "questions": ["well_led"],
            "summary": "API",
        },
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "GET",
        "/api/v1/reviews/{review_id}/findings",
        "/api/v1/reviews/2/findings",
        NATIONAL | OXFORDSHIRE_PEOPLE,
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/api/v1/reviews/{review_id}/findings",
        "/api/v1/reviews/2/findings",
        REVIEW_MANAGERS,
        json={"kind": "working_well", "key_question": "caring", "text": "API"}
        | {"national_theme": "care_at_home"},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "PATCH",
        "/api/v1/findings/{finding_id}",
        "/api/v1/findings/17",
        REVIEW_MANAGERS,
        json={
            "version": 1,
            "kind": "area_of_future_focus",
            "key_question": "well_led",
            "national_theme": "workforce",
            "text": "A",
        },
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "PATCH",
        "/api/v1/programmes/{programme_id}",
        "/api/v1/programmes/1",
        REVIEW_MANAGERS,
        json={"version": 1, "name": "Matrix renamed programme"},
    ),
    # Review 2 is at version 12 here (the page's review, report and milestone writes above).
    Case(
        "PATCH",
        "/api/v1/reviews/{review_id}",
        "/api/v1/reviews/2",
        REVIEW_MANAGERS,
        json={"version": 12, "status": "reporting"},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "PATCH",
        "/api/v1/reviews/{review_id}/report",
        "/api/v1/reviews/2/report",
        REVIEW_MANAGERS,
        json={"version": 13, "state": "shared", "summary": "Matrix"},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "PATCH",
        "/api/v1/reviews/{review_id}/milestones/{key}",
        "/api/v1/reviews/2/milestones/plan_updated",
        REVIEW_MANAGERS,
        json={"version": 5, "planned_date": "2019-02-28"},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/api/v1/reviews/{review_id}/scores",
        "/api/v1/reviews/7/scores",
        REVIEW_MANAGERS,
        json={"statement_id": "learning", "score": 3, "version": 2},
        hidden_from=OXFORDSHIRE_PEOPLE | {"coventry_lead"},
    ),
    # Withdrawing a review started in error: review 7 (Hartlepool, version 5) on the page after
    # its confirmation, review 8 (Trafford, version 1) through the API.
    Case(
        "GET",
        "/reviews/{review_id}/withdraw",
        "/reviews/7/withdraw",
        REVIEW_MANAGERS,
        hidden_from=OXFORDSHIRE_PEOPLE | {"coventry_lead"},
    ),
    Case(
        "POST",
        "/reviews/{review_id}/withdraw",
        "/reviews/7/withdraw",
        REVIEW_MANAGERS,
        form={"version": "5", "reason": "Matrix: started in error"},
        hidden_from=OXFORDSHIRE_PEOPLE | {"coventry_lead"},
    ),
    Case(
        "POST",
        "/api/v1/reviews/{review_id}/withdraw",
        "/api/v1/reviews/8/withdraw",
        REVIEW_MANAGERS,
        json={"version": 1, "reason": "Matrix: started in error"},
        hidden_from=OXFORDSHIRE_PEOPLE | {"coventry_lead"},
    ),
    # The summit of review 1 (Oxfordshire's published review): its system and national users
    # read it; the review team records it (version 0: none recorded yet), then corrects it.
    *[
        Case(
            "GET",
            route,
            url,
            NATIONAL | OXFORDSHIRE_PEOPLE,
            hidden_from=frozenset({"coventry_lead"}),
        )
        for route, url in (
            ("/reviews/{review_id}/summit", "/reviews/1/summit"),
            ("/api/v1/reviews/{review_id}/summit", "/api/v1/reviews/1/summit"),
        )
    ],
    Case(
        "POST",
        "/reviews/{review_id}/summit",
        "/reviews/1/summit",
        REVIEW_MANAGERS,
        form={
            "version": "0",
            "held_on-day": "10",
            "held_on-month": "1",
            "held_on-year": "2018",
            "chair_name": "Matrix chair",
            "sections": "Workforce: Workforce board",
        },
    ),
    Case(
        "PUT",
        "/api/v1/reviews/{review_id}/summit",
        "/api/v1/reviews/1/summit",
        REVIEW_MANAGERS,
        json={
            "version": 1,
            "held_on": "2018-01-10",
            "chair_name": "Matrix chair",
            "sections": [{"title": "Workforce", "responsible_group": "Workforce board"}],
        },
    ),
    # --- end of reviews
    # --- Monitoring (evaluation frameworks): the demo's Oxfordshire framework; KPI 1 is 1a (local
    # values), KPI 2 is 1b. Its lead and admins edit; everyone who reads Oxfordshire reads.
    Case(
        "GET",
        "/systems/{area_code}/framework",
        f"/systems/{OXFORDSHIRE}/framework",
        NATIONAL | OXFORDSHIRE_PEOPLE,
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "GET",
        "/systems/{area_code}/framework/agreed",
        f"/systems/{OXFORDSHIRE}/framework/agreed",
        frozenset({"admin", "system_lead"}),
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/systems/{area_code}/framework/agreed",
        f"/systems/{OXFORDSHIRE}/framework/agreed",
        frozenset({"admin", "system_lead"}),
        form={
            "version": "1",
            "agreed_on-day": "15",
            "agreed_on-month": "11",
            "agreed_on-year": "2018",
            "agreed_by": "Oxfordshire Health and Wellbeing Board",
        },
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "PUT",
        "/api/v1/systems/{area_code}/framework/agreed",
        f"/api/v1/systems/{OXFORDSHIRE}/framework/agreed",
        frozenset({"admin", "system_lead"}),
        # version 2: the page's case just before this one saved version 1
        json={"version": 2, "agreed_on": "2018-11-15", "agreed_by": "Health and Wellbeing Board"},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "GET",
        "/systems/{area_code}/framework/kpis/{kpi_id}",
        f"/systems/{OXFORDSHIRE}/framework/kpis/1",
        NATIONAL | OXFORDSHIRE_PEOPLE,
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/systems/{area_code}/framework/kpis/{kpi_id}/values",
        f"/systems/{OXFORDSHIRE}/framework/kpis/1/values",
        frozenset({"admin", "system_lead"}),
        form={"period": "2020-04", "value": "1190", "note": "matrix", "version": "0"},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/systems/{area_code}/framework/kpis/{kpi_id}/import",
        f"/systems/{OXFORDSHIRE}/framework/kpis/1/import",
        frozenset({"admin", "system_lead"}),
        form={"pasted": "date,value\n2020-06,1201\n"},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/systems/{area_code}/framework/kpis/{kpi_id}",
        f"/systems/{OXFORDSHIRE}/framework/kpis/1",
        frozenset({"admin", "system_lead"}),
        form={
            "name": "Fewer avoidable emergency admissions",
            "unit": "admissions",
            "polarity": "lower_is_better",
            "target_text": "997 or fewer",
            "screen_outliers": "yes",
            "fix_after": "",
            "rebases": "",
            "version": "1",
        },
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/systems/{area_code}/framework",
        "/systems/E06000014/framework",  # York has no framework: only an admin may start it
        frozenset({"admin"}),
        form={"title": ""},
        hidden_from=OXFORDSHIRE_PEOPLE | {"coventry_lead"},
    ),
    Case(
        "POST",
        "/systems/{area_code}/framework/kpis",
        f"/systems/{OXFORDSHIRE}/framework/kpis",
        frozenset({"admin", "system_lead"}),
        form={
            "part": "1",
            "code": "1k",
            "name": "Matrix measure from the page",
            "unit": "",
            "polarity": "higher_is_better",
            "target_text": "",
        },
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "GET",
        "/api/v1/systems/{area_code}/framework",
        f"/api/v1/systems/{OXFORDSHIRE}/framework",
        NATIONAL | OXFORDSHIRE_PEOPLE,
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/api/v1/systems/{area_code}/framework",
        f"/api/v1/systems/{COVENTRY}/framework",
        frozenset({"admin", "coventry_lead"}),
        json={"title": "Coventry evaluation framework", "parts": [{"number": 1, "title": "Local"}]},
        hidden_from=OXFORDSHIRE_PEOPLE,
    ),
    Case(
        "POST",
        "/api/v1/systems/{area_code}/framework/kpis",
        f"/api/v1/systems/{OXFORDSHIRE}/framework/kpis",
        frozenset({"admin", "system_lead"}),
        json={"part": 1, "code": "1h", "name": "Matrix measure", "target": "10 or more"},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "GET",
        "/api/v1/kpis/{kpi_id}",
        "/api/v1/kpis/1",
        NATIONAL | OXFORDSHIRE_PEOPLE,
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "PATCH",
        "/api/v1/kpis/{kpi_id}",
        "/api/v1/kpis/2",
        frozenset({"admin", "system_lead"}),
        json={"version": 1, "target": "95% or above"},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/api/v1/kpis/{kpi_id}/values",
        "/api/v1/kpis/1/values",
        frozenset({"admin", "system_lead"}),
        json={"period": "2020-05-01", "value": 1195, "version": 0},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    # --- end of monitoring
    # --- Rankings: the demo's saved run "Interface dashboard 2019-20" is run 1. National roles
    # read; analysts and admins run (few draws, to keep the matrix fast); system users get 403.
    Case("GET", "/rankings", "/rankings", NATIONAL),
    Case(
        "POST",
        "/rankings",
        "/rankings",
        frozenset({"admin", "analyst"}),
        form={
            "name": "Matrix",
            "period_start": DEMO_YEAR,
            "months": "12",
            "normalisation": "rank",
            "aggregation": "arithmetic",
            "missing": "reweight",
            "draws": "100",
            "seed": "1",
            "select": "3",
        },
    ),
    Case("GET", "/rankings/{run_id}", "/rankings/1", NATIONAL),
    Case("GET", "/rankings/{run_id}/download.csv", "/rankings/1/download.csv", NATIONAL),
    Case("GET", "/rankings/{run_id}/download.xlsx", "/rankings/1/download.xlsx", NATIONAL),
    Case("GET", "/api/v1/rankings", "/api/v1/rankings", NATIONAL),
    Case(
        "POST",
        "/api/v1/rankings",
        "/api/v1/rankings",
        frozenset({"admin", "analyst"}),
        json={"name": "Matrix", "period_start": DEMO_YEAR, "draws": 100},
    ),
    Case("GET", "/api/v1/rankings/{run_id}", "/api/v1/rankings/1", NATIONAL),
    # --- end of rankings
    # --- reports (the demo: reports 1 and 2 published, 3 a draft highlight, 4 a draft review
    # report; the cases below take report 3 through sign-off, rebuild, approval and publication,
    # and report 4 through the API, so the versions follow each other)
    Case(
        "GET",
        "/systems/{area_code}/reports",
        f"/systems/{OXFORDSHIRE}/reports",
        NATIONAL | OXFORDSHIRE_PEOPLE,
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/systems/{area_code}/reports",
        f"/systems/{OXFORDSHIRE}/reports",
        frozenset({"admin", "system_lead"}),
        form={"as_of": "2019-05-31", "meeting_date": ""},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "GET",
        "/reports/{report_id}",
        "/reports/3",
        NATIONAL | OXFORDSHIRE_PEOPLE,
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "GET",
        "/reports/{report_id}/download.{report_format}",
        "/reports/3/download.xlsx",
        NATIONAL | OXFORDSHIRE_PEOPLE,
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/reports/{report_id}/sign-offs",
        "/reports/3/sign-offs",
        frozenset({"admin", "system_lead"}),
        form={"version": "3", "role": "approver", "name": "Matrix Person"},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/reports/{report_id}/sign-offs/{sign_off_id}/remove",
        "/reports/3/sign-offs/13/remove",
        frozenset({"admin", "system_lead"}),
        form={"version": "4"},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/reports/{report_id}/regenerate",
        "/reports/3/regenerate",
        frozenset({"admin", "system_lead"}),
        form={"version": "5"},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/reports/{report_id}/cover",
        "/reports/3/cover",
        frozenset({"admin", "system_lead"}),
        form={
            "version": "6",
            "authors": "System leaders",
            "presenters": "The director",
            "summary": "Progress on the plan.",
            "purpose": "decision",
            "meeting_date": "2019-06-13",
        },
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/reports/{report_id}/approve",
        "/reports/3/approve",
        frozenset({"admin", "system_lead"}),
        form={"version": "7"},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/reports/{report_id}/publish",
        "/reports/3/publish",
        frozenset({"admin", "system_lead"}),
        form={"version": "8"},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "GET",
        "/reports/{report_id}/approve",
        "/reports/3/approve",
        frozenset({"admin", "system_lead"}),
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "GET",
        "/reports/{report_id}/publish",
        "/reports/3/publish",
        frozenset({"admin", "system_lead"}),
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "GET",
        "/reports/{report_id}/withdraw",
        "/reports/3/withdraw",
        frozenset({"admin", "system_lead"}),
        hidden_from=frozenset({"coventry_lead"}),
    ),
    # The draft the lead (or admin) generated above is withdrawn; the others never saw it.
    Case(
        "POST",
        "/reports/{report_id}/withdraw",
        "/reports/5/withdraw",
        frozenset({"admin", "system_lead"}),
        form={"version": "1", "reason": "Replaced by a later draft"},
        hidden_from=frozenset({"coventry_lead", "contributor", "viewer"}) | NATIONAL - {"admin"},
    ),
    Case("GET", "/published", "/published", EVERYONE),
    Case("GET", "/published/{slug}", "/published/oxfordshire-highlight-report-1", EVERYONE),
    Case("GET", "/published/{slug}.pdf", "/published/oxfordshire-highlight-report-1.pdf", EVERYONE),
    Case(
        "GET", "/published/{slug}.docx", "/published/oxfordshire-highlight-report-1.docx", EVERYONE
    ),
    Case(
        "GET",
        "/api/v1/reports",
        f"/api/v1/reports?area_code={OXFORDSHIRE}",
        NATIONAL | OXFORDSHIRE_PEOPLE,
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "GET",
        "/api/v1/reports/{report_id}",
        "/api/v1/reports/4",
        NATIONAL,
        hidden_from=frozenset({"coventry_lead"}) | OXFORDSHIRE_PEOPLE,  # a draft of CQC's
    ),
    Case(
        "POST",
        "/api/v1/reports",
        "/api/v1/reports",
        frozenset({"admin", "system_lead"}),
        json={"area_code": OXFORDSHIRE, "kind": "highlight", "as_of": "2019-05-31"},
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "POST",
        "/api/v1/reports/{report_id}/withdraw",
        "/api/v1/reports/6/withdraw",
        frozenset({"admin", "system_lead"}),
        json={"version": 1, "reason": "Replaced by a later draft"},
        hidden_from=frozenset({"coventry_lead", "contributor", "viewer"}) | NATIONAL - {"admin"},
    ),
    Case(
        "POST",
        "/api/v1/reports/{report_id}/sign-offs",
        "/api/v1/reports/4/sign-offs",
        REVIEW_MANAGERS,  # a review report is CQC's: the review team's alone
        json={"version": 1, "role": "approver", "name": "Matrix Person"},
        hidden_from=frozenset({"coventry_lead"}) | OXFORDSHIRE_PEOPLE,  # a draft of CQC's
    ),
    Case(
        "POST",
        "/api/v1/reports/{report_id}/regenerate",
        "/api/v1/reports/4/regenerate",
        REVIEW_MANAGERS,  # a review report is CQC's: the review team's alone
        json={"version": 2},
        hidden_from=frozenset({"coventry_lead"}) | OXFORDSHIRE_PEOPLE,  # a draft of CQC's
    ),
    Case(
        "POST",
        "/api/v1/reports/{report_id}/cover",
        "/api/v1/reports/4/cover",
        REVIEW_MANAGERS,  # a review report is CQC's: the review team's alone
        json={"version": 3, "authors": "The review team", "summary": "Findings and next steps."},
        hidden_from=frozenset({"coventry_lead"}) | OXFORDSHIRE_PEOPLE,  # a draft of CQC's
    ),
    Case(
        "POST",
        "/api/v1/reports/{report_id}/approve",
        "/api/v1/reports/4/approve",
        REVIEW_MANAGERS,
        json={"version": 4},
        hidden_from=frozenset({"coventry_lead"}) | OXFORDSHIRE_PEOPLE,  # a draft of CQC's
    ),
    Case(
        "POST",
        "/api/v1/reports/{report_id}/publish",
        "/api/v1/reports/4/publish",
        REVIEW_MANAGERS,
        json={"version": 5},
        hidden_from=frozenset({"coventry_lead"}) | OXFORDSHIRE_PEOPLE,  # a draft of CQC's
    ),
    # Report 4 is published now (for the review team), its review being published: the
    # system's response is recorded by its lead (the system's people, in their own runs, still
    # see report 4 as CQC's draft, so only the admin records one here; tests/reports cover the
    # lead).
    Case(
        "GET",
        "/api/v1/reports/{report_id}/responses",
        "/api/v1/reports/4/responses",
        NATIONAL,
        hidden_from=frozenset({"coventry_lead"}) | OXFORDSHIRE_PEOPLE,  # a draft of CQC's
    ),
    Case(
        "POST",
        "/api/v1/reports/{report_id}/responses",
        "/api/v1/reports/4/responses",
        frozenset({"admin"}),
        json={"text": "The Board welcomes the report."},
        hidden_from=frozenset({"coventry_lead"}) | OXFORDSHIRE_PEOPLE,  # a draft of CQC's
    ),
    Case(
        "POST",
        "/reports/{report_id}/responses",
        "/reports/4/responses",
        frozenset({"admin"}),
        form={"text": "The Board welcomes the report."},
        hidden_from=frozenset({"coventry_lead"}) | OXFORDSHIRE_PEOPLE,  # a draft of CQC's
    ),
    # --- end of reports
    # --- national dashboard, area profiles and indicator values
    Case("GET", "/dashboard", "/dashboard", NATIONAL),
    Case("GET", "/dashboard.csv", "/dashboard.csv?months=3&sort=area", NATIONAL),
    Case(
        "GET",
        "/areas/{code}",
        f"/areas/{OXFORDSHIRE}",
        NATIONAL | OXFORDSHIRE_PEOPLE,
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case("GET", "/api/v1/indicators", "/api/v1/indicators", SIGNED_IN),
    Case(
        "GET",
        "/api/v1/indicator-values",
        f"/api/v1/indicator-values?area_code={OXFORDSHIRE}&months=12&limit=10",
        NATIONAL | OXFORDSHIRE_PEOPLE,
        hidden_from=frozenset({"coventry_lead"}),
    ),
    # --- end of the national dashboard
    # --- data vintages: every load of values and what it revised (national roles)
    Case("GET", "/data/vintages", "/data/vintages", NATIONAL),
    Case("GET", "/data/vintages/{vintage_id}", "/data/vintages/1", NATIONAL),
    # --- comparisons: funnel plots and the worse-and-worsening list name every area (national
    # roles); an area's spine chart and trends, its own system's people too.
    Case("GET", "/funnel", "/funnel?indicator=weekend_discharges_emergency&months=12", NATIONAL),
    Case("GET", "/funnel.csv", "/funnel.csv?indicator=reablement_offered_65plus", NATIONAL),
    Case("GET", "/worse-than-england", "/worse-than-england?months=1", NATIONAL),
    Case("GET", "/worse-than-england.csv", "/worse-than-england.csv?months=3", NATIONAL),
    Case(
        "GET",
        "/api/v1/funnel",
        "/api/v1/funnel?indicator=emergency_admissions_65plus&months=3",
        NATIONAL,
    ),
    Case("GET", "/api/v1/worse-than-england", "/api/v1/worse-than-england", NATIONAL),
    Case(
        "GET",
        "/api/v1/areas/{code}/comparison",
        f"/api/v1/areas/{OXFORDSHIRE}/comparison?months=3",
        NATIONAL | OXFORDSHIRE_PEOPLE,
        hidden_from=frozenset({"coventry_lead"}),
    ),
    Case(
        "GET",
        "/areas/{code}/spine.csv",
        f"/areas/{OXFORDSHIRE}/spine.csv?months=3",
        NATIONAL | OXFORDSHIRE_PEOPLE,
        hidden_from=frozenset({"coventry_lead"}),
    ),
    # --- end of comparisons
    # Last: it ends the session the other cases share.
    Case("POST", "/sign-out", "/sign-out", EVERYONE, form={}),
]

# Routes anyone may reach that carry no data of any system.
OPEN_ROUTES = {
    ("GET", "/healthz"),
    ("GET", "/api/docs"),
    ("GET", "/api/openapi.json"),
}

# Governance's cases, before the last (signing out); they read the names above.
from tests.governance.matrix import CASES as GOVERNANCE_CASES  # noqa: E402

CASES[-1:-1] = GOVERNANCE_CASES

# A person's own password, after governance's cases: changing it ends the persona's other
# sessions, so only signing out comes after it.
_NEW_PASSWORD = "matrix kettle harbour window"
CASES.insert(
    len(CASES) - 1,
    Case(
        "POST",
        "/account/password",
        "/account/password",
        SIGNED_IN,
        form={
            "current_password": PASSWORD,
            "new_password": _NEW_PASSWORD,
            "confirm_password": _NEW_PASSWORD,
        },
    ),
)
