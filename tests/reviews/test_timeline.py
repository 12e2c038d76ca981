"""The timeline drawing's arithmetic: markers placed by date, today marked within the span."""

from __future__ import annotations

from datetime import date

from joinedup.reviews.schemas import MilestoneOut
from joinedup.reviews.timeline import lay_out


def _m(key: str, planned: date | None, actual: date | None, state: str) -> MilestoneOut:
    return MilestoneOut(
        key=key,
        label=key,
        planned_date=planned,
        actual_date=actual,
        state=state,
        days=0,
        version=1,
    )


def test_markers_sit_at_their_dates_along_the_axis() -> None:
    milestones = [
        _m("start", date(2018, 1, 1), date(2018, 1, 1), "done"),
        _m("visit", None, None, "unplanned"),
        _m("middle", date(2018, 1, 31), None, "overdue"),
        _m("end", date(2018, 3, 2), None, "upcoming"),
    ]
    timeline = lay_out(milestones, today=date(2018, 2, 10))
    assert timeline is not None
    # 900 wide with 20 either side: 860 units for the 60 days from 1 January to 2 March.
    assert [m.x for m in timeline.markers] == [20, 450, 880]
    assert [m.number for m in timeline.markers] == [1, 3, 4]  # the undated one is left out
    assert timeline.today_x == round(20 + 860 * 40 / 60, 1)
    assert [t.label for t in timeline.ticks] == ["Jan 2018", "Feb 2018", "Mar 2018"]
    assert timeline.markers[1].colour == "#d4351c"  # overdue: red, with the word in the table


def test_nothing_to_draw_without_dates() -> None:
    assert lay_out([_m("a", None, None, "unplanned")], today=date(2018, 1, 1)) is None
