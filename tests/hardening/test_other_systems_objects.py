"""Another system's object ids: the Coventry lead asking for Oxfordshire's plans, actions,
workstreams, reviews, evidence, findings, KPIs and reports gets exactly the answer a missing id
gets (404), on pages and the API, with nothing of the object in it.

The authorisation matrix already checks these routes answer 404 without the word "Oxfordshire";
this adds the stronger check (byte-for-byte the same as a missing id, none of the object's own
text) and an evidence attachment that really exists (the matrix asks for a missing one).
"""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import text

from joinedup.access import service as access
from joinedup.reviews import evidence
from joinedup.store.database import Database
from tests.conftest import COVENTRY, OXFORDSHIRE, demo_email, sign_in

MISSING = 999_999
# (URL of an Oxfordshire object, the same URL for an id that does not exist, SQL of its texts)
OBJECTS = [
    ("/plans/1", f"/plans/{MISSING}", "SELECT title FROM plans WHERE id = 1"),
    (
        "/plans/1/workstreams/A",
        f"/plans/{MISSING}/workstreams/A",
        "SELECT title FROM plan_workstreams WHERE id = 1",
    ),
    ("/plans/1/overdue", f"/plans/{MISSING}/overdue", None),
    ("/plans/1/coverage", f"/plans/{MISSING}/coverage", None),
    ("/plans/1/export.xlsx", f"/plans/{MISSING}/export.xlsx", None),
    ("/actions/1", f"/actions/{MISSING}", "SELECT description FROM plan_actions WHERE id = 1"),
    ("/reviews/2", f"/reviews/{MISSING}", "SELECT title FROM reviews WHERE id = 2"),
    (
        "/reviews/evidence/9/edit",
        f"/reviews/evidence/{MISSING}/edit",
        "SELECT summary FROM evidence_items WHERE id = 9",
    ),
    (
        "/reviews/findings/17/edit",
        f"/reviews/findings/{MISSING}/edit",
        "SELECT text FROM findings WHERE id = 17",
    ),
    (
        f"/systems/{OXFORDSHIRE}/framework/kpis/1",
        f"/systems/{OXFORDSHIRE}/framework/kpis/{MISSING}",
        "SELECT name FROM monitoring_kpis WHERE id = 1",
    ),
    ("/reports/3", f"/reports/{MISSING}", "SELECT title FROM reports WHERE id = 3"),
    ("/reports/3/download.pdf", f"/reports/{MISSING}/download.pdf", None),
    ("/api/v1/plans/1", f"/api/v1/plans/{MISSING}", "SELECT title FROM plans WHERE id = 1"),
    ("/api/v1/plans/1/workstreams/A", f"/api/v1/plans/{MISSING}/workstreams/A", None),
    ("/api/v1/plans/1/slipped", f"/api/v1/plans/{MISSING}/slipped", None),
    ("/api/v1/actions/1", f"/api/v1/actions/{MISSING}", None),
    ("/api/v1/reviews/2", f"/api/v1/reviews/{MISSING}", "SELECT title FROM reviews WHERE id = 2"),
    ("/api/v1/reviews/2/evidence", f"/api/v1/reviews/{MISSING}/evidence", None),
    ("/api/v1/reviews/2/findings", f"/api/v1/reviews/{MISSING}/findings", None),
    ("/api/v1/kpis/1", f"/api/v1/kpis/{MISSING}", None),
    ("/api/v1/reports/3", f"/api/v1/reports/{MISSING}", None),
]
# Changes through the API: refused the same way, and nothing changes.
PATCHES = [
    ("/api/v1/actions/1", f"/api/v1/actions/{MISSING}", {"owner": "Coventry", "version": 1}),
    (
        "/api/v1/evidence/8",
        f"/api/v1/evidence/{MISSING}",
        {
            "version": 1,
            "kind": "interview",
            "gathered_on": "2018-11-27",
            "source": "Coventry",
            "questions": ["well_led"],
            "summary": "Coventry",
        },
    ),
    (
        "/api/v1/findings/17",
        f"/api/v1/findings/{MISSING}",
        {"version": 1, "kind": "area_of_future_focus", "key_question": "well_led", "text": "C"},
    ),
    ("/api/v1/kpis/1", f"/api/v1/kpis/{MISSING}", {"name": "Coventry", "version": 1}),
]
_VOLATILE = re.compile(r'(name="csrf_token" value="|nonce=")[^"]*')


def _normalised(body: str, url: str) -> str:
    return _VOLATILE.sub(r"\1", body).replace(url, "URL")


def _texts(database: Database, sql: str | None) -> list[str]:
    if sql is None:
        return []
    with database.engine.connect() as connection:
        return [str(v) for v in connection.execute(text(sql)).scalars() if v]


def _coventry(client: TestClient, database: Database) -> dict[str, str]:
    email = demo_email("system_lead", COVENTRY)
    with database.session() as session:
        token = access.issue_token(
            session, actor=access.principal_for(access.get_user(session, email)), email=email
        )
    sign_in(client, email)
    return {"Authorization": f"Bearer {token}"}


def test_another_systems_objects_answer_exactly_as_missing_ones(
    client: TestClient, database: Database
) -> None:
    bearer = _coventry(client, database)
    problems = []
    for url, missing, sql in OBJECTS:
        headers = bearer if url.startswith("/api/") else {}
        theirs = client.get(url, headers=headers, follow_redirects=False)
        absent = client.get(missing, headers=headers, follow_redirects=False)
        if theirs.status_code != 404:
            problems.append(f"{url}: {theirs.status_code}, not 404")
            continue
        if _normalised(theirs.text, url) != _normalised(absent.text, missing):
            problems.append(f"{url}: answered differently from a missing id")
        leaked = [t for t in _texts(database, sql) if t in theirs.text]
        if leaked:
            problems.append(f"{url}: shows {leaked}")
    for url, missing, body in PATCHES:
        theirs = client.patch(url, json=body, headers=bearer)
        absent = client.patch(missing, json=body, headers=bearer)
        if theirs.status_code != 404 or theirs.json() != absent.json():
            problems.append(f"PATCH {url}: {theirs.status_code} {theirs.text[:80]}")
    assert problems == [], "\n".join(problems)


def test_another_systems_evidence_file_is_not_found(
    client: TestClient, database: Database, tmp_path: Path
) -> None:
    with database.session() as session:
        admin = access.principal_for(access.get_user(session, demo_email("admin")))
        attachment = evidence.attach_file(
            session,
            actor=admin,
            evidence_id=8,
            filename="board-minutes.pdf",
            content=b"%PDF-1.4\n% Oxfordshire board minutes\n%%EOF\n",
            data_dir=Path(client.app.state.settings.data_dir),  # type: ignore[attr-defined]
            max_bytes=10_000,
        )
        attachment_id = attachment.id
    sign_in(client, demo_email("system_lead", OXFORDSHIRE))
    assert client.get(f"/reviews/attachments/{attachment_id}").status_code == 200
    client.cookies.clear()
    _coventry(client, database)
    theirs = client.get(f"/reviews/attachments/{attachment_id}")
    absent = client.get(f"/reviews/attachments/{MISSING}")
    assert theirs.status_code == absent.status_code == 404
    assert "board-minutes" not in theirs.text
    assert "Oxfordshire board minutes" not in theirs.text


def test_ranking_runs_are_national_and_answer_the_same_whether_they_exist(
    client: TestClient, database: Database
) -> None:
    # Ranking runs compare every area: no system role may open one, existing or not.
    bearer = _coventry(client, database)
    for url in ("/rankings/1", "/api/v1/rankings/1"):
        headers = bearer if url.startswith("/api/") else {}
        theirs = client.get(url, headers=headers, follow_redirects=False)
        absent = client.get(
            url.replace("/1", f"/{MISSING}"), headers=headers, follow_redirects=False
        )
        assert theirs.status_code == absent.status_code == 403
        assert "Interface dashboard" not in theirs.text
