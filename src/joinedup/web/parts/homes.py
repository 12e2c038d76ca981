"""What each person's home page shows, read through each capability's door.

National roles: programme progress, overdue milestones across reviews, the latest ranking and
the data it used, reviews to start. System roles: for each of their systems, the plan's RAG
ratings and their change since the last paper, overdue and slipped actions, the next meeting and
its papers, drafts awaiting approval, findings no action covers, KPIs of concern, and the
system's reviews. Contributors: their open actions by due date."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from joinedup.access.rules import Permission, Principal, Role
from joinedup.areas import service as areas
from joinedup.errors import NotFound
from joinedup.governance import service as governance
from joinedup.monitoring import service as monitoring
from joinedup.periods import long_date
from joinedup.plans import service as plans
from joinedup.ranking import service as ranking
from joinedup.reports import service as reports
from joinedup.reports.schemas import ReportState
from joinedup.reviews import service as reviews
from joinedup.web.parts.people import role_name

RATINGS = ("red", "amber", "green")
CONCERN = frozenset({monitoring.Variation.CONCERN_HIGH, monitoring.Variation.CONCERN_LOW})


@dataclass(frozen=True)
class Link:
    text: str
    href: str
    detail: str = ""


@dataclass
class SystemHome:
    name: str
    href: str
    role: str
    plan: Link | None = None
    rag: list[dict[str, Any]] = field(default_factory=list)
    last_paper: Link | None = None
    overdue: list[plans.ActionRow] = field(default_factory=list)
    slipped: list[plans.ActionRow] = field(default_factory=list)
    next_meeting: Link | None = None
    papers: tuple[str, ...] = ()
    drafts: list[Link] = field(default_factory=list)
    uncovered: list[Link] = field(default_factory=list)
    kpis: list[Link] = field(default_factory=list)
    reviews: list[Link] = field(default_factory=list)


def _rag_counts(overview: plans.PlanOverview) -> Counter[str]:
    return Counter(s.rag.rating for s in overview.workstreams if s.rag is not None)


def _plan_parts(
    session: Session, principal: Principal, code: str, home: SystemHome, today: date
) -> None:
    try:
        plan = plans.current_plan(session, actor=principal, area_code=code)
    except NotFound:
        return
    home.plan = Link(plan.title, f"/plans/{plan.id}")
    now = _rag_counts(plans.plan_overview(session, actor=principal, plan_id=plan.id, on=today))
    papers = [
        r
        for r in reports.list_reports(session, actor=principal, area_code=code)
        if r.kind == "highlight" and r.state != ReportState.DRAFT.value and r.as_of < today
    ]
    before: Counter[str] | None = None
    if papers:
        last = max(papers, key=lambda r: r.as_of)
        home.last_paper = Link(last.title, f"/reports/{last.id}", long_date(last.as_of))
        before = _rag_counts(
            plans.plan_overview(session, actor=principal, plan_id=plan.id, on=last.as_of)
        )
    for rating in RATINGS:
        change = None if before is None else now[rating] - before[rating]
        home.rag.append({"rating": rating, "count": now[rating], "change": change})
    home.overdue = plans.overdue_actions(session, actor=principal, plan_id=plan.id, on=today)
    home.slipped = plans.slipped_actions(session, actor=principal, plan_id=plan.id, on=today)
    coverage = plans.coverage(session, actor=principal, plan_id=plan.id)
    home.uncovered = [
        Link(f.text, f"/plans/{plan.id}/coverage", f.kind.replace("_", " "))
        for f in coverage.uncovered
    ]


def _kpis(session: Session, principal: Principal, code: str, today: date) -> list[Link]:
    try:
        view = monitoring.framework_view(session, actor=principal, area_code=code, as_of=today)
    except NotFound:
        return []
    found = []
    for kpi in view.kpis:
        why = []
        if kpi.spc is not None and kpi.spc.variation in CONCERN:
            why.append("special-cause concern")
        if kpi.met is False:
            why.append("not meeting its target")
        if why:
            found.append(
                Link(kpi.name, f"/systems/{code}/framework/kpis/{kpi.id}", " and ".join(why))
            )
    return found


def system_reviews(session: Session, principal: Principal, code: str) -> list[Link]:
    """The system's reviews and follow-ups, newest first, with their state in words."""
    found = reviews.list_reviews(session, actor=principal, area_code=code)
    return [
        Link(
            r.title,
            f"/reviews/{r.id}",
            ("follow-up review, " if r.follow_up_of_id else "") + r.status.replace("_", " "),
        )
        for r in sorted(found, key=lambda r: r.id, reverse=True)
    ]


def system_home(session: Session, principal: Principal, code: str, today: date) -> SystemHome:
    system = areas.get_system(session, actor=principal, area_code=code)
    role = principal.role_in(code)
    home = SystemHome(
        name=system.name,
        href=f"/systems/{code}",
        role=role_name(role) if role else "",
    )
    _plan_parts(session, principal, code, home, today)
    coming = governance.forward_plan(session, actor=principal, area_code=code)
    if coming:
        meeting = coming[0]
        home.next_meeting = Link(
            meeting.board_name, f"/meetings/{meeting.id}", long_date(meeting.held_on)
        )
        home.papers = meeting.papers
    papers = reports.list_reports(session, actor=principal, area_code=code)
    home.drafts = [
        Link(r.title, f"/reports/{r.id}", long_date(r.as_of))
        for r in papers
        if r.state == ReportState.DRAFT.value
    ]
    home.kpis = _kpis(session, principal, code, today)
    home.reviews = system_reviews(session, principal, code)
    return home


@dataclass
class NationalHome:
    programmes: list[Link] = field(default_factory=list)
    overdue: list[Link] = field(default_factory=list)
    to_start: list[Link] = field(default_factory=list)
    ranking: Link | None = None
    ranking_data: list[str] = field(default_factory=list)


def review_label(system: str, title: str) -> str:
    """A review named with its system once: most titles already begin with the system's name."""
    if not system or title.casefold().startswith(system.casefold()):
        return title
    return f"{system}: {title}"


def national_home(session: Session, principal: Principal, today: date) -> NationalHome:
    home = NationalHome()
    for row in reviews.programme_rows(session, actor=principal, today=today):
        overdue = f", {row.overdue} with overdue milestones" if row.overdue else ""
        home.programmes.append(
            Link(
                row.name,
                f"/reviews/programmes/{row.id}",
                f"{row.reviews} review{'s' if row.reviews != 1 else ''}{overdue}",
            )
        )
    names = {s.area_code: s.name for s in areas.all_systems(session)}
    for review in reviews.list_reviews(session, actor=principal):
        late = reviews.overdue_labels(review, today=today)
        label = review_label(names.get(review.area_code, ""), review.title)
        if late:
            home.overdue.append(Link(label, f"/reviews/{review.id}", ", ".join(late)))
        if review.status == "planned":
            home.to_start.append(Link(label, f"/reviews/{review.id}"))
    if principal.can(Permission.VIEW_NATIONAL):
        runs = ranking.list_runs(session, actor=principal)
        if runs:
            run = runs[0]
            home.ranking = Link(run.name, f"/rankings/{run.id}", long_date(run.ran_at.date()))
            home.ranking_data = [
                f"{run.areas_ranked} areas ranked",
                f"{run.months}-month period starting {long_date(run.period_start)}",
                f"{len(run.indicators)} indicators",
            ]
    return home


def has_actions(principal: Principal) -> bool:
    """Whether the person can be given actions: a system lead or contributor somewhere."""
    return any(g.role in (Role.SYSTEM_LEAD, Role.CONTRIBUTOR) for g in principal.grants)
