"""The report builders read with a constant number of SQL statements, whatever the size of what
they report on: a plan of 15 workstreams and a framework of 13 KPIs cost what 3 and 4 cost, and
a review with many findings what one with a few costs."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from joinedup.access.rules import OPERATOR
from joinedup.monitoring.models import Framework, FrameworkPart, Kpi, KpiValue
from joinedup.plans.models import Action, Plan, RagAssessment, Workstream
from joinedup.reports.highlight import build_highlight
from joinedup.reports.review import build_review
from joinedup.reviews.models import Finding
from joinedup.store.database import Database
from tests.conftest import COVENTRY
from tests.statements import counting

LAST, LATEST = date(2019, 3, 31), date(2019, 5, 31)
CODES = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _month(n: int) -> date:
    return date(2017 + n // 12, n % 12 + 1, 1)


def _grow_plan(session: Session, plan: Plan, to: int) -> None:
    """Workstreams up to ``to``, each with two actions and a rating on both reporting dates."""
    have = session.query(Workstream).filter_by(plan_id=plan.id).count()
    for i in range(have, to):
        code = CODES[i]
        workstream = Workstream(plan_id=plan.id, code=code, title=f"Workstream {code}")
        session.add(workstream)
        session.flush()
        for number in (1, 2):
            session.add(
                Action(
                    workstream_id=workstream.id,
                    number=number,
                    description=f"Action {code}.{number}",
                    baseline_due=LATEST,
                    forecast_due=LATEST,
                    updated_on=LAST,
                )
            )
        for day, rating in ((LAST, "green"), (LATEST, "amber")):
            session.add(
                RagAssessment(
                    workstream_id=workstream.id,
                    reported_on=day,
                    rating=rating,
                    rationale=f"{code} on {day}",
                    mitigation="A mitigation",
                    suggested=rating,
                    triggers=[],
                    actor="lead@example.org",
                )
            )


def _grow_framework(session: Session, part: FrameworkPart, to: int) -> None:
    """Local KPIs up to ``to``, each with 24 monthly values."""
    have = session.query(Kpi).filter_by(part_id=part.id).count()
    for i in range(have, to):
        kpi = Kpi(
            framework_id=part.framework_id,
            part_id=part.id,
            code=f"1{CODES[i].lower()}",
            position=i,
            name=f"Measure {i}",
            unit="people",
            polarity="lower_is_better",
            target_text="100 or fewer",
            target_comparator="at_most",
            target_value=100.0,
        )
        session.add(kpi)
        session.flush()
        for n in range(24):
            session.add(
                KpiValue(
                    kpi_id=kpi.id,
                    period=_month(n),
                    value=90.0 + (n * 7) % 20,
                    version=1,
                    actor="lead@example.org",
                )
            )


def _highlight_statements(database: Database) -> int:
    with database.session() as session, counting(database.engine) as seen:
        build_highlight(session, actor=OPERATOR, area_code=COVENTRY, as_of=LATEST)
    return seen.count


def test_the_highlight_report_costs_the_same_for_3_or_15_workstreams(database: Database) -> None:
    with database.session() as session:
        plan = Plan(area_code=COVENTRY, title="Coventry plan", status="agreed", is_current=True)
        framework = Framework(area_code=COVENTRY, title="Coventry framework")
        session.add_all([plan, framework])
        session.flush()
        part = FrameworkPart(framework_id=framework.id, number=1, title="Outcomes")
        session.add(part)
        session.flush()
        _grow_plan(session, plan, 3)
        _grow_framework(session, part, 4)
        plan_id, part_id = plan.id, part.id
    small = _highlight_statements(database)
    with database.session() as session:
        plan = session.get(Plan, plan_id)
        part = session.get(FrameworkPart, part_id)
        assert plan is not None
        assert part is not None
        _grow_plan(session, plan, 15)
        _grow_framework(session, part, 13)
    large = _highlight_statements(database)
    assert large == small, f"{small} statements for 3 workstreams, {large} for 15"
    assert small < 30  # a handful of reads each of the system, plan and framework


def _review_statements(database: Database) -> int:
    with database.session() as session, counting(database.engine) as seen:
        document = build_review(session, actor=OPERATOR, review_id=1)
    assert document.sections
    return seen.count


def test_the_review_report_costs_the_same_for_few_or_many_findings(database: Database) -> None:
    few = _review_statements(database)
    with database.session() as session:
        for n in range(30):
            session.add(
                Finding(
                    review_id=1,
                    kind=("working_well", "area_for_improvement", "area_of_future_focus")[n % 3],
                    key_question="safe",
                    theme="Flow",
                    text=f"Finding {n}",
                )
            )
    many = _review_statements(database)
    assert many == few, f"{few} statements with the demo's findings, {many} with 30 more"
