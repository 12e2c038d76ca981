"""Disclosure control of indicator-fed KPIs on the framework's pages (SQLite and PostgreSQL).

A KPI of Oxfordshire's framework is fed by the share of people at home 91 days after
reablement, and four months are loaded by hand after the demo world's data:

    month   at home  of   %        a system's people see
    M1          30   40   75.0     75%
    M2          33   40   82.5     82.5%
    M3          28   40   70.0     70%
    M4           3    7   42.857   [c]: 3 and 7 are both counts of 1 to 7

The latest figure is M4's, so a system's people see [c] for it, and [c] for the change since
M3 (70% less the change would give 42.86% back). National roles see 42.86% and the change.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pyarrow as pa
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from joinedup import clock
from joinedup.access.rules import OPERATOR
from joinedup.metrics import service as metrics
from joinedup.metrics.periods import add_months
from joinedup.metrics.results import SCHEMA
from joinedup.monitoring import editing
from joinedup.monitoring.basis import Basis
from joinedup.monitoring.chart import sparkline_svg, spc_chart_svg
from joinedup.monitoring.chart_table import data_table
from joinedup.monitoring.models import Kpi
from joinedup.monitoring.plain_words import summary
from joinedup.monitoring.schemas import KpiIn, Polarity
from joinedup.monitoring.spc import Direction, Rebase, SpcChart, xmr_chart
from joinedup.monitoring.withheld import masked
from joinedup.periods import period_end
from joinedup.store.database import Database
from joinedup.timeline import Timeline
from tests.conftest import OXFORDSHIRE, demo_email, sign_in

AT_HOME = "reablement_at_home_91d_65plus"
CODE = "2x"
FIRST = add_months(Timeline.as_at(clock.today()).last_complete_month, 1)
MONTHS = [add_months(FIRST, i) for i in range(4)]
COUNTS = [(30, 40), (33, 40), (28, 40), (3, 7)]
HELD_BACK = "42.86"  # 3 of 7, as a page would print it
REASON = "suppressed: fewer than 8 people or records"


def load(database: Database) -> int:
    rows = []
    for month, (numerator, denominator) in zip(MONTHS, COUNTS, strict=True):
        value = 100.0 * numerator / denominator
        rows.append(
            {
                "area_code": OXFORDSHIRE,
                "indicator": AT_HOME,
                "period_start": month,
                "period_end": period_end(month, 1),
                "numerator": float(numerator),
                "denominator": float(denominator),
                "value": value,
                "lower_95": value * 0.9,
                "upper_95": value * 1.1,
                "lower_998": value * 0.8,
                "upper_998": value * 1.2,
            }
        )
    with database.session() as session:
        metrics.load_values(
            session,
            actor=OPERATOR,
            table=pa.Table.from_pylist(rows, schema=SCHEMA),
            source="worked by hand",
            engine="test",
        )
        kpi = editing.add_kpi(
            session,
            actor=OPERATOR,
            area_code=OXFORDSHIRE,
            kpi=KpiIn(
                part=2,
                code=CODE,
                name="At home 91 days after reablement",
                unit="%",
                polarity=Polarity.HIGHER_IS_BETTER,
                target="80% or above",
                target_basis=Basis.MONTH,
                indicator_id=AT_HOME,
                indicator_months=1,
            ),
        )
        session.commit()
        return kpi.id


@pytest.fixture
def kpi_id(database: Database) -> Iterator[int]:
    saved = clock.pinned()
    clock.pin(add_months(MONTHS[-1], 2))  # every loaded month has ended
    try:
        yield load(database)
    finally:
        clock.pin(saved)


def _row(page: str) -> str:
    start = page.index(f'data-code="{CODE}"')
    return page[start : page.index("</tr>", start)]


def test_a_systems_people_see_the_latest_figure_and_its_change_held_back(
    client: TestClient, kpi_id: int
) -> None:
    sign_in(client, demo_email("system_lead", OXFORDSHIRE))
    page = client.get(f"/systems/{OXFORDSHIRE}/framework").text
    row = _row(page)
    assert f'<span aria-hidden="true">[c]</span><span class="govuk-visually-hidden">{REASON}' in row
    assert 'class="app-travel">[c]</span>' in row
    assert f"change {REASON}" in row
    assert HELD_BACK not in row
    assert "Key: [c] suppressed figures" in page


def test_national_roles_see_the_framework_unrounded(client: TestClient, kpi_id: int) -> None:
    sign_in(client, demo_email("analyst"))
    page = client.get(f"/systems/{OXFORDSHIRE}/framework").text
    row = _row(page)
    assert f"{HELD_BACK}%" in row
    assert "[c]" not in row
    assert "Key: [c] suppressed figures" not in page


def test_the_kpi_page_leaves_the_held_back_value_out_of_every_table_and_chart(
    client: TestClient, kpi_id: int
) -> None:
    sign_in(client, demo_email("system_lead", OXFORDSHIRE))
    page = client.get(f"/systems/{OXFORDSHIRE}/framework/kpis/{kpi_id}").text
    assert HELD_BACK not in page
    assert f"[c] ({MONTHS[-1]:%b-%y}), {REASON}" in page  # the summary's latest figure
    assert "Key: [c] suppressed figures" in page
    # The values table: 70% is shown (70 to 2 places), M4 is marked.
    assert '<td class="govuk-table__cell">70.0</td>' in page
    assert page.count('class="govuk-link app-suppressed"') >= 1
    # The small-numbers warning's latest count is not given away.
    assert "is of 7" not in page
    sign_in(client, demo_email("analyst"))
    national = client.get(f"/systems/{OXFORDSHIRE}/framework/kpis/{kpi_id}").text
    assert HELD_BACK in national
    assert "app-suppressed" not in national


def test_the_chart_read_by_a_system_keeps_its_signals(database: Database, kpi_id: int) -> None:
    # Computation reads the unrounded values: the same chart whoever reads; only what is
    # shown differs.
    from joinedup.access.service import get_user, principal_for
    from joinedup.monitoring import service as monitoring

    with database.session() as session:
        views = {}
        for role in ("system_lead", "analyst"):
            email = demo_email(role, OXFORDSHIRE if role == "system_lead" else None)
            actor = principal_for(get_user(session, email))
            view = monitoring.framework_view(
                session, actor=actor, area_code=OXFORDSHIRE, as_of=clock.today()
            )
            views[role] = next(k for k in view.kpis if k.code == CODE)
        kpi = session.scalars(select(Kpi).where(Kpi.id == kpi_id)).one()
        assert kpi.code == CODE
    lead, analyst = views["system_lead"], views["analyst"]
    assert lead.spc == analyst.spc
    assert lead.figure == analyst.figure
    assert lead.figure is not None
    assert lead.figure.value == pytest.approx(300 / 7)
    assert (lead.figure_withheld, analyst.figure_withheld) == (True, False)
    assert (lead.travel_withheld, analyst.travel_withheld) == (True, False)
    assert lead.shown_spc is not None
    assert lead.shown_spc != lead.spc
    assert analyst.shown_spc == analyst.spc


# Hand-worked chart: six months, rebased at the fourth. The first period, 75, 82.5 and 70, has
# mean 227.5 / 3 = 75.83 and moving ranges 7.5 and 12.5 (mean 10), so limits 75.83 -+ 26.6:
# 49.23 to 102.43 (drawn at 100%; 102.4 printed, one place above 100). The second, 60, 42.86
# (held back) and 65, would give the held-back value away through its mean (3 x mean - 60 -
# 65), so its mean and limits are shown neither in words nor drawn.
DAYS = [date(2030, m, 1) for m in range(1, 7)]
VALUES = [75.0, 82.5, 70.0, 60.0, 300 / 7, 65.0]
HIDDEN = frozenset({DAYS[4]})


def _chart() -> SpcChart:
    return xmr_chart(
        DAYS,
        VALUES,
        direction=Direction.INCREASE,
        rebase=[Rebase(DAYS[3], "new service")],
    )


def test_a_held_back_value_and_the_limits_of_its_period_are_left_out_of_the_table() -> None:
    chart = _chart()
    shown = masked(chart, HIDDEN)
    rows = data_table(shown, unit="%")
    assert [r.value for r in rows] == ["75%", "82.5%", "70%", "60%", "[c]", "65%"]
    assert [r.mean for r in rows[:3]] == ["75.83%"] * 3
    assert rows[0].lower_limit == "49.23%"
    assert rows[0].upper_limit == "100% (calculated 102.4%)"
    assert {(r.mean, r.lower_limit, r.upper_limit) for r in rows[3:]} == {("[c]", "[c]", "[c]")}
    # Signals are those of the unrounded values.
    unmasked = data_table(chart, unit="%")
    assert [r.variation for r in rows] == [r.variation for r in unmasked]
    assert HELD_BACK in unmasked[4].value


def test_the_charts_leave_a_gap_where_a_value_is_held_back() -> None:
    chart = _chart()
    shown = masked(chart, HIDDEN)
    svg = spc_chart_svg(shown, title="At home", unit="%")
    assert HELD_BACK not in svg
    assert svg.count('fill="none" stroke="#') >= 2  # the line is broken in two
    assert "nan" not in svg.lower().replace("nans", "")
    # The first period's mean and limits are drawn, the second's are not.
    assert svg.count("<title>mean ") == 1
    assert "<title>mean 75.83%</title>" in svg
    words = summary(shown, title="At home", unit="%")
    assert HELD_BACK not in words
    assert "mean [c], process limits [c] to [c]" in words
    assert "Latest value 65%" in words
    spark = sparkline_svg(shown, title="At home", unit="%")
    assert HELD_BACK not in spark
    assert "nan" not in spark.lower()
    # Nothing is held back: the chart is drawn as computed.
    assert masked(chart, frozenset()) is chart


def test_the_small_numbers_warning_gives_the_count_as_the_reader_may_see_it() -> None:
    # 30 of 40 then 9 of 12: overall 39 of 52 (0.75), so 12 people expect only 3 not at home,
    # fewer than 5. A system's people see 12 rounded to 10; a held-back point's count is [c].
    from joinedup.monitoring.kpi_charts import _small_numbers
    from joinedup.monitoring.series import SeriesPoint

    counts = [(30.0, 40.0), (9.0, 12.0)]

    def series(shown: float | None, suppressed: bool = False) -> list[SeriesPoint]:
        return [
            SeriesPoint(DAYS[0], 75.0, 30.0, 40.0, shown_denominator=40.0),
            SeriesPoint(DAYS[1], 75.0, 9.0, 12.0, suppressed=suppressed, shown_denominator=shown),
        ]

    assert _small_numbers(series(10.0), counts).endswith("the latest, 75%, is of 10")
    assert _small_numbers(series(12.0), counts).endswith("the latest, 75%, is of 12")
    held = _small_numbers(series(None, suppressed=True), counts)
    assert held.endswith("the latest, [c], is of [c]")


def _api_kpi(client: TestClient, kpi_id: int) -> dict[str, object]:
    answer = client.get(f"/api/v1/kpis/{kpi_id}")
    assert answer.status_code == 200, answer.text
    kpi: dict[str, object] = answer.json()["kpi"]
    return kpi


def test_the_api_holds_back_from_a_systems_people_what_their_pages_do(
    client: TestClient, kpi_id: int
) -> None:
    sign_in(client, demo_email("system_lead", OXFORDSHIRE))
    kpi = _api_kpi(client, kpi_id)
    assert kpi["latest"] == {
        "period": MONTHS[-1].isoformat(),
        "value": None,
        "status": "suppressed",
    }
    assert kpi["figure"]["value"] is None  # type: ignore[index]
    assert kpi["figure"]["status"] == "suppressed"  # type: ignore[index]
    assert kpi["since_last_report"]["change_percent"] is None  # type: ignore[index]
    assert kpi["status_reason"]
    assert [p["value"] for p in kpi["series"]][-4:] == [75.0, 82.5, 70.0, None]  # type: ignore[attr-defined]
    spc_points = kpi["spc"]["points"]  # type: ignore[index]
    assert spc_points[-1]["value"] is None
    assert "42.857" not in str(kpi)
    whole = client.get(f"/api/v1/systems/{OXFORDSHIRE}/framework").text
    assert "42.857" not in whole


def test_the_api_gives_national_roles_the_figures_unrounded(
    client: TestClient, kpi_id: int
) -> None:
    sign_in(client, demo_email("analyst"))
    kpi = _api_kpi(client, kpi_id)
    assert kpi["latest"]["value"] == pytest.approx(300 / 7)  # type: ignore[index]
    assert kpi["latest"]["status"] == "shown"  # type: ignore[index]
    assert kpi["status_reason"] == ""
