"""The caterpillar plot names areas: selected areas and ranks outside their own interval are
labelled beside the plot, every line is a link named after its area, and a rank outside its
interval is explained in plain words."""

from __future__ import annotations

import itertools
import re
from html import unescape

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session
from tests.conftest import csrf_from, demo_email, sign_in

from joinedup import clock
from joinedup.ranking.caterpillar import LABEL_GAP, Line, caterpillar, spread_labels
from joinedup.ranking.demo import SELECTING_YEAR
from joinedup.ranking.models import RankingRow, RankingRun
from joinedup.timeline import Timeline


def test_selected_and_outside_areas_are_labelled_apart() -> None:
    lines = [
        Line("E1", "Best", rank=1, rank_p05=1, rank_p95=3, selected=None),
        Line("E2", "Lucky", rank=2, rank_p05=3, rank_p95=5, selected=None),
        Line("E3", "Plain", rank=3, rank_p05=2, rank_p95=5, selected=None),
        Line("E4", "Close", rank=4, rank_p05=3, rank_p95=5, selected="borderline"),
        Line("E5", "Worst", rank=5, rank_p05=4, rank_p95=5, selected="robust"),
    ]
    plot = caterpillar(lines, ranked=5)
    best, lucky, _plain, close, worst = plot.bars
    assert [b.labelled for b in plot.bars] == [False, True, False, True, True]
    assert lucky.label == "Lucky (outside)"
    assert close.label == "Close (borderline)"
    assert worst.label == "Worst (robust)"
    # Rows are 7 px apart; labels are moved so that none overlaps the next.
    ys = [b.label_y for b in (lucky, close, worst)]
    assert all(b - a >= LABEL_GAP for a, b in itertools.pairwise(ys))  # type: ignore[operator]
    assert plot.outside == (lucky,)
    assert "rank 2, 5 to 95% interval 3 to 5" in lucky.description
    assert "better than most of the draws give (3 to 5)" in lucky.description
    assert "chosen settings put this area further up" in lucky.description
    assert best.description == "Best: rank 1, 5 to 95% interval 1 to 3"


def test_labels_crowded_at_the_bottom_are_pushed_up_inside_the_plot() -> None:
    placed = spread_labels([90.0, 93.0, 96.0], top=40, bottom=100)
    assert placed == [72.0, 86.0, 100.0]
    assert spread_labels([10.0], top=40, bottom=100) == [40.0]


def svg_of(page: str) -> str:
    start = page.index('<svg role="group"')
    return page[start : page.index("</svg>", start)]


def check_the_plot(page: str, run: RankingRun) -> list[RankingRow]:
    """The plot names the selected areas and every line; returns the rows ranked outside their
    interval, each checked to be labelled and explained."""
    svg = svg_of(page)
    labels = " | ".join(
        unescape(t) for t in re.findall(r'class="jup-caterpillar__label"[^>]*>([^<]+)<', svg)
    )
    for row in (r for r in run.rows if r.selected):
        assert f"{row.area_name} ({row.selected}" in labels
    # Every ranked area's line is a link whose accessible name starts with the area's name.
    names = [unescape(n) for n in re.findall(r'aria-label="([^"]+)"', svg)]
    ranked = [r for r in run.rows if r.rank is not None]
    assert len(names) == len(ranked)
    for name, row in zip(names, ranked, strict=True):
        assert name.startswith(f"{row.area_name}: rank {row.rank},")
    outside = [r for r in ranked if not r.rank_p05 <= r.rank <= r.rank_p95]  # type: ignore[operator]
    text = unescape(page)
    for row in outside:
        assert re.search(rf"{re.escape(row.area_name)} \([^)]*outside\)", labels)
        assert f"{row.area_name}</strong>: Its rank ({row.rank}) is" in text
    assert ("Ranks outside their own interval" in text) == bool(outside)
    return outside


def test_the_demo_run_names_its_selected_areas(client: TestClient, session: Session) -> None:
    run = session.scalars(select(RankingRun).order_by(RankingRun.id.desc())).first()
    assert run is not None
    sign_in(client, demo_email("analyst"))
    page = client.get(f"/rankings/{run.id}").text
    check_the_plot(page, run)
    # The small-area rule is shown with the settings, naming the areas it left out.
    text = unescape(page)
    assert "fewer than 5,000 residents aged 65 and over are not ranked: Isles of Scilly, " in text
    assert text.count("Too small to rank") == 2


def test_a_rank_outside_its_interval_is_explained(client: TestClient, session: Session) -> None:
    # In the demo's selecting year with every area ranked, the top area's rank (from the chosen
    # settings) is better than the ranks most draws give it.
    sign_in(client, demo_email("analyst"))
    form = client.get("/rankings")
    year = Timeline.as_at(clock.today()).move(SELECTING_YEAR)
    data = {
        "name": "Every area",
        "period_start": year.isoformat(),
        "months": "12",
        "normalisation": "rank",
        "aggregation": "arithmetic",
        "missing": "reweight",
        "draws": "2000",
        "seed": "1",
        "select": "12",
        "min_population": "0",
        "csrf_token": csrf_from(form.text),
    }
    response = client.post("/rankings", data=data, follow_redirects=False)
    assert response.status_code == 303, response.text
    page = client.get(response.headers["location"]).text
    session.expire_all()
    run = session.scalars(select(RankingRun).where(RankingRun.name == "Every area")).one()
    outside = check_the_plot(page, run)
    assert outside
    text = unescape(page)
    assert "That is not an error: it says the area's place depends on the choices made." in text
    assert "Rank outside the interval: why" in text
    assert "Small areas" in text
    assert "None: every area ranked, however small" in text


def test_a_run_ranks_every_area_when_the_threshold_is_0(client: TestClient) -> None:
    sign_in(client, demo_email("analyst"))
    listing = client.get("/rankings").text
    assert "Smallest population ranked (residents aged 65 and over)" in listing
