"""People and a review to work on, made through the services."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from joinedup.access.rules import Grant, Principal, Role
from joinedup.reviews import service
from joinedup.reviews.models import Review
from joinedup.reviews.schemas import ProgrammeIn, ReviewIn
from tests.conftest import COVENTRY, OXFORDSHIRE

REVIEWER = Principal(None, "reviewer@test", "Reviewer", (Grant(Role.REVIEWER),))
ANALYST = Principal(None, "analyst@test", "Analyst", (Grant(Role.ANALYST),))
OXFORD_LEAD = Principal(None, "lead@ox.test", "Lead", (Grant(Role.SYSTEM_LEAD, OXFORDSHIRE),))
COVENTRY_LEAD = Principal(None, "lead@cov.test", "Lead", (Grant(Role.SYSTEM_LEAD, COVENTRY),))
LSR = "local-system-review-2017"
CQC = "cqc-local-authority-assessment"


def make_review(
    session: Session, *, framework_key: str = LSR, area_code: str = OXFORDSHIRE, name: str = "P"
) -> Review:
    service.ensure_frameworks(session)
    programme = service.create_programme(
        session, actor=REVIEWER, data=ProgrammeIn(name=name, framework_key=framework_key)
    )
    return service.create_review(
        session,
        actor=REVIEWER,
        data=ReviewIn(
            programme_id=programme.id,
            area_code=area_code,
            kind="full",
            start=date(2017, 12, 4),
        ),
    )


@pytest.fixture
def review(session: Session) -> Review:
    return make_review(session)
