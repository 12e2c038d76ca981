"""What the programme pages read: frozen views built with a fixed number of queries, whatever
the number of reviews and milestones."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from joinedup.access.rules import Principal
from joinedup.areas import service as areas
from joinedup.reviews.frameworks import Framework as FrameworkDefinition
from joinedup.reviews.lookup import framework, get_programme, list_reviews
from joinedup.reviews.presenting import milestone_out, overdue
from joinedup.reviews.programmes import list_frameworks, list_programmes
from joinedup.reviews.rules import WITHDRAWN
from joinedup.reviews.schemas import MilestoneOut


@dataclass(frozen=True)
class ProgrammeRow:
    id: int
    name: str
    framework: str
    reviews: int  # that the reader can see
    overdue: int  # of those, how many have overdue milestones


@dataclass(frozen=True)
class ReviewRow:
    id: int
    title: str
    area_code: str
    system: str
    kind: str
    status: str
    report_state: str
    next: MilestoneOut | None  # the first milestone not done
    overdue: tuple[MilestoneOut, ...]


@dataclass(frozen=True)
class CalendarEntry:
    date: date
    review_id: int
    system: str
    milestone: MilestoneOut


@dataclass(frozen=True)
class CalendarMonth:
    month: date
    entries: tuple[CalendarEntry, ...]


@dataclass(frozen=True)
class ProgrammePage:
    id: int
    name: str
    description: str
    framework: FrameworkDefinition
    reviews: tuple[ReviewRow, ...]
    calendar: tuple[CalendarMonth, ...]
    version: int


def programme_rows(session: Session, *, actor: Principal | None, today: date) -> list[ProgrammeRow]:
    """Every programme with how many of its reviews the reader sees, and how many are late."""
    names = {f.key: f.name for f in list_frameworks(session)}
    reviews = list_reviews(session, actor=actor)
    return [
        ProgrammeRow(
            id=p.id,
            name=p.name,
            framework=names.get(p.framework_key, p.framework_key),
            reviews=sum(1 for r in reviews if r.programme_id == p.id),
            overdue=sum(1 for r in reviews if r.programme_id == p.id and overdue(r, today)),
        )
        for p in list_programmes(session)
    ]


def programme_page(
    session: Session, *, actor: Principal | None, programme_id: int, today: date
) -> ProgrammePage:
    """One programme: its reviews with their next or overdue milestones, and its calendar."""
    programme = get_programme(session, programme_id)
    reviews = list_reviews(session, actor=actor, programme_id=programme_id)
    names = {s.area_code: s.name for s in areas.all_systems(session)}
    rows = []
    months: dict[date, list[CalendarEntry]] = defaultdict(list)
    for review in reviews:
        shown = [milestone_out(m, today) for m in review.milestones]
        system = names.get(review.area_code, review.area_code)
        upcoming = [m for m in shown if m.state != "done"]
        rows.append(
            ReviewRow(
                id=review.id,
                title=review.title,
                area_code=review.area_code,
                system=system,
                kind=review.kind,
                status=review.status,
                report_state=review.report_state,
                next=upcoming[0] if upcoming else None,
                overdue=tuple(overdue(review, today)),
            )
        )
        for milestone in [] if review.status == WITHDRAWN else shown:  # started in error
            when = milestone.actual_date or milestone.planned_date
            if when is not None:
                months[when.replace(day=1)].append(
                    CalendarEntry(when, review.id, system, milestone)
                )
    calendar = tuple(
        CalendarMonth(month, tuple(sorted(entries, key=lambda e: (e.date, e.system))))
        for month, entries in sorted(months.items())
    )
    return ProgrammePage(
        id=programme.id,
        name=programme.name,
        description=programme.description,
        framework=framework(session, programme.framework_key),
        reviews=tuple(rows),
        calendar=calendar,
        version=programme.version,
    )
