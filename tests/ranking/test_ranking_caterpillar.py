"""The caterpillar plot's geometry: rank 1 at the left edge, the last rank at the right."""

from __future__ import annotations

from joinedup.ranking.caterpillar import LEFT, RIGHT, ROW, TOP, WIDTH, Line, caterpillar, tick_ranks


def test_ranks_and_intervals_map_onto_the_width() -> None:
    lines = [
        Line("E1", "Best", rank=1, rank_p05=1, rank_p95=3, selected=None),
        Line("E2", "Middle", rank=3, rank_p05=2, rank_p95=5, selected=None),
        Line("E3", "Worst", rank=5, rank_p05=4, rank_p95=5, selected="robust"),
    ]
    plot = caterpillar(lines, ranked=5)
    span = WIDTH - LEFT - RIGHT
    best, middle, worst = plot.bars
    assert best.x_rank == LEFT
    assert worst.x_rank == WIDTH - RIGHT
    assert middle.x_rank == LEFT + span / 2  # rank 3 of 5 is halfway
    assert (middle.x_low, middle.x_high) == (LEFT + span / 4, WIDTH - RIGHT)
    # One row per area, top to bottom in the order given.
    assert [b.y for b in plot.bars] == [TOP + ROW / 2, TOP + 1.5 * ROW, TOP + 2.5 * ROW]
    assert worst.selected == "robust"


def test_ticks_start_at_1_and_end_at_the_last_rank() -> None:
    assert tick_ranks(152) == [1, 25, 50, 75, 100, 125, 152]
    assert tick_ranks(33) == [1, 10, 20, 33]  # 30 would crowd 33
    assert tick_ranks(2) == [1, 2]
    assert tick_ranks(4) == [1, 2, 3, 4]
    assert tick_ranks(1) == [1]
