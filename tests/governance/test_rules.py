"""The pure rules of governance: the 5 x 5 risk score and its bands, the board's threshold, how
resolutions read and how a participant line is read."""

from __future__ import annotations

from datetime import date

import pytest

from joinedup.governance import rules


@pytest.mark.parametrize(
    ("likelihood", "impact", "score", "band"),
    [
        (1, 1, 1, "Low"),
        (1, 3, 3, "Low"),
        (2, 2, 4, "Moderate"),
        (2, 3, 6, "Moderate"),
        (2, 4, 8, "High"),
        (3, 4, 12, "High"),
        (3, 5, 15, "Extreme"),
        (5, 5, 25, "Extreme"),
    ],
)
def test_scores_fall_in_the_nhs_matrix_bands(
    likelihood: int, impact: int, score: int, band: str
) -> None:
    assert rules.score(likelihood, impact) == score
    assert rules.band(score) == band


@pytest.mark.parametrize(("likelihood", "impact"), [(0, 3), (6, 1), (3, -1)])
def test_a_score_off_the_scale_is_refused(likelihood: int, impact: int) -> None:
    with pytest.raises(ValueError, match="1 to 5"):
        rules.score(likelihood, impact)


def test_the_board_sees_the_risks_at_or_above_its_threshold_highest_first() -> None:
    risks = [
        rules.Scored(1, 3, 4),
        rules.Scored(2, 5, 5),
        rules.Scored(3, 2, 2),
        rules.Scored(4, 4, 3),
    ]
    assert [r.id for r in rules.above_threshold(risks, 12)] == [2, 1, 4]
    assert rules.above_threshold(risks, 26) == []


def test_resolutions_read_as_the_minutes_write_them() -> None:
    assert rules.resolutions_text([]) == ""
    assert rules.resolutions_text(["the report be noted"]) == "RESOLVED that the report be noted"
    assert rules.resolutions_text(["a be noted", "b continue"]) == (
        "RESOLVED that: (1) a be noted (2) b continue"
    )


@pytest.mark.parametrize(
    ("line", "name", "role"),
    [
        ("Pete Fahy – Director of Adult Services", "Pete Fahy", "Director of Adult Services"),
        ("Andrea Green - Coventry and Rugby CCG", "Andrea Green", "Coventry and Rugby CCG"),
        ("Faye Abbott, Cabinet Member", "Faye Abbott", "Cabinet Member"),
        ("A caller", "A caller", ""),
    ],
)
def test_a_participant_line_gives_name_and_role(line: str, name: str, role: str) -> None:
    entry = rules.participant(line)
    assert entry == {"name": name, "role": role}
    assert rules.participant(rules.participant_line(entry)) == entry


def test_the_forward_plan_holds_today_and_later_soonest_first() -> None:
    today = date(2019, 6, 13)
    dated = [(date(2019, 9, 12), "september"), (today, "today"), (date(2019, 1, 1), "past")]
    assert rules.coming(dated, today) == ["today", "september"]
