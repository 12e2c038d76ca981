"""The evaluation framework records when, and by which board, it was agreed; the paper's
background tells it with the system's other dates; and the paper's assurance column says what
the framework's page says."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from joinedup import clock
from joinedup.access import service as access
from joinedup.errors import StaleEdit
from joinedup.monitoring import service as monitoring
from joinedup.monitoring.schemas import FrameworkAgreedIn
from joinedup.reports.document import Paragraph, Table, walk
from joinedup.reports.highlight import build_highlight
from joinedup.store.database import Database
from joinedup.timeline import Timeline
from tests.conftest import OXFORDSHIRE, csrf_from, demo_email, sign_in
from tests.reports.test_workflow import person


def _framework_line(session: Session, as_of: date) -> str:
    lead = person(session, "system_lead", OXFORDSHIRE)
    document = build_highlight(session, actor=lead, area_code=OXFORDSHIRE, as_of=as_of)
    background = next(s for s in document.sections if s.heading == "1. Background")
    return next(
        b.text
        for b in background.blocks
        if isinstance(b, Paragraph) and b.text.startswith("Progress is measured against")
    )


def test_the_demo_framework_was_agreed_at_the_boards_november_meeting(session: Session) -> None:
    agreed = Timeline.as_at(clock.today()).move(date(2018, 11, 15))
    line = _framework_line(session, clock.today())
    assert line == (
        "Progress is measured against the Oxfordshire evaluation framework, the system's "
        "Evaluation Framework, agreed by the Oxfordshire Health and Wellbeing Board on "
        f"{agreed.day} {agreed:%B %Y}."
    )


def test_the_lead_records_the_agreement_and_the_paper_tells_it(session: Session) -> None:
    lead = person(session, "system_lead", OXFORDSHIRE)
    view = monitoring.framework_view(
        session, actor=lead, area_code=OXFORDSHIRE, as_of=clock.today()
    )
    monitoring.record_agreement(
        session,
        actor=lead,
        area_code=OXFORDSHIRE,
        change=FrameworkAgreedIn(
            version=view.version, agreed_on=date(2019, 1, 17), agreed_by="Joint Commissioning Board"
        ),
    )
    assert "agreed by the Joint Commissioning Board on 17 January 2019" in _framework_line(
        session, clock.today()
    )
    # A paper as at a day before the agreement does not tell it.
    assert "agreed" not in _framework_line(session, date(2019, 1, 16))
    with pytest.raises(StaleEdit):
        monitoring.record_agreement(
            session,
            actor=lead,
            area_code=OXFORDSHIRE,
            change=FrameworkAgreedIn(version=view.version, agreed_on=None, agreed_by=""),
        )


def test_the_papers_assurance_says_what_the_page_says(session: Session) -> None:
    lead = person(session, "system_lead", OXFORDSHIRE)
    view = monitoring.values_as_at(session, actor=lead, area_code=OXFORDSHIRE, on=clock.today())
    words = {kpi.code: kpi.assurance_words for kpi in view.kpis}
    document = build_highlight(session, actor=lead, area_code=OXFORDSHIRE, as_of=clock.today())
    rows = {
        row[0].text: row[-1].text
        for _, section in walk(document.sections)
        for block in section.blocks
        if isinstance(block, Table) and block.caption.startswith("Part ")
        for row in block.rows
    }
    # 2a's target is for rolling 12 months, its chart monthly: no assurance, and why.
    assert words["2a"].startswith("No assurance: the target applies to")
    assert rows["2a"] == words["2a"]
    assert "No target" not in rows.values()


def test_the_lead_records_the_agreement_on_the_web(client: TestClient, database: Database) -> None:
    sign_in(client, demo_email("system_lead", OXFORDSHIRE))
    framework = client.get(f"/systems/{OXFORDSHIRE}/framework")
    assert "Agreed by the Oxfordshire Health and Wellbeing Board on" in framework.text
    page = client.get(f"/systems/{OXFORDSHIRE}/framework/agreed")
    assert page.status_code == 200
    assert 'name="agreed_on-day"' in page.text
    version = page.text.split('name="version" value="', 1)[1].split('"', 1)[0]
    refused = client.post(
        f"/systems/{OXFORDSHIRE}/framework/agreed",
        data={
            "csrf_token": csrf_from(page.text),
            "version": version,
            "agreed_on-day": "31",
            "agreed_on-month": "2",
            "agreed_on-year": "2019",
            "agreed_by": "Health Scrutiny",
        },
    )
    assert refused.status_code == 400
    assert "There is a problem" in refused.text
    assert 'value="Health Scrutiny"' in refused.text
    saved = client.post(
        f"/systems/{OXFORDSHIRE}/framework/agreed",
        data={
            "csrf_token": csrf_from(page.text),
            "version": version,
            "agreed_on-day": "17",
            "agreed_on-month": "1",
            "agreed_on-year": "2019",
            "agreed_by": "Joint Commissioning Board",
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303
    shown = client.get(f"/systems/{OXFORDSHIRE}/framework").text
    assert "Agreed by the Joint Commissioning Board on 17 January 2019." in shown
    sign_in(client, demo_email("viewer", OXFORDSHIRE))
    assert client.get(f"/systems/{OXFORDSHIRE}/framework/agreed").status_code == 403


def test_the_api_records_the_agreement(client: TestClient, database: Database) -> None:
    email = demo_email("system_lead", OXFORDSHIRE)
    with database.session() as session:
        lead = access.principal_for(access.get_user(session, email))
        client.headers["authorization"] = (
            f"Bearer {access.issue_token(session, actor=lead, email=email)}"
        )
    before = client.get(f"/api/v1/systems/{OXFORDSHIRE}/framework").json()
    assert before["agreed_by"] == "Oxfordshire Health and Wellbeing Board"
    body = {"version": before["version"], "agreed_on": "2019-01-17", "agreed_by": "Joint Board"}
    saved = client.put(f"/api/v1/systems/{OXFORDSHIRE}/framework/agreed", json=body)
    assert saved.status_code == 200
    assert (saved.json()["agreed_on"], saved.json()["agreed_by"]) == ("2019-01-17", "Joint Board")
    again = client.put(f"/api/v1/systems/{OXFORDSHIRE}/framework/agreed", json=body)
    assert again.status_code == 409
    future = {**body, "version": saved.json()["version"], "agreed_on": "2999-01-01"}
    refused = client.put(f"/api/v1/systems/{OXFORDSHIRE}/framework/agreed", json=future)
    assert refused.status_code in (400, 422)
    assert "agreed_on" in refused.text
