"""Targets written the way boards write them (seed 003) are understood, checked and shown back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from joinedup.errors import InvalidInput
from joinedup.monitoring.targets import FORMS, Comparator, Target, parse_target

# Every target in seed 003's evaluation framework, with the reading a board member would give it.
SEED_003 = [
    ("997 or fewer", Comparator.AT_MOST, 997, None, False),
    ("95% or above", Comparator.AT_LEAST, 95, None, True),
    ("83 or fewer", Comparator.AT_MOST, 83, None, False),
    ("86% or above", Comparator.AT_LEAST, 86, None, True),
    ("16.5 or fewer", Comparator.AT_MOST, 16.5, None, False),
    ("8920 or above", Comparator.AT_LEAST, 8920, None, False),
    ("5750 or above", Comparator.AT_LEAST, 5750, None, False),
    ("24550 or fewer", Comparator.AT_MOST, 24550, None, False),
    ("18 or below", Comparator.AT_MOST, 18, None, False),
    ("85% or above", Comparator.AT_LEAST, 85, None, True),
    ("3.3% or above", Comparator.AT_LEAST, 3.3, None, True),
    ("18.86% or above", Comparator.AT_LEAST, 18.86, None, True),
]

OTHER_WORDINGS = [
    ("between 80 and 90", Comparator.BETWEEN, 80, 90, False),
    ("between 80% and 90%", Comparator.BETWEEN, 80, 90, True),
    ("at least 5", Comparator.AT_LEAST, 5, None, False),
    ("no more than 3", Comparator.AT_MOST, 3, None, False),
    ("less than 10", Comparator.LESS_THAN, 10, None, False),
    ("more than 2", Comparator.MORE_THAN, 2, None, False),
    ("1,218 or fewer", Comparator.AT_MOST, 1218, None, False),
    ("= 0", Comparator.EQUAL, 0, None, False),
    ("<=5", Comparator.AT_MOST, 5, None, False),
    ("≥ 12.5%", Comparator.AT_LEAST, 12.5, None, True),
    ("  95 %  OR   ABOVE ", Comparator.AT_LEAST, 95, None, True),
]


@pytest.mark.parametrize(("text", "comparator", "value", "upper", "percent"), SEED_003)
def test_every_seed_003_target_is_understood_and_shown_back_unchanged(
    text: str, comparator: Comparator, value: float, upper: float | None, percent: bool
) -> None:
    target = parse_target(text)
    assert (target.comparator, target.value, target.upper, target.percent) == (
        comparator,
        value,
        upper,
        percent,
    )
    assert target.render() == text


@pytest.mark.parametrize(("text", "comparator", "value", "upper", "percent"), OTHER_WORDINGS)
def test_other_common_wordings(
    text: str, comparator: Comparator, value: float, upper: float | None, percent: bool
) -> None:
    target = parse_target(text)
    assert (target.comparator, target.value, target.upper, target.percent) == (
        comparator,
        value,
        upper,
        percent,
    )


def test_shown_back_in_the_words_it_was_written_in() -> None:
    assert parse_target("1,218 or fewer").render() == "1,218 or fewer"
    assert parse_target("18 or below").render() == "18 or below"
    assert parse_target("between 80 and 90").render() == "between 80 and 90"
    # The percent sign written once on a range applies to both ends.
    assert parse_target("between 80 and 90%").render() == "between 80% and 90%"
    assert str(parse_target("no more than 3")) == "no more than 3"


@pytest.mark.parametrize(
    ("text", "met", "not_met"),
    [
        ("83 or fewer", [83, 82.9, 0], [83.01, 95]),
        ("less than 10", [9.99], [10, 11]),
        ("95% or above", [95, 99.5], [94.99, 87]),
        ("more than 2", [2.5], [2, 1]),
        ("between 80 and 90", [80, 85, 90], [79.9, 90.1]),
        ("= 0", [0, 0.0], [0.001, -1]),
    ],
)
def test_met_follows_the_wording_including_its_boundary(
    text: str, met: list[float], not_met: list[float]
) -> None:
    target = parse_target(text)
    assert all(target.met(v) for v in met)
    assert not any(target.met(v) for v in not_met)


def test_seed_003_met_or_not_for_april_2019() -> None:
    # Seed 003, Apr-19 column: 1,218 against "997 or fewer" is missed; 92% against "86% or above"
    # is met; 11.5 against "16.5 or fewer" is met; 8,842 against "8920 or above" is missed.
    assert not parse_target("997 or fewer").met(1218)
    assert parse_target("86% or above").met(92)
    assert parse_target("16.5 or fewer").met(11.5)
    assert not parse_target("8920 or above").met(8842)
    assert parse_target("18.86% or above").met(21.60)


def test_wording_implies_polarity() -> None:
    assert parse_target("83 or fewer").lower_is_better is True
    assert parse_target("95% or above").lower_is_better is False
    assert parse_target("between 80 and 90").lower_is_better is None


@pytest.mark.parametrize("text", ["95", "", "about 95", "95 or so", "or fewer", "12,34 or fewer"])
def test_unclear_targets_are_rejected_with_the_forms_understood(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_target(text, where="kpis.csv, row 4, column target")
    message = str(caught.value)
    assert message.startswith("kpis.csv, row 4, column target: target")
    assert repr(text) in message
    assert "997 or fewer" in message
    assert "between N and M" in message


def test_backwards_range_is_rejected_clearly() -> None:
    with pytest.raises(InvalidInput, match="smaller number first"):
        parse_target("between 90 and 80")


def test_targets_built_in_code_render_in_the_first_wording() -> None:
    assert Target(Comparator.AT_MOST, 83).render() == "83 or fewer"
    assert Target(Comparator.AT_LEAST, 18.86, percent=True).render() == "18.86% or above"
    assert Target(Comparator.BETWEEN, 80, 90).render() == "between 80 and 90"
    with pytest.raises(InvalidInput):
        Target(Comparator.BETWEEN, 80)


# Property: whatever people write in any understood form parses, renders, and parses back to the
# same target; and rendering is stable.
_numbers = st.one_of(
    st.integers(min_value=-10_000_000, max_value=10_000_000).map(str),
    st.integers(min_value=1_000, max_value=99_999_999).map(lambda n: f"{n:,}"),
    st.decimals(min_value=-1000, max_value=100_000, places=2, allow_nan=False).map(
        lambda d: format(d, "f")
    ),
)
_forms = st.sampled_from([(c, f) for c, forms in FORMS.items() for f in forms])


@st.composite
def written_targets(draw: st.DrawFn) -> str:
    comparator, form = draw(_forms)
    mark = "%" if draw(st.booleans()) else ""
    first = draw(_numbers)
    text = form.replace("{n}", first + mark)
    if comparator is Comparator.BETWEEN:
        second = draw(_numbers)
        low, high = sorted([first, second], key=lambda w: float(w.replace(",", "")))
        text = form.replace("{n}", low + mark).replace("{m}", high + mark)
    return text


@given(written_targets())
def test_round_trip_render_parse(text: str) -> None:
    target = parse_target(text)
    again = parse_target(target.render())
    assert again == target
    assert again.render() == target.render()


@given(
    st.sampled_from(list(Comparator)),
    st.floats(min_value=-1e9, max_value=1e9, allow_nan=False),
    st.floats(min_value=0, max_value=1e6, allow_nan=False),
    st.booleans(),
)
def test_round_trip_from_code(
    comparator: Comparator, value: float, width: float, percent: bool
) -> None:
    upper = value + width if comparator is Comparator.BETWEEN else None
    target = Target(comparator, value, upper, percent)
    assert parse_target(target.render()) == target
