"""Authorisation cases of governance's routes, for the matrix in tests/web/authorisation.py.

The demo world (governance's step): board 1 is Oxfordshire's Health and Wellbeing Board (version
2), board 2 its Integrated System Delivery Board; meeting 1 is the Board's of 13 June 2019
(approved minutes), meeting 2 the delivery board's (draft minutes, version 2) with actions arising
2 and 3 not yet in the plan; plan 1 is Oxfordshire's, its risk 2 at version 2. Cases run in this
order for each persona, on a fresh copy of the world: reads, then the writes on meeting 2, its
paper's sign-off asked and answered, its minutes saved twice, then approved (the second approval
changes nothing)."""

from __future__ import annotations

from tests.conftest import OXFORDSHIRE
from tests.web.authorisation import EVERYONE, NATIONAL, OXFORDSHIRE_PEOPLE, SIGNED_IN, Case

LEADS = frozenset({"admin", "system_lead"})
OVERSIGHT = frozenset({"admin", "reviewer", "system_lead"})
READERS = NATIONAL | OXFORDSHIRE_PEOPLE
HIDDEN = frozenset({"coventry_lead"})
A = "/api/v1"


def _read(route: str, url: str) -> Case:
    return Case("GET", route, url, READERS, hidden_from=HIDDEN)


def _page(route: str, url: str, allowed: frozenset[str], form: dict[str, str]) -> Case:
    return Case("POST", route, url, allowed, form=form, hidden_from=HIDDEN)


def _api(route: str, url: str, allowed: frozenset[str], body: dict[str, object]) -> Case:
    return Case("POST", A + route, A + url, allowed, json=body, hidden_from=HIDDEN)


def _day(name: str, day: str, month: str, year: str) -> dict[str, str]:
    return {f"{name}-day": day, f"{name}-month": month, f"{name}-year": year}


SYSTEM = f"/systems/{OXFORDSHIRE}"

CASES: list[Case] = [
    # Public: approved minutes to everyone; draft minutes to nobody.
    Case("GET", "/published/minutes", "/published/minutes", EVERYONE),
    Case("GET", "/published/minutes/{meeting_id}", "/published/minutes/1", EVERYONE),
    Case(
        "GET",
        "/published/minutes/{meeting_id}",
        "/published/minutes/2",
        frozenset(),
        hidden_from=EVERYONE,
    ),
    # Reads
    _read("/systems/{area_code}/boards", f"{SYSTEM}/boards"),
    _read("/boards/{board_id}", "/boards/1"),
    _read("/meetings/{meeting_id}", "/meetings/2"),
    _read("/actions-arising/{action_id}/plan", "/actions-arising/2/plan"),
    _read("/systems/{area_code}/oversight", f"{SYSTEM}/oversight"),
    _read("/systems/{area_code}/engagement", f"{SYSTEM}/engagement"),
    _read("/plans/{plan_id}/risks", "/plans/1/risks"),
    _read("/risks/{risk_id}", "/risks/2"),
    _read(A + "/systems/{area_code}/boards", f"{A}{SYSTEM}/boards"),
    _read(A + "/systems/{area_code}/forward-plan", f"{A}{SYSTEM}/forward-plan"),
    _read(A + "/boards/{board_id}", f"{A}/boards/1"),
    _read(A + "/boards/{board_id}/meetings", f"{A}/boards/1/meetings"),
    _read(A + "/boards/{board_id}/risks", f"{A}/boards/1/risks?plan_id=1"),
    _read(A + "/meetings/{meeting_id}", f"{A}/meetings/2"),
    _read(A + "/systems/{area_code}/oversight", f"{A}{SYSTEM}/oversight"),
    _read(A + "/systems/{area_code}/engagement", f"{A}{SYSTEM}/engagement"),
    _read(A + "/plans/{plan_id}/risks", f"{A}/plans/1/risks"),
    _read(A + "/risks/{risk_id}", f"{A}/risks/2"),
    # Boards
    _page(
        "/systems/{area_code}/boards",
        f"{SYSTEM}/boards",
        LEADS,
        {"name": "Matrix board (page)", "kind": "board", "purposes": "For information"},
    ),
    _api("/systems/{area_code}/boards", f"{SYSTEM}/boards", LEADS, {"name": "Matrix board (API)"}),
    _page(
        "/boards/{board_id}/settings",
        "/boards/1/settings",
        LEADS,
        {"version": "2", "purposes": "For information", "risk_threshold": "10"},
    ),
    _api(
        "/boards/{board_id}/settings",
        "/boards/1/settings",
        LEADS,
        {"version": 3, "purposes": ["For decision"], "risk_threshold": 12},
    ),
    _page("/boards/{board_id}/members", "/boards/1/members", LEADS, {"name": "Matrix member"}),
    _api("/boards/{board_id}/members", "/boards/1/members", LEADS, {"name": "Matrix member"}),
    _page(
        "/boards/{board_id}/meetings",
        "/boards/1/meetings",
        LEADS,
        _day("held_on", "20", "1", "2027"),
    ),
    _api("/boards/{board_id}/meetings", "/boards/1/meetings", LEADS, {"held_on": "2027-01-20"}),
    # Meeting 2, while its minutes are a draft
    _page("/meetings/{meeting_id}/agenda", "/meetings/2/agenda", LEADS, {"title": "Matrix item"}),
    _api(
        "/meetings/{meeting_id}/agenda",
        "/meetings/2/agenda",
        LEADS,
        {"title": "Matrix item", "plan_id": 1},
    ),
    _page(
        "/meetings/{meeting_id}/attendance", "/meetings/2/attendance", LEADS, {"name": "A member"}
    ),
    _api(
        "/meetings/{meeting_id}/attendance", "/meetings/2/attendance", LEADS, {"name": "A member"}
    ),
    _page(
        "/meetings/{meeting_id}/resolutions", "/meetings/2/resolutions", LEADS, {"text": "noted"}
    ),
    _api("/meetings/{meeting_id}/resolutions", "/meetings/2/resolutions", LEADS, {"text": "noted"}),
    _page("/meetings/{meeting_id}/questions", "/meetings/2/questions", LEADS, {"question": "Why?"}),
    _api("/meetings/{meeting_id}/questions", "/meetings/2/questions", LEADS, {"question": "Why?"}),
    _page("/meetings/{meeting_id}/actions", "/meetings/2/actions", LEADS, {"description": "Do it"}),
    _api("/meetings/{meeting_id}/actions", "/meetings/2/actions", LEADS, {"description": "Do it"}),
    _page(
        "/actions-arising/{action_id}/plan",
        "/actions-arising/2/plan",
        LEADS,
        {"plan_id": "1", "workstream": "G", **_day("due", "30", "6", "2028")},
    ),
    _api(
        "/actions-arising/{action_id}/plan",
        "/actions-arising/3/plan",
        LEADS,
        {"plan_id": 1, "workstream": "G", "due": "2028-06-30"},
    ),
    # Sign-off of agenda item 2 (the delivery board's ratings paper): request 1 asks the
    # contributor, request 2 the system lead; only the person asked answers.
    _read("/agenda-items/{item_id}/sign-off", "/agenda-items/2/sign-off"),
    _read(A + "/agenda-items/{item_id}/sign-off", f"{A}/agenda-items/2/sign-off"),
    Case("GET", "/my-sign-offs", "/my-sign-offs", SIGNED_IN),
    Case("GET", A + "/my-sign-offs", f"{A}/my-sign-offs", SIGNED_IN),
    _page(
        "/agenda-items/{item_id}/sign-off",
        "/agenda-items/2/sign-off",
        LEADS,
        {"email": "board@oxfordshire.demo.joinedup.test", "role": "contributor"},
    ),
    _api(
        "/agenda-items/{item_id}/sign-off",
        "/agenda-items/2/sign-off",
        LEADS,
        {"email": "reviewer@demo.joinedup.test", "role": "approver"},
    ),
    Case(
        "POST",
        "/sign-off-requests/{request_id}/answer",
        "/sign-off-requests/1/answer",
        frozenset({"contributor"}),
        form={"answer": "agreed"},
        hidden_from=SIGNED_IN - {"contributor"},
    ),
    Case(
        "POST",
        A + "/sign-off-requests/{request_id}/answer",
        f"{A}/sign-off-requests/2/answer",
        frozenset({"system_lead"}),
        json={"answer": "agreed"},
        hidden_from=SIGNED_IN - {"system_lead"},
    ),
    _page(
        "/meetings/{meeting_id}/minutes",
        "/meetings/2/minutes",
        LEADS,
        {"version": "2", "minutes": "Met."},
    ),
    _api(
        "/meetings/{meeting_id}/minutes",
        "/meetings/2/minutes",
        LEADS,
        {"version": 3, "minutes": "Met."},
    ),
    # A highlight report prepared for agenda item 2 (it carries no report yet).
    _page(
        "/agenda-items/{item_id}/highlight-report", "/agenda-items/2/highlight-report", LEADS, {}
    ),
    _page("/meetings/{meeting_id}/approve", "/meetings/2/approve", LEADS, {"version": "4"}),
    _api("/meetings/{meeting_id}/approve", "/meetings/2/approve", LEADS, {"version": 5}),
    # Logs
    _page(
        "/systems/{area_code}/oversight",
        f"{SYSTEM}/oversight",
        OVERSIGHT,
        {
            "kind": "call",
            "participants": "A lead – Director",
            "discussed": "Progress",
            **_day("held_on", "15", "1", "2020"),
        },
    ),
    _api(
        "/systems/{area_code}/oversight",
        f"{SYSTEM}/oversight",
        OVERSIGHT,
        {"held_on": "2020-01-15", "participants": ["A lead – Director"], "discussed": "Progress"},
    ),
    _page(
        "/systems/{area_code}/engagement",
        f"{SYSTEM}/engagement",
        LEADS,
        {
            "who": "Carers",
            "how": "Survey",
            "heard": "More notice",
            **_day("held_on", "15", "1", "2020"),
        },
    ),
    _api(
        "/systems/{area_code}/engagement",
        f"{SYSTEM}/engagement",
        LEADS,
        {"held_on": "2020-01-15", "who": "Carers", "how": "Survey", "heard": "More notice"},
    ),
    # Risks
    _page(
        "/plans/{plan_id}/risks",
        "/plans/1/risks",
        LEADS,
        {"title": "A risk", "likelihood": "3", "impact": "4"},
    ),
    _api(
        "/plans/{plan_id}/risks",
        "/plans/1/risks",
        LEADS,
        {"title": "A risk", "likelihood": 3, "impact": 4},
    ),
    _page(
        "/risks/{risk_id}/score",
        "/risks/2/score",
        LEADS,
        {"version": "2", "likelihood": "2", "impact": "4"},
    ),
    _api(
        "/risks/{risk_id}/score",
        "/risks/2/score",
        LEADS,
        {"version": 3, "likelihood": 2, "impact": 3},
    ),
]
