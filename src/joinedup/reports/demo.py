"""Oxfordshire's board papers: a highlight report approved and published with its sign-off
table, a draft of the next one, and a draft review report awaiting approval."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.orm import Session

from joinedup.access.rules import OPERATOR
from joinedup.plans import service as plans
from joinedup.reports import service
from joinedup.reports.models import Report
from joinedup.reports.schemas import (
    ApproveIn,
    CoverIn,
    GenerateIn,
    PublishIn,
    ReportKind,
    SignOffIn,
)
from joinedup.timeline import Timeline

OXFORDSHIRE = "E10000025"
OXFORDSHIRE_REVIEW = 1

# (role, name, title, organisation, days before the meeting sent, days before answered)
SIGN_OFF = (
    ("contributor", "Lara Knight", "Governance Services Officer", "County Council", 28, 23),
    ("contributor", "Jon Reading", "Head of Commissioning and Provision", "County Council", 28, 21),
    ("approver", "Ewan Dewar", "Finance Manager", "County Council", 27, 26),
    ("approver", "Gail Quinton", "Director of Adult Services", "County Council", 21, 16),
    ("approver", "Councillor F Abbott", "Cabinet Member for Adult Services", "", 20, 17),
)
DRAFT_SIGN_OFF = (
    ("contributor", "Lara Knight", "Governance Services Officer", "County Council", 10, None),
    ("approver", "Gail Quinton", "Director of Adult Services", "County Council", None, None),
)


@dataclass(frozen=True)
class DemoReports:
    published: Report
    draft: Report
    review: Report


def _sign_off(
    session: Session,
    report: Report,
    rows: tuple[tuple[str, str, str, str, int | None, int | None], ...],
) -> None:
    meeting = report.meeting_date or report.as_of
    for role, name, title, organisation, sent, received in rows:
        row = SignOffIn.model_validate(
            {
                "version": report.version,
                "role": role,
                "name": name,
                "title": title,
                "organisation": organisation,
                "sent_on": meeting - timedelta(days=sent) if sent is not None else None,
                "received_on": meeting - timedelta(days=received) if received is not None else None,
            }
        )
        service.add_sign_off(session, actor=OPERATOR, report_id=report.id, data=row)


def build(session: Session, timeline: Timeline) -> DemoReports:
    plan = plans.current_plan(session, actor=OPERATOR, area_code=OXFORDSHIRE)
    dates = sorted(plans.reporting_dates(session, actor=OPERATOR, plan_id=plan.id))
    last, latest = dates[-2], dates[-1]
    published = service.generate(
        session,
        actor=OPERATOR,
        data=GenerateIn(area_code=OXFORDSHIRE, as_of=last, meeting_date=last + timedelta(days=14)),
    )
    cover = CoverIn(
        version=published.version,
        authors="Integrated System Delivery Board – System Leaders",
        presenters="Director of Adult Services & Director of Quality, Clinical Commissioning Group",
        summary="This paper describes progress against each workstream in the improvement plan "
        "and updated performance against the Evaluation Framework agreed by the Board.",
        purpose="information",
        meeting_date=last + timedelta(days=14),
    )
    service.update_cover(session, actor=OPERATOR, report_id=published.id, data=cover)
    _sign_off(session, published, SIGN_OFF)
    approval = ApproveIn(version=published.version)
    service.approve(session, actor=OPERATOR, report_id=published.id, data=approval)
    publication = PublishIn(version=published.version)
    service.publish(session, actor=OPERATOR, report_id=published.id, data=publication)
    draft = service.generate(
        session,
        actor=OPERATOR,
        data=GenerateIn(
            area_code=OXFORDSHIRE, as_of=latest, meeting_date=latest + timedelta(days=14)
        ),
    )
    _sign_off(session, draft, DRAFT_SIGN_OFF)
    review = service.generate(
        session,
        actor=OPERATOR,
        data=GenerateIn(
            area_code=OXFORDSHIRE,
            kind=ReportKind.REVIEW,
            review_id=OXFORDSHIRE_REVIEW,
            as_of=latest,
        ),
    )
    session.flush()
    return DemoReports(published=published, draft=draft, review=review)
