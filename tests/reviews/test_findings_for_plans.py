"""What plans reads from reviews: the findings a system must act on, and one finding."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from joinedup.access.rules import Grant, Principal, Role
from joinedup.errors import NotFound
from joinedup.reviews import service
from joinedup.reviews.models import Finding, Framework, Programme, Review
from tests.conftest import COVENTRY, OXFORDSHIRE

OXFORD_LEAD = Principal(1, "lead@ox", "Lead", (Grant(Role.SYSTEM_LEAD, OXFORDSHIRE),))
COVENTRY_LEAD = Principal(2, "lead@cov", "Lead", (Grant(Role.SYSTEM_LEAD, COVENTRY),))
REVIEWER = Principal(3, "rev@x", "Reviewer", (Grant(Role.REVIEWER),))


def _review_with_findings(session: Session) -> list[Finding]:
    session.add(Framework(key="f", name="F", definition={}))
    programme = Programme(name="P", framework_key="f")
    review = Review(programme=programme, area_code=OXFORDSHIRE, kind="full", title="Oxfordshire")
    findings = [
        Finding(review=review, kind="working_well", key_question="caring", theme="t", text="a"),
        Finding(
            review=review, kind="area_for_improvement", key_question="safe", theme="t", text="b"
        ),
        Finding(
            review=review, kind="area_of_future_focus", key_question="well_led", theme="t", text="c"
        ),
    ]
    session.add_all([programme, review, *findings])
    session.flush()
    return findings


def test_the_system_and_national_users_see_what_needs_action(session: Session) -> None:
    made = _review_with_findings(session)
    ours = {f.id for f in made}
    for actor in (OXFORD_LEAD, REVIEWER):
        found = service.findings_needing_action(session, actor=actor, area_code=OXFORDSHIRE)
        assert [f.text for f in found if f.id in ours] == ["b", "c"]
        assert {f.kind for f in found} == {"area_for_improvement", "area_of_future_focus"}
    assert service.get_finding(session, actor=OXFORD_LEAD, finding_id=made[1].id) is made[1]
    in_coventry = service.findings_needing_action(session, actor=OXFORD_LEAD, area_code=COVENTRY)
    assert {f.review.area_code for f in in_coventry} <= {COVENTRY}


def test_another_system_does_not_see_unpublished_findings(session: Session) -> None:
    made = _review_with_findings(session)
    found = service.findings_needing_action(session, actor=COVENTRY_LEAD, area_code=OXFORDSHIRE)
    assert not {f.id for f in made} & {f.id for f in found}
    assert all(f.review.report_state == "published" for f in found)
    with pytest.raises(NotFound):
        service.get_finding(session, actor=COVENTRY_LEAD, finding_id=made[1].id)
    with pytest.raises(NotFound):
        service.get_finding(session, actor=REVIEWER, finding_id=999_999)
