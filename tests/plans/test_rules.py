"""The rules of plans, against values worked out by hand from the documented thresholds."""

from __future__ import annotations

from datetime import date

import pytest

from joinedup.plans.rules import (
    ActionFacts,
    ActionStatus,
    FindingRef,
    JournalEntry,
    PlanStatus,
    Rating,
    RatingAt,
    action_change_problems,
    days_overdue,
    in_force,
    parse_choice,
    plan_transition_problem,
    rag_problems,
    rating_on,
    since_last_report,
    submit_problem,
    suggest_rating,
    uncovered_findings,
)

TODAY = date(2019, 6, 13)


def act(
    ref: str,
    status: ActionStatus = ActionStatus.ON_TRACK,
    *,
    baseline: date = date(2019, 9, 30),
    forecast: date | None = None,
    indicative: bool = False,
) -> ActionFacts:
    return ActionFacts(ref, status, baseline, forecast or baseline, indicative)


# --- suggested rating -------------------------------------------------------------------------


def test_all_on_track_or_closed_is_green() -> None:
    actions = [
        act("A.1", ActionStatus.COMPLETE, baseline=date(2018, 1, 1)),
        act("A.2", ActionStatus.CANCELLED, baseline=date(2018, 1, 1)),
        act("A.3"),
        act("A.4", ActionStatus.NOT_STARTED),
    ]
    suggestion = suggest_rating(actions, TODAY)
    assert suggestion.rating == Rating.GREEN
    assert "2 of 4 actions closed" in suggestion.triggers[0]


def test_no_actions_is_amber() -> None:
    suggestion = suggest_rating([], TODAY)
    assert suggestion.rating == Rating.AMBER
    assert suggestion.triggers == ("no actions planned yet",)


@pytest.mark.parametrize("status", [ActionStatus.SLIPPED, ActionStatus.AT_RISK])
def test_one_slipped_or_at_risk_action_among_many_is_amber(status: ActionStatus) -> None:
    actions = [act("B.1", status)] + [act(f"B.{n}") for n in range(2, 6)]
    suggestion = suggest_rating(actions, TODAY)
    assert suggestion.rating == Rating.AMBER
    assert any("B.1" in t for t in suggestion.triggers)


def test_overdue_by_a_day_is_amber_and_by_ninety_one_days_is_red() -> None:
    # forecast 12 June 2019, today 13 June: 1 day past the forecast.
    one_day = [act("C.1", forecast=date(2019, 6, 12))] + [act(f"C.{n}") for n in range(2, 9)]
    assert suggest_rating(one_day, TODAY).rating == Rating.AMBER
    # 90 days before 13 June 2019 is 15 March 2019: exactly 90 days is still Amber.
    ninety = [act("C.1", forecast=date(2019, 3, 15))] + [act(f"C.{n}") for n in range(2, 9)]
    assert days_overdue(ninety[0], TODAY) == 90
    assert suggest_rating(ninety, TODAY).rating == Rating.AMBER
    ninety_one = [act("C.1", forecast=date(2019, 3, 14))] + [act(f"C.{n}") for n in range(2, 9)]
    suggestion = suggest_rating(ninety_one, TODAY)
    assert suggestion.rating == Rating.RED
    assert "C.1: 91 days" in suggestion.triggers[0]


def test_closed_actions_are_never_overdue() -> None:
    done = act("D.1", ActionStatus.COMPLETE, baseline=date(2018, 1, 1))
    assert days_overdue(done, TODAY) == 0
    assert suggest_rating([done], TODAY).rating == Rating.GREEN


def test_three_problems_in_fifteen_open_actions_is_red_but_not_in_sixteen() -> None:
    problems = [act(f"E.{n}", ActionStatus.SLIPPED) for n in (1, 2, 3)]
    fifteen = problems + [act(f"E.{n}") for n in range(4, 16)]
    assert suggest_rating(fifteen, TODAY).rating == Rating.RED  # 3 >= 0.2 x 15
    sixteen = problems + [act(f"E.{n}") for n in range(4, 17)]
    assert suggest_rating(sixteen, TODAY).rating == Rating.AMBER  # 3 < 0.2 x 16


def test_two_problems_are_never_red() -> None:
    actions = [act("F.1", ActionStatus.SLIPPED), act("F.2", ActionStatus.AT_RISK)]
    assert suggest_rating(actions, TODAY).rating == Rating.AMBER


def test_an_action_both_slipped_and_overdue_counts_once() -> None:
    late = date(2019, 6, 1)
    actions = [act("G.1", ActionStatus.SLIPPED, forecast=late), act("G.2", forecast=late)]
    actions += [act(f"G.{n}") for n in range(3, 8)]
    # two distinct problem actions out of 7 open: not Red
    assert suggest_rating(actions, TODAY).rating == Rating.AMBER


def test_firm_forecast_more_than_thirty_days_after_baseline_is_amber() -> None:
    base = date(2019, 9, 1)
    thirty = act("H.1", baseline=base, forecast=date(2019, 10, 1))  # 30 days later
    thirty_one = act("H.1", baseline=base, forecast=date(2019, 10, 2))
    assert suggest_rating([thirty], TODAY).rating == Rating.GREEN
    assert suggest_rating([thirty_one], TODAY).rating == Rating.AMBER
    indicative = act("H.1", baseline=base, forecast=date(2019, 12, 1), indicative=True)
    assert suggest_rating([indicative], TODAY).rating == Rating.GREEN


def test_triggers_name_at_most_three_actions() -> None:
    actions = [act(f"K.{n}", ActionStatus.AT_RISK) for n in range(1, 6)]
    actions += [act(f"K.{n}") for n in range(6, 60)]
    triggers = suggest_rating(actions, TODAY).triggers
    assert triggers == ("5 actions at risk: K.1, K.2, K.3 and 2 more",)


# --- RAG assessments --------------------------------------------------------------------------


def test_rationale_always_and_mitigation_for_amber_and_red() -> None:
    assert rag_problems(
        rating=Rating.GREEN, rationale="", mitigation="", suggested=Rating.GREEN, override_reason=""
    ) == {"rationale": "Give the reason for the rating"}
    for rating in (Rating.AMBER, Rating.RED):
        problems = rag_problems(
            rating=rating, rationale="why", mitigation=" ", suggested=rating, override_reason=""
        )
        assert set(problems) == {"mitigation"}
    assert (
        rag_problems(
            rating=Rating.GREEN,
            rationale="why",
            mitigation="",
            suggested=Rating.GREEN,
            override_reason="",
        )
        == {}
    )


def test_overriding_the_suggestion_needs_a_reason() -> None:
    problems = rag_problems(
        rating=Rating.GREEN,
        rationale="why",
        mitigation="",
        suggested=Rating.AMBER,
        override_reason="",
    )
    assert set(problems) == {"override_reason"}
    assert "amber" in problems["override_reason"]
    assert not rag_problems(
        rating=Rating.GREEN,
        rationale="why",
        mitigation="",
        suggested=Rating.AMBER,
        override_reason="the slipped action is no longer needed",
    )


# --- statuses ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "target", "allowed"),
    [
        (PlanStatus.DRAFT, PlanStatus.AGREED, True),
        (PlanStatus.DRAFT, PlanStatus.SUBMITTED, False),
        (PlanStatus.AGREED, PlanStatus.DRAFT, True),
        (PlanStatus.AGREED, PlanStatus.SUBMITTED, True),
        (PlanStatus.SUBMITTED, PlanStatus.IN_DELIVERY, True),
        (PlanStatus.SUBMITTED, PlanStatus.DRAFT, False),
        (PlanStatus.IN_DELIVERY, PlanStatus.COMPLETE, True),
        (PlanStatus.COMPLETE, PlanStatus.IN_DELIVERY, False),
        (PlanStatus.COMPLETE, PlanStatus.COMPLETE, True),
    ],
)
def test_plan_status_moves(current: PlanStatus, target: PlanStatus, allowed: bool) -> None:
    assert (plan_transition_problem(current, target) is None) is allowed


def test_forecast_change_cancellation_and_reopening_need_a_reason() -> None:
    def problems(current: ActionStatus, target: ActionStatus, **kw: object) -> dict[str, str]:
        args: dict[str, object] = {"forecast_changed": False, "reason": "", "completed_on": None}
        args.update(kw)
        return action_change_problems(current=current, target=target, **args)  # type: ignore[arg-type]

    on, done, cancelled = ActionStatus.ON_TRACK, ActionStatus.COMPLETE, ActionStatus.CANCELLED
    assert problems(on, on) == {}
    assert problems(on, on, forecast_changed=True) == {
        "reason": "Give a reason for changing the forecast date"
    }
    assert problems(on, on, forecast_changed=True, reason="supplier late") == {}
    assert problems(on, cancelled) == {"reason": "Give a reason for cancelling the action"}
    assert problems(done, on) == {"reason": "Give a reason for reopening a complete action"}
    assert problems(cancelled, ActionStatus.AT_RISK, reason="needed after all") == {}
    assert problems(on, done, completed_on=date(2019, 5, 1)) == {}
    assert problems(on, on, completed_on=date(2019, 5, 1)) == {
        "completed_on": "Only a complete action has a completion date"
    }


def test_statuses_are_read_from_labels() -> None:
    assert parse_choice(ActionStatus, " On track ") == ActionStatus.ON_TRACK
    assert parse_choice(ActionStatus, "COMPLETED") == ActionStatus.COMPLETE
    assert parse_choice(ActionStatus, "not_started") == ActionStatus.NOT_STARTED
    assert parse_choice(Rating, "Amber") == Rating.AMBER
    with pytest.raises(ValueError, match="'Blue' is not one of: Green, Amber, Red"):
        parse_choice(Rating, "Blue")


# --- coverage ---------------------------------------------------------------------------------


def test_uncovered_findings_are_the_areas_needing_action_with_no_action() -> None:
    findings = [
        FindingRef(1, "working_well", "good"),
        FindingRef(2, "area_for_improvement", "pathways"),
        FindingRef(3, "area_of_future_focus", "culture"),
        FindingRef(4, "area_for_improvement", "carers"),
    ]
    assert [f.id for f in uncovered_findings(findings, [2])] == [3, 4]
    assert uncovered_findings(findings, [2, 3, 4]) == []


def test_submitting_with_uncovered_findings_needs_a_recorded_reason() -> None:
    gap = [FindingRef(3, "area_of_future_focus", "culture")]
    assert submit_problem([], "") is None
    assert submit_problem(gap, "") is not None
    assert "1 finding needing action is not covered" in (submit_problem(gap, "") or "")
    assert submit_problem(gap, "the OD strategy will answer it in the autumn") is None


# --- since last report ------------------------------------------------------------------------


def entry(
    ref: str, on: date, kind: str = "updated", **changes: tuple[object, object]
) -> JournalEntry:
    return JournalEntry(1, ref, on, kind, dict(changes), reason="r")


def test_since_last_report_sorts_changes_into_their_kinds() -> None:
    start, end = date(2019, 3, 14), date(2019, 6, 13)
    entries = [
        entry("A.1", date(2019, 3, 14), status=("on_track", "complete")),  # on start: excluded
        entry("A.2", date(2019, 4, 1), "created"),
        entry("A.3", date(2019, 5, 1), status=("on_track", "complete")),
        entry("A.4", date(2019, 5, 2), forecast_due=(date(2019, 6, 1), date(2019, 9, 1))),
        entry("A.5", date(2019, 5, 3), forecast_due=(date(2019, 9, 1), date(2019, 7, 1))),
        entry("A.6", date(2019, 6, 13), status=("at_risk", "slipped")),  # on end: included
        entry("A.7", date(2019, 6, 14), status=("on_track", "slipped")),  # after end
    ]
    ratings = [
        RatingAt("B", date(2019, 3, 14), Rating.GREEN),
        RatingAt("B", date(2019, 6, 13), Rating.AMBER),
        RatingAt("C", date(2019, 3, 14), Rating.AMBER),
        RatingAt("C", date(2019, 6, 13), Rating.AMBER),
        RatingAt("D", date(2019, 5, 1), Rating.RED),
    ]
    report = since_last_report(entries, ratings, start, end)
    refs = lambda items: [e.reference for e in items]  # noqa: E731
    assert refs(report.new_actions) == ["A.2"]
    assert refs(report.status_changes) == ["A.3", "A.6"]
    assert refs(report.completions) == ["A.3"]
    assert refs(report.date_changes) == ["A.4", "A.5"]
    assert refs(report.slippage) == ["A.4", "A.6"]  # A.5 moved earlier
    assert report.rag_changes == [("B", Rating.GREEN, Rating.AMBER), ("D", None, Rating.RED)]
    assert not report.is_empty


def test_rating_in_force_is_the_latest_on_or_before_the_date() -> None:
    ratings = [
        RatingAt("A", date(2019, 1, 1), Rating.RED),
        RatingAt("A", date(2019, 3, 1), Rating.GREEN),
    ]
    assert rating_on(ratings, "A", date(2018, 12, 31)) is None
    assert rating_on(ratings, "A", date(2019, 2, 28)) == Rating.RED
    assert rating_on(ratings, "A", date(2019, 3, 1)) == Rating.GREEN


def test_a_period_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(ValueError, match="before its start"):
        since_last_report([], [], date(2019, 6, 1), date(2019, 5, 1))


def test_the_rating_in_force_is_the_latest_date_on_or_before_then_the_latest_entry() -> None:
    recorded = [
        (date(2019, 3, 1), "first"),
        (date(2019, 6, 1), "june"),
        (date(2019, 6, 1), "june, corrected"),  # recorded later on the same reporting date
        (date(2019, 9, 1), "september"),
    ]

    def held(on: date) -> str | None:
        found = in_force(recorded, on, day=lambda r: r[0])
        return found[1] if found else None

    assert held(date(2019, 2, 28)) is None
    assert held(date(2019, 5, 31)) == "first"
    assert held(date(2019, 6, 1)) == "june, corrected"
    assert held(date(2019, 8, 31)) == "june, corrected"
    assert held(date(2020, 1, 1)) == "september"
