"""What falls due for one person, read through the other capabilities' doors: their open actions
due soon or overdue, milestones of the reviews whose team they are on, papers waiting for their
sign-off, and the paper deadlines of their systems' board meetings.

Meetings come from the system's boards (governance) and from the board papers' meeting dates, in
one place (`meetings_of`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from joinedup.access.rules import Principal, Role
from joinedup.governance import service as governance
from joinedup.periods import long_date
from joinedup.plans import service as plans
from joinedup.reminders.schemas import DueItem, ReminderKind
from joinedup.reports import service as reports
from joinedup.reviews import service as reviews

DIGEST_ROLES = frozenset({Role.SYSTEM_LEAD, Role.CONTRIBUTOR})


@dataclass(frozen=True)
class Meeting:
    area_code: str
    held_on: date
    papers: tuple[str, ...]  # the titles of the papers going to it
    name: str = "Board meeting"  # the board's name, when the board is known


@dataclass(frozen=True)
class MilestoneDue:
    id: int
    review_id: int
    review_title: str
    label: str
    day: date  # when it was done, or else when it is planned
    done: bool
    area_code: str


def _same_person(principal: Principal, name: str) -> bool:
    return bool(name.strip()) and name.strip().casefold() == principal.name.strip().casefold()


def action_items(session: Session, principal: Principal, today: date, days: int) -> list[DueItem]:
    items = []
    for row in plans.my_actions(session, actor=principal, on=today):
        if row.forecast_due > today + timedelta(days=days):
            continue
        kind = ReminderKind.ACTION_OVERDUE if row.forecast_due < today else ReminderKind.ACTION_DUE
        items.append(
            DueItem(
                kind=kind,
                key=f"action:{row.id}:{row.forecast_due.isoformat()}",
                title=f"{row.reference} {row.description}",
                due=row.forecast_due,
                path=f"/actions/{row.id}",
                detail=row.workstream_title,
            )
        )
    return items


def milestones_of(session: Session, principal: Principal) -> list[MilestoneDue]:
    """The dated milestones of the reviews the person may read and either works in the system of
    or is named in the team of."""
    found = []
    for review in reviews.list_reviews(session, actor=principal):
        on_team = any(_same_person(principal, m.get("name", "")) for m in review.team or [])
        if not (on_team or review.area_code in principal.system_codes):
            continue
        for milestone in review.milestones:
            day = milestone.actual_date or milestone.planned_date
            if day is None:
                continue
            found.append(
                MilestoneDue(
                    id=milestone.id,
                    review_id=review.id,
                    review_title=review.title,
                    label=milestone.label,
                    day=day,
                    done=milestone.actual_date is not None,
                    area_code=review.area_code,
                )
            )
    return found


def milestone_items(
    session: Session, principal: Principal, today: date, days: int
) -> list[DueItem]:
    """Milestones due soon or overdue, to the review's team."""
    items = []
    for review in reviews.list_reviews(session, actor=principal):
        if not any(_same_person(principal, m.get("name", "")) for m in review.team or []):
            continue
        for milestone in review.milestones:
            planned = milestone.planned_date
            if planned is None or milestone.actual_date is not None:
                continue
            if planned > today + timedelta(days=days):
                continue
            items.append(
                DueItem(
                    kind=ReminderKind.MILESTONE,
                    key=f"milestone:{milestone.id}:{planned.isoformat()}",
                    title=f"{review.title}: {milestone.label}",
                    due=planned,
                    path=f"/reviews/{review.id}",
                )
            )
    return items


def sign_off_items(session: Session, principal: Principal) -> list[DueItem]:
    """Draft papers sent to the person for sign-off and not yet answered."""
    items = []
    for area_code in sorted(principal.system_codes):
        for report in reports.list_reports(session, actor=principal, area_code=area_code):
            if report.state != "draft":
                continue
            for entry in reports.sign_offs_of(session, actor=principal, report_id=report.id):
                if entry.sent_on is None or entry.received_on is not None:
                    continue
                if not _same_person(principal, entry.name):
                    continue
                items.append(
                    DueItem(
                        kind=ReminderKind.SIGN_OFF,
                        key=f"sign_off:{entry.id}:{entry.sent_on.isoformat()}",
                        title=report.title,
                        due=report.meeting_date or entry.sent_on,
                        path=f"/reports/{report.id}",
                        detail=f"Sent to you on {long_date(entry.sent_on)}",
                    )
                )
    return items


def meetings_of(session: Session, principal: Principal, area_code: str) -> list[Meeting]:
    """A system's board meetings: those its boards hold (governance), and the meeting dates of
    its board papers, one meeting a day with the papers of both."""
    papers: dict[date, set[str]] = {}
    names: dict[date, str] = {}
    for board in governance.boards_of(session, actor=principal, area_code=area_code):
        for held in governance.board_meetings(session, actor=principal, board_id=board.id):
            papers.setdefault(held.held_on, set()).update(held.papers)
            names.setdefault(held.held_on, held.board_name)
    for report in reports.list_reports(session, actor=principal, area_code=area_code):
        if report.meeting_date is not None:
            papers.setdefault(report.meeting_date, set()).add(report.title)
    return [
        Meeting(area_code, day, tuple(sorted(papers[day])), names.get(day, "Board meeting"))
        for day in sorted(papers)
    ]


def meeting_items(
    session: Session, principal: Principal, today: date, days: int, deadline_days: int
) -> list[DueItem]:
    """A digest to the system's lead and contributors in the days before a meeting's paper
    deadline: the meeting, the deadline and the papers going to it."""
    items = []
    for grant in principal.grants:
        if grant.area_code is None or grant.role not in DIGEST_ROLES:
            continue
        for meeting in meetings_of(session, principal, grant.area_code):
            deadline = meeting.held_on - timedelta(days=deadline_days)
            if not deadline - timedelta(days=days) <= today <= deadline:
                continue
            items.append(
                DueItem(
                    kind=ReminderKind.MEETING,
                    key=f"meeting:{grant.area_code}:{meeting.held_on.isoformat()}",
                    title=f"{meeting.name} on {long_date(meeting.held_on)}: papers due",
                    due=deadline,
                    path=f"/systems/{grant.area_code}/reports",
                    detail="; ".join(meeting.papers),
                )
            )
    return items


def due_for(
    session: Session, principal: Principal, *, today: date, days: int, deadline_days: int
) -> list[DueItem]:
    """Everything to remind the person of today, soonest first."""
    items = [
        *action_items(session, principal, today, days),
        *milestone_items(session, principal, today, days),
        *sign_off_items(session, principal),
        *meeting_items(session, principal, today, days, deadline_days),
    ]
    return sorted(items, key=lambda item: (item.due, item.kind.value, item.key))
