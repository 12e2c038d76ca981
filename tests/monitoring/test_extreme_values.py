"""Extreme but finite numbers never break a KPI (both databases): values near the largest and
smallest floats go through the form and API, and every KPI view, chart and the SPC code answer
with what they can show, never a server error or an overflow."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from joinedup.errors import InvalidInput
from joinedup.monitoring import service as monitoring
from joinedup.monitoring.chart import nice_ticks, sparkline_svg, spc_chart_svg
from joinedup.monitoring.direction import Polarity, direction_of_travel
from joinedup.monitoring.models import Kpi
from joinedup.monitoring.pchart import p_chart
from joinedup.monitoring.spc import Direction, all_finite, xmr_chart
from joinedup.monitoring.targets import parse_target
from joinedup.store.database import Database
from tests.conftest import OXFORDSHIRE, csrf_from, demo_email, sign_in

FRAMEWORK = f"/systems/{OXFORDSHIRE}/framework"
HUGE = sys.float_info.max  # 1.797...e308
EXTREMES = [1e308, -1e308, HUGE, -HUGE, 5e-324, 1e-308, 0.0, 1e15, -1e15]
MONTHS = [date(2020 + m // 12, m % 12 + 1, 1) for m in range(len(EXTREMES))]


@pytest.mark.parametrize("series", [[1e308, 1e308], [1e308, -1e308, 1e308], EXTREMES, [HUGE] * 9])
def test_the_spc_code_says_when_limits_cannot_be_worked_out(series: list[float]) -> None:
    chart = xmr_chart(MONTHS[: len(series)], series, direction=Direction.INCREASE)
    if not all_finite(chart):
        return  # the views then show why there is no chart (below)
    assert "<svg" in spc_chart_svg(chart, title="x")


def test_charts_of_huge_but_finite_values_still_draw() -> None:
    # Limits of these fit in a float: the axis and scale must not overflow on the way.
    values = [1e307, 3e307, 2e307, 1e307]
    chart = xmr_chart(
        MONTHS[:4], values, direction=Direction.DECREASE, target=parse_target("1 or fewer")
    )
    assert all_finite(chart)
    svg = spc_chart_svg(chart, title="huge", unit="people")
    assert "nan" not in svg
    assert "inf" not in svg
    assert "<svg" in sparkline_svg(chart, title="huge")
    ticks = nice_ticks(-1e308, 1e308)
    assert len(ticks) >= 2
    assert all(abs(t) < float("inf") for t in ticks)


def test_direction_and_p_charts_of_extremes() -> None:
    travel = direction_of_travel(-1e308, 1e308, Polarity.HIGHER_IS_BETTER)
    assert travel.change_percent is None
    assert travel.shown == "↑"
    chart = p_chart(
        MONTHS[:3], [1e307, 5e307, 1e308], [1e308, 1e308, 1e308], direction=Direction.INCREASE
    )
    assert all_finite(chart)
    # (1 + 5 + 10) x 10^307 of 3 x 10^308: 16 / 30 = 53.33%, though the sums overflow a float.
    assert chart.points[0].mean == pytest.approx(53.3333, abs=1e-3)
    tiny = p_chart(MONTHS[:2], [0, 5e-324], [5e-324, 5e-324], direction=Direction.INCREASE)
    assert all(0 <= p.value <= 100 for p in tiny.points)


def test_the_spc_command_refuses_values_too_large_for_limits(tmp_path: Path) -> None:
    file = tmp_path / "series.csv"
    file.write_text("date,value\n2020-01,1e308\n2020-02,-1e308\n2020-03,1e308\n")
    with pytest.raises(InvalidInput, match="too large for process limits"):
        monitoring.spc_of_file(file, direction=Direction.INCREASE)


def test_extreme_values_leave_every_kpi_view_readable(
    client: TestClient, database: Database
) -> None:
    sign_in(client, demo_email("system_lead", OXFORDSHIRE))
    token = csrf_from(client.get(FRAMEWORK).text)
    created = client.post(
        f"/api/v1/systems/{OXFORDSHIRE}/framework/kpis",
        json={"part": 1, "code": "1h", "name": "Extremes", "unit": "%", "target": "5% or above"},
        headers={"x-csrf-token": token},
    )
    assert created.status_code == 201, created.text
    with database.session() as session:
        kpi_id = session.scalar(select(Kpi.id).where(Kpi.code == "1h"))
    page_url = f"{FRAMEWORK}/kpis/{kpi_id}"
    for month, value in zip(MONTHS, EXTREMES, strict=True):
        saved = client.post(
            f"/api/v1/kpis/{kpi_id}/values",
            json={"period": month.isoformat(), "value": value, "version": 0},
            headers={"x-csrf-token": token},
        )
        assert saved.status_code in (200, 201), saved.text
    typed = client.post(
        f"{page_url}/values",
        data={"csrf_token": token, "period": "2019-12", "value": "1e308", "version": "0"},
        follow_redirects=False,
    )
    assert typed.status_code == 303
    for url in (
        page_url,
        FRAMEWORK,
        f"{FRAMEWORK}?as_of=2020-12-31",
        f"/api/v1/kpis/{kpi_id}",
        f"/api/v1/systems/{OXFORDSHIRE}/framework",
        f"/api/v1/systems/{OXFORDSHIRE}/framework?as_of=2020-12-31",
    ):
        answer = client.get(url)
        assert answer.status_code == 200, url
        assert "Infinity" not in answer.text
        assert "NaN" not in answer.text
    page = client.get(page_url)
    assert "too large for process limits to be worked out" in page.text
    assert "1e+308" in page.text
    # Out of range for a float is refused at the door with the field named.
    refused = client.post(
        f"/api/v1/kpis/{kpi_id}/values",
        content='{"period": "2020-01-01", "value": 1e999, "version": 0}',
        headers={"x-csrf-token": token, "content-type": "application/json"},
    )
    assert refused.status_code == 400
