"""Direction of travel as seed 003's evaluation framework shows it."""

from __future__ import annotations

import pytest

from joinedup.errors import InvalidInput
from joinedup.monitoring.direction import (
    Polarity,
    Travel,
    direction_of_travel,
    latest_performance,
)
from joinedup.monitoring.targets import parse_target

# Seed 003 prints the target, the Apr-19 value and "performance since last report". The previous
# report's value is not printed; each one below is derived by hand from the printed arrow and %,
# with polarity taken from the target's wording (relative change = (now - before) / before):
#   1a 997 or fewer, 1,218, ↓ (1%): worse, so before < now: 1218 / 1.01 ~ 1206 -> +12/1206 = 0.995%
#   1b 95% or above, 87%, ↓ (1%): worse, so before > now: 88 -> -1/88 = -1.14%
#   1c 83 or fewer, 95, ↑ (17%): better, so before > now: 95 / 0.83 ~ 114.5 -> -19.5/114.5 = -17.03%
#   1d 86% or above, 92%, →: 91.8 -> +0.2/91.8 = 0.22%, under 0.5%, so unchanged
#   1e 16.5 or fewer, 11.5, ↑ (28%): 16 -> -4.5/16 = -28.1%
#   1f 8920 or above, 8,842, ↑ (10%): 8038 -> +804/8038 = 10.002%
#   1g 5750 or above, 5,944, ↑ (13%): 5260 -> +684/5260 = 13.004%
#   2a 24550 or fewer, 19,667, ↑ (19%): 24280 -> -4613/24280 = -18.999%
#   2b 18 or below, 13, ↑ (23%): 16.9 -> -3.9/16.9 = -23.08%
#   2d 85% or above, 73.7%, ↓ (3%): 76 -> -2.3/76 = -3.03%
#   2e 3.3% or above, 1.7%, ↓ (1%): 1.72 -> -0.02/1.72 = -1.16%
#   2f 18.86% or above, 21.60%, ↑ (1%): 21.4 -> +0.2/21.4 = 0.93%
SEED_003_ROWS = [
    ("1a", "997 or fewer", 1206, 1218, "↓ (1%)", False),
    ("1b", "95% or above", 88, 87, "↓ (1%)", False),
    ("1c", "83 or fewer", 114.5, 95, "↑ (17%)", False),
    ("1d", "86% or above", 91.8, 92, "→", True),
    ("1e", "16.5 or fewer", 16, 11.5, "↑ (28%)", True),
    ("1f", "8920 or above", 8038, 8842, "↑ (10%)", False),
    ("1g", "5750 or above", 5260, 5944, "↑ (13%)", True),
    ("2a", "24550 or fewer", 24280, 19667, "↑ (19%)", True),
    ("2b", "18 or below", 16.9, 13, "↑ (23%)", True),
    ("2c", "83 or fewer", 114.5, 95, "↑ (17%)", False),
    ("2d", "85% or above", 76, 73.7, "↓ (3%)", False),
    ("2e", "3.3% or above", 1.72, 1.7, "↓ (1%)", False),
    ("2f", "18.86% or above", 21.4, 21.60, "↑ (1%)", True),
]


@pytest.mark.parametrize(("row", "target", "before", "now", "shown", "met"), SEED_003_ROWS)
def test_seed_003_rows(
    row: str, target: str, before: float, now: float, shown: str, met: bool
) -> None:
    performance = latest_performance(now, previous=before, target=parse_target(target))
    assert performance.target_met is met, row
    assert performance.since_last_report is not None
    assert performance.since_last_report.shown == shown, row


def test_reducing_the_number_delayed_is_an_improvement_shown_as_an_up_arrow() -> None:
    # Seed 003 row 1c: "reduce the number delayed, target 83 or fewer, now 95, up (17%)".
    travel = direction_of_travel(114.5, 95, Polarity.LOWER_IS_BETTER)
    assert travel.travel is Travel.IMPROVING
    assert travel.arrow == "↑"
    assert travel.shown_percent == 17
    assert travel.words == "improved by 17% since the last report"
    # The raw value fell by 17.03%.
    assert travel.change_percent == pytest.approx(-17.03, abs=0.01)


def test_the_same_fall_is_worsening_when_higher_is_better() -> None:
    travel = direction_of_travel(114.5, 95, Polarity.HIGHER_IS_BETTER)
    assert travel.shown == "↓ (17%)"
    assert travel.words == "worsened by 17% since the last report"


@pytest.mark.parametrize(
    ("before", "now", "shown"),
    [
        (200, 200.99, "→"),  # +0.495%: rounds to 0%, unchanged
        (200, 201, "↑ (1%)"),  # +0.5%: rounds up to 1%, not unchanged
        (200, 199, "↓ (1%)"),  # -0.5%
        (200, 205, "↑ (3%)"),  # +2.5% rounds half up to 3%, not to the even 2%
        (0, 0, "→"),
        (0, 4, "↑"),  # from zero a relative change has no meaning: arrow only
    ],
)
def test_unchanged_means_under_half_a_percent(before: float, now: float, shown: str) -> None:
    assert direction_of_travel(before, now, Polarity.HIGHER_IS_BETTER).shown == shown


def test_negative_previous_values_use_the_size_of_the_previous_value() -> None:
    # A net balance moving from -50 to -40 rose by 10/50 = 20%.
    travel = direction_of_travel(-50, -40, Polarity.HIGHER_IS_BETTER)
    assert travel.shown == "↑ (20%)"


def test_neutral_polarity_says_only_higher_or_lower() -> None:
    travel = direction_of_travel(100, 90, Polarity.NEUTRAL)
    assert travel.travel is Travel.LOWER
    assert travel.words == "went down by 10% since the last report"


def test_first_report_has_no_direction_and_a_kpi_without_target_no_verdict() -> None:
    first = latest_performance(95, previous=None, target=parse_target("83 or fewer"))
    assert first.since_last_report is None
    assert first.target_met is False
    untargeted = latest_performance(95, previous=100, target=None, polarity=Polarity.NEUTRAL)
    assert untargeted.target_met is None


def test_polarity_given_explicitly_overrides_the_target_wording() -> None:
    performance = latest_performance(
        90, previous=80, target=parse_target("between 80 and 90"), polarity=Polarity.LOWER_IS_BETTER
    )
    assert performance.since_last_report is not None
    assert performance.since_last_report.travel is Travel.WORSENING
    assert performance.target_met is True


def test_non_numbers_are_refused() -> None:
    with pytest.raises(InvalidInput, match="not a finite number"):
        direction_of_travel(float("nan"), 3, Polarity.NEUTRAL)
