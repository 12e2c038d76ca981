"""The two shipped frameworks, their milestone templates, CQC's scoring, and framework files."""

from __future__ import annotations

from datetime import date

import pytest

from joinedup.errors import InvalidInput
from joinedup.reviews import frameworks
from joinedup.reviews.rules import add_months


def _shipped() -> dict[str, frameworks.Framework]:
    return {f.key: f for f, _ in frameworks.shipped()}


def test_the_local_system_review_asks_the_five_key_questions() -> None:
    lsr = _shipped()["local-system-review-2017"]
    assert [q.title for q in lsr.questions] == [
        "Safe",
        "Effective",
        "Caring",
        "Responsive",
        "Well-led",
    ]
    assert "interface between the two" in lsr.focus_question
    assert lsr.scoring is None


def test_planned_dates_follow_coventrys_review() -> None:
    # Coventry (seed 001): SOIR from 4 Dec 2017, on-site week from 22 Jan 2018, summit on
    # 14 Mar 2018, report published 15 Mar 2018; the action plan is due a month after the summit.
    plan = {
        t.key: when
        for t, when in _shipped()["local-system-review-2017"].plan_milestones(date(2017, 12, 4))
    }
    assert plan["soir_sent"] == date(2017, 12, 4)
    assert plan["on_site_week"] == date(2018, 1, 22)
    assert plan["summit"] == date(2018, 3, 14)
    assert plan["report_published"] == date(2018, 3, 15)
    assert plan["action_plan_due"] == date(2018, 4, 14)
    assert list(plan) == [
        "soir_sent",
        "soir_returned",
        "relational_audit",
        "on_site_week",
        "summit",
        "report_published",
        "action_plan_due",
        "action_plan_submitted",
    ]


def test_a_month_after_the_end_of_january_is_the_end_of_february() -> None:
    assert add_months(date(2018, 1, 31), 1) == date(2018, 2, 28)
    assert add_months(date(2019, 12, 15), 1) == date(2020, 1, 15)


def test_cqc_has_four_themes_and_nine_quality_statements() -> None:
    cqc = _shipped()["cqc-local-authority-assessment"]
    assert len(cqc.themes) == 4
    assert len(cqc.questions) == 9
    per_theme = [sum(q.theme == t for q in cqc.questions) for t in cqc.themes]
    assert per_theme == [3, 2, 2, 2]


@pytest.mark.parametrize(
    ("scores", "percent", "rating"),
    [
        ([1] * 9, 25, "Inadequate"),  # 9/36
        ([1] * 5 + [2] * 4, 36, "Inadequate"),  # 13/36 = 36.1%
        ([1] * 4 + [2] * 5, 39, "Requires improvement"),  # 14/36 = 38.9%, rounds to 39
        ([2] * 9, 50, "Requires improvement"),  # 18/36
        ([2] * 5 + [3] * 4, 61, "Requires improvement"),  # 22/36 = 61.1%
        ([2] * 4 + [3] * 5, 64, "Good"),  # 23/36 = 63.9%
        ([3] * 9, 75, "Good"),  # 27/36
        ([3] * 5 + [4] * 4, 86, "Good"),  # 31/36 = 86.1%
        ([3] * 4 + [4] * 5, 89, "Outstanding"),  # 32/36 = 88.9%
        ([4] * 9, 100, "Outstanding"),
    ],
)
def test_overall_rating_is_the_percentage_of_the_maximum_score(
    scores: list[int], percent: int, rating: str
) -> None:
    result = _shipped()["cqc-local-authority-assessment"].overall(scores)
    assert (result.total, result.maximum) == (sum(scores), 36)
    assert (result.percent, result.rating) == (percent, rating)


def test_a_framework_can_be_added_from_json() -> None:
    text = """{"key": "mini", "name": "Mini review",
      "questions": [{"id": "flow", "title": "Flow"}],
      "milestones": [{"key": "visit", "label": "Visit", "days": 7},
                     {"key": "plan", "label": "Plan due", "after": "visit", "months": 1}]}"""
    framework, _ = frameworks.load_text(text, source="mini.json")
    plan = [when for _, when in framework.plan_milestones(date(2024, 1, 1))]
    assert plan == [date(2024, 1, 8), date(2024, 2, 8)]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("key: x\nname: X\nmilestones: [{key: a, label: A}]\n", "mini.yaml, questions"),
        (
            "key: x\nname: X\nquestions: [{id: q, title: Q}]\n"
            "milestones: [{key: a, label: A, after: b}]\n",
            "mini.yaml, milestones item 1, after: 'b' is not an earlier milestone's key",
        ),
        (
            "key: x\nname: X\nquestions: [{id: q, title: Q, theme: t}]\n"
            "milestones: [{key: a, label: A}]\n",
            "mini.yaml, questions item 1, theme: 't' is not one of the themes",
        ),
        ("key: Bad Key\nname: X\n", "mini.yaml"),
        ("key: [unclosed\n", "mini.yaml: not valid JSON or YAML"),
    ],
)
def test_a_bad_framework_file_is_refused_naming_the_field(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message.replace("(", r"\(").replace("[", r"\[")):
        frameworks.load_text(text, source="mini.yaml")
