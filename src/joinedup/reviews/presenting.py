"""Reviews as the web pages and the API show them: milestone states on a given day."""

from __future__ import annotations

from datetime import date

from joinedup.reviews.models import Finding, Milestone, Review
from joinedup.reviews.rules import CLOSED_STATUSES, milestone_state
from joinedup.reviews.schemas import FindingOut, MilestoneOut, ReviewOut, TeamMember


def milestone_out(milestone: Milestone, today: date) -> MilestoneOut:
    state = milestone_state(
        milestone.planned_date,
        milestone.actual_date,
        today,
        closed=milestone.review.status in CLOSED_STATUSES,
    )
    return MilestoneOut(
        key=milestone.key,
        label=milestone.label,
        planned_date=milestone.planned_date,
        actual_date=milestone.actual_date,
        state=state.state,
        days=state.days,
        version=milestone.version,
    )


def overdue(review: Review, today: date) -> list[MilestoneOut]:
    """Milestones past their planned date and not done (none once the review is complete or
    withdrawn)."""
    if review.status in CLOSED_STATUSES:
        return []
    return [m for m in (milestone_out(x, today) for x in review.milestones) if m.state == "overdue"]


def review_out(review: Review, today: date) -> ReviewOut:
    return ReviewOut(
        id=review.id,
        programme_id=review.programme_id,
        area_code=review.area_code,
        title=review.title,
        kind=review.kind,
        status=review.status,
        team=[TeamMember(**member) for member in review.team],
        follow_up_of_id=review.follow_up_of_id,
        ranking_run_id=review.ranking_run_id,
        report_state=review.report_state,
        report_summary=review.report_summary,
        withdrawn_reason=review.withdrawn_reason,
        overdue=[m.key for m in overdue(review, today)],
        milestones=[milestone_out(m, today) for m in review.milestones],
        version=review.version,
    )


def finding_out(finding: Finding) -> FindingOut:
    return FindingOut(
        id=finding.id,
        review_id=finding.review_id,
        kind=finding.kind,
        key_question=finding.key_question,
        theme=finding.theme,
        national_theme=finding.national_theme,
        text=finding.text,
        evidence_ids=[e.id for e in finding.evidence],
        version=finding.version,
    )
