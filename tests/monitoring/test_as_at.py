"""Every KPI figure tied to its date and basis (both databases): a linked KPI read on its target's
basis or shown not comparable, each figure with its period, out of date past its expected lag,
and the values as they stood on a day read from the append-only history."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from joinedup.access import service as access
from joinedup.access.rules import Principal
from joinedup.errors import InvalidInput
from joinedup.metrics.models import IndicatorValue
from joinedup.monitoring import recording
from joinedup.monitoring import service as monitoring
from joinedup.monitoring.basis import Basis, Figure
from joinedup.monitoring.models import Kpi
from joinedup.monitoring.schemas import KpiChange, KpiIn
from joinedup.monitoring.values_file import PeriodValue
from joinedup.store.database import Database
from joinedup.web.forms import read_form
from tests.conftest import OXFORDSHIRE, csrf_from, demo_email, sign_in
from tests.monitoring.story import REPORT, TIMELINE, on
from tests.monitoring.test_framework_pages import table_row

FRAMEWORK = f"/systems/{OXFORDSHIRE}/framework"


def lead(session: Session) -> Principal:
    return access.principal_for(access.get_user(session, demo_email("system_lead", OXFORDSHIRE)))


def kpi(session: Session, code: str) -> Kpi:
    found = session.scalar(select(Kpi).where(Kpi.code == code))
    assert found is not None
    return found


def row(session: Session, code: str, as_of: date = REPORT) -> monitoring.KpiRow:
    view = monitoring.framework_view(
        session, actor=lead(session), area_code=OXFORDSHIRE, as_of=as_of
    )
    return next(k for k in view.kpis if k.code == code)


def set_basis(session: Session, code: str, basis: Basis, **more: object) -> None:
    found = kpi(session, code)
    change = KpiChange.model_validate({"version": found.version, "target_basis": basis, **more})
    monitoring.update_kpi(session, actor=lead(session), kpi_id=found.id, change=change)
    session.commit()


def test_figures_name_their_period() -> None:
    assert Figure(date(2019, 4, 1), 1, 1.0).label == "Apr-19"
    assert Figure(date(2018, 5, 1), 12, 1.0).label == "May-18 to Apr-19"
    assert Figure(date(2018, 4, 1), 12, 1.0).label == "2018-19"
    assert Figure(date(2019, 1, 1), 3, 1.0).label == "Jan-19 to Mar-19"
    assert Figure(date(2018, 5, 1), 12, 1.0).month_label == "Apr-19"
    # Read on 31 July 2019 with a lag of 3 months, April is current and March is not.
    assert not Figure(date(2019, 4, 1), 1, 1.0).out_of_date(date(2019, 7, 31), 3)
    assert Figure(date(2019, 3, 1), 1, 1.0).out_of_date(date(2019, 7, 31), 3)


def test_a_linked_kpi_takes_its_figure_on_the_targets_basis(session: Session) -> None:
    assert row(session, "2a").basis is Basis.ROLLING12  # as the demo's framework has it
    set_basis(session, "2a", Basis.MONTH)
    monthly = row(session, "2a")
    assert monthly.basis is Basis.MONTH
    assert monthly.figure is not None
    assert monthly.figure.months == 1
    set_basis(session, "2a", Basis.ROLLING12)
    annual = row(session, "2a")
    assert annual.comparable
    assert annual.figure is not None
    assert annual.figure.months == 12
    assert annual.figure.end == REPORT
    assert annual.figure.label == f"{on(2018, 5):%b-%y} to {on(2019, 4):%b-%y}"
    # A year's rate is about the sum of its months' rates (the same population).
    twelve = sum(p.value for p in annual.series[-12:])
    assert annual.figure.value == pytest.approx(twelve, rel=0.1)
    assert annual.target is not None
    assert annual.met is annual.target.met(annual.figure.value)
    # The chart stays monthly: the annual target is not drawn on it, and gives no assurance.
    assert annual.series[-1].months == 1
    assert not annual.chart_shows_target
    assert annual.spc is not None
    assert annual.spc.target is None
    assert annual.assurance is monitoring.Assurance.NONE
    assert annual.assurance_words.startswith(
        "No assurance: the target applies to a rolling 12 months"
    )  # a paper says why, not "no target"
    # The change since the last report compares figures on the same basis.
    assert annual.previous is not None
    assert annual.previous.months == 12


def test_the_year_to_date_is_read_from_april(session: Session) -> None:
    set_basis(session, "2b", Basis.FINANCIAL_YEAR_TO_DATE)
    found = row(session, "2b", as_of=on(2019, 6, 30))
    assert found.figure is not None
    assert (found.figure.start, found.figure.months) == (on(2019, 4), 3)


def test_a_figure_on_another_basis_is_not_comparable(
    session: Session, client: TestClient, database: Database
) -> None:
    session.execute(
        delete(IndicatorValue).where(
            IndicatorValue.area_code == OXFORDSHIRE, IndicatorValue.months == 12
        )
    )
    session.commit()
    set_basis(session, "2a", Basis.ROLLING12)
    found = row(session, "2a")
    assert not found.comparable
    assert found.target_status is monitoring.TargetStatus.NOT_COMPARABLE
    assert found.met is None
    assert found.figure is not None
    assert found.figure.months == 1
    sign_in(client, demo_email("viewer", OXFORDSHIRE))
    page = client.get(f"{FRAMEWORK}?as_of={REPORT}")
    assert "Not comparable with the target" in table_row(page.text, "2a")
    api = client.get(f"/api/v1/systems/{OXFORDSHIRE}/framework?as_of={REPORT}").json()
    kpis = {k["code"]: k for part in api["parts"] for k in part["kpis"]}
    assert kpis["2a"]["target_status"] == "not_comparable"
    assert kpis["2a"]["met"] is None
    assert kpis["2a"]["target_basis"] == "rolling12"
    assert kpis["2a"]["figure"]["label"] == f"{on(2019, 4):%b-%y}"
    detail = client.get(f"{FRAMEWORK}/kpis/{found.id}")
    assert "cannot be judged against it" in detail.text


def test_an_old_figure_is_marked_out_of_date(session: Session, client: TestClient) -> None:
    sign_in(client, demo_email("viewer", OXFORDSHIRE))
    fresh = client.get(FRAMEWORK)  # today: last month's figure is current
    assert "Out of date" not in table_row(fresh.text, "1c")
    last = TIMELINE.last_complete_month
    later = date(last.year + 1, last.month, 28)  # a year on, nothing newer has come
    assert row(session, "1c", as_of=later).out_of_date
    stale = client.get(f"{FRAMEWORK}?as_of={later}")
    assert f"Out of date: {last:%b-%y} is more than 3 months before {later:%B %Y}" in table_row(
        stale.text, "1c"
    )
    api = client.get(f"/api/v1/systems/{OXFORDSHIRE}/framework?as_of={later}").json()
    assert all(k["out_of_date"] for part in api["parts"] for k in part["kpis"])
    set_basis(session, "1c", Basis.MONTH, expected_lag=12)
    assert not row(session, "1c", as_of=later).out_of_date


def test_values_as_they_stood_on_a_day(session: Session) -> None:
    person = lead(session)
    added = monitoring.add_kpi(
        session,
        actor=person,
        area_code=OXFORDSHIRE,
        kpi=KpiIn(part=1, code="1h", name="Hours of home care", target="100 or above"),
    )
    months = [date(2019, m, 1) for m in (1, 2, 3, 4)]
    recording.record_values(
        session,
        actor=person,
        kpi_id=added.id,
        values=[PeriodValue(m, 90.0 + i) for i, m in enumerate(months)],
        source="monthly return",
        recorded_at=datetime(2019, 5, 10, 9, tzinfo=UTC),
    )
    recording.record_values(
        session,
        actor=person,
        kpi_id=added.id,
        values=[PeriodValue(date(2019, 4, 1), 101.0, 1, "validated")],
        source="correction",
        recorded_at=datetime(2019, 6, 20, 9, tzinfo=UTC),
    )
    session.commit()

    def as_at(day: date) -> monitoring.KpiRow:
        view = monitoring.values_as_at(session, actor=person, area_code=OXFORDSHIRE, on=day)
        return next(k for k in view.kpis if k.code == "1h")

    before = as_at(date(2019, 5, 31))
    assert before.figure is not None
    assert (before.figure.label, before.figure.value) == ("Apr-19", 93.0)
    assert before.met is False
    after = as_at(date(2019, 6, 30))
    assert after.figure is not None
    assert (after.figure.label, after.figure.value) == ("Apr-19", 101.0)
    assert after.met is True
    assert as_at(date(2019, 5, 1)).figure is None  # nothing was entered yet
    # Today's reading is the corrected one, with every entry on record.
    detail = monitoring.kpi_detail(session, actor=person, kpi_id=added.id)
    assert [e.value for e in detail.history[0].earlier] == [93.0]


def test_the_lead_sets_the_basis_and_lag_on_the_kpi_page(
    client: TestClient, database: Database
) -> None:
    sign_in(client, demo_email("system_lead", OXFORDSHIRE))
    with database.session() as session:
        found = kpi(session, "2a")
        url, version = f"{FRAMEWORK}/kpis/{found.id}", found.version
    page = client.get(url)
    assert 'name="target_basis" type="radio" value="rolling12"' in page.text
    form = {
        "csrf_token": csrf_from(page.text),
        "version": str(version),
        "name": found.name,
        "unit": found.unit,
        "polarity": found.polarity,
        "target": found.target_text,
        "target_basis": "rolling12",
        "expected_lag": "soon",
        "screen_outliers": "yes",
    }
    refused = client.post(url, data=form)
    assert refused.status_code == 400
    assert "Enter the lag as a whole number of months from 0 to 36, like 3" in refused.text
    saved = client.post(url, data={**form, "expected_lag": "4"}, follow_redirects=True)
    assert saved.status_code == 200
    assert "(rolling 12 months)" in saved.text
    with database.session() as session:
        after = kpi(session, "2a")
        assert (after.target_basis, after.expected_lag) == ("rolling12", 4)


def test_an_unknown_basis_is_refused_naming_the_field() -> None:
    with pytest.raises(InvalidInput) as refused:
        read_form(KpiChange, {"version": "1", "target_basis": "fortnight"})
    assert "target_basis" in refused.value.problems


def test_a_proportion_with_known_denominators_has_a_p_chart(
    session: Session, client: TestClient
) -> None:
    found = row(session, "2d")
    assert found.proportion
    assert found.p_chart is not None
    assert found.p_chart.kind is monitoring.ChartKind.P
    assert all(0 <= p.lpl <= p.upl <= 100 for p in found.p_chart.points)
    sign_in(client, demo_email("viewer", OXFORDSHIRE))
    page = client.get(f"{FRAMEWORK}/kpis/{found.id}")
    assert "p-chart: limits from each month" in page.text
    assert "The p-chart as a table" in page.text
    # A handful of people a month (the demo is a sample of England) is said on both pages.
    table = client.get(f"{FRAMEWORK}?as_of={REPORT}").text
    assert ("Small numbers" in table_row(table, "2d")) == bool(found.small_numbers)
    assert ("Small numbers: " in page.text) == bool(
        row(
            session,
            "2d",
            as_of=monitoring.kpi_detail(session, actor=lead(session), kpi_id=found.id).row.as_of,
        ).small_numbers
    )


def test_the_boards_annual_rate_is_shown_on_its_basis(client: TestClient) -> None:
    sign_in(client, demo_email("viewer", OXFORDSHIRE))
    page = client.get(f"{FRAMEWORK}?as_of={REPORT}")
    admissions = table_row(page.text, "2a")
    assert "Rolling 12 months" in admissions
    assert f"{on(2018, 5):%b-%y} to {on(2019, 4):%b-%y}" in admissions
    # A year's rate of emergency admissions of people aged 65+, of the size published (seed
    # 003: 19,667 per 100,000 against a target of 24,550 or fewer), not a month's (about 1,700).
    shown = re.search(r'<td class="govuk-table__cell">([\d,]+)<br>', admissions)
    assert shown is not None
    assert 15_000 <= float(shown.group(1).replace(",", "")) <= 30_000
    assert "Not comparable" not in admissions
    assert "No assurance: the target applies to a rolling 12 months" in admissions
